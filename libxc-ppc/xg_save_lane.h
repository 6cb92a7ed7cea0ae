/*
 * A save's lane (xg_save_lane.c): one batch of up to 256 pages in flight,
 * read from a window of the domain (xg_window.h) into the lane's buffer
 * and encoded as a PAGES record, for the pipeline of xg_save_pages.c.
 */
#ifndef XG_SAVE_LANE_H
#define XG_SAVE_LANE_H

#include <sys/uio.h>

#include <zlib.h>

#include "xg_save.h"
#include "xg_window.h"

/* Runs of non-zero pages alternate with zero ones: at most half a batch. */
#define XG_SAVE_MAX_IOV (2 + (XG_SAVE_BATCH_PAGES + 1) / 2)

/*
 * A lane's life: FULL (handed over) -> BUSY (a writer reads and encodes
 * it) -> DONE (encoded, or all zero: no record) -> FREE once written.
 */
enum xg_save_lane_state { SAVE_LANE_FREE, SAVE_LANE_FULL, SAVE_LANE_BUSY, SAVE_LANE_DONE };

struct xg_save_lane {
	struct xg_window *w;
	struct xc_foreign_view v;    /* the batch's pages: a piece of w's view */
	uint8_t *buf;                /* the batch read: page i at buf + i pages */
	uint8_t zmap[XG_SAVE_BITMAP_BYTES];   /* its zero pages */
	int empty;                   /* all zero: no record */
	struct xg_err err;           /* why reading it failed */
	struct xg_rec_pages p;
	uint64_t seq;                /* batch number in stream order */
	enum xg_save_lane_state state;
	/* the encoded record, from the writer that encoded it to the one writing it */
	uint8_t hdr[XG_REC_HDR_BYTES + XG_SAVE_PAGES_HDR_BYTES];
	struct iovec iov[XG_SAVE_MAX_IOV];
	int niov;
	uint32_t crc;
	uint64_t len;
	/* compressing only */
	z_stream zs;
	int zs_ready;
	uint8_t *packed;             /* the non-zero pages back to back */
	uint8_t *zbuf;
	size_t zbuf_len;
};

/* The buffers a lane needs (zlib's only with XC_SAVE_COMPRESS): 0 or -ENOMEM, reported. */
int xg_save_lane_open(struct xg_saver *s, struct xg_save_lane *l);
void xg_save_lane_close(struct xg_save_lane *l);
/*
 * Read the lane's batch (l->v) and, unless it is all zero (l->empty), encode
 * it: l->hdr, l->iov[0..niov), l->crc and l->len are the record.  Touches no
 * handle state.  0, or -errno with the reason in l->err.
 */
int xg_save_lane_read(struct xg_save_lane *l, uint32_t domid, uint32_t flags);

#endif /* XG_SAVE_LANE_H */
