/*
 * Listing many domains: getdomaininfolist across batch boundaries
 * (XC_DOMINFO_BATCH) must agree with one-by-one getdomaininfo, and start
 * at any first id.  The domains have only their RMA, small enough that
 * a 2 GiB test machine holds them.
 */
#include <config.h>

#include "xctest.h"

/* More than one batch, not a multiple of it. */
#define LIST_DOMAINS (XC_DOMINFO_BATCH + 44)

/* The fields that must match (cpu_time moves between calls). */
static void same_info(const xc_dominfo_t *a, const xc_dominfo_t *b)
{
	ck_assert_uint_eq(a->domid, b->domid);
	ck_assert_uint_eq(a->nr_pages, b->nr_pages);
	ck_assert_uint_eq(a->max_memkb, b->max_memkb);
	ck_assert_int_eq(a->paused, b->paused);
	ck_assert_int_eq(a->shutdown, b->shutdown);
	ck_assert_int_eq(memcmp(a->handle, b->handle, 16), 0);
}

START_TEST(list_across_batches)
{
	xc_interface *xch = xctest_open();
	static uint32_t ids[LIST_DOMAINS];
	static xc_dominfo_t list[LIST_DOMAINS + 8], one[LIST_DOMAINS + 8];
	int n, m;

	for (int i = 0; i < LIST_DOMAINS; i++) {
		xen_domain_handle_t h = { (uint8_t)i, (uint8_t)(i >> 8), 0xaa };
		ids[i] = 0;
		XC_OK(xch, xc_domain_create(xch, 0, h, 0, 0, &ids[i]));
	}
	n = xc_domain_getinfolist(xch, 0, LIST_DOMAINS + 8, list);
	ck_assert_int_eq(n, LIST_DOMAINS + 1);          /* and dom0 */
	ck_assert_uint_eq(list[0].domid, 0);
	m = xc_domain_getinfo(xch, 0, LIST_DOMAINS + 8, one);
	ck_assert_int_eq(m, n);
	for (int i = 0; i < n; i++)
		same_info(&list[i], &one[i]);
	for (int i = 1; i < n; i++) {
		ck_assert_uint_gt(list[i].domid, list[i - 1].domid);
		ck_assert_uint_eq(list[i].handle[2], 0xaa);
	}

	/* Start in the middle, and ask for exactly one batch. */
	n = xc_domain_getinfolist(xch, ids[40], XC_DOMINFO_BATCH, list);
	ck_assert_int_eq(n, XC_DOMINFO_BATCH);
	ck_assert_uint_eq(list[0].domid, ids[40]);
	n = xc_domain_getinfolist(xch, ids[LIST_DOMAINS - 1] + 1, 10, list);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 0, NULL), 0);

	for (int i = 0; i < LIST_DOMAINS; i++)
		XC_OK(xch, xc_domain_destroy(xch, ids[i]));
	ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 8, list), 1);
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-list");
	TCase *tc = tcase_create("hv");
	SRunner *sr;
	int failed;

	/* 300 RMAs of 64 MiB need more than the default test machine. */
	tcase_add_unchecked_fixture(tc, xctest_hv_setup_big, xctest_hv_teardown);
	tcase_add_test(tc, list_across_batches);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
