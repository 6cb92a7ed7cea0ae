/*
 * xg_build_load: the part of xc_ppc_build that writes the domain, run only
 * after every check has passed (see xg_build.c).
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "xg_build.h"

static int load_segments(struct xg_gmem *g, const struct xg_elf_image *elf)
{
	unsigned i;
	int rc;

	for (i = 0; i < elf->nr_segs; i++) {
		const struct xg_elf_seg *s = &elf->segs[i];
		if ((rc = xg_gmem_write(g, s->paddr, elf->data + s->offset, s->filesz)) < 0 ||
		    (rc = xg_gmem_zero(g, s->paddr + s->filesz, s->memsz - s->filesz)) < 0)
			return rc;
	}
	return 0;
}

/*
 * vcpu 0 starts at the entry in 64-bit real mode (MSR_SF set, IR/DR
 * clear: the guest has no page tables yet), with r3 = the device tree and
 * r4 = where the kernel was loaded, as Xen 3.1's PowerPC builder did.
 */
static int set_vcpu0(xc_interface *xch, const struct xg_build *b)
{
	xc_vcpu_context_t ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.pc = b->elf->entry_paddr;
	ctx.gprs[3] = b->lay.fdt_start;
	ctx.gprs[4] = b->lay.kernel_start;
	ctx.msr = XENPPC_MSR_SF;
	return xc_vcpu_setcontext(xch, b->domid, 0, &ctx);
}

int xg_build_load(xc_interface *xch, struct xg_build *b)
{
	struct xg_gmem g;
	int rc = xg_gmem_open(xch, b->domid, &g);

	if (rc == 0)
		rc = load_segments(&g, b->elf);
	if (rc == 0 && b->initrd.len > 0)
		rc = xg_gmem_write(&g, b->lay.initrd_start, b->initrd.data, b->initrd.len);
	if (rc == 0)
		rc = xg_gmem_write(&g, b->lay.fdt_start, b->fdt, b->fdt_len);
	/* store and console pages start empty (they sit just below shared_info) */
	if (rc == 0)
		rc = xg_gmem_zero(&g, b->lay.store_gpa, 2 * XG_PAGE_SIZE);
	xg_gmem_close(&g);
	if (rc == 0)
		rc = set_vcpu0(xch, b);
	return rc;
}
