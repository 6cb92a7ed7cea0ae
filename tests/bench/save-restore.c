/*
 * Save and restore of a 256 MiB domain (64 MiB RMA + 192 MiB extents) with
 * 25% of its pages non-zero, against a real xenppc-hv, all figures from one
 * run: save and restore times (targets <= 60 ms each), the stream size
 * against the raw memory, raw (the default) and compressed with zlib
 * (XC_SAVE_COMPRESS), with the non-zero pages in runs ("clustered": 64 of every 256 pages, as
 * kernels, page caches and heaps fill memory) and spread out ("scattered":
 * every 4th page, the worst case for zero-run skipping).  Page contents are
 * kgen_fill()'s machine-code-like words, which compress about 2x.  Streams
 * go to a memfd, so disk speed does not count; each save is timed into a
 * new (truncated) file, the headline, and again into the file as it is
 * (its pages already allocated), which leaves out the host's page-cache
 * allocation for the stream.  The first save of a domain is printed too:
 * a domain is usually saved once, and what the host has not yet mapped or
 * cached for it (a hypervisor reading the pages through its own mapping,
 * say) shows there and not in the median.
 *
 * Times are the median and the best of REPS runs, wall clock (what a
 * caller waits: save and restore use two threads, and the hypervisor is a
 * third process) and CPU (client and hypervisor together).  The ratio to
 * the target is the median wall time's.  For each layout the bench also
 * times, on one core and in memory, what the stream's work costs without
 * any hypercall, on the same pages in the same 256-page batches: CRC-32
 * (zlib's and the stream's xg_crc32), zlib deflate at level 1 (the save's
 * strategy, and Z_RLE for comparison), inflate, writing and reading the
 * raw stream's bytes through a memfd, and writing the pages into fresh
 * sparse memory as a restore does.  These are floors: save with zlib
 * cannot beat deflate's time divided by the two writer threads, a raw
 * save the stream's write, a restore the pages' writes.
 *
 * The raw series are then run again on a second hypervisor started with
 * --boot-scrub, whose memory stays present as a real machine's does: the
 * restore's writes no longer pay the host's first-touch allocation, which
 * is most of a restore on the default sparse machine (its floor above).
 *
 * Words on the command line pick series, e.g. "scattered raw" (profiling).
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include <xenctrl.h>
#include <xenguest.h>
#include "bench-hv.h"
#include "bench-time.h"
#include "xg_crc32.h"
#include "hvfix.h"
#include "kgen.h"

#define REPS 5
#define RMA_LOG 26
#define MEM (256ULL << 20)
#define PAGES (MEM / 4096)
#define TARGET_MS 60.0
#define FIRST_DATA_PAGE 256ULL       /* above the test kernel */

static pid_t hv_pid;

/*
 * What an operation costs in CPU: every client thread (save and restore run
 * helper threads) plus the hypervisor's main thread, which answers the
 * hypercalls.
 */
static uint64_t both_cpu_ns(void)
{
	return bench_self_cpu_ns() + bench_pid_cpu_ns(hv_pid);
}

