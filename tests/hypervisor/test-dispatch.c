/*
 * The dispatch table: unknown numbers, the dom0-only permission check,
 * interface versions and bad handles, each written once in the dispatcher
 * or the family's entry.
 */
#include <check.h>
#include <string.h>

#include "harness.h"
#include "log.h"
#include "../check-run.h"

static struct harness H;
static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }

/* Numbers PowerPC Xen does not implement, and numbers beyond the table. */
static const uint64_t unknown_ops[] = {
	0, 1, 2, 13, 16, 23, 33, 34, 37, 48, 55, 63, 64, 1000, UINT64_MAX,
};

START_TEST(unknown_number)
{
	uint64_t op = unknown_ops[_i];
	uint64_t before = H.hv.nr_hypercalls;
	ck_assert_int_eq(harness_call(&H, 0, op, 0, 0, 0), -38);
	ck_assert_uint_eq(H.hv.nr_hypercalls, before + 1);
}
END_TEST

START_TEST(rows_named)
{
	for (unsigned i = 0; i < XENPPC_NR_HYPERCALLS; i++)
		if (hcall_table[i].fn)
			ck_assert_ptr_nonnull(hcall_table[i].name);
	ck_assert(hcall_table[__HYPERVISOR_domctl].flags & HCALL_DOM0_ONLY);
	ck_assert(hcall_table[__HYPERVISOR_sysctl].flags & HCALL_DOM0_ONLY);
	ck_assert(!(hcall_table[__HYPERVISOR_xen_version].flags & HCALL_DOM0_ONLY));
}
END_TEST

/* A domU caller: privileged families refuse before reading anything. */
START_TEST(permission)
{
	int id = harness_create(&H, 0);
	uint32_t u = (uint32_t)id;
	uint16_t *dom = (void *)(H.win + 100);

	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_domctl, 0, 0, 0), -1);
	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_sysctl, 0, 0, 0), -1);
	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_console_io, 0, 0, 0), -1);
	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_xen_version, XENVER_version, 0, 0),
	                 (XENPPC_VERSION_MAJOR << 16) | XENPPC_VERSION_MINOR);
	/* memory_op on another domain needs privilege, on itself it does not. */
	*(be16_t *)dom = be16_mk(0);
	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_memory_op, XENMEM_current_reservation,
	                              harness_handle(&H, dom), 0), -1);
	*(be16_t *)dom = be16_mk(DOMID_SELF);
	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_memory_op, XENMEM_current_reservation,
	                              harness_handle(&H, dom), 0), 16384);
	/* A domU may shut itself down (dom0 may not: -EPERM). */
	be32_t *reason = (void *)(H.win + 200);
	*reason = be32_mk(SHUTDOWN_reboot);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_sched_op, SCHEDOP_shutdown,
	                              harness_handle(&H, reason), 0), -1);
	ck_assert_int_eq(harness_call(&H, u, __HYPERVISOR_sched_op, SCHEDOP_shutdown,
	                              harness_handle(&H, reason), 0), 0);
	ck_assert(domain_get(&H.hv, u)->shut_down);
}
END_TEST

START_TEST(versions_and_handles)
{
	struct xen_domctl *d = (void *)H.win;
	struct xen_sysctl *s = (void *)(H.win + 1024);

	memset(d, 0, sizeof(*d));
	d->cmd = be32_mk(XEN_DOMCTL_getdomaininfo);
	d->interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION - 1);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl, harness_handle(&H, d), 0, 0), -13);
	d->interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION);
	d->cmd = be32_mk(XEN_DOMCTL_NR_CMDS);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl, harness_handle(&H, d), 0, 0), -38);
	d->cmd = be32_mk(7);        /* getpageframeinfo: not on PowerPC here */
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl, harness_handle(&H, d), 0, 0), -38);
	memset(s, 0, sizeof(*s));
	s->cmd = be32_mk(XEN_SYSCTL_physinfo);
	s->interface_version = be32_mk(2);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_sysctl, harness_handle(&H, s), 0, 0), -13);
	/* Handles outside the caller's memory, NULL, and a bad descriptor. */
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl, 0, 0, 0), -14);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl, XENCOMM_INLINE_FLAG | 4096, 0, 0), -14);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl, HARNESS_WIN_GPA + 8, 0, 0), -14);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_domctl,
	                              harness_handle(&H, H.win + HARNESS_WIN_SIZE - 8), 0, 0), -14);
}
END_TEST

START_TEST(console)
{
	char *msg = (char *)H.win + 512, *out = (char *)H.win + 8192;
	struct xen_sysctl s;

	strcpy(msg, "hello from dom0\n");
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_console_io, CONSOLEIO_write, 16,
	                              harness_handle(&H, msg)), 0);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_console_io, CONSOLEIO_write,
	                              XENPPC_CONSOLE_WRITE_MAX + 1, harness_handle(&H, msg)), -22);
	memset(&s, 0, sizeof(s));
	s.u.readconsole.buffer = be64_mk(harness_handle(&H, out));
	s.u.readconsole.count = be32_mk(4096);
	s.u.readconsole.clear = be32_mk(1);
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_readconsole, &s), 0);
	uint32_t n = be32_get(s.u.readconsole.count);
	ck_assert_uint_gt(n, 16);
	ck_assert(memcmp(out + n - 16, "hello from dom0\n", 16) == 0);
	s.u.readconsole.count = be32_mk(4096);
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_readconsole, &s), 0);
	ck_assert_uint_eq(be32_get(s.u.readconsole.count), 0);   /* cleared */
	/* CONSOLEIO_read: the loopback returns what it has not returned yet. */
	int64_t r = harness_call(&H, 0, __HYPERVISOR_console_io, CONSOLEIO_read, 4096,
	                         harness_handle(&H, out));
	ck_assert_int_ge(r, 16);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_console_io, CONSOLEIO_read, 4096,
	                              harness_handle(&H, out)), 0);
}
END_TEST

START_TEST(physinfo_and_warnings)
{
	struct xen_sysctl s;

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_physinfo, &s), 0);
	ck_assert_uint_eq(be64_get(s.u.physinfo.total_pages), HARNESS_MEMORY / 4096);
	ck_assert_uint_eq(be64_get(s.u.physinfo.free_pages), (HARNESS_MEMORY - HARNESS_DOM0) / 4096);
	ck_assert_uint_eq(be32_get(s.u.physinfo.cores_per_socket), 2);
	ck_assert_uint_gt(be32_get(s.u.physinfo.cpu_khz), 0);
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_sched_id, &s), 0);
	ck_assert_uint_eq(be32_get(s.u.sched_id.sched_id), XEN_SCHEDULER_CREDIT);
	uint64_t w = hv_warn_count();
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_warnings, &s), 0);
	ck_assert_uint_eq(be64_get(s.u.warnings.count), w);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dispatch");
	TCase *tc = tcase_create("dispatch");

	hv_log_set_level(HV_LOG_ERR);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, unknown_number, 0, (int)(sizeof(unknown_ops) / sizeof(unknown_ops[0])));
	tcase_add_test(tc, rows_named);
	tcase_add_test(tc, permission);
	tcase_add_test(tc, versions_and_handles);
	tcase_add_test(tc, console);
	tcase_add_test(tc, physinfo_and_warnings);
	suite_add_tcase(s, tc);
	return check_run(s);
}
