/*
 * JSON-RPC 2.0 messages: parsing one request line into a checked request,
 * and writing the reply envelopes.  Parsing and generation use yajl; every
 * limit of protocol.h is enforced here, before a handler sees anything.
 */
#ifndef XMCTLD_JSONRPC_H
#define XMCTLD_JSONRPC_H

#include <stddef.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "buf.h"

#define RPC_MSG_MAX 512     /* longest error message we send */

struct rpc_error {
	int code;                   /* enum xmctld_error */
	char message[RPC_MSG_MAX];
};

struct rpc_request {
	yajl_val root;              /* owns everything below */
	const char *method;
	yajl_val params;            /* an object, or NULL when absent */
	yajl_val id;                /* NULL for a notification (no reply) */
	int has_id;
};

/*
 * Parse one request of len bytes (no newline; line[len] must be writable,
 * it becomes a NUL).  Returns 0 and fills req, or -1 with err set; then
 * req->id is the request's id if it could be read (so the error reply can
 * carry it) and req->has_id says whether to reply at all.  Either way the
 * caller frees req with rpc_request_free().
 */
int rpc_parse(char *line, size_t len, struct rpc_request *req, struct rpc_error *err);
void rpc_request_free(struct rpc_request *req);

/*
 * Bounded structural check of raw JSON text: nesting depth and raw string
 * length.  Runs before yajl builds a tree, so hostile input can never make
 * the tree (or its recursive free) deep.  Returns 0 or -1 with err set.
 */
int rpc_check_shape(const char *text, size_t len, struct rpc_error *err);

/* Set err to code and a printf-formatted message; always returns -1. */
int rpc_fail(struct rpc_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Append a whole reply line to out: the result value already generated in
 * result_gen, or the error.  id may be NULL (sent as null).
 * Return 0, or -1 when out of memory.
 */
int rpc_write_result(struct buf *out, yajl_val id, yajl_gen result_gen);
int rpc_write_error(struct buf *out, yajl_val id, const struct rpc_error *err);
/* A notification {"jsonrpc":"2.0","method":m,"params":<params_gen>}. */
int rpc_write_notification(struct buf *out, const char *method, yajl_gen params_gen);

/* A yajl generator with the daemon's settings (no beautify: one line). */
yajl_gen rpc_gen_new(void);

#endif /* XMCTLD_JSONRPC_H */
