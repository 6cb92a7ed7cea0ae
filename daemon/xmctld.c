/*
 * xmctld: the domain daemon.  Start-up, signals and the main loop; the
 * work is done by the modules (control, conn, dispatch, ops, store).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>
#include <libxml/parser.h>

#include "conn.h"
#include "control.h"
#include "events.h"
#include "hv.h"
#include "killpoint.h"
#include "log.h"
#include "loop.h"
#include "ops.h"
#include "options.h"
#include "pidfile.h"
#include "store.h"
#include "xmctld.h"

struct xmctld_settings xmctld;

static struct watch sigwatch = { .fd = -1 };
static struct watch hvwatch = { .fd = -1 };
static int stopping, reload, dom_exc;

uint64_t xmctld_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void on_signal(struct watch *w, uint32_t events)
{
	struct signalfd_siginfo si;

	(void)events;
	while (read(w->fd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGHUP)
			reload = 1;
		else
			stopping = 1;
	}
}

static void on_hv(struct watch *w, uint32_t events)
{
	int rc = hv_take_events();

	(void)w;
	(void)events;
	if (rc < 0) {
		log_err("lost the hypervisor connection: %s", strerror(-rc));
		stopping = 2;
	} else if (rc > 0) {
		dom_exc = 1;
	}
}

static int watch_signals(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -errno;
	signal(SIGPIPE, SIG_IGN);
	sigwatch.fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sigwatch.fd < 0)
		return -errno;
	sigwatch.fn = on_signal;
	sigwatch.events = EPOLLIN;
	return loop_add(&sigwatch);
}

static void run(void)
{
	while (!stopping) {
		int more = conn_run_ready();

		if (loop_run_once(more ? 0 : -1) < 0)
			break;
		conn_reap();
		if (dom_exc) {
			dom_exc = 0;
			ops_run_policies();
		}
		if (reload) {
			reload = 0;
			log_info("SIGHUP: re-reading the state directory");
			if (ops_reload() < 0)
				log_err("reload failed; keeping the running state");
		}
	}
}

/* Detach; the parent exits when the child reports (through a pipe) that it serves. */
static int daemonize(int *notify)
{
	int p[2];
	pid_t pid;
	char st = 1;

	if (pipe(p) < 0)
		return -errno;
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid > 0) {
		close(p[1]);
		if (read(p[0], &st, 1) != 1)
			st = 1;
		_exit(st);
	}
	close(p[0]);
	*notify = p[1];
	if (setsid() < 0 || chdir("/") < 0)
		return -errno;
	return 0;
}

static void detach_stdio(void)
{
	int fd = open("/dev/null", O_RDWR);

	if (fd < 0)
		return;
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int path_in(char *buf, size_t len, const char *dir, const char *name)
{
	return (size_t)snprintf(buf, len, "%s/%s", dir, name) < len ? 0 : -ENAMETOOLONG;
}

/* Everything before serving: pid file, hypervisor, records, socket. */
static int start(const struct options *o)
{
	char sock[PATH_MAX], pid[PATH_MAX];
	struct control_opts co;
	int rc;

	if ((rc = path_in(sock, sizeof(sock), o->rundir, XMCTLD_SOCKET_NAME)) < 0 ||
	    (rc = path_in(pid, sizeof(pid), o->rundir, XMCTLD_PID_NAME)) < 0)
		return rc;
	rc = pidfile_create(o->pidfile ? o->pidfile : pid);
	if (rc == -EEXIST) {
		log_err("another xmctld is running (pid file %s is locked)", o->pidfile ? o->pidfile : pid);
		return rc;
	}
	if (rc < 0 || (rc = loop_init()) < 0 || (rc = watch_signals()) < 0)
		return rc;
	if ((rc = hv_open(o->rundir)) < 0) {
		log_err("cannot connect to the hypervisor in %s: %s", o->rundir, strerror(-rc));
		return rc;
	}
	hv_set_change_hook(events_on_change);
	hvwatch.fd = hv_evtchn_fd();
	hvwatch.fn = on_hv;
	hvwatch.events = EPOLLIN;
	if ((rc = loop_add(&hvwatch)) < 0)
		return rc;
	if ((rc = store_init(o->statedir)) < 0) {
		log_err("state directory %s: %s", o->statedir, strerror(-rc));
		return rc;
	}
	if (ops_recover() < 0)
		return -EIO;
	/* Domains that shut down while no daemon ran get their policies now. */
	ops_run_policies();
	co.path = o->socket ? o->socket : sock;
	co.allow_uid = o->allow_uid;
	co.has_group = o->has_group;
	co.group = o->group;
	if ((rc = control_open(&co)) < 0) {
		log_err("control socket %s: %s", co.path, strerror(-rc));
		return rc;
	}
	log_info("serving on %s", co.path);
	return 0;
}

static void finish(void)
{
	control_close();
	conn_close_all();
	hv_close();
	domtab_clear();
	loop_fini();
	if (sigwatch.fd >= 0)
		close(sigwatch.fd);
	pidfile_remove();
	xmlCleanupParser();
}

int main(int argc, char **argv)
{
	struct options o;
	int rc, notify = -1;
	char st;

	rc = options_parse(argc, argv, &o);
	if (rc != 0)
		return rc > 0 ? 0 : 2;
	xmctld.rundir = o.rundir;
	xmctld.statedir = o.statedir;
	xmctld.restart_burst = o.restart_burst;
	xmctld.restart_window_s = o.restart_window_s;
	if (o.debug)
		log_set_level(LOG_DEBUG);
	if (!o.foreground && (rc = daemonize(&notify)) < 0) {
		fprintf(stderr, "xmctld: cannot detach: %s\n", strerror(-rc));
		return 1;
	}
	if (!o.foreground || o.use_syslog)
		log_use_syslog();
	LIBXML_TEST_VERSION;
	killpoint_init();
	rc = start(&o);
	st = rc < 0 ? 1 : 0;
	if (notify >= 0) {
		if (write(notify, &st, 1) != 1)
			rc = rc < 0 ? rc : -EPIPE;
		close(notify);
		detach_stdio();
	}
	if (rc == 0)
		run();
	if (stopping == 1)
		log_info("stopping");
	finish();
	return rc < 0 || stopping == 2 ? 1 : 0;
}
