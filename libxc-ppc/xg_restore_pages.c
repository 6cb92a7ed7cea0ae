/*
 * PAGES records on restore.  Each batch must lie inside one span of the
 * saved memory map and after the previous batch.  Its data is read (raw)
 * or inflated (zlib) into a lane buffer, packed as it is in the stream,
 * and each run of present pages is written straight into the domain
 * through the machine memory fd (a held span, xc_foreign_span_write: one
 * copy, no hypercall); the others are left alone.  Zero pages are never
 * written: the new domain's memory is already zero, and writing zeros
 * would make the host allocate memory for them.  Only the region (the RMA
 * or one extent) being written is held; batches come in order, so the hold
 * moves forward with them.
 *
 * Up to three batches are in flight (xg_stream_pipe.h): a helper thread
 * reads the records (the stream is sequential) and inflates the odd
 * batches; the caller's thread inflates the even ones and writes every
 * batch, in stream order (it owns the handle, so it moves the hold), while
 * the stream is read.  The helper stops at the first record that is not
 * PAGES and hands its header back to read_records().
 *
 * The writes are most of a restore on a machine whose memory is sparse
 * (the host allocates each page as it is first written), and the kernel
 * serialises pwrites to one file.  A second writer, the helper writing the
 * batches it is ahead on through a mapping beside these pwrites, was
 * measured and dropped: both slowed down per page (the host's page
 * allocator is the bottleneck they share), for 20-30% more CPU and no
 * clear gain in time.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xg_restore.h"
#include "xg_stream_pipe.h"

/*
 * Batch k uses lane k % XG_RESTORE_LANES (with three the reader may run
 * two batches ahead, which evens out the two threads' pace); odd batches
 * are inflated by the reader, even ones by the caller's thread.
 */
#define XG_RESTORE_LANES 3

enum lane_state { LANE_FREE, LANE_FULL };

struct restore_lane {
	uint8_t *buf;                /* the batch's present pages, packed */
	struct xg_rec_pages p;
	uint8_t *zbuf;               /* compressed data as read */
	z_stream zs;
	int zs_ready;
	int inflate;                 /* the caller's thread still has to inflate it */
	enum lane_state state;
	uint64_t seq;
};

struct restore_pages {
	struct xg_restorer *r;
	struct xg_pipe pipe;
	struct restore_lane lane[XG_RESTORE_LANES];
	unsigned nr_lanes;           /* opened (all of them once running) */
	uint64_t nr_read;            /* batches the helper has handed over */
	int reader_done;
	struct xg_next_rec next;     /* the record after the last PAGES */
	struct xc_foreign_span span; /* the region being written (caller's thread) */
};

/*
 * The region (the RMA or one extent) holding [gpfn, gpfn + n): 1 with its
 * first page and length, or 0 if the range is not inside one.
 */
static int region_of(const struct xg_restorer *r, uint64_t gpfn, uint64_t n,
                     uint64_t *first, uint64_t *pages)
{
	uint64_t rma_pages = (1ULL << r->cfg.rma_log) / XG_SAVE_PAGE_SIZE;
	uint32_t lo = 0, hi = r->nr_ext;

	*first = 0;
	*pages = rma_pages;
	if (gpfn + n <= rma_pages)
		return 1;
	while (lo < hi) {                    /* extents are sorted and disjoint */
		uint32_t mid = lo + (hi - lo) / 2;
		const struct xg_rec_extent *x = &r->ext[mid];
		if (gpfn < x->gpfn) {
			hi = mid;
		} else if (gpfn >= x->gpfn + (1ULL << x->order)) {
			lo = mid + 1;
		} else {
			*first = x->gpfn;
			*pages = 1ULL << x->order;
			return gpfn + n <= x->gpfn + (1ULL << x->order);
		}
	}
	return 0;
}

