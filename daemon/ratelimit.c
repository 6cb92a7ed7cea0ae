/*
 * Sliding-window restart limiter (ratelimit.h).  A ring of the last
 * `burst` timestamps: the attempt is allowed when the ring is not full or
 * its oldest entry has left the window.
 */
#include "config.h"

#include <string.h>

#include "ratelimit.h"

#define RL_SIZE RATELIMIT_MAX_BURST

int ratelimit_allow(struct ratelimit *rl, uint64_t now_ms, unsigned burst, uint64_t window_ms)
{
	unsigned oldest;

	if (burst == 0)
		return 0;
	if (burst > RL_SIZE)
		burst = RL_SIZE;
	if (rl->n >= burst) {
		/* The ring holds the last `burst` stamps; the oldest is at head - burst. */
		oldest = (rl->head + RL_SIZE - burst) % RL_SIZE;
		if (now_ms - rl->stamps[oldest] < window_ms)
			return 0;
	}
	rl->stamps[rl->head] = now_ms;
	rl->head = (rl->head + 1) % RL_SIZE;
	if (rl->n < RL_SIZE)
		rl->n++;
	return 1;
}

void ratelimit_reset(struct ratelimit *rl)
{
	memset(rl, 0, sizeof(*rl));
}