static double median_ms(uint64_t *v, int n)
{
	return bench_pct(v, (size_t)n, 50) / 1e6;
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

static double best_ms(const uint64_t *v, int n)
{
	uint64_t b = v[0];
	int i;

	for (i = 1; i < n; i++)
		if (v[i] < b)
			b = v[i];
	return b / 1e6;
}

/* "median (best) ms wall = ratio, CPU ms" for one operation. */
static void print_times(const char *op, uint64_t *wall, uint64_t *cpu)
{
	double best = best_ms(wall, REPS), med = median_ms(wall, REPS);

	printf("  %s %6.1f ms wall (best %6.1f) = %.2fx target, %6.1f ms CPU", op, med, best,
	       med / TARGET_MS, median_ms(cpu, REPS));
}

/*
 * REPS saves into fd, timed into wall[] and cpu[]; scrubbed: wait for the
 * hypervisor's scrub worker before each.  fresh: into a new file (truncated
 * first), the headline; else over the file as it is, whose pages exist
 * already: the difference is the host giving the stream new page-cache
 * pages (on this VM the most variable part of a save), and what is left
 * is the toolstack's own cost.  The stream's size, or -1.
 */
static off_t saves(xc_interface *xch, int fd, uint32_t domid, uint32_t flags, int scrubbed,
		   int fresh, uint64_t *wall, uint64_t *cpu)
{
	int i, rc = 0;

	for (i = 0; rc == 0 && i < REPS; i++) {
		if ((fresh && ftruncate(fd, 0) < 0) || lseek(fd, 0, SEEK_SET) < 0 ||
		    (scrubbed && bench_wait_scrubbed(xch, "save-restore") < 0))
			return -1;
		uint64_t c0 = both_cpu_ns(), t0 = bench_now_ns();
		rc = xc_domain_save(xch, fd, domid, flags, NULL, NULL);
		wall[i] = bench_now_ns() - t0;
		cpu[i] = both_cpu_ns() - c0;
	}
	return rc < 0 ? -1 : lseek(fd, 0, SEEK_CUR);
}

static int series(xc_interface *xch, uint32_t domid, uint32_t flags, const char *what, int scrubbed)
{
	uint64_t ts[REPS], tr[REPS], cs[REPS], cr[REPS], to[REPS], co[REPS], t0, c0;
	int fd = memfd_create("stream", 0), i, rc = fd < 0 ? -1 : 0;
	off_t size = rc < 0 ? -1 : saves(xch, fd, domid, flags, scrubbed, 1, ts, cs);
	uint32_t nd;

	rc = size < 0 ? -1 : 0;
	for (i = 0; rc == 0 && i < REPS; i++) {
		if (lseek(fd, 0, SEEK_SET) < 0 || (scrubbed && bench_wait_scrubbed(xch, "save-restore") < 0)) {
			rc = -1;
			break;
		}
		c0 = both_cpu_ns();
		t0 = bench_now_ns();
		rc = xc_domain_restore(xch, fd, &nd, XC_RESTORE_NO_NAME, NULL, NULL);
		tr[i] = bench_now_ns() - t0;
		cr[i] = both_cpu_ns() - c0;
		if (rc == 0)
			xc_domain_destroy(xch, nd);
	}
	if (rc == 0 && saves(xch, fd, domid, flags, scrubbed, 0, to, co) < 0)
		rc = -1;
	if (fd >= 0)
		close(fd);
	if (rc < 0) {
		fprintf(stderr, "save-restore: %s\n", xc_get_last_error(xch)->message);
		return -1;
	}
	printf("%s:\n", what);
	print_times("save   ", ts, cs);
	printf(" (into a new file; the domain's first save %.1f ms)\n", ts[0] / 1e6);
	print_times("save   ", to, co);
	printf(" (the file's pages already there)\n");
	print_times("restore", tr, cr);
	printf("\n  stream %.2f MiB = %.1f%% of the 256 MiB memory, %.1f%% of the 64 MiB of non-zero data\n",
	       size / 1048576.0, 100.0 * (double)size / MEM, 100.0 * (double)size / (MEM / 4));
	return 0;
}

static uint64_t cpu_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* The non-zero pages of each 256-page batch, packed as a save packs them. */
struct batches {
	uint8_t *data;               /* all batches back to back */
	size_t len[PAGES / 256];
	size_t nr, total;
};

static int gather(xc_interface *xch, uint32_t domid, struct batches *b)
{
	uint8_t *mem = malloc(MEM), *zmap = malloc(PAGES / 8);
	uint64_t g;
	int rc = -1;

	memset(b, 0, sizeof(*b));
	if (mem && zmap && (b->data = malloc(MEM)) != NULL &&
	    xc_guest_memory_read_nonzero(xch, domid, 0, mem, MEM, zmap) >= 0) {
		for (g = 0; g < PAGES; g++) {
			if (g % 256 == 0 && (b->nr == 0 || b->len[b->nr - 1] > 0))
				b->len[b->nr++] = 0;
			if (zmap[g / 8] >> (g % 8) & 1)
				continue;
			memcpy(b->data + b->total, mem + g * 4096, 4096);
			b->total += 4096;
			b->len[b->nr - 1] += 4096;
		}
		rc = 0;
	}
	free(mem);
	free(zmap);
	return rc;
}

/* CPU ms to deflate every batch (level 1, strategy), compressed bytes in *out. */
static double deflate_ms(const struct batches *b, int strategy, uint8_t *dst, size_t *dlen,
                         size_t *out)
{
	z_stream z;
	uint64_t c0;
	size_t i, off = 0;

	memset(&z, 0, sizeof(z));
	*out = 0;
	if (deflateInit2(&z, Z_BEST_SPEED, Z_DEFLATED, 15, 8, strategy) != Z_OK)
		return -1;
	c0 = cpu_now_ns();
	for (i = 0; i < b->nr; off += b->len[i], i++) {
		deflateReset(&z);
		z.next_in = b->data + off;
		z.avail_in = (uInt)b->len[i];
		z.next_out = dst + *out;
		z.avail_out = (uInt)(b->len[i] + 4096);
		if (deflate(&z, Z_FINISH) != Z_STREAM_END)
			break;
		dlen[i] = z.total_out;
		*out += z.total_out;
	}
	c0 = cpu_now_ns() - c0;
	deflateEnd(&z);
	return i == b->nr ? c0 / 1e6 : -1;
}

static double inflate_ms(const struct batches *b, const uint8_t *src, const size_t *slen,
                         uint8_t *dst)
{
	z_stream z;
	uint64_t c0;
	size_t i, off = 0;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return -1;
	c0 = cpu_now_ns();
	for (i = 0; i < b->nr; off += slen[i], i++) {
		inflateReset(&z);
		z.next_in = (uint8_t *)src + off;
		z.avail_in = (uInt)slen[i];
		z.next_out = dst;
		z.avail_out = (uInt)b->len[i];
		if (inflate(&z, Z_FINISH) != Z_STREAM_END)
			break;
	}
	c0 = cpu_now_ns() - c0;
	inflateEnd(&z);
	return i == b->nr ? c0 / 1e6 : -1;
}

/* Write the packed pages through a memfd and read them back: wall ms each. */
static int memfd_ms(const struct batches *b, uint8_t *scratch, double *w, double *r)
{
	int fd = memfd_create("floor", 0);
	uint64_t t0;
	size_t off;
	int ok = fd >= 0;

	t0 = bench_now_ns();
	for (off = 0; ok && off < b->total; off += 1 << 20)
		ok = write(fd, b->data + off, b->total - off < (1 << 20) ? b->total - off : 1 << 20) > 0;
	*w = (bench_now_ns() - t0) / 1e6;
	t0 = bench_now_ns();
	for (off = 0; ok && off < b->total; off += 1 << 20)
		ok = pread(fd, scratch, 1 << 20, (off_t)off) > 0;
	*r = (bench_now_ns() - t0) / 1e6;
	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

/*
 * Wall ms to write the layout's pages, run by run as restore does, into a
 * fresh sparse memfd the size of the domain: what the host charges for
 * memory a process touches first (allocating and zeroing each page), which
 * a restore into the default sparse machine pays on top of the copy.
 */
static double fresh_memory_ms(const struct batches *b, int scattered)
{
	int fd = memfd_create("fresh", 0);
	const uint8_t *src = b->data;
	uint64_t g, n, t0;
	int ok = fd >= 0 && ftruncate(fd, (off_t)MEM) == 0;

	t0 = bench_now_ns();
	for (g = 0; ok && g < PAGES; g += n ? n : 1) {
		for (n = 0; g + n < PAGES && is_data(g + n, scattered); n++)
			;
		if (n > 0) {
			ok = pwrite(fd, src, n * 4096, (off_t)(g * 4096)) == (ssize_t)(n * 4096);
			src += n * 4096;
		}
	}
	t0 = bench_now_ns() - t0;
	if (fd >= 0)
		close(fd);
	return ok ? t0 / 1e6 : -1;
}

/* The floors of one layout (see the top of the file). */
static int floors(xc_interface *xch, uint32_t domid, const char *layout, int scattered)
{
	struct batches *b = malloc(sizeof(*b));
	uint8_t *z = malloc(MEM / 2 + MEM / 8), *scratch = malloc(1 << 20);
	size_t *zl = calloc(PAGES / 256, sizeof(*zl)), zdef = 0, zrle = 0;
	double crc_ms, xcrc_ms, d1, drle, inf, fresh, wr = 0, rd = 0;
	uint64_t c0;
	int rc = -1;

	if (b && z && scratch && zl && gather(xch, domid, b) == 0) {
		c0 = cpu_now_ns();
		(void)crc32(0L, b->data, (uInt)b->total);
		crc_ms = (cpu_now_ns() - c0) / 1e6;
		c0 = cpu_now_ns();
		(void)xg_crc32(0, b->data, b->total);
		xcrc_ms = (cpu_now_ns() - c0) / 1e6;
		drle = deflate_ms(b, Z_RLE, z, zl, &zrle);
		d1 = deflate_ms(b, Z_DEFAULT_STRATEGY, z, zl, &zdef);
		inf = inflate_ms(b, z, zl, scratch);
		fresh = fresh_memory_ms(b, scattered);
		if (d1 >= 0 && drle >= 0 && inf >= 0 && fresh >= 0 &&
		    memfd_ms(b, scratch, &wr, &rd) == 0) {
			printf("%s floors, one core, in memory, the same %zu batches (%.1f MiB):\n"
			       "  CRC-32: zlib's crc32 %.1f ms, xg_crc32 (the stream's, %s) %.1f ms;"
			       " the raw stream's bytes through a memfd: write %.1f ms, read %.1f ms\n"
			       "  zlib level 1: deflate %.1f ms -> %.1f%% (save's; / 2 writer threads = %.1f ms),"
			       " Z_RLE %.1f ms -> %.1f%%; inflate %.1f ms (/ 2 threads = %.1f ms)\n"
			       "  the pages written run by run into fresh sparse memory (a restore's"
			       " writes on this host): %.1f ms\n",
			       layout, b->nr, b->total / 1048576.0, crc_ms,
			       xg_crc32_accelerated() ? "carry-less multiply" : "zlib's", xcrc_ms, wr, rd, d1,
			       100.0 * zdef / b->total, d1 / 2, drle, 100.0 * zrle / b->total, inf, inf / 2,
			       fresh);
			rc = 0;
		}
	}
	if (b)
		free(b->data);
	free(b);
	free(z);
	free(scratch);
	free(zl);
	return rc;
}

/*
 * What the event-channel scan of a save cost before EVTCHNOP_status_list:
 * one EVTCHNOP_status call per port.  Save now makes one status_list call,
 * about the cost of one status call.
 */
static void evtchn_scan_cost(xc_interface *xch, uint32_t domid)
{
	xc_evtchn_status_t st;
	uint64_t t0 = bench_now_ns(), c0 = both_cpu_ns();
	uint32_t port;

	for (port = 1; port < XENPPC_NR_EVENT_CHANNELS; port++)
		if (xc_evtchn_status(xch, domid, port, &st) < 0)
			return;
	printf("event channels: %u EVTCHNOP_status calls (save's old scan) %.2f ms wall, %.2f ms CPU;"
	       " save now makes one EVTCHNOP_status_list call\n",
	       XENPPC_NR_EVENT_CHANNELS - 1, (bench_now_ns() - t0) / 1e6, (both_cpu_ns() - c0) / 1e6);
}

/* /proc/loadavg's first three fields and a newline (the machine may be shared). */
static const char *loadavg(void)
{
	static char buf[64];
	double a = 0, b = 0, c = 0;
	FILE *f = fopen("/proc/loadavg", "r");

	if (f == NULL || fscanf(f, "%lf %lf %lf", &a, &b, &c) != 3)
		snprintf(buf, sizeof(buf), "unknown\n");
	else
		snprintf(buf, sizeof(buf), "%.2f %.2f %.2f\n", a, b, c);
	if (f)
		fclose(f);
	return buf;
}

/* Words on the command line pick series, e.g. "scattered raw" to profile one. */
static int selected(int argc, char **argv, const char *what)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strstr(what, argv[i]) == NULL)
			return 0;
	return 1;
}

