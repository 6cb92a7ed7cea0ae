/*
 * xmctl helpers: the one-line error idiom, option parsing around
 * getopt_long, bounded numbers.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "xmctl.h"

int xmctl_fail(const char *what, const char *fmt, ...)
{
	va_list ap;

	if (what != NULL)
		fprintf(stderr, "xmctl: %s: ", what);
	else
		fputs("xmctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return XMCTL_EXIT_FAIL;
}

int xmctl_usage_error(const struct xmctl *x, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "xmctl: %s: ", x->cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see 'xmctl help %s')\n", x->cmd);
	return XMCTL_EXIT_USAGE;
}

int xmctl_fail_xc(const struct xmctl *x, const char *subject, int rc)
{
	if (subject != NULL && subject[0] != '\0')
		fprintf(stderr, "xmctl: %s %s: %s\n", x->cmd, subject, xc_strerror(x->xch, rc));
	else
		fprintf(stderr, "xmctl: %s: %s\n", x->cmd, xc_strerror(x->xch, rc));
	return XMCTL_EXIT_FAIL;
}

/*
 * getopt_long, silent, restarted for each command (optind = 0 also resets
 * GNU getopt's internal state).  Positional arguments are permuted to the
 * end, as xm's gnu_getopt did, so "shutdown web -w" works.
 */
int xmctl_getopt(struct xmctl *x, int argc, char **argv, const char *shortopts,
                 const struct option *longopts)
{
	char spec[64];
	int c;

	opterr = 0;
	snprintf(spec, sizeof(spec), ":h%s", shortopts);
	c = getopt_long(argc, argv, spec, longopts, NULL);
	if (c == 'h') {
		xmctl_command_help(xmctl_find_command(x->cmd), stdout);
		return 'h';
	}
	if (c == ':') {
		xmctl_usage_error(x, "option '%s' needs a value", argv[optind - 1]);
		return '?';
	}
	if (c == '?') {
		if (optopt != 0)
			xmctl_usage_error(x, "unknown option '-%c'", optopt);
		else
			xmctl_usage_error(x, "unknown option '%s'", argv[optind - 1]);
		return '?';
	}
	return c;
}

int xmctl_nargs(struct xmctl *x, int argc, int min, int max)
{
	int n = argc - optind;

	if (n < min) {
		xmctl_usage_error(x, "expects %s%d argument%s, got %d", min == max ? "" : "at least ",
		                  min, min == 1 ? "" : "s", n);
		return -1;
	}
	if (max >= 0 && n > max) {
		xmctl_usage_error(x, "expects %s%d argument%s, got %d", min == max ? "" : "at most ",
		                  max, max == 1 ? "" : "s", n);
		return -1;
	}
	return 0;
}

int xmctl_flag_args(struct xmctl *x, int argc, char **argv, const char *name, char short_name,
                    bool *flag, int min, int max)
{
	const struct option opts[] = {
		{ name, no_argument, NULL, 'f' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char shortopt[2] = { short_name, '\0' };
	int c;

	*flag = false;
	while ((c = xmctl_getopt(x, argc, argv, shortopt, opts)) != -1) {
		if (c == 'h')
			return 1;
		if (c != 'f' && (short_name == '\0' || c != short_name))
			return -1;
		*flag = true;
	}
	return xmctl_nargs(x, argc, min, max);
}

int xmctl_abs_path(struct xmctl *x, const char *file, char *buf, size_t len)
{
	char cwd[PATH_MAX];
	int n;

	if (file[0] == '/')
		n = snprintf(buf, len, "%s", file);
	else if (getcwd(cwd, sizeof(cwd)) == NULL)
		return xmctl_fail(x->cmd, "%s: cannot name the current directory: %s", file,
		                  strerror(errno)), -1;
	else
		n = snprintf(buf, len, "%s/%s", cwd, file);
	if (n < 0 || (size_t)n >= len)
		return xmctl_fail(x->cmd, "%s: path too long", file), -1;
	return 0;
}

int xmctl_parse_uint(const char *s, uint64_t lo, uint64_t hi, uint64_t *out)
{
	unsigned long long v;
	char *end;

	if (s[0] < '0' || s[0] > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

double xmctl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}
