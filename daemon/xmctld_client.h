/*
 * xmctld_client: talking to xmctld from a program (xmctl, tests).
 *
 * One connection per handle; calls are synchronous and numbered.  The
 * library never prints and never aborts.  Functions return 0 on success or
 * a NEGATIVE errno; a JSON-RPC error answer from the daemon is -EREMOTEIO,
 * and then xmctld_client_error() holds the daemon's code (enum
 * xmctld_error in protocol.h) and its one-line message.  Transport errors
 * leave a message there too ("connecting to ...: ...").
 *
 * Typical use, as xmctl does it:
 *
 *   xmctld_client *c = xmctld_client_open(rundir);     // NULL: no daemon
 *   if (c && xmctld_client_ping(c, &v) == 0) { ...daemon path... }
 *   rc = xmctld_client_call(c, "domain.list", NULL, &r);
 *   ... xmctld_result_value(r) is the "result" member, a yajl tree ...
 *   xmctld_result_free(r);
 *   xmctld_client_close(c);
 */
#ifndef XMCTLD_CLIENT_H
#define XMCTLD_CLIENT_H

#include <stddef.h>
#include <yajl/yajl_tree.h>

#include "protocol.h"

typedef struct xmctld_client xmctld_client;
typedef struct xmctld_result xmctld_result;

/* Longest message kept for the last error. */
#define XMCTLD_CLIENT_MSG_MAX 512
/* Default per-call timeout; domain.create of a big domain takes a while. */
#define XMCTLD_CLIENT_TIMEOUT_MS 60000

struct xmctld_client_error {
	int code;          /* JSON-RPC error code, or 0 for a transport error */
	char message[XMCTLD_CLIENT_MSG_MAX];
};

struct xmctld_versions {
	char daemon[32], library[32], interface[32], hypervisor[32];
};

/*
 * Write RUNDIR/xmctld.sock into buf (len bytes).  0, or -ENAMETOOLONG.
 */
int xmctld_client_socket_path(const char *rundir, char *buf, size_t len);

/*
 * Connect to the daemon whose socket is RUNDIR/xmctld.sock.  Returns a
 * handle, or NULL with errno set: ENOENT/ECONNREFUSED (no daemon there),
 * EACCES (socket permissions), ENAMETOOLONG, ENOMEM.
 */
xmctld_client *xmctld_client_open(const char *rundir);
/* The same with an explicit socket path. */
xmctld_client *xmctld_client_open_path(const char *path);
/* Accepts NULL. */
void xmctld_client_close(xmctld_client *c);

/* Per-call timeout in milliseconds (-1: none).  Default XMCTLD_CLIENT_TIMEOUT_MS. */
void xmctld_client_set_timeout(xmctld_client *c, int timeout_ms);

/* The last error; valid until the next call on c. */
const struct xmctld_client_error *xmctld_client_error(const xmctld_client *c);

/*
 * Call method with params_json (the text of a JSON object, or NULL for
 * none) and wait for the answer.  On success *out holds the reply (free
 * it with xmctld_result_free).  Errors: -EREMOTEIO (the daemon answered
 * with an error: see xmctld_client_error), -ETIMEDOUT, -ECONNRESET (the
 * daemon closed the connection), -EPROTO (a reply that is not JSON-RPC),
 * -E2BIG (params longer than XMCTLD_MAX_REQUEST), -ENOMEM.
 */
int xmctld_client_call(xmctld_client *c, const char *method, const char *params_json,
                       xmctld_result **out);

/* The reply's "result" value (for a result), or "params" (for an event). */
yajl_val xmctld_result_value(const xmctld_result *r);
void xmctld_result_free(xmctld_result *r);

/* ping: fills v.  Any error of xmctld_client_call. */
int xmctld_client_ping(xmctld_client *c, struct xmctld_versions *v);

/*
 * After events.subscribe succeeded on c, wait up to timeout_ms for the
 * next event notification; *out's value is its params object
 * {event, domid, name, uuid, state}.  -ETIMEDOUT if none came.  Use a
 * separate connection for calls while subscribed.
 */
int xmctld_client_next_event(xmctld_client *c, int timeout_ms, xmctld_result **out);

#endif /* XMCTLD_CLIENT_H */
