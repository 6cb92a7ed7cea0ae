/*
 * The option table is the help text: each row names the option, its
 * argument and what it does, and options_usage prints the rows.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "options.h"

enum { OPT_MEMORY = 256, OPT_CPUS, OPT_RMA, OPT_DOM0, OPT_LOG, OPT_UID, OPT_GID, OPT_TRACE,
       OPT_BOOT_SCRUB, OPT_NO_BOOT_SCRUB };

static const struct {
	struct option opt;
	const char *arg;
	const char *help;
} table[] = {
	{ { "rundir", required_argument, NULL, 'r' }, "DIR", "run directory: privcmd.sock and xenppc-hv.pid (required)" },
	{ { "memory", required_argument, NULL, OPT_MEMORY }, "SIZE", "machine memory (default 4G)" },
	{ { "cpus", required_argument, NULL, OPT_CPUS }, "N", "physical cpus to report (default 2)" },
	{ { "rma-size", required_argument, NULL, OPT_RMA }, "SIZE", "default RMA: 64M, 128M, 256M, 1G, 16G or 256G" },
	{ { "dom0-memory", required_argument, NULL, OPT_DOM0 }, "SIZE", "dom0 memory, RMA included (default 512M)" },
	{ { "foreground", no_argument, NULL, 'f' }, NULL, "do not daemonize" },
	{ { "log", required_argument, NULL, OPT_LOG }, "FILE", "log to FILE instead of stderr" },
	{ { "allow-uid", required_argument, NULL, OPT_UID }, "UID", "also accept privcmd clients with this uid" },
	{ { "allow-gid", required_argument, NULL, OPT_GID }, "GID", "also accept privcmd clients with this gid" },
	{ { "boot-scrub", no_argument, NULL, OPT_BOOT_SCRUB }, NULL,
	  "keep memory present: bring free memory in at start (in the background), zero freed memory in place" },
	{ { "no-boot-scrub", no_argument, NULL, OPT_NO_BOOT_SCRUB }, NULL,
	  "sparse memory: pages come in on first touch, freeing punches them out (the default)" },
	{ { "trace", no_argument, NULL, OPT_TRACE }, NULL, "log every state-changing hypercall" },
	{ { "help", no_argument, NULL, 'h' }, NULL, "print this help" },
};
#define NR_OPTS (sizeof(table) / sizeof(table[0]))

void options_usage(FILE *f)
{
	fprintf(f, "usage: xenppc-hv --rundir DIR [options]\n"
	           "Sizes take K, M, G or T suffixes (binary).\n");
	for (size_t i = 0; i < NR_OPTS; i++) {
		char left[40];
		snprintf(left, sizeof(left), "--%s%s%s", table[i].opt.name,
		         table[i].arg ? " " : "", table[i].arg ? table[i].arg : "");
		fprintf(f, "  %-24s %s\n", left, table[i].help);
	}
}

static int add_id(uint32_t *ids, unsigned *nr, const char *s, char *err, size_t errlen)
{
	uint64_t v;
	if (*nr == PRIVCMD_MAX_ALLOW) {
		snprintf(err, errlen, "at most %d --allow-uid/--allow-gid each", PRIVCMD_MAX_ALLOW);
		return -1;
	}
	if (parse_uint(s, 0, UINT32_MAX - 1, &v) != 0) {
		snprintf(err, errlen, "bad id '%s'", s);
		return -1;
	}
	ids[(*nr)++] = (uint32_t)v;
	return 0;
}

static int size_opt(const char *name, const char *s, uint64_t *out, char *err, size_t errlen)
{
	if (parse_size(s, HV_MAX_MEMORY_BYTES, out) != 0 || *out % XEN_PAGE_SIZE != 0) {
		snprintf(err, errlen, "bad --%s '%s' (a size up to 1T in whole pages)", name, s);
		return -1;
	}
	return 0;
}

static int one_opt(int ch, struct hv_options *o, char *err, size_t errlen)
{
	uint64_t v;
	switch (ch) {
	case 'r': o->rundir = optarg; return 0;
	case 'f': o->foreground = true; return 0;
	case 'h': o->help = true; return 0;
	case OPT_LOG: o->logfile = optarg; return 0;
	case OPT_TRACE: o->trace = true; return 0;
	case OPT_BOOT_SCRUB: o->cfg.boot_scrub = true; return 0;
	case OPT_NO_BOOT_SCRUB: o->cfg.boot_scrub = false; return 0;
	case OPT_MEMORY: return size_opt("memory", optarg, &o->cfg.memory_bytes, err, errlen);
	case OPT_DOM0: return size_opt("dom0-memory", optarg, &o->cfg.dom0_bytes, err, errlen);
	case OPT_UID: return add_id(o->acl.uid, &o->acl.nr_uid, optarg, err, errlen);
	case OPT_GID: return add_id(o->acl.gid, &o->acl.nr_gid, optarg, err, errlen);
	case OPT_CPUS:
		if (parse_uint(optarg, 1, HV_MAX_CPUS, &v) != 0) {
			snprintf(err, errlen, "bad --cpus '%s' (1..%d)", optarg, HV_MAX_CPUS);
			return -1;
		}
		o->cfg.nr_cpus = (unsigned)v;
		return 0;
	case OPT_RMA:
		if (size_opt("rma-size", optarg, &v, err, errlen) != 0)
			return -1;
		if (v == 0 || (v & (v - 1)) != 0 || !XENPPC_RMA_LOG_IS_VALID(63 - __builtin_clzll(v))) {
			snprintf(err, errlen, "bad --rma-size '%s' (64M, 128M, 256M, 1G, 16G or 256G)", optarg);
			return -1;
		}
		o->cfg.rma_log = (unsigned)(63 - __builtin_clzll(v));
		return 0;
	default:
		snprintf(err, errlen, "unknown option (try --help)");
		return -1;
	}
}

static int validate(const struct hv_options *o, char *err, size_t errlen)
{
	const struct hv_config *c = &o->cfg;
	if (!o->rundir)
		snprintf(err, errlen, "--rundir is required");
	else if (c->memory_bytes < HV_MIN_MEMORY_BYTES)
		snprintf(err, errlen, "--memory must be at least %lluM",
		         (unsigned long long)(HV_MIN_MEMORY_BYTES >> 20));
	else if (c->dom0_bytes < (1ULL << c->rma_log) || c->dom0_bytes >= c->memory_bytes)
		snprintf(err, errlen, "--dom0-memory must hold an RMA and leave machine memory free");
	else
		return 0;
	return -1;
}

int options_parse(int argc, char **argv, struct hv_options *o, char *err, size_t errlen)
{
	struct option longopts[NR_OPTS + 1];
	int ch;

	memset(o, 0, sizeof(*o));
	hv_config_default(&o->cfg);
	for (size_t i = 0; i < NR_OPTS; i++)
		longopts[i] = table[i].opt;
	memset(&longopts[NR_OPTS], 0, sizeof(longopts[0]));
	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "r:fh", longopts, NULL)) != -1)
		if (one_opt(ch, o, err, errlen) != 0)
			return -1;
	if (optind < argc) {
		snprintf(err, errlen, "unexpected argument '%s'", argv[optind]);
		return -1;
	}
	return o->help ? 0 : validate(o, err, errlen);
}
