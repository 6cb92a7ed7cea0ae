/*
 * Hostile descriptors (ARCHITECTURE D4): each row writes a descriptor into
 * a test window (or names a raw handle), asks the walker for a range, and
 * states the error both copy directions must return.  A failing row must
 * also leave the destination (copy_from) and the whole window (copy_to)
 * untouched.  The valid rows at the end keep the table honest: a walker
 * that rejects everything fails them.
 */
#include <check.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "testwin.h"
#include "../check-run.h"

#define WIN_GPA    0x200000ULL                  /* window base: 2 MiB */
#define WIN_PAGES  8
#define WIN_SIZE   ((uint64_t)WIN_PAGES * XEN_PAGE_SIZE)
#define PG         ((uint64_t)XEN_PAGE_SIZE)
#define W(off)     (WIN_GPA + (off))            /* gpa of a window offset */
#define INV        XENCOMM_INVALID
#define INL(gpa)   (XENCOMM_INLINE_FLAG | (gpa))
#define MAX_ENTRIES 4                           /* entries a row spells out */
#define MAX_COPY   (2 * XEN_PAGE_SIZE)          /* largest valid copy in the table */
#define HANDLE_NULL XENCOMM_INVALID             /* .handle spelling of handle 0 */

struct hostile {
	const char *name;
	uint64_t desc_off;      /* where the descriptor goes in the window */
	uint32_t magic;         /* 0 means XENCOMM_MAGIC */
	uint32_t nr;            /* nr_addrs as written */
	uint64_t addr[MAX_ENTRIES];
	uint64_t handle;        /* 0: W(desc_off); HANDLE_NULL: 0; else as is */
	uint64_t offset, len;
	int expect;
};

static const struct hostile rows[] = {
	/* The magic is wrong: nothing else may be looked at. */
	{ "bad magic", 0, 0x58434F4E, 1, { W(PG) }, 0, 0, 16, -EINVAL },
	/* A count that would walk 32 GiB of entries. */
	{ "huge count", 0, 0, UINT32_MAX, { W(PG) }, 0, 0, 16, -E2BIG },
	/* One more entry than a page can hold. */
	{ "count 512", 0, 0, XENCOMM_MAX_ADDRS + 1, { W(PG) }, 0, 0, 16, -E2BIG },
	/* A full-page count starting mid-page runs into the next page. */
	{ "entries cross page", 8, 0, XENCOMM_MAX_ADDRS, { W(PG) }, 0, 0, 16, -EINVAL },
	/* Two entries in the last 16 bytes of a page cross it. */
	{ "desc crosses page", PG - 16, 0, 2, { W(PG), W(2 * PG) }, 0, 0, 16, -EINVAL },
	/* Handles must be 8-aligned so every entry is. */
	{ "misaligned", 4, 0, 1, { W(PG) }, 0, 0, 16, -EINVAL },
	/* The descriptor itself is in a page the caller does not own. */
	{ "desc outside memory", 0, 0, 1, { W(PG) }, 0x1000, 0, 16, -EFAULT },
	/* A descriptor page just past the window's end. */
	{ "desc past window", 0, 0, 1, { W(PG) }, W(WIN_SIZE), 0, 16, -EFAULT },
	/* An entry pointing outside the caller's memory. */
	{ "page outside memory", 0, 0, 1, { 0xdead0000 }, 0, 0, 16, -EFAULT },
	/* The second page of the range is outside memory. */
	{ "second page outside", 0, 0, 2, { W(PG), W(WIN_SIZE) }, 0, 0, PG + 1, -EFAULT },
	/* An entry at the top of the address space: its chunk must not wrap. */
	{ "entry at 2^64-16", 0, 0, 1, { 0xFFFFFFFFFFFFFFF0ULL }, 0, 0, 8, -EFAULT },
	/* offset + len wraps 64 bits. */
	{ "overflowing offset", 0, 0, 1, { W(PG) }, 0, UINT64_MAX - 3, 8, -EOVERFLOW },
	/* len alone wraps with the offset. */
	{ "overflowing len", 0, 0, 1, { W(PG) }, 0, 8, UINT64_MAX, -EOVERFLOW },
	/* One byte more than the single page describes. */
	{ "length beyond", 0, 0, 1, { W(PG) }, 0, 0, PG + 1, -ERANGE },
	/* A mid-page entry describes only the rest of its page. */
	{ "truncated mid-page", 0, 0, 1, { W(PG + 4000) }, 0, 0, 97, -ERANGE },
	/* The offset alone is past the end. */
	{ "offset beyond", 0, 0, 2, { INV, W(PG) }, 0, PG, 1, -ERANGE },
	/* Every entry INVALID: a NULL handle. */
	{ "INVALID only", 0, 0, 3, { INV, INV, INV }, 0, 0, 1, -EFAULT },
	/* No entries at all: also NULL. */
	{ "zero entries", 0, 0, 0, { 0 }, 0, 0, 1, -EFAULT },
	/* The NULL handle. */
	{ "NULL handle", 0, 0, 1, { W(PG) }, HANDLE_NULL, 0, 1, -EFAULT },
	/* An inline buffer outside the caller's memory. */
	{ "inline outside", 0, 0, 0, { 0 }, INL(0x1000), 0, 8, -EFAULT },
	/* An inline buffer whose second page is outside. */
	{ "inline runs off", 0, 0, 0, { 0 }, INL(W(WIN_SIZE - 8)), 0, 16, -EFAULT },
	/* An inline range past 2^63. */
	{ "inline past 2^63", 0, 0, 0, { 0 }, INL(0x7FFFFFFFFFFFF000ULL), 8, PG, -ERANGE },
	/* An inline range wrapping 64 bits. */
	{ "inline overflow", 0, 0, 0, { 0 }, INL(W(PG)), UINT64_MAX, 2, -EOVERFLOW },
	/* Valid: a whole page. */
	{ "valid page", 0, 0, 1, { W(PG) }, 0, 0, PG, 0 },
	/* Valid: a bad entry after the range is never translated. */
	{ "valid, bad tail", 0, 0, 2, { W(PG + 8), 0xdead0000 }, 0, 0, 100, 0 },
	/* Valid: INVALID entries are skipped. */
	{ "valid, INVALID skipped", 0, 0, 3, { INV, W(PG), W(3 * PG) }, 0, 100, PG, 0 },
	/* Valid: an inline buffer over two pages. */
	{ "valid inline", 0, 0, 0, { 0 }, INL(W(PG + 100)), 0, PG, 0 },
};

