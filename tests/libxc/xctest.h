/*
 * Shared helpers of the libxc integration tests: one hypervisor per test
 * case (an unchecked fixture, so it survives the forked tests), opened
 * handles that fail the test loudly, and domain shortcuts.
 */
#ifndef TESTS_LIBXC_XCTEST_H
#define TESTS_LIBXC_XCTEST_H

#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenctrl.h>
#include "hvfix.h"

/* Machine size of the test hypervisors: small, so exhaustion is quick. */
#define XCTEST_MEMORY "2G"
#define XCTEST_MIB(n) ((uint64_t)(n) << 20)

extern struct hvfix xctest_hv;

/* Fixture bodies: start / stop xctest_hv (abort the run if it won't start). */
void xctest_hv_setup(void);
void xctest_hv_teardown(void);
/* The same with XCTEST_BIG_MEMORY, for tests that create hundreds of domains. */
#define XCTEST_BIG_MEMORY "32G"
void xctest_hv_setup_big(void);

/* An open handle; fails the test with the reason if it can't connect. */
xc_interface *xctest_open(void);

/*
 * A paused domain with the default 64 MiB RMA, memkb KiB of limit and,
 * if extents_mib is non-zero, that much populated after the RMA.
 */
uint32_t xctest_domain(xc_interface *xch, uint64_t memkb, uint32_t extents_mib);

/*
 * Wait until the hypervisor's background scrubber has returned every freed
 * page to the allocator (physinfo scrub_pages == 0), so that free-page
 * counts and placement are deterministic again.
 */
void xctest_settle(xc_interface *xch);

/* ck_assert for a libxc call, printing the handle's last error on failure. */
#define XC_OK(xch, call) do { \
	int xc_ok_rc_ = (call); \
	ck_assert_msg(xc_ok_rc_ >= 0, "%s = %d: %s", #call, xc_ok_rc_, \
		      xc_get_last_error(xch)->message); \
} while (0)

#endif
