/*
 * XEN_SYSCTL_memmap (our deviation, see sysctl.h): the machine map in
 * address order, straight from the allocator's block heads, and the free
 * block count per order.  max_order reports the largest buddy order this
 * machine has (the biggest block that could ever exist on it).
 */
#include <errno.h>

#include "domain.h"
#include "hcall.h"

#define REGION_BATCH 64

/*
 * The allocator's kinds are the wire's.  The map is taken after every
 * pending scrub is done (mm_scrub_sync), so a BUDDY_SCRUB block still
 * there is one a foreign mapping holds (fmap.c): XEN_MEMMAP_held.
 */
_Static_assert(BUDDY_FREE == XEN_MEMMAP_free && BUDDY_RMA == XEN_MEMMAP_rma &&
               BUDDY_EXTENT == XEN_MEMMAP_extent && BUDDY_GNTTAB == XEN_MEMMAP_gnttab &&
               BUDDY_SCRUB == XEN_MEMMAP_held, "buddy kinds are the memmap kinds");

int sysctl_memmap(struct hv_call *c, struct xen_sysctl *op);

struct memmap_walk {
	struct hv_call *c;
	uint64_t handle;
	uint32_t max, total, k, written;
	struct xen_memmap_region batch[REGION_BATCH];
	int err;
};

static int flush(struct memmap_walk *w)
{
	uint64_t at = (uint64_t)w->written * sizeof(w->batch[0]);
	if (w->k && hv_copy_to(w->c, w->handle, at, w->batch, w->k * sizeof(w->batch[0])) != 0)
		return -EFAULT;
	w->written += w->k;
	w->k = 0;
	return 0;
}

static int region(void *ctx, uint64_t mfn, unsigned order, const struct buddy_page *p)
{
	struct memmap_walk *w = ctx;

	if (w->total >= w->max) {
		w->total++;
		return 0;
	}
	struct xen_memmap_region *r = &w->batch[w->k++];
	w->total++;
	r->mfn = be64_mk(mfn);
	r->order = be32_mk(order);
	r->kind = be16_mk(p->kind);
	r->domid = be16_mk(p->kind == BUDDY_FREE || p->kind == BUDDY_SCRUB ? DOMID_INVALID : p->owner);
	if (w->k == REGION_BATCH && (w->err = flush(w)) != 0)
		return w->err;
	return 0;
}

int sysctl_memmap(struct hv_call *c, struct xen_sysctl *op)
{
	struct xen_sysctl_memmap *mm = &op->u.memmap;
	struct buddy *b = &c->hv->buddy;
	uint32_t orders = be32_get(mm->nr_orders);
	be64_t per_order[XEN_MEMMAP_MAX_ORDERS];
	static struct memmap_walk w;   /* 1 KiB of batch: keep it off the stack */
	int r;

	mm_scrub_sync(c->hv);          /* the map shows no half-freed blocks */
	if (orders > XEN_MEMMAP_MAX_ORDERS)
		orders = XEN_MEMMAP_MAX_ORDERS;
	for (unsigned o = 0; o < orders; o++)
		per_order[o] = be64_mk(o <= b->top_order ? b->nr_free[o] : 0);
	if (orders && hv_copy_to(c, be64_get(mm->free_per_order), 0, per_order,
	                         orders * sizeof(be64_t)) != 0)
		return -EFAULT;
	w = (struct memmap_walk){ .c = c, .handle = be64_get(mm->regions),
	                          .max = be32_get(mm->max_regions) };
	r = buddy_walk(b, region, &w);
	if (r == 0)
		r = flush(&w);
	if (r != 0)
		return r == -EFAULT ? -EFAULT : -EINVAL;
	mm->total_pages = be64_mk(b->nr_pages);
	mm->free_pages = be64_mk(b->free_pages);
	mm->nr_regions = be32_mk(w.total);
	mm->max_order = be32_mk(b->top_order);
	return 0;
}
