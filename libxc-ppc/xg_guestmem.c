/*
 * Public guest-memory functions (xenguest.h): copies through memcopy, the
 * memory map, the p2m and populating a domain after its RMA.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xg_private.h"

/* p2m frames fetched per getmemlist: 512 KiB of window. */
#define XG_P2M_BATCH 65536U

XC_PUBLIC int xc_guest_memory_write(xc_interface *xch, uint32_t domid,
		uint64_t gpaddr, const void *buf, size_t len)
{
	struct xg_gmem g;
	int rc = xg_gmem_open(xch, domid, len, &g);

	if (rc == 0)
		rc = xg_gmem_write(&g, gpaddr, buf, len);
	xg_gmem_close(&g);
	return rc;
}

XC_PUBLIC int xc_guest_memory_zero(xc_interface *xch, uint32_t domid,
		uint64_t gpaddr, size_t len)
{
	struct xg_gmem g;
	int rc = xg_gmem_open(xch, domid, len, &g);

	if (rc == 0)
		rc = xg_gmem_zero(&g, gpaddr, len);
	xg_gmem_close(&g);
	return rc;
}

XC_PUBLIC int xc_guest_memory_read(xc_interface *xch, uint32_t domid,
		uint64_t gpaddr, void *buf, size_t len)
{
	struct xg_gmem g;
	uint8_t *d = buf;
	int rc = xg_gmem_open(xch, domid, len, &g);

	while (rc == 0 && len > 0) {
		size_t n = xg_gmem_step(&g, len);
		if ((rc = xg_gmem_get(&g, gpaddr, n)) == 0)
			memcpy(d, g.buf, n);
		gpaddr += n;
		d += n;
		len -= n;
	}
	xg_gmem_close(&g);
	return rc;
}

/* Copy the non-zero pages of one chunk out of the window. */
static void copy_nonzero(const struct xg_gmem *g, uint8_t *dst, unsigned pages)
{
	unsigned i;

	for (i = 0; i < pages; i++)
		if (!xg_zmap_test(g->zmap, i))
			memcpy(dst + (size_t)i * XEN_PAGE_SIZE, g->buf + (size_t)i * XEN_PAGE_SIZE,
			       XEN_PAGE_SIZE);
}

XC_PUBLIC int64_t xc_guest_memory_read_nonzero(xc_interface *xch,
		uint32_t domid, uint64_t gpaddr, void *buf, size_t len,
		uint8_t *zero_map)
{
	struct xg_gmem g;
	uint8_t *d = buf;
	uint64_t page = 0;
	int64_t nonzero = 0;
	int rc;

	if (gpaddr % XEN_PAGE_SIZE || len % XEN_PAGE_SIZE)
		return xc_seterror(xch, -EINVAL, "read_nonzero: address 0x%" PRIx64
		                   " and length %zu must be page multiples", gpaddr, len);
	memset(zero_map, 0, (len / XEN_PAGE_SIZE + 7) / 8);
	rc = xg_gmem_open(xch, domid, len, &g);
	while (rc == 0 && len > 0) {
		size_t n = xg_gmem_step(&g, len);
		unsigned pages = (unsigned)(n / XEN_PAGE_SIZE), i;
		if ((rc = xg_gmem_get_nonzero(&g, gpaddr, n)) < 0)
			break;
		nonzero += rc;
		rc = 0;
		copy_nonzero(&g, d, pages);
		for (i = 0; i < pages; i++, page++)
			if (xg_zmap_test(g.zmap, i))
				zero_map[page / 8] |= (uint8_t)(1U << (page % 8));
		gpaddr += n;
		d += n;
		len -= n;
	}
	xg_gmem_close(&g);
	return rc < 0 ? rc : nonzero;
}

/* One getmemmap call writing at most max extents into the window at h. */
static int getmemmap(xc_interface *xch, uint32_t domid, uint32_t max, uint64_t h,
                     struct xen_domctl *d)
{
	*d = xc_domctl_init(XEN_DOMCTL_getmemmap, domid);
	d->u.getmemmap.max_extents = be32_mk(max);
	d->u.getmemmap.extents = be64_mk(h);
	return do_domctl(xch, d);
}

