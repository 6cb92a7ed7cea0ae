/*
 * xc_ppc_build against a real xenppc-hv: every valid test kernel (plain and
 * gzipped) loads, with its bytes, zeroed bss, initrd, device tree and vcpu 0
 * context checked in the domain; every bad image is refused with the
 * problem named and the domain left unbuilt.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenppc/byteorder.h>

#include "bldtest.h"
#include "dtb_read.h"
#include "../check-run.h"

#define CMDLINE "root=/dev/ram0 console=hvc0"
#define KERNEL_END (KGEN_DEFAULT_TEXT + KGEN_DATA_BYTES + KGEN_BSS_BYTES)
/* Below the 64 MiB cap, but more than the RMA has left after the kernel. */
#define RD_TOO_BIG ((64ULL << 20) - (64ULL << 10))

static const char *const valid[] = { "exec", "exec-opd", "exec-opd-nosect", "dyn", "dyn-opd" };

/* The bytes the kernel's segments should hold, from the file. */
static void check_kernel_memory(xc_interface *xch, uint32_t domid, const char *variant)
{
	uint8_t *k, *mem = malloc(KGEN_DEFAULT_TEXT);
	size_t klen;

	bld_kernel(variant, 0, 0, &k, &klen);
	XC_OK(xch, xc_guest_memory_read(xch, domid, 0, mem, KGEN_DEFAULT_TEXT));
	ck_assert_mem_eq(mem, k + KGEN_TEXT_OFFSET, KGEN_DEFAULT_TEXT);
	ck_assert(bld_is_zero(xch, domid, KGEN_DEFAULT_TEXT + KGEN_DATA_BYTES, KGEN_BSS_BYTES));
	free(k);
	free(mem);
}

