/*
 * xenppc-hv: the bundled hypervisor core.  Parses options, takes the run
 * directory, builds the machine and dom0, then serves privcmd.sock until
 * SIGTERM or SIGINT.  Exit status: 0 clean stop, 1 start-up failure,
 * 2 bad option or run directory in use.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hcall.h"
#include "log.h"
#include "options.h"
#include "pidfile.h"
#include "privcmd.h"

static volatile sig_atomic_t stop_requested;

static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

/* Handlers without SA_RESTART; the signals stay blocked except in ppoll. */
static int setup_signals(void)
{
	struct sigaction sa;
	sigset_t block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	if (sigaction(SIGTERM, &sa, NULL) != 0 || sigaction(SIGINT, &sa, NULL) != 0)
		return -1;
	sa.sa_handler = SIG_IGN;
	if (sigaction(SIGPIPE, &sa, NULL) != 0)
		return -1;
	return sigprocmask(SIG_BLOCK, &block, NULL);
}

/* Fork into the background; the parent records the child's pid and exits. */
static int daemonize(int pidfd)
{
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid > 0) {
		pidfile_write(pidfd, pid);
		_exit(0);
	}
	if (setsid() < 0)
		return -1;
	int nul = open("/dev/null", O_RDWR);
	if (nul >= 0) {
		dup2(nul, STDIN_FILENO);
		dup2(nul, STDOUT_FILENO);
		dup2(nul, STDERR_FILENO);
		if (nul > STDERR_FILENO)
			close(nul);
	}
	return 0;
}

static int serve(const struct hv_options *o, int pidfd)
{
	struct hv hv;
	struct privcmd_server *srv = NULL;
	struct hv_config cfg = o->cfg;
	int r;

	cfg.scrub_async = false;     /* the worker thread starts after fork() */
	r = hv_init(&hv, &cfg);

	if (r != 0)
		return 1;
	r = privcmd_open(&srv, &hv, o->rundir, &o->acl);
	if (r != 0) {
		hv_log(HV_LOG_ERR, "%s/%s: %s", o->rundir, PRIVCMD_SOCKET_NAME, strerror(-r));
		hv_fini(&hv);
		return 1;
	}
	if (!o->foreground && daemonize(pidfd) != 0)
		r = -errno;
	else if (o->foreground)
		r = pidfile_write(pidfd, getpid());
	if (r == 0 && o->cfg.scrub_async)
		hv_start_scrubber(&hv);
	hv_log(HV_LOG_INFO, "serving %s/%s", o->rundir, PRIVCMD_SOCKET_NAME);
	if (r == 0)
		r = privcmd_run(srv, &stop_requested);
	if (r != 0)
		hv_log(HV_LOG_ERR, "stopping: %s", strerror(-r));
	else
		hv_log(HV_LOG_INFO, "stopping on signal");
	privcmd_close(srv);
	hv_fini(&hv);
	return r == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct hv_options o;
	char err[HV_ERRMSG_MAX];
	pid_t holder;
	int pidfd, rc;

	if (options_parse(argc, argv, &o, err, sizeof(err)) != 0) {
		fprintf(stderr, "xenppc-hv: %s\n", err);
		return 2;
	}
	if (o.help) {
		options_usage(stdout);
		return 0;
	}
	rc = pidfile_lock(o.rundir, &pidfd, &holder);
	if (rc == -EBUSY) {
		fprintf(stderr, "xenppc-hv: run directory %s is in use (pid %d)\n", o.rundir, (int)holder);
		return 2;
	}
	if (rc != 0) {
		fprintf(stderr, "xenppc-hv: run directory %s: %s\n", o.rundir, strerror(-rc));
		return 2;
	}
	FILE *log = o.logfile ? fopen(o.logfile, "ae") : NULL;
	if (o.logfile && !log) {
		fprintf(stderr, "xenppc-hv: log file %s: %s\n", o.logfile, strerror(errno));
		pidfile_remove(o.rundir, pidfd);
		return 2;
	}
	hv_log_set_file(log);
	hv_log_set_level(o.trace ? HV_LOG_DEBUG : HV_LOG_INFO);
	hv_dispatch_set_trace(o.trace);
	if (setup_signals() != 0) {
		fprintf(stderr, "xenppc-hv: signals: %s\n", strerror(errno));
		return 1;
	}
	rc = serve(&o, pidfd);
	pidfile_remove(o.rundir, pidfd);
	if (log)
		fclose(log);
	return rc;
}
