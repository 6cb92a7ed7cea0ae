/*
 * Concurrent clients: n processes, each with its own connection, mixing
 * reads (ping, list, info) and writes (create, pause, unpause, destroy).
 * Afterwards the parent checks the final state exactly: client i's
 * domain exists if and only if i is even.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xdlib.h"
#include "xdtool.h"

#define CALL(c, m, p) do { \
	xmctld_result *r_ = NULL; \
	if (xd_call(c, m, p, &r_) < 0) { fprintf(stderr, "client %u: %s failed\n", i, m); _exit(1); } \
	xmctld_result_free(r_); } while (0)

static void client(const char *sock, unsigned i, const char *kernel)
{
	xmctld_client *c = xmctld_client_open_path(sock);
	char p[1024], dom[64];

	if (!c)
		_exit(1);
	snprintf(dom, sizeof(dom), "{\"dom\":\"conc%u\"}", i);
	snprintf(p, sizeof(p), "{\"config\":{\"name\":\"conc%u\",\"memory\":64,\"kernel\":\"%s\"}}",
	         i, kernel);
	CALL(c, "ping", NULL);
	CALL(c, "domain.list", NULL);
	CALL(c, "domain.create", p);
	CALL(c, "domain.info", dom);
	CALL(c, "host.rma_map", NULL);
	CALL(c, "domain.pause", dom);
	CALL(c, "domain.list", NULL);
	CALL(c, "domain.unpause", dom);
	if (i % 2)
		CALL(c, "domain.destroy", dom);
	CALL(c, "domain.list", NULL);
	xmctld_client_close(c);
	_exit(0);
}

/* Count conc<i> in the final list; every even one must run, no odd one. */
static int check(const char *sock, unsigned n)
{
	xmctld_client *c = xmctld_client_open_path(sock);
	xmctld_result *r = NULL;
	unsigned seen = 0, bad = 0, k;
	yajl_val doms;

	if (!c || xd_call(c, "domain.list", NULL, &r) < 0)
		return 1;
	doms = xd_get(xmctld_result_value(r), "domains");
	for (k = 0; doms && YAJL_IS_ARRAY(doms) && k < doms->u.array.len; k++) {
		yajl_val name = xd_get(doms->u.array.values[k], "name");
		yajl_val state = xd_get(doms->u.array.values[k], "state");
		unsigned id;

		if (!name || !YAJL_IS_STRING(name) || sscanf(name->u.string, "conc%u", &id) != 1)
			continue;
		seen++;
		if (id % 2 || id >= n || strcmp(state->u.string, "inactive") == 0)
			bad++;
	}
	xmctld_result_free(r);
	xmctld_client_close(c);
	printf("%u clients: %u domains left (want %u), %u wrong\n", n, seen, (n + 1) / 2, bad);
	return seen == (n + 1) / 2 && bad == 0 ? 0 : 1;
}

int xd_concurrent(const char *sock, unsigned n, const char *kernel)
{
	unsigned i, failed = 0;
	int status;

	for (i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid == 0)
			client(sock, i, kernel);
		if (pid < 0)
			failed++;
	}
	while (wait(&status) > 0)
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			failed++;
	if (failed)
		printf("%u clients failed\n", failed);
	return check(sock, n) || failed ? 1 : 0;
}
