/*
 * Unit tests of the domain-config model: value parsers, validation and the
 * JSON round trip.  Cases are data tables, one comment each.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "domconfig.h"
#include "../check-run.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct { const char *in; int ok; uint64_t mib; } mib_cases[] = {
	{ "64", 1, 64 },             /* bare numbers are MiB, as in xm */
	{ "64M", 1, 64 },            /* explicit unit */
	{ "1G", 1, 1024 },
	{ "1GiB", 1, 1024 },         /* the long spelling */
	{ "65536K", 1, 64 },
	{ "1000K", 0, 0 },           /* not whole MiB */
	{ "0", 0, 0 },               /* zero */
	{ "12X", 0, 0 },             /* unknown unit */
	{ "", 0, 0 },                /* empty */
	{ "-5", 0, 0 },              /* negative */
	{ "99999999999999999999", 0, 0 }, /* overflow */
	{ "2T", 0, 0 },              /* above DOMCONFIG_MEMORY_MAX_MIB */
};

START_TEST(test_parse_mib)
{
	struct domconfig_error err;
	uint64_t mib = 0;
	int rc = domconfig_parse_mib(mib_cases[_i].in, &mib, &err);

	ck_assert_int_eq(rc == 0, mib_cases[_i].ok);
	if (rc == 0)
		ck_assert_uint_eq(mib, mib_cases[_i].mib);
}
END_TEST

static const struct { const char *in; int ok; const char *norm; } cpu_cases[] = {
	{ "0", 1, "0" },
	{ "0-3", 1, "0-3" },
	{ "0-3,^1", 1, "0,2-3" },    /* exclusion */
	{ "5, 1 ,2", 1, "1-2,5" },   /* spaces, any order */
	{ "63", 1, "63" },           /* the last cpu a mask holds */
	{ "64", 0, NULL },           /* beyond DOMCONFIG_MAX_CPUS */
	{ "3-1", 0, NULL },          /* backwards range */
	{ "^1", 0, NULL },           /* names nothing */
	{ "1,,2", 0, NULL },         /* empty item */
	{ "a", 0, NULL },
};

START_TEST(test_parse_cpus)
{
	struct domconfig_error err;
	char buf[DOMCONFIG_CPUS_MAX];
	uint64_t map = 0;
	int rc = domconfig_parse_cpus(cpu_cases[_i].in, &map, &err);

	ck_assert_int_eq(rc == 0, cpu_cases[_i].ok);
	if (rc == 0) {
		domconfig_format_cpus(map, buf);
		ck_assert_str_eq(buf, cpu_cases[_i].norm);
	}
}
END_TEST

START_TEST(test_format_all_cpus)
{
	char buf[DOMCONFIG_CPUS_MAX];

	domconfig_format_cpus(0x5555555555555555ULL, buf);  /* the longest form */
	ck_assert_uint_lt(strlen(buf), sizeof(buf));
	ck_assert(strncmp(buf, "0,2,4,", 6) == 0);
}
END_TEST

static const struct { const char *in; int ok; const char *back; } disk_cases[] = {
	{ "phy:/dev/sda1,xvda1,w", 1, "phy:/dev/sda1,xvda1,w" },
	{ "phy:sda1, sda1, r", 1, "phy:sda1,sda1,r" },          /* spaces, device name */
	{ "file:/img/a.img,xvdb,w!", 1, "file:/img/a.img,xvdb,w!" },
	{ "tap:aio:/img/b,xvdc,r", 1, "tap:aio:/img/b,xvdc,r" }, /* two-part type */
	{ "file:/iso,hdc:cdrom,r", 1, "file:/iso,hdc:cdrom,r" },
	{ "file:/iso,hdc:cdrom,w", 0, NULL },                   /* writable cdrom */
	{ "file:img,xvda,w", 0, NULL },                         /* relative image */
	{ "nbd:/x,xvda,w", 0, NULL },                           /* unknown type */
	{ "phy:/dev/sda1,xvda1", 0, NULL },                     /* no mode */
	{ "phy:/dev/sda1,vda,w", 0, NULL },                     /* unknown device prefix */
	{ "phy:/dev/sda1,xvda1,rw", 0, NULL },                  /* bad mode */
	{ "phy:,xvda,w", 0, NULL },                             /* no target */
	{ "/dev/sda1,xvda,w", 0, NULL },                        /* no type */
};

