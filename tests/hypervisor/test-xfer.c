/*
 * Transfer deviations: memcopy's skip_zero over scattered pages (and the
 * packed flag, gone) and EVTCHNOP_status_list, which save uses (every
 * open port of a domain in one call, resumed from first_port, the
 * argument checks and who may ask).
 */
#include <check.h>
#include <string.h>

#include "harness.h"
#include "../check-run.h"

static struct harness H;
static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }

#define PAGES 8U

/*
 * Pages 1, 2 and 5 of eight (gpfn 16..23) hold data: skip_zero leaves the
 * buffer alone at the zero pages, puts each data page at its own offset,
 * and maps the zero ones.
 */
START_TEST(skip_zero_scattered)
{
	uint8_t *buf = H.win + 65536, *zmap = H.win + 32768, *out = H.win + 262144;
	const uint64_t gpa = 16 * 4096;
	const unsigned data[] = { 1, 2, 5 };
	int id = harness_create(&H, 0);
	unsigned i;

	for (i = 0; i < 3; i++) {
		memset(buf, 0x10 + (int)i, 4096);
		ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa + data[i] * 4096, 4096,
		                         XEN_MEMCOPY_to_guest, buf, NULL), 0);
	}
	memset(out, 0xee, PAGES * 4096);
	memset(zmap, 0, 8);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096,
	                         XEN_MEMCOPY_from_guest | XEN_MEMCOPY_skip_zero, out, zmap), 0);
	ck_assert_uint_eq(zmap[0], (uint8_t)~((1U << 1) | (1U << 2) | (1U << 5)));
	for (i = 0; i < PAGES; i++) {
		unsigned want = i == 1 ? 0x10 : i == 2 ? 0x11 : i == 5 ? 0x12 : 0xee;
		ck_assert_uint_eq(out[i * 4096], want);
		ck_assert_uint_eq(out[i * 4096 + 4095], want);
	}
}
END_TEST

/* Bit 9 (the packed layout save and restore once used) is an unknown flag now. */
START_TEST(packed_refused)
{
	uint8_t *buf = H.win + 65536, *zmap = H.win + 32768;
	int id = harness_create(&H, 0);

	memset(zmap, 0, 8);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 4096, XEN_MEMCOPY_from_guest |
	                         XEN_MEMCOPY_skip_zero | (1U << 9), buf, zmap), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 4096, XEN_MEMCOPY_to_guest | (1U << 9),
	                         buf, zmap), -22);
}
END_TEST

static int64_t status_list(uint32_t caller, uint32_t dom, uint32_t first, uint32_t max,
                           struct evtchn_status_list **lp, struct evtchn_status_entry **ep)
{
	struct evtchn_status_list *l = (void *)(H.win + 512);
	struct evtchn_status_entry *e = (void *)(H.win + 65536);

	memset(l, 0, sizeof(*l));
	memset(e, 0xee, 1024 * sizeof(*e));
	l->dom = be16_mk((uint16_t)dom);
	l->first_port = be32_mk(first);
	l->max_ports = be32_mk(max);
	l->ports = be64_mk(harness_handle(&H, e));
	*lp = l;
	*ep = e;
	return harness_call(&H, caller, __HYPERVISOR_event_channel_op, EVTCHNOP_status_list,
	                    harness_handle(&H, l), 0);
}

static uint32_t alloc_unbound(uint32_t dom, uint32_t remote)
{
	struct evtchn_alloc_unbound *a = (void *)H.win;

	memset(a, 0, sizeof(*a));
	a->dom = be16_mk((uint16_t)dom);
	a->remote_dom = be16_mk((uint16_t)remote);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_event_channel_op, EVTCHNOP_alloc_unbound,
	                              harness_handle(&H, a), 0), 0);
	return be32_get(a->port);
}

START_TEST(status_list_ports)
{
	struct evtchn_status_list *l;
	struct evtchn_status_entry *e;
	int id = harness_create(&H, 0);
	struct evtchn_port_arg *p = (void *)(H.win + 128);
	uint32_t ports[4], i;

	for (i = 0; i < 4; i++)
		ports[i] = alloc_unbound((uint32_t)id, i == 2 ? (uint32_t)id : 0);
	/* Close the second: a gap the list must skip. */
	p->port = be32_mk(ports[1]);
	ck_assert_int_eq(harness_call(&H, (uint32_t)id, __HYPERVISOR_event_channel_op,
	                              EVTCHNOP_close, harness_handle(&H, p), 0), 0);
	ck_assert_int_eq(status_list(0, (uint32_t)id, 0, 1024, &l, &e), 0);
	ck_assert_uint_eq(be32_get(l->nr_ports), 3);
	ck_assert_uint_eq(be32_get(e[0].port), ports[0]);
	ck_assert_uint_eq(be32_get(e[0].status), EVTCHNSTAT_unbound);
	ck_assert_uint_eq(be16_get(e[0].remote_dom), 0);
	ck_assert_uint_eq(be32_get(e[1].port), ports[2]);
	ck_assert_uint_eq(be16_get(e[1].remote_dom), (uint32_t)id);
	ck_assert_uint_eq(be32_get(e[2].port), ports[3]);
	ck_assert_uint_eq(e[3].port.be, 0xeeeeeeeeU);               /* nothing beyond nr_ports */
	/* Resumed: two at a time, then from after the last one. */
	ck_assert_int_eq(status_list(0, (uint32_t)id, 0, 2, &l, &e), 0);
	ck_assert_uint_eq(be32_get(l->nr_ports), 2);
	ck_assert_int_eq(status_list(0, (uint32_t)id, ports[2] + 1, 2, &l, &e), 0);
	ck_assert_uint_eq(be32_get(l->nr_ports), 1);
	ck_assert_uint_eq(be32_get(e[0].port), ports[3]);
	ck_assert_int_eq(status_list(0, (uint32_t)id, 1024, 2, &l, &e), 0);
	ck_assert_uint_eq(be32_get(l->nr_ports), 0);
	/* A domain asks about itself only; bad arguments and domains. */
	ck_assert_int_eq(status_list((uint32_t)id, DOMID_SELF, 0, 1024, &l, &e), 0);
	ck_assert_uint_eq(be32_get(l->nr_ports), 3);
	ck_assert_int_eq(status_list((uint32_t)id, 0, 0, 1024, &l, &e), -1);
	ck_assert_int_eq(status_list(0, (uint32_t)id, 1025, 1, &l, &e), -22);
	ck_assert_int_eq(status_list(0, (uint32_t)id, 0, 1025, &l, &e), -22);
	ck_assert_int_eq(status_list(0, 4000, 0, 1, &l, &e), -3);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("xfer");
	TCase *tc = tcase_create("xfer");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, skip_zero_scattered);
	tcase_add_test(tc, packed_refused);
	tcase_add_test(tc, status_list_ports);
	suite_add_tcase(s, tc);
	return check_run(s);
}
