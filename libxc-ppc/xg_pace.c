/* xg_pace: comparing two threads' paces (see xg_pace.h). */
#include "config.h"

#include "xg_pace.h"

int xg_pace_behind(uint64_t ns, uint64_t bytes, uint64_t ref_ns, uint64_t ref_bytes,
		   unsigned factor)
{
	if (bytes == 0 || ref_bytes == 0)
		return 0;
	/* ns / bytes > factor * ref_ns / ref_bytes */
	return (double)ns * (double)ref_bytes > (double)factor * (double)ref_ns * (double)bytes;
}
