/*
 * The boot scrub (--boot-scrub) and present machine memory: free memory is
 * brought in by the worker without changing a byte of what domains wrote
 * meanwhile, physinfo counts what it has not reached, freed memory is
 * zeroed in place, and its failures are reported, not fatal.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

int test_scrub_tcase(Suite *s);

static struct harness H;

static void setup_boot(void)
{
	H.async = H.boot_scrub = true;
	harness_init(&H, HARNESS_MEMORY);
}

static void setup_present_sync(void)
{
	H.boot_scrub = true;             /* present memory, but no worker */
	harness_init(&H, HARNESS_MEMORY);
}

static void teardown(void)
{
	harness_fini(&H);
	H.async = H.boot_scrub = false;
}

#define RMA_PAGES 16384U
#define EXT_PAGES (1U << XENPPC_EXTENT_ORDER)

/* A domain with its RMA and two 16 MiB extents. */
static uint32_t make_domain(void)
{
	struct xen_memory_reservation *r = (void *)(H.win + 4096);
	be64_t *list = (void *)(H.win + 8192);
	struct xen_domctl op;
	int id = harness_create(&H, 0);

	ck_assert_int_gt(id, 0);
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = be64_mk((RMA_PAGES + 2ULL * EXT_PAGES) * 4);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_max_mem, (uint32_t)id, &op), 0);
	memset(r, 0, sizeof(*r));
	list[0] = be64_mk(RMA_PAGES);
	list[1] = be64_mk(RMA_PAGES + EXT_PAGES);
	r->extent_start = be64_mk(harness_handle(&H, list));
	r->nr_extents = be64_mk(2);
	r->extent_order = be32_mk(XENPPC_EXTENT_ORDER);
	r->domid = be16_mk((uint16_t)id);
	ck_assert_int_eq(harness_call(&H, 0, __HYPERVISOR_memory_op, XENMEM_populate_physmap,
	                              harness_handle(&H, r), 0), 2);
	return (uint32_t)id;
}

static uint64_t scrub_pages(void)
{
	struct xen_sysctl_physinfo pi;

	ck_assert_int_eq(harness_physinfo(&H, &pi), 0);
	return be64_get(pi.scrub_pages);
}

/* Is machine memory [mfn, mfn + n) present, i.e. without a hole? */
static int present(uint64_t mfn, uint64_t n)
{
	off_t off = (off_t)(mfn * 4096), h = lseek(H.hv.mach.fd, off, SEEK_HOLE);

	return h >= off + (off_t)(n * 4096);
}

static int check_free_present(void *ctx, uint64_t mfn, unsigned order, const struct buddy_page *p)
{
	(void)ctx;
	if (p->kind == BUDDY_FREE)
		ck_assert_msg(present(mfn, 1ULL << order), "free block %#llx/%u has a hole",
		              (unsigned long long)mfn, order);
	return 0;
}

/* Fill a pattern that names each page, so a misplaced page shows. */
static void pattern(uint8_t *buf, uint64_t gpa, size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (uint8_t)((gpa + i) / 4096 * 7 + i % 251 + 1);
}

/* physinfo counts the pages the boot scrub has not reached; then none. */
START_TEST(boot_scrub_progress)
{
	struct xen_sysctl_physinfo pi;
	uint64_t before = scrub_boot_left(&H.hv.scrub), now, after;

	ck_assert_int_eq(harness_physinfo(&H, &pi), 0);
	now = be64_get(pi.scrub_pages);
	after = scrub_boot_left(&H.hv.scrub);
	/* The count only shrinks: physinfo's answer lies between the two. */
	ck_assert_uint_le(after, now);
	ck_assert_uint_le(now, before);
	ck_assert_uint_le(before, be64_get(pi.free_pages));
	scrub_wait_boot(&H.hv.scrub);
	ck_assert_uint_eq(scrub_pages(), 0);
	ck_assert_int_eq(buddy_walk(&H.hv.buddy, check_free_present, NULL), 0);
	/* Given once only. */
	struct scrub_list again = { .v = malloc(sizeof(struct scrub_item)), .n = 1, .cap = 1 };
	ck_assert_ptr_nonnull(again.v);
	again.v[0] = (struct scrub_item){ 0, 0 };
	ck_assert_int_eq(scrub_boot(&H.hv.scrub, &again), -EBUSY);
}
END_TEST

/*
 * What a domain writes while the boot scrub runs over its pages stays as
 * written; what it did not write reads zero; freed, it is zeroed in place
 * (still present) and reads zero in the next domain.
 */
