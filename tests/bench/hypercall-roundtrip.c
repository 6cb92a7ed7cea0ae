/*
 * Null hypercall round trip: xen_version(XENVER_version) through
 * libxc-ppc against a real xenppc-hv, against a bare SOCK_SEQPACKET
 * ping-pong of the same message size with a forked echo process, measured
 * in the same run.  Prints p50/p99 of both and the ratio (target <= 1.5).
 * Also a small guest-memory copy (xc_guest_memory_write of one page, a
 * bounced memcopy), against the null call of the same run.
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenguest.h>
#include "bench-time.h"
#include "hvfix.h"

#define ROUNDS 20000
#define WARMUP 1000
#define TARGET_RATIO 1.5

/* The baseline: one message out, one back, through a kernel socket. */
static int baseline(uint64_t *t)
{
	char msg[PRIVCMD_MSG_SIZE] = { 0 };
	int sv[2];
	pid_t pid;

	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		while (recv(sv[1], msg, sizeof(msg), 0) == (ssize_t)sizeof(msg))
			if (send(sv[1], msg, sizeof(msg), 0) != (ssize_t)sizeof(msg))
				break;
		_exit(0);
	}
	close(sv[1]);
	for (int i = -WARMUP; i < ROUNDS; i++) {
		uint64_t t0 = bench_now_ns();
		if (send(sv[0], msg, sizeof(msg), 0) != (ssize_t)sizeof(msg) ||
		    recv(sv[0], msg, sizeof(msg), 0) != (ssize_t)sizeof(msg))
			return -1;
		if (i >= 0)
			t[i] = bench_now_ns() - t0;
	}
	close(sv[0]);
	waitpid(pid, NULL, 0);
	return 0;
}

static int hypercalls(uint64_t *t)
{
	xc_interface *xch = xc_interface_open(NULL, 0);

	if (!xch)
		return -1;
	for (int i = -WARMUP; i < ROUNDS; i++) {
		uint64_t t0 = bench_now_ns();
		if (xc_version(xch, XENVER_version, NULL) <= 0)
			return -1;
		if (i >= 0)
			t[i] = bench_now_ns() - t0;
	}
	xc_interface_close(xch);
	return 0;
}

/* One page written into a domain's RMA per round. */
static int guest_writes(uint64_t *t)
{
	static uint8_t page[4096];
	xc_interface *xch = xc_interface_open(NULL, 0);
	uint32_t domid = 0;
	int rc = -1;

	if (!xch || xc_domain_create(xch, 0, NULL, 0, 0, &domid) < 0)
		goto out;
	for (int i = -WARMUP; i < ROUNDS; i++) {
		uint64_t t0 = bench_now_ns();
		if (xc_guest_memory_write(xch, domid, (uint64_t)(i & 1023) * 4096, page, sizeof(page)) < 0)
			goto out;
		if (i >= 0)
			t[i] = bench_now_ns() - t0;
	}
	rc = 0;
out:
	if (domid)
		xc_domain_destroy(xch, domid);
	xc_interface_close(xch);
	return rc;
}

int main(void)
{
	static uint64_t tb[ROUNDS], th[ROUNDS], tw[ROUNDS];
	struct hvfix hv;
	uint64_t b50, b99, h50, h99, w50, w99;
	int rc;

	if (hv_start(&hv, "1G", NULL) != 0)
		return 1;
	rc = baseline(tb) == 0 && hypercalls(th) == 0 && guest_writes(tw) == 0 ? 0 : 1;
	hv_stop(&hv);
	if (rc) {
		fprintf(stderr, "hypercall-roundtrip: run failed: %s\n", strerror(errno));
		return 1;
	}
	b50 = bench_pct(tb, ROUNDS, 50); b99 = bench_pct(tb, ROUNDS, 99);
	h50 = bench_pct(th, ROUNDS, 50); h99 = bench_pct(th, ROUNDS, 99);
	printf("seqpacket ping-pong baseline: p50 %.2f us  p99 %.2f us\n", b50 / 1e3, b99 / 1e3);
	printf("xen_version null hypercall:   p50 %.2f us  p99 %.2f us\n", h50 / 1e3, h99 / 1e3);
	printf("ratio p50 %.2fx  p99 %.2fx  (target <= %.1fx): %s\n", (double)h50 / b50,
	       (double)h99 / b99, TARGET_RATIO,
	       (double)h50 / b50 <= TARGET_RATIO ? "met" : "NOT met");
	w50 = bench_pct(tw, ROUNDS, 50); w99 = bench_pct(tw, ROUNDS, 99);
	printf("xc_guest_memory_write 4 KiB:  p50 %.2f us  p99 %.2f us  (%.2fx the null hypercall)\n",
	       w50 / 1e3, w99 / 1e3, (double)w50 / h50);
	return 0;
}
