/*
 * Building a domain from its config: the one place the daemon calls the
 * domain builder, so that ops.c only sequences steps.
 */
#ifndef XMCTLD_BUILD_H
#define XMCTLD_BUILD_H

#include <stdint.h>

#include "domconfig.h"
#include "jsonrpc.h"

/* Size and load domid (created, paused) from cfg.  0, or -1 with err. */
int build_domain(uint32_t domid, const struct domconfig *cfg, struct rpc_error *err);

#endif /* XMCTLD_BUILD_H */
