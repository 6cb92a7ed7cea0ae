/*
 * xg_fdt: the flattened device tree a guest boots with.
 *
 * There is no xenstore (ARCHITECTURE D6) and PowerPC dropped start_info, so
 * everything a domU learns at boot is in this tree.  The content is emitted
 * once (xg_fdt_emit) through a small sequential-writer interface with two
 * implementations: libfdt's sequential-write API when the build has libfdt
 * (HAVE_LIBFDT), and our own minimal writer otherwise (the -m32 and
 * big-endian builds have no libfdt).  Both produce version-17 DTBs; a test
 * parses ours with libfdt and compares the trees.
 */
#ifndef XG_FDT_H
#define XG_FDT_H

#include <stddef.h>
#include <stdint.h>

#include "xg_err.h"

#define XG_FDT_MAGIC 0xd00dfeedU
#define XG_FDT_VERSION 17
#define XG_FDT_LAST_COMP_VERSION 16
#define XG_FDT_HEADER_SIZE 40
#define XG_FDT_BEGIN_NODE 1U
#define XG_FDT_END_NODE   2U
#define XG_FDT_PROP       3U
#define XG_FDT_NOP        4U
#define XG_FDT_END        9U

/* Our writer's string table; the tree uses a few dozen property names. */
#define XG_FDT_STRINGS_MAX 2048
/* Nesting of our tree is 3 (/xen/console); allow some headroom. */
#define XG_FDT_MAX_DEPTH 8
/* Bytes for the fixed part of the tree; extents and vcpus are added. */
#define XG_FDT_BASE_BYTES (16U * 1024U)
#define XG_FDT_BYTES_PER_VCPU 256U
#define XG_FDT_BYTES_PER_RANGE 16U
/* The compatible string Xen 3.1's mk_flatdevtree.c gave /xen. */
#define XG_FDT_XEN_COMPATIBLE "Xen-3.0-unstable"

/* A sequential writer.  Every call returns 0 or a negative errno. */
struct xg_fdt_writer;
struct xg_fdt_ops {
	const char *name;
	int (*create)(struct xg_fdt_writer *w);
	int (*add_reserve)(struct xg_fdt_writer *w, uint64_t addr, uint64_t size);
	int (*finish_reserve)(struct xg_fdt_writer *w);
	int (*begin_node)(struct xg_fdt_writer *w, const char *name);
	int (*property)(struct xg_fdt_writer *w, const char *name, const void *val, size_t len);
	int (*end_node)(struct xg_fdt_writer *w);
	int (*finish)(struct xg_fdt_writer *w);      /* sets w->total */
};

struct xg_fdt_writer {
	const struct xg_fdt_ops *ops;
	uint8_t *buf;
	size_t size;
	size_t total;                /* bytes of the finished blob */
	/* state of our own writer */
	size_t pos;                  /* next byte of the struct block */
	size_t off_struct;
	int depth;
	size_t strings_len;
	char strings[XG_FDT_STRINGS_MAX];
};

extern const struct xg_fdt_ops xg_fdt_ops_own;
#ifdef HAVE_LIBFDT
extern const struct xg_fdt_ops xg_fdt_ops_libfdt;
#endif
/* libfdt when built with it, our own writer otherwise. */
const struct xg_fdt_ops *xg_fdt_default_ops(void);

/* A guest-physical range. */
struct xg_range {
	uint64_t start;
	uint64_t size;
};

/* What the tree says; filled by the builder from its layout. */
struct xg_fdt_info {
	uint32_t domid;
	uint8_t uuid[16];
	const char *cmdline;         /* "" when none */
	uint64_t initrd_start, initrd_end;   /* both 0: no initrd */
	const struct xg_range *mem;  /* [0] is the RMA, then each extent */
	unsigned nr_mem;
	uint32_t nr_vcpus;
	uint64_t nr_pages;           /* the domain's memory in pages */
	uint64_t shared_info_gpa;
	uint64_t console_gpa, store_gpa;
	uint32_t console_evtchn, store_evtchn;
	uint64_t kernel_start, kernel_end;
	struct xg_range reserve;     /* special pages, in the reserve map */
};

/* Bytes to allocate for the tree of info (a safe upper bound). */
size_t xg_fdt_size_bound(const struct xg_fdt_info *info);

/*
 * Write the tree for info into buf[0..size) with ops.  Returns 0 and sets
 * *total, or a negative errno (-ENOSPC: buffer too small) with e set.
 */
int xg_fdt_emit(const struct xg_fdt_info *info, const struct xg_fdt_ops *ops,
                void *buf, size_t size, size_t *total, struct xg_err *e);

#endif /* XG_FDT_H */
