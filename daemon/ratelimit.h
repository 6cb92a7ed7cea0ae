/*
 * The crash-loop limiter: a domain may be restarted by policy at most
 * `burst` times within any `window` seconds; after that it is left as it
 * is (crashed) with a logged reason, until an administrator starts it.
 */
#ifndef XMCTLD_RATELIMIT_H
#define XMCTLD_RATELIMIT_H

#include <stdint.h>

#include "protocol.h"

/* Largest burst a limiter can count (the --restart-limit bound). */
#define RATELIMIT_MAX_BURST 32

struct ratelimit {
	uint64_t stamps[RATELIMIT_MAX_BURST];   /* ring of recent restart times, ms */
	unsigned n, head;
};

/*
 * Record an attempt at time now_ms if fewer than burst (<= the array
 * size) happened in the last window_ms.  Returns 1 if allowed, 0 if the
 * limit is reached (nothing recorded).
 */
int ratelimit_allow(struct ratelimit *rl, uint64_t now_ms, unsigned burst, uint64_t window_ms);
void ratelimit_reset(struct ratelimit *rl);

#endif /* XMCTLD_RATELIMIT_H */
