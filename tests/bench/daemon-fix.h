/*
 * Fixture of the daemon benchmarks: a real xenppc-hv (tests/libxc/hvfix)
 * and a real xmctld in a temporary directory, found from the benchmark's
 * own path when run by scripts/bench.sh, plus timing helpers.
 */
#ifndef TESTS_BENCH_DAEMON_FIX_H
#define TESTS_BENCH_DAEMON_FIX_H

#include <stdint.h>
#include <sys/types.h>

#include "hvfix.h"
#include "xdlib.h"

struct dfix {
	struct hvfix hv;
	pid_t daemon;
	char dir[128];             /* temp dir: state/, xmctld.sock, kernel */
	char state[192], sock[192], kernel[192], xmctld[512];
	xmctld_client *c;
};

/* Start the hypervisor with memory (e.g. "8G") and, if with_daemon, xmctld. */
int dfix_start(struct dfix *f, const char *memory, int with_daemon);
/* (Re)start only the daemon; 0 or -1. */
int dfix_daemon_start(struct dfix *f);
void dfix_daemon_stop(struct dfix *f);
void dfix_stop(struct dfix *f);
/* One call; 0, or -1 after printing the error. */
int dfix_call(struct dfix *f, const char *method, const char *params);
/* CPU time (user + system) the daemon has used so far, in ms, or -1. */
double dfix_daemon_cpu_ms(const struct dfix *f);
/* The daemon's VmRSS in KiB, or -1. */
long dfix_daemon_rss_kb(const struct dfix *f);

uint64_t dfix_now_ns(void);
/* The p-th percentile of n samples (sorts them), in microseconds. */
double dfix_pct_us(uint64_t *v, int n, int p);

#endif
