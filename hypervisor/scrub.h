/*
 * Deferred scrubbing.  Punching the holes of a freed 1 GiB domain costs the
 * host about a second when its pages were written, so destroy must not
 * wait for it: freed blocks are queued, stay unallocatable (BUDDY_SCRUB)
 * while a worker thread clears them (machine_clear), and return to the
 * allocator when the main loop reaps them (Xen scrubs freed pages lazily
 * too, and physinfo reports them as scrub_pages).  An allocation that
 * would fail while scrubbing is pending waits for it instead, so no caller
 * ever sees -ENOMEM for memory that is merely being cleaned, and no domain
 * ever gets a page that was not zeroed.
 *
 * The boot scrub (--boot-scrub): as Xen scrubs its free heap at boot, the
 * worker brings every block that was free when it started into presence
 * (machine_bring_in), in steps of SCRUB_BOOT_STEP pages, whenever no freed
 * block is waiting.  Those blocks stay free and allocatable meanwhile: the
 * step never changes a byte, so a page allocated, written or freed while
 * it runs keeps what the main thread put there.  physinfo counts the pages
 * it has not reached in scrub_pages.  Stopping abandons what is left.
 *
 * The worker only calls machine_clear and machine_bring_in on queued
 * blocks; all allocator state stays on the main thread.
 */
#ifndef HV_SCRUB_H
#define HV_SCRUB_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

/* Pages the boot scrub brings in between looks at the queue (2 MiB). */
#define SCRUB_BOOT_STEP 512U

struct scrub_item {
	uint64_t mfn;
	unsigned order;
};

struct scrub_list {
	struct scrub_item *v;
	size_t n, cap;
};

/* Append it to l, growing l->v (the caller frees it): 0 or -ENOMEM. */
int scrub_list_push(struct scrub_list *l, struct scrub_item it);

struct scrubber {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t work;         /* todo grew, boot work given, or stop */
	pthread_cond_t idle;         /* todo empty and nothing in flight, or boot done */
	struct scrub_list todo, done;
	bool busy;                   /* the worker holds an item */
	bool stop;
	bool running;
	int efd;                     /* eventfd: done has items for the main loop */
	struct machine *mach;
	uint64_t pending_pages;      /* queued or done but not reaped (main thread) */
	/* boot scrub, under lock: blocks boot.v[boot_next..n), boot_off pages
	 * of boot.v[boot_next] already done */
	struct scrub_list boot;
	size_t boot_next;
	uint64_t boot_off;
	uint64_t boot_left;          /* pages not brought in yet */
	int boot_err;                /* first failure (-errno), 0 if none */
	bool boot_err_seen;          /* scrub_boot_error has returned it */
	bool boot_given;             /* scrub_boot was called (once only) */
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
/* Block until the queue is empty (the boot scrub may still run). */
void scrub_wait_idle(struct scrubber *s);

/*
 * Give the worker the boot scrub of blocks (free blocks, taken over: the
 * caller must not free blocks->v).  0; -EBUSY if a boot scrub was already
 * given; -ENOMEM if the worker is not running (blocks->v is freed).
 */
int scrub_boot(struct scrubber *s, struct scrub_list *blocks);
/* Pages the boot scrub has not brought in yet (0 once done or stopped). */
uint64_t scrub_boot_left(struct scrubber *s);
/* Block until the boot scrub is done (tests, benchmarks). */
void scrub_wait_boot(struct scrubber *s);
/* The boot scrub's failure (-errno) the first time it is asked, else 0. */
int scrub_boot_error(struct scrubber *s);

#endif /* HV_SCRUB_H */
