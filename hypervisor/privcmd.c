/*
 * The privcmd server's listening side and event loop (the contract is in
 * privcmd.h).  One ppoll() loop serves every connection, one request at a
 * time, so the hypervisor core never needs a lock.
 */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "domain.h"
#include "fmap.h"
#include "log.h"
#include "privcmd.h"
#include "privcmd_conn.h"

/* How long accepting pauses when we run out of file descriptors. */
#define ACCEPT_PAUSE_MS 1000

struct privcmd_server {
	struct hv *hv;
	int lfd;
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	struct privcmd_acl acl;
	uid_t self_uid;
	struct conn *conns[PRIVCMD_MAX_CLIENTS];
	unsigned nr_conns;
	int accept_paused;
};

static void server_notify(void *ctx, void *owner, uint32_t port)
{
	(void)ctx;
	conn_notify(owner, port);
}

/*
 * With --allow-uid/--allow-gid the socket must be reachable by those
 * users, not only root: it belongs to the first allowed uid and gid (the
 * mode stays 0660; SO_PEERCRED at accept checks every allowed id).
 */
static int give_socket(const char *path, const struct privcmd_acl *acl)
{
	uid_t uid = acl->nr_uid ? (uid_t)acl->uid[0] : (uid_t)-1;
	gid_t gid = acl->nr_gid ? (gid_t)acl->gid[0] : (gid_t)-1;

	if ((acl->nr_uid || acl->nr_gid) && chown(path, uid, gid) != 0)
		return -errno;
	return 0;
}

/*
 * Bind under a temporary name and rename it into place after listen(), so
 * a client that waits for privcmd.sock to appear never finds a socket that
 * refuses connections.
 */
static int make_socket(struct privcmd_server *s, const char *rundir)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };

	if (snprintf(s->path, sizeof(s->path), "%s/%s", rundir, PRIVCMD_SOCKET_NAME) >=
	    (int)sizeof(s->path) ||
	    snprintf(sa.sun_path, sizeof(sa.sun_path), "%s/%s.tmp", rundir, PRIVCMD_SOCKET_NAME) >=
	    (int)sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	s->lfd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (s->lfd < 0)
		return -errno;
	/* The run directory is ours (pid file lock): leftover sockets are stale. */
	if ((unlink(s->path) != 0 && errno != ENOENT) ||
	    (unlink(sa.sun_path) != 0 && errno != ENOENT))
		return -errno;
	mode_t old = umask(0117);    /* srw-rw----: SO_PEERCRED does the rest */
	int r = bind(s->lfd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (r != 0)
		return -errno;
	if (listen(s->lfd, SOMAXCONN) != 0 || (r = give_socket(sa.sun_path, &s->acl)) != 0 ||
	    rename(sa.sun_path, s->path) != 0) {
		r = r ? r : -errno;
		unlink(sa.sun_path);
		return r;
	}
	return 0;
}

int privcmd_open(struct privcmd_server **out, struct hv *hv, const char *rundir,
                 const struct privcmd_acl *acl)
{
	struct privcmd_server *s = calloc(1, sizeof(*s));
	int r;

	if (!s)
		return -ENOMEM;
	s->hv = hv;
	s->acl = *acl;
	s->self_uid = geteuid();
	s->lfd = -1;
	r = make_socket(s, rundir);
	if (r != 0) {
		if (s->lfd >= 0)
			close(s->lfd);
		free(s);
		return r;
	}
	hv->notify = server_notify;
	hv->notify_ctx = s;
	*out = s;
	return 0;
}

static int allowed(const struct privcmd_server *s, uid_t uid, gid_t gid)
{
	if (uid == 0 || (s->acl.nr_uid == 0 && s->acl.nr_gid == 0 && uid == s->self_uid))
		return 1;
	for (unsigned i = 0; i < s->acl.nr_uid; i++)
		if (s->acl.uid[i] == uid)
			return 1;
	for (unsigned i = 0; i < s->acl.nr_gid; i++)
		if (s->acl.gid[i] == gid)
			return 1;
	return 0;
}

static void drop(struct privcmd_server *s, struct conn *cn)
{
	hv_log(HV_LOG_DEBUG, "client pid %d (slot %u) gone", (int)cn->pid, cn->slot);
	evtchn_close_owner(s->hv, cn);
	fmap_release_owner(s->hv, cn);   /* its mappings went with its process */
	s->conns[cn->slot] = NULL;
	s->nr_conns--;
	conn_end(cn);
	free(cn);
}

static void admit(struct privcmd_server *s, int fd, const struct ucred *uc)
{
	unsigned slot = 0;
	struct conn *cn;

	while (slot < PRIVCMD_MAX_CLIENTS && s->conns[slot])
		slot++;
	if (slot == PRIVCMD_MAX_CLIENTS || !(cn = calloc(1, sizeof(*cn)))) {
		privcmd_send_refused(fd, XEN_EBUSY);
		close(fd);
		return;
	}
	cn->fd = fd;
	cn->pid = uc->pid;
	cn->uid = uc->uid;
	if (conn_start(cn, slot) != 0) {
		conn_end(cn);
		free(cn);
		return;
	}
	s->conns[slot] = cn;
	s->nr_conns++;
	hv_log(HV_LOG_DEBUG, "client pid %d uid %u in slot %u", (int)uc->pid, (unsigned)uc->uid, slot);
}

static void accept_one(struct privcmd_server *s)
{
	struct ucred uc;
	socklen_t len = sizeof(uc);
	int fd = accept4(s->lfd, NULL, NULL, SOCK_CLOEXEC);

	if (fd < 0) {
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
			hv_log(HV_LOG_WARN, "accept: %s; pausing", strerror(errno));
			s->accept_paused = 1;
		}
		return;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &uc, &len) != 0 ||
	    !allowed(s, uc.uid, uc.gid)) {
		hv_log(HV_LOG_INFO, "refusing client uid %u", (unsigned)uc.uid);
		privcmd_send_refused(fd, XEN_EPERM);
		close(fd);
		return;
	}
	admit(s, fd, &uc);
}

