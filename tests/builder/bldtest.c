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
