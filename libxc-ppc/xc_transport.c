/*
 * The transport seam (ARCHITECTURE D3, libxencall's osdep_* idea): the
 * privcmd socket, the window it hands over, and the queue of event
 * notifications.  Nothing else in the library knows there is a socket, so
 * a shared-memory ring could replace this file without touching the rest.
 */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "xc_private.h"

/*
 * The largest window we agree to map.  The hypervisor sends
 * PRIVCMD_WINDOW_SIZE today; the bound only stops a confused peer from
 * making us map something absurd.
 */
#define XC_WINDOW_MAX_SIZE (256ULL << 20)

/*
 * Notifications are queued one per port, like Xen's pending bit: a port
 * notified twice before it is taken is taken once.  So the queue can never
 * hold more than one entry per port and never overflows.
 */
#define XC_EVENT_QUEUE_LEN XENPPC_NR_EVENT_CHANNELS

struct xc_transport {
	int fd;
	uint8_t *win;
	uint64_t win_gpa;
	uint64_t win_size;
	uint64_t seq;
	uint32_t q[XC_EVENT_QUEUE_LEN];
	uint32_t q_head;
	uint32_t q_len;
	uint8_t queued[XC_EVENT_QUEUE_LEN / 8];
	int machine_fd;              /* from the first MAPPED, else -1 */
	uint64_t machine_size;
};

static int hdr_ok(const struct privcmd_msg *m)
{
	return be32_get(m->hdr.magic) == PRIVCMD_MAGIC &&
	       be16_get(m->hdr.version) == PRIVCMD_VERSION;
}

/*
 * Receive exactly one message.  With fdp, an attached fd is returned in
 * *fdp (the window); without, no control buffer is offered, so the kernel
 * discards any fd a peer attaches, and the hot path stays one plain recv.
 */
static int recv_msg(int fd, struct privcmd_msg *m, int *fdp, int flags)
{
	/* One byte more than a message, so an oversized packet is visible. */
	union { struct privcmd_msg m; uint8_t b[PRIVCMD_MSG_SIZE + 1]; } buf;
	union { struct cmsghdr h; char b[CMSG_SPACE(sizeof(int))]; } cbuf;
	struct iovec iov = { .iov_base = &buf, .iov_len = sizeof(buf) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
			     .msg_control = fdp ? &cbuf : NULL,
			     .msg_controllen = fdp ? sizeof(cbuf) : 0 };
	ssize_t n;

	if (fdp)
		*fdp = -1;
	do
		n = recvmsg(fd, &mh, flags | MSG_CMSG_CLOEXEC);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return -errno;
	if (n == 0)
		return -ECONNRESET;
	for (struct cmsghdr *c = fdp ? CMSG_FIRSTHDR(&mh) : NULL; c; c = CMSG_NXTHDR(&mh, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
		    c->cmsg_len == CMSG_LEN(sizeof(int))) {
			int rfd;
			memcpy(&rfd, CMSG_DATA(c), sizeof(rfd));
			if (fdp && *fdp < 0)
				*fdp = rfd;
			else
				close(rfd);
		}
	}
	if (n != PRIVCMD_MSG_SIZE || (mh.msg_flags & (MSG_TRUNC | (fdp ? MSG_CTRUNC : 0))) ||
	    !hdr_ok(&buf.m)) {
		if (fdp && *fdp >= 0) {
			close(*fdp);
			*fdp = -1;
		}
		return -EPROTO;
	}
	*m = buf.m;
	return 0;
}

static void queue_event(struct xc_transport *tp, uint32_t port)
{
	/* A port outside the range cannot be ours: ignore it. */
	if (port >= XC_EVENT_QUEUE_LEN || (tp->queued[port / 8] & (1U << (port % 8))))
		return;
	tp->queued[port / 8] |= (uint8_t)(1U << (port % 8));
	tp->q[(tp->q_head + tp->q_len) % XC_EVENT_QUEUE_LEN] = port;
	tp->q_len++;
}