static int in_memory(const struct xg_restorer *r, uint64_t gpfn, uint64_t n)
{
	uint64_t first, pages;
	return region_of(r, gpfn, n, &first, &pages);
}

/* Hold the region of the batch at [gpfn, gpfn + n) unless it is held already. */
static int hold_region(struct restore_pages *rp, uint64_t gpfn, uint64_t n)
{
	struct xc_foreign_span *s = &rp->span;
	uint64_t first, pages;

	if (s->nr_runs && gpfn >= s->gpfn && gpfn + n <= s->gpfn + s->pages)
		return 0;
	xc_foreign_span_release(rp->r->xch, s);
	if (!region_of(rp->r, gpfn, n, &first, &pages))
		return xc_seterror(rp->r->xch, -EPROTO, "restore: batch at gpfn 0x%" PRIx64
		                   " is outside the memory map", gpfn);
	return xc_foreign_span_hold(rp->r->xch, rp->r->domid, first, pages, s);
}

/* Write each run of the batch's present pages from the lane's packed buffer. */
static int write_present(struct restore_pages *rp, const struct restore_lane *l)
{
	const uint8_t *src = l->buf;
	uint32_t i = 0, n = l->p.nr_pages;
	int rc = hold_region(rp, l->p.gpfn, n);

	while (rc == 0 && i < n) {
		uint32_t j = i;
		while (j < n && xg_zmap_test(l->p.present, j))
			j++;
		if (j > i) {
			size_t len = (size_t)(j - i) * XG_SAVE_PAGE_SIZE;
			rc = xc_foreign_span_write(&rp->span, (l->p.gpfn + i) * XG_SAVE_PAGE_SIZE, src, len,
			                           XC_FOREIGN_BY_PWRITE);
			if (rc < 0)
				return xc_seterror(rp->r->xch, rc, "restore: writing domain %u's memory at gpfn"
				                   " 0x%" PRIx64 ": %s", rp->r->domid, l->p.gpfn + i,
				                   xc_strerror(rp->r->xch, rc));
			src += len;
		}
		for (i = j; i < n && !xg_zmap_test(l->p.present, i); i++)
			;
	}
	return rc;
}

/* Inflate the lane's data into its buffer: exactly the present pages. */
static int inflate_lane(struct restore_lane *l, struct xg_err *e)
{
	int zr;

	if (inflateReset(&l->zs) != Z_OK)
		return xg_err_set(e, -ENOMEM, "restore: zlib reset failed");
	l->zs.next_in = l->zbuf;
	l->zs.avail_in = l->p.data_len;
	l->zs.next_out = l->buf;
	l->zs.avail_out = l->p.nr_present * XG_SAVE_PAGE_SIZE;
	zr = inflate(&l->zs, Z_FINISH);
	if (zr != Z_STREAM_END && zr != Z_BUF_ERROR && zr != Z_OK)
		return xg_err_set(e, -EPROTO, "restore: PAGES at gpfn 0x%" PRIx64 ": corrupt compressed"
		                  " data (%s)", l->p.gpfn, l->zs.msg ? l->zs.msg : "invalid");
	if (zr != Z_STREAM_END || l->zs.avail_out != 0 || l->zs.avail_in != 0)
		return xg_err_set(e, -EPROTO, "restore: PAGES at gpfn 0x%" PRIx64 ": compressed data does"
		                  " not match the batch", l->p.gpfn);
	return 0;
}

/* Read one PAGES record (header already taken, len = its body) into l. */
static int read_batch(struct restore_pages *rp, struct restore_lane *l, uint32_t len,
                      struct xg_err *e)
{
	struct xg_restorer *r = rp->r;
	uint8_t hdr[XG_SAVE_PAGES_HDR_BYTES];
	int rc;

