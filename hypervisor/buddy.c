#include <errno.h>
#include <stdlib.h>

#include "buddy.h"
#include "log.h"

static unsigned floor_log2(uint64_t v)
{
	return 63U - (unsigned)__builtin_clzll(v);
}

static void free_insert(struct buddy *b, uint64_t mfn, unsigned order)
{
	b->pg[mfn] = (struct buddy_page){ .order = (uint8_t)order, .kind = BUDDY_FREE };
	hbitmap_set(&b->free[order], mfn >> order);
	b->nr_free[order]++;
	b->free_pages += 1ULL << order;
}

static void free_remove(struct buddy *b, uint64_t mfn, unsigned order)
{
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
	if (!b->pg)
		return -ENOMEM;
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

/* Smallest order with a free block; lowest for RMAs, highest otherwise. */
static int pack_fit(const struct buddy *b, unsigned order, int low, unsigned *got, uint64_t *mfn)
{
	for (unsigned o = order; o <= b->top_order; o++) {
		if (b->nr_free[o] == 0)
			continue;
		int64_t i = low ? hbitmap_first(&b->free[o]) : hbitmap_last(&b->free[o]);
		if (i < 0)
			continue;
		*mfn = (uint64_t)i << o;
		*got = o;
		return 1;
	}
	return 0;
}

int buddy_alloc(struct buddy *b, unsigned order, enum buddy_kind kind,
                uint16_t owner, uint64_t *mfn)
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
		ok = pack_fit(b, order, low, &got, &m);
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
	uint64_t n = b->nr_pages * sizeof(struct buddy_page);
	for (unsigned o = 0; o <= b->top_order; o++)
		n += hbitmap_bytes(&b->free[o]);
	return n;
}
