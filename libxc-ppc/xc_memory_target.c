/*
 * xc_domain_set_target_memkb: xm mem-set without a balloon driver.  Guests
 * do not run in xenppc-hv, so the toolstack moves the domain's memory
 * itself: it reads the p2m's extents (DOMCTL_getmemmap), then populates
 * holes below the limit to grow, or releases the highest frames to
 * shrink.  Frames are grouped into naturally aligned blocks of the largest
 * order that fits, so a target in 16 MiB steps costs one extent per step.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

/* Extents fetched at most; a domain's p2m is bounded by its memory anyway. */
#define XC_TARGET_MAX_EXTENTS 65536U
#define XC_TARGET_ORDERS (XENPPC_EXTENT_ORDER + 1)

struct block_lists {
	xen_pfn_t *pfns[XC_TARGET_ORDERS];
	uint64_t nr[XC_TARGET_ORDERS];
	uint64_t cap[XC_TARGET_ORDERS];
};

static int lists_add(struct block_lists *l, unsigned order, xen_pfn_t pfn)
{
	if (l->nr[order] == l->cap[order]) {
		uint64_t cap = l->cap[order] ? 2 * l->cap[order] : 64;
		xen_pfn_t *p = realloc(l->pfns[order], (size_t)cap * sizeof(*p));
		if (!p)
			return -ENOMEM;
		l->pfns[order] = p;
		l->cap[order] = cap;
	}
	l->pfns[order][l->nr[order]++] = pfn;
	return 0;
}

static void lists_free(struct block_lists *l)
{
	for (unsigned o = 0; o < XC_TARGET_ORDERS; o++)
		free(l->pfns[o]);
}

/* Cover [g, end) with aligned blocks, adding at most *want pages. */
static int cover(struct block_lists *l, uint64_t g, uint64_t end, uint64_t *want)
{
	while (g < end && *want) {
		unsigned o = XENPPC_EXTENT_ORDER;
		while (o && ((g & ((1ULL << o) - 1)) || g + (1ULL << o) > end ||
			     (1ULL << o) > *want))
			o--;
		if (lists_add(l, o, g) < 0)
			return -ENOMEM;
		g += 1ULL << o;
		*want -= 1ULL << o;
	}
	return 0;
}

static int cmp_extent(const void *a, const void *b)
{
	uint64_t x = be64_get(((const struct xen_domctl_memextent *)a)->gpfn);
	uint64_t y = be64_get(((const struct xen_domctl_memextent *)b)->gpfn);
	return x < y ? -1 : x > y;
}

/* The domain's extents sorted by gpfn, copied out of the window. */
static int get_extents(xc_interface *xch, uint32_t domid, uint32_t *rma_log,
		       struct xen_domctl_memextent **out, uint32_t *nr)
{
	struct xen_domctl d = xc_domctl_init(XEN_DOMCTL_getmemmap, domid);
	struct xen_domctl_memextent *buf;
	uint64_t h;
	uint32_t max;
	int rc;

	if ((rc = do_domctl(xch, &d)) < 0)    /* max_extents 0: just count */
		return rc;
	*rma_log = be32_get(d.u.getmemmap.rma_log);
	max = be32_get(d.u.getmemmap.nr_extents) + 16;   /* room for a race */
	if (max > XC_TARGET_MAX_EXTENTS)
		return xc_seterror(xch, -E2BIG, "domain %u has too many extents", domid);
	buf = xc_hypercall_buffer_alloc(xch, max * sizeof(*buf), &h);
	if (!buf)
		return -xch->last_error.code;
	d = xc_domctl_init(XEN_DOMCTL_getmemmap, domid);
	d.u.getmemmap.max_extents = be32_mk(max);
	d.u.getmemmap.extents = be64_mk(h);
	rc = do_domctl(xch, &d);
	*nr = be32_get(d.u.getmemmap.nr_extents);
	if (rc >= 0 && *nr > max)
		rc = xc_seterror(xch, -EAGAIN, "domain %u's memory changed meanwhile", domid);
	*out = rc < 0 ? NULL : malloc((*nr ? *nr : 1) * sizeof(**out));
	if (rc >= 0 && !*out)
		rc = xc_seterror(xch, -ENOMEM, "out of memory");
	if (rc >= 0) {
		memcpy(*out, buf, *nr * sizeof(**out));
		qsort(*out, *nr, sizeof(**out), cmp_extent);
	}
	xc_hypercall_buffer_free(xch, buf);
	return rc < 0 ? rc : 0;
}

