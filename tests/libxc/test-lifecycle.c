/*
 * Domain lifecycle through libxc-ppc against a real xenppc-hv: create,
 * pause, unpause, shutdown with each reason, destroy; names and handles;
 * vcpus; the machine queries; and the error paths callers rely on.
 */
#include <config.h>

#include "xctest.h"
#include "../check-run.h"

static const xen_domain_handle_t uuid1 = {
	0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0,
	0x0f, 0xed, 0xcb, 0xa9, 0x87, 0x65, 0x43, 0x21 };

START_TEST(create_pause_unpause_destroy)
{
	xc_interface *xch = xctest_open();
	xc_dominfo_t info;
	uint32_t domid = 0;

	XC_OK(xch, xc_domain_create(xch, 0, uuid1, 0, 0, &domid));
	ck_assert_uint_gt(domid, 0);
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.domid, domid);
	ck_assert_int_eq(memcmp(info.handle, uuid1, 16), 0);
	ck_assert(info.paused);                     /* created paused */
	ck_assert(!info.dying && !info.shutdown && !info.crashed);
	ck_assert_uint_eq(info.nr_pages, XCTEST_MIB(64) >> XEN_PAGE_SHIFT);

	XC_OK(xch, xc_domain_unpause(xch, domid));
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert(!info.paused);
	/* Guests don't execute: an unpaused vcpu is honestly blocked. */
	ck_assert(info.blocked && !info.running);

	XC_OK(xch, xc_domain_pause(xch, domid));
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert(info.paused);

	XC_OK(xch, xc_domain_destroy(xch, domid));
	ck_assert_int_eq(xc_domain_getinfo_one(xch, domid, &info), -ESRCH);
	ck_assert_int_eq(xc_get_last_error(xch)->code, ESRCH);
	ck_assert_int_eq(xc_domain_destroy(xch, domid), -ESRCH);
	xc_interface_close(xch);
}
END_TEST

/* Each reason shows up decoded; crash is reported as crashed, not shutdown. */
START_TEST(shutdown_each_reason)
{
	xc_interface *xch = xctest_open();
	int reason = _i;
	xc_dominfo_t info;
	uint32_t domid = xctest_domain(xch, 65536, 0);

	XC_OK(xch, xc_domain_unpause(xch, domid));
	XC_OK(xch, xc_domain_shutdown(xch, domid, reason));
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.shutdown_reason, (uint32_t)reason);
	ck_assert_int_eq(info.crashed, reason == SHUTDOWN_crash);
	ck_assert_int_eq(info.shutdown, reason != SHUTDOWN_crash);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/* A caller may ask for a domain id; asking twice is -EEXIST. */
START_TEST(requested_domid)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = 500, again = 500;

	XC_OK(xch, xc_domain_create(xch, 0, NULL, 0, 0, &domid));
	ck_assert_uint_eq(domid, 500);
	ck_assert_int_eq(xc_domain_create(xch, 0, NULL, 0, 0, &again), -EEXIST);
	again = DOMID_SELF;
	ck_assert_int_eq(xc_domain_create(xch, 0, NULL, 0, 0, &again), -EINVAL);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

START_TEST(bad_arguments)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = 0;
	xc_dominfo_t info;

	ck_assert_int_eq(xc_domain_create(xch, 0, NULL, 0, 25, &domid), -EINVAL);
	ck_assert_int_eq(xc_domain_pause(xch, DOMID_FIRST_RESERVED), -EINVAL);
	ck_assert_int_eq(xc_domain_pause(xch, 0x10000), -EINVAL);
	ck_assert_int_eq(xc_domain_shutdown(xch, 1, 99), -EINVAL);
	ck_assert_int_eq(xc_domain_unpause(xch, 4000), -ESRCH);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "4000"));
	ck_assert_int_eq(xc_domain_getinfo_one(xch, 4000, &info), -ESRCH);
	xc_clear_last_error(xch);
	ck_assert_int_eq(xc_get_last_error(xch)->code, 0);
	ck_assert_str_eq(xc_strerror(xch, -ESRCH), "no such domain");
	xc_interface_close(xch);
}
END_TEST

