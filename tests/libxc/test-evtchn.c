/*
 * Event channels, console and grant tables through libxc-ppc: VIRQ_DOM_EXC
 * notifications arriving on a pollable evtchn fd, the port operations and
 * their status, console write then ring read, grant table setup.
 */
#include <config.h>

#include <poll.h>
#include <unistd.h>

#include "xctest.h"
#include "../check-run.h"

/* Notifications come within this; the hypervisor sends them at once. */
#define EVENT_TIMEOUT_MS 5000

/* Poll the fd the way a daemon would, then take one port. */
static uint32_t wait_port(xc_evtchn *xce)
{
	struct pollfd pfd = { .fd = xc_evtchn_fd(xce), .events = POLLIN };
	uint32_t port;
	int rc = xc_evtchn_pending(xce, &port);

	if (rc == 0)
		return port;            /* queued while a call was in flight */
	ck_assert_int_eq(rc, -EAGAIN);
	ck_assert_int_eq(poll(&pfd, 1, EVENT_TIMEOUT_MS), 1);
	ck_assert_int_eq(xc_evtchn_pending(xce, &port), 0);
	return port;
}

START_TEST(dom_exc_notifications)
{
	xc_interface *xch = xctest_open();
	xc_evtchn *xce = xc_evtchn_open(NULL, 0);
	uint32_t port, got, domid;
	xc_evtchn_status_t st;

	ck_assert_ptr_nonnull(xce);
	ck_assert_int_ge(xc_evtchn_fd(xce), 0);
	ck_assert_int_eq(xc_evtchn_bind_virq(xce, VIRQ_DOM_EXC, &port), 0);
	XC_OK(xch, xc_evtchn_status(xch, DOMID_SELF, port, &st));
	ck_assert_uint_eq(st.status, EVTCHNSTAT_virq);
	ck_assert_uint_eq(st.virq, VIRQ_DOM_EXC);
	ck_assert_int_eq(xc_evtchn_pending(xce, &got), -EAGAIN);

	/* Each state change raises the virq: shutdown, crash, destroy. */
	domid = xctest_domain(xch, 65536, 0);
	XC_OK(xch, xc_domain_shutdown(xch, domid, SHUTDOWN_poweroff));
	ck_assert_uint_eq(wait_port(xce), port);
	ck_assert_int_eq(xc_evtchn_unmask(xce, port), 0);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	ck_assert_uint_eq(wait_port(xce), port);
	ck_assert_int_eq(xc_evtchn_unmask(xce, port), 0);
	domid = xctest_domain(xch, 65536, 0);
	XC_OK(xch, xc_domain_shutdown(xch, domid, SHUTDOWN_crash));
	ck_assert_uint_eq(wait_port(xce), port);
	ck_assert_int_eq(xc_evtchn_unmask(xce, port), 0);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	ck_assert_uint_eq(wait_port(xce), port);

	/* Once unbound, nothing more arrives. */
	ck_assert_int_eq(xc_evtchn_unbind(xce, port), 0);
	domid = xctest_domain(xch, 65536, 0);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	ck_assert_int_eq(xc_evtchn_wait(xce, 200, &got), -ETIMEDOUT);
	ck_assert_int_eq(xc_evtchn_close(xce), 0);
	ck_assert_int_eq(xc_evtchn_close(NULL), 0);
	xc_interface_close(xch);
}
END_TEST

/* Ports bound through an evtchn handle close with it. */
START_TEST(ports_close_with_handle)
{
	xc_interface *xch = xctest_open();
	xc_evtchn *xce = xc_evtchn_open(NULL, 0);
	xc_evtchn_status_t st;
	uint32_t port;

	ck_assert_ptr_nonnull(xce);
	ck_assert_int_eq(xc_evtchn_bind_virq(xce, VIRQ_DOM_EXC, &port), 0);
	XC_OK(xch, xc_evtchn_status(xch, DOMID_SELF, port, &st));
	ck_assert_uint_eq(st.status, EVTCHNSTAT_virq);
	ck_assert_int_eq(xc_evtchn_close(xce), 0);
	/* The hypervisor handles the disconnect in its own time: wait a little. */
	for (int i = 0; i < 1000; i++) {
		XC_OK(xch, xc_evtchn_status(xch, DOMID_SELF, port, &st));
		if (st.status == EVTCHNSTAT_closed)
			break;
		usleep(1000);
	}
	ck_assert_uint_eq(st.status, EVTCHNSTAT_closed);
	xc_interface_close(xch);
}
END_TEST

