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