static int dequeue_event(struct xc_transport *tp, uint32_t *port)
{
	uint32_t p;

	if (tp->q_len == 0)
		return -EAGAIN;
	p = tp->q[tp->q_head];
	tp->q_head = (tp->q_head + 1) % XC_EVENT_QUEUE_LEN;
	tp->q_len--;
	tp->queued[p / 8] &= (uint8_t)~(1U << (p % 8));
	*port = p;
	return 0;
}

void xc_transport_drop_event(struct xc_transport *tp, uint32_t port)
{
	uint32_t n = tp->q_len, p = 0;

	if (port >= XC_EVENT_QUEUE_LEN || !(tp->queued[port / 8] & (1U << (port % 8))))
		return;
	/* Rotate the queue once, leaving port out. */
	while (n-- && dequeue_event(tp, &p) == 0)
		if (p != port)
			queue_event(tp, p);
}

/* Take the first message: the window, or a refusal. */
static int accept_window(struct xc_transport *tp, char *err, size_t errlen)
{
	struct privcmd_msg m;
	int memfd, rc;
	uint64_t gpa, size;
	void *p;

	rc = recv_msg(tp->fd, &m, &memfd, 0);
	if (rc < 0) {
		snprintf(err, errlen, "no window from the hypervisor: %s",
			 xc_strerror(NULL, rc));
		return rc == -ECONNRESET ? -ECONNREFUSED : rc;
	}
	if (be16_get(m.hdr.type) == PRIVCMD_MSG_REFUSED) {
		uint32_t e = be32_get(m.u.refused.error);
		if (memfd >= 0)
			close(memfd);
		if (e == 0 || e > XC_MAX_ERRNO)
			e = XEN_EPERM;
		snprintf(err, errlen, "the hypervisor refused this client: %s",
			 xc_strerror(NULL, (int)e));
		return -(int)e;
	}
	gpa = be64_get(m.u.window.window_gpa);
	size = be64_get(m.u.window.window_size);
	if (be16_get(m.hdr.type) != PRIVCMD_MSG_WINDOW || memfd < 0 ||
	    size == 0 || size > XC_WINDOW_MAX_SIZE || size % XEN_PAGE_SIZE ||
	    gpa % XEN_PAGE_SIZE) {
		if (memfd >= 0)
			close(memfd);
		snprintf(err, errlen, "malformed window message from the hypervisor");
		return -EPROTO;
	}
	p = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	rc = -errno;
	close(memfd);
	if (p == MAP_FAILED) {
		snprintf(err, errlen, "cannot map the window: %s", xc_strerror(NULL, rc));
		return rc;
	}
	tp->win = p;
	tp->win_gpa = gpa;
	tp->win_size = size;
	return 0;
}

static int connect_sock(const char *rundir, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, rc;

	if ((size_t)snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s", rundir,
			     PRIVCMD_SOCKET_NAME) >= sizeof(sa.sun_path)) {
		snprintf(err, errlen, "run directory path too long");
		return -ENAMETOOLONG;
	}
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		rc = -errno;
		snprintf(err, errlen, "socket: %s", xc_strerror(NULL, rc));
		return rc;
	}
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		rc = -errno;
		snprintf(err, errlen, "cannot connect to %s: %s", sa.sun_path,
			 xc_strerror(NULL, rc));
		close(fd);
		return rc;
	}
	return fd;
}

int xc_transport_open(const char *rundir, struct xc_transport **tpp,
		      char *err, size_t errlen)
{
	struct xc_transport *tp = calloc(1, sizeof(*tp));
	int rc;

	if (!tp) {
		snprintf(err, errlen, "out of memory");
		return -ENOMEM;
	}
	tp->machine_fd = -1;
	tp->fd = connect_sock(rundir, err, errlen);
	if (tp->fd < 0) {
		rc = tp->fd;
		free(tp);
		return rc;
	}
	rc = accept_window(tp, err, errlen);
	if (rc < 0) {
		close(tp->fd);
		free(tp);
		return rc;
	}
	*tpp = tp;
	return 0;
}

