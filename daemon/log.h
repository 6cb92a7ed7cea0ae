/*
 * xmctld's log: stderr (foreground, systemd's journal) or syslog.
 * The only place in the daemon that prints.
 */
#ifndef XMCTLD_LOG_H
#define XMCTLD_LOG_H

#include <syslog.h>

/* Send messages to syslog (ident "xmctld") instead of stderr. */
void log_use_syslog(void);
/* Drop messages less severe than level (LOG_DEBUG shows everything). */
void log_set_level(int level);

void log_msg(int prio, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_err(...)   log_msg(LOG_ERR, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARNING, __VA_ARGS__)
#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_DEBUG, __VA_ARGS__)

#endif /* XMCTLD_LOG_H */
