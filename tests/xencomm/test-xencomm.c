/*
 * Unit tests for libxencomm: the builder (page counts, placement checks,
 * mid-page buffers, the XENCOMM_MAX_ADDRS bound) and the walker (copies at
 * every offset, INVALID entries, inline handles, all-or-nothing failure).
 * The hostile-descriptor table lives in test-hostile.c.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testwin.h"
#include "../check-run.h"

#define WIN_GPA   0x40000000ULL          /* window base: 1 GiB */
#define WIN_PAGES 600                    /* room for a maximal descriptor + buffer */
#define WIN_SIZE  ((uint64_t)WIN_PAGES * XEN_PAGE_SIZE)
#define PG        XEN_PAGE_SIZE

static struct testwin tw;
static uint8_t *mem;

static void setup(void)
{
	mem = testwin_alloc(WIN_SIZE);
	ck_assert_ptr_nonnull(mem);
	testwin_init(&tw, mem, WIN_GPA, WIN_SIZE);
}

static void teardown(void)
{
	free(mem);
	mem = NULL;
}

/* Fill the window with a pattern that differs at every offset. */
static void fill_pattern(void)
{
	uint64_t i;

	for (i = 0; i < WIN_SIZE; i++)
		mem[i] = (uint8_t)(i * 7 + (i >> 12));
}

static uint64_t entry(uint64_t handle, uint32_t i)
{
	const struct xencomm_desc *d = (const void *)(mem + (handle - WIN_GPA));

	return be64_get(d->address[i]);
}

static uint32_t desc_nr(uint64_t handle)
{
	const struct xencomm_desc *d = (const void *)(mem + (handle - WIN_GPA));

	return be32_get(d->nr_addrs);
}

/* ---- builder ---------------------------------------------------------- */

