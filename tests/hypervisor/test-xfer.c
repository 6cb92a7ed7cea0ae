/*
 * Transfer deviations: memcopy's skip_zero over scattered pages, its
 * map_only (the zero map save asks for) and the arguments it refuses (and
 * the packed flag, gone) and EVTCHNOP_status_list, which save uses (every
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

#define MAP_ONLY (XEN_MEMCOPY_from_guest | XEN_MEMCOPY_skip_zero | XEN_MEMCOPY_map_only)

/* memcopy with flags and a raw buffer handle (map_only wants none). */
static int64_t map_call(uint32_t id, uint64_t gpa, uint64_t len, uint32_t flags, uint64_t buffer,
                        uint8_t *zmap)
{
	struct xen_domctl op;

	memset(&op, 0, sizeof(op));
	op.u.memcopy.gpaddr = be64_mk(gpa);
	op.u.memcopy.len = be64_mk(len);
	op.u.memcopy.buffer = be64_mk(buffer);
	op.u.memcopy.zero_map = be64_mk(zmap ? harness_handle(&H, zmap) : 0);
	op.u.memcopy.flags = be32_mk(flags);
	return harness_domctl(&H, XEN_DOMCTL_memcopy, id, &op);
}

/*
 * map_only: of pages 0-7 at gpfn 16, 1 and 2 hold data, 5 only in its last
 * byte, 3 was written with zeros (allocated, still zero); the others are
 * holes.  The map says so, every bit written (set or cleared), and nothing
 * else moves.  An unaligned range touches one page more.
 */
START_TEST(map_only_scattered)
{
	uint8_t *buf = H.win + 65536, *zmap = H.win + 32768;
	const uint64_t gpa = 16 * 4096;
	int id = harness_create(&H, 0);

	memset(buf, 0, 4096);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa + 3 * 4096, 4096, XEN_MEMCOPY_to_guest,
	                         buf, NULL), 0);
	memset(buf, 0x33, 2 * 4096);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa + 4096, 2 * 4096, XEN_MEMCOPY_to_guest,
	                         buf, NULL), 0);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa + 6 * 4096 - 1, 1, XEN_MEMCOPY_to_guest,
	                         buf, NULL), 0);
	memset(zmap, 0x26, 8);                    /* the complement of the answer */
	ck_assert_int_eq(map_call((uint32_t)id, gpa, PAGES * 4096, MAP_ONLY, 0, zmap), 0);
	ck_assert_uint_eq(zmap[0], 0xd9);         /* zero: 0 3 4 6 7 */
	ck_assert_uint_eq(zmap[1], 0x26);         /* beyond the range: untouched */
	memset(zmap, 0, 8);
	ck_assert_int_eq(map_call((uint32_t)id, gpa + 100, PAGES * 4096, MAP_ONLY, 0, zmap), 0);
	ck_assert_uint_eq(zmap[0], 0xd9);
	ck_assert_uint_eq(zmap[1], 0x01);         /* the ninth page, zero */
}
END_TEST

/* What map_only refuses, and the most it covers in one call. */
START_TEST(map_only_checks)
{
	uint8_t *zmap = H.win + 32768;
	uint32_t id = (uint32_t)harness_create(&H, 0);
	const uint64_t max = XEN_MEMCOPY_MAP_MAX_BYTES, rma = 64ULL << 20;

	ck_assert_int_eq(map_call(id, 0, max, MAP_ONLY, 0, zmap), 0);
	ck_assert_int_eq(map_call(id, 0, max + 1, MAP_ONLY, 0, zmap), -22);
	ck_assert_int_eq(map_call(id, 0, 4096, MAP_ONLY, harness_handle(&H, H.win + 65536), zmap), -22);
	ck_assert_int_eq(map_call(id, 0, 4096, MAP_ONLY, 0, NULL), -22);
	ck_assert_int_eq(map_call(id, 0, 4096, MAP_ONLY & ~XEN_MEMCOPY_skip_zero, 0, zmap), -22);
	ck_assert_int_eq(map_call(id, 0, 4096, XEN_MEMCOPY_skip_zero | XEN_MEMCOPY_map_only, 0, zmap),
	                 -22);
	ck_assert_int_eq(map_call(id, UINT64_MAX - 4095, 8192, MAP_ONLY, 0, zmap), -22);
	ck_assert_int_eq(map_call(id, rma - 4096, 8192, MAP_ONLY, 0, zmap), -14);   /* not its memory */
	ck_assert_int_eq(map_call(id, 0, 0, MAP_ONLY, 0, zmap), 0);
	/* A zero map beyond the caller's window: -EFAULT. */
	ck_assert_int_eq(map_call(id, 0, 4096, MAP_ONLY, 0, H.win + HARNESS_WIN_SIZE), -14);
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
	tcase_add_test(tc, map_only_scattered);
	tcase_add_test(tc, map_only_checks);
	tcase_add_test(tc, packed_refused);
	tcase_add_test(tc, status_list_ports);
	suite_add_tcase(s, tc);
	return check_run(s);
}
