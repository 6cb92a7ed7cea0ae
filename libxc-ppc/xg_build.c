/*
 * xc_ppc_build: turn a kernel image into a bootable PowerPC domain.
 *
 * Everything that can be wrong with the inputs is found before the domain
 * is touched: the images are read and gunzipped, the ELF is parsed and
 * checked against the domain's memory map, the layout (xg_layout.h) is
 * fixed and the device tree is written in our memory.  Only then does
 * xg_build_load() write guest memory and set vcpu 0's context, so a bad
 * image leaves the domain unbuilt.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xg_build.h"

static int check_args(xc_interface *xch, const xc_ppc_build_args_t *a)
{
	if (a == NULL)
		return xc_seterror(xch, -EINVAL, "build: no arguments");
	if ((a->kernel_path == NULL) == (a->kernel == NULL))
		return xc_seterror(xch, -EINVAL, "build: give the kernel as a path or as bytes (exactly one)");
	if (a->initrd_path != NULL && a->initrd != NULL)
		return xc_seterror(xch, -EINVAL, "build: give the initrd as a path or as bytes, not both");
	if (a->cmdline != NULL && strlen(a->cmdline) > XC_PPC_CMDLINE_MAX)
		return xc_seterror(xch, -E2BIG, "build: command line of %zu bytes is longer than the"
		                   " limit of %u", strlen(a->cmdline), XC_PPC_CMDLINE_MAX);
	if (a->nr_vcpus > MAX_VIRT_CPUS)
		return xc_seterror(xch, -EINVAL, "build: %u vcpus, more than %u", a->nr_vcpus,
		                   MAX_VIRT_CPUS);
	return 0;
}

/* The domain's memory map and vcpu count. */
static int query_domain(xc_interface *xch, struct xg_build *b, const xc_ppc_build_args_t *a)
{
	xc_dominfo_t info;
	xc_vcpuinfo_t vi;
	int rc;

	if ((rc = xc_domain_getinfo_one(xch, b->domid, &info)) < 0)
		return rc;
	/* vcpu 0 must exist to receive the entry context */
	if ((rc = xc_vcpu_getinfo(xch, b->domid, 0, &vi)) < 0)
		return xc_seterror(xch, rc, "build: domain %u has no vcpu 0 (%s): call"
		                   " xc_domain_max_vcpus first", b->domid, rc == -ESRCH ? "none allowed"
		                   : "cannot query it");
	memcpy(b->uuid, info.handle, sizeof(b->uuid));
	b->nr_vcpus = a->nr_vcpus ? a->nr_vcpus : info.max_vcpu_id + 1;
	if (b->nr_vcpus > info.max_vcpu_id + 1)
		return xc_seterror(xch, -EINVAL, "build: %u vcpus asked but domain %u allows %u"
		                   " (xc_domain_max_vcpus first)", b->nr_vcpus, b->domid,
		                   info.max_vcpu_id + 1);
	return xc_guest_memmap(xch, b->domid, &b->map);
}

/* Read, gunzip, parse and place the kernel and initrd. */
static int prepare_images(xc_interface *xch, struct xg_build *b, const xc_ppc_build_args_t *a)
{
	uint64_t rma = 1ULL << b->map->rma_log;
	uint64_t cap = rma < XC_PPC_IMAGE_MAX_BYTES ? rma : XC_PPC_IMAGE_MAX_BYTES;
	struct xg_err e = { 0, "" };
	int rc;

	if ((rc = xg_blob_load(&b->kernel, "kernel", a->kernel_path, a->kernel, a->kernel_len,
	                       cap, &b->decompress_ns, &e)) < 0)
		return xg_fail(xch, &e, "build: ");
	if ((a->initrd_path != NULL || a->initrd != NULL) &&
	    (rc = xg_blob_load(&b->initrd, "initrd", a->initrd_path, a->initrd, a->initrd_len,
	                       cap, &b->decompress_ns, &e)) < 0)
		return xg_fail(xch, &e, "build: ");
	if ((b->elf = malloc(sizeof(*b->elf))) == NULL)
		return xc_seterror(xch, -ENOMEM, "build: out of memory");
	if ((rc = xg_elf_parse(b->elf, b->kernel.data, b->kernel.len, &e)) < 0 ||
	    (rc = xg_elf_check_fit(b->elf, rma, b->map->end_gpaddr, &e)) < 0)
		return xg_fail(xch, &e, "build: kernel: ");
	if ((rc = xg_layout_initrd(&b->lay, rma, b->elf->load_lo, b->elf->load_hi,
	                           b->initrd.len, &e)) < 0)
		return xg_fail(xch, &e, "build: ");
	return 0;
}

