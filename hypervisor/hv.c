/*
 * Bringing the machine up: memory, allocator, console, and dom0 built the
 * way Xen/PowerPC builds it (RMA first, then 16 MiB extents, all vcpus
 * online, unpaused).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain.h"
#include "log.h"

#define CPUINFO_LINE_MAX 256

void hv_config_default(struct hv_config *cfg)
{
	*cfg = (struct hv_config){
		.memory_bytes = 4ULL << 30,
		.nr_cpus = 2,
		.rma_log = XENPPC_RMA_LOG_DEFAULT,
		.dom0_bytes = 512ULL << 20,
		.policy = BUDDY_POLICY_PACK,
		.scrub_async = true,
	};
}

uint64_t hv_now_ns(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
		return 0;
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* The host's cpu speed, as physinfo reports; a documented constant if none. */
static uint32_t read_cpu_khz(void)
{
	char line[CPUINFO_LINE_MAX];
	double mhz = 0;
	FILE *f = fopen("/proc/cpuinfo", "r");

	if (!f)
		return HV_DEFAULT_CPU_KHZ;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "cpu MHz : %lf", &mhz) == 1 || sscanf(line, "clock : %lfMHz", &mhz) == 1)
			break;
	fclose(f);
	if (mhz <= 0 || mhz > 100000)
		return HV_DEFAULT_CPU_KHZ;
	return (uint32_t)(mhz * 1000);
}

static void printk_sink(void *ctx, const char *line)
{
	console_printk(ctx, "%s", line);
}

/* dom0's memory beyond its RMA: 16 MiB extents, smaller ones for the tail. */
static int build_dom0_memory(struct hv *hv, struct domain *d0)
{
	uint64_t pages = hv->cfg.dom0_bytes / XEN_PAGE_SIZE;
	uint64_t g = d0->tot_pages;

	d0->max_pages = pages;
	while (g < pages) {
		unsigned o = XENPPC_EXTENT_ORDER;
		while ((1ULL << o) > pages - g || (g & ((1ULL << o) - 1)) != 0)
			o--;
		int r = mm_populate(hv, d0, g, o, pages - g);
		if (r != 0)
			return r;
		g += 1ULL << o;
	}
	return 0;
}

static int build_dom0(struct hv *hv)
{
	static const uint8_t dom0_handle[16];
	struct domain *d0;
	unsigned vcpus = hv->cfg.nr_cpus < MAX_VIRT_CPUS ? hv->cfg.nr_cpus : MAX_VIRT_CPUS;
	int r;

	if (hv->cfg.dom0_bytes < (1ULL << hv->cfg.rma_log))
		return -EINVAL;
	r = domain_create_at(hv, 0, hv->cfg.rma_log, dom0_handle, 0, 0);
	if (r != 0)
		return r;
	d0 = domain_get(hv, 0);
	memcpy(d0->name, "Domain-0", sizeof("Domain-0"));
	r = build_dom0_memory(hv, d0);
	if (r == 0)
		r = vcpu_set_max(hv, d0, vcpus);
	if (r != 0)
		return r;
	for (unsigned i = 0; i < d0->max_vcpus; i++)
		d0->vcpu[i]->up = true;
	domain_unpause(hv, d0);
	return 0;
}

int hv_init(struct hv *hv, const struct hv_config *cfg)
{
	int r;

	memset(hv, 0, sizeof(*hv));
	hv->cfg = *cfg;
	hv->boot_ns = hv_now_ns();
	hv->cpu_khz = read_cpu_khz();
	console_init(&hv->console);
	if (cfg->nr_cpus == 0 || cfg->nr_cpus > HV_MAX_CPUS || !XENPPC_RMA_LOG_IS_VALID(cfg->rma_log))
		return -EINVAL;
	hv->domains = calloc(HV_MAX_DOMAINS, sizeof(*hv->domains));
	if (!hv->domains)
		return -ENOMEM;
	r = machine_init(&hv->mach, cfg->memory_bytes);
	hv->mach.present = cfg->boot_scrub;
	if (r == 0)
		r = buddy_init(&hv->buddy, hv->mach.nr_pages, cfg->policy);
	if (r == 0)
		r = build_dom0(hv);
	/* After dom0, as Xen scrubs the heap once dom0 is built: its memory is not free. */
	if (r == 0 && cfg->scrub_async)
		hv_start_scrubber(hv);
	if (r != 0) {
		hv_log(HV_LOG_ERR, "machine setup failed: %s", strerror(-r));
		hv_fini(hv);
		return r;
	}
	hv_log_set_printk(printk_sink, &hv->console);
	console_printk(&hv->console, "xenppc-hv %d.%d: %llu MiB, %u cpus, dom0 %llu MiB",
	               XENPPC_VERSION_MAJOR, XENPPC_VERSION_MINOR,
	               (unsigned long long)(cfg->memory_bytes >> 20), cfg->nr_cpus,
	               (unsigned long long)(cfg->dom0_bytes >> 20));
	return 0;
}