/* One ppoll round: accept, serve readable clients, flush writable ones. */
static int poll_once(struct privcmd_server *s, const sigset_t *mask)
{
	struct pollfd pfd[PRIVCMD_MAX_CLIENTS + 2];
	struct conn *who[PRIVCMD_MAX_CLIENTS + 2];
	struct timespec pause = { ACCEPT_PAUSE_MS / 1000, 0 };
	nfds_t n = 2;

	pfd[0] = (struct pollfd){ .fd = s->accept_paused ? -1 : s->lfd, .events = POLLIN };
	/* The scrub worker's doorbell: finished blocks go back to the allocator. */
	pfd[1] = (struct pollfd){ .fd = s->hv->scrub.running ? s->hv->scrub.efd : -1, .events = POLLIN };
	for (unsigned i = 0; i < PRIVCMD_MAX_CLIENTS; i++) {
		struct conn *cn = s->conns[i];
		if (!cn)
			continue;
		short ev = (short)((cn->result_waiting ? 0 : POLLIN) | (conn_wants_out(cn) ? POLLOUT : 0));
		who[n] = cn;
		pfd[n++] = (struct pollfd){ .fd = cn->fd, .events = ev };
	}
	int r = ppoll(pfd, n, s->accept_paused ? &pause : NULL, mask);
	if (r < 0)
		return errno == EINTR ? 0 : -errno;
	s->accept_paused = 0;
	if (pfd[1].revents & POLLIN)
		mm_reap(s->hv);
	if (pfd[0].revents & POLLIN)
		accept_one(s);
	for (nfds_t i = 2; i < n; i++) {
		short re = pfd[i].revents;
		int bad = 0;
		if (re & POLLOUT)
			bad = conn_flush(who[i]) != 0;
		if (!bad && (re & POLLIN))
			bad = conn_serve(who[i], s->hv) != 0;
		else if (!bad && (re & (POLLHUP | POLLERR | POLLNVAL)))
			bad = 1;
		if (bad)
			drop(s, who[i]);
	}
	/* Replies are out: now wake the scrub worker for what calls freed. */
	scrub_kick(&s->hv->scrub);
	return 0;
}

int privcmd_run(struct privcmd_server *s, volatile sig_atomic_t *stop)
{
	sigset_t mask;

	/* Signals are blocked outside ppoll, so none slips past the check. */
	if (sigprocmask(SIG_BLOCK, NULL, &mask) != 0)
		return -errno;
	sigdelset(&mask, SIGTERM);
	sigdelset(&mask, SIGINT);
	while (!*stop) {
		int r = poll_once(s, &mask);
		if (r != 0)
			return r;
	}
	return 0;
}

void privcmd_close(struct privcmd_server *s)
{
	if (!s)
		return;
	for (unsigned i = 0; i < PRIVCMD_MAX_CLIENTS; i++)
		if (s->conns[i])
			drop(s, s->conns[i]);
	s->hv->notify = NULL;
	if (s->lfd >= 0)
		close(s->lfd);
	unlink(s->path);
	free(s);
}