/* Start a hypervisor (bench_open_hv) and note its pid for both_cpu_ns. */
static xc_interface *open_hv(struct hvfix *hv, const char *const *extra)
{
	xc_interface *xch = bench_open_hv(hv, extra);

	hv_pid = hv->pid;
	return xch;
}

/*
 * Every series of one layout on the default (sparse) machine: raw, zlib,
 * and the floors.
 */
static int sparse_layout(xc_interface *xch, int argc, char **argv, int scattered)
{
	const char *d = scattered ? "scattered" : "clustered";
	char what[64];
	uint32_t domid;
	int rc = 0;

	if (make_guest(xch, scattered, &domid) < 0) {
		fprintf(stderr, "save-restore: guest: %s\n", xc_get_last_error(xch)->message);
		return -1;
	}
	if (!scattered)
		evtchn_scan_cost(xch, domid);
	snprintf(what, sizeof(what), "%s raw (the default)", d);
	if (selected(argc, argv, what))
		rc = series(xch, domid, 0, what, 0);
	snprintf(what, sizeof(what), "%s zlib (XC_SAVE_COMPRESS)", d);
	if (rc == 0 && selected(argc, argv, what))
		rc = series(xch, domid, XC_SAVE_COMPRESS, what, 0);
	if (rc == 0 && selected(argc, argv, d) && floors(xch, domid, d, scattered) < 0) {
		fprintf(stderr, "save-restore: floors: %s\n", xc_get_last_error(xch)->message);
		rc = -1;
	}
	xc_domain_destroy(xch, domid);
	return rc;
}