START_TEST(boot_scrub_keeps_contents)
{
	static const uint64_t at[] = { 0, 12345 * 4096ULL + 100, RMA_PAGES * 4096ULL - 300,
	                               (RMA_PAGES + EXT_PAGES + 3) * 4096ULL };
	const size_t len = 3 * 4096 + 200;
	uint8_t *buf = H.win + 65536, *want = malloc(len);
	uint32_t id = make_domain();

	ck_assert_ptr_nonnull(want);
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		pattern(buf, at[i], len);
		ck_assert_int_eq(harness_memcopy(&H, id, at[i], len, XEN_MEMCOPY_to_guest, buf, NULL), 0);
	}
	scrub_wait_boot(&H.hv.scrub);
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memset(buf, 0, len);
		ck_assert_int_eq(harness_memcopy(&H, id, at[i], len, XEN_MEMCOPY_from_guest, buf, NULL), 0);
		pattern(want, at[i], len);
		ck_assert_msg(memcmp(buf, want, len) == 0, "bytes at %#llx changed",
		              (unsigned long long)at[i]);
	}
	static const uint8_t zero[4096];
	memset(buf, 0xff, 4096);
	ck_assert_int_eq(harness_memcopy(&H, id, 10000 * 4096ULL, 4096, XEN_MEMCOPY_from_guest, buf, NULL), 0);
	ck_assert(memcmp(buf, zero, 4096) == 0);
	/* Destroyed: zeroed in place, so the pages it wrote are still present. */
	uint64_t rma = domain_get(&H.hv, id)->rma_mfn;
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, id, &op), 0);
	mm_scrub_sync(&H.hv);
	ck_assert_uint_eq(scrub_pages(), 0);
	ck_assert(present(rma, 4));
	ck_assert(present(rma + 12345, 4));
	id = make_domain();
	ck_assert_uint_eq(domain_get(&H.hv, id)->rma_mfn, rma);
	for (unsigned i = 0; i < sizeof(at) / sizeof(at[0]); i++) {
		memset(buf, 0xff, 4096);
		ck_assert_int_eq(harness_memcopy(&H, id, at[i] & ~4095ULL, 4096, XEN_MEMCOPY_from_guest, buf, NULL), 0);
		ck_assert(memcmp(buf, zero, 4096) == 0);
	}
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
	free(want);
}
END_TEST

/* Present memory without a worker: the synchronous scrub zeroes in place. */
START_TEST(present_sync_scrub)
{
	uint8_t *buf = H.win + 65536;
	uint32_t id = make_domain();
	uint64_t rma = domain_get(&H.hv, id)->rma_mfn;
	struct xen_domctl op;
	static const uint8_t zero[4096];

	ck_assert(!H.hv.scrub.running);
	ck_assert_uint_eq(scrub_pages(), 0);        /* no boot scrub without a worker */
	memset(buf, 0x5a, 4096);
	ck_assert_int_eq(harness_memcopy(&H, id, 4096, 4096, XEN_MEMCOPY_to_guest, buf, NULL), 0);
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, id, &op), 0);
	ck_assert(present(rma + 1, 1));
	ck_assert(memcmp(machine_page(&H.hv.mach, rma + 1), zero, 4096) == 0);
	ck_assert(!present(rma + 2, 1));            /* never touched: still a hole */
}
END_TEST

/* A boot scrub that fails stops, says why once, and leaves nothing counted. */
START_TEST(boot_scrub_failure)
{
	struct machine m;
	struct scrubber s;
	struct scrub_list l = { .v = malloc(2 * sizeof(struct scrub_item)), .n = 2, .cap = 2 };

	ck_assert_ptr_nonnull(l.v);
	ck_assert_int_eq(machine_init(&m, 1U << 20), 0);
	ck_assert_int_eq(machine_bring_in(&m, 0, 256), 0);
	ck_assert_int_eq(machine_bring_in(&m, 0, 257), -EINVAL);
	ck_assert_int_eq(machine_bring_in(&m, 257, 0), -EINVAL);
	ck_assert_int_eq(machine_bring_in(&m, 1, UINT64_MAX), -EINVAL);
	/* Not running: refused, the list taken over (freed). */
	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(scrub_boot(&s, &l), -ENOMEM);
	ck_assert_int_eq(scrub_start(&s, &m), 0);
	l.v = malloc(2 * sizeof(struct scrub_item));
	ck_assert_ptr_nonnull(l.v);
	l.n = l.cap = 2;
	l.v[0] = (struct scrub_item){ 0, 4 };
	l.v[1] = (struct scrub_item){ m.nr_pages, 4 };   /* beyond the machine */
	ck_assert_int_eq(scrub_boot(&s, &l), 0);
	scrub_wait_boot(&s);
	ck_assert_uint_eq(scrub_boot_left(&s), 0);
	ck_assert_int_eq(scrub_boot_error(&s), -EINVAL);
	ck_assert_int_eq(scrub_boot_error(&s), 0);        /* reported once */
	ck_assert(lseek(m.fd, 0, SEEK_HOLE) >= 16 * 4096);     /* the block before it: in */
	scrub_stop(&s);
	machine_fini(&m);
}
END_TEST

/* Stopping abandons a boot scrub that has not finished. */
START_TEST(boot_scrub_stop)
{
	struct machine m;
	struct scrubber s;
	struct scrub_list l = { .v = malloc(sizeof(struct scrub_item)), .n = 1, .cap = 1 };

	ck_assert_ptr_nonnull(l.v);
	ck_assert_int_eq(machine_init(&m, 256ULL << 20), 0);
	ck_assert_int_eq(scrub_start(&s, &m), 0);
	l.v[0] = (struct scrub_item){ 0, 16 };
	ck_assert_int_eq(scrub_boot(&s, &l), 0);
	scrub_stop(&s);                                   /* must not hang or leak */
	ck_assert_uint_eq(scrub_boot_left(&s), 0);
	machine_fini(&m);
}
END_TEST

int test_scrub_tcase(Suite *s)
{
	TCase *tb = tcase_create("boot-scrub");
	tcase_add_checked_fixture(tb, setup_boot, teardown);
	tcase_set_timeout(tb, 60);
	tcase_add_test(tb, boot_scrub_progress);
	tcase_add_test(tb, boot_scrub_keeps_contents);
	tcase_add_test(tb, boot_scrub_failure);
	tcase_add_test(tb, boot_scrub_stop);
	suite_add_tcase(s, tb);

	TCase *tp = tcase_create("present-sync");
	tcase_add_checked_fixture(tp, setup_present_sync, teardown);
	tcase_add_test(tp, present_sync_scrub);
	suite_add_tcase(s, tp);
	return 0;
}
