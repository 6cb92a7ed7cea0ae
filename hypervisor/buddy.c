#include <errno.h>
#include <stdlib.h>

#include "buddy.h"
#include "log.h"

static unsigned floor_log2(uint64_t v)
{
	return 63U - (unsigned)__builtin_clzll(v);
}

/* Keep the per-region free counts in step with a block entering or leaving. */
static void region_account(struct buddy *b, uint64_t mfn, unsigned order, int add)
{
	uint64_t first = mfn >> BUDDY_REGION_ORDER;
	uint64_t last = (mfn + (1ULL << order) - 1) >> BUDDY_REGION_ORDER;
	uint32_t n = order < BUDDY_REGION_ORDER ? 1U << order : 1U << BUDDY_REGION_ORDER;

	for (uint64_t r = first; r <= last; r++)
		b->region_free[r] = add ? b->region_free[r] + n : b->region_free[r] - n;
}

static void free_insert(struct buddy *b, uint64_t mfn, unsigned order)
{
	region_account(b, mfn, order, 1);
	b->pg[mfn] = (struct buddy_page){ .order = (uint8_t)order, .kind = BUDDY_FREE };
	hbitmap_set(&b->free[order], mfn >> order);
	b->nr_free[order]++;
	b->free_pages += 1ULL << order;
}

static void free_remove(struct buddy *b, uint64_t mfn, unsigned order)
{
	region_account(b, mfn, order, 0);
	hbitmap_clear(&b->free[order], mfn >> order);
	b->nr_free[order]--;
	b->free_pages -= 1ULL << order;
}

/* Carve [0, nr_pages) into the largest naturally aligned blocks. */
static void carve(struct buddy *b)
{
	uint64_t p = 0;

	while (p < b->nr_pages) {
		unsigned o = floor_log2(b->nr_pages - p);
		if (p != 0 && (unsigned)__builtin_ctzll(p) < o)
			o = (unsigned)__builtin_ctzll(p);
		if (o > b->top_order)
			o = b->top_order;
		free_insert(b, p, o);
		p += 1ULL << o;
	}
}

int buddy_init(struct buddy *b, uint64_t nr_pages, enum buddy_policy policy)
{
	*b = (struct buddy){ .nr_pages = nr_pages, .policy = policy };
	if (nr_pages == 0 || floor_log2(nr_pages) > BUDDY_MAX_ORDER ||
	    nr_pages > SIZE_MAX / sizeof(struct buddy_page))
		return -EINVAL;
	b->top_order = floor_log2(nr_pages);
	/* calloc: untouched rows of a large machine stay unbacked. */
	b->pg = calloc((size_t)nr_pages, sizeof(*b->pg));
	b->region_free = calloc((size_t)((nr_pages >> BUDDY_REGION_ORDER) + 1), sizeof(uint32_t));
	if (!b->pg || !b->region_free) {
		buddy_fini(b);
		return -ENOMEM;
	}
	for (uint64_t i = 0; i < nr_pages; i++)
		b->pg[i].order = BUDDY_NOT_HEAD;
	for (unsigned o = 0; o <= b->top_order; o++) {
		if (hbitmap_init(&b->free[o], nr_pages >> o) != 0) {
			buddy_fini(b);
			return -ENOMEM;
		}
	}
	carve(b);
	return 0;
}

void buddy_fini(struct buddy *b)
{
	for (unsigned o = 0; o < BUDDY_NR_ORDERS; o++)
		hbitmap_fini(&b->free[o]);
	free(b->pg);
	free(b->region_free);
	*b = (struct buddy){ 0 };
}

/* Lowest-addressed free block of any order >= order (the baseline). */
static int first_fit(const struct buddy *b, unsigned order, unsigned *got, uint64_t *mfn)
{
	int found = 0;

	for (unsigned o = order; o <= b->top_order; o++) {
		int64_t i = b->nr_free[o] ? hbitmap_first(&b->free[o]) : -1;
		if (i >= 0 && (!found || ((uint64_t)i << o) < *mfn)) {
			*mfn = (uint64_t)i << o;
			*got = o;
			found = 1;
		}
	}
	return found;
}

/*
 * Among the highest few free blocks of a small order, the one in the
 * fullest region (ties: the highest).
 */
static int64_t fullest_of(const struct buddy *b, unsigned o)
{
	int64_t i = hbitmap_last(&b->free[o]), best = i;
	uint32_t best_free = UINT32_MAX;

	for (unsigned n = 0; i >= 0 && n < BUDDY_PACK_SCAN; n++) {
		uint32_t f = b->region_free[((uint64_t)i << o) >> BUDDY_REGION_ORDER];
		if (f < best_free) {
			best_free = f;
			best = i;
		}
		i = hbitmap_prev(&b->free[o], (uint64_t)i);
	}
	return best;
}

/* Smallest order with a free block; lowest for RMAs, fullest/highest otherwise. */
static int pack_fit(const struct buddy *b, unsigned order, int low, unsigned *got, uint64_t *mfn)
{
	for (unsigned o = order; o <= b->top_order; o++) {
		if (b->nr_free[o] == 0)
			continue;
		int64_t i;
		if (low)
			i = hbitmap_first(&b->free[o]);
		else if (o < BUDDY_REGION_ORDER)
			i = fullest_of(b, o);
		else
			i = hbitmap_last(&b->free[o]);
		if (i < 0)
			continue;
		*mfn = (uint64_t)i << o;
		*got = o;
		return 1;
	}
	return 0;
}

