/*
 * The domain builder against a real xenppc-hv, all figures from one run:
 * create + populate + build of a domain with a 4 MiB kernel and a 16 MiB
 * initrd, 64 MiB RMA + 192 MiB of extents (target <= 5 ms, decompression
 * excluded), each step timed on its own, and the same build from gzipped
 * images with the decompression time reported separately.
 *
 * Two machines.  The default one keeps its memory sparse, so each build
 * pays the host's first-touch page faults in the hypervisor ("plain" and
 * "gzip": the cold figures).  The other is started with --boot-scrub: its
 * free memory is brought in at start, in the background, and stays present
 * ("scrubbed"); each of its builds starts once physinfo's scrub_pages is 0,
 * i.e. after the boot scrub and after the previous domain's scrub.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenguest.h>
#include "bench-hv.h"
#include "bench-time.h"
#include "hvfix.h"
#include "kgen.h"

#define REPS 15
#define RMA_LOG 26
#define MEM (256ULL << 20)
#define KERNEL_TEXT (4ULL << 20)
#define INITRD (16ULL << 20)
#define TARGET_MS 5.0

static pid_t hv_pid;

/*
 * What an operation costs in CPU: all of our threads (the builder writes the
 * domain from two threads, so on an idle two-core machine the wall clock is
 * below this sum; on a loaded one it also counts the wait for a core) plus
 * the hypervisor's main thread, which answers hypercalls (its scrub worker
 * is background work).
 */
static uint64_t both_cpu_ns(void)
{
	return bench_self_cpu_ns() + bench_pid_cpu_ns(hv_pid);
}

static double median_ms(uint64_t *v, int n)
{
	return bench_pct(v, (size_t)n, 50) / 1e6;
}

struct img { uint8_t *k, *rd; size_t klen, rdlen; };

/* One create + populate + build; per-step times added to t[0..2]. */
static int one(xc_interface *xch, const struct img *im, uint64_t t[4], xc_ppc_layout_t *l)
{
	xc_ppc_build_args_t a = { .kernel = im->k, .kernel_len = im->klen, .initrd = im->rd,
	                          .initrd_len = im->rdlen, .cmdline = "console=hvc0",
	                          .layout = l };
	uint32_t domid = 0;
	uint64_t c0 = both_cpu_ns(), t0 = bench_now_ns(), t1, t2;
	int rc = xc_domain_create(xch, 0, NULL, 0, RMA_LOG, &domid);

	if (rc == 0)
		rc = xc_domain_max_vcpus(xch, domid, 1);
	t1 = bench_now_ns();
	if (rc == 0)
		rc = xc_ppc_populate(xch, domid, MEM);
	t2 = bench_now_ns();
	if (rc == 0)
		rc = xc_ppc_build(xch, domid, &a);
	t[2] = bench_now_ns() - t2;
	t[3] = both_cpu_ns() - c0;
	t[0] = t1 - t0;
	t[1] = t2 - t1;
	if (rc < 0)
		fprintf(stderr, "build-domain: %s\n", xc_get_last_error(xch)->message);
	if (domid)
		xc_domain_destroy(xch, domid);
	return rc;
}

/*
 * The same build again into a domain whose pages the first build already
 * touched: what the library and the transport cost without the host's
 * first-touch page faults in the hypervisor's memory fd.
 */
static int warm(xc_interface *xch, const struct img *im)
{
	xc_ppc_build_args_t a = { .kernel = im->k, .kernel_len = im->klen, .initrd = im->rd,
	                          .initrd_len = im->rdlen, .cmdline = "console=hvc0" };
	uint64_t wall[REPS], cpu[REPS], c0, t0;
	uint32_t domid = 0;
	int i, rc = xc_domain_create(xch, 0, NULL, 0, RMA_LOG, &domid);

	if (rc == 0)
		rc = xc_domain_max_vcpus(xch, domid, 1);
	if (rc == 0)
		rc = xc_ppc_populate(xch, domid, MEM);
	if (rc == 0)
		rc = xc_ppc_build(xch, domid, &a);
	for (i = 0; rc == 0 && i < REPS; i++) {
		c0 = both_cpu_ns();
		t0 = bench_now_ns();
		rc = xc_ppc_build(xch, domid, &a);
		wall[i] = bench_now_ns() - t0;
		cpu[i] = both_cpu_ns() - c0;
	}
	if (domid)
		xc_domain_destroy(xch, domid);
	if (rc < 0) {
		fprintf(stderr, "build-domain: %s\n", xc_get_last_error(xch)->message);
		return -1;
	}
	printf("warm     build into already-touched memory: %.3f ms wall (%.2fx the %.1f ms target),"
	       " %.3f ms CPU (the rest of a cold build is the hypervisor's first-touch page faults)\n",
	       median_ms(wall, REPS), median_ms(wall, REPS) / TARGET_MS, TARGET_MS, median_ms(cpu, REPS));
	return 0;
}

