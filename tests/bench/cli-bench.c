/*
 * cli-bench: xmctl as whole processes against a real xenppc-hv.
 *
 *   1. the baseline: /bin/true, forked and waited for, p50 / p90;
 *   2. `xmctl create` of a 64 MiB domain from a config file, p50 / p90
 *      (target: p50 <= 8 ms);
 *   3. 100 domains created by a shell loop: total and per domain;
 *   4. `xmctl list` (and --json) with 1000 domains, p50 / p90
 *      (target: <= 15 ms), on the direct path and through xmctld.  The
 *      1000 domains are created through libxc-ppc directly, which is not
 *      what is measured.
 *
 * usage: cli-bench [RUNS]     (default 30 runs per figure)
 *
 * It finds xmctl next to itself in the build tree (tests/bench/../../),
 * and xenppc-hv and mkkernel in $NATIVE_BUILDDIR if set, else the same
 * tree.  Not run by `make check`; scripts/bench.sh runs it.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <xenctrl.h>

#define MAX_RUNS       200
#define LIST_DOMAINS   1000
#define LOOP_DOMAINS   100
#define HV_MEMORY      "72G"    /* 1000 RMAs of 64 MiB, dom0, and room: sparse */
#define START_TIMEOUT_MS 10000

static char builddir[PATH_MAX], hvdir[PATH_MAX], rundir[PATH_MAX], xmctl[PATH_MAX + 16];
static pid_t hv_pid;

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Runs argv with stdout to /dev/null; its wall time in ms, or -1 if it failed. */
static double run(char *const argv[])
{
	double t0 = now_ms();
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, STDOUT_FILENO);
		execv(argv[0], argv);   /* xmctl --direct is not forced: no daemon runs but in 4 */
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return now_ms() - t0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void report(const char *what, double *t, int n)
{
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	printf("%-44s p50 %7.2f ms   p90 %7.2f ms   (%d runs)\n", what, t[n / 2], t[n * 9 / 10], n);
}

static int start_hv(void)
{
	char hv[PATH_MAX + 32], sock[PATH_MAX + 32];
	double t0 = now_ms();

	snprintf(hv, sizeof(hv), "%s/xenppc-hv", hvdir);
	snprintf(sock, sizeof(sock), "%s/privcmd.sock", rundir);
	hv_pid = fork();
	if (hv_pid < 0)
		return -1;
	if (hv_pid == 0) {
		execl(hv, hv, "--rundir", rundir, "--foreground", "--memory", HV_MEMORY,
		      "--dom0-memory", "192M", "--log", "/dev/null", (char *)NULL);
		_exit(127);
	}
	while (access(sock, F_OK) != 0) {
		if (now_ms() - t0 > START_TIMEOUT_MS || waitpid(hv_pid, NULL, WNOHANG) != 0)
			return fprintf(stderr, "cli-bench: %s did not start\n", hv), -1;
		usleep(20000);
	}
	return 0;
}

static void stop_hv(void)
{
	if (hv_pid > 0) {
		kill(hv_pid, SIGTERM);
		waitpid(hv_pid, NULL, 0);
		hv_pid = 0;
	}
}

static int make_files(void)
{
	char k[PATH_MAX + 32], mk[PATH_MAX + 32], cfg[PATH_MAX + 32];
	char *argv[] = { mk, k, NULL };
	FILE *f;

	snprintf(mk, sizeof(mk), "%s/tests/builder/mkkernel", hvdir);
	snprintf(k, sizeof(k), "%s/vmlinux", rundir);
	if (run(argv) < 0)
		return fprintf(stderr, "cli-bench: %s failed\n", mk), -1;
	snprintf(cfg, sizeof(cfg), "%s/bench.cfg", rundir);
	f = fopen(cfg, "w");
	if (f == NULL)
		return -1;
	fprintf(f, "name = \"bench\"\nmemory = 64\nkernel = \"%s\"\n", k);
	return fclose(f);
}

/* Runs `xmctl --rundir R ARGS...`; wall time in ms or -1. */
static double xm(const char *a1, const char *a2, const char *a3, const char *a4)
{
	char *argv[] = { xmctl, "--rundir", rundir, (char *)a1, (char *)a2, (char *)a3,
	                 (char *)a4, NULL };

	return run(argv);
}