/* /memory's ranges: the RMA, then each extent. */
static struct xg_range *memory_ranges(const xc_guest_memmap_t *m)
{
	struct xg_range *r = malloc(((size_t)m->nr_extents + 1) * sizeof(*r));
	uint32_t i;

	if (r == NULL)
		return NULL;
	r[0].start = 0;
	r[0].size = 1ULL << m->rma_log;
	for (i = 0; i < m->nr_extents; i++) {
		r[i + 1].start = m->extents[i].gpfn * XEN_PAGE_SIZE;
		r[i + 1].size = (1ULL << m->extents[i].order) * XEN_PAGE_SIZE;
	}
	return r;
}

static void fill_fdt_info(struct xg_fdt_info *in, const struct xg_build *b,
                          const xc_ppc_build_args_t *a, const xen_domain_handle_t uuid)
{
	memset(in, 0, sizeof(*in));
	in->domid = b->domid;
	memcpy(in->uuid, uuid, sizeof(in->uuid));
	in->cmdline = a->cmdline ? a->cmdline : "";
	in->initrd_start = b->lay.initrd_start;
	in->initrd_end = b->lay.initrd_end;
	in->nr_mem = b->map->nr_extents + 1;
	in->nr_vcpus = b->nr_vcpus;
	in->nr_pages = b->map->total_bytes / XEN_PAGE_SIZE;
	in->shared_info_gpa = b->lay.shared_info_gpa;
	in->console_gpa = b->lay.console_gpa;
	in->store_gpa = b->lay.store_gpa;
	in->console_evtchn = a->console_evtchn;
	in->store_evtchn = a->store_evtchn;
	in->kernel_start = b->lay.kernel_start;
	in->kernel_end = b->lay.kernel_end;
	in->reserve.start = b->lay.store_gpa;
	in->reserve.size = XG_SPECIAL_PAGES * XG_PAGE_SIZE;
}

static int make_fdt(xc_interface *xch, struct xg_build *b, const xc_ppc_build_args_t *a)
{
	struct xg_fdt_info in;
	struct xg_err e = { 0, "" };
	size_t size;
	int rc;

	fill_fdt_info(&in, b, a, b->uuid);
	if ((in.mem = memory_ranges(b->map)) == NULL)
		return xc_seterror(xch, -ENOMEM, "build: out of memory");
	size = xg_fdt_size_bound(&in);
	if ((b->fdt = calloc(1, size)) == NULL)
		rc = xg_err_set(&e, -ENOMEM, "out of memory for the device tree");
	else
		rc = xg_fdt_emit(&in, xg_fdt_default_ops(), b->fdt, size, &b->fdt_len, &e);
	free((void *)in.mem);
	if (rc == 0)
		rc = xg_layout_fdt(&b->lay, b->fdt_len, &e);
	return rc < 0 ? xg_fail(xch, &e, "build: ") : 0;
}

static void report(const struct xg_build *b, xc_ppc_layout_t *out)
{
	if (out == NULL)
		return;
	memset(out, 0, sizeof(*out));
	out->rma_bytes = b->lay.rma_bytes;
	out->mem_bytes = b->map->end_gpaddr;
	out->kernel_start = b->lay.kernel_start;
	out->kernel_end = b->lay.kernel_end;
	out->entry = b->elf->entry_paddr;
	out->initrd_start = b->lay.initrd_start;
	out->initrd_end = b->lay.initrd_end;
	out->fdt_start = b->lay.fdt_start;
	out->fdt_size = b->lay.fdt_size;
	out->store_gpa = b->lay.store_gpa;
	out->console_gpa = b->lay.console_gpa;
	out->shared_info_gpa = b->lay.shared_info_gpa;
	out->kernel_bytes = b->kernel.len;
	out->initrd_bytes = b->initrd.len;
	out->decompress_ns = b->decompress_ns;
	out->entry_was_fdesc = b->elf->entry_is_fdesc;
}

XC_PUBLIC int xc_ppc_build(xc_interface *xch, uint32_t domid, const xc_ppc_build_args_t *args)
{
	struct xg_build b;
	int rc;

	memset(&b, 0, sizeof(b));
	b.domid = domid;
	if ((rc = check_args(xch, args)) < 0 || (rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	b.cmdline = args->cmdline ? args->cmdline : "";
	if ((rc = query_domain(xch, &b, args)) == 0 &&
	    (rc = prepare_images(xch, &b, args)) == 0 &&
	    (rc = make_fdt(xch, &b, args)) == 0 &&
	    (rc = xg_build_load(xch, &b)) == 0)
		report(&b, args->layout);
	xg_blob_free(&b.kernel);
	xg_blob_free(&b.initrd);
	xc_guest_memmap_free(b.map);
	free(b.elf);
	free(b.fdt);
	return rc;
}