START_TEST(test_parse_disk)
{
	struct domconfig_error err;
	struct domconfig_disk d;
	char buf[DOMCONFIG_DISK_SPEC_MAX];
	int rc = domconfig_parse_disk(disk_cases[_i].in, &d, &err);

	ck_assert_msg((rc == 0) == disk_cases[_i].ok, "%s: %s", disk_cases[_i].in,
	              rc ? err.msg : "accepted");
	if (rc == 0) {
		domconfig_format_disk(&d, buf);
		ck_assert_str_eq(buf, disk_cases[_i].back);
	}
}
END_TEST

static const struct { const char *in; int ok; } vif_cases[] = {
	{ "", 1 },                                           /* every default */
	{ "mac=00:16:3e:00:00:01, bridge=xenbr0", 1 },
	{ "ip=10.0.0.1 10.0.0.2,vifname=vif1.0", 1 },        /* two addresses */
	{ "model=e1000,script=vif-bridge", 1 },
	{ "mac=01:16:3e:00:00:01", 0 },                      /* multicast */
	{ "mac=00:16:3e:00:00", 0 },                         /* short */
	{ "ip=10.0.0.300", 0 },
	{ "bridge=xen br0", 0 },                             /* space in a name */
	{ "bridge=averyveryverylongbridgename", 0 },         /* >= IFNAMSIZ */
	{ "colour=blue", 0 },                                /* unknown key */
	{ "mac=00:16:3e:00:00:01,mac=00:16:3e:00:00:02", 0 }, /* twice */
	{ "bridge", 0 },                                     /* not key=value */
};

START_TEST(test_parse_vif)
{
	struct domconfig_error err;
	struct domconfig_vif v;
	int rc = domconfig_parse_vif(vif_cases[_i].in, &v, &err);

	ck_assert_msg((rc == 0) == vif_cases[_i].ok, "%s: %s", vif_cases[_i].in,
	              rc ? err.msg : "accepted");
}
END_TEST

static const struct { const char *in; int ok; } name_cases[] = {
	{ "web", 1 },
	{ "dom-1_a.b", 1 },
	{ "", 0 },
	{ "with space", 0 },
	{ "42", 0 },                                         /* reads as an id */
	{ "8c8e1e0a-8b19-4f0c-9d2e-0123456789ab", 0 },       /* reads as a UUID */
	{ "0123456789012345678901234567890123456789012345678901234567890123", 0 }, /* 64 */
};

START_TEST(test_check_name)
{
	struct domconfig_error err;

	ck_assert_int_eq(domconfig_check_name(name_cases[_i].in, &err) == 0, name_cases[_i].ok);
}
END_TEST

static const struct { uint64_t mib; int ok; unsigned log; } rma_cases[] = {
	{ 64, 1, 26 }, { 128, 1, 27 }, { 256, 1, 28 }, { 1024, 1, 30 },
	{ 16384, 1, 34 }, { 262144, 1, 38 },
	{ 32, 0, 0 },     /* below the smallest the 970 has */
	{ 512, 0, 0 },    /* a power of two it lacks */
	{ 100, 0, 0 },    /* not a power of two */
};

START_TEST(test_rma)
{
	struct domconfig_error err;
	unsigned log = 0;
	int rc = domconfig_rma_log_from_mib(rma_cases[_i].mib, &log, &err);

	ck_assert_int_eq(rc == 0, rma_cases[_i].ok);
	if (rc == 0)
		ck_assert_uint_eq(log, rma_cases[_i].log);
}
END_TEST

static void full_config(struct domconfig *c)
{
	struct domconfig_error err;

	domconfig_init(c);
	strcpy(c->name, "web");
	c->has_uuid = true;
	for (int i = 0; i < 16; i++)
		c->uuid[i] = (uint8_t)(i * 17);
	c->memory_mib = 256;
	c->maxmem_mib = 512;
	c->vcpus = 2;
	c->has_cpus = true;
	c->cpumap = 0xb;
	strcpy(c->kernel, "/boot/vmlinux");
	strcpy(c->extra, "console=hvc0 \"quoted\"\\");
	c->rma_log = 27;
	c->on_crash = DOMCONFIG_ACTION_PRESERVE;
	ck_assert_int_eq(domconfig_parse_disk("file:/img/a,hdc:cdrom,r", &c->disk[0], &err), 0);
	ck_assert_int_eq(domconfig_parse_disk("phy:/dev/sda1,xvda1,w", &c->disk[1], &err), 0);
	c->nr_disks = 2;
	ck_assert_int_eq(domconfig_parse_vif("mac=00:16:3e:00:00:01,bridge=br0", &c->vif[0], &err), 0);
	ck_assert_int_eq(domconfig_parse_vif("", &c->vif[1], &err), 0);
	c->nr_vifs = 2;
	ck_assert_int_eq(domconfig_validate(c, &err), 0);
}