int xc_transport_close(struct xc_transport *tp)
{
	int rc = 0;

	if (!tp)
		return 0;
	if (tp->win && munmap(tp->win, (size_t)tp->win_size) != 0)
		rc = -errno;
	if (tp->machine_fd >= 0 && close(tp->machine_fd) != 0 && rc == 0)
		rc = -errno;
	/* Closing tells the hypervisor to take the window back (and the holds). */
	if (tp->fd >= 0 && close(tp->fd) != 0 && rc == 0)
		rc = -errno;
	free(tp);
	return rc;
}

void xc_transport_window(const struct xc_transport *tp, uint8_t **host,
			 uint64_t *gpa, uint64_t *size)
{
	*host = tp->win;
	*gpa = tp->win_gpa;
	*size = tp->win_size;
}

int xc_transport_fd(const struct xc_transport *tp)
{
	return tp->fd;
}

static void msg_init(struct xc_transport *tp, struct privcmd_msg *m, uint16_t type)
{
	memset(m, 0, sizeof(*m));
	m->hdr = privcmd_hdr_mk(type, ++tp->seq);
}

static int send_msg(struct xc_transport *tp, const struct privcmd_msg *m)
{
	ssize_t n;

	do
		n = send(tp->fd, m, sizeof(*m), MSG_NOSIGNAL);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EPIPE ? -ECONNRESET : -errno;
	return n == (ssize_t)sizeof(*m) ? 0 : -EPROTO;
}

/*
 * Send req and wait for its answer of type want (same seq), queueing the
 * EVENTs that come first.  With fdp, an fd attached to the answer is
 * returned there (-1 if none).
 */
static int exchange(struct xc_transport *tp, const struct privcmd_msg *req,
		    uint16_t want, struct privcmd_msg *reply, int *fdp)
{
	int rc;

	if (tp->fd < 0)
		return -ECONNRESET;
	rc = send_msg(tp, req);
	while (rc == 0) {
		rc = recv_msg(tp->fd, reply, fdp, 0);
		if (rc < 0)
			break;
		uint16_t type = be16_get(reply->hdr.type);
		if (type == PRIVCMD_MSG_EVENT) {
			if (fdp && *fdp >= 0) {      /* no EVENT carries one: not ours to keep */
				close(*fdp);
				*fdp = -1;
			}
			queue_event(tp, be32_get(reply->u.event.port));
			continue;
		}
		if (type == want && be64_get(reply->hdr.seq) == tp->seq)
			return 0;
		if (fdp && *fdp >= 0)
			close(*fdp);
		rc = -EPROTO;
	}
	/*
	 * After a lost or garbled exchange we can no longer pair requests with
	 * results, so the connection is finished; later calls fail at once.
	 */
	if (rc == -ECONNRESET || rc == -EPROTO || rc == -EPIPE) {
		close(tp->fd);
		tp->fd = -1;
	}
	return rc == -EPIPE ? -ECONNRESET : rc;
}

int xc_transport_call(struct xc_transport *tp, uint32_t op,
		      const uint64_t args[PRIVCMD_NR_ARGS], int64_t *ret)
{
	struct privcmd_msg m, r;
	int rc;

	msg_init(tp, &m, PRIVCMD_MSG_HYPERCALL);
	m.u.hypercall.op = be64_mk(op);
	for (int i = 0; i < PRIVCMD_NR_ARGS; i++)
		m.u.hypercall.arg[i] = be64_mk(args[i]);
	rc = exchange(tp, &m, PRIVCMD_MSG_RESULT, &r, NULL);
	if (rc == 0)
		*ret = be64_get_s(r.u.result.ret);
	return rc;
}

