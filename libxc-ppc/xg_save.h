/* Internals shared by xg_save.c and xg_restore.c. */
#ifndef XG_SAVE_H
#define XG_SAVE_H

#include "xg_private.h"
#include "xg_stream.h"

/* fd I/O for the stream (EINTR retried, short writes completed). */
int xg_fd_write(void *ctx, const void *p, size_t n);
int xg_fd_writev(void *ctx, struct iovec *iov, int n);
long xg_fd_read(void *ctx, void *p, size_t n);

/* A vcpu context as the 360 big-endian bytes of struct vcpu_guest_context. */
void xg_enc_vcpu_ctx(uint8_t out[XG_VCPU_CTX_BYTES], const xc_vcpu_context_t *c);
void xg_dec_vcpu_ctx(xc_vcpu_context_t *c, const uint8_t in[XG_VCPU_CTX_BYTES]);

/* xc_domain_save's state, shared by xg_save.c and xg_save_pages.c. */
struct xg_saver {
	xc_interface *xch;
	uint32_t domid, flags;
	struct xg_sw w;
	xc_guest_memmap_t *map;
	uint64_t done, total;
	xc_save_progress_fn progress;
	void *arg;
};

/* Every PAGES record of the domain's memory (xg_save_pages.c). */
int xg_save_pages(struct xg_saver *s);

/* Guest-memory ranges a stream covers: the RMA, then each extent. */
struct xg_span {
	uint64_t gpfn, pages;
};

#endif /* XG_SAVE_H */
