/*
 * xenppc-hv's command line.  Every number goes through a bounded parser,
 * and every error is one line for the caller to print (exit status 2).
 */
#ifndef HV_OPTIONS_H
#define HV_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdint.h>

#include "hv.h"
#include "privcmd.h"

/* The largest machine we model: 1 TiB (and what a size may say). */
#define HV_MAX_MEMORY_BYTES (1ULL << 40)
/* Below this a machine cannot hold dom0 and one guest. */
#define HV_MIN_MEMORY_BYTES (128ULL << 20)
#define HV_ERRMSG_MAX 256

struct hv_options {
	const char *rundir;
	const char *logfile;
	bool foreground;
	bool trace;
	bool help;
	struct hv_config cfg;
	struct privcmd_acl acl;
};

/*
 * Parse "512M", "4G", "65536", "64K" (binary multiples) into bytes:
 * 0, or -EINVAL (syntax) / -ERANGE (above max).
 */
int parse_size(const char *s, uint64_t max, uint64_t *out);
/* Parse an unsigned decimal in [min, max]: 0 or -EINVAL / -ERANGE. */
int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out);

/* 0, or -1 with a message in err (one line, no program name). */
int options_parse(int argc, char **argv, struct hv_options *o, char *err, size_t errlen);
void options_usage(FILE *f);

#endif /* HV_OPTIONS_H */
