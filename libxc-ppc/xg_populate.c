/*
 * xc_ppc_populate: give a domain its memory after the RMA, the way Xen
 * 3.1's xc_dom_powerpc.c did: 16 MiB (order XENPPC_EXTENT_ORDER) extents at
 * gpfn rma_pages + i * 4096, so the hypervisor can hand out large naturally
 * aligned blocks and keep the p2m short; a remainder that is not a whole
 * extent is populated as descending power-of-two extents, each naturally
 * aligned because the RMA and the large extents are.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

#include "xg_private.h"

#define XG_EXTENT_PAGES (1ULL << XENPPC_EXTENT_ORDER)

/* Raise the domain's limit to pages if it is lower (it cannot shrink). */
static int raise_limit(xc_interface *xch, uint32_t domid, uint64_t pages)
{
	xc_dominfo_t info;
	int rc = xc_domain_getinfo_one(xch, domid, &info);

	if (rc < 0)
		return rc;
	if (info.max_memkb * 1024 >= pages * XEN_PAGE_SIZE)
		return 0;
	return xc_domain_setmaxmem(xch, domid, pages * (XEN_PAGE_SIZE / 1024));
}

/* Give back the extents listed in done (after a later step failed). */
static void undo(xc_interface *xch, uint32_t domid, const xen_pfn_t *gpfns,
                 const uint32_t *orders, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++)
		(void)xc_domain_memory_decrease_reservation(xch, domid, 1, orders[i], &gpfns[i]);
}

/* Large extents in one call, then the remainder's pieces one by one. */
static int populate_from(xc_interface *xch, uint32_t domid, uint64_t gpfn, uint64_t pages)
{
	uint64_t nbig = pages / XG_EXTENT_PAGES, i;
	xen_pfn_t small[XENPPC_EXTENT_ORDER];
	uint32_t orders[XENPPC_EXTENT_ORDER];
	xen_pfn_t *big = NULL;
	unsigned nsmall = 0;
	int rc = 0, o, big_done = 0;

	if (nbig > 0 && (big = malloc(nbig * sizeof(*big))) == NULL)
		return xc_seterror(xch, -ENOMEM, "out of memory for %" PRIu64 " extents", nbig);
	for (i = 0; i < nbig; i++)
		big[i] = gpfn + i * XG_EXTENT_PAGES;
	if (nbig > 0) {
		rc = xc_domain_memory_populate_physmap(xch, domid, nbig, XENPPC_EXTENT_ORDER, 0, big);
		big_done = rc == 0;
	}
	gpfn += nbig * XG_EXTENT_PAGES;
	for (o = XENPPC_EXTENT_ORDER - 1; rc == 0 && o >= 0; o--) {
		if (!(pages & (1ULL << o)))
			continue;
		small[nsmall] = gpfn;
		orders[nsmall] = (uint32_t)o;
		rc = xc_domain_memory_populate_physmap(xch, domid, 1, (uint32_t)o, 0, &small[nsmall]);
		if (rc == 0)
			nsmall++;
		gpfn += 1ULL << o;
	}
	if (rc < 0) {
		undo(xch, domid, small, orders, nsmall);
		if (big_done)
			(void)xc_domain_memory_decrease_reservation(xch, domid, nbig, XENPPC_EXTENT_ORDER, big);
	}
	free(big);
	return rc;
}

XC_PUBLIC int xc_ppc_populate(xc_interface *xch, uint32_t domid, uint64_t mem_bytes)
{
	xc_guest_memmap_t *map;
	uint64_t pages = (mem_bytes + XEN_PAGE_SIZE - 1) / XEN_PAGE_SIZE, rma_pages;
	int rc;

	if ((rc = xc_guest_memmap(xch, domid, &map)) < 0)
		return rc;
	rma_pages = (1ULL << map->rma_log) / XEN_PAGE_SIZE;
	if (map->nr_extents > 0)
		rc = xc_seterror(xch, -EBUSY, "domain %u already has memory after its RMA", domid);
	else if (pages < rma_pages)
		rc = xc_seterror(xch, -EINVAL, "memory of %" PRIu64 " bytes is less than the RMA's %"
		                 PRIu64, mem_bytes, rma_pages * XEN_PAGE_SIZE);
	xc_guest_memmap_free(map);
	if (rc == 0)
		rc = raise_limit(xch, domid, pages);
	if (rc == 0 && pages > rma_pages)
		rc = populate_from(xch, domid, rma_pages, pages - rma_pages);
	return rc;
}
