/*
 * The device tree: content checks on our own writer's blob in every build;
 * in builds with libfdt, libfdt validates our blob (fdt_check_full), renders
 * it the same way as our reader does, and the libfdt writer's tree renders
 * identically to ours.
 */
#include "config.h"

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef HAVE_LIBFDT
#include <libfdt.h>
#endif

#include <xenppc/byteorder.h>

#include "dtb_read.h"
#include "xg_fdt.h"
#include "../check-run.h"

#define NR_VCPUS 4
static const struct xg_range mem[] = {
	{ 0, 64ULL << 20 }, { 64ULL << 20, 16ULL << 20 }, { 80ULL << 20, 16ULL << 20 },
};

static void fill_info(struct xg_fdt_info *in)
{
	memset(in, 0, sizeof(*in));
	in->domid = 7;
	memcpy(in->uuid, "\x01\x23\x45\x67\x89\xab\xcd\xef\x10\x32\x54\x76\x98\xba\xdc\xfe", 16);
	in->cmdline = "root=/dev/ram0 console=hvc0";
	in->initrd_start = 0x200000;
	in->initrd_end = 0x280000;
	in->mem = mem;
	in->nr_mem = 3;
	in->nr_vcpus = NR_VCPUS;
	in->nr_pages = (96ULL << 20) >> 12;
	in->shared_info_gpa = (64ULL << 20) - 4096;
	in->console_gpa = (64ULL << 20) - 2 * 4096;
	in->store_gpa = (64ULL << 20) - 3 * 4096;
	in->console_evtchn = 1;
	in->store_evtchn = 2;
	in->kernel_start = 0;
	in->kernel_end = 0x150000;
	in->reserve.start = in->store_gpa;
	in->reserve.size = 3 * 4096;
}

static uint8_t *emit(const struct xg_fdt_ops *ops, size_t *total)
{
	struct xg_fdt_info in;
	struct xg_err e;
	size_t size;
	uint8_t *buf;

	fill_info(&in);
	size = xg_fdt_size_bound(&in);
	buf = calloc(1, size);
	ck_assert_ptr_nonnull(buf);
	ck_assert_int_eq(xg_fdt_emit(&in, ops, buf, size, total, &e), 0);
	ck_assert_uint_le(*total, size);
	return buf;
}

static uint64_t prop64(const uint8_t *b, size_t n, const char *path, const char *prop)
{
	uint32_t len;
	const uint8_t *v = dtb_prop(b, n, path, prop, &len);

	ck_assert_msg(v != NULL, "%s %s missing", path, prop);
	ck_assert_uint_eq(len, 8);
	return be64_load(v);
}

static uint32_t prop32(const uint8_t *b, size_t n, const char *path, const char *prop)
{
	uint32_t len;
	const uint8_t *v = dtb_prop(b, n, path, prop, &len);

	ck_assert_msg(v != NULL, "%s %s missing", path, prop);
	ck_assert_uint_eq(len, 4);
	return be32_load(v);
}

START_TEST(test_content)
{
	size_t n;
	uint8_t *b = emit(&xg_fdt_ops_own, &n);
	uint32_t len;
	const uint8_t *v;
	char *dump = dtb_dump(b, n);

	ck_assert_ptr_nonnull(dump);
	ck_assert_ptr_nonnull(strstr(dump, "rsv 3ffd000 3000\n"));
	v = dtb_prop(b, n, "/chosen", "bootargs", &len);
	ck_assert_ptr_nonnull(v);
	ck_assert_str_eq((const char *)v, "root=/dev/ram0 console=hvc0");
	ck_assert_uint_eq(prop64(b, n, "/chosen", "linux,initrd-start"), 0x200000);
	ck_assert_uint_eq(prop64(b, n, "/chosen", "linux,initrd-end"), 0x280000);
	ck_assert_uint_eq(prop32(b, n, "/chosen", "xen,console-evtchn"), 1);
	v = dtb_prop(b, n, "/memory@0", "reg", &len);
	ck_assert_uint_eq(len, 3 * 16);
	ck_assert_uint_eq(be64_load(v + 16), 64ULL << 20);
	ck_assert_uint_eq(prop32(b, n, "/cpus/cpu@3", "reg"), 3);
	ck_assert_ptr_null(dtb_prop(b, n, "/cpus/cpu@4", "reg", &len));
	ck_assert_uint_eq(prop32(b, n, "/xen", "xen,domid"), 7);
	v = dtb_prop(b, n, "/xen", "xen,uuid", &len);
	ck_assert_uint_eq(len, 16);
	ck_assert_uint_eq(v[15], 0xfe);
	ck_assert_uint_eq(prop32(b, n, "/xen", "interface-version"), 0x00030205);
	ck_assert_uint_eq(prop32(b, n, "/xen/console", "interrupts"), 1);
	ck_assert_uint_eq(prop32(b, n, "/xen/store", "interrupts"), 2);
	v = dtb_prop(b, n, "/xen/store", "reg", &len);
	ck_assert_uint_eq(be64_load(v), (64ULL << 20) - 3 * 4096);
	free(dump);
	free(b);
}
END_TEST

