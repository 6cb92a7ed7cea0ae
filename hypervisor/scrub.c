#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <xenppc/xen.h>

#include "scrub.h"

#define SCRUB_NICE 5   /* behind the main thread, yet never starved on a busy host */

int scrub_list_push(struct scrub_list *l, struct scrub_item it)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct scrub_item *v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = it;
	return 0;
}

/* The boot scrub is over (done or abandoned): say so to the waiters. */
static void boot_finish(struct scrubber *s)
{
	uint64_t one = 1;

	free(s->boot.v);
	s->boot.v = NULL;
	s->boot.n = s->boot.cap = s->boot_next = 0;
	s->boot_off = s->boot_left = 0;
	pthread_cond_broadcast(&s->idle);
	if (write(s->efd, &one, sizeof(one)) < 0) {
		/* saturated only if nobody reads it: fine */
	}
}

/* Bring in the next SCRUB_BOOT_STEP pages (called and returns locked). */
static void boot_step(struct scrubber *s)
{
	const struct scrub_item it = s->boot.v[s->boot_next];
	uint64_t size = 1ULL << it.order, left = size - s->boot_off;
	uint64_t mfn = it.mfn + s->boot_off, n = left < SCRUB_BOOT_STEP ? left : SCRUB_BOOT_STEP;
	int r;

	pthread_mutex_unlock(&s->lock);
	r = machine_bring_in(s->mach, mfn, n);
	pthread_mutex_lock(&s->lock);
	s->boot_left -= n;
	s->boot_off += n;
	if (s->boot_off == size) {
		s->boot_next++;
		s->boot_off = 0;
	}
	if (r != 0 && s->boot_err == 0) {
		s->boot_err = r;                 /* e.g. the host is out of memory: give up */
		s->boot_next = s->boot.n;
	}
	if (s->boot_next == s->boot.n)
		boot_finish(s);
}

static void *worker(void *arg)
{
	struct scrubber *s = arg;
	uint64_t one = 1;

	/*
	 * Background work: a lower priority keeps the worker behind the thread
	 * answering hypercalls (Linux nice values are per thread).  Failing to
	 * lower it is harmless.
	 */
	if (setpriority(PRIO_PROCESS, (id_t)gettid(), SCRUB_NICE) != 0) {
		/* keep the default priority */
	}
	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (s->todo.n == 0 && s->boot_next == s->boot.n && !s->stop)
			pthread_cond_wait(&s->work, &s->lock);
		if (s->todo.n == 0) {
			if (s->stop)
				break;           /* queued blocks are done; boot work is not owed */
			boot_step(s);        /* freed blocks first: they are unallocatable */
			continue;
		}
		struct scrub_item it = s->todo.v[--s->todo.n];
		s->busy = true;
		pthread_mutex_unlock(&s->lock);
		/* An error here was a failed punch; the block was zeroed by hand. */
		(void)machine_clear(s->mach, it.mfn, 1ULL << it.order);
		pthread_mutex_lock(&s->lock);
		s->busy = false;
		if (scrub_list_push(&s->done, it) != 0)
			s->todo.v[s->todo.n++] = it;   /* cannot be lost: retry later */
		if (write(s->efd, &one, sizeof(one)) < 0) {
			/* The counter is saturated only if nobody reads it: fine. */
		}
		if (s->todo.n == 0)
			pthread_cond_broadcast(&s->idle);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

int scrub_start(struct scrubber *s, struct machine *m)
{
	memset(s, 0, sizeof(*s));
	s->mach = m;
	s->efd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (s->efd < 0)
		return -errno;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->work, NULL);
	pthread_cond_init(&s->idle, NULL);
	int r = pthread_create(&s->thread, NULL, worker, s);
	if (r != 0) {
		close(s->efd);
		s->efd = -1;
		return -r;
	}
	s->running = true;
	return 0;
}

void scrub_stop(struct scrubber *s)
{
	if (!s->running)
		return;
	pthread_mutex_lock(&s->lock);
	s->stop = true;
	pthread_cond_broadcast(&s->work);
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->work);
	pthread_cond_destroy(&s->idle);
	free(s->todo.v);
	free(s->boot.v);
	free(s->done.v);
	close(s->efd);
	s->running = false;
	s->efd = -1;
}

int scrub_queue(struct scrubber *s, uint64_t mfn, unsigned order)
{
	struct scrub_item it = { mfn, order };
	int r;

	if (!s->running)
		return -ENOMEM;
	pthread_mutex_lock(&s->lock);
	r = scrub_list_push(&s->todo, it);
	pthread_mutex_unlock(&s->lock);
	return r;
}

void scrub_kick(struct scrubber *s)
{
	if (!s->running)
		return;
	pthread_mutex_lock(&s->lock);
	if (s->todo.n)
		pthread_cond_signal(&s->work);
	pthread_mutex_unlock(&s->lock);
}

size_t scrub_take_done(struct scrubber *s, struct scrub_list *out)
{
	uint64_t cnt;

	memset(out, 0, sizeof(*out));
	if (!s->running)
		return 0;
	if (read(s->efd, &cnt, sizeof(cnt)) < 0) {
		/* EAGAIN: nothing signalled since the last read; look anyway. */
	}
	pthread_mutex_lock(&s->lock);
	*out = s->done;
	memset(&s->done, 0, sizeof(s->done));
	pthread_mutex_unlock(&s->lock);
	return out->n;
}

void scrub_wait_idle(struct scrubber *s)
{
	if (!s->running)
		return;
	pthread_mutex_lock(&s->lock);
	pthread_cond_signal(&s->work);
	while (s->todo.n != 0 || s->busy)
		pthread_cond_wait(&s->idle, &s->lock);
	pthread_mutex_unlock(&s->lock);
}

int scrub_boot(struct scrubber *s, struct scrub_list *blocks)
{
	uint64_t pages = 0;

	if (!s->running) {
		free(blocks->v);
		return -ENOMEM;
	}
	for (size_t i = 0; i < blocks->n; i++)
		pages += 1ULL << blocks->v[i].order;
	pthread_mutex_lock(&s->lock);
	if (s->boot_given) {
		pthread_mutex_unlock(&s->lock);
		free(blocks->v);
		return -EBUSY;
	}
	s->boot_given = true;
	s->boot = *blocks;
	s->boot_next = s->boot_off = 0;
	s->boot_left = pages;
	if (blocks->n == 0)
		boot_finish(s);
	pthread_cond_signal(&s->work);
	pthread_mutex_unlock(&s->lock);
	return 0;
}

uint64_t scrub_boot_left(struct scrubber *s)
{
	uint64_t n;

	if (!s->running)
		return 0;
	pthread_mutex_lock(&s->lock);
	n = s->boot_left;
	pthread_mutex_unlock(&s->lock);
	return n;
}

void scrub_wait_boot(struct scrubber *s)
{
	if (!s->running)
		return;
	pthread_mutex_lock(&s->lock);
	while (s->boot_next < s->boot.n)
		pthread_cond_wait(&s->idle, &s->lock);
	pthread_mutex_unlock(&s->lock);
}

int scrub_boot_error(struct scrubber *s)
{
	int e = 0;

	if (!s->running)
		return 0;
	pthread_mutex_lock(&s->lock);
	if (!s->boot_err_seen && s->boot_err != 0) {
		s->boot_err_seen = true;
		e = s->boot_err;
	}
	pthread_mutex_unlock(&s->lock);
	return e;
}
