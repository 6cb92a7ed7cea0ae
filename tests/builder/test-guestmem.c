/*
 * Guest memory wrappers against a real xenppc-hv: populate (extents and
 * remainder), the memory map, the p2m, reads and writes across chunk and
 * extent boundaries, zero-page skipping, and the errors.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "bldtest.h"
#include "../check-run.h"

START_TEST(test_populate_and_map)
{
	xc_interface *xch = xctest_open();
	uint64_t mem = (64ULL << 20) + (16ULL << 20) + 5 * 4096;
	xc_guest_memmap_t *m;
	uint32_t domid = bld_domain(xch, 1, mem);
	uint64_t *p2m;
	int64_t n;

	XC_OK(xch, xc_guest_memmap(xch, domid, &m));
	ck_assert_uint_eq(m->rma_log, 26);
	ck_assert_uint_eq(m->nr_extents, 3);            /* order 12, then 2 and 0 */
	ck_assert_uint_eq(m->extents[0].gpfn, 16384);
	ck_assert_uint_eq(m->extents[0].order, 12);
	ck_assert_uint_eq(m->extents[1].gpfn, 16384 + 4096);
	ck_assert_uint_eq(m->extents[1].order, 2);
	ck_assert_uint_eq(m->extents[2].order, 0);
	ck_assert_uint_eq(m->total_bytes, mem);
	ck_assert_uint_eq(m->end_gpaddr, mem);
	p2m = calloc(mem / 4096 + 10, sizeof(*p2m));
	n = xc_guest_p2m(xch, domid, 0, mem / 4096 + 10, p2m);
	ck_assert_int_eq(n, (int64_t)(mem / 4096));
	ck_assert_uint_eq(p2m[0], m->rma_mfn);
	ck_assert_uint_eq(p2m[16384 + 7], m->extents[0].mfn + 7);
	ck_assert_int_eq(xc_ppc_populate(xch, domid, mem), -EBUSY);
	free(p2m);
	xc_guest_memmap_free(m);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

START_TEST(test_read_write)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = bld_domain(xch, 1, 128ULL << 20);
	size_t len = 3 * 1024 * 1024 + 123;
	uint64_t gpa = (64ULL << 20) - 1024 * 1024 - 7;        /* crosses RMA -> extent */
	uint8_t *a = malloc(len), *b = malloc(len), zmap[2];
	int64_t nz;

	kgen_fill(a, len, 42);
	XC_OK(xch, xc_guest_memory_write(xch, domid, gpa, a, len));
	XC_OK(xch, xc_guest_memory_read(xch, domid, gpa, b, len));
	ck_assert_mem_eq(a, b, len);
	XC_OK(xch, xc_guest_memory_zero(xch, domid, gpa + 100, 5000));
	ck_assert(bld_is_zero(xch, domid, gpa + 100, 5000));
	/* pages 0..15 of the RMA: only page 3 has data */
	XC_OK(xch, xc_guest_memory_write(xch, domid, 3 * 4096 + 17, "x", 1));
	memset(b, 0xee, 16 * 4096);
	nz = xc_guest_memory_read_nonzero(xch, domid, 0, b, 16 * 4096, zmap);
	ck_assert_int_eq(nz, 1);
	ck_assert_uint_eq(zmap[0], 0xf7);
	ck_assert_uint_eq(zmap[1], 0xff);
	ck_assert_uint_eq(b[3 * 4096 + 17], 'x');
	ck_assert_uint_eq(b[0], 0xee);                  /* zero pages are not written */
	/* beyond memory, unaligned, bad domain */
	ck_assert_int_eq(xc_guest_memory_write(xch, domid, 128ULL << 20, a, 1), -EFAULT);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "not in the domain's memory"));
	ck_assert_int_eq(xc_guest_memory_read_nonzero(xch, domid, 1, b, 4096, zmap), -EINVAL);
	ck_assert_int_eq(xc_guest_memory_read(xch, 0x7ff5, 0, b, 1), -EINVAL);
	free(a);
	free(b);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("guestmem");
	TCase *tc = tcase_create("guestmem");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_add_test(tc, test_populate_and_map);
	tcase_add_test(tc, test_read_write);
	suite_add_tcase(s, tc);
	return check_run(s);
}
