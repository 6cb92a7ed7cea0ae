/* Daemon benchmark fixture (daemon-fix.h). */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "daemon-fix.h"

/* The build tree: $abs_top_builddir, else three levels above this program. */
static void find_builddir(char *buf, size_t len)
{
	const char *b = getenv("abs_top_builddir");
	char exe[PATH_MAX];
	ssize_t n;
	int i;

	if (b && *b) {
		snprintf(buf, len, "%s", b);
		return;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	for (i = 0; i < 3; i++) {
		char *slash = strrchr(exe, '/');

		if (slash)
			*slash = '\0';
	}
	snprintf(buf, len, "%s", exe);
	/* hvfix finds the hypervisor through it. */
	setenv("abs_top_builddir", buf, 0);
}

int dfix_daemon_start(struct dfix *f)
{
	int status;

	f->daemon = xd_daemon_start(f->xmctld, f->hv.rundir, f->state, f->sock, NULL, NULL);
	if (f->daemon < 0 || xd_daemon_wait(f->daemon, f->sock, 60000, &status) < 0) {
		fprintf(stderr, "bench: xmctld did not start\n");
		return -1;
	}
	f->c = xmctld_client_open_path(f->sock);
	return f->c ? 0 : -1;
}

void dfix_daemon_stop(struct dfix *f)
{
	xmctld_client_close(f->c);
	f->c = NULL;
	if (f->daemon > 0)
		xd_daemon_stop(f->daemon);
	f->daemon = 0;
}

int dfix_start(struct dfix *f, const char *memory, int with_daemon)
{
	char top[PATH_MAX], cmd[PATH_MAX + 300];

	memset(f, 0, sizeof(*f));
	find_builddir(top, sizeof(top));
	if ((size_t)snprintf(f->xmctld, sizeof(f->xmctld), "%s/xmctld", top) >= sizeof(f->xmctld))
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/xmctld-bench.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->state, sizeof(f->state), "%s/state", f->dir);
	snprintf(f->sock, sizeof(f->sock), "%s/xmctld.sock", f->dir);
	snprintf(f->kernel, sizeof(f->kernel), "%s/vmlinux", f->dir);
	snprintf(cmd, sizeof(cmd), "'%s/tests/builder/mkkernel' '%s' >/dev/null", top, f->kernel);
	if (system(cmd) != 0) {
		fprintf(stderr, "bench: cannot make a test kernel\n");
		return -1;
	}
	snprintf(cmd, sizeof(cmd), "%s/daemon.log", f->dir);
	setenv("XD_DAEMON_LOG", cmd, 1);
	if (hv_start(&f->hv, memory, NULL) < 0)
		return -1;
	return with_daemon ? dfix_daemon_start(f) : 0;
}

void dfix_stop(struct dfix *f)
{
	char cmd[300];

	dfix_daemon_stop(f);
	hv_stop(&f->hv);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench: cannot remove %s\n", f->dir);
}

int dfix_call(struct dfix *f, const char *method, const char *params)
{
	xmctld_result *r = NULL;
	int rc = xd_call(f->c, method, params, &r);

	xmctld_result_free(r);
	return rc < 0 ? -1 : 0;
}

long dfix_daemon_rss_kb(const struct dfix *f)
{
	char path[64], line[256];
	long kb = -1;
	FILE *fp;

	snprintf(path, sizeof(path), "/proc/%ld/status", (long)f->daemon);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	while (fgets(line, sizeof(line), fp))
		if (sscanf(line, "VmRSS: %ld kB", &kb) == 1)
			break;
	fclose(fp);
	return kb;
}

double dfix_daemon_cpu_ms(const struct dfix *f)
{
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	FILE *fp;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%ld/stat", (long)f->daemon);
	fp = fopen(path, "r");
	if (!fp)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	fclose(fp);
	buf[n] = '\0';
	/* Fields 14 and 15, counted after the ")" that ends the command name. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) * 1000.0 / (double)sysconf(_SC_CLK_TCK);
}

uint64_t dfix_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

double dfix_pct_us(uint64_t *v, int n, int p)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_u64);
	return v[(size_t)n * (size_t)p / 100] / 1e3;
}
