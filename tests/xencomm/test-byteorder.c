/*
 * Unit tests for the big-endian wrapper types (include/xenppc/byteorder.h):
 * values round-trip, memory holds them big-endian on every host, and the
 * unaligned load/store helpers agree with the wrappers.  That native access
 * does not compile is checked by native-access.sh.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <xenppc/byteorder.h>
#include "../check-run.h"

START_TEST(test_sizes)
{
	ck_assert_uint_eq(sizeof(be16_t), 2);
	ck_assert_uint_eq(sizeof(be32_t), 4);
	ck_assert_uint_eq(sizeof(be64_t), 8);
	ck_assert_uint_eq(_Alignof(be64_t), 8);
}
END_TEST

START_TEST(test_memory_is_big_endian)
{
	static const uint8_t b16[] = { 0x12, 0x34 };
	static const uint8_t b32[] = { 0x12, 0x34, 0x56, 0x78 };
	static const uint8_t b64[] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };
	be16_t x16 = be16_mk(0x1234);
	be32_t x32;
	be64_t x64;

	be32_put(&x32, 0x12345678);
	be64_put(&x64, 0x0123456789abcdefULL);
	ck_assert_mem_eq(&x16, b16, 2);
	ck_assert_mem_eq(&x32, b32, 4);
	ck_assert_mem_eq(&x64, b64, 8);
}
END_TEST

START_TEST(test_round_trip)
{
	/* Values with every byte distinct, plus the extremes. */
	static const uint64_t v[] = { 0, 1, 0x80, 0xff00, 0x12345678, 0x80000000U,
		0xffffffffU, 0x0123456789abcdefULL, 0x8000000000000000ULL, UINT64_MAX };
	size_t i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		be16_t a; be32_t b; be64_t c;

		be16_put(&a, (uint16_t)v[i]);
		be32_put(&b, (uint32_t)v[i]);
		be64_put(&c, v[i]);
		ck_assert_uint_eq(be16_get(a), (uint16_t)v[i]);
		ck_assert_uint_eq(be32_get(b), (uint32_t)v[i]);
		ck_assert_uint_eq(be64_get(c), v[i]);
		ck_assert_uint_eq(be64_get(be64_mk(v[i])), v[i]);
	}
}
END_TEST

START_TEST(test_signed)
{
	be64_t x;

	be64_put_s(&x, -22);
	ck_assert_int_eq(be64_get_s(x), -22);
	ck_assert_uint_eq(be64_get(x), (uint64_t)-22);
	be64_put_s(&x, INT64_MIN);
	ck_assert(be64_get_s(x) == INT64_MIN);
}
END_TEST

START_TEST(test_unaligned_helpers)
{
	uint8_t buf[16];
	be64_t w;

	memset(buf, 0, sizeof(buf));
	be32_store(buf + 1, 0xdeadbeef);
	ck_assert_uint_eq(buf[1], 0xde);
	ck_assert_uint_eq(buf[4], 0xef);
	ck_assert_uint_eq(be32_load(buf + 1), 0xdeadbeef);
	be64_store(buf + 3, 0x0123456789abcdefULL);
	ck_assert_uint_eq(be64_load(buf + 3), 0x0123456789abcdefULL);
	/* The byte helpers and the wrappers describe the same bytes. */
	memcpy(&w, buf + 3, 8);
	ck_assert_uint_eq(be64_get(w), 0x0123456789abcdefULL);
}
END_TEST

static Suite *byteorder_suite(void)
{
	Suite *s = suite_create("byteorder");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_sizes);
	tcase_add_test(tc, test_memory_is_big_endian);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_signed);
	tcase_add_test(tc, test_unaligned_helpers);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(byteorder_suite());
}