static int bench_create(int runs, double *t)
{
	char cfg[PATH_MAX + 32], name[64];

	snprintf(cfg, sizeof(cfg), "%s/bench.cfg", rundir);
	for (int i = 0; i < runs; i++) {
		snprintf(name, sizeof(name), "name=c%d", i);
		t[i] = xm("create", "-q", cfg, name);
		if (t[i] < 0)
			return fprintf(stderr, "cli-bench: xmctl create failed\n"), -1;
		snprintf(name, sizeof(name), "c%d", i);
		if (xm("destroy", name, NULL, NULL) < 0)
			return -1;
	}
	report("xmctl create (64 MiB domain), whole process", t, runs);
	return 0;
}

static int bench_loop(void)
{
	char script[PATH_MAX * 3 + 256];
	char *argv[] = { "/bin/sh", "-c", script, NULL };
	double t;

	snprintf(script, sizeof(script),
	         "i=0; while [ $i -lt %d ]; do i=$((i+1)); "
	         "'%s' --rundir '%s' create -q '%s/bench.cfg' name=loop$i || exit 1; done",
	         LOOP_DOMAINS, xmctl, rundir, rundir);
	t = run(argv);
	if (t < 0)
		return fprintf(stderr, "cli-bench: the create loop failed\n"), -1;
	printf("%-44s total %7.1f ms   %.2f ms per domain\n", "100 domains created by a shell loop",
	       t, t / LOOP_DOMAINS);
	snprintf(script, sizeof(script),
	         "i=0; while [ $i -lt %d ]; do i=$((i+1)); "
	         "'%s' --rundir '%s' destroy loop$i || exit 1; done", LOOP_DOMAINS, xmctl, rundir);
	return run(argv) < 0 ? -1 : 0;
}

/* 1000 domains with just their RMA, through the library (not measured). */
static int populate(void)
{
	xc_interface *xch = xc_interface_open_rundir(rundir, NULL, 0);
	char name[32];
	int rc = 0;

	if (xch == NULL)
		return fprintf(stderr, "cli-bench: cannot connect: %s\n", strerror(errno)), -1;
	for (int i = 0; rc == 0 && i < LIST_DOMAINS; i++) {
		uint32_t domid = 0;
		uint8_t uuid[16] = { 0xbe, 0x0c, (uint8_t)(i >> 8), (uint8_t)i };

		rc = xc_domain_create(xch, 0, uuid, 0, 0, &domid);
		snprintf(name, sizeof(name), "list%04d", i);
		if (rc == 0)
			rc = xc_domain_setname(xch, domid, name);
	}
	if (rc < 0)
		fprintf(stderr, "cli-bench: creating the %d domains: %s\n", LIST_DOMAINS,
		        xc_strerror(xch, rc));
	xc_interface_close(xch);
	return rc < 0 ? -1 : 0;
}

/*
 * Where list's time goes, in-process: the domain records come in batches,
 * and so do the names (getnamelist, what xmctl list uses); one getname
 * hypercall per domain is shown beside it for comparison.
 */
static void breakdown(void)
{
	xc_interface *xch = xc_interface_open_rundir(rundir, NULL, 0);
	xc_dominfo_t *info = calloc(LIST_DOMAINS + 1, sizeof(*info));
	xc_domname_t *names = calloc(LIST_DOMAINS + 1, sizeof(*names));
	char name[XC_DOMAIN_NAME_MAX];
	double t0, t1, t2, t3;
	int n;

	if (xch == NULL || info == NULL || names == NULL)
		goto out;
	t0 = now_ms();
	n = xc_domain_getinfolist(xch, 0, LIST_DOMAINS + 1, info);
	t1 = now_ms();
	xc_domain_getnamelist(xch, 0, LIST_DOMAINS + 1, names);
	t2 = now_ms();
	for (int i = 0; i < n; i++)
		xc_domain_getname(xch, info[i].domid, name, sizeof(name));
	t3 = now_ms();
	printf("%-44s %7.2f ms for the records, %7.2f ms for %d names\n",
	       "  in-process: getinfolist / getnamelist", t1 - t0, t2 - t1, n);
	printf("%-44s %7.2f ms for %d names\n", "  in-process: getname per domain",
	       t3 - t2, n);
out:
	free(names);
	free(info);
	xc_interface_close(xch);
}