START_TEST(port_operations)
{
	xc_interface *xch = xctest_open();
	xc_evtchn *xce = xc_evtchn_open(NULL, 0);
	uint32_t domid = xctest_domain(xch, 65536, 0);
	uint32_t rport, lport, uport;
	xc_evtchn_status_t st;

	ck_assert_ptr_nonnull(xce);
	/* A port in the guest for dom0, and dom0 binding to it. */
	XC_OK(xch, xc_evtchn_alloc_unbound(xch, domid, 0, &rport));
	XC_OK(xch, xc_evtchn_status(xch, domid, rport, &st));
	ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
	ck_assert_uint_eq(st.remote_dom, 0);
	ck_assert_int_eq(xc_evtchn_bind_interdomain(xce, domid, rport, &lport), 0);
	XC_OK(xch, xc_evtchn_status(xch, DOMID_SELF, lport, &st));
	ck_assert_uint_eq(st.status, EVTCHNSTAT_interdomain);
	ck_assert_uint_eq(st.remote_dom, domid);
	ck_assert_uint_eq(st.remote_port, rport);
	ck_assert_int_eq(xc_evtchn_notify(xce, lport), 0);

	/* A dom0 port for the guest to bind later. */
	ck_assert_int_eq(xc_evtchn_bind_unbound_port(xce, domid, &uport), 0);
	XC_OK(xch, xc_evtchn_status(xch, DOMID_SELF, uport, &st));
	ck_assert_uint_eq(st.status, EVTCHNSTAT_unbound);
	ck_assert_uint_eq(st.remote_dom, domid);

	ck_assert_int_eq(xc_evtchn_unbind(xce, lport), 0);
	XC_OK(xch, xc_evtchn_status(xch, DOMID_SELF, lport, &st));
	ck_assert_uint_eq(st.status, EVTCHNSTAT_closed);
	ck_assert_int_eq(xc_evtchn_notify(xce, XENPPC_NR_EVENT_CHANNELS), -EINVAL);
	ck_assert_int_eq(xc_evtchn_bind_virq(xce, NR_VIRQS, &lport), -EINVAL);
	ck_assert_int_lt(xc_evtchn_bind_interdomain(xce, 4000, 1, &lport), 0);
	xc_evtchn_close(xce);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

START_TEST(console_write_and_read)
{
	xc_interface *xch = xctest_open();
	static const char msg[] = "libxc-ppc console test line\n";
	static char big[3 * XENPPC_CONSOLE_WRITE_MAX];
	static char ring[XENPPC_CONSOLE_RING_SIZE + 1];
	uint32_t n = XENPPC_CONSOLE_RING_SIZE;

	XC_OK(xch, xc_readconsolering(xch, ring, &n, 1));       /* start empty */
	XC_OK(xch, xc_console_write(xch, msg, sizeof(msg) - 1));
	n = XENPPC_CONSOLE_RING_SIZE;
	XC_OK(xch, xc_readconsolering(xch, ring, &n, 0));
	ring[n] = '\0';
	ck_assert_ptr_nonnull(strstr(ring, "libxc-ppc console test line"));

	/* Cleared means gone. */
	n = XENPPC_CONSOLE_RING_SIZE;
	XC_OK(xch, xc_readconsolering(xch, ring, &n, 1));
	n = XENPPC_CONSOLE_RING_SIZE;
	XC_OK(xch, xc_readconsolering(xch, ring, &n, 0));
	ring[n] = '\0';
	ck_assert_ptr_null(strstr(ring, "libxc-ppc console test line"));

	/* Longer than one console_io write: sent in pieces, all arrive. */
	memset(big, 'z', sizeof(big));
	big[sizeof(big) - 1] = '\n';
	XC_OK(xch, xc_console_write(xch, big, sizeof(big)));
	n = XENPPC_CONSOLE_RING_SIZE;
	XC_OK(xch, xc_readconsolering(xch, ring, &n, 1));
	ck_assert_uint_ge(n, sizeof(big));

	/* No console input is waiting for dom0. */
	ck_assert_int_ge(xc_console_read(xch, ring, 64), 0);
	xc_interface_close(xch);
}
END_TEST

START_TEST(grant_tables)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 65536, 0), nr = 99, max = 0;
	uint64_t frames[4] = { 0 };

	XC_OK(xch, xc_gnttab_setup_table(xch, domid, 4, frames));
	XC_OK(xch, xc_gnttab_query_size(xch, domid, &nr, &max));
	ck_assert_uint_eq(nr, 4);
	ck_assert_uint_eq(max, XENPPC_MAX_GRANT_FRAMES);
	ck_assert_uint_ne(frames[0], frames[1]);
	ck_assert_int_eq(xc_gnttab_setup_table(xch, domid, XENPPC_MAX_GRANT_FRAMES + 1, NULL),
			 -EINVAL);
	ck_assert_int_eq(xc_gnttab_query_size(xch, 4000, &nr, &max), -ESRCH);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-evtchn");
	TCase *tc = tcase_create("hv");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_add_test(tc, dom_exc_notifications);
	tcase_add_test(tc, ports_close_with_handle);
	tcase_add_test(tc, port_operations);
	tcase_add_test(tc, console_write_and_read);
	tcase_add_test(tc, grant_tables);
	suite_add_tcase(s, tc);
	return check_run(s);
}
