/*
 * Save and restore of a 256 MiB domain (64 MiB RMA + 192 MiB extents) with
 * 25% of its pages non-zero, against a real xenppc-hv, all figures from one
 * run: save and restore times (targets <= 60 ms each), the stream size
 * against the raw memory, compressed and raw (XC_SAVE_NO_COMPRESS), with
 * the non-zero pages in runs ("clustered": 64 of every 256 pages, as
 * kernels, page caches and heaps fill memory) and spread out ("scattered":
 * every 4th page, the worst case for zero-run skipping).  Page contents are
 * kgen_fill()'s machine-code-like words, which compress about 2x.  Streams
 * go to a memfd, so disk speed does not count.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenguest.h>
#include "hvfix.h"
#include "kgen.h"

#define REPS 5
#define RMA_LOG 26
#define MEM (256ULL << 20)
#define PAGES (MEM / 4096)
#define TARGET_MS 60.0
#define FIRST_DATA_PAGE 256ULL       /* above the test kernel */

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/*
 * CPU time of a process in ns (/proc/PID/schedstat's first field).  The
 * client and the hypervisor take turns (one request at a time), so their
 * sum is what the operation costs on an idle machine; on a loaded one the
 * wall clock also counts the time spent waiting for a core.
 */
static uint64_t cpu_ns(pid_t pid)
{
	char path[64];
	unsigned long long ns = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/schedstat", (long)pid);
	if ((f = fopen(path, "r")) != NULL) {
		if (fscanf(f, "%llu", &ns) != 1)
			ns = 0;
		fclose(f);
	}
	return ns;
}

static pid_t hv_pid;

static uint64_t both_cpu_ns(void)
{
	return cpu_ns(getpid()) + cpu_ns(hv_pid);
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double median_ms(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	return v[n / 2] / 1e6;
}

/* Data pages: clustered = 64 of every 256, scattered = every 4th. */
static int is_data(uint64_t g, int scattered)
{
	if (g < FIRST_DATA_PAGE || (g >= (64ULL << 20) / 4096 - 3 && g < (64ULL << 20) / 4096))
		return 0;
	return scattered ? g % 4 == 0 : g % 256 < 64;
}

static int make_guest(xc_interface *xch, int scattered, uint32_t *domid)
{
	uint8_t *k, *run = malloc(64 * 4096);
	size_t klen;
	char err[KGEN_ERR_MAX];
	xc_ppc_build_args_t a = { 0 };
	uint64_t g, n;
	int rc;

	*domid = 0;
	if ((rc = xc_domain_create(xch, 0, NULL, 0, RMA_LOG, domid)) < 0 ||
	    (rc = xc_domain_max_vcpus(xch, *domid, 1)) < 0 ||
	    (rc = xc_ppc_populate(xch, *domid, MEM)) < 0 || kgen_make("exec", 0, 0, &k, &klen, err) < 0)
		return -1;
	a.kernel = k;
	a.kernel_len = klen;
	rc = xc_ppc_build(xch, *domid, &a);
	free(k);
	for (g = 0; rc == 0 && g < PAGES; g += n) {      /* write each run of data pages once */
		for (n = 0; g + n < PAGES && n < 64 && is_data(g + n, scattered); n++)
			kgen_fill(run + n * 4096, 4096, (uint32_t)(g + n) | 1);
		if (n > 0)
			rc = xc_guest_memory_write(xch, *domid, g * 4096, run, n * 4096);
		else
			n = 1;
	}
	free(run);
	return rc;
}

static int series(xc_interface *xch, uint32_t domid, uint32_t flags, const char *what)
{
	uint64_t ts[REPS], tr[REPS], cs[REPS], cr[REPS], t0, c0, size = 0;
	int fd = memfd_create("stream", 0), i, rc = 0;
	uint32_t nd;

	for (i = 0; rc == 0 && i < REPS; i++) {
		if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
			return -1;
		c0 = both_cpu_ns();
		t0 = now_ns();
		rc = xc_domain_save(xch, fd, domid, flags, NULL, NULL);
		ts[i] = now_ns() - t0;
		cs[i] = both_cpu_ns() - c0;
		size = (uint64_t)lseek(fd, 0, SEEK_CUR);
	}
	for (i = 0; rc == 0 && i < REPS; i++) {
		lseek(fd, 0, SEEK_SET);
		c0 = both_cpu_ns();
		t0 = now_ns();
		rc = xc_domain_restore(xch, fd, &nd, XC_RESTORE_NO_NAME, NULL, NULL);
		tr[i] = now_ns() - t0;
		cr[i] = both_cpu_ns() - c0;
		if (rc == 0)
			xc_domain_destroy(xch, nd);
	}
	close(fd);
	if (rc < 0) {
		fprintf(stderr, "save-restore: %s\n", xc_get_last_error(xch)->message);
		return -1;
	}
	printf("%-16s save %7.1f ms wall %7.1f ms CPU (%.2fx target)  restore %7.1f ms wall %7.1f ms CPU"
	       " (%.2fx)  stream %6.2f MiB = %5.1f%% of memory, %5.1f%% of the non-zero data\n", what,
	       median_ms(ts, REPS), median_ms(cs, REPS), median_ms(cs, REPS) / TARGET_MS,
	       median_ms(tr, REPS), median_ms(cr, REPS), median_ms(cr, REPS) / TARGET_MS,
	       size / 1048576.0, 100.0 * size / MEM, 100.0 * size / (MEM / 4));
	return 0;
}

/* What the event-channel scan of a save costs: one status call per port. */
static void evtchn_scan_cost(xc_interface *xch, uint32_t domid)
{
	xc_evtchn_status_t st;
	uint64_t t0 = now_ns(), c0 = both_cpu_ns();
	uint32_t port;

	for (port = 1; port < XENPPC_NR_EVENT_CHANNELS; port++)
		if (xc_evtchn_status(xch, domid, port, &st) < 0)
			return;
	printf("event-channel scan of a save (%u status calls): %.2f ms wall, %.2f ms CPU\n",
	       XENPPC_NR_EVENT_CHANNELS - 1, (now_ns() - t0) / 1e6, (both_cpu_ns() - c0) / 1e6);
}

int main(void)
{
	struct hvfix hv;
	xc_interface *xch;
	uint32_t domid;
	int rc = 0, scattered;

	if (hv_start(&hv, "2G", NULL) < 0)
		return 1;
	hv_pid = hv.pid;
	if ((xch = xc_interface_open(NULL, 0)) == NULL) {
		hv_stop(&hv);
		return 1;
	}
	printf("save-restore: 256 MiB domain (64 MiB RMA + 192 MiB extents), 25%% of pages non-zero,"
	       " median of %d, targets %.0f ms\n", REPS, TARGET_MS);
	for (scattered = 0; rc == 0 && scattered < 2; scattered++) {
		const char *d = scattered ? "scattered" : "clustered";
		char what[64];
		if (make_guest(xch, scattered, &domid) < 0) {
			fprintf(stderr, "save-restore: guest: %s\n", xc_get_last_error(xch)->message);
			rc = 1;
			break;
		}
		if (!scattered)
			evtchn_scan_cost(xch, domid);
		snprintf(what, sizeof(what), "%s zlib", d);
		rc = series(xch, domid, 0, what) < 0;
		snprintf(what, sizeof(what), "%s raw", d);
		rc = rc || series(xch, domid, XC_SAVE_NO_COMPRESS, what) < 0;
		xc_domain_destroy(xch, domid);
	}
	xc_interface_close(xch);
	hv_stop(&hv);
	return rc;
}
