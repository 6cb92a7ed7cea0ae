/*
 * A privcmd connection: window set-up, one request at a time (HYPERCALL,
 * MMAP, MUNMAP), and the replies and EVENT messages that could not be
 * sent at once.
 *
 * Sends never block: a client that stops reading cannot stall the
 * hypervisor.  A reply that does not fit waits (and the connection is
 * not read until it is out); EVENTs that do not fit become bits in a
 * pending map, so they coalesce per port like Xen's pending bits.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "domain.h"
#include "fmap.h"
#include "hcall.h"
#include "log.h"
#include "privcmd_conn.h"

static void msg_init(struct privcmd_msg *m, uint16_t type, uint64_t seq)
{
	memset(m, 0, sizeof(*m));
	m->hdr = privcmd_hdr_mk(type, seq);
}

/* What a send's return means: 1 sent, 0 the socket is full, -1 gone. */
static int sent(ssize_t n)
{
	if (n == (ssize_t)sizeof(struct privcmd_msg))
		return 1;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS))
		return 0;
	return -1;
}

static int send_msg(int fd, const struct privcmd_msg *m)
{
	return sent(send(fd, m, sizeof(*m), MSG_DONTWAIT | MSG_NOSIGNAL));
}

/* send_msg with passfd attached (SCM_RIGHTS): sendmsg's answer. */
static ssize_t send_msg_fd(int fd, const struct privcmd_msg *m, int passfd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = (void *)m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
	                     .msg_control = cbuf, .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;

	memset(cbuf, 0, sizeof(cbuf));
	cm = CMSG_FIRSTHDR(&mh);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &passfd, sizeof(int));
	return sendmsg(fd, &mh, MSG_NOSIGNAL | MSG_DONTWAIT);
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

	msg_init(&m, PRIVCMD_MSG_WINDOW, 0);
	m.u.window.window_gpa = be64_mk(cn->gpa);
	m.u.window.window_size = be64_mk(PRIVCMD_WINDOW_SIZE);
	m.u.window.domid = be16_mk(0);
	ssize_t n = send_msg_fd(cn->fd, &m, memfd);
	if (n == (ssize_t)sizeof(m))
		return 0;
	return n < 0 ? -errno : -EIO;
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
	    be16_get(m->hdr.version) != PRIVCMD_VERSION)
		return -1;
	switch (be16_get(m->hdr.type)) {
	case PRIVCMD_MSG_HYPERCALL:
	case PRIVCMD_MSG_MMAP:
	case PRIVCMD_MSG_MUNMAP:
		return 0;
	default:
		return -1;
	}
}

/* Start the reply to the request with seq; conn_flush sends it. */
static struct privcmd_msg *reply(struct conn *cn, uint16_t type, uint64_t seq)
{
	msg_init(&cn->result, type, seq);
	cn->result_fd = false;
	cn->result_waiting = true;
	return &cn->result;
}

static void serve_hypercall(struct conn *cn, struct hv *hv, const struct privcmd_msg *m)
{
	struct hv_call c = {
		.hv = hv,
		.caller = domain_get(hv, 0),
		.guest = { .xlate = conn_xlate, .ctx = cn },
		.owner = cn,
		.op = be64_get(m->u.hypercall.op),
	};
	for (unsigned i = 0; i < PRIVCMD_NR_ARGS; i++)
		c.arg[i] = be64_get(m->u.hypercall.arg[i]);
	int64_t ret = c.caller ? hv_dispatch(&c) : -ESRCH;
	be64_put_s(&reply(cn, PRIVCMD_MSG_RESULT, be64_get(m->hdr.seq))->u.result.ret, ret);
}

/*
 * MMAP -> MAPPED.  The tool maps the machine fd, so the first MAPPED that
 * gives it something to map carries the fd; it keeps it for the others.
 */
static void serve_mmap(struct conn *cn, struct hv *hv, const struct privcmd_msg *m)
{
	uint64_t mfn = 0, id = 0;
	int64_t ret = fmap_map(hv, cn, be16_get(m->u.mmap.domid), be64_get(m->u.mmap.gpfn),
	                       be64_get(m->u.mmap.count), be16_get(m->u.mmap.flags), &mfn, &id);
	struct privcmd_msg *r = reply(cn, PRIVCMD_MSG_MAPPED, be64_get(m->hdr.seq));

	be64_put_s(&r->u.mapped.ret, ret);
	r->u.mapped.mfn = be64_mk(mfn);
	r->u.mapped.map_id = be64_mk(id);
	r->u.mapped.machine_size = be64_mk(hv->mach.nr_pages * XEN_PAGE_SIZE);
	cn->result_fd = ret > 0 && !cn->machine_fd_sent;
	cn->machine_fd = hv->mach.fd;
}

static void serve_munmap(struct conn *cn, struct hv *hv, const struct privcmd_msg *m)
{
	int ret = fmap_unmap(hv, cn, be64_get(m->u.munmap.map_id));
	be64_put_s(&reply(cn, PRIVCMD_MSG_RESULT, be64_get(m->hdr.seq))->u.result.ret, ret);
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
	switch (be16_get(m.hdr.type)) {
	case PRIVCMD_MSG_MMAP:
		serve_mmap(cn, hv, &m);
		break;
	case PRIVCMD_MSG_MUNMAP:
		serve_munmap(cn, hv, &m);
		break;
	default:
		serve_hypercall(cn, hv, &m);
		break;
	}
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
		/* A reply that waited still carries its fd when it goes. */
		int r = cn->result_fd ? sent(send_msg_fd(cn->fd, &cn->result, cn->machine_fd)) :
		        send_msg(cn->fd, &cn->result);
		if (r < 0)
			return -1;
		if (r == 0)
			return 0;
		cn->machine_fd_sent |= cn->result_fd;
		cn->result_fd = false;
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
