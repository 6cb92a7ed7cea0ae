/*
 * Event-channel tables: unbound and interdomain ports, virq binding per
 * connection, delivery to the owning connection, VIRQ_DOM_EXC on domain
 * state changes, and cleanup when a connection or a domain goes.
 */
#include <check.h>
#include <string.h>

#include "harness.h"
#include "log.h"
#include "../check-run.h"

static struct harness H;
static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }

static int other_conn;   /* its address stands for a second connection */

static int64_t ev(void *owner, uint32_t cmd, void *arg)
{
	return harness_call_as(&H, 0, owner, __HYPERVISOR_event_channel_op, cmd,
	                       harness_handle(&H, arg), 0);
}

static uint32_t bind_virq(void *owner, uint32_t virq, int64_t *r)
{
	struct evtchn_bind_virq *b = (void *)(H.win + 256);
	memset(b, 0, sizeof(*b));
	b->virq = be32_mk(virq);
	*r = ev(owner, EVTCHNOP_bind_virq, b);
	return be32_get(b->port);
}

static struct evtchn_status status(uint32_t dom, uint32_t port)
{
	struct evtchn_status *s = (void *)(H.win + 512);
	memset(s, 0, sizeof(*s));
	s->dom = be16_mk((uint16_t)dom);
	s->port = be32_mk(port);
	ck_assert_int_eq(ev(&H, EVTCHNOP_status, s), 0);
	return *s;
}

START_TEST(interdomain)
{
	int id = harness_create(&H, 0);
	struct evtchn_alloc_unbound *a = (void *)H.win;
	struct evtchn_bind_interdomain *b = (void *)(H.win + 64);
	struct evtchn_port_arg *p = (void *)(H.win + 128);

	a->dom = be16_mk((uint16_t)id);
	a->remote_dom = be16_mk(0);
	ck_assert_int_eq(ev(&H, EVTCHNOP_alloc_unbound, a), 0);
	uint32_t uport = be32_get(a->port);
	ck_assert_uint_eq(be32_get(status((uint32_t)id, uport).status), EVTCHNSTAT_unbound);
	b->remote_dom = be16_mk((uint16_t)id);
	b->remote_port = be32_mk(uport);
	H.nr_notified = 0;
	ck_assert_int_eq(ev(&H, EVTCHNOP_bind_interdomain, b), 0);
	uint32_t lport = be32_get(b->local_port);
	ck_assert_uint_eq(H.nr_notified, 1);               /* Xen's conservative kick */
	ck_assert_uint_eq(H.notified[0], lport);
	struct evtchn_status st = status(0, lport);
	ck_assert_uint_eq(be32_get(st.status), EVTCHNSTAT_interdomain);
	ck_assert_uint_eq(be16_get(st.u.interdomain.dom), (unsigned)id);
	ck_assert_uint_eq(be32_get(st.u.interdomain.port), uport);
	/* A second bind of the same remote port fails: it is no longer unbound. */
	ck_assert_int_eq(ev(&H, EVTCHNOP_bind_interdomain, b), -22);
	p->port = be32_mk(lport);
	ck_assert_int_eq(ev(&H, EVTCHNOP_send, p), 0);
	ck_assert(evtchn_port(domain_get(&H.hv, (uint32_t)id), uport)->pending);
	ck_assert_int_eq(ev(&other_conn, EVTCHNOP_close, p), -1);   /* not its port */
	ck_assert_int_eq(ev(&H, EVTCHNOP_close, p), 0);
	ck_assert_uint_eq(be32_get(status((uint32_t)id, uport).status), EVTCHNSTAT_unbound);
	ck_assert_uint_eq(be32_get(status(0, lport).status), EVTCHNSTAT_closed);
	ck_assert_int_eq(ev(&H, EVTCHNOP_close, p), -22);
	p->port = be32_mk(XENPPC_NR_EVENT_CHANNELS);
	ck_assert_int_eq(ev(&H, EVTCHNOP_send, p), -22);
}
END_TEST