	if (len < XG_SAVE_PAGES_HDR_BYTES)
		return xg_err_set(e, -EPROTO, "restore: PAGES record of %u bytes is too short", len);
	if ((rc = xg_sr_get(&r->sr, hdr, sizeof(hdr), e)) < 0 ||
	    (rc = xg_dec_pages_hdr(&l->p, hdr, len, e)) < 0)
		return xg_err_prefix(e, "restore: ");
	if (l->p.gpfn < r->next_gpfn || !in_memory(r, l->p.gpfn, l->p.nr_pages))
		return xg_err_set(e, -EPROTO, "restore: PAGES batch at gpfn 0x%" PRIx64 " (%u pages)"
		                  " is outside the memory map or out of order", l->p.gpfn, l->p.nr_pages);
	l->inflate = l->p.encoding == XG_PAGES_ZLIB;
	rc = xg_sr_get(&r->sr, l->inflate ? l->zbuf : l->buf, l->p.data_len, e);
	if (rc == 0)
		rc = xg_sr_rec_end(&r->sr, len, e);
	if (rc < 0)
		return xg_err_prefix(e, "restore: ");
	r->next_gpfn = l->p.gpfn + l->p.nr_pages;
	return 0;
}

/* The helper: read every PAGES record, inflate the odd batches. */
static void *reader(void *arg)
{
	struct restore_pages *rp = arg;
	struct xg_err e = { 0, "" };
	struct xg_next_rec *nx = &rp->next;
	uint64_t seq;
	int rc = 0;

	for (seq = 0; rc == 0 && nx->type == XG_REC_PAGES; seq++) {
		struct restore_lane *l = &rp->lane[seq % rp->nr_lanes];
		xg_pipe_lock(&rp->pipe);
		while (l->state != LANE_FREE && !xg_pipe_failed(&rp->pipe))
			xg_pipe_wait(&rp->pipe, XG_WAIT_WORK);
		rc = xg_pipe_failed(&rp->pipe);
		xg_pipe_unlock(&rp->pipe);
		if (rc < 0)
			break;
		if ((rc = read_batch(rp, l, nx->len, &e)) == 0 && l->inflate && seq % 2 == 1 &&
		    (rc = inflate_lane(l, &e)) == 0)
			l->inflate = 0;
		if (rc == 0 && (rc = xg_sr_rec(&rp->r->sr, &nx->type, &nx->len, &nx->crc, &nx->at, &e)) < 0)
			xg_err_prefix(&e, "restore: ");
		xg_pipe_lock(&rp->pipe);
		if (rc < 0) {
			xg_pipe_fail_locked(&rp->pipe, &e);
		} else {
			l->seq = seq;
			l->state = LANE_FULL;
			rp->nr_read = seq + 1;
		}
		xg_pipe_wake_one(&rp->pipe, XG_WAIT_MAIN);
		xg_pipe_unlock(&rp->pipe);
	}
	xg_pipe_lock(&rp->pipe);
	rp->reader_done = 1;
	xg_pipe_wake_one(&rp->pipe, XG_WAIT_MAIN);
	xg_pipe_unlock(&rp->pipe);
	return NULL;
}

/* Stop the helper after a failure on the caller's thread (already reported). */
static int stop(struct restore_pages *rp, int rc)
{
	struct xg_err e = { 0, "" };

	e.code = rc;
	(void)xg_pipe_fail(&rp->pipe, &e);
	return rc;
}

