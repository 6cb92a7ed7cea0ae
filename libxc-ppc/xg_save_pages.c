/*
 * The PAGES records of a save: memory is read 256 pages (one PAGES record)
 * per memcopy, packed (XEN_MEMCOPY_packed): the hypervisor skips all-zero
 * pages and writes the others back to back, so the window then holds
 * exactly a raw record's data and a batch with scattered pages still costs
 * one call.  A record goes out in one writev straight from the window (or
 * from the compressed buffer), its CRC computed beside it and combined
 * into the stream's (xg_sw_put_block).
 *
 * Up to XG_SAVE_LANES batches are in flight: the caller's thread makes
 * every hypercall, filling the lanes in turn, and XG_SAVE_WRITERS writer
 * threads each take the oldest filled lane, compress it and compute its
 * CRC, then write it when the pipe's turn reaches it, so records go out in
 * order.  On two cores the hypervisor copies the next batches while the
 * writers work, and zlib runs on both cores.
 *
 * Batches are compressed only with XC_SAVE_COMPRESS (xenguest.h says why).
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
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <zlib.h>

#include "xg_crc32.h"
#include "xg_save.h"
#include "xg_stream_pipe.h"

#define XG_SAVE_ZLIB_LEVEL Z_BEST_SPEED
#define XG_SAVE_ZLIB_STRATEGY Z_DEFAULT_STRATEGY
#define XG_ZLIB_PROBE_BYTES (64U << 10)

#define XG_SAVE_LANES 3
#define XG_SAVE_WRITERS 2

enum lane_state { LANE_FREE, LANE_FULL, LANE_BUSY };

struct save_lane {
	struct xg_gmem g;            /* the batch's non-zero pages, packed */
	struct xg_rec_pages p;
	uint64_t seq;                /* batch number in stream order */
	enum lane_state state;       /* FULL: read, waiting for a writer */
	z_stream zs;
	int zs_ready;
	uint8_t *zbuf;
	size_t zbuf_len;
};

struct save_pages {
	struct xg_saver *s;
	struct xg_pipe pipe;
	struct save_lane lane[XG_SAVE_LANES];
	unsigned nr_lanes;           /* opened: at least 1 (the window may be short) */
};

/*
 * Compress the lane's packed pages into its zbuf: the compressed length,
 * or 0 to store the batch raw (not compressing, or it does not pay).
 */
