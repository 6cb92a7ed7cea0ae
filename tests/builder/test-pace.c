/*
 * xg_pace_behind, which decides when the builder's mapping thread stops
 * (xg_build_load.c): no pace yet on either side, the factor's boundary,
 * and figures far beyond a build's (no overflow, no division by zero).
 */
#include <check.h>
#include <stdint.h>

#include "xg_pace.h"
#include "../check-run.h"

START_TEST(test_no_pace_yet)
{
	ck_assert_int_eq(xg_pace_behind(1000000, 0, 10, 1 << 20, 2), 0);
	ck_assert_int_eq(xg_pace_behind(1000000, 1 << 20, 10, 0, 2), 0);
	ck_assert_int_eq(xg_pace_behind(0, 0, 0, 0, 2), 0);
}
END_TEST

START_TEST(test_factor_boundary)
{
	/* the reference: 1 MiB in 100 us */
	ck_assert_int_eq(xg_pace_behind(200000, 1 << 20, 100000, 1 << 20, 2), 0);   /* exactly 2x */
	ck_assert_int_eq(xg_pace_behind(200001, 1 << 20, 100000, 1 << 20, 2), 1);
	ck_assert_int_eq(xg_pace_behind(150000, 1 << 20, 100000, 1 << 20, 2), 0);
	/* paces, not totals: a quarter of the bytes in a third of the time is slower */
	ck_assert_int_eq(xg_pace_behind(100000, 256 << 10, 300000, 1 << 20, 1), 1);
	ck_assert_int_eq(xg_pace_behind(100000, 256 << 10, 300000, 1 << 20, 2), 0);
	/* faster than the reference is never behind */
	ck_assert_int_eq(xg_pace_behind(1, 1 << 20, 1000000, 1 << 20, 2), 0);
}
END_TEST

START_TEST(test_huge_figures)
{
	ck_assert_int_eq(xg_pace_behind(UINT64_MAX, 1, 1, UINT64_MAX, 2), 1);
	ck_assert_int_eq(xg_pace_behind(1, UINT64_MAX, UINT64_MAX, 1, 2), 0);
	ck_assert_int_eq(xg_pace_behind(UINT64_MAX, UINT64_MAX, UINT64_MAX, UINT64_MAX, 2), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pace");
	TCase *tc = tcase_create("pace");

	tcase_add_test(tc, test_no_pace_yet);
	tcase_add_test(tc, test_factor_boundary);
	tcase_add_test(tc, test_huge_figures);
	suite_add_tcase(s, tc);
	return check_run(s);
}