/* Write batch seq to the domain once the helper has read it; 1 = no more. */
static int write_batch(struct restore_pages *rp, uint64_t seq)
{
	struct restore_lane *l = &rp->lane[seq % rp->nr_lanes];
	struct xg_restorer *r = rp->r;
	struct xg_err e = { 0, "" };
	int rc;

	xg_pipe_lock(&rp->pipe);
	while (!(l->state == LANE_FULL && l->seq == seq) && !(rp->reader_done && rp->nr_read <= seq) &&
	       !xg_pipe_failed(&rp->pipe))
		xg_pipe_wait(&rp->pipe, XG_WAIT_MAIN);
	rc = xg_pipe_failed(&rp->pipe);
	if (rc == 0 && l->state != LANE_FULL)
		rc = 1;                            /* the helper read everything */
	xg_pipe_unlock(&rp->pipe);
	if (rc != 0)
		return rc;
	if (l->inflate && (rc = inflate_lane(l, &e)) < 0)
		return xg_pipe_fail(&rp->pipe, &e);
	if ((rc = write_present(rp, l)) < 0)
		return stop(rp, rc);
	r->done += (uint64_t)l->p.nr_pages * XG_SAVE_PAGE_SIZE;
	if (r->progress != NULL && r->progress(r->arg, r->done, r->total) != 0)
		return stop(rp, xc_seterror(r->xch, -ECANCELED, "restore: cancelled by the progress callback"));
	xg_pipe_lock(&rp->pipe);
	l->state = LANE_FREE;
	xg_pipe_wake_one(&rp->pipe, XG_WAIT_WORK);
	xg_pipe_unlock(&rp->pipe);
	return 0;
}

static int lane_open(struct xg_restorer *r, struct restore_lane *l)
{
	if (inflateInit(&l->zs) != Z_OK)
		return xc_seterror(r->xch, -ENOMEM, "restore: cannot start zlib");
	l->zs_ready = 1;
	if ((l->zbuf = malloc(XG_SAVE_PAGES_MAX_DATA)) == NULL ||
	    (l->buf = malloc(XG_SAVE_PAGES_MAX_DATA)) == NULL)
		return xc_seterror(r->xch, -ENOMEM, "restore: out of memory");
	return 0;
}

static void lane_close(struct restore_lane *l)
{
	if (l->zs_ready)
		inflateEnd(&l->zs);
	free(l->zbuf);
	free(l->buf);
}

static int open_lanes(struct restore_pages *rp)
{
	int rc;

	for (rp->nr_lanes = 0; rp->nr_lanes < XG_RESTORE_LANES; rp->nr_lanes++) {
		if ((rc = lane_open(rp->r, &rp->lane[rp->nr_lanes])) < 0) {
			lane_close(&rp->lane[rp->nr_lanes]);
			return rc;
		}
	}
	return 0;
}

static int run(struct restore_pages *rp)
{
	pthread_t t;
	uint64_t seq;
	int rc;

	if ((rc = open_lanes(rp)) < 0)
		return rc;
	if ((rc = pthread_create(&t, NULL, reader, rp)) != 0)
		return xc_seterror(rp->r->xch, -rc, "restore: cannot start the reader thread: %s",
		                   strerror(rc));
	for (seq = 0; (rc = write_batch(rp, seq)) == 0; seq++)
		;
	(void)pthread_join(t, NULL);
	if (rc == 1)
		rc = 0;
	/* A failure with a message came from a reader or inflater; the others are reported. */
	if (xg_pipe_failed(&rp->pipe) && rp->pipe.err.msg[0] != '\0')
		rc = xc_seterror(rp->r->xch, rp->pipe.err.code, "%s", rp->pipe.err.msg);
	return rc;
}

int xg_restore_pages(struct xg_restorer *r, struct xg_next_rec *next)
{
	struct restore_pages *rp = calloc(1, sizeof(*rp));
	int rc, i;

	if (rp == NULL)
		return xc_seterror(r->xch, -ENOMEM, "restore: out of memory");
	rp->r = r;
	rp->next = *next;
	if ((rc = xg_pipe_init(&rp->pipe)) < 0) {
		free(rp);
		return xc_seterror(r->xch, rc, "restore: cannot set up the page pipeline");
	}
	rc = run(rp);
	xc_foreign_span_release(r->xch, &rp->span);
	*next = rp->next;
	for (i = 0; i < (int)rp->nr_lanes; i++)
		lane_close(&rp->lane[i]);
	xg_pipe_fini(&rp->pipe);
	free(rp);
	return rc;
}
