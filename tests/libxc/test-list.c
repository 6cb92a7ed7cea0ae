/*
 * Listing many domains: getdomaininfolist across batch boundaries
 * (XC_DOMINFO_BATCH) must agree with one-by-one getdomaininfo, and start
 * at any first id; getdomainnamelist likewise with getdomainname.  The domains have only their RMA, small enough that
 * a 2 GiB test machine holds them.
 */
#include <config.h>

#include "xctest.h"
#include "../check-run.h"

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
	ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 1, NULL), -EINVAL);
	xc_clear_last_error(xch);

	for (int i = 0; i < LIST_DOMAINS; i++)
		XC_OK(xch, xc_domain_destroy(xch, ids[i]));
	ck_assert_int_eq(xc_domain_getinfolist(xch, 0, 8, list), 1);
	xc_interface_close(xch);
}
END_TEST

/* Every name in the list equals getdomainname's, and the ids go up. */
static void names_match(xc_interface *xch, const xc_domname_t *l, int n)
{
	char one[XC_DOMAIN_NAME_MAX];

	for (int i = 0; i < n; i++) {
		if (i > 0)
			ck_assert_uint_gt(l[i].domid, l[i - 1].domid);
		XC_OK(xch, xc_domain_getname(xch, l[i].domid, one, sizeof(one)));
		ck_assert_str_eq(l[i].name, one);
	}
}

START_TEST(names_across_batches)
{
	xc_interface *xch = xctest_open();
	static uint32_t ids[LIST_DOMAINS];
	static xc_domname_t names[LIST_DOMAINS + 8];
	static xc_dominfo_t info[LIST_DOMAINS + 8];
	int n, live = LIST_DOMAINS;
	uint32_t found;

	for (int i = 0; i < LIST_DOMAINS; i++) {
		char name[32];
		ids[i] = 0;
		XC_OK(xch, xc_domain_create(xch, 0, NULL, 0, 0, &ids[i]));
		snprintf(name, sizeof(name), "nl-%d", i);
		if (i % 7 != 3)    /* some stay unnamed: "" */
			XC_OK(xch, xc_domain_setname(xch, ids[i], name));
	}
	/* Holes in the id space, one of them on a batch boundary. */
	for (int i = XC_DOMINFO_BATCH - 2; i < XC_DOMINFO_BATCH + 3; i++, live--)
		XC_OK(xch, xc_domain_destroy(xch, ids[i]));

	n = xc_domain_getnamelist(xch, 0, LIST_DOMAINS + 8, names);
	ck_assert_int_eq(n, live + 1);                  /* and dom0 */
	ck_assert_uint_eq(names[0].domid, 0);
	ck_assert_str_eq(names[0].name, "Domain-0");
	ck_assert_str_eq(names[4].name, "");            /* ids[3] */
	names_match(xch, names, n);
	/* The same domains as getinfolist, in the same order. */
	ck_assert_int_eq(xc_domain_getinfolist(xch, 0, LIST_DOMAINS + 8, info), n);
	for (int i = 0; i < n; i++)
		ck_assert_uint_eq(names[i].domid, info[i].domid);

	/* From the middle, exactly one batch; past the end, none. */
	n = xc_domain_getnamelist(xch, ids[30], XC_DOMINFO_BATCH, names);
	ck_assert_int_eq(n, XC_DOMINFO_BATCH);
	ck_assert_uint_eq(names[0].domid, ids[30]);
	ck_assert_str_eq(names[0].name, "nl-30");
	names_match(xch, names, n);
	ck_assert_int_eq(xc_domain_getnamelist(xch, ids[LIST_DOMAINS - 1] + 1, 10, names), 0);
	ck_assert_int_eq(xc_domain_getnamelist(xch, 0, 0, NULL), 0);
	ck_assert_int_eq(xc_domain_getnamelist(xch, 0, 1, NULL), -EINVAL);
	xc_clear_last_error(xch);

	/* lookup_name walks the same list: a name beyond the first batch. */
	XC_OK(xch, xc_domain_lookup_name(xch, "nl-291", &found));
	ck_assert_uint_eq(found, ids[291]);
	ck_assert_int_eq(xc_domain_lookup_name(xch, "nl-257", &found), -ESRCH);

	for (int i = 0; i < LIST_DOMAINS; i++)
		if (i < XC_DOMINFO_BATCH - 2 || i >= XC_DOMINFO_BATCH + 3)
			XC_OK(xch, xc_domain_destroy(xch, ids[i]));
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-list");
	TCase *tc = tcase_create("hv");

	/* 300 RMAs of 64 MiB need more than the default test machine. */
	tcase_add_unchecked_fixture(tc, xctest_hv_setup_big, xctest_hv_teardown);
	tcase_add_test(tc, list_across_batches);
	tcase_add_test(tc, names_across_batches);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return check_run(s);
}
