/*
 * ping round trip through xmctld, p50/p99, against the bare round trip
 * of the same request bytes over a UNIX stream socket to an echo process
 * in the same run: the difference is the daemon's parse, dispatch and
 * reply generation (plus one hypercall: ping reads the hypervisor version).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "daemon-fix.h"

#define REPS 5000
#define REQ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}"

/* The child: echo each line back. */
static void echo(int fd)
{
	char *line;

	while ((line = xd_recv(fd, 10000)) != NULL) {
		if (xd_send(fd, line, strlen(line)) < 0)
			break;
		free(line);
	}
	free(line);
	_exit(0);
}

static int bare(uint64_t *t)
{
	int sv[2], i;
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		echo(sv[1]);
	}
	close(sv[1]);
	for (i = 0; i < REPS; i++) {
		uint64_t t0 = dfix_now_ns();
		char *l;

		if (xd_send(sv[0], REQ, strlen(REQ)) < 0 || !(l = xd_recv(sv[0], 10000)))
			return -1;
		free(l);
		t[i] = dfix_now_ns() - t0;
	}
	close(sv[0]);
	waitpid(pid, NULL, 0);
	return 0;
}

static int daemon_ping(struct dfix *f, uint64_t *t)
{
	int fd = xd_connect(f->sock), i;

	for (i = 0; fd >= 0 && i < REPS; i++) {
		uint64_t t0 = dfix_now_ns();
		char *l;

		if (xd_send(fd, REQ, strlen(REQ)) < 0 || !(l = xd_recv(fd, 10000)))
			return -1;
		free(l);
		t[i] = dfix_now_ns() - t0;
	}
	if (fd >= 0)
		close(fd);
	return fd < 0 ? -1 : 0;
}

int main(void)
{
	static uint64_t tb[REPS], td[REPS];
	struct dfix f;
	double b50, d50;

	if (dfix_start(&f, "1G", 1) < 0 || bare(tb) < 0 || daemon_ping(&f, td) < 0) {
		dfix_stop(&f);
		return 1;
	}
	b50 = dfix_pct_us(tb, REPS, 50);
	d50 = dfix_pct_us(td, REPS, 50);
	printf("bare UNIX socket round trip: p50 %.1f us, p99 %.1f us\n", b50, dfix_pct_us(tb, REPS, 99));
	printf("xmctld ping round trip:      p50 %.1f us, p99 %.1f us (%.1fx the bare trip)\n",
	       d50, dfix_pct_us(td, REPS, 99), d50 / b50);
	dfix_stop(&f);
	return 0;
}
