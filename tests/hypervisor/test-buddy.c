/*
 * The buddy allocator's invariants under long random alloc/free sequences,
 * and its placement rules for RMAs and extents.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "log.h"
#include "../check-run.h"

#define RAND_PAGES  (1U << 16)   /* 256 MiB of pages */
#define RAND_STEPS  20000
#define MAX_LIVE    512

struct live { uint64_t mfn; unsigned order; };

/* A deterministic generator, so a failure replays. */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;
static uint32_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 11);
}

static void mark(uint8_t *owned, uint64_t mfn, unsigned order, int on)
{
	/* Plain checks in hot loops: every ck_assert costs Check a write(). */
	for (uint64_t i = mfn; i < mfn + (1ULL << order); i++) {
		if (owned[i] == on)
			ck_abort_msg("page %llu %s twice", (unsigned long long)i,
			             on ? "allocated" : "freed");
		owned[i] = (uint8_t)on;
	}
}

static void run_random(enum buddy_policy policy, uint64_t pages)
{
	struct buddy b;
	struct live live[MAX_LIVE];
	unsigned nr = 0;
	uint64_t used = 0;
	uint8_t *owned = calloc(pages, 1);

	ck_assert_int_eq(buddy_init(&b, pages, policy), 0);
	for (unsigned step = 0; step < RAND_STEPS; step++) {
		if (nr < MAX_LIVE && (nr == 0 || rnd() % 3 != 0)) {
			unsigned order = rnd() % 11;
			enum buddy_kind kind = (rnd() % 4 == 0) ? BUDDY_RMA : BUDDY_EXTENT;
			uint64_t mfn;
			if (buddy_alloc(&b, order, kind, 1, &mfn) != 0) {
				if (b.free_pages >= pages)
					ck_abort_msg("alloc failed on an empty machine");
				continue;
			}
			if ((mfn & ((1ULL << order) - 1)) != 0 || mfn + (1ULL << order) > pages)
				ck_abort_msg("block %llu order %u misaligned or outside",   /* natural alignment */
				             (unsigned long long)mfn, order);
			mark(owned, mfn, order, 1);
			live[nr++] = (struct live){ mfn, order };
			used += 1ULL << order;
		} else {
			unsigned i = rnd() % nr;
			if (buddy_free(&b, live[i].mfn, live[i].order) != 0)
				ck_abort_msg("free failed");
			mark(owned, live[i].mfn, live[i].order, 0);
			used -= 1ULL << live[i].order;
			live[i] = live[--nr];
		}
		if (b.free_pages + used != pages)                        /* exact accounting */
			ck_abort_msg("step %u: %llu free + %llu used != %llu", step,
			             (unsigned long long)b.free_pages, (unsigned long long)used,
			             (unsigned long long)pages);
		if (step % 2000 == 0)
			ck_assert_int_eq(buddy_check(&b), 0);
	}
	while (nr > 0) {
		nr--;
		ck_assert_int_eq(buddy_free(&b, live[nr].mfn, live[nr].order), 0);
	}
	ck_assert_int_eq(buddy_check(&b), 0);
	ck_assert_uint_eq(b.free_pages, pages);
	free(owned);
	buddy_fini(&b);
}

START_TEST(random_pack)
{
	run_random(BUDDY_POLICY_PACK, RAND_PAGES);
	/* ... and everything coalesced back into the one machine block. */
}
END_TEST

START_TEST(random_first_fit)
{
	run_random(BUDDY_POLICY_FIRST_FIT, RAND_PAGES);
}
END_TEST

START_TEST(random_odd_size)
{
	run_random(BUDDY_POLICY_PACK, RAND_PAGES - 4097);
}
END_TEST

START_TEST(coalesces_to_whole_machine)
{
	struct buddy b;
	uint64_t mfn[64];

	ck_assert_int_eq(buddy_init(&b, 1U << 14, BUDDY_POLICY_PACK), 0);
	for (unsigned i = 0; i < 64; i++)
		ck_assert_int_eq(buddy_alloc(&b, 8, BUDDY_EXTENT, 1, &mfn[i]), 0);
	ck_assert_uint_eq(b.free_pages, 0);
	ck_assert_int_eq(buddy_alloc(&b, 0, BUDDY_EXTENT, 1, &mfn[0]) , -12);
	for (unsigned i = 0; i < 64; i++)
		ck_assert_int_eq(buddy_free(&b, mfn[(i * 37) % 64], 8), 0);
	ck_assert_uint_eq(b.nr_free[14], 1);
	ck_assert_uint_eq(b.free_pages, 1U << 14);
	buddy_fini(&b);
}
END_TEST

