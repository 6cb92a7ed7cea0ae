/*
 * Deferred scrubbing.  Punching the holes of a freed 1 GiB domain costs the
 * host about a second when its pages were written, so destroy must not
 * wait for it: freed blocks are queued, stay unallocatable (BUDDY_SCRUB)
 * while a worker thread punches them, and return to the allocator when the
 * main loop reaps them (Xen scrubs freed pages lazily too, and physinfo
 * reports them as scrub_pages).  An allocation that would fail while
 * scrubbing is pending waits for it instead, so no caller ever sees
 * -ENOMEM for memory that is merely being cleaned, and no domain ever gets
 * a page that was not zeroed.
 *
 * The worker only calls fallocate (or memset) on queued blocks; all
 * allocator state stays on the main thread.
 */
#ifndef HV_SCRUB_H
#define HV_SCRUB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

struct scrub_item {
	uint64_t mfn;
	unsigned order;
};

struct scrub_list {
	struct scrub_item *v;
	size_t n, cap;
};

struct scrubber {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work;         /* todo grew, or stop */
	pthread_cond_t idle;         /* todo empty and nothing in flight */
	struct scrub_list todo, done;
	bool busy;                   /* the worker holds an item */
	bool stop;
	bool running;
	int efd;                     /* eventfd: done has items for the main loop */
	struct machine *mach;
	uint64_t pending_pages;      /* queued or done but not reaped (main thread) */
};

/* Start the worker: 0 or -errno (the caller then scrubs synchronously). */
int scrub_start(struct scrubber *s, struct machine *m);
/* Finish all queued work and stop the worker.  Safe if never started. */
void scrub_stop(struct scrubber *s);
/*
 * Queue a block: 0, or -ENOMEM (scrub it synchronously instead).  The
 * worker starts on scrub_kick, which the privcmd loop calls once the
 * replies of a round are sent (or on scrub_wait_idle): waking a thread
 * costs the waker milliseconds on a busy host, so no hypercall pays it.
 */
int scrub_queue(struct scrubber *s, uint64_t mfn, unsigned order);
void scrub_kick(struct scrubber *s);
/* Move finished blocks into out (caller frees out->v): how many. */
size_t scrub_take_done(struct scrubber *s, struct scrub_list *out);
/* Block until the queue is empty. */
void scrub_wait_idle(struct scrubber *s);

#endif /* HV_SCRUB_H */
