/*
 * The machine memory map for `xmctl rma`: regions from the hypervisor,
 * per-domain summaries derived from them, and how many RMAs of each size
 * the 970 supports could still be placed.
 */
#ifndef XMCTL_RMA_H
#define XMCTL_RMA_H

#include <stdbool.h>
#include <stdio.h>
#include "dominfo.h"

#define RMA_NR_SIZES 6   /* 64M 128M 256M 1G 16G 256G: XENPPC_RMA_LOG_IS_VALID */

struct rma_domain {
	uint32_t domid;
	char name[XC_DOMAIN_NAME_MAX];
	uint64_t rma_mfn;            /* UINT64_MAX if none seen */
	uint32_t rma_order;
	uint32_t nr_extents;
	uint64_t pages;              /* RMA + extents + grant frames */
	char letter;                 /* its mark on the text map */
};

struct rma_view {
	xc_machine_memmap_t *map;
	bool map_ours;                    /* built by rma_fetch_daemon, not libxc */
	size_t nr_doms;
	struct rma_domain *doms;
	uint64_t largest_free_pages;
	uint64_t capacity[RMA_NR_SIZES];  /* RMAs of each size that fit in free blocks */
};

/* Does a domain own the region (RMA, extent, grant frames), not free or held? */
static inline bool rma_region_owned(const xc_memmap_region_t *r)
{
	return r->kind == XEN_MEMMAP_rma || r->kind == XEN_MEMMAP_extent ||
	       r->kind == XEN_MEMMAP_gnttab;
}

/* The log2 byte sizes in capacity[] order. */
extern const unsigned rma_logs[RMA_NR_SIZES];

struct xmctl;
/*
 * The map and the running domains from xmctld (host.rma_map, domain.list)
 * into v (zeroed first): what the direct path reads from the hypervisor.
 * 0, or -1 (reported).  Free with rma_view_free.
 */
int rma_fetch_daemon(struct xmctl *x, struct rma_view *v);
/* Appends a domain (v->doms has room), its letter by its position. */
void rma_view_add_dom(struct rma_view *v, uint32_t domid, const char *name);
void rma_view_free(struct rma_view *v);

int render_rma_text(const struct rma_view *v, FILE *out);
int render_rma_json(const struct rma_view *v, FILE *out);
int render_rma_svg(const struct rma_view *v, FILE *out);

#endif /* XMCTL_RMA_H */
