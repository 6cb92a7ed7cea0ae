/*
 * RMA availability after ageing (issue 5 benchmark).
 *
 * A 16 GiB machine runs random creates and destroys of domains of mixed
 * sizes (an RMA of 64, 128 or 256 MiB plus extents: 16 MiB ones and smaller
 * ones for the remainder) around 75% occupancy until it reaches a steady
 * state.  At each checkpoint we count how many 64 MiB RMAs could still be
 * placed, as a fraction of free memory / 64 MiB: 100% means free memory is
 * not fragmented at all for RMA purposes.  The same operation sequence runs
 * against our placement policy and against a plain first-fit buddy.
 * Target: >= 95% for ours.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buddy.h"
#include "log.h"

#define MACHINE_PAGES (4ULL << 20)     /* 16 GiB */
#define RMA64_ORDER 14
#define EXTENT_ORDER 12
#define MAX_DOMS 512
#define MAX_BLOCKS 128
#define STEPS 40000
#define WARMUP 10000
#define CHECK_EVERY 500
#define TARGET_USED (MACHINE_PAGES * 3 / 4)

struct block { uint64_t mfn; unsigned order; };
struct dom { unsigned nr; struct block b[MAX_BLOCKS]; uint64_t pages; };

static uint64_t rng;
static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13; rng ^= rng >> 7; rng ^= rng << 17;
	return (uint32_t)((rng >> 11) % n);
}

static void destroy(struct buddy *b, struct dom *d)
{
	for (unsigned i = 0; i < d->nr; i++)
		buddy_free(b, d->b[i].mfn, d->b[i].order);
	d->nr = 0;
	d->pages = 0;
}

/* RMA first; then extents of 16 MiB and a smaller tail.  0 or -1 (undone). */
static int create(struct buddy *b, struct dom *d)
{
	static const unsigned rma_orders[] = { 14, 14, 14, 14, 14, 14, 15, 16 };
	unsigned rma = rma_orders[rnd(8)];
	uint64_t total = (1ULL << rma) + (uint64_t)rnd(256) * 1024;   /* + up to 1 GiB, 4 MiB steps */
	uint64_t left = total - (1ULL << rma);

	d->nr = 0;
	d->pages = 0;
	if (buddy_alloc(b, rma, BUDDY_RMA, 1, &d->b[0].mfn) != 0)
		return -1;
	d->b[d->nr++].order = rma;
	while (left > 0 && d->nr < MAX_BLOCKS) {
		unsigned o = EXTENT_ORDER;
		while ((1ULL << o) > left)
			o--;
		if (buddy_alloc_near(b, o, BUDDY_EXTENT, 1, d->b[d->nr - 1].mfn, left,
		                     &d->b[d->nr].mfn) != 0) {
			destroy(b, d);
			return -1;
		}
		d->b[d->nr++].order = o;
		left -= 1ULL << o;
	}
	d->pages = total;
	return 0;
}

struct result { double frac_sum; unsigned checks; double frac_min; unsigned failed_creates; };

static struct result run(enum buddy_policy policy, uint64_t seed)
{
	static struct dom doms[MAX_DOMS];
	struct buddy b;
	struct result r = { 0, 0, 1.0, 0 };
	uint64_t used = 0;

	rng = seed;
	memset(doms, 0, sizeof(doms));
	if (buddy_init(&b, MACHINE_PAGES, policy) != 0) {
		fprintf(stderr, "buddy_init failed\n");
		exit(1);
	}
	for (unsigned step = 0; step < STEPS; step++) {
		struct dom *d = &doms[rnd(MAX_DOMS)];
		if (d->nr) {
			if (used > TARGET_USED || rnd(2) == 0) {
				used -= d->pages;
				destroy(&b, d);
			}
		} else if (used < TARGET_USED) {
			if (create(&b, d) == 0)
				used += d->pages;
			else if (step >= WARMUP)
				r.failed_creates++;
		}
		if (step >= WARMUP && step % CHECK_EVERY == 0 && b.free_pages >= (1ULL << RMA64_ORDER)) {
			double ideal = (double)(b.free_pages >> RMA64_ORDER);
			double frac = (double)buddy_placeable(&b, RMA64_ORDER) / ideal;
			r.frac_sum += frac;
			r.checks++;
			if (frac < r.frac_min)
				r.frac_min = frac;
		}
	}
	buddy_fini(&b);
	return r;
}

int main(void)
{
	const uint64_t seeds[] = { 0x1234567ULL, 0xdeadbeefULL, 0x5eed5eedULL };
	double ours = 0, base = 0, ours_min = 1, base_min = 1;
	unsigned ours_fail = 0, base_fail = 0;

	hv_log_set_level(HV_LOG_ERR);
	for (unsigned i = 0; i < 3; i++) {
		struct result p = run(BUDDY_POLICY_PACK, seeds[i]);
		struct result f = run(BUDDY_POLICY_FIRST_FIT, seeds[i]);
		ours += p.frac_sum / p.checks / 3;
		base += f.frac_sum / f.checks / 3;
		ours_min = p.frac_min < ours_min ? p.frac_min : ours_min;
		base_min = f.frac_min < base_min ? f.frac_min : base_min;
		ours_fail += p.failed_creates;
		base_fail += f.failed_creates;
	}
	printf("hv-rma-ageing: 16 GiB machine, %u steps x 3 seeds, ~75%% occupied\n", STEPS);
	printf("  placeable 64 MiB RMAs / (free / 64 MiB):\n");
	printf("    pack policy (ours):  mean %.1f%%  min %.1f%%  failed creates %u\n",
	       ours * 100, ours_min * 100, ours_fail);
	printf("    first-fit baseline:  mean %.1f%%  min %.1f%%  failed creates %u\n",
	       base * 100, base_min * 100, base_fail);
	printf("  ratio ours/baseline: %.2f  (target: ours >= 95%%: %s)\n", ours / base,
	       ours >= 0.95 ? "met" : "NOT met");
	return 0;
}