/* Keep the machine fd the first MAPPED brings; refuse a second or a bad size. */
static int take_machine_fd(struct xc_transport *tp, int fd, uint64_t size)
{
	if (fd < 0)
		return tp->machine_fd >= 0 ? 0 : -EPROTO;
	if (tp->machine_fd >= 0 || size == 0 || size % XEN_PAGE_SIZE) {
		close(fd);
		return -EPROTO;
	}
	tp->machine_fd = fd;
	tp->machine_size = size;
	return 0;
}

int xc_transport_mmap(struct xc_transport *tp, uint16_t domid, uint64_t gpfn,
		      uint64_t count, uint16_t flags, struct xc_transport_run *run)
{
	struct privcmd_msg m, r;
	int fd = -1, rc;

	msg_init(tp, &m, PRIVCMD_MSG_MMAP);
	m.u.mmap.gpfn = be64_mk(gpfn);
	m.u.mmap.count = be64_mk(count);
	m.u.mmap.domid = be16_mk(domid);
	m.u.mmap.flags = be16_mk(flags);
	rc = exchange(tp, &m, PRIVCMD_MSG_MAPPED, &r, &fd);
	if (rc < 0)
		return rc;
	int64_t ret = be64_get_s(r.u.mapped.ret);
	if (ret < 0) {
		if (fd >= 0)
			close(fd);
		return ret < -XC_MAX_ERRNO ? -EPROTO : (int)ret;
	}
	run->pages = (uint64_t)ret;
	run->mfn = be64_get(r.u.mapped.mfn);
	run->map_id = be64_get(r.u.mapped.map_id);
	rc = take_machine_fd(tp, fd, be64_get(r.u.mapped.machine_size));
	/* A run must lie inside machine memory: the mapping trusts it. */
	if (rc == 0 && (run->pages == 0 || run->pages > count ||
			run->mfn > tp->machine_size / XEN_PAGE_SIZE ||
			run->pages > tp->machine_size / XEN_PAGE_SIZE - run->mfn))
		rc = -EPROTO;
	if (rc < 0)
		(void)xc_transport_munmap(tp, run->map_id);
	return rc;
}

int xc_transport_munmap(struct xc_transport *tp, uint64_t map_id)
{
	struct privcmd_msg m, r;
	int rc;

	msg_init(tp, &m, PRIVCMD_MSG_MUNMAP);
	m.u.munmap.map_id = be64_mk(map_id);
	rc = exchange(tp, &m, PRIVCMD_MSG_RESULT, &r, NULL);
	if (rc < 0)
		return rc;
	int64_t ret = be64_get_s(r.u.result.ret);
	return ret < -XC_MAX_ERRNO || ret > 0 ? -EPROTO : (int)ret;
}

int xc_transport_machine_fd(const struct xc_transport *tp)
{
	return tp->machine_fd;
}

int xc_transport_event(struct xc_transport *tp, int timeout_ms, uint32_t *port)
{
	struct privcmd_msg m;
	struct pollfd pfd;
	int rc;

	if (dequeue_event(tp, port) == 0)
		return 0;
	if (tp->fd < 0)
		return -ECONNRESET;
	pfd.fd = tp->fd;
	pfd.events = POLLIN;
	for (;;) {
		pfd.revents = 0;
		rc = poll(&pfd, 1, timeout_ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc < 0)
			return -errno;
		if (rc == 0)
			return timeout_ms == 0 ? -EAGAIN : -ETIMEDOUT;
		rc = recv_msg(tp->fd, &m, NULL, MSG_DONTWAIT);
		if (rc == -EAGAIN)
			continue;
		if (rc < 0)
			return rc;
		/* Between calls only events are legal on this connection. */
		if (be16_get(m.hdr.type) != PRIVCMD_MSG_EVENT)
			return -EPROTO;
		*port = be32_get(m.u.event.port);
		return 0;
	}
}
