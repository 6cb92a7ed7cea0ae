/*
 * xg_crc32 against zlib's crc32: every length up to a few folds past the
 * 64-byte threshold at every alignment, continuation from any split
 * point, a large buffer, and the check that x86-64 with PCLMULQDQ really
 * takes the folding path (elsewhere both sides are zlib).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include <zlib.h>

#include "xg_crc32.h"
#include "../check-run.h"

#define SMALL 1100
#define BIG (3U << 20)

static uint8_t *random_bytes(size_t n, unsigned seed)
{
	uint8_t *b = malloc(n);
	size_t i;

	ck_assert_ptr_nonnull(b);
	srand(seed);
	for (i = 0; i < n; i++)
		b[i] = (uint8_t)rand();
	return b;
}

START_TEST(test_lengths_alignments)
{
	uint8_t *b = random_bytes(SMALL + 16, 1);
	size_t len, off;

	for (len = 0; len <= SMALL; len++)
		for (off = 0; off < 16; off++)
			ck_assert_msg(xg_crc32(0x1234567, b + off, len) ==
			              (uint32_t)crc32(0x1234567, b + off, (uInt)len),
			              "length %zu at offset %zu", len, off);
	free(b);
}
END_TEST

START_TEST(test_continuation_and_big)
{
	uint8_t *b = random_bytes(BIG, 2);
	uint32_t whole = (uint32_t)crc32(0L, b, BIG);
	size_t split;

	ck_assert_uint_eq(xg_crc32(0, b, BIG), whole);
	ck_assert_uint_eq(xg_crc32_generic(0, b, BIG), whole);
	for (split = 0; split < 300; split += 7)
		ck_assert_uint_eq(xg_crc32(xg_crc32(0, b, split), b + split, BIG - split), whole);
	ck_assert_uint_eq(xg_crc32(xg_crc32(0, b, BIG / 2 + 5), b + BIG / 2 + 5, BIG / 2 - 5), whole);
	ck_assert_uint_eq(xg_crc32(0, NULL, 0), 0);
	free(b);
}
END_TEST

/* The fast path must be the one under test where the CPU has it. */
START_TEST(test_accelerated_where_possible)
{
#if defined(__x86_64__) && defined(__GNUC__)
	__builtin_cpu_init();
	ck_assert_int_eq(xg_crc32_accelerated(), __builtin_cpu_supports("pclmul") != 0);
#else
	ck_assert_int_eq(xg_crc32_accelerated(), 0);
#endif
}
END_TEST

int main(void)
{
	Suite *s = suite_create("crc32");
	TCase *tc = tcase_create("crc32");

	tcase_add_test(tc, test_lengths_alignments);
	tcase_add_test(tc, test_continuation_and_big);
	tcase_add_test(tc, test_accelerated_where_possible);
	suite_add_tcase(s, tc);
	return check_run(s);
}
