/* Helpers of the builder integration tests (on top of tests/libxc/xctest.h). */
#ifndef BLDTEST_H
#define BLDTEST_H

#include <stdint.h>
#include <stddef.h>

#include <xenctrl.h>
#include <xenguest.h>

#include "kgen.h"
#include "xctest.h"

#define BLD_RMA_LOG 26
#define BLD_MEM (256ULL << 20)       /* 64 MiB RMA + 192 MiB of extents */

/* A paused domain with the default RMA, nr_vcpus and mem bytes of memory. */
uint32_t bld_domain(xc_interface *xch, uint32_t nr_vcpus, uint64_t mem);
/* kgen_make or fail the test. */
void bld_kernel(const char *variant, uint64_t size, int gzip, uint8_t **buf, size_t *len);
/* Is [gpa, gpa+len) of domid all zero? */
int bld_is_zero(xc_interface *xch, uint32_t domid, uint64_t gpa, size_t len);

#endif

/*
 * A deterministic built guest for save/restore tests: domain id domid_req
 * (0: any), 2 vcpus, mem bytes, the "exec" test kernel built with an
 * initrd, vcpu 1 given a recognisable context, and a pattern page (see
 * bld_pattern) at every gpfn >= BLD_PATTERN_FROM with gpfn % every == 3.
 * Returns the domain id.
 */
#define BLD_PATTERN_FROM 4096ULL     /* 16 MiB: clear of kernel and initrd */
uint32_t bld_guest(xc_interface *xch, uint32_t domid_req, uint64_t mem, uint64_t every);
void bld_pattern(uint8_t page[4096], uint64_t gpfn);
/* vcpu 1's context in bld_guest. */
void bld_vcpu1(xc_vcpu_context_t *c);
/* Check a restored bld_guest's pattern pages and vcpu 1; 0 or -1 with a message. */
int bld_verify(xc_interface *xch, uint32_t domid, uint64_t mem, uint64_t every, char *why,
               size_t whylen);