static size_t compress_lane(struct save_lane *l, uint32_t flags)
{
	uint32_t raw = l->p.nr_present * XG_SAVE_PAGE_SIZE;
	uint32_t probe = raw < XG_ZLIB_PROBE_BYTES ? raw : XG_ZLIB_PROBE_BYTES;

	if (!(flags & XC_SAVE_COMPRESS) || !l->zs_ready || deflateReset(&l->zs) != Z_OK)
		return 0;
	l->zs.next_in = l->g.buf;
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

/* Encode the lane's batch and write it when its turn comes. */
static int write_lane(struct save_pages *sp, struct save_lane *l)
{
	uint8_t hdr[XG_REC_HDR_BYTES + XG_SAVE_PAGES_HDR_BYTES];
	size_t zlen = compress_lane(l, sp->s->flags);
	struct xg_err e = { 0, "" };
	struct iovec iov[3];
	uint32_t len, pad, crc;
	int rc;

	l->p.encoding = zlen ? XG_PAGES_ZLIB : XG_PAGES_RAW;
	l->p.data_len = zlen ? (uint32_t)zlen : l->p.nr_present * XG_SAVE_PAGE_SIZE;
	len = XG_SAVE_PAGES_HDR_BYTES + l->p.data_len;
	pad = xg_rec_pad(len);
	be32_store(hdr, XG_REC_PAGES);
	be32_store(hdr + 4, len);
	xg_enc_pages_hdr(hdr + XG_REC_HDR_BYTES, &l->p);
	iov[0] = (struct iovec){ hdr, sizeof(hdr) };
	iov[1] = (struct iovec){ zlen ? l->zbuf : l->g.buf, l->p.data_len };
	iov[2] = (struct iovec){ (void *)xg_zero_pad, pad };
	crc = xg_crc32(0, hdr, sizeof(hdr));
	crc = xg_crc32(crc, iov[1].iov_base, iov[1].iov_len);
	crc = xg_crc32(crc, xg_zero_pad, pad);
	xg_pipe_lock(&sp->pipe);
	while (sp->pipe.turn != l->seq && !xg_pipe_failed(&sp->pipe))
		xg_pipe_wait(&sp->pipe, XG_WAIT_TURN);
	rc = xg_pipe_failed(&sp->pipe);
	xg_pipe_unlock(&sp->pipe);
	if (rc < 0)
		return rc;
	/* Our turn: nobody else touches the writer until turn moves on. */
	rc = xg_sw_put_block(&sp->s->w, iov, pad ? 3 : 2, crc, sizeof(hdr) + (uint64_t)l->p.data_len + pad);
	xg_pipe_lock(&sp->pipe);
	if (rc < 0) {
		xg_err_set(&e, rc, "save: writing the stream: %s", strerror(-rc));
		xg_pipe_fail_locked(&sp->pipe, &e);
	}
	sp->pipe.turn++;
	xg_pipe_wake_all(&sp->pipe, XG_WAIT_TURN);  /* the other writer may wait for it */
	xg_pipe_unlock(&sp->pipe);
	return rc;
}

/* The oldest filled lane, or NULL (lock held). */
static struct save_lane *oldest_full(struct save_pages *sp)
{
	struct save_lane *best = NULL;
	unsigned i;

	for (i = 0; i < sp->nr_lanes; i++)
		if (sp->lane[i].state == LANE_FULL && (best == NULL || sp->lane[i].seq < best->seq))
			best = &sp->lane[i];
	return best;
}

/* A writer thread: compress and write filled lanes until there are no more. */
static void *writer(void *arg)
{
	struct save_pages *sp = arg;
	struct save_lane *l;

	xg_pipe_lock(&sp->pipe);
	for (;;) {
		while ((l = oldest_full(sp)) == NULL && !sp->pipe.closing && !xg_pipe_failed(&sp->pipe))
			xg_pipe_wait(&sp->pipe, XG_WAIT_WORK);
		if (xg_pipe_failed(&sp->pipe) || l == NULL)
			break;
		l->state = LANE_BUSY;
		xg_pipe_unlock(&sp->pipe);
		(void)write_lane(sp, l);          /* a failure is in the pipe */
		xg_pipe_lock(&sp->pipe);
		l->state = LANE_FREE;
		xg_pipe_wake_one(&sp->pipe, XG_WAIT_MAIN);
	}
	xg_pipe_unlock(&sp->pipe);
	return NULL;
}

static int lane_open(struct xg_saver *s, struct save_lane *l)
{
	int rc;

	if ((rc = xg_gmem_open(s->xch, s->domid, XG_CHUNK_BYTES, &l->g)) < 0)
		return rc;
	if (!(s->flags & XC_SAVE_COMPRESS))
		return 0;
	if (deflateInit2(&l->zs, XG_SAVE_ZLIB_LEVEL, Z_DEFLATED, 15, 8, XG_SAVE_ZLIB_STRATEGY) != Z_OK)
		return xc_seterror(s->xch, -ENOMEM, "save: cannot start zlib");
	l->zs_ready = 1;
	l->zbuf_len = deflateBound(&l->zs, XG_SAVE_PAGES_MAX_DATA);
	if ((l->zbuf = malloc(l->zbuf_len)) == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	return 0;
}

static void lane_close(struct save_lane *l)
{
	if (l->zs_ready)
		deflateEnd(&l->zs);
	free(l->zbuf);
	xg_gmem_close(&l->g);
}

/* Stop the helper after a failure on the caller's thread (already reported). */
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

/* Read one batch into the next lane and hand it to the writers. */
static int one_batch(struct save_pages *sp, uint64_t gpfn, uint32_t n, uint64_t *seq)
{
	struct save_lane *l = &sp->lane[*seq % sp->nr_lanes];
	uint32_t i;
	int rc;

	xg_pipe_lock(&sp->pipe);
	while (l->state != LANE_FREE && !xg_pipe_failed(&sp->pipe))
		xg_pipe_wait(&sp->pipe, XG_WAIT_MAIN);
	rc = xg_pipe_failed(&sp->pipe);
	xg_pipe_unlock(&sp->pipe);
	if (rc < 0)
		return rc;
	if ((rc = xg_gmem_get_packed(&l->g, gpfn * XG_SAVE_PAGE_SIZE, (size_t)n * XG_SAVE_PAGE_SIZE)) < 0)
		return stop(sp, rc);
	if (rc == 0)
		return 0;                          /* all zero: no record */
	memset(&l->p, 0, sizeof(l->p));
	l->p.gpfn = gpfn;
	l->p.nr_pages = n;
	l->p.nr_present = (uint32_t)rc;
	for (i = 0; i < n; i++)
		if (!xg_zmap_test(l->g.zmap, i))
			l->p.present[i / 8] |= (uint8_t)(1U << (i % 8));
	l->seq = (*seq)++;
	xg_pipe_lock(&sp->pipe);
	l->state = LANE_FULL;
	xg_pipe_wake_one(&sp->pipe, XG_WAIT_WORK);
	xg_pipe_unlock(&sp->pipe);
	return 0;
}

static int all_batches(struct save_pages *sp)
{
	struct xg_saver *s = sp->s;
	uint64_t seq = 0;
	uint32_t x;
	int rc = 0;

	for (x = 0; rc == 0 && x <= s->map->nr_extents; x++) {
		/* span 0 is the RMA, then each extent */
		uint64_t gpfn = x ? s->map->extents[x - 1].gpfn : 0;
		uint64_t pages = x ? 1ULL << s->map->extents[x - 1].order
		                   : (1ULL << s->map->rma_log) / XG_SAVE_PAGE_SIZE;
		while (rc == 0 && pages > 0) {
			uint32_t n = pages < XG_SAVE_BATCH_PAGES ? (uint32_t)pages : XG_SAVE_BATCH_PAGES;
			if ((rc = one_batch(sp, gpfn, n, &seq)) == 0 &&
			    (rc = report(s, (uint64_t)n * XG_SAVE_PAGE_SIZE)) < 0)
				stop(sp, rc);
			gpfn += n;
			pages -= n;
		}
	}
	return rc;
}

/* Open the lanes: the first must open, the others only if the window has room. */
static int open_lanes(struct save_pages *sp)
{
	xc_error keep = *xc_get_last_error(sp->s->xch);
	int rc;

	for (sp->nr_lanes = 0; sp->nr_lanes < XG_SAVE_LANES; sp->nr_lanes++) {
		if (sp->nr_lanes > 0)
			keep = *xc_get_last_error(sp->s->xch);
		if ((rc = lane_open(sp->s, &sp->lane[sp->nr_lanes])) < 0) {
			lane_close(&sp->lane[sp->nr_lanes]);
			if (sp->nr_lanes == 0 || rc != -ENOMEM)
				return rc;
			sp->s->xch->last_error = keep;    /* fewer lanes is not a failure */
			break;
		}
	}
	return 0;
}

int xg_save_pages(struct xg_saver *s)
{
	struct save_pages *sp = calloc(1, sizeof(*sp));
	pthread_t t[XG_SAVE_WRITERS];
	unsigned i, started = 0;
	int rc;

	if (sp == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	sp->s = s;
	if ((rc = xg_pipe_init(&sp->pipe)) < 0) {
		free(sp);
		return xc_seterror(s->xch, rc, "save: cannot set up the page pipeline");
	}
	rc = open_lanes(sp);
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
	for (i = 0; i < sp->nr_lanes; i++)
		lane_close(&sp->lane[i]);
	xg_pipe_fini(&sp->pipe);
	free(sp);
	return rc;
}
