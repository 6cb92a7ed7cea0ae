/*
 * Client connections (conn.h).
 *
 * Fairness: each wakeup handles at most CONN_BURST requests of a client
 * before moving on; leftover complete lines are served in the next round,
 * so one client pipelining thousands of requests delays nobody.  A client
 * that does not read its replies stops being served once CONN_BACKLOG
 * bytes are queued for it, and an events subscriber whose queue passes
 * XMCTLD_MAX_OUTPUT is disconnected.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "conn.h"
#include "control.h"
#include "dispatch.h"
#include "jsonrpc.h"
#include "log.h"
#include "protocol.h"

/* Requests handled per client per round. */
#define CONN_BURST 16
/* Stop taking requests from a client with this many reply bytes unread. */
#define CONN_BACKLOG (1024 * 1024)
/* Bytes read per read(2). */
#define CONN_READ_CHUNK 16384

static struct conn *conns;
static struct conn *dead;
static unsigned nconns;

unsigned conn_count(void)
{
	return nconns;
}

static void update_events(struct conn *c)
{
	uint32_t ev = 0;

	if (!c->closing && !c->ready && !c->blocked && buf_avail(&c->out) < CONN_BACKLOG)
		ev |= EPOLLIN;
	if (buf_avail(&c->out) > 0)
		ev |= EPOLLOUT;
	if (loop_mod(&c->w, ev) < 0)
		conn_close(c);
}

void conn_close(struct conn *c)
{
	if (c->w.fd < 0)
		return;
	loop_del(&c->w);
	close(c->w.fd);
	c->w.fd = -1;
	if (c->prev)
		c->prev->next = c->next;
	else
		conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	c->next = dead;
	c->prev = NULL;
	dead = c;
	nconns--;
	control_resume();
}

void conn_reap(void)
{
	while (dead) {
		struct conn *c = dead;

		dead = c->next;
		buf_free(&c->in);
		buf_free(&c->out);
		free(c);
	}
}

void conn_flush(struct conn *c)
{
	while (c->w.fd >= 0 && buf_avail(&c->out) > 0) {
		ssize_t n = send(c->w.fd, buf_head(&c->out), buf_avail(&c->out),
		                 MSG_NOSIGNAL | MSG_DONTWAIT);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			conn_close(c);
			return;
		}
		buf_consume(&c->out, (size_t)n);
	}
	if (c->w.fd < 0)
		return;
	/* The client read enough: its waiting requests are served next round. */
	if (c->blocked && buf_avail(&c->out) < CONN_BACKLOG) {
		c->blocked = 0;
		c->ready = 1;
	}
	buf_shrink(&c->out);
	if (c->closing && buf_avail(&c->out) == 0) {
		conn_close(c);
		return;
	}
	update_events(c);
}

/* An oversized request is answered with an error; the line is dropped. */
static void reply_too_large(struct conn *c)
{
	struct rpc_error err;

	rpc_fail(&err, XMCTLD_E_TOO_LARGE, "request larger than %d bytes",
	         XMCTLD_MAX_REQUEST);
	if (rpc_write_error(&c->out, NULL, &err) < 0)
		c->closing = 1;
}

/* Serve up to CONN_BURST complete lines; sets c->ready if more remain. */
static void serve(struct conn *c)
{
	int n;

	c->ready = 0;
	for (n = 0; c->w.fd >= 0 && !c->closing; n++) {
		char *line = buf_head(&c->in);
		char *nl = memchr(line, '\n', buf_avail(&c->in));
		size_t len;

		if (!nl) {
			/* No end in sight: answer now, skip up to its newline. */
			if (buf_avail(&c->in) >= XMCTLD_MAX_REQUEST) {
				reply_too_large(c);
				c->discarding = 1;
				buf_consume(&c->in, buf_avail(&c->in));
			}
			break;
		}
		len = (size_t)(nl - line);
		if (buf_avail(&c->out) >= CONN_BACKLOG) {
			c->blocked = 1;      /* until conn_flush sees it drain */
			break;
		}
		if (n == CONN_BURST) {
			c->ready = 1;
			break;
		}
		if (len + 1 > XMCTLD_MAX_REQUEST)
			reply_too_large(c);
		else if (len > 0)
			dispatch_line(c, line, len);
		buf_consume(&c->in, len + 1);
	}
	if (c->w.fd >= 0)
		conn_flush(c);
}

static void on_readable(struct conn *c)
{
	ssize_t n;

	if (buf_reserve(&c->in, CONN_READ_CHUNK) < 0) {
		conn_close(c);
		return;
	}
	n = recv(c->w.fd, c->in.data + c->in.len, CONN_READ_CHUNK, MSG_DONTWAIT);
	if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
		return;
	if (n <= 0) {
		conn_close(c);
		return;
	}
	if (c->discarding) {
		/* Keep only what follows the oversized line's newline. */
		char *nl = memchr(c->in.data + c->in.len, '\n', (size_t)n);

		if (!nl)
			return;
		c->discarding = 0;
		c->in.len += (size_t)n;
		buf_consume(&c->in, (size_t)(nl + 1 - buf_head(&c->in)));
	} else {
		c->in.len += (size_t)n;
	}
	serve(c);
}

static void on_event(struct watch *w, uint32_t events)
{
	struct conn *c = (struct conn *)w;

	if (events & (EPOLLERR | EPOLLHUP) && !(events & EPOLLIN)) {
		conn_close(c);
		return;
	}
	if (events & EPOLLOUT)
		conn_flush(c);
	if (c->w.fd >= 0 && (events & EPOLLIN))
		on_readable(c);
}

int conn_new(int fd, uid_t uid, gid_t gid, pid_t pid, int may_write)
{
	struct conn *c = calloc(1, sizeof(*c));
	int rc;

	if (!c) {
		close(fd);
		return -ENOMEM;
	}
	c->w.fd = fd;
	c->w.fn = on_event;
	c->w.events = EPOLLIN;
	c->uid = uid;
	c->gid = gid;
	c->pid = pid;
	c->may_write = may_write ? 1 : 0;
	rc = loop_add(&c->w);
	if (rc < 0) {
		close(fd);
		free(c);
		return rc;
	}
	c->next = conns;
	if (conns)
		conns->prev = c;
	conns = c;
	nconns++;
	return 0;
}

int conn_run_ready(void)
{
	struct conn *c;
	int more = 0;

	for (c = conns; c; c = c->next)
		if (c->ready)
			serve(c);
	for (c = conns; c; c = c->next)
		more |= c->ready;
	return more;
}

void conn_broadcast(const char *method, yajl_gen params)
{
	struct conn *c, *next;

	for (c = conns; c; c = next) {
		next = c->next;
		if (!c->subscribed)
			continue;
		if (buf_avail(&c->out) > XMCTLD_MAX_OUTPUT ||
		    rpc_write_notification(&c->out, method, params) < 0) {
			log_warn("dropping events subscriber pid %ld: not reading its events",
			         (long)c->pid);
			conn_close(c);
			continue;
		}
		conn_flush(c);
	}
}

void conn_close_all(void)
{
	while (conns)
		conn_close(conns);
	conn_reap();
}
