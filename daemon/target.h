/*
 * Naming a domain in a request: "dom" is a name, a UUID or a domain id
 * (an integer or a string of digits), as everywhere in xm.
 */
#ifndef XMCTLD_TARGET_H
#define XMCTLD_TARGET_H

#include "dispatch.h"
#include "domtab.h"
#include "hv.h"

struct target {
	struct dom *d;              /* its record, if the daemon manages it */
	const struct hvdom *h;      /* its running instance, if any */
};

/*
 * Refresh the hypervisor snapshot and resolve params.dom.  Returns 0, or
 * -1 with c->err (INVALID_PARAMS, NO_DOMAIN, HYPERVISOR).
 */
int target_resolve(struct call *c, struct target *t);
/* Like target_resolve, and the domain must be running (else BAD_STATE). */
int target_running(struct call *c, struct target *t);
/* Refresh the snapshot; -1 with a HYPERVISOR error. */
int target_refresh(struct call *c);

#endif /* XMCTLD_TARGET_H */