/* The smallest free block of order >= order inside hint's region. */
static int near_fit(const struct buddy *b, unsigned order, uint64_t hint, unsigned *got, uint64_t *mfn)
{
	uint64_t base = hint >> BUDDY_REGION_ORDER << BUDDY_REGION_ORDER;

	if (hint >= b->nr_pages || order >= BUDDY_REGION_ORDER || b->region_free[hint >> BUDDY_REGION_ORDER] == 0)
		return 0;
	for (unsigned o = order; o < BUDDY_REGION_ORDER && o <= b->top_order; o++) {
		for (uint64_t m = base; m < base + (1ULL << BUDDY_REGION_ORDER); m += 1ULL << o) {
			if (m + (1ULL << o) <= b->nr_pages && hbitmap_test(&b->free[o], m >> o)) {
				*mfn = m;
				*got = o;
				return 1;
			}
		}
	}
	return 0;
}

int buddy_alloc(struct buddy *b, unsigned order, enum buddy_kind kind,
                uint16_t owner, uint64_t *mfn)
{
	return buddy_alloc_near(b, order, kind, owner, UINT64_MAX, 0, mfn);
}

static int pack_choose(const struct buddy *b, unsigned order, int low, uint64_t hint,
                       uint64_t more, unsigned *got, uint64_t *m)
{
	if (near_fit(b, order, hint, got, m))
		return 1;
	if (!low && order < BUDDY_REGION_ORDER && more >= (1ULL << BUDDY_REGION_ORDER) &&
	    BUDDY_REGION_ORDER <= b->top_order && pack_fit(b, BUDDY_REGION_ORDER, 0, got, m))
		return 1;
	return pack_fit(b, order, low, got, m);
}

int buddy_alloc_near(struct buddy *b, unsigned order, enum buddy_kind kind,
                     uint16_t owner, uint64_t hint, uint64_t more, uint64_t *mfn)
{
	int low = (kind == BUDDY_RMA) || b->policy == BUDDY_POLICY_FIRST_FIT;
	unsigned got = 0;
	uint64_t m = 0;
	int ok;

	if (order > b->top_order || kind == BUDDY_FREE)
		return -EINVAL;
	if (b->policy == BUDDY_POLICY_FIRST_FIT)
		ok = first_fit(b, order, &got, &m);
	else
		ok = pack_choose(b, order, low, hint, more, &got, &m);
	if (!ok)
		return -ENOMEM;
	free_remove(b, m, got);
	/* Split down, returning the half we don't keep to the free lists. */
	while (got > order) {
		got--;
		uint64_t half = 1ULL << got;
		if (low) {
			free_insert(b, m + half, got);
		} else {
			free_insert(b, m, got);
			m += half;
		}
	}
	b->pg[m] = (struct buddy_page){ .order = (uint8_t)order, .kind = (uint8_t)kind,
	                                .owner = owner };
	*mfn = m;
	return 0;
}

static int is_allocated_head(const struct buddy *b, uint64_t mfn, unsigned order)
{
	return order <= b->top_order && mfn < b->nr_pages &&
	       (mfn & ((1ULL << order) - 1)) == 0 &&
	       b->pg[mfn].order == order && b->pg[mfn].kind != BUDDY_FREE;
}

int buddy_free(struct buddy *b, uint64_t mfn, unsigned order)
{
	if (!is_allocated_head(b, mfn, order)) {
		HV_WARN("free of mfn %#llx order %u that is not an allocated block",
		        (unsigned long long)mfn, order);
		return -EINVAL;
	}
	b->pg[mfn].order = BUDDY_NOT_HEAD;
	/* Coalesce with free buddies as far as they go. */
	while (order < b->top_order) {
		uint64_t bud = mfn ^ (1ULL << order);
		if (bud + (1ULL << order) > b->nr_pages ||
		    !hbitmap_test(&b->free[order], bud >> order))
			break;
		free_remove(b, bud, order);
		b->pg[bud].order = BUDDY_NOT_HEAD;
		mfn &= ~(1ULL << order);
		order++;
	}
	free_insert(b, mfn, order);
	return 0;
}

int buddy_retag(struct buddy *b, uint64_t mfn, unsigned order, enum buddy_kind kind, uint16_t owner)
{
	if (kind == BUDDY_FREE || !is_allocated_head(b, mfn, order)) {
		HV_WARN("retag of mfn %#llx order %u that is not an allocated block",
		        (unsigned long long)mfn, order);
		return -EINVAL;
	}
	b->pg[mfn].kind = (uint8_t)kind;
	b->pg[mfn].owner = owner;
	return 0;
}

int buddy_split(struct buddy *b, uint64_t mfn, unsigned order)
{
	if (order == 0 || !is_allocated_head(b, mfn, order)) {
		HV_WARN("split of mfn %#llx order %u that is not an allocated block",
		        (unsigned long long)mfn, order);
		return -EINVAL;
	}
	struct buddy_page p = b->pg[mfn];
	p.order = (uint8_t)(order - 1);
	b->pg[mfn] = p;
	b->pg[mfn + (1ULL << (order - 1))] = p;
	return 0;
}

uint64_t buddy_placeable(const struct buddy *b, unsigned order)
{
	uint64_t n = 0;
	for (unsigned o = order; o <= b->top_order; o++)
		n += b->nr_free[o] << (o - order);
	return n;
}

uint64_t buddy_meta_bytes(const struct buddy *b)
{
	uint64_t n = b->nr_pages * sizeof(struct buddy_page) +
	             ((b->nr_pages >> BUDDY_REGION_ORDER) + 1) * sizeof(uint32_t);
	for (unsigned o = 0; o <= b->top_order; o++)
		n += hbitmap_bytes(&b->free[o]);
	return n;
}