START_TEST(virq_dom_exc)
{
	int64_t r;
	uint32_t p1 = bind_virq(&H, VIRQ_DOM_EXC, &r);
	ck_assert_int_eq(r, 0);
	bind_virq(&H, VIRQ_DOM_EXC, &r);
	ck_assert_int_eq(r, -17);                           /* once per connection */
	uint32_t p2 = bind_virq(&other_conn, VIRQ_DOM_EXC, &r);
	ck_assert_int_eq(r, 0);
	ck_assert_uint_ne(p1, p2);
	bind_virq(&H, NR_VIRQS, &r);
	ck_assert_int_eq(r, -22);
	ck_assert_uint_eq(be32_get(status(0, p1).u.virq), VIRQ_DOM_EXC);

	int id = harness_create(&H, 0);
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	H.nr_notified = 0;
	op.u.shutdown.reason = be32_mk(SHUTDOWN_crash);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_shutdown, (uint32_t)id, &op), 0);
	ck_assert_uint_eq(H.nr_notified, 2);                /* both connections */
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, (uint32_t)id, &op), 0);
	ck_assert_uint_eq(H.nr_notified, 4);
	/* The second connection goes: its port closes, the first stays. */
	evtchn_close_owner(&H.hv, &other_conn);
	ck_assert_uint_eq(be32_get(status(0, p2).status), EVTCHNSTAT_closed);
	ck_assert_uint_eq(be32_get(status(0, p1).status), EVTCHNSTAT_virq);
}
END_TEST

START_TEST(port_exhaustion)
{
	struct evtchn_alloc_unbound *a = (void *)H.win;
	int64_t r = 0;
	unsigned n = 0;

	while (n < XENPPC_NR_EVENT_CHANNELS + 5) {
		memset(a, 0, sizeof(*a));
		a->dom = be16_mk(DOMID_SELF);
		a->remote_dom = be16_mk(DOMID_SELF);
		r = ev(&H, EVTCHNOP_alloc_unbound, a);
		if (r != 0)
			break;
		n++;
	}
	ck_assert_int_eq(r, -28);
	ck_assert_uint_eq(n, XENPPC_NR_EVENT_CHANNELS - 1);  /* port 0 is reserved */
	evtchn_close_owner(&H.hv, &H);
	ck_assert_int_eq(ev(&H, EVTCHNOP_alloc_unbound, a), 0);
}
END_TEST

/* A destroyed domain's interdomain peers go back to unbound. */
START_TEST(destroy_unbinds_peer)
{
	int id = harness_create(&H, 0);
	struct evtchn_alloc_unbound *a = (void *)H.win;
	struct evtchn_bind_interdomain *b = (void *)(H.win + 64);
	struct xen_domctl op;

	a->dom = be16_mk((uint16_t)id);
	a->remote_dom = be16_mk(0);
	ck_assert_int_eq(ev(&H, EVTCHNOP_alloc_unbound, a), 0);
	b->remote_dom = be16_mk((uint16_t)id);
	b->remote_port = a->port;
	ck_assert_int_eq(ev(&H, EVTCHNOP_bind_interdomain, b), 0);
	uint32_t lport = be32_get(b->local_port);
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, (uint32_t)id, &op), 0);
	struct evtchn_status st = status(0, lport);
	ck_assert_uint_eq(be32_get(st.status), EVTCHNSTAT_unbound);
}
END_TEST

START_TEST(grant_tables)
{
	int id = harness_create(&H, 0);
	struct gnttab_setup_table *st = (void *)H.win;
	struct gnttab_query_size *q = (void *)(H.win + 256);
	be64_t *frames = (void *)(H.win + 4096);

	st->dom = be16_mk((uint16_t)id);
	st->nr_frames = be32_mk(4);
	st->frame_list = be64_mk(harness_handle(&H, frames));
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
	                              harness_handle(&H, st), 1), 0);
	ck_assert_int_eq((int16_t)be16_get(st->status), GNTST_okay);
	ck_assert_uint_ne(be64_get(frames[0]), be64_get(frames[3]));
	q->dom = be16_mk((uint16_t)id);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_grant_table_op, GNTTABOP_query_size,
	                              harness_handle(&H, q), 1), 0);
	ck_assert_uint_eq(be32_get(q->nr_frames), 4);
	ck_assert_uint_eq(be32_get(q->max_nr_frames), XENPPC_MAX_GRANT_FRAMES);
	st->nr_frames = be32_mk(XENPPC_MAX_GRANT_FRAMES + 1);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_grant_table_op, GNTTABOP_setup_table,
	                              harness_handle(&H, st), 1), 0);
	ck_assert_int_eq((int16_t)be16_get(st->status), GNTST_general_error);
	q->dom = be16_mk(4000);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_grant_table_op, GNTTABOP_query_size,
	                              harness_handle(&H, q), 1), 0);
	ck_assert_int_eq((int16_t)be16_get(q->status), GNTST_bad_domain);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_grant_table_op, 99, 0, 0), -38);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("evtchn");
	TCase *tc = tcase_create("evtchn");

	hv_log_set_level(HV_LOG_ERR);
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, interdomain);
	tcase_add_test(tc, virq_dom_exc);
	tcase_add_test(tc, port_exhaustion);
	tcase_add_test(tc, destroy_unbinds_peer);
	tcase_add_test(tc, grant_tables);
	suite_add_tcase(s, tc);
	return check_run(s);
}
