/*
 * xencomm-copy: what walking a descriptor costs compared with memcpy.
 *
 * For each size, a buffer in a window is described exactly as a tool would
 * (one descriptor per XENCOMM_MAX_BYTES, each in its own page), then the
 * walker copies it out (copy_from_guest) and back in (copy_to_guest); the
 * baseline is a plain memcpy of the same bytes between the same buffers, in
 * the same run.  Each figure is the best of several timed rounds, since
 * the machine is shared.  Also times building the descriptors of 64 MiB.
 * Target (issue 4): walker >= 0.8x memcpy throughput at 64 KiB and above.
 *
 * Usage: xencomm-copy [-q]   (-q: one round, for a quick smoke run)
 * Build without sanitizers (e.g. configure without --enable-sanitizers)
 * for figures that mean anything.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "testwin.h"

#define PG             ((uint64_t)XEN_PAGE_SIZE)
#define BENCH_GPA      0x100000000ULL   /* window base: 4 GiB */
#define BENCH_ROUNDS   7                /* best of this many */
#define BENCH_MIN_BYTES (64ULL << 20)   /* bytes copied per timed sample */
#define BENCH_TARGET   0.8
#define BENCH_MAX_SIZE (64ULL << 20)
#define BENCH_MAX_DESCS ((BENCH_MAX_SIZE + XENCOMM_MAX_BYTES - 1) / XENCOMM_MAX_BYTES)

static const uint64_t sizes[] = { 4ULL << 10, 64ULL << 10, 1ULL << 20, 64ULL << 20 };

struct bench {
	struct testwin tw;
	uint8_t *mem;           /* window: descriptor pages, then the buffer */
	uint8_t *buf;           /* the buffer inside the window */
	uint8_t *dst;           /* hypervisor-side memory */
	uint64_t handle[BENCH_MAX_DESCS];
	uint64_t chunk[BENCH_MAX_DESCS];
	uint32_t nr;
	volatile uint64_t sink; /* keeps the copies from being optimised out */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Describe buf[0..len) as a tool does: one descriptor per MAX_BYTES chunk. */
static int describe(struct bench *b, uint64_t len)
{
	uint64_t done = 0;
	int rc;

	b->nr = 0;
	while (done < len) {
		uint64_t n = len - done < XENCOMM_MAX_BYTES ? len - done : XENCOMM_MAX_BYTES;

		rc = xencomm_build(&b->tw.w, b->buf + done, n, b->mem + b->nr * PG, PG,
		                   &b->handle[b->nr]);
		if (rc < 0)
			return rc;
		b->chunk[b->nr++] = n;
		done += n;
	}
	return 0;
}

static int walk(struct bench *b, int to_guest)
{
	uint64_t done = 0;
	uint32_t i;
	int rc = 0;

	for (i = 0; i < b->nr && rc == 0; i++) {
		if (to_guest)
			rc = xencomm_copy_to_guest(&b->tw.g, b->handle[i], 0, b->dst + done, b->chunk[i]);
		else
			rc = xencomm_copy_from_guest(&b->tw.g, b->dst + done, b->handle[i], 0, b->chunk[i]);
		done += b->chunk[i];
	}
	return rc;
}

enum what { MEMCPY, WALK_FROM, WALK_TO, NR_WHAT };

/* Seconds per copy of len bytes, best of rounds. */
static double time_one(struct bench *b, enum what w, uint64_t len, int rounds)
{
	uint64_t reps = BENCH_MIN_BYTES / len ? BENCH_MIN_BYTES / len : 1, r;
	double best = 1e30;
	int k;

	for (k = 0; k < rounds; k++) {
		double t = now();

		for (r = 0; r < reps; r++) {
			if (w == MEMCPY)
				memcpy(b->dst, b->buf, (size_t)len);
			else if (walk(b, w == WALK_TO) < 0)
				return -1;
			b->sink += b->dst[r % len];
		}
		t = (now() - t) / (double)reps;
		if (t < best)
			best = t;
	}
	return best;
}

static void print_size(uint64_t len)
{
	if (len >= (1ULL << 20))
		printf("%4" PRIu64 " MiB", len >> 20);
	else
		printf("%4" PRIu64 " KiB", len >> 10);
}

/* Time building the descriptors of the largest buffer. */
static int bench_build(struct bench *b, int rounds)
{
	double best = 1e30;
	int k;

	for (k = 0; k < rounds * 4; k++) {
		double t = now();

		if (describe(b, BENCH_MAX_SIZE) < 0)
			return -1;
		t = now() - t;
		if (t < best)
			best = t;
	}
	printf("build 64 MiB: %" PRIu32 " descriptors, %" PRIu64 " entries in %.1f us"
	       " (%.2f ns per page)\n", b->nr, (uint64_t)(BENCH_MAX_SIZE / PG), best * 1e6,
	       best * 1e9 / (double)(BENCH_MAX_SIZE / PG));
	return 0;
}

int main(int argc, char **argv)
{
	uint64_t win = BENCH_MAX_DESCS * PG + BENCH_MAX_SIZE;
	int rounds = argc > 1 && strcmp(argv[1], "-q") == 0 ? 1 : BENCH_ROUNDS, met = 1;
	static struct bench b;
	size_t i;

	b.mem = testwin_alloc(win);
	b.dst = testwin_alloc(BENCH_MAX_SIZE);
	if (b.mem == NULL || b.dst == NULL) {
		fprintf(stderr, "xencomm-copy: out of memory\n");
		return 1;
	}
	testwin_init(&b.tw, b.mem, BENCH_GPA, win);
	b.buf = b.mem + BENCH_MAX_DESCS * PG;
	memset(b.buf, 0x5a, (size_t)BENCH_MAX_SIZE);
	printf("xencomm-copy: walker vs memcpy, best of %d rounds\n", rounds);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		uint64_t len = sizes[i];
		double t[NR_WHAT];
		int w;

		if (describe(&b, len) < 0)
			return 1;
		for (w = 0; w < NR_WHAT; w++)
			if ((t[w] = time_one(&b, (enum what)w, len, rounds)) < 0)
				return 1;
		print_size(len);
		printf(": memcpy %6.2f GB/s  walk-from %6.2f GB/s (%.2fx)  walk-to %6.2f GB/s (%.2fx)\n",
		       (double)len / t[MEMCPY] / 1e9, (double)len / t[WALK_FROM] / 1e9,
		       t[MEMCPY] / t[WALK_FROM], (double)len / t[WALK_TO] / 1e9, t[MEMCPY] / t[WALK_TO]);
		if (len >= (64ULL << 10) && (t[MEMCPY] / t[WALK_FROM] < BENCH_TARGET ||
		                            t[MEMCPY] / t[WALK_TO] < BENCH_TARGET))
			met = 0;
	}
	if (bench_build(&b, rounds) < 0)
		return 1;
	printf("target walker >= %.1fx memcpy at 64 KiB and above: %s\n", BENCH_TARGET,
	       met ? "met" : "NOT met");
	free(b.mem);
	free(b.dst);
	return 0;
}