/* The device tree the guest finds at r3. */
static void check_fdt(xc_interface *xch, uint32_t domid, const xc_ppc_layout_t *l)
{
	uint8_t *fdt = malloc(l->fdt_size);
	const uint8_t *v;
	uint32_t len;

	XC_OK(xch, xc_guest_memory_read(xch, domid, l->fdt_start, fdt, l->fdt_size));
	v = dtb_prop(fdt, l->fdt_size, "/chosen", "bootargs", &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq((const char *)v, CMDLINE);
	v = dtb_prop(fdt, l->fdt_size, "/chosen", "linux,initrd-start", &len);
	ck_assert_uint_eq(be64_load(v), l->initrd_start);
	v = dtb_prop(fdt, l->fdt_size, "/memory@0", "reg", &len);
	ck_assert_uint_eq(len, 16 * 13);                /* RMA + 12 extents of 16 MiB */
	ck_assert_ptr_nonnull(dtb_prop(fdt, l->fdt_size, "/cpus/cpu@1", "reg", &len));
	ck_assert_ptr_null(dtb_prop(fdt, l->fdt_size, "/cpus/cpu@2", "reg", &len));
	v = dtb_prop(fdt, l->fdt_size, "/xen", "xen,domid", &len);
	ck_assert_uint_eq(be32_load(v), domid);
	v = dtb_prop(fdt, l->fdt_size, "/xen", "xen,uuid", &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_uint_eq(len, 16);
	ck_assert_uint_eq(v[0], 0x5a);                   /* bld_domain's handle */
	ck_assert_uint_eq(v[1], 0x5e);
	v = dtb_prop(fdt, l->fdt_size, "/xen/console", "interrupts", &len);
	ck_assert_uint_eq(be32_load(v), 5);
	v = dtb_prop(fdt, l->fdt_size, "/xen/store", "reg", &len);
	ck_assert_uint_eq(be64_load(v), l->store_gpa);
	free(fdt);
}

START_TEST(test_valid)
{
	const char *variant = valid[_i / 2];
	int gz = _i % 2;
	xc_interface *xch = xctest_open();
	uint32_t domid = bld_domain(xch, 2, BLD_MEM);
	uint8_t *k, *rd, *rdmem;
	size_t klen, rdlen, rdplain = KGEN_DEFAULT_INITRD;
	xc_ppc_layout_t l;
	xc_ppc_build_args_t a = { .cmdline = CMDLINE, .console_evtchn = 5, .store_evtchn = 6,
	                          .layout = &l };
	xc_vcpu_context_t ctx;

	bld_kernel(variant, 0, gz, &k, &klen);
	bld_kernel("initrd", 0, gz, &rd, &rdlen);
	a.kernel = k;
	a.kernel_len = klen;
	a.initrd = rd;
	a.initrd_len = rdlen;
	XC_OK(xch, xc_ppc_build(xch, domid, &a));
	ck_assert_uint_eq(l.kernel_start, 0);
	ck_assert_uint_eq(l.kernel_end, KERNEL_END);
	ck_assert_uint_eq(l.entry, KGEN_ENTRY_OFFSET);
	ck_assert_int_eq(l.entry_was_fdesc, strstr(variant, "opd") != NULL);
	ck_assert_uint_eq(l.initrd_start, (KERNEL_END + 4095) & ~4095ULL);
	ck_assert_uint_eq(l.initrd_end - l.initrd_start, rdplain);
	ck_assert_uint_eq(l.fdt_start, (l.initrd_end + 4095) & ~4095ULL);
	ck_assert_uint_eq(l.shared_info_gpa, (64ULL << 20) - 4096);
	ck_assert_uint_eq(l.console_gpa, (64ULL << 20) - 2 * 4096);
	ck_assert_uint_eq(l.store_gpa, (64ULL << 20) - 3 * 4096);
	ck_assert(gz ? l.decompress_ns > 0 : l.decompress_ns == 0);
	check_kernel_memory(xch, domid, variant);
	free(rd);
	bld_kernel("initrd", 0, 0, &rd, &rdlen);
	rdmem = malloc(rdlen);
	XC_OK(xch, xc_guest_memory_read(xch, domid, l.initrd_start, rdmem, rdlen));
	ck_assert_mem_eq(rdmem, rd, rdlen);
	check_fdt(xch, domid, &l);
	XC_OK(xch, xc_vcpu_getcontext(xch, domid, 0, &ctx));
	ck_assert_uint_eq(ctx.pc, KGEN_ENTRY_OFFSET);
	ck_assert_uint_eq(ctx.gprs[3], l.fdt_start);
	ck_assert_uint_eq(ctx.gprs[4], 0);
	ck_assert_uint_eq(ctx.msr, 1ULL << 63);
	free(rdmem);
	free(rd);
	free(k);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

struct bad_case {
	const char *variant;         /* kernel; NULL: a valid one with the tweak below */
	int gzip;
	int rc;
	const char *msg;
};

static const struct bad_case bad[] = {
	{ "not-elf", 0, -ENOEXEC, "not an ELF file" },
	{ "elf32", 0, -ENOEXEC, "wrong ELF class" },
	{ "little-endian", 0, -ENOEXEC, "wrong byte order" },
	{ "wrong-machine", 0, -ENOEXEC, "wrong machine" },
	{ "truncated", 0, -ENOEXEC, "truncated file" },
	{ "truncated-segment", 1, -ENOEXEC, "truncated segment" },
	{ "overlap", 0, -ENOEXEC, "overlapping segments" },
	{ "outside-rma", 0, -ENOSPC, "outside the RMA" },
	{ "beyond-memory", 0, -ENOSPC, "beyond the domain's memory" },
	{ "bad-entry", 0, -ENOEXEC, "entry point" },
	{ "bad-opd", 1, -ENOEXEC, "function descriptor" },
	{ "gzip-corrupt", 0, -ENOEXEC, "corrupt gzip" },
	{ "gzip-truncated", 0, -ENOEXEC, "truncated gzip" },
	{ "gzip-bomb", 0, -EFBIG, "past the cap" },
};

/* Unbuilt: vcpu 0 never set, nothing written at the bottom of the RMA. */
static void check_unbuilt(xc_interface *xch, uint32_t domid)
{
	xc_vcpu_context_t ctx;
	int rc = xc_vcpu_getcontext(xch, domid, 0, &ctx);

	/* the hypervisor answers -ENODATA for a context never set */
	ck_assert_msg(rc == -ENODATA || (rc == 0 && ctx.pc == 0 && ctx.msr == 0),
	              "vcpu 0 was set up: rc %d", rc);
	ck_assert(bld_is_zero(xch, domid, 0, 1 << 20));
}

START_TEST(test_bad_image)
{
	const struct bad_case *c = &bad[_i];
	xc_interface *xch = xctest_open();
	uint32_t domid = bld_domain(xch, 1, BLD_MEM);
	xc_ppc_build_args_t a = { 0 };
	uint8_t *k;
	size_t klen;
	int rc;

	bld_kernel(c->variant, 0, c->gzip, &k, &klen);
	a.kernel = k;
	a.kernel_len = klen;
	rc = xc_ppc_build(xch, domid, &a);
	ck_assert_msg(rc == c->rc, "%s: rc %d (%s)", c->variant, rc, xc_get_last_error(xch)->message);
	ck_assert_msg(strstr(xc_get_last_error(xch)->message, c->msg) != NULL, "%s: '%s'",
	              c->variant, xc_get_last_error(xch)->message);
	check_unbuilt(xch, domid);
	free(k);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/* Inputs other than the kernel: initrd too big, command line too long, paths. */
START_TEST(test_bad_args)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = bld_domain(xch, 1, BLD_MEM);
	char *longcmd = malloc(XC_PPC_CMDLINE_MAX + 2), path[] = "/tmp/xg-kernel-XXXXXX";
	uint8_t *k, *rd = calloc(1, RD_TOO_BIG);
	size_t klen;
	xc_ppc_build_args_t a = { 0 };
	int fd;

	bld_kernel("exec", 0, 0, &k, &klen);
	a.kernel = k;
	a.kernel_len = klen;
	a.initrd = rd;
	a.initrd_len = RD_TOO_BIG;
	ck_assert_int_eq(xc_ppc_build(xch, domid, &a), -ENOSPC);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "initrd"));
	a.initrd = NULL;
	a.initrd_len = 0;
	memset(longcmd, 'a', XC_PPC_CMDLINE_MAX + 1);
	longcmd[XC_PPC_CMDLINE_MAX + 1] = '\0';
	a.cmdline = longcmd;
	ck_assert_int_eq(xc_ppc_build(xch, domid, &a), -E2BIG);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, "command line"));
	check_unbuilt(xch, domid);
	longcmd[XC_PPC_CMDLINE_MAX] = '\0';            /* exactly the limit is fine */
	fd = mkstemp(path);
	ck_assert_int_eq(write(fd, k, klen), (ssize_t)klen);
	close(fd);
	a.kernel = NULL;
	a.kernel_len = 0;
	a.kernel_path = path;
	XC_OK(xch, xc_ppc_build(xch, domid, &a));
	unlink(path);
	ck_assert_int_eq(xc_ppc_build(xch, domid, &a), -ENOENT);
	ck_assert_ptr_nonnull(strstr(xc_get_last_error(xch)->message, path));
	a.kernel = k;
	ck_assert_int_eq(xc_ppc_build(xch, domid, &a), -EINVAL);    /* both path and bytes */
	free(rd);
	free(k);
	free(longcmd);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/*
 * Megabytes of images go through the two-buffer pipeline (a helper thread
 * copies while the hypervisor does): every byte lands where it belongs,
 * including a last chunk that is not a whole one.
 */
