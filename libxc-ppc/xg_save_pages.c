/*
 * The PAGES records of a save: memory goes out 256 pages (one PAGES record)
 * per batch, all-zero pages skipped.  The caller's thread holds each region
 * of the domain (the RMA, then each extent) for reading, a window of at
 * most 64 MiB at a time (xc_foreign_view_map), and hands its batches to
 * the writers in order.  A writer reads a batch into its lane
 * (xc_foreign_view_read: holes of machine memory are skipped without
 * reading them, the other pages are read and compared word by word) and
 * encodes it: one writev of the record straight from the lane, one iovec
 * per run of non-zero pages, its CRC computed beside it and combined into
 * the stream's (xg_sw_put_block).  No hypercall per batch, as Xen's save
 * reads through foreign mappings.
 *
 * Up to XG_SAVE_LANES batches are in flight and XG_SAVE_WRITERS writer
 * threads each take the oldest handed-over lane, read and encode it (CRC,
 * and zlib when asked).  Whichever writer finds the next record in stream
 * order encoded writes it, and every encoded one after it, back to back,
 * while the other reads and encodes: records go out in order, the
 * stream's writes (the one part that cannot be split) never wait for a
 * thread to wake, and reading memory, which on a machine whose memory is
 * all present means reading every page, runs on both cores.
 *
 * Batches are compressed only with XC_SAVE_COMPRESS (xenguest.h says why):
 * the non-zero pages are gathered back to back, then deflated.
 * zlib runs at level 1 (speed over the last percent of size) with the
 * default strategy: Z_RLE was both slower and larger on the save-restore
 * bench's pages (its floors print both).  After the
 * first XG_ZLIB_PROBE_BYTES of a batch it checks, through a sync flush,
 * that the output is below 15/16 of the input; if not, the batch is
 * stored raw without compressing the rest (incompressible data costs
 * little), as is any batch whose compressed form is not smaller.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <zlib.h>

#include "xg_crc32.h"
#include "xg_save.h"
#include "xg_stream_pipe.h"
#include "xg_window.h"

#define XG_SAVE_ZLIB_LEVEL Z_BEST_SPEED
#define XG_SAVE_ZLIB_STRATEGY Z_DEFAULT_STRATEGY
#define XG_ZLIB_PROBE_BYTES (64U << 10)

/* A lane holds a batch (1 MiB); six let the reads run well ahead of the writes. */
#define XG_SAVE_LANES 6
#define XG_SAVE_WRITERS 2
/* Runs of non-zero pages alternate with zero ones: at most half a batch. */
#define XG_SAVE_MAX_IOV (2 + (XG_SAVE_BATCH_PAGES + 1) / 2)

/*
 * A lane's life: FULL (handed over) -> BUSY (a writer reads and encodes
 * it) -> DONE (encoded, or all zero: no record) -> FREE once written.
 */
enum lane_state { LANE_FREE, LANE_FULL, LANE_BUSY, LANE_DONE };

