#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include <xenppc/xen.h>

#include "scrub.h"

#define SCRUB_NICE 5   /* behind the main thread, yet never starved on a busy host */

static int list_push(struct scrub_list *l, struct scrub_item it)
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

/* Punch the block; if the host cannot, zero it by hand.  Never logs. */
static void scrub_block(struct machine *m, const struct scrub_item *it)
{
	if (machine_punch(m, it->mfn, 1ULL << it->order) != 0)
		memset(machine_page(m, it->mfn), 0, (size_t)(XEN_PAGE_SIZE << it->order));
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
		while (s->todo.n == 0 && !s->stop)
			pthread_cond_wait(&s->work, &s->lock);
		if (s->todo.n == 0)
			break;
		struct scrub_item it = s->todo.v[--s->todo.n];
		s->busy = true;
		pthread_mutex_unlock(&s->lock);
		scrub_block(s->mach, &it);
		pthread_mutex_lock(&s->lock);
		s->busy = false;
		if (list_push(&s->done, it) != 0)
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
	r = list_push(&s->todo, it);
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
