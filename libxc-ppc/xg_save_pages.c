/*
 * The PAGES records of a save: memory goes out 256 pages (one PAGES record)
 * per batch, all-zero pages skipped.  The caller's thread holds each region
 * of the domain (the RMA, then each extent) for reading, a window of at
 * most 64 MiB at a time (xg_window.h), and hands its batches to the
 * writers in order, in lanes (xg_save_lane.c: a lane reads its batch and
 * encodes it as a record).  No hypercall per batch, as Xen's save reads
 * through foreign mappings.
 *
 * Up to XG_SAVE_LANES batches are in flight and XG_SAVE_WRITERS writer
 * threads each take the oldest handed-over lane, read and encode it (CRC,
 * and zlib when asked).  Whichever writer finds the next record in stream
 * order encoded writes it, and every encoded one after it, back to back,
 * while the other reads and encodes: records go out in order, the
 * stream's writes (the one part that cannot be split) never wait for a
 * thread to wake, and reading memory, which on a machine whose memory is
 * all present means reading every page, runs on both cores.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xg_save_lane.h"
#include "xg_stream_pipe.h"

/* A lane holds a batch (1 MiB); six let the reads run well ahead of the writes. */
#define XG_SAVE_LANES 6
#define XG_SAVE_WRITERS 2

struct save_pages {
	struct xg_saver *s;
	struct xg_pipe pipe;
	struct xg_save_lane lane[XG_SAVE_LANES];
	struct xg_window win[2];     /* the caller's thread (re)opens them */
	unsigned nr_windows;         /* opened so far */
	int writing;                 /* a writer is writing records (pipe lock) */
};

/* The lane holding batch seq, in state st, or NULL (lock held). */
static struct xg_save_lane *lane_at(struct save_pages *sp, uint64_t seq, enum xg_save_lane_state st)
{
	struct xg_save_lane *l = &sp->lane[seq % XG_SAVE_LANES];

	return l->state == st && l->seq == seq ? l : NULL;
}

/* The lane is written (or given up): free it and its hold on the window. */
static void lane_free(struct save_pages *sp, struct xg_save_lane *l)
{
	l->state = SAVE_LANE_FREE;
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
	struct xg_save_lane *l;
	int rc;

	sp->writing = 1;
	while (!xg_pipe_failed(&sp->pipe) && (l = lane_at(sp, sp->pipe.turn, SAVE_LANE_DONE)) != NULL) {
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
static struct xg_save_lane *oldest_full(struct save_pages *sp)
{
	struct xg_save_lane *best = NULL;
	unsigned i;

	for (i = 0; i < XG_SAVE_LANES; i++)
		if (sp->lane[i].state == SAVE_LANE_FULL && (best == NULL || sp->lane[i].seq < best->seq))
			best = &sp->lane[i];
	return best;
}

/* A writer thread: read and encode lanes, and write them when it is their turn. */
static void *writer(void *arg)
{
	struct save_pages *sp = arg;
	struct xg_save_lane *l;
	int rc;

	xg_pipe_lock(&sp->pipe);
	for (;;) {
		while ((l = oldest_full(sp)) == NULL && !sp->pipe.closing && !xg_pipe_failed(&sp->pipe))
			xg_pipe_wait(&sp->pipe, XG_WAIT_WORK);
		if (xg_pipe_failed(&sp->pipe) || l == NULL)
			break;
		l->state = SAVE_LANE_BUSY;
		xg_pipe_unlock(&sp->pipe);
		rc = xg_save_lane_read(l, sp->s->domid, sp->s->flags);
		xg_pipe_lock(&sp->pipe);
		if (rc < 0)
			xg_pipe_fail_locked(&sp->pipe, &l->err);
		l->state = SAVE_LANE_DONE;
		if (!sp->writing)
			write_ready(sp);
	}
	xg_pipe_unlock(&sp->pipe);
	return NULL;
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
	struct xg_save_lane *l = &sp->lane[*seq % XG_SAVE_LANES];
	int rc;

	xg_pipe_lock(&sp->pipe);
	while (l->state != SAVE_LANE_FREE && !xg_pipe_failed(&sp->pipe))
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
		l->state = SAVE_LANE_FULL;
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
		rc = xg_save_lane_open(s, &sp->lane[i]);
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
		xg_save_lane_close(&sp->lane[i]);
	xg_window_close(s->xch, &sp->win[0]);
	xg_window_close(s->xch, &sp->win[1]);
	xg_pipe_fini(&sp->pipe);
	free(sp);
	return rc;
}
