/*
 * Method dispatch: one table row per method with its handler and flags;
 * the unknown-method and permission checks are written once, here.
 */
#ifndef XMCTLD_DISPATCH_H
#define XMCTLD_DISPATCH_H

#include <stddef.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

#include "jsonrpc.h"

struct conn;

/* One method call in progress. */
struct call {
	struct conn *conn;
	yajl_val params;        /* an object, or NULL */
	yajl_gen g;             /* the handler writes its result value here */
	struct rpc_error err;   /* set by a failing handler (rpc_fail) */
};

/* A handler returns 0 with a result generated into c->g, or -1 with c->err. */
typedef int method_fn(struct call *c);

#define METHOD_MUTATES 0x1u   /* needs root or the allowed uid */

struct method {
	const char *name;
	method_fn *fn;
	unsigned flags;
};

/* Parse, check and run one request line; queue its reply on c's output. */
void dispatch_line(struct conn *c, char *line, size_t len);

/* Look a method up by name: its row, or NULL. */
const struct method *dispatch_lookup(const char *name);

#endif /* XMCTLD_DISPATCH_H */