static void decode_map(xc_guest_memmap_t *m, const struct xen_domctl *d,
                       const struct xen_domctl_memextent *ext)
{
	uint32_t i;

	m->rma_mfn = be64_get(d->u.getmemmap.rma_mfn);
	m->rma_log = be32_get(d->u.getmemmap.rma_log);
	m->total_bytes = 1ULL << m->rma_log;
	m->end_gpaddr = m->total_bytes;
	for (i = 0; i < m->nr_extents; i++) {
		xc_guest_extent_t *x = &m->extents[i];
		uint64_t end;
		x->gpfn = be64_get(ext[i].gpfn);
		x->mfn = be64_get(ext[i].mfn);
		x->order = be32_get(ext[i].order);
		x->pad = 0;
		end = (x->gpfn + (1ULL << x->order)) * XEN_PAGE_SIZE;
		m->total_bytes += (1ULL << x->order) * XEN_PAGE_SIZE;
		if (end > m->end_gpaddr)
			m->end_gpaddr = end;
	}
}

XC_PUBLIC int xc_guest_memmap(xc_interface *xch, uint32_t domid,
		xc_guest_memmap_t **map)
{
	struct xen_domctl d;
	struct xen_domctl_memextent *ext = NULL;
	uint64_t h = 0;
	uint32_t n;
	int rc;

	*map = NULL;
	if ((rc = xc_check_domid(xch, domid, 0)) < 0 || (rc = getmemmap(xch, domid, 0, 0, &d)) < 0)
		return rc;
	n = be32_get(d.u.getmemmap.nr_extents);
	if (n > XC_GUEST_MAX_EXTENTS)
		return xc_seterror(xch, -E2BIG, "domain %u has %u extents, above the limit of %u",
		                   domid, n, XC_GUEST_MAX_EXTENTS);
	if (n > 0 && (ext = xc_hypercall_buffer_alloc(xch, n * sizeof(*ext), &h)) == NULL)
		return -xch->last_error.code;
	if (n > 0 && (rc = getmemmap(xch, domid, n, h, &d)) == 0 &&
	    be32_get(d.u.getmemmap.nr_extents) != n)
		rc = xc_seterror(xch, -EAGAIN, "domain %u's memory changed while it was read", domid);
	if (rc == 0 && (*map = calloc(1, sizeof(**map) + (size_t)n * sizeof(xc_guest_extent_t))) == NULL)
		rc = xc_seterror(xch, -ENOMEM, "out of memory for a memory map of %u extents", n);
	if (rc == 0) {
		(*map)->nr_extents = n;
		decode_map(*map, &d, ext);
	}
	xc_hypercall_buffer_free(xch, ext);
	return rc;
}

XC_PUBLIC void xc_guest_memmap_free(xc_guest_memmap_t *map)
{
	free(map);
}

XC_PUBLIC int64_t xc_guest_p2m(xc_interface *xch, uint32_t domid,
		uint64_t start_pfn, uint64_t max_pfns, uint64_t *mfns)
{
	uint32_t batch = max_pfns < XG_P2M_BATCH ? (uint32_t)max_pfns : XG_P2M_BATCH;
	uint64_t h, done = 0, i;
	be64_t *list;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (max_pfns == 0)
		return 0;
	if ((list = xc_hypercall_buffer_alloc(xch, batch * sizeof(*list), &h)) == NULL)
		return -xch->last_error.code;
	while (done < max_pfns) {
		struct xen_domctl d = xc_domctl_init(XEN_DOMCTL_getmemlist, domid);
		uint64_t n, want = max_pfns - done < batch ? max_pfns - done : batch;
		d.u.getmemlist.max_pfns = be64_mk(want);
		d.u.getmemlist.start_pfn = be64_mk(start_pfn + done);
		d.u.getmemlist.buffer = be64_mk(h);
		if ((rc = do_domctl(xch, &d)) < 0)
			break;
		n = be64_get(d.u.getmemlist.num_pfns);
		if (n > want) {
			rc = xc_seterror(xch, -EPROTO, "getmemlist returned %" PRIu64 " of %" PRIu64 " frames",
			                 n, want);
			break;
		}
		for (i = 0; i < n; i++) {
			mfns[done + i] = be64_get(list[i]);   /* holes: ~0 = XC_INVALID_MFN */
		}
		done += n;
		if (n < want)
			break;
	}
	xc_hypercall_buffer_free(xch, list);
	return rc < 0 ? rc : (int64_t)done;
}
