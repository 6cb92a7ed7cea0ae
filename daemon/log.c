/*
 * Logging.  Under systemd stderr goes to the journal, which adds its own
 * timestamps, so stderr lines carry only the level; syslog gets the level
 * as its priority.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "log.h"

static int use_syslog;
static int max_level = LOG_INFO;

void log_use_syslog(void)
{
	openlog("xmctld", LOG_PID | LOG_NDELAY, LOG_DAEMON);
	use_syslog = 1;
}

void log_set_level(int level)
{
	max_level = level;
}

static const char *level_name(int prio)
{
	switch (prio) {
	case LOG_EMERG: case LOG_ALERT: case LOG_CRIT: case LOG_ERR:
		return "error";
	case LOG_WARNING:
		return "warning";
	case LOG_DEBUG:
		return "debug";
	default:
		return "info";
	}
}

void log_msg(int prio, const char *fmt, ...)
{
	va_list ap;

	if (prio > max_level)
		return;
	va_start(ap, fmt);
	if (use_syslog) {
		vsyslog(prio, fmt, ap);
	} else {
		fprintf(stderr, "xmctld: %s: ", level_name(prio));
		vfprintf(stderr, fmt, ap);
		fputc('\n', stderr);
	}
	va_end(ap);
}
