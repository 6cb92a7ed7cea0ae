/*
 * The xencomm descriptor: how a buffer crosses the hypercall boundary as a
 * list of guest-physical page addresses (ARCHITECTURE D1).
 *
 * Layout as in Xen (xen/include/public/xencomm.h), big-endian:
 *   { u32 magic; u32 nr_addrs; u64 address[nr_addrs]; }
 * Each entry is the guest-physical *byte* address where the next chunk of
 * the buffer starts; the chunk runs to the end of that page.  Only the first
 * entry normally has an in-page offset.  XENCOMM_INVALID entries are skipped.
 */
#ifndef XENPPC_XENCOMM_H
#define XENPPC_XENCOMM_H

#include "xen.h"

#define XENCOMM_MAGIC       0x58434F4DU            /* "XCOM" */
#define XENCOMM_INVALID     0xFFFFFFFFFFFFFFFFULL
#define XENCOMM_INLINE_FLAG 0x8000000000000000ULL

struct xencomm_desc {
	be32_t magic;
	be32_t nr_addrs;
	be64_t address[];
};
XENPPC_CHECK_SIZE(struct xencomm_desc, 8);
XENPPC_CHECK_OFFSET(struct xencomm_desc, nr_addrs, 4);
XENPPC_CHECK_OFFSET(struct xencomm_desc, address, 8);

/*
 * Deviation: a whole descriptor must lie in one page.  Xen 3.2 (ac1e3a08a8)
 * only keeps the header from crossing a page and lets address[] span pages
 * (ca4a49e4cc, for IA64's large domains); we are stricter so the walker
 * maps and validates one page.  So one descriptor lists at most this many pages,
 * i.e. a buffer of up to 511 pages (almost 2 MiB).  Larger buffers are sent
 * in several hypercalls (the library chunks them) rather than chained, which
 * keeps the walker's check a single bound.
 */
#define XENCOMM_MAX_ADDRS ((XEN_PAGE_SIZE - sizeof(struct xencomm_desc)) / 8)
_Static_assert(XENCOMM_MAX_ADDRS == 511, "one descriptor per page");

/* The largest buffer one descriptor can describe, whatever its alignment. */
#define XENCOMM_MAX_BYTES ((uint64_t)(XENCOMM_MAX_ADDRS - 1) * XEN_PAGE_SIZE)

/* Descriptors are 8-byte aligned so that every entry is naturally aligned. */
#define XENCOMM_DESC_ALIGN 8

#endif /* XENPPC_XENCOMM_H */
