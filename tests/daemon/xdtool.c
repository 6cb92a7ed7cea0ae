/*
 * xdtool: a command-line client for the daemon tests.
 *
 *   xdtool call SOCK METHOD [PARAMS]   one call; prints the result as JSON,
 *                                      or "error CODE MESSAGE" (exit 1)
 *   xdtool events SOCK N TIMEOUT_MS    subscribe; print N events "EVENT NAME"
 *   xdtool badreq SOCK                 the fixed table of bad requests
 *   xdtool fuzz SOCK SEED COUNT        bounded random requests
 *   xdtool concurrent SOCK N KERNEL    N clients mixing reads and writes
 *   xdtool flood SOCK N SECONDS        send N requests, then read nothing for
 *                                      SECONDS (a client that does not read)
 *   xdtool hvshutdown RUNDIR DOMID R   shut a domain down behind the daemon's
 *                                      back (R: poweroff, reboot, crash), as
 *                                      its guest would
 *   xdtool hvcreate RUNDIR             create a nameless, uuidless domain
 *                                      behind the daemon's back (as a libxc
 *                                      client may); prints its id
 *   xdtool hvexists RUNDIR DOMID       exit 0 if the domain exists, 1 if not
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <xenctrl.h>

#include "xdlib.h"
#include "xdtool.h"

static int cmd_call(int argc, char **argv)
{
	xmctld_client *c;
	xmctld_result *r = NULL;
	int rc;

	if (argc < 4)
		return 2;
	c = xmctld_client_open_path(argv[2]);
	if (!c) {
		printf("error 0 cannot connect to %s\n", argv[2]);
		return 1;
	}
	rc = xd_call(c, argv[3], argc > 4 ? argv[4] : NULL, &r);
	if (rc == 0) {
		xd_print(xmctld_result_value(r));
		putchar('\n');
	}
	xmctld_result_free(r);
	xmctld_client_close(c);
	return rc == 0 ? 0 : 1;
}

static int cmd_events(int argc, char **argv)
{
	xmctld_client *c;
	xmctld_result *r = NULL;
	int i, n;

	if (argc < 5)
		return 2;
	c = xmctld_client_open_path(argv[2]);
	if (!c || xd_call(c, "events.subscribe", NULL, &r) < 0)
		return 1;
	xmctld_result_free(r);
	/* Tell the caller we are listening. */
	printf("subscribed\n");
	fflush(stdout);
	n = atoi(argv[3]);
	for (i = 0; i < n; i++) {
		yajl_val ev, name;

		if (xmctld_client_next_event(c, atoi(argv[4]), &r) < 0) {
			printf("timeout\n");
			xmctld_client_close(c);
			return 1;
		}
		ev = xd_get(xmctld_result_value(r), "event");
		name = xd_get(xmctld_result_value(r), "name");
		printf("%s %s\n", ev && YAJL_IS_STRING(ev) ? ev->u.string : "?",
		       name && YAJL_IS_STRING(name) ? name->u.string : "?");
		fflush(stdout);
		xmctld_result_free(r);
	}
	xmctld_client_close(c);
	return 0;
}

static int cmd_flood(int argc, char **argv)
{
	static const char req[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"host.rma_map\"}";
	int fd, i, n;

	if (argc < 5)
		return 2;
	fd = xd_connect(argv[2]);
	if (fd < 0)
		return 1;
	n = atoi(argv[3]);
	/* Non-blocking: once the daemon stops reading us, stop sending. */
	for (i = 0; i < n; i++) {
		char line[sizeof(req) + 1];

		memcpy(line, req, sizeof(req) - 1);
		line[sizeof(req) - 1] = '\n';
		if (send(fd, line, sizeof(req), MSG_DONTWAIT | MSG_NOSIGNAL) != (ssize_t)sizeof(req))
			break;
	}
	printf("sent %d\n", i);
	fflush(stdout);
	sleep((unsigned)atoi(argv[4]));
	close(fd);
	return 0;
}

static int cmd_hvshutdown(int argc, char **argv)
{
	xc_interface *xch;
	int reason, rc;

	if (argc < 5)
		return 2;
	reason = strcmp(argv[4], "crash") == 0 ? SHUTDOWN_crash :
	         strcmp(argv[4], "reboot") == 0 ? SHUTDOWN_reboot : SHUTDOWN_poweroff;
	xch = xc_interface_open_rundir(argv[2], NULL, 0);
	if (!xch)
		return 1;
	rc = xc_domain_shutdown(xch, (uint32_t)atoi(argv[3]), reason);
	xc_interface_close(xch);
	return rc < 0 ? 1 : 0;
}

static int cmd_hvcreate(int argc, char **argv)
{
	xc_interface *xch;
	uint32_t domid = 0;
	int rc;

	if (argc < 3)
		return 2;
	xch = xc_interface_open_rundir(argv[2], NULL, 0);
	if (!xch)
		return 1;
	rc = xc_domain_create(xch, 0, NULL, 0, 0, &domid);
	if (rc < 0)
		fprintf(stderr, "xdtool: %s\n", xc_get_last_error(xch)->message);
	else
		printf("%u\n", domid);
	xc_interface_close(xch);
	return rc < 0 ? 1 : 0;
}

static int cmd_hvexists(int argc, char **argv)
{
	xc_interface *xch;
	xc_dominfo_t info;
	int rc;

	if (argc < 4)
		return 2;
	xch = xc_interface_open_rundir(argv[2], NULL, 0);
	if (!xch)
		return 2;
	rc = xc_domain_getinfo_one(xch, (uint32_t)atoi(argv[3]), &info);
	xc_interface_close(xch);
	return rc == 0 ? 0 : rc == -ESRCH ? 1 : 2;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: xdtool call|events|badreq|fuzz|concurrent|hvshutdown|hvcreate|hvexists ...\n");
		return 2;
	}
	if (strcmp(argv[1], "hvcreate") == 0)
		return cmd_hvcreate(argc, argv);
	if (strcmp(argv[1], "hvexists") == 0)
		return cmd_hvexists(argc, argv);
	if (strcmp(argv[1], "call") == 0)
		return cmd_call(argc, argv);
	if (strcmp(argv[1], "events") == 0)
		return cmd_events(argc, argv);
	if (strcmp(argv[1], "badreq") == 0)
		return xd_badreq(argv[2]);
	if (strcmp(argv[1], "fuzz") == 0 && argc >= 5)
		return xd_fuzz(argv[2], (unsigned)strtoul(argv[3], NULL, 10),
		               (unsigned)strtoul(argv[4], NULL, 10));
	if (strcmp(argv[1], "concurrent") == 0 && argc >= 5)
		return xd_concurrent(argv[2], (unsigned)strtoul(argv[3], NULL, 10), argv[4]);
	if (strcmp(argv[1], "flood") == 0)
		return cmd_flood(argc, argv);
	if (strcmp(argv[1], "hvshutdown") == 0)
		return cmd_hvshutdown(argc, argv);
	fprintf(stderr, "xdtool: unknown command %s\n", argv[1]);
	return 2;
}
