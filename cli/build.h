/*
 * Building a domain from a resolved config on the direct path: create it
 * with its RMA, name and UUID, give it memory and vcpus, load the kernel,
 * record it.  Shared by create, reboot and the restart policies.
 */
#ifndef XMCTL_BUILD_H
#define XMCTL_BUILD_H

#include <stdbool.h>
#include "domconfig.h"
#include "xmctl.h"

/*
 * Builds cfg (which must have a UUID) as a new domain, unpaused unless
 * paused; stores its id in *domid.  On failure the half-built domain is
 * destroyed, the error is reported, and -1 is returned.
 */
int xmctl_build(struct xmctl *x, const struct domconfig *cfg, bool paused, uint32_t *domid);

/* Destroys domid and removes its runtime record; 0, or a negative errno (not reported). */
int xmctl_destroy_domain(struct xmctl *x, uint32_t domid, const uint8_t uuid[16]);

#endif /* XMCTL_BUILD_H */