/* settled: wait for scrub_pages == 0 before each rep (untimed). */
static int series(xc_interface *xch, const struct img *im, const char *what, int settled)
{
	uint64_t create[REPS], pop[REPS], build[REPS], total[REPS], dec[REPS], cpu[REPS], t[4];
	xc_ppc_layout_t l;
	double tot;
	int i;

	for (i = 0; i < REPS; i++) {
		if ((settled && bench_wait_scrubbed(xch, "build-domain") < 0) || one(xch, im, t, &l) < 0)
			return -1;
		create[i] = t[0];
		pop[i] = t[1];
		build[i] = t[2];
		dec[i] = l.decompress_ns;
		total[i] = t[0] + t[1] + t[2] - l.decompress_ns;
		cpu[i] = t[3];
	}
	tot = median_ms(total, REPS);
	printf("%-8s create %.3f ms  populate %.3f ms  build %.3f ms  decompress %.3f ms\n", what,
	       median_ms(create, REPS), median_ms(pop, REPS), median_ms(build, REPS),
	       median_ms(dec, REPS));
	printf("%-8s create+populate+build excluding decompression: %.3f ms wall (target %.1f ms, %.2fx);"
	       " CPU of client + hypervisor, decompression included: %.3f ms\n", what, tot, TARGET_MS,
	       tot / TARGET_MS, median_ms(cpu, REPS));
	return 0;
}

/* Start a hypervisor (bench_open_hv) and note its pid for both_cpu_ns. */
static xc_interface *open_hv(struct hvfix *hv, const char *const *extra)
{
	xc_interface *xch = bench_open_hv(hv, extra);

	hv_pid = hv->pid;
	return xch;
}

/* The --boot-scrub machine: how long its boot scrub takes, then the series. */
static int scrubbed(const struct img *im)
{
	static const char *const extra[] = { "--boot-scrub", NULL };
	struct hvfix hv;
	xc_physinfo_t pi;
	xc_interface *xch = open_hv(&hv, extra);
	uint64_t t0 = bench_now_ns();
	int rc;

	if (xch == NULL)
		return -1;
	rc = xc_physinfo(xch, &pi) < 0 || bench_wait_scrubbed(xch, "build-domain") < 0;
	if (rc == 0)
		printf("scrubbed boot scrub of the %llu MiB free: done %.0f ms after the hypervisor"
		       " was ready (in the background)\n", (unsigned long long)(pi.free_pages >> 8),
		       (bench_now_ns() - t0) / 1e6);
	rc = rc || series(xch, im, "scrubbed", 1) < 0;
	xc_interface_close(xch);
	hv_stop(&hv);
	return rc ? -1 : 0;
}

int main(void)
{
	struct hvfix hv;
	struct img plain, gz;
	char err[KGEN_ERR_MAX];
	xc_interface *xch;
	int rc;

	if (kgen_make("exec", KERNEL_TEXT, 0, &plain.k, &plain.klen, err) < 0 ||
	    kgen_make("initrd", INITRD, 0, &plain.rd, &plain.rdlen, err) < 0 ||
	    kgen_make("exec", KERNEL_TEXT, 1, &gz.k, &gz.klen, err) < 0 ||
	    kgen_make("initrd", INITRD, 1, &gz.rd, &gz.rdlen, err) < 0) {
		fprintf(stderr, "build-domain: %s\n", err);
		return 1;
	}
	if ((xch = open_hv(&hv, NULL)) == NULL)
		return 1;
	printf("build-domain: 64 MiB RMA + 192 MiB extents, kernel %zu bytes, initrd %zu bytes"
	       " (gzipped %zu + %zu), median of %d\n", plain.klen, plain.rdlen, gz.klen, gz.rdlen, REPS);
	/* BUILD_DOMAIN_PLAIN_ONLY: skip the gzip series (for profiling the copy path) */
	rc = series(xch, &plain, "plain", 0) < 0 || warm(xch, &plain) < 0 ||
	     (getenv("BUILD_DOMAIN_PLAIN_ONLY") == NULL && series(xch, &gz, "gzip", 0) < 0);
	xc_interface_close(xch);
	hv_stop(&hv);
	return rc || scrubbed(&plain) < 0;
}
