/*
 * Domain memory through the hypercalls: reservations, max_mem, the p2m
 * views, memcopy with skip_zero, the machine map, and scrub-on-free.
 */
#include <check.h>
#include <string.h>

#include "harness.h"

int test_memory_tcase(Suite *s);

static struct harness H;
static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }
static void setup_async(void) { H.async = true; harness_init(&H, HARNESS_MEMORY); }
static void teardown_async(void) { harness_fini(&H); H.async = false; }
static void setup_boot(void) { H.async = H.boot_scrub = true; harness_init(&H, HARNESS_MEMORY); }
static void teardown_boot(void) { harness_fini(&H); H.async = H.boot_scrub = false; }

#define EXT_PAGES (1U << XENPPC_EXTENT_ORDER)
#define RMA_PAGES 16384U

static void set_max_mem(uint32_t domid, uint64_t pages, int expect)
{
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = be64_mk(pages * 4);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_max_mem, domid, &op), expect);
}

/* populate_physmap of n extents of order at gpfns start + i * 2^order. */
static int64_t populate(uint32_t domid, uint64_t start, unsigned n, unsigned order, uint32_t cmd)
{
	struct xen_memory_reservation *r = (void *)(H.win + 4096);
	be64_t *list = (void *)(H.win + 8192);

	memset(r, 0, sizeof(*r));
	for (unsigned i = 0; i < n; i++)
		list[i] = be64_mk(start + ((uint64_t)i << order));
	r->extent_start = be64_mk(harness_handle(&H, list));
	r->nr_extents = be64_mk(n);
	r->extent_order = be32_mk(order);
	r->domid = be16_mk((uint16_t)domid);
	return harness_call(&H, 0, __HYPERVISOR_memory_op, cmd, harness_handle(&H, r), 0);
}

START_TEST(reservations)
{
	int id = harness_create(&H, 0);
	uint16_t *dom = (void *)(H.win + 512);

	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES, 2, XENPPC_EXTENT_ORDER,
	                          XENMEM_populate_physmap), 0);      /* max_mem = RMA */
	set_max_mem((uint32_t)id, RMA_PAGES + 4 * EXT_PAGES, 0);
	set_max_mem((uint32_t)id, RMA_PAGES, -22);                    /* cannot shrink */
	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES, 2, XENPPC_EXTENT_ORDER,
	                          XENMEM_populate_physmap), 2);
	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES, 1, XENPPC_EXTENT_ORDER,
	                          XENMEM_populate_physmap), 0);      /* already there */
	ck_assert_int_eq(populate((uint32_t)id, 0, 1, 0, XENMEM_decrease_reservation), 0);  /* RMA */
	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES + 5, 3, 0,
	                          XENMEM_decrease_reservation), 3);  /* splits an extent */
	*(be16_t *)dom = be16_mk((uint16_t)id);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_memory_op, XENMEM_current_reservation,
	                              harness_handle(&H, dom), 0), RMA_PAGES + 2 * EXT_PAGES - 3);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_memory_op, XENMEM_maximum_reservation,
	                              harness_handle(&H, dom), 0), RMA_PAGES + 4 * EXT_PAGES);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_memory_op, XENMEM_maximum_ram_page,
	                              0, 0), HARNESS_MEMORY / 4096);
	*(be16_t *)dom = be16_mk(4000);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_memory_op, XENMEM_current_reservation,
	                              harness_handle(&H, dom), 0), -3);
	/* increase_reservation picks the gpfns and reports them. */
	ck_assert_int_eq(populate((uint32_t)id, 0, 3, 0, XENMEM_increase_reservation), 3);
	ck_assert_uint_eq(be64_get(((be64_t *)(H.win + 8192))[0]), RMA_PAGES + 5);
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
}
END_TEST

