/*
 * Domain operations through libxc-ppc against a real xenppc-hv, all in one
 * run:
 *   - create + destroy of a domain with a 64 MiB RMA and 64 MiB of
 *     extents, p50/p99 with 1 domain existing and with 1000 existing
 *     (targets p50 <= 1 ms, p50@1000 <= 1.5x p50@1);
 *   - getdomaininfolist of 1000 domains (target <= 2 ms);
 *   - destroy of a 1 GiB domain whose memory was all written, scrub
 *     included (target <= 5 ms);
 *   - the hypervisor's resident memory per domain, before/after 1000
 *     domains (target <= 64 KiB).  Guest memory lives in the hypervisor's
 *     memfd; the domains' pages are never written here, so the memfd stays
 *     sparse and VmRSS counts the hypervisor's own bookkeeping.
 */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenguest.h>
#include "bench-time.h"
#include "hvfix.h"

#define MANY 1000
#define REPS 300
#define LIST_REPS 200
#define BIG_REPS 3
#define RMA_LOG 26
#define EXTENT_MIB 64
#define BIG_MIB 1024
/* 1000 x 128 MiB plus the 1 GiB domain and dom0, sparse. */
#define MACHINE "160G"

static xc_interface *xch;

static double pct_us(uint64_t *v, int n, int p)
{
	return bench_pct(v, (size_t)n, (unsigned)p) / 1e3;
}

/* A domain of 64 MiB RMA + mib MiB of 16 MiB extents. */
static int make(uint32_t mib, uint32_t *domid)
{
	uint64_t rma = 1ULL << (RMA_LOG - XEN_PAGE_SHIFT), n = mib / 16;
	xen_pfn_t pfns[BIG_MIB / 16];

	*domid = 0;
	if (xc_domain_create(xch, 0, NULL, 0, RMA_LOG, domid) < 0 ||
	    xc_domain_setmaxmem(xch, *domid, (64ULL + mib) * 1024) < 0)
		return -1;
	for (uint64_t i = 0; i < n; i++)
		pfns[i] = rma + (i << XENPPC_EXTENT_ORDER);
	return xc_domain_memory_populate_physmap(xch, *domid, n, XENPPC_EXTENT_ORDER, 0, pfns);
}

/*
 * Poll physinfo until the background scrubber has finished.  The pause
 * between polls keeps us from taking CPU from the scrubber on a loaded
 * machine; it bounds the timing error to about SCRUB_POLL_US.
 */
#define SCRUB_POLL_US 100
static int wait_scrubbed(void)
{
	xc_physinfo_t pi;

	for (;;) {
		if (xc_physinfo(xch, &pi) < 0)
			return -1;
		if (pi.scrub_pages == 0)
			return 0;
		usleep(SCRUB_POLL_US);
	}
}

/* Unmeasured rounds first, so both phases start warm. */
#define WARM 50
static int create_destroy(uint64_t *t)
{
	for (int i = -WARM; i < REPS; i++) {
		uint32_t domid;
		uint64_t t0 = bench_now_ns();
		if (make(EXTENT_MIB, &domid) < 0 || xc_domain_destroy(xch, domid) < 0)
			return -1;
		if (i >= 0)
			t[i] = bench_now_ns() - t0;
	}
	return wait_scrubbed();
}

static int list_many(uint64_t *t)
{
	static xc_dominfo_t info[MANY + 8];
	for (int i = 0; i < LIST_REPS; i++) {
		uint64_t t0 = bench_now_ns();
		if (xc_domain_getinfolist(xch, 0, MANY + 8, info) != MANY + 1)
			return -1;
		t[i] = bench_now_ns() - t0;
	}
	return 0;
}


/*
 * Time the destroy of a 1 GiB domain, all written or never touched: the
 * call itself (t) and until its memory is scrubbed and free again (ts).
 */
static int destroy_big(uint64_t *t, uint64_t *ts, int write)
{
	static uint8_t chunk[1 << 20];
	memset(chunk, 0xa5, sizeof(chunk));
	for (int i = 0; i < BIG_REPS; i++) {
		uint32_t domid;
		if (make(BIG_MIB - 64, &domid) < 0)
			return -1;
		for (uint64_t a = 0; write && a < (uint64_t)BIG_MIB << 20; a += sizeof(chunk))
			if (xc_guest_memory_write(xch, domid, a, chunk, sizeof(chunk)) < 0)
				return -1;
		if (wait_scrubbed() < 0)
			return -1;
		uint64_t t0 = bench_now_ns();
		if (xc_domain_destroy(xch, domid) < 0)
			return -1;
		t[i] = bench_now_ns() - t0;
		if (wait_scrubbed() < 0)
			return -1;
		ts[i] = bench_now_ns() - t0;
	}
	return 0;
}