/* Blocks that fill the holes in [lo, hi) with want pages. */
static int plan_grow(struct block_lists *l, const struct xen_domctl_memextent *e,
		     uint32_t nr, uint64_t lo, uint64_t hi, uint64_t want)
{
	uint64_t g = lo;

	for (uint32_t i = 0; i <= nr && want; i++) {
		uint64_t start = i < nr ? be64_get(e[i].gpfn) : hi;
		if (start > hi)
			start = hi;
		if (start > g && cover(l, g, start, &want) < 0)
			return -ENOMEM;
		if (i < nr) {
			uint64_t end = be64_get(e[i].gpfn) + (1ULL << be32_get(e[i].order));
			if (end > g)
				g = end;
		}
	}
	return want ? -ENOMEM : 0;
}

/* Blocks that release want pages from the top, never below lo (the RMA). */
static int plan_shrink(struct block_lists *l, const struct xen_domctl_memextent *e,
		       uint32_t nr, uint64_t lo, uint64_t want)
{
	for (uint32_t i = nr; i-- > 0 && want;) {
		uint64_t g = be64_get(e[i].gpfn), len = 1ULL << be32_get(e[i].order);
		if (g < lo)
			continue;
		uint64_t take = len < want ? len : want, w = take;
		if (cover(l, g + len - take, g + len, &w) < 0)
			return -ENOMEM;
		want -= take;
	}
	return want ? -EINVAL : 0;
}

/* Populate (grow) or release (shrink) every planned block, order by order. */
static int apply(xc_interface *xch, uint32_t domid, struct block_lists *l, int grow)
{
	int rc = 0;
	unsigned o;

	for (o = 0; o < XC_TARGET_ORDERS && rc == 0; o++) {
		if (!l->nr[o])
			continue;
		rc = grow ? xc_domain_memory_populate_physmap(xch, domid, l->nr[o], o, 0, l->pfns[o])
			  : xc_domain_memory_decrease_reservation(xch, domid, l->nr[o], o, l->pfns[o]);
	}
	/* A failed grow gives back the orders that succeeded (each is all or nothing). */
	if (rc < 0 && grow) {
		xc_error saved = xch->last_error;
		for (unsigned u = 0; u + 1 < o; u++)
			if (l->nr[u])
				xc_domain_memory_decrease_reservation(xch, domid, l->nr[u], u, l->pfns[u]);
		xch->last_error = saved;
	}
	return rc;
}

int xc_domain_set_target_memkb(xc_interface *xch, uint32_t domid, uint64_t target_kb)
{
	struct block_lists l = { 0 };
	struct xen_domctl_memextent *e = NULL;
	xc_dominfo_t info;
	uint64_t target = (target_kb + 3) / 4, max, rma;
	uint32_t nr = 0, rma_log = 0;
	int rc;

	if ((rc = xc_domain_getinfo_one(xch, domid, &info)) < 0)
		return rc;
	if ((rc = get_extents(xch, domid, &rma_log, &e, &nr)) < 0)
		return rc;
	rma = rma_log >= XEN_PAGE_SHIFT ? 1ULL << (rma_log - XEN_PAGE_SHIFT) : 0;
	max = info.max_memkb / 4;
	if (target < rma || target > max) {
		rc = xc_seterror(xch, -EINVAL, "target %llu KiB for domain %u is outside "
				 "%llu..%llu KiB (the RMA .. the limit)", (unsigned long long)target_kb,
				 domid, (unsigned long long)rma * 4, (unsigned long long)max * 4);
	} else {
		if (target > info.nr_pages)
			rc = plan_grow(&l, e, nr, rma, max, target - info.nr_pages);
		else if (target < info.nr_pages)
			rc = plan_shrink(&l, e, nr, rma, info.nr_pages - target);
		if (rc < 0)
			rc = xc_seterror(xch, rc, "cannot plan memory target %llu KiB for domain %u",
					 (unsigned long long)target_kb, domid);
		else
			rc = apply(xch, domid, &l, target > info.nr_pages);
	}
	lists_free(&l);
	free(e);
	return rc;
}
