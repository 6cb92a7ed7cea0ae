/*
 * Foreign mappings through libxc-ppc against a real xenppc-hv: stores
 * through xc_map_foreign_range reach the domain (and hypercall copies show
 * through the mapping), ranges that cross the RMA into extents, the error
 * paths, and the hold: memory a mapping covers stays out of use after its
 * domain is destroyed or shrinks, until the mapping (or the handle) goes.
 */
#include <config.h>

#include <sys/mman.h>

#include <xenguest.h>

#include "xctest.h"
#include "../check-run.h"

#define PG XEN_PAGE_SIZE
#define RMA_PAGES (XCTEST_MIB(64) / PG)

static uint64_t free_pages(xc_interface *xch)
{
	xc_physinfo_t pi;
	xctest_settle(xch);
	XC_OK(xch, xc_physinfo(xch, &pi));
	return pi.free_pages;
}

/* Pages the machine map shows as held (XEN_MEMMAP_held, nobody's). */
static uint64_t held_pages(xc_interface *xch)
{
	xc_machine_memmap_t *map;
	uint64_t n = 0;

	XC_OK(xch, xc_machine_memmap(xch, &map));
	for (uint32_t i = 0; i < map->nr_regions; i++) {
		if (map->regions[i].kind != XEN_MEMMAP_held)
			continue;
		ck_assert_uint_eq(map->regions[i].domid, DOMID_INVALID);
		n += 1ULL << map->regions[i].order;
	}
	xc_machine_memmap_free(map);
	return n;
}

static void fill(uint8_t *p, size_t len, uint32_t seed)
{
	for (size_t i = 0; i < len; i++)
		p[i] = (uint8_t)(seed + i * 7 + (i >> 12));
}

/* Stores through the mapping are the domain's memory, both ways. */
START_TEST(map_write_read)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 131072, 64);
	size_t len = 16 * PG;
	uint64_t gpfn = RMA_PAGES - 8;          /* 8 pages of RMA, 8 of extent */
	uint8_t *want = malloc(len), *got = malloc(len);
	ck_assert(want && got);

	uint8_t *m = xc_map_foreign_range(xch, domid, len, PROT_READ | PROT_WRITE, gpfn);
	ck_assert_msg(m != NULL, "%s", xc_get_last_error(xch)->message);
	for (size_t i = 0; i < len; i++)
		ck_assert_uint_eq(m[i], 0);      /* fresh memory is zero */
	fill(want, len, 1);
	memcpy(m, want, len);
	XC_OK(xch, xc_guest_memory_read(xch, domid, gpfn * PG, got, len));
	ck_assert_int_eq(memcmp(want, got, len), 0);

	fill(want, len, 99);
	XC_OK(xch, xc_guest_memory_write(xch, domid, gpfn * PG, want, len));
	ck_assert_int_eq(memcmp(m, want, len), 0);
	XC_OK(xch, xc_unmap_foreign_range(xch, m, len));

	/* A read-only view of the same memory. */
	const uint8_t *r = xc_map_foreign_range(xch, domid, len, PROT_READ, gpfn);
	ck_assert(r != NULL);
	ck_assert_int_eq(memcmp(r, want, len), 0);
	XC_OK(xch, xc_unmap_foreign_range(xch, (void *)r, len));
	XC_OK(xch, xc_domain_destroy(xch, domid));
	free(want);
	free(got);
	xc_interface_close(xch);
}
END_TEST

/* The whole RMA in one mapping, then another domain's: independent. */
START_TEST(map_two_domains)
{
	xc_interface *xch = xctest_open();
	uint32_t a = xctest_domain(xch, 65536, 0), b = xctest_domain(xch, 65536, 0);
	size_t len = (size_t)XCTEST_MIB(64);
	uint8_t *ma = xc_map_foreign_range(xch, a, len, PROT_READ | PROT_WRITE, 0);
	uint8_t *mb = xc_map_foreign_range(xch, b, len, PROT_READ | PROT_WRITE, 0);
	uint8_t byte = 0;

	ck_assert(ma && mb && ma != mb);
	ma[len - 1] = 0xa5;
	mb[0] = 0x5a;
	XC_OK(xch, xc_guest_memory_read(xch, a, len - 1, &byte, 1));
	ck_assert_uint_eq(byte, 0xa5);
	XC_OK(xch, xc_guest_memory_read(xch, b, len - 1, &byte, 1));
	ck_assert_uint_eq(byte, 0);
	XC_OK(xch, xc_guest_memory_read(xch, b, 0, &byte, 1));
	ck_assert_uint_eq(byte, 0x5a);
	XC_OK(xch, xc_unmap_foreign_range(xch, ma, len));
	XC_OK(xch, xc_unmap_foreign_range(xch, mb, len));
	XC_OK(xch, xc_domain_destroy(xch, a));
	XC_OK(xch, xc_domain_destroy(xch, b));
	xc_interface_close(xch);
}
END_TEST

static void expect_map_error(xc_interface *xch, uint32_t domid, size_t len,
			     int prot, uint64_t gpfn, int err)
{
	errno = 0;
	void *m = xc_map_foreign_range(xch, domid, len, prot, gpfn);
	ck_assert_msg(m == NULL, "dom%u gpfn %#llx len %zu prot %d mapped", domid,
		      (unsigned long long)gpfn, len, prot);
	ck_assert_int_eq(errno, err);
	ck_assert_int_eq(xc_get_last_error(xch)->code, err);
	ck_assert(xc_get_last_error(xch)->message[0] != '\0');
}

