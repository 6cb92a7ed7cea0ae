/*
 * The differential test's client: a fixed hypercall sequence through
 * libxc-ppc against a fresh hypervisor, then the resulting state printed
 * as text (domain records without times, names, vcpus, the machine memory
 * map).  diff.sh compares the output with a golden file and, in a cross
 * build, with the native build's program: a -m32 or big-endian client
 * must leave exactly the state a 64-bit little-endian one leaves.
 */
#include <config.h>

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xenctrl.h>
#include "hvfix.h"

#define DIFF_MEMORY "4G"
#define DIFF_DOMAINS 12
#define MIB_PAGES(n) ((uint64_t)(n) << (20 - XEN_PAGE_SHIFT))

static xc_interface *xch;

#define CHECK(call) do { \
	if ((call) < 0) { \
		fprintf(stderr, "libxc-diff: %s: %s\n", #call, xc_get_last_error(xch)->message); \
		return -1; \
	} \
} while (0)

/* Domain i: RMA 64 or 128 MiB, i*16 MiB of extents, a name and a UUID. */
static int make_domain(int i, uint32_t *domid)
{
	xen_domain_handle_t h;
	xen_pfn_t pfns[16];
	uint32_t rma_log = i % 3 == 2 ? 27 : 26;
	uint64_t rma = MIB_PAGES(rma_log == 27 ? 128 : 64);
	char name[32];

	for (int b = 0; b < 16; b++)
		h[b] = (uint8_t)(i * 16 + b);
	*domid = 0;
	CHECK(xc_domain_create(xch, (uint32_t)i, h, 0, rma_log, domid));
	CHECK(xc_domain_setmaxmem(xch, *domid, (uint64_t)(i + 8) * 16 * 1024 + 65536 * 2));
	snprintf(name, sizeof(name), "diff-%02d", i);
	CHECK(xc_domain_setname(xch, *domid, name));
	for (int e = 0; e < i && e < 16; e++)
		pfns[e] = rma + ((uint64_t)e << XENPPC_EXTENT_ORDER);
	if (i)
		CHECK(xc_domain_memory_populate_physmap(xch, *domid, (uint64_t)(i < 16 ? i : 16),
							XENPPC_EXTENT_ORDER, 0, pfns));
	CHECK(xc_domain_max_vcpus(xch, *domid, (uint32_t)(i % 4 + 1)));
	return 0;
}

/*
 * Destroys and releases are scrubbed in the background; wait until the
 * pages are back so that the next allocation is deterministic.
 */
#define SETTLE_MS 20000
static int settle(void)
{
	xc_physinfo_t pi;

	for (int ms = 0; ms < SETTLE_MS; ms++) {
		CHECK(xc_physinfo(xch, &pi));
		if (pi.scrub_pages == 0)
			return 0;
		usleep(1000);
	}
	fprintf(stderr, "libxc-diff: the hypervisor is still scrubbing\n");
	return -1;
}

/* The fixed sequence: creates, state changes, memory moves, destroys. */
static int run_sequence(void)
{
	uint32_t ids[DIFF_DOMAINS];
	xc_vcpu_context_t ctx;

	for (int i = 0; i < DIFF_DOMAINS; i++)
		if (make_domain(i, &ids[i]) < 0)
			return -1;
	CHECK(xc_domain_unpause(xch, ids[1]));
	CHECK(xc_domain_unpause(xch, ids[2]));
	CHECK(xc_domain_shutdown(xch, ids[2], SHUTDOWN_reboot));
	CHECK(xc_domain_shutdown(xch, ids[3], SHUTDOWN_crash));
	CHECK(xc_domain_destroy(xch, ids[4]));
	CHECK(xc_domain_destroy(xch, ids[7]));
	CHECK(settle());
	CHECK(xc_domain_set_target_memkb(xch, ids[5], 128 * 1024 + 40 * 1024 + 8));
	CHECK(settle());
	CHECK(xc_domain_set_target_memkb(xch, ids[6], 64 * 1024 + 200 * 1024));
	memset(&ctx, 0, sizeof(ctx));
	ctx.pc = 0x1000000;
	ctx.gprs[3] = 0x2000000;
	CHECK(xc_vcpu_setcontext(xch, ids[8], 0, &ctx));
	uint32_t again = 0;
	return make_domain(13, &again);     /* reuses a freed id and blocks */
}

static void print_domains(void)
{
	static xc_dominfo_t info[64];
	int n = xc_domain_getinfolist(xch, 0, 64, info);
	char name[XC_DOMAIN_NAME_MAX];

	printf("domains %d\n", n);
	for (int i = 0; i < n; i++) {
		const xc_dominfo_t *d = &info[i];
		if (xc_domain_getname(xch, d->domid, name, sizeof(name)) < 0)
			strcpy(name, "?");
		printf("dom %u name=%s ssid=%u flags=%d%d%d%d%d%d%d reason=%u vcpus=%u/%u "
		       "pages=%" PRIu64 " maxkb=%" PRIu64 " sif=%" PRIu64 " uuid=",
		       d->domid, name[0] ? name : "-", d->ssidref, d->dying, d->crashed,
		       d->shutdown, d->paused, d->blocked, d->running, d->hvm,
		       d->shutdown_reason, d->nr_online_vcpus, d->max_vcpu_id,
		       d->nr_pages, d->max_memkb, d->shared_info_frame);
		for (int b = 0; b < 16; b++)
			printf("%02x", d->handle[b]);
		printf("\n");
	}
}

static int print_memmap(void)
{
	xc_machine_memmap_t *m;
	xc_physinfo_t pi;

	CHECK(xc_physinfo(xch, &pi));
	printf("physinfo total=%" PRIu64 " free=%" PRIu64 "\n", pi.total_pages, pi.free_pages);
	CHECK(xc_machine_memmap(xch, &m));
	printf("memmap total=%" PRIu64 " free=%" PRIu64 " max_order=%u regions=%u\n",
	       m->total_pages, m->free_pages, m->max_order, m->nr_regions);
	for (int o = 0; o < XEN_MEMMAP_MAX_ORDERS; o++)
		if (m->free_per_order[o])
			printf("free order %d: %" PRIu64 "\n", o, m->free_per_order[o]);
	for (uint32_t i = 0; i < m->nr_regions; i++)
		printf("region mfn=%#" PRIx64 " order=%u kind=%u dom=%u\n", m->regions[i].mfn,
		       m->regions[i].order, m->regions[i].kind, m->regions[i].domid);
	xc_machine_memmap_free(m);
	return 0;
}

int main(void)
{
	struct hvfix hv;
	int rc = 1;

	if (hv_start(&hv, DIFF_MEMORY, NULL) != 0)
		return 1;
	xch = xc_interface_open(NULL, 0);
	if (!xch)
		fprintf(stderr, "libxc-diff: open: %s\n", strerror(errno));
	else if (run_sequence() == 0) {
		print_domains();
		rc = settle() == 0 && print_memmap() == 0 ? 0 : 1;
	}
	xc_interface_close(xch);
	hv_stop(&hv);
	return rc;
}