START_TEST(test_big_images)
{
	static const uint64_t rd_size = (6ULL << 20) + 123;
	xc_interface *xch = xctest_open();
	uint32_t domid = bld_domain(xch, 2, BLD_MEM);
	uint8_t *k, *rd, *rdmem;
	size_t klen, rdlen;
	xc_ppc_layout_t l;

	bld_kernel("exec", 0, 0, &k, &klen);
	bld_kernel("initrd", rd_size, 0, &rd, &rdlen);
	ck_assert_uint_eq(rdlen, rd_size);
	xc_ppc_build_args_t a = { .kernel = k, .kernel_len = klen, .initrd = rd, .initrd_len = rdlen,
	                          .cmdline = CMDLINE, .console_evtchn = 5, .store_evtchn = 6,
	                          .layout = &l };
	XC_OK(xch, xc_ppc_build(xch, domid, &a));
	check_kernel_memory(xch, domid, "exec");
	rdmem = malloc(rdlen);
	ck_assert_ptr_nonnull(rdmem);
	XC_OK(xch, xc_guest_memory_read(xch, domid, l.initrd_start, rdmem, rdlen));
	ck_assert_mem_eq(rdmem, rd, rdlen);
	check_fdt(xch, domid, &l);
	/* A second build into the same domain writes the same bytes again. */
	memset(rdmem, 0, rdlen);
	XC_OK(xch, xc_ppc_build(xch, domid, &a));
	XC_OK(xch, xc_guest_memory_read(xch, domid, l.initrd_start, rdmem, rdlen));
	ck_assert_mem_eq(rdmem, rd, rdlen);
	free(rdmem);
	free(rd);
	free(k);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/* A hypervisor started with --boot-scrub (xenppc-hv(8)). */
static void boot_scrub_setup(void)
{
	static const char *const extra[] = { "--boot-scrub", NULL };

	if (!hv_exists()) {
		fprintf(stderr, "SKIP: xenppc-hv is not built\n");
		exit(77);
	}
	if (hv_start(&xctest_hv, "1G", extra) != 0) {
		fprintf(stderr, "cannot start xenppc-hv --boot-scrub\n");
		exit(1);
	}
}

/*
 * On a --boot-scrub machine the free memory is brought in (scrub_pages
 * drops to 0, the hypervisor holds it), builds load the same bytes, and
 * what a destroyed domain wrote is zero for the next one (zeroed in place).
 */
START_TEST(test_boot_scrub)
{
	static const uint64_t scratch = 32ULL << 20;   /* in the RMA, past the images */
	xc_interface *xch = xctest_open();
	xc_physinfo_t pi;
	uint8_t *k, *rd, *rdmem, page[4096];
	size_t klen, rdlen;

	xctest_settle(xch);
	XC_OK(xch, xc_physinfo(xch, &pi));
	ck_assert_uint_eq(pi.scrub_pages, 0);
	ck_assert_int_ge(hv_rss_kb(&xctest_hv), (long)(pi.free_pages * 4 / 10 * 9));
	bld_kernel("exec", 0, 0, &k, &klen);
	bld_kernel("initrd", 0, 0, &rd, &rdlen);
	rdmem = malloc(rdlen);
	ck_assert_ptr_nonnull(rdmem);
	for (int round = 0; round < 2; round++) {
		uint32_t domid = bld_domain(xch, 1, BLD_MEM);
		xc_ppc_layout_t l;
		xc_ppc_build_args_t a = { .kernel = k, .kernel_len = klen, .initrd = rd,
		                          .initrd_len = rdlen, .cmdline = CMDLINE, .layout = &l };

		XC_OK(xch, xc_ppc_build(xch, domid, &a));
		check_kernel_memory(xch, domid, "exec");
		XC_OK(xch, xc_guest_memory_read(xch, domid, l.initrd_start, rdmem, rdlen));
		ck_assert_mem_eq(rdmem, rd, rdlen);
		/* The first domain's scribble is gone for the second. */
		ck_assert(bld_is_zero(xch, domid, scratch, sizeof(page)));
		memset(page, 0xa5, sizeof(page));
		XC_OK(xch, xc_guest_memory_write(xch, domid, scratch, page, sizeof(page)));
		XC_OK(xch, xc_domain_destroy(xch, domid));
		xctest_settle(xch);
	}
	free(rdmem);
	free(rd);
	free(k);
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("build");
	TCase *tc = tcase_create("build");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_valid, 0, 2 * (int)(sizeof(valid) / sizeof(valid[0])));
	tcase_add_loop_test(tc, test_bad_image, 0, (int)(sizeof(bad) / sizeof(bad[0])));
	tcase_add_test(tc, test_bad_args);
	tcase_add_test(tc, test_big_images);
	suite_add_tcase(s, tc);
	TCase *tb = tcase_create("boot-scrub");
	tcase_add_unchecked_fixture(tb, boot_scrub_setup, xctest_hv_teardown);
	tcase_set_timeout(tb, 60);
	tcase_add_test(tb, test_boot_scrub);
	suite_add_tcase(s, tb);
	return check_run(s);
}