START_TEST(map_errors)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 131072, 16);
	int rw = PROT_READ | PROT_WRITE;

	expect_map_error(xch, 0, PG, rw, 0, EINVAL);                 /* dom0 */
	expect_map_error(xch, DOMID_FIRST_RESERVED, PG, rw, 0, EINVAL);
	expect_map_error(xch, domid + 100, PG, rw, 0, ESRCH);
	expect_map_error(xch, domid, 0, rw, 0, EINVAL);
	expect_map_error(xch, domid, PG + 1, rw, 0, EINVAL);
	expect_map_error(xch, domid, PG, PROT_WRITE, 0, EINVAL);
	expect_map_error(xch, domid, PG, rw | PROT_EXEC, 0, EINVAL);
	expect_map_error(xch, domid, PG, rw, UINT64_MAX / PG, EINVAL);
	/* Past the populated memory, and a range that runs into the gap. */
	expect_map_error(xch, domid, PG, rw, RMA_PAGES + 4096, EFAULT);
	expect_map_error(xch, domid, 8 * PG, rw, RMA_PAGES + 4092, EFAULT);

	/* A failed map holds nothing: the domain's memory frees fully. */
	uint64_t before = free_pages(xch);
	int dummy;
	ck_assert_int_eq(xc_unmap_foreign_range(xch, &dummy, PG), -EINVAL);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	ck_assert_uint_eq(free_pages(xch), before + RMA_PAGES + 4096);
	xc_interface_close(xch);
}
END_TEST

/* Destroyed under a mapping: the pages stay ours, not the next domain's. */
START_TEST(hold_survives_destroy)
{
	xc_interface *xch = xctest_open();
	uint64_t base = free_pages(xch);
	uint32_t domid = xctest_domain(xch, 65536, 0);
	size_t len = 4 * PG;
	uint8_t *m = xc_map_foreign_range(xch, domid, len, PROT_READ | PROT_WRITE, 100);

	ck_assert(m != NULL);
	memset(m, 0x77, len);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	/* Only the held RMA stays allocated: the whole block the pages are in. */
	ck_assert_uint_eq(free_pages(xch), base - RMA_PAGES);
	ck_assert_uint_eq(held_pages(xch), RMA_PAGES);
	for (size_t i = 0; i < len; i++)
		ck_assert_uint_eq(m[i], 0x77);

	/* A new domain gets other memory: its pages are zero. */
	uint32_t next = xctest_domain(xch, 65536, 0);
	uint8_t got[4 * 4096];
	XC_OK(xch, xc_guest_memory_read(xch, next, 100 * PG, got, len));
	for (size_t i = 0; i < len; i++)
		ck_assert_uint_eq(got[i], 0);
	memset(m, 0x11, len);                   /* and our stores don't reach it */
	XC_OK(xch, xc_guest_memory_read(xch, next, 100 * PG, got, len));
	ck_assert_uint_eq(got[0], 0);

	XC_OK(xch, xc_unmap_foreign_range(xch, m, len));
	XC_OK(xch, xc_domain_destroy(xch, next));
	ck_assert_uint_eq(free_pages(xch), base);
	ck_assert_uint_eq(held_pages(xch), 0);
	xc_interface_close(xch);
}
END_TEST

/* Closing the handle releases holds that were never unmapped. */
START_TEST(close_releases_holds)
{
	xc_interface *ctl = xctest_open(), *xch = xctest_open();
	uint64_t base = free_pages(ctl);
	uint32_t domid = xctest_domain(ctl, 131072, 32);

	for (int i = 0; i < 8; i++)
		ck_assert(xc_map_foreign_range(xch, domid, PG, PROT_READ,
					       RMA_PAGES + (uint64_t)i * 1024) != NULL);
	XC_OK(ctl, xc_domain_destroy(ctl, domid));
	ck_assert_uint_lt(free_pages(ctl), base);
	xc_interface_close(xch);
	ck_assert_uint_eq(free_pages(ctl), base);
	xc_interface_close(ctl);
}
END_TEST

/* Giving held pages back (decrease_reservation) defers their reuse too. */
START_TEST(hold_survives_decrease)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 131072, 32);
	xen_pfn_t ext = RMA_PAGES;              /* the first 16 MiB extent */
	uint8_t *m = xc_map_foreign_range(xch, domid, PG, PROT_READ | PROT_WRITE, ext);

	ck_assert(m != NULL);
	m[0] = 0x42;
	uint64_t before = free_pages(xch);
	XC_OK(xch, xc_domain_memory_decrease_reservation(xch, domid, 1, XENPPC_EXTENT_ORDER, &ext));
	ck_assert_uint_eq(free_pages(xch), before);
	ck_assert_uint_eq(m[0], 0x42);
	XC_OK(xch, xc_unmap_foreign_range(xch, m, PG));
	ck_assert_uint_eq(free_pages(xch), before + ((uint64_t)1 << XENPPC_EXTENT_ORDER));
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-foreign");
	TCase *tc = tcase_create("hv");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_add_test(tc, map_write_read);
	tcase_add_test(tc, map_two_domains);
	tcase_add_test(tc, map_errors);
	tcase_add_test(tc, hold_survives_destroy);
	tcase_add_test(tc, close_releases_holds);
	tcase_add_test(tc, hold_survives_decrease);
	suite_add_tcase(s, tc);
	return check_run(s);
}
