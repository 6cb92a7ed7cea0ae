/* Helpers of the builder integration tests (see bldtest.h). */
#include <check.h>
#include <stdlib.h>

#include "bldtest.h"

uint32_t bld_domain(xc_interface *xch, uint32_t nr_vcpus, uint64_t mem)
{
	static const xen_domain_handle_t uuid = { 0x5a, 0x5e, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05,
	                                          0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d };
	uint32_t domid = 0;

	XC_OK(xch, xc_domain_create(xch, 0, uuid, 0, BLD_RMA_LOG, &domid));
	XC_OK(xch, xc_domain_max_vcpus(xch, domid, nr_vcpus));
	XC_OK(xch, xc_ppc_populate(xch, domid, mem));
	return domid;
}

void bld_kernel(const char *variant, uint64_t size, int gzip, uint8_t **buf, size_t *len)
{
	char err[KGEN_ERR_MAX];

	ck_assert_msg(kgen_make(variant, size, gzip, buf, len, err) == 0, "kgen %s: %s", variant, err);
}

int bld_is_zero(xc_interface *xch, uint32_t domid, uint64_t gpa, size_t len)
{
	uint8_t *b = malloc(len);
	size_t i;
	int zero = 1;

	ck_assert_ptr_nonnull(b);
	XC_OK(xch, xc_guest_memory_read(xch, domid, gpa, b, len));
	for (i = 0; i < len && zero; i++)
		zero = b[i] == 0;
	free(b);
	return zero;
}

#include <stdio.h>
#include <string.h>

void bld_pattern(uint8_t page[4096], uint64_t gpfn)
{
	kgen_fill(page, 4096, (uint32_t)(gpfn * 2654435761U) | 1);
}

void bld_vcpu1(xc_vcpu_context_t *c)
{
	unsigned i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < 32; i++)
		c->gprs[i] = 0x0101010101010101ULL * i + 0x1000;
	c->pc = 0x4242;
	c->lr = 0x1234;
	c->msr = 1ULL << 63;
	c->cr = 0x22448800;
	c->sdr1 = 0xfeed0000;
}

#define BLD_SLICE 256
static int special(uint64_t g);

uint32_t bld_guest(xc_interface *xch, uint32_t domid_req, uint64_t mem, uint64_t every)
{
	static const xen_domain_handle_t uuid = { 0x5a, 0x5e, 0xc0, 0x55, 1, 2, 3, 4, 5, 6, 7, 8,
	                                          9, 10, 11, 12 };
	uint32_t domid = domid_req;
	uint8_t *k, *rd, *slice;
	size_t klen, rdlen;
	xc_ppc_build_args_t a = { .cmdline = "console=hvc0", .console_evtchn = 1, .store_evtchn = 2 };
	xc_vcpu_context_t c;
	uint64_t g;

	XC_OK(xch, xc_domain_create(xch, 0, uuid, 0, BLD_RMA_LOG, &domid));
	XC_OK(xch, xc_domain_max_vcpus(xch, domid, 2));
	XC_OK(xch, xc_ppc_populate(xch, domid, mem));
	bld_kernel("exec", 0, 0, &k, &klen);
	bld_kernel("initrd", 0, 0, &rd, &rdlen);
	a.kernel = k;
	a.kernel_len = klen;
	a.initrd = rd;
	a.initrd_len = rdlen;
	XC_OK(xch, xc_ppc_build(xch, domid, &a));
	free(k);
	free(rd);
	/* pattern pages in 1 MiB slices (one memcopy each), zero pages left alone */
	slice = malloc(BLD_SLICE * 4096);
	for (g = BLD_PATTERN_FROM; g < mem / 4096; g += BLD_SLICE) {
		uint64_t i, n = mem / 4096 - g < BLD_SLICE ? mem / 4096 - g : BLD_SLICE;
		for (i = 0; i < n; i++) {
			if ((g + i) % every == 3 && !special(g + i))
				bld_pattern(slice + i * 4096, g + i);
			else
				memset(slice + i * 4096, 0, 4096);
		}
		XC_OK(xch, xc_guest_memory_write(xch, domid, g * 4096, slice, n * 4096));
	}
	free(slice);
	bld_vcpu1(&c);
	XC_OK(xch, xc_vcpu_setcontext(xch, domid, 1, &c));
	return domid;
}

static int special(uint64_t g)
{
	return g >= (64ULL << 20) / 4096 - 3 && g < (64ULL << 20) / 4096;
}

/* Pattern pages from BLD_PATTERN_FROM on, in 1 MiB slices (one memcopy each). */
int bld_verify(xc_interface *xch, uint32_t domid, uint64_t mem, uint64_t every, char *why,
               size_t whylen)
{
	enum { SLICE = 256 };
	uint8_t *got = malloc(SLICE * 4096), want[4096];
	xc_vcpu_context_t c, w;
	uint64_t g, i;

	for (g = BLD_PATTERN_FROM; g < mem / 4096; g += SLICE) {
		if (xc_guest_memory_read(xch, domid, g * 4096, got, SLICE * 4096) < 0)
			return free(got), snprintf(why, whylen, "cannot read page 0x%llx",
			                           (unsigned long long)g), -1;
		for (i = 0; i < SLICE; i++) {
			if (special(g + i))
				continue;
			if ((g + i) % every == 3)
				bld_pattern(want, g + i);
			else
				memset(want, 0, sizeof(want));
			if (memcmp(want, got + i * 4096, 4096) != 0)
				return free(got), snprintf(why, whylen, "page 0x%llx differs",
				                           (unsigned long long)(g + i)), -1;
		}
	}
	free(got);
	bld_vcpu1(&w);
	if (xc_vcpu_getcontext(xch, domid, 1, &c) < 0 || memcmp(&c, &w, sizeof(c)) != 0)
		return snprintf(why, whylen, "vcpu 1's context differs"), -1;
	return 0;
}