/*
 * The raw series again on a machine started with --boot-scrub, whose
 * memory stays present as a real machine's does (freed pages are zeroed in
 * place by the scrub worker, which each timed call waits for): there a
 * restore writes into memory the host has already given, where on the
 * default machine it pays the host's first-touch allocation.
 */
static int present_machine(int argc, char **argv)
{
	static const char *const extra[] = { "--boot-scrub", NULL };
	struct hvfix hv;
	xc_interface *xch = open_hv(&hv, extra);
	int rc = xch == NULL, scattered;

	for (scattered = 0; rc == 0 && scattered < 2; scattered++) {
		char what[80];
		uint32_t domid;
		snprintf(what, sizeof(what), "%s raw, present memory (--boot-scrub)",
		         scattered ? "scattered" : "clustered");
		if (!selected(argc, argv, what))
			continue;
		if (bench_wait_scrubbed(xch, "save-restore") < 0 || make_guest(xch, scattered, &domid) < 0) {
			fprintf(stderr, "save-restore: guest: %s\n", xc_get_last_error(xch)->message);
			rc = 1;
			break;
		}
		rc = series(xch, domid, 0, what, 1) < 0;
		xc_domain_destroy(xch, domid);
	}
	if (xch != NULL) {
		xc_interface_close(xch);
		hv_stop(&hv);
	}
	return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
	struct hvfix hv;
	xc_interface *xch;
	int rc = 0, scattered;

	if ((xch = open_hv(&hv, NULL)) == NULL)
		return 1;
	printf("save-restore: 256 MiB domain (64 MiB RMA + 192 MiB extents), 25%% of pages non-zero,"
	       " median and best of %d, targets %.0f ms; load average %s", REPS, TARGET_MS, loadavg());
	for (scattered = 0; rc == 0 && scattered < 2; scattered++)
		rc = sparse_layout(xch, argc, argv, scattered) < 0;
	xc_interface_close(xch);
	hv_stop(&hv);
	rc = rc || present_machine(argc, argv) < 0;
	printf("load average at the end: %s", loadavg());
	return rc;
}