struct save_lane {
	struct xg_window *w;
	struct xc_foreign_view v;    /* the batch's pages: a piece of w's view */
	uint8_t *buf;                /* the batch read: page i at buf + i pages */
	uint8_t zmap[XG_SAVE_BITMAP_BYTES];   /* its zero pages */
	int empty;                   /* all zero: no record */
	struct xg_err err;           /* why reading it failed */
	struct xg_rec_pages p;
	uint64_t seq;                /* batch number in stream order */
	enum lane_state state;
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

struct save_pages {
	struct xg_saver *s;
	struct xg_pipe pipe;
	struct save_lane lane[XG_SAVE_LANES];
	struct xg_window win[2];     /* the caller's thread (re)opens them */
	unsigned nr_windows;         /* opened so far */
	int writing;                 /* a writer is writing records (pipe lock) */
};

/* Gather the lane's non-zero pages back to back into its packed buffer. */
static void pack_lane(struct save_lane *l)
{
	uint8_t *out = l->packed;
	uint32_t i;

	for (i = 0; i < l->p.nr_pages; i++)
		if (!xg_zmap_test(l->zmap, i)) {
			memcpy(out, l->buf + (size_t)i * XG_SAVE_PAGE_SIZE, XG_SAVE_PAGE_SIZE);
			out += XG_SAVE_PAGE_SIZE;
		}
}

/*
 * Compress the lane's non-zero pages into its zbuf: the compressed length,
 * or 0 to store the batch raw (not compressing, or it does not pay).
 */
static size_t compress_lane(struct save_lane *l, uint32_t flags)
{
	uint32_t raw = l->p.nr_present * XG_SAVE_PAGE_SIZE;
	uint32_t probe = raw < XG_ZLIB_PROBE_BYTES ? raw : XG_ZLIB_PROBE_BYTES;

	if (!(flags & XC_SAVE_COMPRESS) || !l->zs_ready || deflateReset(&l->zs) != Z_OK)
		return 0;
	pack_lane(l);
	l->zs.next_in = l->packed;
	l->zs.next_out = l->zbuf;
	l->zs.avail_out = (uInt)l->zbuf_len;
	if (probe < raw) {
		l->zs.avail_in = probe;
		if (deflate(&l->zs, Z_SYNC_FLUSH) != Z_OK || l->zs.total_out >= probe - probe / 16)
			return 0;
	}
	l->zs.avail_in = raw - (uint32_t)l->zs.total_in;
	if (deflate(&l->zs, Z_FINISH) != Z_STREAM_END || l->zs.total_out >= raw)
		return 0;
	return l->zs.total_out;
}

/* A raw batch's data: one iovec per run of non-zero pages of the view. */
static int raw_iov(const struct save_lane *l, struct iovec *iov)
{
	uint32_t i = 0, j, n = l->p.nr_pages;
	int k = 0;

	while (i < n) {
		if (xg_zmap_test(l->zmap, i)) {
			i++;
			continue;
		}
		for (j = i; j < n && !xg_zmap_test(l->zmap, j); j++)
			;
		iov[k++] = (struct iovec){ l->buf + (size_t)i * XG_SAVE_PAGE_SIZE,
		                           (size_t)(j - i) * XG_SAVE_PAGE_SIZE };
		i = j;
	}
	return k;
}

/* Encode the lane's batch as a PAGES record: header, data, pad and CRC. */
static void encode_lane(struct save_lane *l, uint32_t flags)
{
	size_t zlen = compress_lane(l, flags);
	uint32_t len, pad;
	int i;

	l->p.encoding = zlen ? XG_PAGES_ZLIB : XG_PAGES_RAW;
	l->p.data_len = zlen ? (uint32_t)zlen : l->p.nr_present * XG_SAVE_PAGE_SIZE;
	len = XG_SAVE_PAGES_HDR_BYTES + l->p.data_len;
	pad = xg_rec_pad(len);
	be32_store(l->hdr, XG_REC_PAGES);
	be32_store(l->hdr + 4, len);
	xg_enc_pages_hdr(l->hdr + XG_REC_HDR_BYTES, &l->p);
	l->iov[0] = (struct iovec){ l->hdr, sizeof(l->hdr) };
	l->niov = 1;
	if (zlen)
		l->iov[l->niov++] = (struct iovec){ l->zbuf, zlen };
	else
		l->niov += raw_iov(l, l->iov + 1);
	if (pad)
		l->iov[l->niov++] = (struct iovec){ (void *)xg_zero_pad, pad };
	for (l->crc = 0, i = 0; i < l->niov; i++)
		l->crc = xg_crc32(l->crc, l->iov[i].iov_base, l->iov[i].iov_len);
	l->len = sizeof(l->hdr) + (uint64_t)l->p.data_len + pad;
}

/*
 * Read the lane's batch and, unless it is all zero, encode it: 0, or -errno
 * with the reason in l->err.
 */
static int read_lane(struct save_lane *l, uint32_t domid, uint32_t flags)
{
	long nz = xc_foreign_view_read(&l->v, l->buf, l->zmap);
	uint32_t i;

	if (nz < 0)
		return xg_err_set(&l->err, (int)nz, "save: reading gpfn 0x%" PRIx64 " of domain %u: %s",
		                  l->v.gpfn, domid, strerror((int)-nz));
	l->empty = nz == 0;
	if (l->empty)
		return 0;
	memset(&l->p, 0, sizeof(l->p));
	l->p.gpfn = l->v.gpfn;
	l->p.nr_pages = (uint32_t)l->v.pages;
	l->p.nr_present = (uint32_t)nz;
	for (i = 0; i < l->p.nr_pages; i++)
		if (!xg_zmap_test(l->zmap, i))
			l->p.present[i / 8] |= (uint8_t)(1U << (i % 8));
	encode_lane(l, flags);
	return 0;
}

/* The lane holding batch seq, in state st, or NULL (lock held). */
static struct save_lane *lane_at(struct save_pages *sp, uint64_t seq, enum lane_state st)
{
	struct save_lane *l = &sp->lane[seq % XG_SAVE_LANES];

