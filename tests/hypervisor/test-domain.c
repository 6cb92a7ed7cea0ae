/*
 * Domain lifecycle at the function level, through domctl as tools call
 * it: ids, RMAs, flags, names, memory, and scrub-on-free.
 */
#include <check.h>
#include <string.h>

#include "harness.h"
#include "log.h"
#include "../check-run.h"

static struct harness H;

static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }

static struct xen_domctl_getdomaininfo info_of(uint32_t domid, int64_t *r)
{
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	*r = harness_domctl(&H, XEN_DOMCTL_getdomaininfo, domid, &op);
	return op.u.getdomaininfo;
}

static int64_t simple(uint32_t cmd, uint32_t domid)
{
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	return harness_domctl(&H, cmd, domid, &op);
}

START_TEST(create_ids)
{
	struct xen_domctl op;

	ck_assert_int_eq(harness_create(&H, 0), 1);
	ck_assert_int_eq(harness_create(&H, 0), 2);
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_createdomain, 7, &op), 0);
	ck_assert_uint_eq(be16_get(op.domain), 7);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_createdomain, 7, &op), -17);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_createdomain, DOMID_FIRST_RESERVED, &op), -22);
	ck_assert_int_eq(simple(XEN_DOMCTL_destroydomain, 1), 0);
	ck_assert_int_eq(harness_create(&H, 0), 1);          /* lowest free id again */
	ck_assert_int_eq(harness_create(&H, 25), -22);       /* not a 970 RMA size */
	ck_assert_int_eq(harness_create(&H, 29), -22);
}
END_TEST

START_TEST(create_info)
{
	int64_t r;
	int id = harness_create(&H, 0);
	struct xen_domctl_getdomaininfo gi = info_of((uint32_t)id, &r);
	struct domain *d = domain_get(&H.hv, (uint32_t)id);

	ck_assert_int_eq(r, 0);
	ck_assert_uint_eq(be16_get(gi.domain), (unsigned)id);
	ck_assert_uint_eq(be32_get(gi.flags), XEN_DOMINF_paused | XEN_DOMINF_blocked);
	ck_assert_uint_eq(be64_get(gi.tot_pages), 16384);    /* the 64 MiB RMA */
	ck_assert_uint_eq(be64_get(gi.shared_info_frame), d->rma_mfn + 16383);
	ck_assert_uint_eq(d->rma_mfn % 16384, 0);            /* naturally aligned */
	ck_assert_uint_eq(gi.handle[0], 0xab);
	ck_assert_uint_eq(be32_get(gi.nr_online_vcpus), 0);
	/* getdomaininfo returns the first domain at or after the id. */
	gi = info_of(2, &r);
	ck_assert_int_eq(r, -3);
	gi = info_of(0, &r);
	ck_assert_uint_eq(be16_get(gi.domain), 0);
	ck_assert(be32_get(gi.flags) & XEN_DOMINF_running);
}
END_TEST

/* A create that cannot place its RMA fails with -ENOMEM and leaves nothing. */
START_TEST(create_enomem_leaves_nothing)
{
	uint64_t free0 = H.hv.buddy.free_pages;
	unsigned nr0 = H.hv.nr_domains;

	ck_assert_int_eq(harness_create(&H, 28), 1);         /* 256 MiB of 384 free */
	ck_assert_int_eq(harness_create(&H, 28), -12);
	ck_assert_uint_eq(H.hv.nr_domains, nr0 + 1);
	ck_assert_ptr_null(domain_get(&H.hv, 2));
	ck_assert_int_eq(simple(XEN_DOMCTL_destroydomain, 1), 0);
	ck_assert_uint_eq(H.hv.buddy.free_pages, free0);
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
}
END_TEST

