/*
 * xg_pipe: the hand-off between the thread that makes the hypercalls (the
 * caller's thread: a handle is used by one thread at a time) and helper
 * threads, for save (xg_save_pages.c: writers) and restore
 * (xg_restore_pages.c: a reader); the builder's image loader
 * (xg_build_load.c) uses its lock and waits alone.  Batches of pages are
 * numbered in stream order and each sits in a lane while in flight.  A
 * mutex guards the lanes' states, the turn (the next batch to be written
 * to the stream) and the first failure; each kind of waiter has its own
 * condition variable, so a hand-off wakes one thread that can use it, not
 * every thread (a context switch costs microseconds).  The first failure
 * on any thread stops all of them, and is kept with its message so the
 * caller's thread can report it once the helpers have been joined.
 */
#ifndef XG_STREAM_PIPE_H
#define XG_STREAM_PIPE_H

#include <pthread.h>
#include <stdint.h>

#include "xg_err.h"

/* Who waits: the caller's thread, and helpers waiting for work. */
enum xg_pipe_waiter { XG_WAIT_MAIN, XG_WAIT_WORK, XG_WAIT_KINDS };

struct xg_pipe {
	pthread_mutex_t mu;
	pthread_cond_t cv[XG_WAIT_KINDS];
	struct xg_err err;           /* the first failure; err.code 0 = none */
	uint64_t turn;               /* the next batch to be written */
	int closing;                 /* the caller's thread has no more batches */
};

int xg_pipe_init(struct xg_pipe *p);               /* 0 / -errno */
void xg_pipe_fini(struct xg_pipe *p);
void xg_pipe_lock(struct xg_pipe *p);
void xg_pipe_unlock(struct xg_pipe *p);
/* Wait as a waiter of kind w (lock held). */
void xg_pipe_wait(struct xg_pipe *p, enum xg_pipe_waiter w);
/* Wake one waiter of kind w, or all of them (lock held). */
void xg_pipe_wake_one(struct xg_pipe *p, enum xg_pipe_waiter w);
void xg_pipe_wake_all(struct xg_pipe *p, enum xg_pipe_waiter w);
/* Keep the first failure (lock held), wake everyone; returns e->code. */
int xg_pipe_fail_locked(struct xg_pipe *p, const struct xg_err *e);
int xg_pipe_fail(struct xg_pipe *p, const struct xg_err *e);
/* The failure so far, 0 if none (lock held). */
int xg_pipe_failed(const struct xg_pipe *p);

#endif /* XG_STREAM_PIPE_H */