static uint64_t row_handle(const struct hostile *r)
{
	if (r->handle == HANDLE_NULL)
		return 0;
	return r->handle ? r->handle : W(r->desc_off);
}

/* Write the row's descriptor (only as many entries as fit the window). */
static void write_desc(uint8_t *mem, const struct hostile *r)
{
	uint8_t *d = mem + r->desc_off;
	uint32_t i;

	be32_store(d, r->magic ? r->magic : XENCOMM_MAGIC);
	be32_store(d + 4, r->nr);
	for (i = 0; i < MAX_ENTRIES && i < r->nr; i++)
		be64_store(d + 8 + 8 * i, r->addr[i]);
}

START_TEST(test_hostile_row)
{
	const struct hostile *r = &rows[_i];
	static uint8_t out[MAX_COPY], src[MAX_COPY];
	uint8_t *mem = testwin_alloc(WIN_SIZE), *snap = testwin_alloc(WIN_SIZE);
	uint64_t h = row_handle(r), n = r->len < MAX_COPY ? r->len : MAX_COPY;
	struct testwin tw;

	ck_assert_ptr_nonnull(mem);
	ck_assert_ptr_nonnull(snap);
	testwin_init(&tw, mem, WIN_GPA, WIN_SIZE);
	memset(mem + PG, 0x3c, (size_t)(WIN_SIZE - PG));
	write_desc(mem, r);
	memcpy(snap, mem, (size_t)WIN_SIZE);

	/* Rows whose len is huge only ever fail before a byte moves. */
	memset(out, 0xee, sizeof(out));
	ck_assert_msg(xencomm_copy_from_guest(&tw.g, out, h, r->offset, r->len) == r->expect,
	              "%s: copy_from", r->name);
	if (r->expect != 0)
		ck_assert_msg(out[0] == 0xee && out[n - 1] == 0xee, "%s: copied on failure", r->name);
	else
		ck_assert_msg(out[0] == 0x3c && out[n - 1] == 0x3c, "%s: wrong bytes", r->name);

	memset(src, 0x77, sizeof(src));
	ck_assert_msg(xencomm_copy_to_guest(&tw.g, h, r->offset, src, r->len) == r->expect,
	              "%s: copy_to", r->name);
	if (r->expect != 0)
		ck_assert_msg(memcmp(mem, snap, (size_t)WIN_SIZE) == 0, "%s: window changed", r->name);
	free(mem);
	free(snap);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("xencomm-hostile");
	TCase *tc = tcase_create("table");

	tcase_add_loop_test(tc, test_hostile_row, 0, (int)(sizeof(rows) / sizeof(rows[0])));
	suite_add_tcase(s, tc);
	return check_run(s);
}
