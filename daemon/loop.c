/*
 * epoll event loop (loop.h).  A handler may delete any watch, including
 * one whose event is still queued in this round's batch; deleted watches
 * are remembered for the round so their stale events are skipped rather
 * than dispatched to freed memory.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "loop.h"

/* Events taken per epoll_wait; more simply wait for the next round. */
#define LOOP_BATCH 64

static int epfd = -1;
static struct epoll_event batch[LOOP_BATCH];
static int batch_len, batch_pos;

int loop_init(void)
{
	epfd = epoll_create1(EPOLL_CLOEXEC);
	return epfd < 0 ? -errno : 0;
}

void loop_fini(void)
{
	if (epfd >= 0)
		close(epfd);
	epfd = -1;
}

static int ctl(int op, struct watch *w, uint32_t events)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = events;
	ev.data.ptr = w;
	return epoll_ctl(epfd, op, w->fd, &ev) < 0 ? -errno : 0;
}

int loop_add(struct watch *w)
{
	return ctl(EPOLL_CTL_ADD, w, w->events);
}

int loop_mod(struct watch *w, uint32_t events)
{
	int rc;

	if (events == w->events)
		return 0;
	rc = ctl(EPOLL_CTL_MOD, w, events);
	if (rc == 0)
		w->events = events;
	return rc;
}

void loop_del(struct watch *w)
{
	int i;

	(void)ctl(EPOLL_CTL_DEL, w, 0);
	/* Drop its events still waiting in this round's batch. */
	for (i = batch_pos; i < batch_len; i++)
		if (batch[i].data.ptr == w)
			batch[i].data.ptr = NULL;
}

int loop_run_once(int timeout_ms)
{
	int n;

	n = epoll_wait(epfd, batch, LOOP_BATCH, timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	batch_len = n;
	for (batch_pos = 0; batch_pos < batch_len; ) {
		struct epoll_event *ev = &batch[batch_pos++];
		struct watch *w = ev->data.ptr;

		if (w)
			w->fn(w, ev->events);
	}
	batch_len = batch_pos = 0;
	return n;
}