/* A buffer too small is an error, never an overrun. */
START_TEST(test_too_small)
{
	struct xg_fdt_info in;
	struct xg_err e;
	size_t total, size;
	uint8_t *buf;

	fill_info(&in);
	for (size = 0; size < 1024; size += 37) {
		buf = malloc(size + 1);
		ck_assert_int_eq(xg_fdt_emit(&in, &xg_fdt_ops_own, buf, size, &total, &e), -ENOSPC);
		free(buf);
	}
}
END_TEST

#ifdef HAVE_LIBFDT
/* Render a blob through libfdt the same way dtb_dump() does. */
static char *libfdt_dump(const void *fdt)
{
	char *out = malloc(1 << 20), path[256];
	size_t used = 0;
	int node = 0, depth = 0, i, prop, len;
	uint64_t a, s;

	for (i = 0; i < fdt_num_mem_rsv(fdt); i++) {
		ck_assert_int_eq(fdt_get_mem_rsv(fdt, i, &a, &s), 0);
		used += (size_t)sprintf(out + used, "rsv %llx %llx\n", (unsigned long long)a,
		                        (unsigned long long)s);
	}
	for (; node >= 0 && depth >= 0; node = fdt_next_node(fdt, node, &depth)) {
		ck_assert_int_eq(fdt_get_path(fdt, node, path, sizeof(path)), 0);
		fdt_for_each_property_offset(prop, fdt, node) {
			const char *name;
			const uint8_t *v = fdt_getprop_by_offset(fdt, prop, &name, &len);
			ck_assert_ptr_nonnull(v);
			used += (size_t)sprintf(out + used, "%s %s", path, name);
			for (i = 0; i < len; i++)
				used += (size_t)sprintf(out + used, "%s%02x", i == 0 ? " " : "", v[i]);
			used += (size_t)sprintf(out + used, "\n");
		}
	}
	return out;
}

START_TEST(test_writers_agree)
{
	size_t n_own, n_lib;
	uint8_t *own = emit(&xg_fdt_ops_own, &n_own);
	uint8_t *lib = emit(&xg_fdt_ops_libfdt, &n_lib);
	char *d_own = dtb_dump(own, n_own), *d_lib = dtb_dump(lib, n_lib);
	char *l_own;

	ck_assert_int_eq(fdt_check_full(own, n_own), 0);
	ck_assert_int_eq(fdt_check_full(lib, n_lib), 0);
	ck_assert_ptr_nonnull(d_own);
	ck_assert_ptr_nonnull(d_lib);
	ck_assert_str_eq(d_own, d_lib);
	/* our writer lays the blob out exactly as libfdt's does */
	ck_assert_uint_eq(n_own, n_lib);
	ck_assert_mem_eq(own, lib, n_own);
	l_own = libfdt_dump(own);
	ck_assert_str_eq(l_own, d_own);
	ck_assert_ptr_eq(xg_fdt_default_ops(), &xg_fdt_ops_libfdt);
	free(l_own);
	free(d_own);
	free(d_lib);
	free(own);
	free(lib);
}
END_TEST
#endif

int main(void)
{
	Suite *s = suite_create("fdt");
	TCase *tc = tcase_create("fdt");

	tcase_add_test(tc, test_content);
	tcase_add_test(tc, test_too_small);
#ifdef HAVE_LIBFDT
	tcase_add_test(tc, test_writers_agree);
#endif
	suite_add_tcase(s, tc);
	return check_run(s);
}
