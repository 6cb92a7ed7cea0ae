/*
 * What a domain costs the hypervisor, measured on the real objects
 * (issue 5 benchmarks):
 *  - create + destroy of a domain with a 64 MiB RMA and 64 MiB of extents,
 *    p50/p99 with 1 domain existing and with 1000 existing
 *    (targets: p50 <= 1 ms, p50 at 1000 <= 1.5x p50 at 1);
 *  - destroy of a 1 GiB domain whose every page was written, scrub
 *    included (target <= 5 ms): the hypercall's share (queueing the blocks
 *    for the scrub worker) and, for the record, when the worker finished
 *    punching; and of an untouched one for comparison;
 *  - hypervisor heap per domain, guest memory excluded (target <= 64 KiB),
 *    from malloc statistics over 1000 domains.
 */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "log.h"

#define MACHINE_BYTES (136ULL << 30)   /* 1000 domains of 128 MiB fit (sparse) */
#define EXT_PAGES (1ULL << XENPPC_EXTENT_ORDER)
#define RMA_PAGES (1ULL << (XENPPC_RMA_LOG_DEFAULT - XEN_PAGE_SHIFT))
#define REPS 400
#define MANY 1000

static const uint8_t handle[16] = { 1, 2, 3 };

static void fail(const char *what)
{
	fprintf(stderr, "hv-domain-cost: %s failed\n", what);
	exit(1);
}

/* A domain as the builder makes one: RMA, max_mem, extents, one vcpu. */
static struct domain *make(struct hv *hv, uint64_t extra_pages)
{
	uint32_t id = 0;
	if (domain_create(hv, &id, 0, handle, 0, 0) != 0)
		fail("create");
	struct domain *d = domain_get(hv, id);
	d->max_pages = RMA_PAGES + extra_pages;
	for (uint64_t g = RMA_PAGES; g < RMA_PAGES + extra_pages; g += EXT_PAGES)
		if (mm_populate(hv, d, g, XENPPC_EXTENT_ORDER, RMA_PAGES + extra_pages - g) != 0)
			fail("populate");
	if (vcpu_set_max(hv, d, 1) != 0)
		fail("max_vcpus");
	return d;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void create_destroy(struct hv *hv, uint64_t *p50, uint64_t *p99)
{
	static uint64_t t[REPS];
	for (unsigned i = 0; i < REPS; i++) {
		uint64_t t0 = hv_now_ns();
		domain_destroy(hv, make(hv, 4 * EXT_PAGES));
		t[i] = hv_now_ns() - t0;
	}
	qsort(t, REPS, sizeof(t[0]), cmp_u64);
	*p50 = t[REPS / 2];
	*p99 = t[REPS * 99 / 100];
}

static uint64_t drain_ns[3];

static uint64_t destroy_1g(struct hv *hv, int touch, unsigned rep)
{
	struct domain *d = make(hv, (1ULL << 18) - RMA_PAGES);   /* 1 GiB in all */
	if (touch)
		for (uint32_t i = 0; i < d->p2m_nr; i++)
			for (uint64_t p = 0; p < (1ULL << d->p2m[i].order); p++)
				machine_page(&hv->mach, d->p2m[i].mfn + p)[p % 4096] = 0xa5;
	uint64_t t0 = hv_now_ns();
	domain_destroy(hv, d);
	uint64_t t1 = hv_now_ns();
	mm_scrub_sync(hv);           /* the worker's share, for the record */
	if (touch)
		drain_ns[rep] = hv_now_ns() - t0;
	return t1 - t0;
}

int main(void)
{
	struct hv hv;
	struct hv_config cfg;
	uint64_t p50_1, p99_1, p50_k, p99_k, touched[3], untouched[3];

	hv_log_set_level(HV_LOG_ERR);
	hv_config_default(&cfg);
	cfg.memory_bytes = MACHINE_BYTES;
	if (hv_init(&hv, &cfg) != 0)
		fail("hv_init");

	create_destroy(&hv, &p50_1, &p99_1);
	for (unsigned i = 0; i < 3; i++) {
		touched[i] = destroy_1g(&hv, 1, i);
		untouched[i] = destroy_1g(&hv, 0, i);
	}
	qsort(touched, 3, sizeof(touched[0]), cmp_u64);
	qsort(untouched, 3, sizeof(untouched[0]), cmp_u64);
	qsort(drain_ns, 3, sizeof(drain_ns[0]), cmp_u64);

	struct mallinfo2 m0 = mallinfo2();
	for (unsigned i = 0; i < MANY; i++)
		make(&hv, 4 * EXT_PAGES);
	struct mallinfo2 m1 = mallinfo2();
	double per_dom = (double)(m1.uordblks - m0.uordblks) / MANY;
	uint64_t meta = domain_meta_bytes(domain_get(&hv, 1));

	create_destroy(&hv, &p50_k, &p99_k);
	printf("hv-domain-cost:\n");
	printf("  create+destroy (64 MiB RMA + 64 MiB extents), 1 existing:    p50 %.1f us  p99 %.1f us\n",
	       p50_1 / 1e3, p99_1 / 1e3);
	printf("  create+destroy (64 MiB RMA + 64 MiB extents), 1001 existing: p50 %.1f us  p99 %.1f us\n",
	       p50_k / 1e3, p99_k / 1e3);
	printf("    ratio p50 at 1000 / at 1: %.2f (target <= 1.5; p50 target <= 1000 us)\n",
	       (double)p50_k / (double)p50_1);
	printf("  destroy of a 1 GiB domain, every page written:  median %.2f ms (target <= 5 ms)\n",
	       touched[1] / 1e6);
	printf("    scrub finished by the worker (hole punching) after median %.1f ms\n",
	       drain_ns[1] / 1e6);
	printf("  destroy of a 1 GiB domain, untouched:           median %.3f ms\n",
	       untouched[1] / 1e6);
	printf("  hypervisor heap per domain (1000 domains):  %.0f bytes (target <= 65536)\n", per_dom);
	printf("    of which struct domain + p2m + vcpu:      %llu bytes\n", (unsigned long long)meta);
	hv_fini(&hv);
	return 0;
}
