/* Start and stop a real xenppc-hv for a test (see hvfix.h). */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "hvfix.h"

/* Grace period between SIGTERM and SIGKILL. */
#define HVFIX_STOP_TIMEOUT_MS 5000

/*
 * The build puts xenppc-hv at the top of the build tree; hypervisor/ is
 * accepted too, in case the layout changes.
 */
static void hv_path(char *buf, size_t len)
{
	const char *p = getenv("XENPPC_HV");
	const char *native = getenv("NATIVE_BUILDDIR");
	const char *top = getenv("abs_top_builddir");
	const char *dir = native && *native ? native : top && *top ? top : ".";

	if (p && *p) {
		snprintf(buf, len, "%s", p);
		return;
	}
	snprintf(buf, len, "%s/hypervisor/xenppc-hv", dir);
	if (access(buf, X_OK) != 0)
		snprintf(buf, len, "%s/xenppc-hv", dir);
}

int hv_exists(void)
{
	char path[512];

	hv_path(path, sizeof(path));
	return access(path, X_OK) == 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * The socket file appears at bind(), a moment before listen(): only a
 * successful connect says the hypervisor is ready.
 */
static int sock_ready(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int fd, ok;

	if (strlen(path) >= sizeof(sa.sun_path))
		return 0;
	memcpy(sa.sun_path, path, strlen(path) + 1);
	fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return 0;
	ok = connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(fd);
	return ok;
}

static void rm_rundir(const char *dir)
{
	char cmd[256];
	/* The run dir holds only the hypervisor's socket, pid file and log. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "hvfix: could not remove %s\n", dir);
}

static void exec_hv(struct hvfix *hv, const char *memory, const char *const *extra)
{
	char path[512];
	const char *argv[HVFIX_MAX_ARGS + 1];
	int n = 0;

	hv_path(path, sizeof(path));
	argv[n++] = path;
	argv[n++] = "--foreground";
	argv[n++] = "--rundir";
	argv[n++] = hv->rundir;
	argv[n++] = "--memory";
	argv[n++] = memory;
	for (int i = 0; extra && extra[i] && n < HVFIX_MAX_ARGS; i++)
		argv[n++] = extra[i];
	argv[n] = NULL;
	/* Never outlive the test, even if it crashes. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	execv(path, (char *const *)argv);
	fprintf(stderr, "hvfix: cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

int hv_start(struct hvfix *hv, const char *memory, const char *const *extra)
{
	int status;

	memset(hv, 0, sizeof(*hv));
	snprintf(hv->rundir, sizeof(hv->rundir), "/tmp/xcfix.XXXXXX");
	if (!mkdtemp(hv->rundir)) {
		perror("hvfix: mkdtemp");
		return -1;
	}
	snprintf(hv->sock, sizeof(hv->sock), "%s/privcmd.sock", hv->rundir);
	hv->pid = fork();
	if (hv->pid < 0) {
		perror("hvfix: fork");
		return -1;
	}
	if (hv->pid == 0)
		exec_hv(hv, memory, extra);
	for (int waited = 0; waited < HVFIX_START_TIMEOUT_MS; waited += 10) {
		if (sock_ready(hv->sock)) {
			setenv("XENPPC_RUNDIR", hv->rundir, 1);
			return 0;
		}
		if (waitpid(hv->pid, &status, WNOHANG) == hv->pid) {
			fprintf(stderr, "hvfix: xenppc-hv exited at start (status %#x)\n", status);
			hv->pid = 0;
			return -1;
		}
		sleep_ms(10);
	}
	fprintf(stderr, "hvfix: xenppc-hv did not create %s\n", hv->sock);
	hv_stop(hv);
	return -1;
}

void hv_stop(struct hvfix *hv)
{
	int status;

	if (hv->pid > 0) {
		kill(hv->pid, SIGTERM);
		for (int waited = 0;; waited += 10) {
			if (waitpid(hv->pid, &status, WNOHANG) == hv->pid)
				break;
			if (waited == HVFIX_STOP_TIMEOUT_MS) {
				fprintf(stderr, "hvfix: xenppc-hv ignored SIGTERM, killing it\n");
				kill(hv->pid, SIGKILL);
				waitpid(hv->pid, &status, 0);
				break;
			}
			sleep_ms(10);
		}
		hv->pid = 0;
	}
	if (hv->rundir[0]) {
		rm_rundir(hv->rundir);
		hv->rundir[0] = '\0';
	}
}

int hv_alive(struct hvfix *hv)
{
	pid_t r;

	if (hv->pid <= 0)
		return 0;
	r = waitpid(hv->pid, NULL, WNOHANG);
	if (r == 0)
		return 1;
	/* Check forks each test: there the hypervisor is not our child. */
	if (r < 0 && errno == ECHILD)
		return kill(hv->pid, 0) == 0;
	hv->pid = 0;         /* it exited and is reaped: nothing to stop */
	return 0;
}

long hv_rss_kb(const struct hvfix *hv)
{
	char path[64], line[256];
	long kb = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)hv->pid);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}
