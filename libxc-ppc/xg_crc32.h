/*
 * xg_crc32: the save stream's CRC-32 (IEEE, as zlib's crc32), computed
 * with carry-less multiplication where the CPU has it.
 *
 * The CRC is the largest single cost of a raw save and restore after the
 * copies themselves (about a third of the client's CPU on the
 * save-restore bench with zlib's table-driven crc32), and on restore it
 * sits on the reader's sequential path.  Folding 64 bytes at a time with
 * PCLMULQDQ does the same work several times faster; elsewhere (other
 * CPUs, -m32, big-endian builds) zlib's crc32 runs.
 */
#ifndef XG_CRC32_H
#define XG_CRC32_H

#include <stddef.h>
#include <stdint.h>

/*
 * The CRC-32 of len bytes at p continued from crc, with zlib's crc32()
 * conventions: start from 0, the result is final (inverted) and can be
 * continued or combined with crc32_combine.  Any length, any alignment.
 */
uint32_t xg_crc32(uint32_t crc, const void *p, size_t len);

/* The same through zlib alone (the reference the tests compare against). */
uint32_t xg_crc32_generic(uint32_t crc, const void *p, size_t len);

/* Non-zero when xg_crc32 uses carry-less multiplication on this CPU. */
int xg_crc32_accelerated(void);

#endif