START_TEST(test_nr_pages)
{
	static const struct { uint64_t gpa, len; uint32_t pages; } t[] = {
		{ 0, 0, 0 },                    /* empty */
		{ 100, 0, 0 },                  /* empty mid-page */
		{ 0, 1, 1 },
		{ 0, PG, 1 },                   /* exactly one page */
		{ 0, PG + 1, 2 },
		{ PG - 1, 2, 2 },               /* two bytes straddling */
		{ 100, 2 * PG, 3 },             /* mid-page start and end */
		{ 0, (uint64_t)511 * PG, 511 },
		{ 5, UINT64_MAX, UINT32_MAX },  /* saturates instead of wrapping */
		{ 0, (uint64_t)UINT32_MAX * PG * 2, UINT32_MAX },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(xencomm_nr_pages(t[i].gpa, t[i].len) == t[i].pages,
		              "row %zu", i);
	ck_assert_uint_eq(xencomm_desc_size(0), 8);
	ck_assert_uint_eq(xencomm_desc_size(XENCOMM_MAX_ADDRS), XEN_PAGE_SIZE);
}
END_TEST

START_TEST(test_build_zero_len)
{
	uint64_t h = 1;

	/* Zero length is the NULL handle, whatever the pointers. */
	ck_assert_int_eq(xencomm_build(&tw.w, NULL, 0, NULL, 0, &h), 0);
	ck_assert_uint_eq(h, 0);
}
END_TEST

START_TEST(test_build_mid_page)
{
	uint64_t h;
	uint8_t *desc = mem + 8;
	uint8_t *buf = mem + 2 * PG + 100;

	ck_assert_int_eq(xencomm_build(&tw.w, buf, 2 * PG, desc, 64, &h), 0);
	ck_assert_uint_eq(h, WIN_GPA + 8);
	ck_assert_uint_eq(desc_nr(h), 3);
	ck_assert_uint_eq(entry(h, 0), WIN_GPA + 2 * PG + 100);
	ck_assert_uint_eq(entry(h, 1), WIN_GPA + 3 * PG);
	ck_assert_uint_eq(entry(h, 2), WIN_GPA + 4 * PG);
	ck_assert_int_eq(xencomm_handle_bytes(&tw.g, h), 3 * PG - 100);
}
END_TEST

START_TEST(test_build_limits)
{
	uint64_t h;
	uint8_t *buf = mem + 2 * PG + 1;

	/* XENCOMM_MAX_BYTES fits at any alignment; one byte more may not. */
	ck_assert_int_eq(xencomm_build(&tw.w, buf, XENCOMM_MAX_BYTES, mem, PG, &h), 0);
	ck_assert_uint_eq(desc_nr(h), 511);
	ck_assert_int_eq(xencomm_build(&tw.w, buf, XENCOMM_MAX_BYTES + PG, mem, PG, &h), -E2BIG);
	ck_assert_int_eq(xencomm_build(&tw.w, mem + 2 * PG, (uint64_t)511 * PG, mem, PG, &h), 0);
	ck_assert_int_eq(xencomm_build(&tw.w, mem + 2 * PG, (uint64_t)512 * PG, mem, PG, &h), -E2BIG);
}
END_TEST

START_TEST(test_build_placement)
{
	static uint8_t outside[64] __attribute__((aligned(8)));
	uint64_t h = 0;
	uint8_t *buf = mem + 2 * PG;

	/* Buffer outside the window, or running off its end. */
	ck_assert_int_eq(xencomm_build(&tw.w, outside, 8, mem, 64, &h), -EINVAL);
	ck_assert_int_eq(xencomm_build(&tw.w, mem + WIN_SIZE - 4, 8, mem, 64, &h), -EINVAL);
	/* Descriptor outside, misaligned, crossing a page, overlapping the buffer. */
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 8, outside, 64, &h), -EINVAL);
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 8, mem + 4, 64, &h), -EINVAL);
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 8, mem + PG - 8, 64, &h), -EINVAL);
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 64, buf + 32, 64, &h), -EINVAL);
	/* Too little room; exactly enough room. */
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 8, mem, 15, &h), -ENOSPC);
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 8, mem + PG - 16, 16, &h), 0);
	ck_assert_uint_eq(h, WIN_GPA + PG - 16);
	/* A descriptor ending exactly at the page end, and a NULL handle pointer. */
	ck_assert_int_eq(xencomm_build(&tw.w, buf, 8, mem, 16, NULL), -EINVAL);
}
END_TEST

START_TEST(test_build_bad_window)
{
	struct xencomm_window w = tw.w;
	uint64_t h;

	w.gpa = WIN_GPA + 1;                    /* not page aligned */
	ck_assert_int_eq(xencomm_build(&w, mem + PG, 8, mem, 64, &h), -EINVAL);
	w = tw.w;
	w.size = 100;                           /* not whole pages */
	ck_assert_int_eq(xencomm_build(&w, mem + 10, 8, mem + 64, 64, &h), -EINVAL);
	w = tw.w;
	w.gpa = XENCOMM_INLINE_FLAG;            /* would collide with inline handles */
	ck_assert_int_eq(xencomm_build(&w, mem + PG, 8, mem, 64, &h), -EINVAL);
	ck_assert_int_eq(xencomm_build(NULL, mem + PG, 8, mem, 64, &h), -EINVAL);
}
END_TEST

START_TEST(test_inline_handle)
{
	ck_assert_uint_eq(xencomm_inline_handle(0x1234), 0x8000000000001234ULL);
}
END_TEST

/* ---- walker ----------------------------------------------------------- */

/*
 * Build a descriptor for a buffer at every interesting start, then copy
 * every (offset, len) pair on a grid out and back in, comparing with the
 * window's own bytes.
 */
