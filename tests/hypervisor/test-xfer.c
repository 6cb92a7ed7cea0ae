/*
 * The save/restore transfer deviations: memcopy's packed flag (a batch of
 * scattered pages in one call each way, the flag checks) and
 * EVTCHNOP_status_list (every open port of a domain in one call, resumed
 * from first_port, the argument checks and who may ask).
 */
#include <check.h>
#include <string.h>

#include "harness.h"
#include "../check-run.h"

static struct harness H;
static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }

#define PAGES 8U

/* Pages 1, 2 and 5 of eight (gpfn 16..23) get data, written packed. */
START_TEST(packed_roundtrip)
{
	uint8_t *buf = H.win + 65536, *zmap = H.win + 32768, *out = H.win + 262144;
	const uint64_t gpa = 16 * 4096;
	int id = harness_create(&H, 0);
	unsigned i;

	for (i = 0; i < 3; i++)
		memset(buf + i * 4096, 0x10 + (int)i, 4096);
	zmap[0] = (uint8_t)~((1U << 1) | (1U << 2) | (1U << 5));
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096,
	                         XEN_MEMCOPY_to_guest | XEN_MEMCOPY_packed, buf, zmap), 0);
	/* Unpacked read: the data landed at pages 1, 2, 5, the rest is zero. */
	memset(out, 0xee, PAGES * 4096);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096, XEN_MEMCOPY_from_guest, out, NULL), 0);
	for (i = 0; i < PAGES; i++) {
		int want = i == 1 ? 0x10 : i == 2 ? 0x11 : i == 5 ? 0x12 : 0;
		ck_assert_uint_eq(out[i * 4096], (unsigned)want);
		ck_assert_uint_eq(out[i * 4096 + 4095], (unsigned)want);
	}
	/* Packed read gives them back to back, and the zero map. */
	memset(out, 0xee, PAGES * 4096);
	memset(zmap, 0, 8);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096, XEN_MEMCOPY_from_guest |
	                         XEN_MEMCOPY_skip_zero | XEN_MEMCOPY_packed, out, zmap), 0);
	ck_assert_uint_eq(zmap[0], (uint8_t)~((1U << 1) | (1U << 2) | (1U << 5)));
	ck_assert(memcmp(out, buf, 3 * 4096) == 0);
	ck_assert_uint_eq(out[3 * 4096], 0xee);                 /* nothing beyond them */
	/* Unpacked skip_zero still puts each page at its own offset. */
	memset(out, 0xee, PAGES * 4096);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096,
	                         XEN_MEMCOPY_from_guest | XEN_MEMCOPY_skip_zero, out, zmap), 0);
	ck_assert_uint_eq(out[5 * 4096], 0x12);
	ck_assert_uint_eq(out[3 * 4096], 0xee);                 /* zero pages not written */
	/* Packed write leaves the pages with a bit alone. */
	memset(buf, 0x77, 4096);
	zmap[0] = (uint8_t)~(1U << 3);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096,
	                         XEN_MEMCOPY_to_guest | XEN_MEMCOPY_packed, buf, zmap), 0);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, PAGES * 4096, XEN_MEMCOPY_from_guest, out, NULL), 0);
	ck_assert_uint_eq(out[3 * 4096], 0x77);
	ck_assert_uint_eq(out[5 * 4096], 0x12);
	ck_assert_uint_eq(out[4 * 4096], 0);
}
END_TEST

START_TEST(packed_checks)
{
	uint8_t *buf = H.win + 65536, *zmap = H.win + 32768;
	int id = harness_create(&H, 0);
	const uint32_t out = XEN_MEMCOPY_from_guest | XEN_MEMCOPY_skip_zero | XEN_MEMCOPY_packed;

	memset(zmap, 0, 8);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096 + 8, 4096, out, buf, zmap), -22);   /* gpa */
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096, 100, out, buf, zmap), -22);        /* len */
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096, 4096,                                /* no skip */
	                         XEN_MEMCOPY_from_guest | XEN_MEMCOPY_packed, buf, zmap), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096, 4096,                                /* no map */
	                         XEN_MEMCOPY_to_guest | XEN_MEMCOPY_packed, buf, NULL), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096, 4096, out | (1U << 10), buf, zmap), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 4096, out, buf, zmap), 0);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, (64ULL << 20), 4096,                      /* not owned */
	                         XEN_MEMCOPY_to_guest | XEN_MEMCOPY_packed, buf, zmap), -14);
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
	tcase_add_test(tc, packed_roundtrip);
	tcase_add_test(tc, packed_checks);
	tcase_add_test(tc, status_list_ports);
	suite_add_tcase(s, tc);
	return check_run(s);
}
