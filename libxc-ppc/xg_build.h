/* Builder internals shared by xg_build*.c. */
#ifndef XG_BUILD_H
#define XG_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include "xg_elf.h"
#include "xg_fdt.h"
#include "xg_layout.h"
#include "xg_private.h"

/* An image's bytes: borrowed from the caller or owned (read or gunzipped). */
struct xg_blob {
	const uint8_t *data;
	size_t len;
	uint8_t *owned;              /* free()d by xg_blob_free */
};

/*
 * Get the image named by path or (bytes, len) and gunzip it if it is
 * gzipped, with at most cap bytes in and out.  what ("kernel", "initrd")
 * starts error messages.  *ns accumulates the time spent decompressing.
 */
int xg_blob_load(struct xg_blob *b, const char *what, const char *path,
                 const void *bytes, size_t len, uint64_t cap, uint64_t *ns,
                 struct xg_err *e);
void xg_blob_free(struct xg_blob *b);

/* Everything xc_ppc_build decides before it touches the domain. */
struct xg_build {
	uint32_t domid;
	uint32_t nr_vcpus;
	xen_domain_handle_t uuid;    /* the domain's handle, for /xen */
	const char *cmdline;
	struct xg_blob kernel, initrd;
	struct xg_elf_image *elf;
	xc_guest_memmap_t *map;
	struct xg_layout lay;
	uint8_t *fdt;
	size_t fdt_len;
	uint64_t decompress_ns;
};

/* Write the kernel, initrd, device tree and special pages; set vcpu 0. */
int xg_build_load(xc_interface *xch, struct xg_build *b);

#endif /* XG_BUILD_H */