START_TEST(test_walk_round_trip)
{
	static const uint64_t starts[] = { 0, 1, 100, PG - 1, PG - 8 };
	static const uint64_t lens[] = { 1, 7, PG - 1, PG, PG + 1, 3 * PG + 5 };
	static uint8_t out[4 * PG + 64], back[4 * PG + 64];
	size_t s, l;

	fill_pattern();
	for (s = 0; s < sizeof(starts) / sizeof(starts[0]); s++)
		for (l = 0; l < sizeof(lens) / sizeof(lens[0]); l++) {
			uint8_t *buf = mem + 4 * PG + starts[s];
			uint64_t len = lens[l], off, h;

			ck_assert_int_eq(xencomm_build(&tw.w, buf, len, mem, PG, &h), 0);
			ck_assert_int_eq(xencomm_handle_bytes(&tw.g, h),
			                 (int64_t)(xencomm_nr_pages(testwin_gpa(&tw, buf), len) * PG - starts[s] % PG));
			for (off = 0; off < len; off += len / 3 + 1) {
				uint64_t n = len - off;

				memset(out, 0, sizeof(out));
				ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, off, n), 0);
				ck_assert_mem_eq(out, buf + off, n);
				/* Write back inverted bytes, check, then restore. */
				for (uint64_t i = 0; i < n; i++)
					back[i] = (uint8_t)~out[i];
				ck_assert_int_eq(xencomm_copy_to_guest(&tw.g, h, off, back, n), 0);
				ck_assert_mem_eq(buf + off, back, n);
				ck_assert_int_eq(xencomm_copy_to_guest(&tw.g, h, off, out, n), 0);
			}
		}
}
END_TEST

/* Copy into/out of a window with the buffer's neighbours as canaries. */
START_TEST(test_walk_stays_inside)
{
	static uint8_t src[2 * PG];
	uint8_t *buf = mem + 3 * PG + 10;
	uint64_t h;

	memset(mem, 0x5a, WIN_SIZE);
	memset(src, 0xa5, sizeof(src));
	ck_assert_int_eq(xencomm_build(&tw.w, buf, PG + 20, mem, 64, &h), 0);
	ck_assert_int_eq(xencomm_copy_to_guest(&tw.g, h, 0, src, PG + 20), 0);
	ck_assert_uint_eq(buf[-1], 0x5a);
	ck_assert_uint_eq(buf[0], 0xa5);
	ck_assert_uint_eq(buf[PG + 19], 0xa5);
	ck_assert_uint_eq(buf[PG + 20], 0x5a);
}
END_TEST

START_TEST(test_walk_zero_len)
{
	/* len 0 succeeds without looking at the handle or the pointer. */
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, NULL, 0xdead, 5, 0), 0);
	ck_assert_int_eq(xencomm_copy_to_guest(&tw.g, 0, 0, NULL, 0), 0);
	ck_assert_uint_eq(tw.xlates, 0);
}
END_TEST

/* INVALID entries anywhere are skipped (as Xen does after add_offset). */
START_TEST(test_walk_invalid_entries)
{
	struct xencomm_desc *d = (void *)mem;
	uint8_t out[3 * 16];

	fill_pattern();
	be32_put(&d->magic, XENCOMM_MAGIC);
	be32_put(&d->nr_addrs, 5);
	be64_put(&d->address[0], XENCOMM_INVALID);
	be64_put(&d->address[1], WIN_GPA + 5 * PG - 16);        /* last 16 bytes of a page */
	be64_put(&d->address[2], XENCOMM_INVALID);
	be64_put(&d->address[3], WIN_GPA + 9 * PG - 16);
	be64_put(&d->address[4], WIN_GPA + 2 * PG - 16);
	ck_assert_int_eq(xencomm_handle_bytes(&tw.g, WIN_GPA), 48);
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, WIN_GPA, 0, 48), 0);
	ck_assert_mem_eq(out, mem + 5 * PG - 16, 16);
	ck_assert_mem_eq(out + 16, mem + 9 * PG - 16, 16);
	ck_assert_mem_eq(out + 32, mem + 2 * PG - 16, 16);
	/* An offset that skips whole chunks and starts inside one. */
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, WIN_GPA, 20, 20), 0);
	ck_assert_mem_eq(out, mem + 9 * PG - 12, 12);
	ck_assert_mem_eq(out + 12, mem + 2 * PG - 16, 8);
}
END_TEST