static int collect_free(void *ctx, uint64_t mfn, unsigned order, const struct buddy_page *p)
{
	if (p->kind != BUDDY_FREE)
		return 0;
	return scrub_list_push(ctx, (struct scrub_item){ mfn, order });
}

/*
 * The boot scrub's work: the blocks free now, the two ends of the machine
 * first, since RMAs are placed from the bottom and extents from the top
 * (buddy.h).
 */
static int boot_scrub_blocks(struct hv *hv, struct scrub_list *out)
{
	struct scrub_list all = { 0 };
	int r = buddy_walk(&hv->buddy, collect_free, &all);

	*out = (struct scrub_list){ 0 };
	if (r != 0 || (all.n && !(out->v = malloc(all.n * sizeof(*out->v))))) {
		free(all.v);
		return -ENOMEM;
	}
	for (size_t lo = 0, hi = all.n; lo < hi;) {
		out->v[out->n++] = all.v[lo++];
		if (lo < hi)
			out->v[out->n++] = all.v[--hi];
	}
	out->cap = out->n;
	free(all.v);
	return 0;
}

static void start_boot_scrub(struct hv *hv)
{
	struct scrub_list blocks;
	uint64_t pages = 0;

	if (!hv->scrub.running) {
		hv_log(HV_LOG_WARN, "no scrub worker: no boot scrub, memory comes in on first touch");
		return;
	}
	if (boot_scrub_blocks(hv, &blocks) != 0) {
		hv_log(HV_LOG_WARN, "boot scrub not started: out of memory");
		return;
	}
	for (size_t i = 0; i < blocks.n; i++)
		pages += 1ULL << blocks.v[i].order;
	if (scrub_boot(&hv->scrub, &blocks) != 0) {
		hv_log(HV_LOG_WARN, "boot scrub not started: out of memory");
		return;
	}
	hv_log(HV_LOG_INFO, "boot scrub: bringing in %llu MiB of free memory in the background",
	       (unsigned long long)(pages >> (20 - XEN_PAGE_SHIFT)));
}

void hv_start_scrubber(struct hv *hv)
{
	if (hv->scrub.running)
		return;
	if (scrub_start(&hv->scrub, &hv->mach) != 0)
		hv_log(HV_LOG_WARN, "no scrub worker: freed memory is scrubbed synchronously");
	if (hv->cfg.boot_scrub)
		start_boot_scrub(hv);
}

void hv_fini(struct hv *hv)
{
	hv_log_set_printk(NULL, NULL);
	if (hv->domains) {
		for (uint32_t id = HV_MAX_DOMAINS; id-- > 0;)
			if (hv->domains[id])
				domain_destroy(hv, hv->domains[id]);
		free(hv->domains);
	}
	fmap_fini(hv);               /* what mappings still held is free now */
	mm_scrub_sync(hv);           /* finish the queue, blocks back home */
	scrub_stop(&hv->scrub);
	buddy_fini(&hv->buddy);
	machine_fini(&hv->mach);
	memset(hv, 0, sizeof(*hv));
}

int hv_copy_from(const struct hv_call *c, void *dst, uint64_t handle,
                 uint64_t off, uint64_t len)
{
	return xencomm_copy_from_guest(&c->guest, dst, handle, off, len) == 0 ? 0 : -EFAULT;
}

int hv_copy_to(const struct hv_call *c, uint64_t handle, uint64_t off,
               const void *src, uint64_t len)
{
	return xencomm_copy_to_guest(&c->guest, handle, off, src, len) == 0 ? 0 : -EFAULT;
}