/* RMAs come from the bottom, extents from the top of split blocks. */
START_TEST(rma_placement)
{
	struct buddy b;
	uint64_t e[4], r0, r1;
	const unsigned rma = 14, ext = 12;     /* 64 MiB RMA, 16 MiB extents */

	ck_assert_int_eq(buddy_init(&b, 1U << 18, BUDDY_POLICY_PACK), 0);  /* 1 GiB */
	ck_assert_uint_eq(buddy_placeable(&b, rma), 16);
	for (unsigned i = 0; i < 4; i++)
		ck_assert_int_eq(buddy_alloc(&b, ext, BUDDY_EXTENT, 1, &e[i]), 0);
	/* Four extents use up exactly one 64 MiB block, the machine's last. */
	ck_assert_uint_eq(buddy_placeable(&b, rma), 15);
	for (unsigned i = 0; i < 4; i++)
		ck_assert_uint_ge(e[i], (1U << 18) - (1U << rma));
	/* RMAs take whole free 64 MiB blocks, lowest first, never the extents' block. */
	ck_assert_int_eq(buddy_alloc(&b, rma, BUDDY_RMA, 2, &r0), 0);
	ck_assert_int_eq(buddy_alloc(&b, rma, BUDDY_RMA, 3, &r1), 0);
	ck_assert_uint_eq(r0 % (1U << rma), 0);
	ck_assert_uint_eq(r1 % (1U << rma), 0);
	ck_assert_uint_lt(r0, (1U << 18) - (1U << rma));
	ck_assert_uint_lt(r1, r0);   /* the split 128 MiB block is below the 64 MiB one */
	ck_assert_uint_eq(buddy_placeable(&b, rma), 13);
	ck_assert_uint_eq(b.pg[r1].owner, 3);
	ck_assert_uint_eq(b.pg[r1].kind, BUDDY_RMA);
	/* A 256 MiB RMA is naturally aligned too. */
	ck_assert_int_eq(buddy_alloc(&b, 16, BUDDY_RMA, 4, &r0), 0);
	ck_assert_uint_eq(r0 & ((1U << 16) - 1), 0);
	ck_assert_int_eq(buddy_check(&b), 0);
	buddy_fini(&b);
}
END_TEST

START_TEST(bad_free_warns)
{
	struct buddy b;
	uint64_t m, w = hv_warn_count();

	ck_assert_int_eq(buddy_init(&b, 1024, BUDDY_POLICY_PACK), 0);
	ck_assert_int_eq(buddy_alloc(&b, 2, BUDDY_EXTENT, 1, &m), 0);
	ck_assert_int_eq(buddy_free(&b, m, 3), -22);       /* wrong order */
	ck_assert_int_eq(buddy_free(&b, m + 1, 0), -22);   /* inside a block */
	ck_assert_int_eq(buddy_free(&b, 5000, 0), -22);    /* beyond the machine */
	ck_assert_uint_eq(hv_warn_count(), w + 3);
	ck_assert_int_eq(buddy_free(&b, m, 2), 0);
	ck_assert_int_eq(buddy_free(&b, m, 2), -22);       /* double free */
	ck_assert_int_eq(buddy_check(&b), 0);
	buddy_fini(&b);
}
END_TEST

START_TEST(split_then_free)
{
	struct buddy b;
	uint64_t m;

	ck_assert_int_eq(buddy_init(&b, 1024, BUDDY_POLICY_PACK), 0);
	ck_assert_int_eq(buddy_alloc(&b, 4, BUDDY_EXTENT, 1, &m), 0);
	ck_assert_int_eq(buddy_split(&b, m, 4), 0);
	ck_assert_int_eq(buddy_split(&b, m + 8, 3), 0);
	ck_assert_int_eq(buddy_free(&b, m + 8, 2), 0);
	ck_assert_int_eq(buddy_free(&b, m, 3), 0);
	ck_assert_int_eq(buddy_free(&b, m + 12, 2), 0);
	ck_assert_uint_eq(b.free_pages, 1024);
	ck_assert_uint_eq(b.nr_free[10], 1);
	ck_assert_int_eq(buddy_check(&b), 0);
	buddy_fini(&b);
}
END_TEST

START_TEST(first_fit_takes_lowest)
{
	struct buddy b;
	uint64_t a, c;

	ck_assert_int_eq(buddy_init(&b, 1024, BUDDY_POLICY_FIRST_FIT), 0);
	ck_assert_int_eq(buddy_alloc(&b, 0, BUDDY_EXTENT, 1, &a), 0);
	ck_assert_int_eq(buddy_alloc(&b, 3, BUDDY_EXTENT, 1, &c), 0);
	ck_assert_uint_eq(a, 0);
	ck_assert_uint_eq(c, 8);
	buddy_fini(&b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("buddy");
	TCase *tc = tcase_create("core");

	hv_log_set_level(HV_LOG_ERR);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, random_pack);
	tcase_add_test(tc, random_first_fit);
	tcase_add_test(tc, random_odd_size);
	tcase_add_test(tc, coalesces_to_whole_machine);
	tcase_add_test(tc, rma_placement);
	tcase_add_test(tc, bad_free_warns);
	tcase_add_test(tc, split_then_free);
	tcase_add_test(tc, first_fit_takes_lowest);
	suite_add_tcase(s, tc);
	return check_run(s);
}