START_TEST(test_walk_inline)
{
	static uint8_t out[3 * PG];
	uint64_t h = xencomm_inline_handle(WIN_GPA + PG + 3);

	fill_pattern();
	ck_assert_int_eq(xencomm_handle_bytes(&tw.g, h), INT64_MAX);
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, 10, sizeof(out)), 0);
	ck_assert_mem_eq(out, mem + PG + 13, sizeof(out));
	memset(out, 0x11, sizeof(out));
	ck_assert_int_eq(xencomm_copy_to_guest(&tw.g, h, 0, out, sizeof(out)), 0);
	ck_assert_mem_eq(mem + PG + 3, out, sizeof(out));
	ck_assert_uint_eq(mem[PG + 2], (uint8_t)((PG + 2) * 7 + 1));
}
END_TEST

/* An inline copy longer than one plan (512 pages) goes in batches. */
START_TEST(test_walk_inline_long)
{
	uint64_t len = (uint64_t)(WIN_PAGES - 2) * PG - 7;
	uint8_t *out = malloc((size_t)len);

	ck_assert_ptr_nonnull(out);
	fill_pattern();
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, xencomm_inline_handle(WIN_GPA + 5), PG, len), 0);
	ck_assert_mem_eq(out, mem + PG + 5, (size_t)len);
	/* A hole in the last page: nothing may be copied. */
	tw.hole = WIN_GPA + (WIN_PAGES - 1) * (uint64_t)PG;
	memset(out, 0, (size_t)len);
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, xencomm_inline_handle(WIN_GPA + 5), PG, len + 8), -EFAULT);
	ck_assert_uint_eq(out[0], 0);
	ck_assert_uint_eq(out[len / 2], 0);
	free(out);
}
END_TEST

/* A failing walk copies nothing, even when the bad page is the last one. */
START_TEST(test_walk_all_or_nothing)
{
	static uint8_t out[3 * PG], src[3 * PG];
	uint8_t *buf = mem + 2 * PG + 100;
	uint64_t h;

	fill_pattern();
	ck_assert_int_eq(xencomm_build(&tw.w, buf, sizeof(out), mem, 64, &h), 0);
	tw.hole = WIN_GPA + 5 * PG;             /* the buffer's fourth page */
	memset(out, 0xee, sizeof(out));
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, 0, sizeof(out)), -EFAULT);
	ck_assert_uint_eq(out[0], 0xee);
	memset(src, 0, sizeof(src));
	ck_assert_int_eq(xencomm_copy_to_guest(&tw.g, h, 0, src, sizeof(src)), -EFAULT);
	ck_assert_uint_eq(buf[0], (uint8_t)((2 * PG + 100) * 7 + 2));
	/* The hole is outside the range: only touched pages are translated. */
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, 0, PG), 0);
	ck_assert_int_eq(xencomm_handle_bytes(&tw.g, h), -EFAULT);
}
END_TEST

/* One element at an offset costs the descriptor page plus one page. */
START_TEST(test_walk_translates_touched_pages)
{
	uint8_t out[8];
	uint64_t h;

	ck_assert_int_eq(xencomm_build(&tw.w, mem + PG, (uint64_t)400 * PG, mem, PG, &h), 0);
	tw.xlates = 0;
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, (uint64_t)300 * PG + 8, 8), 0);
	ck_assert_uint_eq(tw.xlates, 2);
}
END_TEST

/* A guest that rewrites its descriptor header once the walker has read it. */
static void scribble_header(struct testwin *t, uint64_t gpa)
{
	if (gpa != WIN_GPA)                     /* a data page: header already read */
		memset(t->w.host, 0xff, 8);     /* bad magic, nr_addrs 0xffffffff */
}

