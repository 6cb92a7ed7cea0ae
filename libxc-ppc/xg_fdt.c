/*
 * xg_fdt: the content of a domU's device tree (see xg_fdt.h for why).
 *
 *   / { #address-cells = 2, #size-cells = 2, model, compatible
 *     chosen   { bootargs, linux,initrd-start/end, linux,stdout-path,
 *                xen,console-evtchn }
 *     memory@0 { device_type = "memory", reg = RMA, extent, extent, ... }
 *     cpus     { cpu@N { device_type = "cpu", reg = N } per vcpu }
 *     xen      { compatible, xen,domid, xen,uuid, version, interface-version,
 *                shared-info, start-info fields (nr-pages, flags),
 *                console { reg, interrupts = evtchn }, store { ditto } } }
 *
 * The reserve map holds the special pages at the top of the RMA, which the
 * guest must never hand to its allocator.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenppc/byteorder.h>
#include <xenppc/xen.h>
#include <xenppc/version.h>

#include "xg_fdt.h"

/* start_info's flags field: a domU is neither privileged nor initial. */
#define XG_FDT_SIF_FLAGS_DOMU 0U
#define XG_FDT_CPU_NAME_MAX 32

const struct xg_fdt_ops *xg_fdt_default_ops(void)
{
#ifdef HAVE_LIBFDT
	return &xg_fdt_ops_libfdt;
#else
	return &xg_fdt_ops_own;
#endif
}

size_t xg_fdt_size_bound(const struct xg_fdt_info *info)
{
	return XG_FDT_BASE_BYTES + strlen(info->cmdline) +
	       (size_t)info->nr_vcpus * XG_FDT_BYTES_PER_VCPU +
	       (size_t)info->nr_mem * XG_FDT_BYTES_PER_RANGE;
}

static int prop_u32(struct xg_fdt_writer *w, const char *name, uint32_t v)
{
	uint8_t b[4];

	be32_store(b, v);
	return w->ops->property(w, name, b, sizeof(b));
}

static int prop_u64(struct xg_fdt_writer *w, const char *name, uint64_t v)
{
	uint8_t b[8];

	be64_store(b, v);
	return w->ops->property(w, name, b, sizeof(b));
}

static int prop_str(struct xg_fdt_writer *w, const char *name, const char *s)
{
	return w->ops->property(w, name, s, strlen(s) + 1);
}

/* reg = <addr size> with 2 cells each. */
static int prop_range(struct xg_fdt_writer *w, const char *name, uint64_t addr, uint64_t size)
{
	uint8_t b[16];

	be64_store(b, addr);
	be64_store(b + 8, size);
	return w->ops->property(w, name, b, sizeof(b));
}

static int emit_chosen(struct xg_fdt_writer *w, const struct xg_fdt_info *in)
{
	int rc;

	if ((rc = w->ops->begin_node(w, "chosen")) < 0 ||
	    (rc = prop_str(w, "bootargs", in->cmdline)) < 0)
		return rc;
	if (in->initrd_end > in->initrd_start &&
	    ((rc = prop_u64(w, "linux,initrd-start", in->initrd_start)) < 0 ||
	     (rc = prop_u64(w, "linux,initrd-end", in->initrd_end)) < 0))
		return rc;
	if ((rc = prop_str(w, "linux,stdout-path", "/xen/console")) < 0 ||
	    (rc = prop_u32(w, "xen,console-evtchn", in->console_evtchn)) < 0)
		return rc;
	return w->ops->end_node(w);
}

/* One reg property listing the RMA and every extent, 16 bytes each. */
static int emit_memory(struct xg_fdt_writer *w, const struct xg_fdt_info *in)
{
	size_t len = (size_t)in->nr_mem * XG_FDT_BYTES_PER_RANGE;
	uint8_t *reg = malloc(len > 0 ? len : 1);
	unsigned i;
	int rc;

	if (reg == NULL)
		return -ENOMEM;
	for (i = 0; i < in->nr_mem; i++) {
		be64_store(reg + (size_t)i * 16, in->mem[i].start);
		be64_store(reg + (size_t)i * 16 + 8, in->mem[i].size);
	}
	if ((rc = w->ops->begin_node(w, "memory@0")) == 0 &&
	    (rc = prop_str(w, "device_type", "memory")) == 0 &&
	    (rc = w->ops->property(w, "reg", reg, len)) == 0)
		rc = w->ops->end_node(w);
	free(reg);
	return rc;
}

