/*
 * The command line's bounded parsers and validation, one table row per
 * case: what xenppc-hv accepts, and what it refuses (exit status 2).
 */
#include <check.h>
#include <string.h>

#include "options.h"
#include "../check-run.h"

/* parse_size: the text, the limit, the expected result and value. */
static const struct { const char *s; uint64_t max; int r; uint64_t v; } sizes[] = {
	{ "4096", 1ULL << 40, 0, 4096 },                /* plain bytes */
	{ "64K", 1ULL << 40, 0, 64ULL << 10 },
	{ "512M", 1ULL << 40, 0, 512ULL << 20 },
	{ "4G", 1ULL << 40, 0, 4ULL << 30 },
	{ "1T", 1ULL << 40, 0, 1ULL << 40 },
	{ "2T", 1ULL << 40, -34, 0 },                   /* above the limit */
	{ "16GiB", 1ULL << 40, 0, 16ULL << 30 },
	{ "16GB", 1ULL << 40, 0, 16ULL << 30 },
	{ "16Gx", 1ULL << 40, -22, 0 },                 /* junk after the suffix */
	{ "", 1ULL << 40, -22, 0 },
	{ "G", 1ULL << 40, -22, 0 },
	{ "-1M", 1ULL << 40, -22, 0 },
	{ "12Q", 1ULL << 40, -22, 0 },
	{ "99999999999999999999999999999", UINT64_MAX, -34, 0 },   /* overflow */
	{ "18446744073709551615", UINT64_MAX, 0, UINT64_MAX },
	{ "17179869184K", 1ULL << 40, -34, 0 },         /* overflows once shifted */
};

START_TEST(size_cases)
{
	uint64_t v = 0;
	int r = parse_size(sizes[_i].s, sizes[_i].max, &v);
	ck_assert_msg(r == sizes[_i].r, "'%s': %d, expected %d", sizes[_i].s, r, sizes[_i].r);
	if (r == 0)
		ck_assert_uint_eq(v, sizes[_i].v);
}
END_TEST

/* Whole command lines: 0 = accepted, -1 = refused with a message. */
static const struct { const char *argv[8]; int r; } lines[] = {
	{ { "xenppc-hv", "--rundir", "/tmp/x" }, 0 },
	{ { "xenppc-hv" }, -1 },                                             /* no run dir */
	{ { "xenppc-hv", "--rundir", "/x", "--memory", "64M" }, -1 },        /* too small */
	{ { "xenppc-hv", "--rundir", "/x", "--rma-size", "128M" }, 0 },
	{ { "xenppc-hv", "--rundir", "/x", "--rma-size", "512M" }, -1 },     /* not a 970 size */
	{ { "xenppc-hv", "--rundir", "/x", "--dom0-memory", "32M" }, -1 },   /* below the RMA */
	{ { "xenppc-hv", "--rundir", "/x", "--dom0-memory", "4G" }, -1 },    /* the whole machine */
	{ { "xenppc-hv", "--rundir", "/x", "--memory", "4097" }, -1 },       /* not whole pages */
	{ { "xenppc-hv", "--rundir", "/x", "--cpus", "65" }, -1 },
	{ { "xenppc-hv", "--rundir", "/x", "--cpus", "64", "--foreground" }, 0 },
	{ { "xenppc-hv", "--rundir", "/x", "--allow-uid", "abc" }, -1 },
	{ { "xenppc-hv", "--rundir", "/x", "--allow-gid", "100" }, 0 },
	{ { "xenppc-hv", "--rundir", "/x", "extra" }, -1 },
	{ { "xenppc-hv", "--nope" }, -1 },
	{ { "xenppc-hv", "--help" }, 0 },
	{ { "xenppc-hv", "--rundir", "/x", "--boot-scrub" }, 0 },
	{ { "xenppc-hv", "--rundir", "/x", "--boot-scrub", "--no-boot-scrub" }, 0 },
	{ { "xenppc-hv", "--rundir", "/x", "--boot-scrub=1G" }, -1 },       /* takes no value */
};

START_TEST(line_cases)
{
	struct hv_options o;
	char err[HV_ERRMSG_MAX] = "";
	char *argv[8] = { 0 };
	int argc = 0;

	while (argc < 8 && lines[_i].argv[argc]) {
		argv[argc] = (char *)lines[_i].argv[argc];
		argc++;
	}
	int r = options_parse(argc, argv, &o, err, sizeof(err));
	ck_assert_msg(r == lines[_i].r, "case %d: %d (%s)", _i, r, err);
	if (r != 0)
		ck_assert(err[0] != '\0' && strchr(err, '\n') == NULL);   /* one line */
}
END_TEST

/* --boot-scrub is off by default; the last of --boot-scrub / --no-boot-scrub wins. */
static const struct { const char *argv[6]; bool boot_scrub; } scrub_lines[] = {
	{ { "xenppc-hv", "--rundir", "/x" }, false },
	{ { "xenppc-hv", "--rundir", "/x", "--boot-scrub" }, true },
	{ { "xenppc-hv", "--rundir", "/x", "--boot-scrub", "--no-boot-scrub" }, false },
	{ { "xenppc-hv", "--rundir", "/x", "--no-boot-scrub", "--boot-scrub" }, true },
};

START_TEST(boot_scrub_cases)
{
	struct hv_options o;
	char err[HV_ERRMSG_MAX] = "";
	char *argv[6] = { 0 };
	int argc = 0;

	while (argc < 6 && scrub_lines[_i].argv[argc]) {
		argv[argc] = (char *)scrub_lines[_i].argv[argc];
		argc++;
	}
	ck_assert_int_eq(options_parse(argc, argv, &o, err, sizeof(err)), 0);
	ck_assert_int_eq(o.cfg.boot_scrub, scrub_lines[_i].boot_scrub);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("options");
	TCase *tc = tcase_create("parse");

	tcase_add_loop_test(tc, size_cases, 0, (int)(sizeof(sizes) / sizeof(sizes[0])));
	tcase_add_loop_test(tc, line_cases, 0, (int)(sizeof(lines) / sizeof(lines[0])));
	tcase_add_loop_test(tc, boot_scrub_cases, 0, (int)(sizeof(scrub_lines) / sizeof(scrub_lines[0])));
	suite_add_tcase(s, tc);
	return check_run(s);
}
