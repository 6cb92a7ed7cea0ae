/*
 * xmctl: the xm replacement.  main() takes the global options, finds the
 * command in the table (commands.c) and runs it.
 *
 * Global options come before the command:
 *   --rundir DIR   the hypervisor's run directory (privcmd.sock); without
 *                  it $XMCTL_RUNDIR, then libxc's $XENPPC_RUNDIR, then
 *                  /run/xenppc.
 *   --direct       talk to the hypervisor through libxc-ppc, never to the
 *                  daemon.  Without it, the lifecycle commands and list go
 *                  through xmctld when it answers (daemon_path.h).
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_path.h"
#include "xmctl.h"
#include "config.h"

static const char *resolve_rundir(const char *opt)
{
	const char *env;

	if (opt != NULL)
		return opt;
	env = getenv(XMCTL_RUNDIR_ENV);
	if (env != NULL && env[0] != '\0')
		return env;
	env = getenv(XC_RUNDIR_ENV);
	if (env != NULL && env[0] != '\0')
		return env;
	return XMCTL_DEFAULT_RUNDIR;
}

/* The global options; returns the index of the command, or -1 (reported) / 0 (done). */
static int global_options(struct xmctl *x, int argc, char **argv, const char **rundir)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--rundir") == 0 && i + 1 < argc) {
			*rundir = argv[++i];
		} else if (strncmp(argv[i], "--rundir=", 9) == 0) {
			*rundir = argv[i] + 9;
		} else if (strcmp(argv[i], "--direct") == 0) {
			x->direct = true;
		} else if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0) {
			xmctl_usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("xmctl %s\n", PACKAGE_VERSION);
			return 0;
		} else {
			xmctl_fail(argv[i], "unknown global option (see 'xmctl help')");
			return -1;
		}
	}
	if (i == argc) {
		xmctl_usage(stderr);
		return -1;
	}
	return i;
}

int main(int argc, char **argv)
{
	struct xmctl x = { 0 };
	const struct xmctl_cmd *c;
	const char *rundir = NULL;
	int i, rc;

	i = global_options(&x, argc, argv, &rundir);
	if (i <= 0)
		return i == 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	x.rundir = resolve_rundir(rundir);
	c = xmctl_find_command(argv[i]);
	if (c == NULL)
		return xmctl_fail(argv[i], "not an xmctl command (see 'xmctl help')"),
		       XMCTL_EXIT_USAGE;
	x.cmd = c->name;
	optind = 0;   /* GNU getopt: start afresh on the command's arguments */
	rc = c->run(&x, argc - i, argv + i);
	xmctl_disconnect(&x);
	xmctl_daemon_close(&x);
	if (fflush(stdout) != 0 && rc == XMCTL_EXIT_OK)
		rc = xmctl_fail(x.cmd, "cannot write the output");
	return rc;
}