/* A guest that turns every entry INVALID as soon as data pages are touched. */
static void scribble_entries(struct testwin *t, uint64_t gpa)
{
	struct xencomm_desc *d = (void *)t->w.host;
	uint32_t i;

	if (gpa != WIN_GPA)
		for (i = 0; i < 4; i++)
			be64_put(&d->address[i], XENCOMM_INVALID);
}

/*
 * The guest may change its descriptor while the walker runs (TOCTOU).  The
 * header is read once, so a changed nr_addrs cannot take the walker past
 * the entries it checked; entries read after a change are simply the new
 * ones, and a range that no longer fits fails with nothing copied.
 */
START_TEST(test_walk_concurrent_rewrite)
{
	static uint8_t out[3 * PG];
	uint8_t *buf = mem + PG + 8;
	uint64_t h;

	fill_pattern();
	ck_assert_int_eq(xencomm_build(&tw.w, buf, sizeof(out), mem, 64, &h), 0);
	ck_assert_uint_eq(desc_nr(h), 4);
	tw.on_xlate = scribble_header;
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, 0, sizeof(out)), 0);
	ck_assert_mem_eq(out, buf, sizeof(out));

	ck_assert_int_eq(xencomm_build(&tw.w, buf, sizeof(out), mem, 64, &h), 0);
	tw.on_xlate = scribble_entries;
	memset(out, 0xee, sizeof(out));
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, out, h, 0, sizeof(out)), -ERANGE);
	ck_assert_uint_eq(out[0], 0xee);
	ck_assert_uint_eq(out[sizeof(out) - 1], 0xee);
	tw.on_xlate = NULL;
}
END_TEST

START_TEST(test_walk_bad_args)
{
	struct xencomm_guest g = { NULL, NULL };
	uint8_t out[8];

	ck_assert_int_eq(xencomm_copy_from_guest(&g, out, WIN_GPA, 0, 8), -EINVAL);
	ck_assert_int_eq(xencomm_copy_from_guest(NULL, out, WIN_GPA, 0, 8), -EINVAL);
	ck_assert_int_eq(xencomm_copy_from_guest(&tw.g, NULL, WIN_GPA, 0, 8), -EINVAL);
	ck_assert_int_eq(xencomm_handle_bytes(NULL, WIN_GPA), -EINVAL);
	ck_assert_int_eq(xencomm_handle_bytes(&tw.g, 0), -EFAULT);
}
END_TEST

static Suite *xencomm_suite(void)
{
	Suite *s = suite_create("xencomm");
	TCase *b = tcase_create("builder");
	TCase *w = tcase_create("walker");

	tcase_add_checked_fixture(b, setup, teardown);
	tcase_add_test(b, test_nr_pages);
	tcase_add_test(b, test_build_zero_len);
	tcase_add_test(b, test_build_mid_page);
	tcase_add_test(b, test_build_limits);
	tcase_add_test(b, test_build_placement);
	tcase_add_test(b, test_build_bad_window);
	tcase_add_test(b, test_inline_handle);
	suite_add_tcase(s, b);

	tcase_add_checked_fixture(w, setup, teardown);
	tcase_add_test(w, test_walk_round_trip);
	tcase_add_test(w, test_walk_stays_inside);
	tcase_add_test(w, test_walk_zero_len);
	tcase_add_test(w, test_walk_invalid_entries);
	tcase_add_test(w, test_walk_inline);
	tcase_add_test(w, test_walk_inline_long);
	tcase_add_test(w, test_walk_all_or_nothing);
	tcase_add_test(w, test_walk_translates_touched_pages);
	tcase_add_test(w, test_walk_concurrent_rewrite);
	tcase_add_test(w, test_walk_bad_args);
	suite_add_tcase(s, w);
	return s;
}

int main(void)
{
	return check_run(xencomm_suite());
}