	return l->state == st && l->seq == seq ? l : NULL;
}

/* The lane is written (or given up): free it and its hold on the window. */
static void lane_free(struct save_pages *sp, struct save_lane *l)
{
	l->state = LANE_FREE;
	l->w->in_flight--;
	xg_pipe_wake_one(&sp->pipe, XG_WAIT_MAIN);
}

/*
 * Write every encoded batch whose turn it is, in stream order (lock held,
 * dropped while writing).  One writer at a time does this, back to back,
 * so a record never waits for a thread to wake up and take its turn.
 */
static void write_ready(struct save_pages *sp)
{
	struct xg_err e = { 0, "" };
	struct save_lane *l;
	int rc;

	sp->writing = 1;
	while (!xg_pipe_failed(&sp->pipe) && (l = lane_at(sp, sp->pipe.turn, LANE_DONE)) != NULL) {
		xg_pipe_unlock(&sp->pipe);
		rc = l->empty ? 0 : xg_sw_put_block(&sp->s->w, l->iov, l->niov, l->crc, l->len);
		xg_pipe_lock(&sp->pipe);
		if (rc < 0) {
			xg_err_set(&e, rc, "save: writing the stream: %s", strerror(-rc));
			xg_pipe_fail_locked(&sp->pipe, &e);
		}
		sp->pipe.turn++;
		lane_free(sp, l);
	}
	sp->writing = 0;
}

/* The oldest lane handed over, or NULL (lock held). */
static struct save_lane *oldest_full(struct save_pages *sp)
{
	struct save_lane *best = NULL;
	unsigned i;

