/*
 * Helpers shared by the daemon test tools: raw request lines on a socket,
 * printing yajl trees, and starting/stopping a real xmctld.
 */
#ifndef TESTS_DAEMON_XDLIB_H
#define TESTS_DAEMON_XDLIB_H

#include <stddef.h>
#include <sys/types.h>
#include <yajl/yajl_tree.h>

#include "xmctld_client.h"

/* Connect a raw stream socket to path; fd or -1. */
int xd_connect(const char *path);
/* Send a line (a '\n' is appended); 0 or -1. */
int xd_send(int fd, const char *text, size_t len);
/*
 * Read one reply line within timeout_ms into a malloc'd string (no
 * newline).  NULL on timeout, close or error.
 */
char *xd_recv(int fd, int timeout_ms);
/* A reply's error code, 0 for a result, 1 if not a JSON-RPC reply. */
int xd_reply_code(const char *line);

/* Write v as compact JSON to stdout (no newline). */
void xd_print(yajl_val v);
/* v's member key (a path of one), or NULL. */
yajl_val xd_get(yajl_val v, const char *key);

/* One call through the client module; prints "error CODE MSG" on failure. */
int xd_call(xmctld_client *c, const char *method, const char *params, xmctld_result **out);

/* Start xmctld (through $TEST_RUNNER) with these args; pid or -1. */
pid_t xd_daemon_start(const char *xmctld, const char *rundir, const char *statedir,
                      const char *sock, const char *const *extra, const char *kill_at);
/* Wait until sock answers ping (timeout_ms); 0 or -1 (daemon died: *status). */
int xd_daemon_wait(pid_t pid, const char *sock, int timeout_ms, int *status);
/* SIGTERM and reap; returns the exit status (or -1). */
int xd_daemon_stop(pid_t pid);

#endif
