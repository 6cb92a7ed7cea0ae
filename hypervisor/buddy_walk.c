/*
 * Walking the machine in address order: the memory map sysctl and the
 * allocator's self-check both read the block heads this way.
 */
#include <errno.h>

#include "buddy.h"
#include "log.h"

int buddy_walk(const struct buddy *b, buddy_walk_fn fn, void *ctx)
{
	uint64_t p = 0;

	while (p < b->nr_pages) {
		const struct buddy_page *pg = &b->pg[p];
		if (pg->order == BUDDY_NOT_HEAD || pg->order > b->top_order ||
		    (p & ((1ULL << pg->order) - 1)) != 0 ||
		    p + (1ULL << pg->order) > b->nr_pages) {
			HV_WARN("machine map broken at mfn %#llx", (unsigned long long)p);
			return -EINVAL;
		}
		int r = fn(ctx, p, pg->order, pg);
		if (r)
			return r;
		p += 1ULL << pg->order;
	}
	return 0;
}

struct check_state {
	const struct buddy *b;
	uint64_t free_pages;
	uint64_t nr_free[BUDDY_NR_ORDERS];
	int bad;
};

static int check_block(void *ctx, uint64_t mfn, unsigned order, const struct buddy_page *p)
{
	struct check_state *s = ctx;
	int is_free = hbitmap_test(&s->b->free[order], mfn >> order);

	if ((p->kind == BUDDY_FREE) != is_free) {
		HV_WARN("mfn %#llx: kind %u but free bit %d", (unsigned long long)mfn,
		        p->kind, is_free);
		s->bad = 1;
		return -EINVAL;
	}
	for (uint64_t i = 1; i < (1ULL << order); i++) {
		if (s->b->pg[mfn + i].order != BUDDY_NOT_HEAD) {
			HV_WARN("head inside block at mfn %#llx", (unsigned long long)(mfn + i));
			s->bad = 1;
			return -EINVAL;
		}
	}
	if (is_free) {
		s->free_pages += 1ULL << order;
		s->nr_free[order]++;
	}
	return 0;
}

int buddy_check(const struct buddy *b)
{
	struct check_state s = { .b = b };
	int r = buddy_walk(b, check_block, &s);

	if (r || s.bad)
		return -EINVAL;
	if (s.free_pages != b->free_pages) {
		HV_WARN("free pages %llu counted, %llu recorded",
		        (unsigned long long)s.free_pages, (unsigned long long)b->free_pages);
		return -EINVAL;
	}
	for (unsigned o = 0; o <= b->top_order; o++) {
		if (s.nr_free[o] != b->nr_free[o]) {
			HV_WARN("order %u: %llu free blocks counted, %llu recorded", o,
			        (unsigned long long)s.nr_free[o], (unsigned long long)b->nr_free[o]);
			return -EINVAL;
		}
	}
	return 0;
}