START_TEST(names_and_handles)
{
	xc_interface *xch = xctest_open();
	uint32_t a = xctest_domain(xch, 65536, 0), b = xctest_domain(xch, 65536, 0), found;
	char name[XC_DOMAIN_NAME_MAX], small[4];
	char longname[XC_DOMAIN_NAME_MAX + 1];
	xc_dominfo_t info;

	XC_OK(xch, xc_domain_getname(xch, a, name, sizeof(name)));
	ck_assert_str_eq(name, "");
	XC_OK(xch, xc_domain_setname(xch, a, "guest-a"));
	XC_OK(xch, xc_domain_getname(xch, a, name, sizeof(name)));
	ck_assert_str_eq(name, "guest-a");
	ck_assert_int_eq(xc_domain_getname(xch, a, small, sizeof(small)), -ERANGE);
	ck_assert_int_eq(xc_domain_setname(xch, b, "guest-a"), -EEXIST);
	ck_assert_int_eq(xc_domain_setname(xch, b, "has space"), -EINVAL);
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	ck_assert_int_eq(xc_domain_setname(xch, b, longname), -ENAMETOOLONG);
	XC_OK(xch, xc_domain_lookup_name(xch, "guest-a", &found));
	ck_assert_uint_eq(found, a);
	ck_assert_int_eq(xc_domain_lookup_name(xch, "nobody", &found), -ESRCH);

	XC_OK(xch, xc_domain_sethandle(xch, b, uuid1));
	XC_OK(xch, xc_domain_getinfo_one(xch, b, &info));
	ck_assert_int_eq(memcmp(info.handle, uuid1, 16), 0);
	XC_OK(xch, xc_domain_destroy(xch, a));
	XC_OK(xch, xc_domain_destroy(xch, b));
	xc_interface_close(xch);
}
END_TEST

START_TEST(vcpus)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 65536, 0);
	xc_vcpu_context_t in, out;
	xc_vcpuinfo_t vi;
	xc_dominfo_t info;
	uint64_t map;

	XC_OK(xch, xc_domain_max_vcpus(xch, domid, 4));
	ck_assert_int_eq(xc_domain_max_vcpus(xch, domid, MAX_VIRT_CPUS + 1), -EINVAL);
	memset(&in, 0, sizeof(in));
	for (int i = 0; i < 32; i++)
		in.gprs[i] = 0x0101010101010101ULL * (uint64_t)i;
	in.pc = 0x400000;
	in.msr = 0x8000000000000000ULL;
	in.cr = 0x24000042;
	in.sdr1 = 0xabcdef;
	XC_OK(xch, xc_vcpu_setcontext(xch, domid, 1, &in));
	XC_OK(xch, xc_vcpu_getcontext(xch, domid, 1, &out));
	ck_assert_int_eq(memcmp(&in, &out, sizeof(in)), 0);
	ck_assert_int_lt(xc_vcpu_setcontext(xch, domid, 4, &in), 0);

	XC_OK(xch, xc_vcpu_getinfo(xch, domid, 1, &vi));
	ck_assert(vi.online);
	XC_OK(xch, xc_vcpu_setaffinity(xch, domid, 1, 0x1));
	XC_OK(xch, xc_vcpu_getaffinity(xch, domid, 1, &map));
	ck_assert_uint_eq(map, 0x1);
	ck_assert_int_eq(xc_vcpu_setaffinity(xch, domid, 1, 0), -EINVAL);
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.max_vcpu_id, 3);
	ck_assert_uint_eq(info.nr_online_vcpus, 2);

	/* A NULL context takes the vcpu offline and forgets its registers. */
	XC_OK(xch, xc_vcpu_setcontext(xch, domid, 1, NULL));
	XC_OK(xch, xc_vcpu_getinfo(xch, domid, 1, &vi));
	ck_assert(!vi.online);
	ck_assert_int_eq(xc_vcpu_getcontext(xch, domid, 1, &out), -ENODATA);
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.nr_online_vcpus, 1);
	ck_assert_int_eq(xc_vcpu_setcontext(xch, domid, 4, NULL), -EINVAL);
	ck_assert_int_eq(xc_vcpu_getcontext(xch, domid, 0, NULL), -EINVAL);
	xc_clear_last_error(xch);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/*
 * Every errno the hypervisor can return (the XEN_E* list of xen.h; keep in
 * step with it) has its own text, not "unknown error".
 */
