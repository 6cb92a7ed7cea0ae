/* xmctld's command line. */
#ifndef XMCTLD_OPTIONS_H
#define XMCTLD_OPTIONS_H

#include <sys/types.h>

#define XMCTLD_DEFAULT_STATEDIR "/var/lib/xmctld"

struct options {
	const char *rundir;
	const char *statedir;
	const char *socket;         /* NULL: RUNDIR/xmctld.sock */
	const char *pidfile;        /* NULL: RUNDIR/xmctld.pid */
	int foreground;
	int use_syslog;
	int debug;
	uid_t allow_uid;
	int has_group;
	gid_t group;
	unsigned restart_burst;
	unsigned restart_window_s;
};

/*
 * Parse argv.  Returns 0 to run, 1 after printing help or the version
 * (exit 0), -1 after printing a usage error (exit 2).
 */
int options_parse(int argc, char **argv, struct options *o);

#endif /* XMCTLD_OPTIONS_H */