static int emit_cpus(struct xg_fdt_writer *w, const struct xg_fdt_info *in)
{
	char name[XG_FDT_CPU_NAME_MAX];
	uint32_t i;
	int rc;

	if ((rc = w->ops->begin_node(w, "cpus")) < 0 ||
	    (rc = prop_u32(w, "#address-cells", 1)) < 0 ||
	    (rc = prop_u32(w, "#size-cells", 0)) < 0)
		return rc;
	for (i = 0; i < in->nr_vcpus; i++) {
		snprintf(name, sizeof(name), "cpu@%u", (unsigned)i);
		if ((rc = w->ops->begin_node(w, name)) < 0 ||
		    (rc = prop_str(w, "device_type", "cpu")) < 0 ||
		    (rc = prop_str(w, "compatible", "PowerPC,970")) < 0 ||
		    (rc = prop_u32(w, "reg", i)) < 0 ||
		    (rc = w->ops->end_node(w)) < 0)
			return rc;
	}
	return w->ops->end_node(w);
}

/* A /xen subnode for a shared page and the event channel that signals it. */
static int emit_ring(struct xg_fdt_writer *w, const char *node, const char *compat,
                     uint64_t gpa, uint32_t evtchn)
{
	int rc;

	if ((rc = w->ops->begin_node(w, node)) < 0 ||
	    (rc = prop_str(w, "compatible", compat)) < 0 ||
	    (rc = prop_range(w, "reg", gpa, XEN_PAGE_SIZE)) < 0 ||
	    (rc = prop_u32(w, "interrupts", evtchn)) < 0)
		return rc;
	return w->ops->end_node(w);
}

/* /xen: what start_info used to carry, plus identity and versions. */
static int emit_xen(struct xg_fdt_writer *w, const struct xg_fdt_info *in)
{
	int rc;

	if ((rc = w->ops->begin_node(w, "xen")) < 0 ||
	    (rc = prop_str(w, "compatible", XG_FDT_XEN_COMPATIBLE)) < 0 ||
	    (rc = prop_u32(w, "xen,domid", in->domid)) < 0 ||
	    (rc = w->ops->property(w, "xen,uuid", in->uuid, sizeof(in->uuid))) < 0 ||
	    (rc = prop_u32(w, "version", XENPPC_VERSION_MAJOR << 16 | XENPPC_VERSION_MINOR)) < 0 ||
	    (rc = prop_u32(w, "interface-version", __XEN_LATEST_INTERFACE_VERSION__)) < 0 ||
	    (rc = prop_range(w, "shared-info", in->shared_info_gpa, XEN_PAGE_SIZE)) < 0 ||
	    (rc = prop_u64(w, "nr-pages", in->nr_pages)) < 0 ||
	    (rc = prop_u32(w, "start-info-flags", XG_FDT_SIF_FLAGS_DOMU)) < 0 ||
	    (rc = prop_range(w, "kernel", in->kernel_start, in->kernel_end - in->kernel_start)) < 0 ||
	    (rc = emit_ring(w, "console", "xen,console", in->console_gpa, in->console_evtchn)) < 0 ||
	    (rc = emit_ring(w, "store", "xen,store", in->store_gpa, in->store_evtchn)) < 0)
		return rc;
	return w->ops->end_node(w);
}

static int emit_tree(struct xg_fdt_writer *w, const struct xg_fdt_info *in)
{
	int rc;

	if ((rc = w->ops->create(w)) < 0 ||
	    (rc = w->ops->add_reserve(w, in->reserve.start, in->reserve.size)) < 0 ||
	    (rc = w->ops->finish_reserve(w)) < 0 ||
	    (rc = w->ops->begin_node(w, "")) < 0 ||
	    (rc = prop_u32(w, "#address-cells", 2)) < 0 ||
	    (rc = prop_u32(w, "#size-cells", 2)) < 0 ||
	    (rc = prop_str(w, "model", "xenppc,domU")) < 0 ||
	    (rc = prop_str(w, "compatible", "xenppc")) < 0 ||
	    (rc = emit_chosen(w, in)) < 0 ||
	    (rc = emit_memory(w, in)) < 0 ||
	    (rc = emit_cpus(w, in)) < 0 ||
	    (rc = emit_xen(w, in)) < 0 ||
	    (rc = w->ops->end_node(w)) < 0)
		return rc;
	return w->ops->finish(w);
}

int xg_fdt_emit(const struct xg_fdt_info *info, const struct xg_fdt_ops *ops,
                void *buf, size_t size, size_t *total, struct xg_err *e)
{
	struct xg_fdt_writer *w = calloc(1, sizeof(*w));
	int rc;

	if (w == NULL)
		return xg_err_set(e, -ENOMEM, "device tree: out of memory");
	w->ops = ops;
	w->buf = buf;
	w->size = size;
	rc = emit_tree(w, info);
	*total = w->total;
	free(w);
	if (rc < 0)
		return xg_err_set(e, rc, "device tree (%s writer): %s", ops->name,
		                  rc == -ENOSPC ? "does not fit its buffer" : "invalid tree");
	return 0;
}
