/*
 * The machine-memory buddy allocator (ARCHITECTURE D5), in 4 KiB pages.
 *
 * Blocks are naturally aligned powers of two.  Each block head records its
 * order, what it is (free, RMA, extent, grant frame) and its owner, so the
 * allocator can check every free against what was allocated and can draw
 * the machine map (XEN_SYSCTL_memmap) without asking the domains.
 *
 * Placement policy (BUDDY_POLICY_PACK): a request takes the smallest order
 * that has a free block, so extents come from already-split blocks first;
 * RMAs take the lowest-addressed such block and everything else the
 * highest, carved from the top of it.  Keeping the two kinds at opposite
 * ends stops small allocations from nibbling every large block.  Among
 * the highest free blocks of that order, a small allocation goes to the
 * one whose 64 MiB region is fullest, so partly used regions fill up and
 * the others can drain back into whole free RMA-sized blocks.  Together
 * this is what keeps 64 MiB RMAs placeable after long create/destroy
 * ageing (tests/bench/hv-rma-ageing).
 * BUDDY_POLICY_FIRST_FIT (lowest address of any large-enough block) exists
 * as the benchmark's baseline.
 */
#ifndef HV_BUDDY_H
#define HV_BUDDY_H

#include <stdint.h>

#include "hbitmap.h"

/* Orders 0..BUDDY_MAX_ORDER: 2^39 pages is 2 PiB (XEN_MEMMAP_MAX_ORDERS). */
#define BUDDY_MAX_ORDER 39
#define BUDDY_NR_ORDERS (BUDDY_MAX_ORDER + 1)
#define BUDDY_NOT_HEAD 0xFFU

enum buddy_kind {
	BUDDY_FREE = 0,
	BUDDY_RMA = 1,
	BUDDY_EXTENT = 2,
	BUDDY_GNTTAB = 3,
	BUDDY_SCRUB = 4,             /* freed, being scrubbed (scrub.h) */
};

enum buddy_policy { BUDDY_POLICY_PACK, BUDDY_POLICY_FIRST_FIT };

/* Regions tracked for the fullest-region choice: 64 MiB, the default RMA. */
#define BUDDY_REGION_ORDER 14
/* Candidates looked at per small allocation: bounds the cost. */
#define BUDDY_PACK_SCAN 32

/* Per page; meaningful only at block heads. */
struct buddy_page {
	uint8_t order;      /* BUDDY_NOT_HEAD inside a block */
	uint8_t kind;       /* enum buddy_kind */
	uint16_t owner;     /* domid of an allocated block */
};

struct buddy {
	uint64_t nr_pages;
	unsigned top_order;          /* the largest order that fits */
	enum buddy_policy policy;
	struct buddy_page *pg;
	struct hbitmap free[BUDDY_NR_ORDERS];
	uint64_t nr_free[BUDDY_NR_ORDERS];
	uint64_t free_pages;
	uint32_t *region_free;       /* free pages per BUDDY_REGION_ORDER region */
};

/* 0, -EINVAL (no pages, too many), -ENOMEM. */
int buddy_init(struct buddy *b, uint64_t nr_pages, enum buddy_policy policy);
void buddy_fini(struct buddy *b);

/* Allocate 2^order pages: 0 and *mfn, -EINVAL (order), -ENOMEM. */
int buddy_alloc(struct buddy *b, unsigned order, enum buddy_kind kind,
                uint16_t owner, uint64_t *mfn);
/*
 * The same for one of a series of extents: prefer a free block inside the
 * 64 MiB region of hint (an mfn the owner already holds; UINT64_MAX =
 * none), and while at least a region's worth of pages is still to come
 * (more, this block included) start a whole free region rather than fill
 * another domain's holes.  A domain's bulk then sits in regions of its
 * own, which come back whole when it goes; only its tail fills holes.
 */
int buddy_alloc_near(struct buddy *b, unsigned order, enum buddy_kind kind,
                     uint16_t owner, uint64_t hint, uint64_t more, uint64_t *mfn);
/* Free a block exactly as allocated: 0, or -EINVAL with a WARN. */
int buddy_free(struct buddy *b, uint64_t mfn, unsigned order);
/* Change an allocated block's kind and owner: 0, or -EINVAL with a WARN. */
int buddy_retag(struct buddy *b, uint64_t mfn, unsigned order, enum buddy_kind kind, uint16_t owner);
/* Split an allocated block into its two halves (both stay allocated). */
int buddy_split(struct buddy *b, uint64_t mfn, unsigned order);

/* Is a block of this order free (or allocatable by splitting) right now? */
uint64_t buddy_placeable(const struct buddy *b, unsigned order);

/* Walk every block in address order; fn returns non-zero to stop. */
typedef int (*buddy_walk_fn)(void *ctx, uint64_t mfn, unsigned order,
                             const struct buddy_page *p);
int buddy_walk(const struct buddy *b, buddy_walk_fn fn, void *ctx);

/* Full consistency check (tests): 0, or -EINVAL with a WARN. */
int buddy_check(const struct buddy *b);

/* Host memory used by the allocator's own tables. */
uint64_t buddy_meta_bytes(const struct buddy *b);

#endif /* HV_BUDDY_H */
