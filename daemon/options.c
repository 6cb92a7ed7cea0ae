/* xmctld's command line (options.h). */
#include "config.h"

#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenctrl.h>

#include "options.h"
#include "protocol.h"
#include "ratelimit.h"

static const char usage[] =
	"usage: xmctld [--rundir DIR] [--statedir DIR] [--socket PATH] [--pidfile PATH]\n"
	"              [--foreground] [--syslog] [--group GROUP] [--allow-user USER]\n"
	"              [--restart-limit N/SECONDS] [--debug]\n"
	"\n"
	"  -r, --rundir DIR       the hypervisor's run directory (default " XC_DEFAULT_RUNDIR ")\n"
	"  -s, --statedir DIR     managed-domain records (default " XMCTLD_DEFAULT_STATEDIR ")\n"
	"  -S, --socket PATH      control socket (default RUNDIR/" XMCTLD_SOCKET_NAME ")\n"
	"  -p, --pidfile PATH     pid file (default RUNDIR/" XMCTLD_PID_NAME ")\n"
	"  -f, --foreground       do not detach; log to stderr\n"
	"  -l, --syslog           log to syslog even in the foreground\n"
	"  -g, --group GROUP      socket mode 0660: GROUP may use read-only methods\n"
	"  -u, --allow-user USER  USER may use every method, like root\n"
	"  -R, --restart-limit N/T  restart a crashing domain at most N times in T s (default 5/60)\n"
	"  -d, --debug            log debug messages\n";

static const struct option longopts[] = {
	{ "rundir", required_argument, NULL, 'r' },
	{ "statedir", required_argument, NULL, 's' },
	{ "socket", required_argument, NULL, 'S' },
	{ "pidfile", required_argument, NULL, 'p' },
	{ "foreground", no_argument, NULL, 'f' },
	{ "syslog", no_argument, NULL, 'l' },
	{ "group", required_argument, NULL, 'g' },
	{ "allow-user", required_argument, NULL, 'u' },
	{ "restart-limit", required_argument, NULL, 'R' },
	{ "debug", no_argument, NULL, 'd' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

static int bad(const char *fmt, const char *arg)
{
	fprintf(stderr, "xmctld: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n%s", usage);
	return -1;
}

/* A number in [lo, hi], whole string. */
static int number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out)
{
	char *end;
	unsigned long v;

	if (!*s || *s == '-')
		return -1;
	v = strtoul(s, &end, 10);
	if (*end || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int parse_limit(const char *s, struct options *o)
{
	char buf[32], *slash;
	unsigned long n, t;

	if (strlen(s) >= sizeof(buf))
		return -1;
	strcpy(buf, s);
	slash = strchr(buf, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	if (number(buf, 0, RATELIMIT_MAX_BURST, &n) < 0 || number(slash + 1, 1, 86400, &t) < 0)
		return -1;
	o->restart_burst = (unsigned)n;
	o->restart_window_s = (unsigned)t;
	return 0;
}

static int parse_user(const char *s, struct options *o)
{
	struct passwd *pw = getpwnam(s);
	unsigned long id;

	if (pw)
		o->allow_uid = pw->pw_uid;
	else if (number(s, 0, (unsigned long)(uid_t)-2, &id) == 0)
		o->allow_uid = (uid_t)id;
	else
		return -1;
	return 0;
}

static int parse_group(const char *s, struct options *o)
{
	struct group *gr = getgrnam(s);
	unsigned long id;

	if (gr)
		o->group = gr->gr_gid;
	else if (number(s, 0, (unsigned long)(gid_t)-2, &id) == 0)
		o->group = (gid_t)id;
	else
		return -1;
	o->has_group = 1;
	return 0;
}

int options_parse(int argc, char **argv, struct options *o)
{
	int ch;

	memset(o, 0, sizeof(*o));
	o->rundir = getenv(XC_RUNDIR_ENV) ? getenv(XC_RUNDIR_ENV) : XC_DEFAULT_RUNDIR;
	o->statedir = XMCTLD_DEFAULT_STATEDIR;
	o->restart_burst = XMCTLD_RESTART_BURST;
	o->restart_window_s = XMCTLD_RESTART_WINDOW_S;
	while ((ch = getopt_long(argc, argv, "r:s:S:p:flg:u:R:dhV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'r': o->rundir = optarg; break;
		case 's': o->statedir = optarg; break;
		case 'S': o->socket = optarg; break;
		case 'p': o->pidfile = optarg; break;
		case 'f': o->foreground = 1; break;
		case 'l': o->use_syslog = 1; break;
		case 'd': o->debug = 1; break;
		case 'g':
			if (parse_group(optarg, o) < 0)
				return bad("unknown group '%s'", optarg);
			break;
		case 'u':
			if (parse_user(optarg, o) < 0)
				return bad("unknown user '%s'", optarg);
			break;
		case 'R':
			if (parse_limit(optarg, o) < 0)
				return bad("--restart-limit '%s': want N/SECONDS, N at most "
				           "32, SECONDS 1..86400", optarg);
			break;
		case 'h':
			fputs(usage, stdout);
			return 1;
		case 'V':
			printf("xmctld %s (protocol %s)\n", PACKAGE_VERSION, XMCTLD_PROTOCOL_VERSION);
			return 1;
		default:
			fputs(usage, stderr);
			return -1;
		}
	}
	if (optind < argc)
		return bad("unexpected argument '%s'", argv[optind]);
	return 0;
}
