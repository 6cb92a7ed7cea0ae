/*
 * xg_layout: where the builder puts things in a domain's memory.
 *
 *  guest-physical
 *  0 ──────────────┬───────────────────────────────────────────────┐
 *                  │ kernel: PT_LOAD segments at their physical     │
 *                  │ addresses (ET_DYN: from 0), bss zeroed         │
 *  kernel_end ─────┤ (page aligned up)                              │
 *                  │ initrd (optional), page aligned                │
 *  initrd_end ─────┤ (page aligned up)                              │  RMA: the
 *                  │ flattened device tree, page aligned            │  guest starts
 *                  │                                                │  in real mode,
 *                  │ free: the guest's own                          │  so all of this
 *  rma - 3 pages ──┤ store page   (xenstore ring; in the reserve map)│  must be here
 *  rma - 2 pages ──┤ console page (console ring; in the reserve map) │
 *  rma - 1 page ───┤ shared_info  (the hypervisor's; Xen 3.1 places  │
 *                  │ it in the RMA's last page)                      │
 *  rma_bytes ──────┼───────────────────────────────────────────────┤
 *                  │ extents: 16 MiB (order 12) blocks at gpfn      │  the rest of
 *                  │ rma_pages + i * 4096, a smaller remainder      │  memory
 *  mem_bytes ──────┴───────────────────────────────────────────────┘
 *
 * The special pages follow Xen 3.1's xc_dom_powerpc.c (shared_info last,
 * console last-1, store last-2), so a guest ported from there finds them
 * where it expects; the device tree says where they are anyway.
 */
#ifndef XG_LAYOUT_H
#define XG_LAYOUT_H

#include <stdint.h>

#include "xg_err.h"

#define XG_PAGE_SIZE 4096ULL
/* Pages at the top of the RMA: store, console, shared_info. */
#define XG_SPECIAL_PAGES 3ULL

struct xg_layout {
	uint64_t rma_bytes;
	uint64_t kernel_start, kernel_end;
	uint64_t initrd_start, initrd_end;
	uint64_t fdt_start, fdt_size;
	uint64_t store_gpa, console_gpa, shared_info_gpa;
};

static inline uint64_t xg_page_align(uint64_t v)
{
	return (v + XG_PAGE_SIZE - 1) & ~(XG_PAGE_SIZE - 1);
}

/*
 * Fix the special pages and the initrd for a kernel occupying
 * [kernel_start, kernel_end) of an RMA of rma_bytes.  -ENOSPC with e set
 * when the kernel reaches the special pages or the initrd does not fit.
 */
int xg_layout_initrd(struct xg_layout *l, uint64_t rma_bytes, uint64_t kernel_start,
                     uint64_t kernel_end, uint64_t initrd_len, struct xg_err *e);

/* Place a device tree of fdt_size bytes after the initrd.  -ENOSPC. */
int xg_layout_fdt(struct xg_layout *l, uint64_t fdt_size, struct xg_err *e);

#endif /* XG_LAYOUT_H */
