/*
 * xg_pace: timing the builder's work, and comparing two threads' paces
 * for its choice of write methods (xg_build_load.c).
 */
#ifndef XG_PACE_H
#define XG_PACE_H

#include <stdint.h>

/*
 * Is a thread that took ns nanoseconds for bytes bytes slower than factor
 * times the reference thread's pace (ref_ns for ref_bytes)?  1 or 0; 0
 * while either side has written nothing (no pace to compare yet).  In
 * double precision, cross-multiplied: no division, no overflow.
 */
int xg_pace_behind(uint64_t ns, uint64_t bytes, uint64_t ref_ns, uint64_t ref_bytes,
		   unsigned factor);

/* CLOCK_MONOTONIC in nanoseconds (decompression times, write paces). */
uint64_t xg_now_ns(void);

#endif