START_TEST(pause_unpause_shutdown)
{
	struct xen_domctl op;
	int64_t r;
	int id = harness_create(&H, 0);

	memset(&op, 0, sizeof(op));
	op.u.max_vcpus.max = be32_mk(2);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_max_vcpus, (uint32_t)id, &op), 0);
	op.u.max_vcpus.max = be32_mk(1);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_max_vcpus, (uint32_t)id, &op), -22);
	ck_assert_int_eq(simple(XEN_DOMCTL_unpausedomain, (uint32_t)id), 0);
	struct xen_domctl_getdomaininfo gi = info_of((uint32_t)id, &r);
	ck_assert_uint_eq(be32_get(gi.flags), XEN_DOMINF_blocked);
	ck_assert_uint_eq(be32_get(gi.nr_online_vcpus), 1);
	ck_assert_uint_eq(be32_get(gi.max_vcpu_id), 1);
	ck_assert_uint_eq(be64_get(gi.cpu_time), 0);          /* guest code never ran */
	ck_assert_int_eq(simple(XEN_DOMCTL_pausedomain, (uint32_t)id), 0);
	gi = info_of((uint32_t)id, &r);
	ck_assert_uint_eq(be32_get(gi.flags), XEN_DOMINF_paused);
	/* dom0 may not pause, destroy or unpause itself (Xen: -EINVAL). */
	ck_assert_int_eq(simple(XEN_DOMCTL_pausedomain, 0), -22);
	ck_assert_int_eq(simple(XEN_DOMCTL_destroydomain, 0), -22);
	for (uint32_t reason = 0; reason <= SHUTDOWN_MAX; reason++) {
		int d = harness_create(&H, 0);
		memset(&op, 0, sizeof(op));
		op.u.shutdown.reason = be32_mk(reason);
		ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_shutdown, (uint32_t)d, &op), 0);
		gi = info_of((uint32_t)d, &r);
		ck_assert(be32_get(gi.flags) & XEN_DOMINF_shutdown);
		ck_assert_uint_eq(be32_get(gi.flags) >> XEN_DOMINF_shutdownshift, reason);
	}
	op.u.shutdown.reason = be32_mk(9);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_shutdown, (uint32_t)id, &op), -22);
	op.u.shutdown.reason = be32_mk(0);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_shutdown, 0, &op), -1);
	ck_assert_int_eq(simple(XEN_DOMCTL_destroydomain, 999), -3);
}
END_TEST

/* One row per name rule of XEN_DOMCTL_setdomainname. */
static const struct { const char *name; int expect; } name_cases[] = {
	{ "web-1", 0 },                 /* ordinary */
	{ "Domain-0", -17 },            /* dom0's name is taken */
	{ "has space", -22 },           /* space is not allowed */
	{ "tab\there", -22 },           /* nor control characters */
	{ "", 0 },                      /* clears */
	{ "a123456789012345678901234567890123456789012345678901234567890123", -22 },
	{ "b12345678901234567890123456789012345678901234567890123456789012", 0 },
};

START_TEST(names)
{
	struct xen_domctl op;
	int id = harness_create(&H, 0);
	size_t i = (size_t)_i;

	memset(&op, 0, sizeof(op));
	memcpy(op.u.domainname.name, name_cases[i].name,
	       strnlen(name_cases[i].name, XEN_DOMAIN_NAME_MAX));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_setdomainname, (uint32_t)id, &op),
	                 name_cases[i].expect);
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_getdomainname, (uint32_t)id, &op), 0);
	if (name_cases[i].expect == 0)
		ck_assert_str_eq(op.u.domainname.name, name_cases[i].name);
	else
		ck_assert_str_eq(op.u.domainname.name, "");
}
END_TEST

START_TEST(names_unique)
{
	struct xen_domctl op;
	int a = harness_create(&H, 0), b = harness_create(&H, 0);

	memset(&op, 0, sizeof(op));
	strcpy(op.u.domainname.name, "guest");
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_setdomainname, (uint32_t)a, &op), 0);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_setdomainname, (uint32_t)a, &op), 0);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_setdomainname, (uint32_t)b, &op), -17);
	ck_assert_int_eq(simple(XEN_DOMCTL_destroydomain, (uint32_t)a), 0);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_setdomainname, (uint32_t)b, &op), 0);
}
END_TEST

int test_memory_tcase(Suite *s);
int test_scrub_tcase(Suite *s);

int main(void)
{
	Suite *s = suite_create("domain");
	TCase *tc = tcase_create("lifecycle");

	hv_log_set_level(HV_LOG_ERR);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, create_ids);
	tcase_add_test(tc, create_info);
	tcase_add_test(tc, create_enomem_leaves_nothing);
	tcase_add_test(tc, pause_unpause_shutdown);
	tcase_add_loop_test(tc, names, 0, (int)(sizeof(name_cases) / sizeof(name_cases[0])));
	tcase_add_test(tc, names_unique);
	suite_add_tcase(s, tc);
	test_memory_tcase(s);
	test_scrub_tcase(s);
	return check_run(s);
}