	for (i = 0; i < XG_SAVE_LANES; i++)
		if (sp->lane[i].state == LANE_FULL && (best == NULL || sp->lane[i].seq < best->seq))
			best = &sp->lane[i];
	return best;
}

/* A writer thread: read and encode lanes, and write them when it is their turn. */
static void *writer(void *arg)
{
	struct save_pages *sp = arg;
	struct save_lane *l;
	int rc;

	xg_pipe_lock(&sp->pipe);
	for (;;) {
		while ((l = oldest_full(sp)) == NULL && !sp->pipe.closing && !xg_pipe_failed(&sp->pipe))
			xg_pipe_wait(&sp->pipe, XG_WAIT_WORK);
		if (xg_pipe_failed(&sp->pipe) || l == NULL)
			break;
		l->state = LANE_BUSY;
		xg_pipe_unlock(&sp->pipe);
		rc = read_lane(l, sp->s->domid, sp->s->flags);
		xg_pipe_lock(&sp->pipe);
		if (rc < 0)
			xg_pipe_fail_locked(&sp->pipe, &l->err);
		l->state = LANE_DONE;
		if (!sp->writing)
			write_ready(sp);
	}
	xg_pipe_unlock(&sp->pipe);
	return NULL;
}

static int lane_open(struct xg_saver *s, struct save_lane *l)
{
	if ((l->buf = malloc(XG_SAVE_PAGES_MAX_DATA)) == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	if (!(s->flags & XC_SAVE_COMPRESS))
		return 0;
	if (deflateInit2(&l->zs, XG_SAVE_ZLIB_LEVEL, Z_DEFLATED, 15, 8, XG_SAVE_ZLIB_STRATEGY) != Z_OK)
		return xc_seterror(s->xch, -ENOMEM, "save: cannot start zlib");
	l->zs_ready = 1;
	l->zbuf_len = deflateBound(&l->zs, XG_SAVE_PAGES_MAX_DATA);
	if ((l->zbuf = malloc(l->zbuf_len)) == NULL || (l->packed = malloc(XG_SAVE_PAGES_MAX_DATA)) == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	return 0;
}

static void lane_close(struct save_lane *l)
{
	if (l->zs_ready)
		deflateEnd(&l->zs);
	free(l->zbuf);
	free(l->packed);
	free(l->buf);
}

/* Stop the writers after a failure on the caller's thread (already reported). */
static int stop(struct save_pages *sp, int rc)
{
	struct xg_err e = { 0, "" };

	e.code = rc;
	(void)xg_pipe_fail(&sp->pipe, &e);
	return rc;
}

static int report(struct xg_saver *s, uint64_t bytes)
{
	s->done += bytes;
	if (s->progress != NULL && s->progress(s->arg, s->done, s->total) != 0)
		return xc_seterror(s->xch, -ECANCELED, "save: cancelled by the progress callback");
	return 0;
}

/* Hand batch [gpfn, gpfn + n) of window w to the writers in the next lane. */
static int one_batch(struct save_pages *sp, struct xg_window *w, uint64_t gpfn, uint32_t n,
                     uint64_t *seq)
{
	struct save_lane *l = &sp->lane[*seq % XG_SAVE_LANES];
	int rc;

	xg_pipe_lock(&sp->pipe);
	while (l->state != LANE_FREE && !xg_pipe_failed(&sp->pipe))
		xg_pipe_wait(&sp->pipe, XG_WAIT_MAIN);
	rc = xg_pipe_failed(&sp->pipe);
	if (rc == 0) {
		l->v = w->view;
		l->v.addr += (size_t)(gpfn - w->view.gpfn) * XG_SAVE_PAGE_SIZE;
		l->v.gpfn = gpfn;
		l->v.pages = n;
		l->w = w;
		l->seq = (*seq)++;
		w->in_flight++;
		l->state = LANE_FULL;
		xg_pipe_wake_one(&sp->pipe, XG_WAIT_WORK);
	}
	xg_pipe_unlock(&sp->pipe);
	return rc;
}

/*
 * Hold and map [gpfn, gpfn + pages) of a region in the next window, once
 * no lane points into that window any more: 0 and *out, or -errno.
 */
static int next_window(struct save_pages *sp, uint64_t gpfn, uint64_t pages,
                       struct xg_window **out)
{
	struct xg_window *w = &sp->win[sp->nr_windows++ % 2];
	struct xg_saver *s = sp->s;
	int rc;

	xg_pipe_lock(&sp->pipe);
	while (w->in_flight > 0 && !xg_pipe_failed(&sp->pipe))
		xg_pipe_wait(&sp->pipe, XG_WAIT_MAIN);
	rc = xg_pipe_failed(&sp->pipe);
	xg_pipe_unlock(&sp->pipe);
	if (rc < 0)
		return rc;
	xg_window_close(s->xch, w);
	if ((rc = xg_window_open(s->xch, s->domid, gpfn, pages, 0, w)) < 0) {
		char why[XC_MAX_ERROR_MSG_LEN];
		snprintf(why, sizeof(why), "%s", xc_get_last_error(s->xch)->message);
		return stop(sp, xc_seterror(s->xch, rc, "save: %s", why));
	}
	*out = w;
	return 0;
}

/* The batches of [gpfn, gpfn + pages), one window's worth of a region. */
static int window_batches(struct save_pages *sp, uint64_t gpfn, uint64_t pages, uint64_t *seq)
{
	struct xg_window *w = NULL;
	int rc = next_window(sp, gpfn, pages, &w);

	while (rc == 0 && pages > 0) {
		uint32_t n = pages < XG_SAVE_BATCH_PAGES ? (uint32_t)pages : XG_SAVE_BATCH_PAGES;
		if ((rc = one_batch(sp, w, gpfn, n, seq)) == 0 &&
		    (rc = report(sp->s, (uint64_t)n * XG_SAVE_PAGE_SIZE)) < 0)
			stop(sp, rc);
		gpfn += n;
		pages -= n;
	}
	return rc;
}

static int all_batches(struct save_pages *sp)
{
	struct xg_saver *s = sp->s;
	uint64_t seq = 0;
	uint32_t x;
	int rc = 0;

	for (x = 0; rc == 0 && x <= s->map->nr_extents; x++) {
		/* region 0 is the RMA, then each extent */
		uint64_t gpfn = x ? s->map->extents[x - 1].gpfn : 0;
		uint64_t pages = x ? 1ULL << s->map->extents[x - 1].order
		                   : (1ULL << s->map->rma_log) / XG_SAVE_PAGE_SIZE;
		while (rc == 0 && pages > 0) {
			uint64_t n = pages < XG_WINDOW_PAGES ? pages : XG_WINDOW_PAGES;
			rc = window_batches(sp, gpfn, n, &seq);
			gpfn += n;
			pages -= n;
		}
	}
	return rc;
}

int xg_save_pages(struct xg_saver *s)
{
	struct save_pages *sp = calloc(1, sizeof(*sp));
	pthread_t t[XG_SAVE_WRITERS];
	unsigned i, started = 0;
	int rc = 0;

	if (sp == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	sp->s = s;
	if ((rc = xg_pipe_init(&sp->pipe)) < 0) {
		free(sp);
		return xc_seterror(s->xch, rc, "save: cannot set up the page pipeline");
	}
	for (i = 0; rc == 0 && i < XG_SAVE_LANES; i++)
		rc = lane_open(s, &sp->lane[i]);
	for (; rc == 0 && started < XG_SAVE_WRITERS; started++)
		if ((rc = -pthread_create(&t[started], NULL, writer, sp)) < 0)
			rc = xc_seterror(s->xch, rc, "save: cannot start a writer thread: %s", strerror(-rc));
	if (rc == 0)
		rc = all_batches(sp);
	else
		stop(sp, rc);
	xg_pipe_lock(&sp->pipe);
	sp->pipe.closing = 1;
	xg_pipe_wake_all(&sp->pipe, XG_WAIT_WORK);
	xg_pipe_unlock(&sp->pipe);
	for (i = 0; i < started; i++)
		(void)pthread_join(t[i], NULL);
	/* A failure with a message came from a writer; the others are reported. */
	if (xg_pipe_failed(&sp->pipe) && sp->pipe.err.msg[0] != '\0')
		rc = xc_seterror(s->xch, sp->pipe.err.code, "%s", sp->pipe.err.msg);
	for (i = 0; i < XG_SAVE_LANES; i++)
		lane_close(&sp->lane[i]);
	xg_window_close(s->xch, &sp->win[0]);
	xg_window_close(s->xch, &sp->win[1]);
	xg_pipe_fini(&sp->pipe);
	free(sp);
	return rc;
}
