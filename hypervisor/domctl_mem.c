/*
 * domctl memory views: max_mem, getmemlist (the p2m, one MFN per pfn) and
 * getmemmap (our deviation: the RMA and the extents as blocks).
 * Results are copied out in batches so a large p2m costs few walker calls.
 */
#include <errno.h>

#include "domctl_priv.h"

#define MEMLIST_BATCH 512
#define MEMMAP_BATCH 64
#define INVALID_MFN (~0ULL)

/* PowerPC sizes the p2m by max_mem and cannot shrink it (facts §4). */
int domctl_max_mem(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	uint64_t kb = be64_get(op->u.max_mem.max_memkb);
	uint64_t pages = kb >> (XEN_PAGE_SHIFT - 10);

	(void)c;
	if (pages < d->max_pages || pages < d->tot_pages)
		return -EINVAL;
	d->max_pages = pages;
	return 0;
}

int domctl_getmemlist(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	struct xen_domctl_getmemlist *ml = &op->u.getmemlist;
	uint64_t start = be64_get(ml->start_pfn), max = be64_get(ml->max_pfns);
	uint64_t end = p2m_max_gpfn(d), n, done = 0;
	uint64_t h = be64_get(ml->buffer);
	be64_t batch[MEMLIST_BATCH];

	n = start < end ? end - start : 0;
	if (n > max)
		n = max;
	while (done < n) {
		unsigned k = 0;
		for (; k < MEMLIST_BATCH && done + k < n; k++) {
			uint64_t g = start + done + k;
			const struct p2m_extent *e = p2m_lookup(d, g);
			batch[k] = be64_mk(e ? e->mfn + (g - e->gpfn) : INVALID_MFN);
		}
		if (hv_copy_to(c, h, done * sizeof(be64_t), batch, k * sizeof(be64_t)) != 0)
			return -EFAULT;
		done += k;
	}
	ml->num_pfns = be64_mk(n);
	return 0;
}

int domctl_getmemmap(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	struct xen_domctl_getmemmap *mm = &op->u.getmemmap;
	uint32_t max = be32_get(mm->max_extents), total = 0, k = 0;
	uint64_t h = be64_get(mm->extents), written = 0;
	struct xen_domctl_memextent batch[MEMMAP_BATCH] = { 0 };

	for (uint32_t i = 0; i < d->p2m_nr; i++) {
		const struct p2m_extent *e = &d->p2m[i];
		if (e->kind == BUDDY_RMA)
			continue;
		if (total++ >= max)
			continue;
		batch[k].gpfn = be64_mk(e->gpfn);
		batch[k].mfn = be64_mk(e->mfn);
		batch[k].order = be32_mk(e->order);
		if (++k == MEMMAP_BATCH) {
			if (hv_copy_to(c, h, written * sizeof(batch[0]), batch, sizeof(batch)) != 0)
				return -EFAULT;
			written += k;
			k = 0;
		}
	}
	if (k && hv_copy_to(c, h, written * sizeof(batch[0]), batch, k * sizeof(batch[0])) != 0)
		return -EFAULT;
	mm->rma_mfn = be64_mk(d->rma_mfn);
	mm->rma_log = be32_mk(d->rma_order + XEN_PAGE_SHIFT);
	mm->nr_extents = be32_mk(total);
	return 0;
}