static int bench_list(int runs, double *t)
{
	if (populate() < 0)
		return -1;
	breakdown();
	for (int i = 0; i < runs; i++)
		if ((t[i] = xm("list", NULL, NULL, NULL)) < 0)
			return -1;
	report("xmctl list, 1000 domains (target <= 15 ms)", t, runs);
	for (int i = 0; i < runs; i++)
		if ((t[i] = xm("list", "--json", NULL, NULL)) < 0)
			return -1;
	report("xmctl list --json, 1000 domains", t, runs);
	return 0;
}

/* The same list through xmctld, which keeps the names it learnt. */
static int bench_list_daemon(int runs, double *t)
{
	char d[PATH_MAX + 16], state[PATH_MAX + 16], sock[PATH_MAX + 16];
	double t0 = now_ms();
	pid_t pid;
	int rc = 0;

	snprintf(d, sizeof(d), "%s/xmctld", hvdir);
	snprintf(state, sizeof(state), "%s/state", rundir);
	snprintf(sock, sizeof(sock), "%s/xmctld.sock", rundir);
	if (access(d, X_OK) != 0 || mkdir(state, 0700) < 0) {
		printf("%-44s (no xmctld built: skipped)\n", "xmctl list through xmctld");
		return 0;
	}
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, STDERR_FILENO);
		execl(d, d, "--rundir", rundir, "--statedir", state, "--foreground", (char *)NULL);
		_exit(127);
	}
	while (access(sock, F_OK) != 0 && now_ms() - t0 < START_TIMEOUT_MS)
		usleep(20000);
	for (int i = 0; rc == 0 && i < runs; i++)
		if ((t[i] = xm("list", NULL, NULL, NULL)) < 0)
			rc = -1;
	if (rc == 0)
		report("xmctl list through xmctld, 1000 domains", t, runs);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	return rc;
}

static int setup(const char *argv0)
{
	char self[PATH_MAX], *dir;
	const char *native = getenv("NATIVE_BUILDDIR");

	if (realpath(argv0, self) == NULL)
		return fprintf(stderr, "cli-bench: %s: %s\n", argv0, strerror(errno)), -1;
	dir = dirname(dirname(dirname(self)));   /* .../tests/bench/cli-bench */
	snprintf(builddir, sizeof(builddir), "%s", dir);
	snprintf(hvdir, sizeof(hvdir), "%s", native && native[0] ? native : builddir);
	snprintf(xmctl, sizeof(xmctl), "%s/cli/xmctl", builddir);
	snprintf(rundir, sizeof(rundir), "%s/cli-bench.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(rundir) == NULL)
		return fprintf(stderr, "cli-bench: mkdtemp: %s\n", strerror(errno)), -1;
	return 0;
}

int main(int argc, char **argv)
{
	static double t[MAX_RUNS];
	char *truev[] = { "/bin/true", NULL };
	int runs = argc > 1 ? atoi(argv[1]) : 30, rc = 1;
	char cmd[PATH_MAX + 16];

	if (runs < 1 || runs > MAX_RUNS)
		return fprintf(stderr, "usage: cli-bench [RUNS 1..%d]\n", MAX_RUNS), 2;
	if (setup(argv[0]) < 0)
		return 1;
	printf("cli-bench: %s against %s/xenppc-hv\n", xmctl, hvdir);
	for (int i = 0; i < runs; i++)
		t[i] = run(truev);
	report("baseline: /bin/true, whole process", t, runs);
	if (start_hv() == 0 && make_files() == 0 && bench_create(runs, t) == 0 &&
	    bench_loop() == 0 && bench_list(runs, t) == 0 && bench_list_daemon(runs, t) == 0)
		rc = 0;
	for (int i = 0; i < runs; i++)
		t[i] = run(truev);
	report("baseline again: /bin/true", t, runs);
	stop_hv();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", rundir);
	if (system(cmd) != 0)
		fprintf(stderr, "cli-bench: could not remove %s\n", rundir);
	return rc;
}