/* Memory a destroyed domain wrote reads back as zeros when reallocated. */
START_TEST(scrub_on_free)
{
	uint8_t *buf = H.win + 65536, *zmap = H.win + 32768;
	uint64_t gpa = (uint64_t)RMA_PAGES * 4096;
	int id = harness_create(&H, 0);

	set_max_mem((uint32_t)id, RMA_PAGES + EXT_PAGES, 0);
	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES, 1, XENPPC_EXTENT_ORDER,
	                          XENMEM_populate_physmap), 1);
	memset(buf, 0x5a, 3 * 4096);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa + 4096, 3 * 4096, XEN_MEMCOPY_to_guest, buf, NULL), 0);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096, 100, XEN_MEMCOPY_to_guest, buf, NULL), 0);
	/* skip_zero: pages 1-3 of the five hold data, 0 and 4 are holes. */
	memset(buf, 0, 5 * 4096);
	memset(zmap, 0, 8);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa, 5 * 4096,
	                         XEN_MEMCOPY_from_guest | XEN_MEMCOPY_skip_zero, buf, zmap), 0);
	ck_assert_uint_eq(zmap[0], 0x11);
	ck_assert_uint_eq(buf[4096], 0x5a);
	ck_assert_uint_eq(buf[4 * 4096 - 1], 0x5a);
	uint64_t mfn = domain_get(&H.hv, (uint32_t)id)->p2m[1].mfn;
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, (uint32_t)id, &op), 0);
	mm_scrub_sync(&H.hv);         /* async: let the worker finish first */
	ck_assert_uint_eq(H.hv.scrub.pending_pages, 0);
	/* The same machine pages, handed to a new domain, are zero. */
	id = harness_create(&H, 0);
	set_max_mem((uint32_t)id, RMA_PAGES + EXT_PAGES, 0);
	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES, 1, XENPPC_EXTENT_ORDER,
	                          XENMEM_populate_physmap), 1);
	ck_assert_uint_eq(domain_get(&H.hv, (uint32_t)id)->p2m[1].mfn, mfn);
	memset(buf, 0xff, 4 * 4096);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, gpa + 4096, 3 * 4096, XEN_MEMCOPY_from_guest, buf, NULL), 0);
	static const uint8_t zero[3 * 4096];
	ck_assert(memcmp(buf, zero, sizeof(zero)) == 0);
	memset(buf, 0xff, 100);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 4096, 100, XEN_MEMCOPY_from_guest, buf, NULL), 0);
	ck_assert(memcmp(buf, zero, 100) == 0);         /* the RMA too */
}
END_TEST

START_TEST(memcopy_checks)
{
	uint8_t *buf = H.win + 65536;
	int id = harness_create(&H, 0);
	uint64_t end = (uint64_t)RMA_PAGES * 4096;

	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, end - 10, 20, XEN_MEMCOPY_to_guest, buf, NULL), -14);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, XEN_MEMCOPY_MAX_BYTES + 1, 1, buf, NULL), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 16, 7, buf, NULL), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 16, XEN_MEMCOPY_skip_zero, buf, NULL), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, UINT64_MAX - 4, 16, 1, buf, NULL), -22);
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 0, 1, buf, NULL), 0);
	/* A buffer beyond the caller's window is -EFAULT, and nothing moved. */
	ck_assert_int_eq(harness_memcopy(&H, (uint32_t)id, 0, 4096, 1, H.win + HARNESS_WIN_SIZE - 100, NULL), -14);
}
END_TEST

