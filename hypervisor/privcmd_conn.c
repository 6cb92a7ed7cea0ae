/*
 * A privcmd connection: window set-up, one request at a time, and the
 * RESULT and EVENT messages that could not be sent at once.
 *
 * Sends never block: a client that stops reading cannot stall the
 * hypervisor.  A RESULT that does not fit waits (and the connection is
 * not read until it is out); EVENTs that do not fit become bits in a
 * pending map, so they coalesce per port like Xen's pending bits.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "domain.h"
#include "hcall.h"
#include "log.h"
#include "privcmd_conn.h"

static void msg_init(struct privcmd_msg *m, uint16_t type, uint64_t seq)
{
	memset(m, 0, sizeof(*m));
	m->hdr.magic = be32_mk(PRIVCMD_MAGIC);
	m->hdr.version = be16_mk(PRIVCMD_VERSION);
	m->hdr.type = be16_mk(type);
	m->hdr.seq = be64_mk(seq);
}

/* 1 sent, 0 the socket is full, -1 the connection is gone. */
static int send_msg(int fd, const struct privcmd_msg *m)
{
	ssize_t n = send(fd, m, sizeof(*m), MSG_DONTWAIT | MSG_NOSIGNAL);
	if (n == (ssize_t)sizeof(*m))
		return 1;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS))
		return 0;
	return -1;
}

void privcmd_send_refused(int fd, uint32_t error)
{
	struct privcmd_msg m;
	msg_init(&m, PRIVCMD_MSG_REFUSED, 0);
	m.u.refused.error = be32_mk(error);
	(void)send_msg(fd, &m);
}

static int send_window(struct conn *cn, int memfd)
{
	struct privcmd_msg m;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = &m, .iov_len = sizeof(m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
	                     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;

	msg_init(&m, PRIVCMD_MSG_WINDOW, 0);
	m.u.window.window_gpa = be64_mk(cn->gpa);
	m.u.window.window_size = be64_mk(PRIVCMD_WINDOW_SIZE);
	m.u.window.domid = be16_mk(0);
	memset(cbuf, 0, sizeof(cbuf));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &memfd, sizeof(int));
	return sendmsg(cn->fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT) == (ssize_t)sizeof(m) ? 0 : -errno;
}

int conn_start(struct conn *cn, unsigned slot)
{
	int memfd = memfd_create("xenppc-window", MFD_CLOEXEC), r;
	void *p;

	if (memfd < 0)
		return -errno;
	if (ftruncate(memfd, (off_t)PRIVCMD_WINDOW_SIZE) != 0) {
		r = -errno;
		close(memfd);
		return r;
	}
	p = mmap(NULL, PRIVCMD_WINDOW_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	if (p == MAP_FAILED) {
		r = -errno;
		close(memfd);
		return r;
	}
	cn->win = p;
	cn->slot = slot;
	cn->gpa = PRIVCMD_WINDOW_GPA_BASE + (uint64_t)slot * PRIVCMD_WINDOW_SLOT_SIZE;
	r = send_window(cn, memfd);
	close(memfd);                /* our mapping keeps the memory */
	return r;
}

/* The walker's view of the caller: its own window and nothing else. */
static uint8_t *conn_xlate(void *ctx, uint64_t gpa, int write)
{
	const struct conn *cn = ctx;
	(void)write;
	if (gpa < cn->gpa || gpa - cn->gpa >= PRIVCMD_WINDOW_SIZE)
		return NULL;
	return cn->win + (gpa - cn->gpa);
}

/* 0 ok, -1 malformed. */
static int parse_request(const struct privcmd_msg *m, ssize_t n)
{
	if (n != (ssize_t)PRIVCMD_MSG_SIZE || be32_get(m->hdr.magic) != PRIVCMD_MAGIC ||
	    be16_get(m->hdr.version) != PRIVCMD_VERSION ||
	    be16_get(m->hdr.type) != PRIVCMD_MSG_HYPERCALL)
		return -1;
	return 0;
}

int conn_serve(struct conn *cn, struct hv *hv)
{
	uint8_t buf[PRIVCMD_MSG_SIZE + 1];
	struct privcmd_msg m;
	ssize_t n = recv(cn->fd, buf, sizeof(buf), MSG_DONTWAIT | MSG_TRUNC);

	if (n < 0)
		return (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) ? 0 : -1;
	memcpy(&m, buf, sizeof(m));
	if (n == 0 || parse_request(&m, n) != 0)
		return -1;           /* hang-up or garbage: drop */
	struct hv_call c = {
		.hv = hv,
		.caller = domain_get(hv, 0),
		.guest = { .xlate = conn_xlate, .ctx = cn },
		.owner = cn,
		.op = be64_get(m.u.hypercall.op),
	};
	for (unsigned i = 0; i < PRIVCMD_NR_ARGS; i++)
		c.arg[i] = be64_get(m.u.hypercall.arg[i]);
	int64_t ret = c.caller ? hv_dispatch(&c) : -ESRCH;
	msg_init(&cn->result, PRIVCMD_MSG_RESULT, be64_get(m.hdr.seq));
	be64_put_s(&cn->result.u.result.ret, ret);
	cn->result_waiting = true;
	return conn_flush(cn);
}

static int flush_events(struct conn *cn)
{
	for (uint32_t p = 0; cn->events_waiting && p < XENPPC_NR_EVENT_CHANNELS; p++) {
		if (!(cn->pending[p / 8] & (1U << (p % 8))))
			continue;
		struct privcmd_msg m;
		msg_init(&m, PRIVCMD_MSG_EVENT, 0);
		m.u.event.port = be32_mk(p);
		int r = send_msg(cn->fd, &m);
		if (r <= 0)
			return r;
		cn->pending[p / 8] &= (uint8_t)~(1U << (p % 8));
	}
	cn->events_waiting = false;
	return 1;
}

int conn_flush(struct conn *cn)
{
	if (cn->result_waiting) {
		int r = send_msg(cn->fd, &cn->result);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		cn->result_waiting = false;
	}
	return flush_events(cn) < 0 ? -1 : 0;
}

void conn_notify(struct conn *cn, uint32_t port)
{
	if (port >= XENPPC_NR_EVENT_CHANNELS)
		return;
	cn->pending[port / 8] |= (uint8_t)(1U << (port % 8));
	cn->events_waiting = true;
	/* A failure shows up as POLLHUP/POLLERR in the loop. */
	if (!cn->result_waiting)
		(void)flush_events(cn);
}

bool conn_wants_out(const struct conn *cn)
{
	return cn->result_waiting || cn->events_waiting;
}

void conn_end(struct conn *cn)
{
	if (cn->win)
		munmap(cn->win, PRIVCMD_WINDOW_SIZE);
	if (cn->fd >= 0)
		close(cn->fd);
	cn->win = NULL;
	cn->fd = -1;
}