/*
 * The scrub baseline, in the same run: punching a hole over 1 GiB of a
 * written memfd, which is what the hypervisor's scrub does.
 */
static int punch_baseline(uint64_t *t)
{
	size_t sz = (size_t)BIG_MIB << 20;
	int fd = memfd_create("libxc-bench", MFD_CLOEXEC);
	uint8_t *p;

	if (fd < 0 || ftruncate(fd, (off_t)sz) != 0)
		return -1;
	p = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		close(fd);
		return -1;
	}
	for (int i = 0; i < BIG_REPS; i++) {
		memset(p, 0xa5, sz);
		uint64_t t0 = bench_now_ns();
		if (fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, (off_t)sz) != 0)
			return -1;
		t[i] = bench_now_ns() - t0;
	}
	munmap(p, sz);
	close(fd);
	return 0;
}

static int run(struct hvfix *hv)
{
	static uint64_t t1[REPS], tm[REPS], tl[LIST_REPS], tb[BIG_REPS], tbs[BIG_REPS];
	static uint64_t tu[BIG_REPS], tus[BIG_REPS], tp[BIG_REPS];
	static uint32_t ids[MANY];
	long rss0, rss1;

	if (create_destroy(t1) < 0 || destroy_big(tb, tbs, 1) < 0 ||
	    destroy_big(tu, tus, 0) < 0 || punch_baseline(tp) < 0 || wait_scrubbed() < 0)
		return -1;
	rss0 = hv_rss_kb(hv);
	for (int i = 0; i < MANY; i++)
		if (make(EXTENT_MIB, &ids[i]) < 0)
			return -1;
	rss1 = hv_rss_kb(hv);
	if (list_many(tl) < 0 || create_destroy(tm) < 0)
		return -1;
	double c1 = pct_us(t1, REPS, 50), cm = pct_us(tm, REPS, 50);
	printf("create+destroy (64M RMA + 64M extents), 1 domain:     p50 %.1f us  p99 %.1f us  (target p50 <= 1000 us)\n",
	       c1, pct_us(t1, REPS, 99));
	printf("create+destroy (64M RMA + 64M extents), %d domains: p50 %.1f us  p99 %.1f us\n",
	       MANY, cm, pct_us(tm, REPS, 99));
	printf("create+destroy ratio p50@%d / p50@1: %.2fx  (target <= 1.5x)\n", MANY, cm / c1);
	printf("getdomaininfolist of %d domains: p50 %.1f us  p99 %.1f us  (target <= 2000 us)\n",
	       MANY + 1, pct_us(tl, LIST_REPS, 50), pct_us(tl, LIST_REPS, 99));
	printf("destroy of a written 1 GiB domain: call p50 %.1f us; until scrubbed p50 %.1f us  max %.1f us  (target <= 5000 us)\n",
	       pct_us(tb, BIG_REPS, 50), pct_us(tbs, BIG_REPS, 50), pct_us(tbs, BIG_REPS, 99));
	printf("baseline: punching a hole over 1 GiB of written memfd: p50 %.1f us  (scrub / baseline %.2fx)\n",
	       pct_us(tp, BIG_REPS, 50), pct_us(tbs, BIG_REPS, 50) / pct_us(tp, BIG_REPS, 50));
	printf("destroy of an untouched 1 GiB domain: call p50 %.1f us; until scrubbed p50 %.1f us  max %.1f us\n",
	       pct_us(tu, BIG_REPS, 50), pct_us(tus, BIG_REPS, 50), pct_us(tus, BIG_REPS, 99));
	printf("hypervisor VmRSS: %ld KiB before, %ld KiB after %d domains: %.1f KiB/domain  (target <= 64)\n",
	       rss0, rss1, MANY, (double)(rss1 - rss0) / MANY);
	for (int i = 0; i < MANY; i++)
		xc_domain_destroy(xch, ids[i]);
	return 0;
}

int main(void)
{
	struct hvfix hv;
	int rc = 1;

	if (hv_start(&hv, MACHINE, NULL) != 0)
		return 1;
	xch = xc_interface_open(NULL, 0);
	if (xch && run(&hv) == 0)
		rc = 0;
	else
		fprintf(stderr, "libxc-domains: %s\n", xch ? xc_get_last_error(xch)->message : "open failed");
	xc_interface_close(xch);
	hv_stop(&hv);
	return rc;
}
