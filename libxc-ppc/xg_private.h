/*
 * Builder and save/restore internals that talk to the hypervisor.  They use
 * LIBXC's documented internals (xc_private.h: do_domctl, window buffers,
 * xc_seterror) and add the guest-memory mover the builder, save and
 * restore share.  Not installed.
 */
#ifndef XG_PRIVATE_H
#define XG_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "xc_private.h"
#include "xenguest.h"
#include "xg_err.h"

/* Pages one memcopy moves (XEN_MEMCOPY_MAX_BYTES of 4 KiB pages). */
#define XG_CHUNK_BYTES XEN_MEMCOPY_MAX_BYTES
#define XG_CHUNK_PAGES (XG_CHUNK_BYTES / XEN_PAGE_SIZE)

/*
 * A guest-memory mover: one chunk of window memory (and a zero-page map)
 * reused for every memcopy of an operation, so a large transfer costs one
 * window allocation, not one per chunk.  Callers may fill or read buf
 * directly to avoid a second copy.
 */
struct xg_gmem {
	xc_interface *xch;
	uint32_t domid;
	uint8_t *buf;                /* chunk bytes of window memory */
	uint64_t buf_h;
	size_t chunk;                /* whole pages, at most XG_CHUNK_BYTES */
	uint8_t *zmap;               /* a bit per page of the chunk */
	uint64_t zmap_h;
};

/*
 * A mover for domid with a chunk big enough for want bytes (0 or more than
 * XG_CHUNK_BYTES: XG_CHUNK_BYTES), so a small copy does not allocate and
 * zero a megabyte of window.
 */
int xg_gmem_open(xc_interface *xch, uint32_t domid, uint64_t want, struct xg_gmem *g);
void xg_gmem_close(struct xg_gmem *g);
/* How much of len bytes left to move goes in the next copy: at most the chunk. */
static inline size_t xg_gmem_step(const struct xg_gmem *g, uint64_t len)
{
	return len > g->chunk ? g->chunk : (size_t)len;
}
/* buf[0..len) -> guest gpa (len <= the chunk). */
int xg_gmem_put(struct xg_gmem *g, uint64_t gpa, size_t len);
/* guest gpa -> buf[0..len). */
int xg_gmem_get(struct xg_gmem *g, uint64_t gpa, size_t len);
/* Whole pages, zero ones skipped and marked in zmap; returns non-zero pages. */
int xg_gmem_get_nonzero(struct xg_gmem *g, uint64_t gpa, size_t len);
/* Copy len caller bytes to gpa, any length, through the chunk. */
int xg_gmem_write(struct xg_gmem *g, uint64_t gpa, const void *src, uint64_t len);
/* Zero len guest bytes at gpa. */
int xg_gmem_zero(struct xg_gmem *g, uint64_t gpa, uint64_t len);

/* Turn a pure-data helper's error into the handle's last error. */
int xg_fail(xc_interface *xch, const struct xg_err *e, const char *what);

static inline int xg_zmap_test(const uint8_t *zmap, unsigned i)
{
	return zmap[i / 8] >> (i % 8) & 1;
}

#endif /* XG_PRIVATE_H */
