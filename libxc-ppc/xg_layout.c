/* xg_layout: the builder's placement in the RMA (picture in xg_layout.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "xg_layout.h"

int xg_layout_initrd(struct xg_layout *l, uint64_t rma_bytes, uint64_t kernel_start,
                     uint64_t kernel_end, uint64_t initrd_len, struct xg_err *e)
{
	uint64_t limit, start;

	memset(l, 0, sizeof(*l));
	l->rma_bytes = rma_bytes;
	l->kernel_start = kernel_start;
	l->kernel_end = kernel_end;
	l->shared_info_gpa = rma_bytes - XG_PAGE_SIZE;
	l->console_gpa = rma_bytes - 2 * XG_PAGE_SIZE;
	l->store_gpa = rma_bytes - 3 * XG_PAGE_SIZE;
	limit = l->store_gpa;
	start = xg_page_align(kernel_end);
	if (kernel_end > limit)
		return xg_err_set(e, -ENOSPC,
		                  "kernel ends at 0x%" PRIx64 ", inside the store/console/shared_info"
		                  " pages at the top of the RMA (from 0x%" PRIx64 ")", kernel_end, limit);
	if (initrd_len == 0)
		return 0;
	if (start > limit || initrd_len > limit - start)
		return xg_err_set(e, -ENOSPC,
		                  "initrd of %" PRIu64 " bytes does not fit: the RMA has %" PRIu64
		                  " bytes free between the kernel (ends 0x%" PRIx64 ") and its special"
		                  " pages (0x%" PRIx64 ")", initrd_len, start > limit ? 0 : limit - start,
		                  kernel_end, limit);
	l->initrd_start = start;
	l->initrd_end = start + initrd_len;
	return 0;
}

int xg_layout_fdt(struct xg_layout *l, uint64_t fdt_size, struct xg_err *e)
{
	uint64_t start = xg_page_align(l->initrd_end ? l->initrd_end : l->kernel_end);

	if (start > l->store_gpa || fdt_size > l->store_gpa - start)
		return xg_err_set(e, -ENOSPC,
		                  "device tree of %" PRIu64 " bytes does not fit in the RMA after the %s"
		                  " (ends 0x%" PRIx64 ", special pages from 0x%" PRIx64 ")", fdt_size,
		                  l->initrd_end ? "initrd" : "kernel", start, l->store_gpa);
	l->fdt_start = start;
	l->fdt_size = fdt_size;
	return 0;
}
