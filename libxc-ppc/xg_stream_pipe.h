/*
 * xg_pipe: the hand-off between the thread that makes the hypercalls (the
 * caller's thread: a handle is used by one thread at a time) and helper
 * threads, for save (xg_save_pages.c: writers) and restore
 * (xg_restore_pages.c: a reader).  Batches of pages are numbered in
 * stream order and each sits in a lane (a window chunk) while in flight.
 * A mutex and one condition variable guard the lanes' states, the turn
 * (the next batch to be written to the stream) and the first failure:
 * the first failure on any thread stops all of them, and is kept with its
 * message so the caller's thread can report it once the helpers have
 * been joined.
 */
#ifndef XG_STREAM_PIPE_H
#define XG_STREAM_PIPE_H

#include <pthread.h>
#include <stdint.h>

#include "xg_err.h"

struct xg_pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct xg_err err;           /* the first failure; err.code 0 = none */
	uint64_t turn;               /* the next batch to be written */
	int closing;                 /* the caller's thread has no more batches */
};

int xg_pipe_init(struct xg_pipe *p);               /* 0 / -errno */
void xg_pipe_fini(struct xg_pipe *p);
void xg_pipe_lock(struct xg_pipe *p);
void xg_pipe_unlock(struct xg_pipe *p);
/* Wait for a change (lock held). */
void xg_pipe_wait(struct xg_pipe *p);
/* Wake every waiter (lock held). */
void xg_pipe_wake(struct xg_pipe *p);
/* Keep the first failure (lock held), wake everyone; returns e->code. */
int xg_pipe_fail_locked(struct xg_pipe *p, const struct xg_err *e);
int xg_pipe_fail(struct xg_pipe *p, const struct xg_err *e);
/* The failure so far, 0 if none (lock held). */
int xg_pipe_failed(const struct xg_pipe *p);

#endif /* XG_STREAM_PIPE_H */