START_TEST(test_json_round_trip)
{
	struct domconfig a, b;
	struct domconfig_error err;
	char *j1, *j2;

	full_config(&a);
	j1 = domconfig_to_json(&a, _i != 0);
	ck_assert_ptr_nonnull(j1);
	ck_assert_msg(domconfig_from_json(&b, j1, strlen(j1), &err) == 0, "%s", err.msg);
	ck_assert(memcmp(&a, &b, sizeof(a)) == 0);
	j2 = domconfig_to_json(&b, _i != 0);
	ck_assert_str_eq(j1, j2);
	free(j1);
	free(j2);
}
END_TEST

static const struct { const char *json; const char *msg; } bad_json[] = {
	{ "[]", "must be a JSON object" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"colour\":1}", "'colour' is not" },
	{ "{\"name\":\"a\",\"name\":\"b\",\"kernel\":\"/k\"}", "name: given twice" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"memory\":\"64\"}", "memory: must be an integer" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"uuid\":\"xyz\"}", "not a UUID" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"rma\":512}", "not one the 970" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"disk\":[{\"type\":\"phy\",\"target\":\"/d\","
	  "\"vdev\":\"xvda\",\"mode\":\"q\"}]}", "disk[0]: mode 'q'" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"vif\":[{\"mac\":\"zz\"}]}", "vif[0]:" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"vif\":[{\"bridge\":\"a,b\"}]}", "comma" },
	{ "{\"name\":\"a\"}", "no kernel given" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"memory\":32}", "less than the RMA" },
	{ "{\"name\":\"a\",\"kernel\":\"/k\",\"memory\":256,\"maxmem\":128}", "maxmem 128" },
	{ "{\"name\":", "does not parse" },
};

START_TEST(test_json_errors)
{
	struct domconfig c;
	struct domconfig_error err;
	const char *j = bad_json[_i].json;

	ck_assert_int_eq(domconfig_from_json(&c, j, strlen(j), &err), -1);
	ck_assert_msg(strstr(err.msg, bad_json[_i].msg) != NULL, "got '%s'", err.msg);
}
END_TEST

START_TEST(test_json_defaults)
{
	struct domconfig c;
	struct domconfig_error err;
	const char *j = "{\"name\":\"a\",\"kernel\":\"/k\"}";

	ck_assert_int_eq(domconfig_from_json(&c, j, strlen(j), &err), 0);
	ck_assert_uint_eq(c.memory_mib, DOMCONFIG_DEFAULT_MEMORY_MIB);
	ck_assert_uint_eq(c.maxmem_mib, DOMCONFIG_DEFAULT_MEMORY_MIB);
	ck_assert_uint_eq(c.rma_log, DOMCONFIG_DEFAULT_RMA_LOG);
	ck_assert(!c.has_uuid);
	ck_assert_int_eq(c.on_reboot, DOMCONFIG_ACTION_RESTART);
}
END_TEST

static Suite *domconfig_suite(void)
{
	Suite *s = suite_create("domconfig");
	TCase *t = tcase_create("values");

	tcase_add_loop_test(t, test_parse_mib, 0, N(mib_cases));
	tcase_add_loop_test(t, test_parse_cpus, 0, N(cpu_cases));
	tcase_add_test(t, test_format_all_cpus);
	tcase_add_loop_test(t, test_parse_disk, 0, N(disk_cases));
	tcase_add_loop_test(t, test_parse_vif, 0, N(vif_cases));
	tcase_add_loop_test(t, test_check_name, 0, N(name_cases));
	tcase_add_loop_test(t, test_rma, 0, N(rma_cases));
	suite_add_tcase(s, t);
	t = tcase_create("json");
	tcase_add_loop_test(t, test_json_round_trip, 0, 2);
	tcase_add_loop_test(t, test_json_errors, 0, N(bad_json));
	tcase_add_test(t, test_json_defaults);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	return check_run(domconfig_suite());
}
