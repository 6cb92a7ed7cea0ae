/* Shared helpers of the libxc integration tests (see xctest.h). */
#include <config.h>

#include <unistd.h>

#include "xctest.h"

struct hvfix xctest_hv;

void xctest_hv_setup(void)
{
	if (!hv_exists()) {
		fprintf(stderr, "SKIP: xenppc-hv is not built\n");
		exit(77);
	}
	if (hv_start(&xctest_hv, XCTEST_MEMORY, NULL) != 0) {
		fprintf(stderr, "cannot start xenppc-hv\n");
		exit(1);
	}
}

void xctest_hv_setup_big(void)
{
	if (!hv_exists()) {
		fprintf(stderr, "SKIP: xenppc-hv is not built\n");
		exit(77);
	}
	if (hv_start(&xctest_hv, XCTEST_BIG_MEMORY, NULL) != 0) {
		fprintf(stderr, "cannot start xenppc-hv\n");
		exit(1);
	}
}

void xctest_hv_teardown(void)
{
	hv_stop(&xctest_hv);
}

xc_interface *xctest_open(void)
{
	xc_interface *xch = xc_interface_open(NULL, 0);

	ck_assert_msg(xch != NULL, "xc_interface_open: %s", strerror(errno));
	return xch;
}

/* Scrubbing 2 GiB takes well under this even on a loaded machine. */
#define XCTEST_SETTLE_MS 20000

void xctest_settle(xc_interface *xch)
{
	xc_physinfo_t pi;

	for (int ms = 0; ms < XCTEST_SETTLE_MS; ms++) {
		XC_OK(xch, xc_physinfo(xch, &pi));
		if (pi.scrub_pages == 0)
			return;
		usleep(1000);
	}
	ck_abort_msg("hypervisor still scrubbing %llu pages", (unsigned long long)pi.scrub_pages);
}

uint32_t xctest_domain(xc_interface *xch, uint64_t memkb, uint32_t extents_mib)
{
	uint32_t domid = 0;
	uint64_t rma_pages = XCTEST_MIB(64) >> XEN_PAGE_SHIFT;
	uint64_t n = (uint64_t)extents_mib >> 4;   /* 16 MiB extents */

	XC_OK(xch, xc_domain_create(xch, 0, NULL, 0, 26, &domid));
	XC_OK(xch, xc_domain_setmaxmem(xch, domid, memkb));
	if (n) {
		xen_pfn_t *pfns = calloc((size_t)n, sizeof(*pfns));
		ck_assert(pfns != NULL);
		for (uint64_t i = 0; i < n; i++)
			pfns[i] = rma_pages + (i << XENPPC_EXTENT_ORDER);
		XC_OK(xch, xc_domain_memory_populate_physmap(xch, domid, n,
				XENPPC_EXTENT_ORDER, 0, pfns));
		free(pfns);
	}
	return domid;
}
