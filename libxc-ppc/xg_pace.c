/* xg_pace: timing, and comparing two threads' paces (see xg_pace.h). */
#include "config.h"

#include <time.h>

#include "xg_pace.h"

int xg_pace_behind(uint64_t ns, uint64_t bytes, uint64_t ref_ns, uint64_t ref_bytes,
		   unsigned factor)
{
	if (bytes == 0 || ref_bytes == 0)
		return 0;
	/* ns / bytes > factor * ref_ns / ref_bytes */
	return (double)ns * (double)ref_bytes > (double)factor * (double)ref_ns * (double)bytes;
}

uint64_t xg_now_ns(void)
{
	struct timespec ts;

	(void)clock_gettime(CLOCK_MONOTONIC, &ts);    /* cannot fail for this clock */
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}
