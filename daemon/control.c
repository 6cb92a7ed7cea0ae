/*
 * The control socket (control.h).
 *
 * Authority comes from the kernel, not from anything the client says: at
 * accept we read the peer's uid and gids with SO_PEERCRED (and
 * SO_PEERGROUPS for supplementary groups).  Root and the allowed uid may
 * do everything; members of the configured group may call read-only
 * methods; anyone else gets one PERMISSION error and is disconnected.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "conn.h"
#include "control.h"
#include "jsonrpc.h"
#include "log.h"
#include "loop.h"
#include "protocol.h"

/* Most supplementary groups read with SO_PEERGROUPS. */
#define CONTROL_MAX_GROUPS 256

static struct control_opts opts;
static char sock_path[sizeof(((struct sockaddr_un *)0)->sun_path)];
static struct watch lwatch = { .fd = -1 };
static int paused;

/* Is gid among the peer's groups (primary or supplementary)? */
static int peer_in_group(int fd, gid_t pgid, gid_t gid)
{
#ifdef SO_PEERGROUPS
	gid_t groups[CONTROL_MAX_GROUPS];
	socklen_t len = sizeof(groups);
	size_t i;

	if (pgid == gid)
		return 1;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) < 0)
		return 0;
	for (i = 0; i < len / sizeof(gid_t); i++)
		if (groups[i] == gid)
			return 1;
	return 0;
#else
	(void)fd;
	return pgid == gid;
#endif
}

/* The single refusal path: one typed error, then close. */
static void refuse(int fd, const char *why)
{
	struct buf out = { 0 };
	struct rpc_error err;

	rpc_fail(&err, XMCTLD_E_PERMISSION, "permission denied: %s", why);
	if (rpc_write_error(&out, NULL, &err) == 0)
		(void)send(fd, buf_head(&out), buf_avail(&out), MSG_NOSIGNAL | MSG_DONTWAIT);
	buf_free(&out);
	close(fd);
}

static void accept_one(int fd)
{
	struct ucred cr;
	socklen_t len = sizeof(cr);
	int may_write;

	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0 || len != sizeof(cr)) {
		refuse(fd, "peer credentials unavailable");
		return;
	}
	may_write = cr.uid == 0 || cr.uid == opts.allow_uid;
	if (!may_write && !(opts.has_group && peer_in_group(fd, cr.gid, opts.group))) {
		log_info("refused connection from uid %ld pid %ld", (long)cr.uid, (long)cr.pid);
		refuse(fd, "uid not allowed");
		return;
	}
	if (conn_count() >= XMCTLD_MAX_CLIENTS) {
		struct buf out = { 0 };
		struct rpc_error err;

		rpc_fail(&err, XMCTLD_E_BUSY, "too many clients (limit %d)", XMCTLD_MAX_CLIENTS);
		if (rpc_write_error(&out, NULL, &err) == 0)
			(void)send(fd, buf_head(&out), buf_avail(&out), MSG_NOSIGNAL | MSG_DONTWAIT);
		buf_free(&out);
		close(fd);
		return;
	}
	if (conn_new(fd, cr.uid, cr.gid, cr.pid, may_write) < 0)
		log_warn("could not take a connection from pid %ld", (long)cr.pid);
}

static void on_listen(struct watch *w, uint32_t events)
{
	int fd;

	(void)events;
	for (;;) {
		fd = accept4(w->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd >= 0) {
			accept_one(fd);
			continue;
		}
		if (errno == EINTR || errno == ECONNABORTED)
			continue;
		if (errno == EMFILE || errno == ENFILE) {
			/* Out of descriptors: stop accepting until a client leaves. */
			log_warn("out of file descriptors: pausing accept");
			if (loop_mod(w, 0) == 0)
				paused = 1;
		}
		return;
	}
}

void control_resume(void)
{
	if (paused && lwatch.fd >= 0 && loop_mod(&lwatch, EPOLLIN) == 0)
		paused = 0;
}

static int set_owner_mode(const struct control_opts *o, const char *path)
{
	gid_t gid = o->has_group ? o->group : (gid_t)-1;
	mode_t mode = o->has_group ? 0660 : 0600;

	if ((o->allow_uid != 0 || o->has_group) && chown(path, o->allow_uid, gid) < 0)
		return -errno;
	return chmod(path, mode) < 0 ? -errno : 0;
}

/*
 * The socket is bound as PATH.tmp and renamed to PATH once it listens
 * with its owner and mode: a client that sees PATH can connect at once
 * (xmctl, finding it refused, would quietly take the direct path).
 */
int control_open(const struct control_opts *o)
{
	struct sockaddr_un sa;
	mode_t old;
	int fd, rc;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(o->path) + 4 >= sizeof(sa.sun_path))
		return -ENAMETOOLONG;
	/* Keep our own copy: the path is unlinked at exit. */
	strcpy(sock_path, o->path);
	opts = *o;
	opts.path = sock_path;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s.tmp", o->path);
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	/* Stale sockets of a killed daemon; the pid file guards a live one. */
	if (unlink(sa.sun_path) < 0 && errno != ENOENT) {
		rc = -errno;
		goto fail;
	}
	/* Created 0600 from the start: no window where others could connect. */
	old = umask(0177);
	rc = bind(fd, (struct sockaddr *)&sa, sizeof(sa));
	umask(old);
	if (rc < 0 || listen(fd, SOMAXCONN) < 0) {
		rc = -errno;
		goto fail_unlink;
	}
	rc = set_owner_mode(o, sa.sun_path);
	if (rc == 0 && rename(sa.sun_path, o->path) < 0)
		rc = -errno;
	if (rc < 0)
		goto fail_unlink;
	lwatch.fd = fd;
	lwatch.fn = on_listen;
	lwatch.events = EPOLLIN;
	rc = loop_add(&lwatch);
	if (rc < 0) {
		(void)unlink(o->path);
		goto fail;
	}
	return 0;
fail_unlink:
	(void)unlink(sa.sun_path);
fail:
	close(fd);
	lwatch.fd = -1;
	return rc;
}

void control_close(void)
{
	if (lwatch.fd < 0)
		return;
	loop_del(&lwatch);
	close(lwatch.fd);
	lwatch.fd = -1;
	(void)unlink(opts.path);
}