START_TEST(memory_maps)
{
	struct xen_domctl op;
	struct xen_sysctl sc;
	int id = harness_create(&H, 0);
	struct xen_domctl_memextent *ext = (void *)(H.win + 4096);
	struct xen_memmap_region *reg = (void *)(H.win + 65536);
	be64_t *per_order = (void *)(H.win + 2048);

	set_max_mem((uint32_t)id, RMA_PAGES + 2 * EXT_PAGES, 0);
	ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES, 2, XENPPC_EXTENT_ORDER,
	                          XENMEM_populate_physmap), 2);
	memset(&op, 0, sizeof(op));
	op.u.getmemmap.max_extents = be32_mk(1);
	op.u.getmemmap.extents = be64_mk(harness_handle(&H, ext));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_getmemmap, (uint32_t)id, &op), 0);
	ck_assert_uint_eq(be32_get(op.u.getmemmap.nr_extents), 2);
	ck_assert_uint_eq(be32_get(op.u.getmemmap.rma_log), 26);
	ck_assert_uint_eq(be64_get(ext[0].gpfn), RMA_PAGES);
	ck_assert_uint_eq(be32_get(ext[0].order), XENPPC_EXTENT_ORDER);
	memset(&sc, 0, sizeof(sc));
	sc.u.memmap.nr_orders = be32_mk(XEN_MEMMAP_MAX_ORDERS);
	sc.u.memmap.free_per_order = be64_mk(harness_handle(&H, per_order));
	sc.u.memmap.max_regions = be32_mk(1000);
	sc.u.memmap.regions = be64_mk(harness_handle(&H, reg));
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_memmap, &sc), 0);
	uint32_t n = be32_get(sc.u.memmap.nr_regions);
	uint64_t sum = 0, free_sum = 0, next = 0;
	for (uint32_t i = 0; i < n; i++) {
		uint64_t mfn = be64_get(reg[i].mfn), len = 1ULL << be32_get(reg[i].order);
		ck_assert_uint_eq(mfn, next);                 /* address order, no gaps */
		ck_assert_uint_eq(mfn % len, 0);
		next = mfn + len;
		sum += len;
		if (be16_get(reg[i].kind) == XEN_MEMMAP_free)
			free_sum += len;
		else if (be16_get(reg[i].domid) == (unsigned)id)
			ck_assert(be16_get(reg[i].kind) != XEN_MEMMAP_gnttab);
	}
	ck_assert_uint_eq(sum, be64_get(sc.u.memmap.total_pages));
	ck_assert_uint_eq(free_sum, be64_get(sc.u.memmap.free_pages));
	/* getmemlist: one MFN per pfn. */
	be64_t *mfns = (void *)(H.win + 4096);
	memset(&op, 0, sizeof(op));
	op.u.getmemlist.max_pfns = be64_mk(100);
	op.u.getmemlist.start_pfn = be64_mk(RMA_PAGES - 2);
	op.u.getmemlist.buffer = be64_mk(harness_handle(&H, mfns));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_getmemlist, (uint32_t)id, &op), 0);
	ck_assert_uint_eq(be64_get(op.u.getmemlist.num_pfns), 100);
	ck_assert_uint_eq(be64_get(mfns[1]), domain_get(&H.hv, (uint32_t)id)->rma_mfn + RMA_PAGES - 1);
	ck_assert_uint_eq(be64_get(mfns[2]), domain_get(&H.hv, (uint32_t)id)->p2m[1].mfn);
}
END_TEST

/* Async scrub: an allocation that needs memory still being scrubbed waits. */
START_TEST(alloc_waits_for_scrub)
{
	uint8_t *buf = H.win + 65536;
	struct xen_domctl op;
	int id = harness_create(&H, 28);             /* 256 MiB of the 384 free */

	ck_assert_int_eq(id, 1);
	memset(buf, 0x77, 4096);
	ck_assert_int_eq(harness_memcopy(&H, 1, 12345 * 4096ULL, 4096, XEN_MEMCOPY_to_guest, buf, NULL), 0);
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, 1, &op), 0);
	ck_assert_int_eq(harness_create(&H, 28), 1);  /* waited, did not fail */
	memset(buf, 0xff, 4096);
	ck_assert_int_eq(harness_memcopy(&H, 1, 12345 * 4096ULL, 4096, XEN_MEMCOPY_from_guest, buf, NULL), 0);
	static const uint8_t zero[4096];
	ck_assert(memcmp(buf, zero, sizeof(zero)) == 0);
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
}
END_TEST

int test_memory_tcase(Suite *s)
{
	TCase *ta = tcase_create("memory-async");
	tcase_add_checked_fixture(ta, setup_async, teardown_async);
	tcase_add_test(ta, scrub_on_free);
	tcase_add_test(ta, alloc_waits_for_scrub);
	suite_add_tcase(s, ta);

	/* Present memory (--boot-scrub): the same contract, zeroing in place. */
	TCase *tb = tcase_create("memory-boot-scrub");
	tcase_add_checked_fixture(tb, setup_boot, teardown_boot);
	tcase_set_timeout(tb, 60);
	tcase_add_test(tb, scrub_on_free);
	tcase_add_test(tb, alloc_waits_for_scrub);
	suite_add_tcase(s, tb);

	TCase *tc = tcase_create("memory");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, reservations);
	tcase_add_test(tc, scrub_on_free);
	tcase_add_test(tc, memcopy_checks);
	tcase_add_test(tc, memory_maps);
	suite_add_tcase(s, tc);
	return 0;
}
