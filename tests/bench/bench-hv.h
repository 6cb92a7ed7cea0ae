/*
 * The libxc benchmarks' hypervisor: start a xenppc-hv (tests/libxc/hvfix.h)
 * and open a handle on it, and wait for one started with --boot-scrub to
 * finish scrubbing, for the benchmarks that time work on a machine whose
 * memory is present.
 */
#ifndef TESTS_BENCH_BENCH_HV_H
#define TESTS_BENCH_BENCH_HV_H

#include <xenctrl.h>

#include "hvfix.h"

/*
 * Start a 2 GiB hypervisor with extra options (NULL: none) and open a
 * handle: the handle, or NULL with the hypervisor stopped again.
 */
xc_interface *bench_open_hv(struct hvfix *hv, const char *const *extra);

/* Longest wait for the hypervisor to finish scrubbing (boot scrub included). */
#define BENCH_SCRUB_WAIT_MS 120000

/*
 * Wait until physinfo's scrub_pages is 0, so that the scrub worker does
 * not compete with what is timed next: 0, or -1 with a message on stderr
 * naming who (the benchmark) waited.
 */
int bench_wait_scrubbed(xc_interface *xch, const char *who);

#endif /* TESTS_BENCH_BENCH_HV_H */
