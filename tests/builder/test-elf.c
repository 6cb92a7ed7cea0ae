/*
 * ELF64 kernel parsing: every mkkernel variant, valid and broken, against
 * the parser and the fit check of a 64 MiB RMA + 192 MiB domain.
 */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kgen.h"
#include "xg_elf.h"
#include "../check-run.h"

#define RMA_BYTES (64ULL << 20)
#define MEM_BYTES (256ULL << 20)

struct elf_case {
	const char *variant;
	int rc;                      /* 0, or the expected negative errno */
	const char *msg;             /* substring of the error message */
};

static const struct elf_case cases[] = {
	/* valid kernels load and fit */
	{ "exec", 0, NULL },
	{ "exec-opd", 0, NULL },
	{ "exec-opd-nosect", 0, NULL },
	{ "dyn", 0, NULL },
	{ "dyn-opd", 0, NULL },
	/* each broken image is rejected with the problem named */
	{ "not-elf", -ENOEXEC, "not an ELF file" },
	{ "elf32", -ENOEXEC, "wrong ELF class" },
	{ "little-endian", -ENOEXEC, "wrong byte order" },
	{ "wrong-machine", -ENOEXEC, "wrong machine" },
	{ "truncated", -ENOEXEC, "truncated file" },
	{ "truncated-segment", -ENOEXEC, "truncated segment 1" },
	{ "overlap", -ENOEXEC, "overlapping segments" },
	{ "outside-rma", -ENOSPC, "outside the RMA" },
	{ "beyond-memory", -ENOSPC, "beyond the domain's memory" },
	{ "bad-entry", -ENOEXEC, "entry point" },
	{ "bad-opd", -ENOEXEC, "function descriptor" },
};

static int parse_and_fit(const uint8_t *buf, size_t len, struct xg_elf_image *img,
                         struct xg_err *e)
{
	int rc = xg_elf_parse(img, buf, len, e);

	return rc < 0 ? rc : xg_elf_check_fit(img, RMA_BYTES, MEM_BYTES, e);
}

START_TEST(test_variant)
{
	const struct elf_case *c = &cases[_i];
	struct xg_elf_image *img = malloc(sizeof(*img));
	struct xg_err e = { 0, "" };
	char err[KGEN_ERR_MAX];
	uint8_t *buf;
	size_t len;
	int rc;

	ck_assert_ptr_nonnull(img);
	ck_assert_int_eq(kgen_make(c->variant, 0, 0, &buf, &len, err), 0);
	rc = parse_and_fit(buf, len, img, &e);
	ck_assert_msg(rc == c->rc, "%s: rc %d, expected %d (%s)", c->variant, rc, c->rc, e.msg);
	if (c->msg != NULL)
		ck_assert_msg(strstr(e.msg, c->msg) != NULL, "%s: message '%s' lacks '%s'",
		              c->variant, e.msg, c->msg);
	free(buf);
	free(img);
}
END_TEST

/* The valid kernels' geometry: load address, entry, descriptor use, bss. */
static void check_valid(const char *variant, int fdesc)
{
	struct xg_elf_image *img = malloc(sizeof(*img));
	struct xg_err e = { 0, "" };
	char err[KGEN_ERR_MAX];
	uint8_t *buf;
	size_t len;

	ck_assert_ptr_nonnull(img);
	ck_assert_int_eq(kgen_make(variant, 0, 0, &buf, &len, err), 0);
	ck_assert_int_eq(xg_elf_parse(img, buf, len, &e), 0);
	ck_assert_uint_eq(img->nr_segs, 2);
	ck_assert_uint_eq(img->load_lo, 0);
	ck_assert_uint_eq(img->entry_paddr, KGEN_ENTRY_OFFSET);
	ck_assert_int_eq(img->entry_is_fdesc, fdesc);
	ck_assert_uint_eq(img->segs[1].memsz - img->segs[1].filesz, KGEN_BSS_BYTES);
	ck_assert_uint_eq(img->load_hi, KGEN_DEFAULT_TEXT + KGEN_DATA_BYTES + KGEN_BSS_BYTES);
	free(buf);
	free(img);
}

START_TEST(test_geometry)
{
	check_valid("exec", 0);
	check_valid("exec-opd", 1);
	check_valid("exec-opd-nosect", 1);
	check_valid("dyn", 0);       /* linked at 1 MiB, relocated to 0 */
	check_valid("dyn-opd", 1);
}
END_TEST

/* Every prefix of a valid kernel is rejected cleanly (no crash, no accept). */
START_TEST(test_every_truncation)
{
	struct xg_elf_image *img = malloc(sizeof(*img));
	struct xg_err e;
	char err[KGEN_ERR_MAX];
	uint8_t *buf, *copy;
	size_t len, cut;

	ck_assert_ptr_nonnull(img);
	ck_assert_int_eq(kgen_make("exec-opd", 0x1000, 0, &buf, &len, err), 0);
	for (cut = 0; cut < len; cut += cut < 512 ? 1 : 509) {
		copy = malloc(cut + 1);
		memcpy(copy, buf, cut);
		ck_assert_int_lt(xg_elf_parse(img, copy, cut, &e), 0);
		free(copy);
	}
	ck_assert_int_eq(xg_elf_parse(img, buf, len, &e), 0);
	free(buf);
	free(img);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("elf");
	TCase *tc = tcase_create("elf");

	tcase_add_loop_test(tc, test_variant, 0, (int)(sizeof(cases) / sizeof(cases[0])));
	tcase_add_test(tc, test_geometry);
	tcase_add_test(tc, test_every_truncation);
	suite_add_tcase(s, tc);
	return check_run(s);
}