START_TEST(strerror_knows_xen_errnos)
{
	static const int xen_errnos[] = {
		XEN_EPERM, XEN_ENOENT, XEN_ESRCH, XEN_EINTR, XEN_E2BIG, XEN_EAGAIN,
		XEN_ENOMEM, XEN_EACCES, XEN_EFAULT, XEN_EBUSY, XEN_EEXIST, XEN_EINVAL,
		XEN_ENOSPC, XEN_ERANGE, XEN_ENAMETOOLONG, XEN_ENOSYS, XEN_EOVERFLOW,
		XEN_ENODATA, XEN_ENOBUFS,
	};

	for (size_t i = 0; i < sizeof(xen_errnos) / sizeof(xen_errnos[0]); i++)
		ck_assert_msg(strcmp(xc_strerror(NULL, -xen_errnos[i]), "unknown error") != 0,
		              "no text for errno %d", xen_errnos[i]);
	ck_assert_str_eq(xc_strerror(NULL, -ENODATA), "no data available");
	ck_assert_str_eq(xc_strerror(NULL, 4095), "unknown error");
}
END_TEST

START_TEST(machine_queries)
{
	xc_interface *xch = xctest_open();
	char extra[XC_EXTRAVERSION_LEN], caps[XC_CAPABILITIES_LEN], cs[XC_CHANGESET_LEN];
	xc_compile_info_t ci;
	xc_physinfo_t pi;
	uint32_t sched;
	uint64_t warnings = 1, virt;
	int ver;

	ver = xc_version(xch, XENVER_version, NULL);
	ck_assert_int_eq(ver, XENPPC_VERSION_MAJOR << 16 | XENPPC_VERSION_MINOR);
	ck_assert_int_eq(xc_version(xch, XENVER_pagesize, NULL), XEN_PAGE_SIZE);
	XC_OK(xch, xc_version(xch, XENVER_extraversion, extra));
	XC_OK(xch, xc_version(xch, XENVER_capabilities, caps));
	ck_assert_ptr_nonnull(strstr(caps, "powerpc64"));
	XC_OK(xch, xc_version(xch, XENVER_changeset, cs));
	XC_OK(xch, xc_version(xch, XENVER_compile_info, &ci));
	XC_OK(xch, xc_version(xch, XENVER_platform_parameters, &virt));
	xc_feature_info_t fi = { 0, 0xdeadbeef };
	XC_OK(xch, xc_version(xch, XENVER_get_features, &fi));
	ck_assert_uint_ne(fi.submap, 0xdeadbeef);
	ck_assert_int_eq(xc_version(xch, 1234, NULL), -EINVAL);
	ck_assert_int_eq(xc_version(xch, XENVER_changeset, NULL), -EINVAL);

	XC_OK(xch, xc_physinfo(xch, &pi));
	ck_assert_uint_eq(pi.total_pages, XCTEST_MIB(2048) >> XEN_PAGE_SHIFT);
	ck_assert_uint_gt(pi.free_pages, 0);
	ck_assert_uint_lt(pi.free_pages, pi.total_pages);   /* dom0 has some */
	ck_assert_uint_ge(pi.nr_cpus, 1);
	XC_OK(xch, xc_sched_id(xch, &sched));
	ck_assert(sched == XEN_SCHEDULER_CREDIT || sched == XEN_SCHEDULER_SEDF);
	XC_OK(xch, xc_warnings_count(xch, &warnings));
	ck_assert_uint_eq(warnings, 0);
	xc_interface_close(xch);
}
END_TEST

static Suite *lifecycle_suite(void)
{
	Suite *s = suite_create("libxc-lifecycle");
	TCase *tc = tcase_create("hv");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_add_test(tc, create_pause_unpause_destroy);
	tcase_add_loop_test(tc, shutdown_each_reason, SHUTDOWN_poweroff, SHUTDOWN_MAX + 1);
	tcase_add_test(tc, requested_domid);
	tcase_add_test(tc, bad_arguments);
	tcase_add_test(tc, names_and_handles);
	tcase_add_test(tc, vcpus);
	tcase_add_test(tc, machine_queries);
	tcase_add_test(tc, strerror_knows_xen_errnos);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(lifecycle_suite());
}
