/* Bounded gunzip: round trip, corrupt, truncated, the cap, exactly-at-cap. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kgen.h"
#include "xg_gunzip.h"
#include "../check-run.h"

#define CAP (1U << 20)

static void make(const char *variant, uint64_t size, int gz, uint8_t **b, size_t *l)
{
	char err[KGEN_ERR_MAX];

	ck_assert_int_eq(kgen_make(variant, size, gz, b, l, err), 0);
}

START_TEST(test_roundtrip)
{
	uint8_t *plain, *gz, *out;
	size_t plen, glen, olen;
	struct xg_err e;

	make("exec", 0, 0, &plain, &plen);
	make("exec", 0, 1, &gz, &glen);
	ck_assert(xg_is_gzip(gz, glen));
	ck_assert(!xg_is_gzip(plain, plen));
	ck_assert_int_eq(xg_gunzip(gz, glen, CAP, &out, &olen, &e), 0);
	ck_assert_uint_eq(olen, plen);
	ck_assert_mem_eq(out, plain, plen);
	free(out);
	/* exactly at the cap is fine, one byte below it is a bomb */
	ck_assert_int_eq(xg_gunzip(gz, glen, plen, &out, &olen, &e), 0);
	free(out);
	ck_assert_int_eq(xg_gunzip(gz, glen, plen - 1, &out, &olen, &e), -EFBIG);
	ck_assert_ptr_null(out);
	free(plain);
	free(gz);
}
END_TEST

START_TEST(test_bad)
{
	uint8_t *b, *out;
	size_t l, olen;
	struct xg_err e;

	make("gzip-corrupt", 0, 0, &b, &l);
	ck_assert_int_eq(xg_gunzip(b, l, CAP, &out, &olen, &e), -ENOEXEC);
	ck_assert_msg(strstr(e.msg, "corrupt gzip") != NULL, "%s", e.msg);
	free(b);
	make("gzip-truncated", 0, 0, &b, &l);
	ck_assert_int_eq(xg_gunzip(b, l, CAP, &out, &olen, &e), -ENOEXEC);
	ck_assert_msg(strstr(e.msg, "truncated gzip") != NULL, "%s", e.msg);
	free(b);
	make("gzip-bomb", 4 * CAP, 0, &b, &l);
	ck_assert_int_eq(xg_gunzip(b, l, CAP, &out, &olen, &e), -EFBIG);
	ck_assert_msg(strstr(e.msg, "past the cap") != NULL, "%s", e.msg);
	free(b);
	ck_assert_int_eq(xg_gunzip("\x1f\x8b\x08", 3, CAP, &out, &olen, &e), -ENOEXEC);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gunzip");
	TCase *tc = tcase_create("gunzip");

	tcase_add_test(tc, test_roundtrip);
	tcase_add_test(tc, test_bad);
	suite_add_tcase(s, tc);
	return check_run(s);
}
