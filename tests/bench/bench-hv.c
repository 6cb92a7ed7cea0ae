/* The libxc benchmarks' hypervisor (bench-hv.h). */
#include <config.h>

#include <stdio.h>
#include <time.h>

#include "bench-hv.h"

xc_interface *bench_open_hv(struct hvfix *hv, const char *const *extra)
{
	xc_interface *xch;

	if (hv_start(hv, "2G", extra) < 0)
		return NULL;
	if ((xch = xc_interface_open(NULL, 0)) == NULL)
		hv_stop(hv);
	return xch;
}

int bench_wait_scrubbed(xc_interface *xch, const char *who)
{
	const struct timespec ms = { 0, 1000000L };
	xc_physinfo_t pi;

	for (int waited = 0; waited < BENCH_SCRUB_WAIT_MS; waited++) {
		if (xc_physinfo(xch, &pi) < 0) {
			fprintf(stderr, "%s: physinfo: %s\n", who, xc_get_last_error(xch)->message);
			return -1;
		}
		if (pi.scrub_pages == 0)
			return 0;
		nanosleep(&ms, NULL);
	}
	fprintf(stderr, "%s: scrub_pages still %llu after %d ms\n", who,
	        (unsigned long long)pi.scrub_pages, BENCH_SCRUB_WAIT_MS);
	return -1;
}
