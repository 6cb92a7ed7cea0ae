/*
 * xg_crc32 (see xg_crc32.h).  The carry-less version is the folding
 * method of Intel's "Fast CRC Computation for Generic Polynomials Using
 * PCLMULQDQ Instruction" (Gopal et al., 2009) for the bit-reflected IEEE
 * polynomial: four 128-bit accumulators fold forward over 64-byte blocks,
 * fold into one, then reduce 128 -> 64 -> 32 bits and finish with a
 * Barrett reduction.  The constants are x^n mod P for the fold distances
 * (bit-reflected, shifted left one), P itself and floor(x^64 / P); the
 * tests check the result against zlib for every length and alignment.
 * What is left over (under 64 bytes, or a tail under 16) goes to zlib.
 */
#include "config.h"

#include <limits.h>
#include <stdatomic.h>

#include <zlib.h>

#include "xg_crc32.h"

/* Below this zlib is as fast: the folding's set-up and reduction cost. */
#define XG_CRC_FOLD_MIN 64

uint32_t xg_crc32_generic(uint32_t crc, const void *p, size_t len)
{
	const uint8_t *b = p;

	while (len > 0) {                 /* zlib takes an unsigned int length */
		uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
		crc = (uint32_t)crc32(crc, b, n);
		b += n;
		len -= n;
	}
	return crc;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

#define XG_CRC_TARGET __attribute__((target("pclmul,sse2")))

/* Fold a forward by the distance k encodes, into the block at p. */
XG_CRC_TARGET static inline __m128i fold(__m128i a, __m128i k, const uint8_t *p)
{
	__m128i lo = _mm_clmulepi64_si128(a, k, 0x00), hi = _mm_clmulepi64_si128(a, k, 0x11);

	return _mm_xor_si128(_mm_xor_si128(lo, hi), _mm_loadu_si128((const __m128i *)(const void *)p));
}

/* Fold a into b (already in a register) by the distance k encodes. */
XG_CRC_TARGET static inline __m128i fold_reg(__m128i a, __m128i k, __m128i b)
{
	__m128i lo = _mm_clmulepi64_si128(a, k, 0x00), hi = _mm_clmulepi64_si128(a, k, 0x11);

	return _mm_xor_si128(_mm_xor_si128(lo, hi), b);
}

/* 128 bits -> the 32-bit CRC state (not inverted). */
XG_CRC_TARGET static uint32_t reduce(__m128i x)
{
	const __m128i k4k3 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);
	const __m128i k5 = _mm_set_epi64x(0, 0x163cd6124LL);
	const __m128i pu = _mm_set_epi64x(0x1f7011641LL, 0x1db710641LL);   /* u : P' */
	const __m128i mask32 = _mm_set_epi32(0, 0, 0, -1);
	__m128i t;

	/* 128 -> 64: the low half moves up by 64 bits. */
	t = _mm_clmulepi64_si128(x, k4k3, 0x10);
	x = _mm_xor_si128(_mm_srli_si128(x, 8), t);
	/* 64 -> 32 */
	t = _mm_clmulepi64_si128(_mm_and_si128(x, mask32), k5, 0x00);
	x = _mm_xor_si128(_mm_srli_si128(x, 4), t);
	/* Barrett: the quotient by u, then subtract quotient * P */
	t = _mm_clmulepi64_si128(_mm_and_si128(x, mask32), pu, 0x10);
	t = _mm_clmulepi64_si128(_mm_and_si128(t, mask32), pu, 0x00);
	x = _mm_xor_si128(x, t);
	return (uint32_t)_mm_cvtsi128_si32(_mm_srli_si128(x, 4));
}

/* The state (not inverted) over len bytes, len a multiple of 16 and >= 64. */
XG_CRC_TARGET static uint32_t fold_blocks(uint32_t state, const uint8_t *p, size_t len)
{
	const __m128i k2k1 = _mm_set_epi64x(0x1c6e41596LL, 0x154442bd4LL);
	const __m128i k4k3 = _mm_set_epi64x(0x0ccaa009eLL, 0x1751997d0LL);
	__m128i x0 = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(const void *)(p + 16));
	__m128i x2 = _mm_loadu_si128((const __m128i *)(const void *)(p + 32));
	__m128i x3 = _mm_loadu_si128((const __m128i *)(const void *)(p + 48));

	x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128((int)state));
	for (p += 64, len -= 64; len >= 64; p += 64, len -= 64) {
		x0 = fold(x0, k2k1, p);
		x1 = fold(x1, k2k1, p + 16);
		x2 = fold(x2, k2k1, p + 32);
		x3 = fold(x3, k2k1, p + 48);
	}
	x0 = fold_reg(x0, k4k3, x1);
	x0 = fold_reg(x0, k4k3, x2);
	x0 = fold_reg(x0, k4k3, x3);
	for (; len >= 16; p += 16, len -= 16)
		x0 = fold(x0, k4k3, p);
	return reduce(x0);
}

int xg_crc32_accelerated(void)
{
	static atomic_int known = -1;    /* racing first calls store the same answer */
	int k = atomic_load_explicit(&known, memory_order_relaxed);

	if (k < 0) {
		__builtin_cpu_init();
		k = __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse2");
		atomic_store_explicit(&known, k, memory_order_relaxed);
	}
	return k;
}

uint32_t xg_crc32(uint32_t crc, const void *p, size_t len)
{
	const uint8_t *b = p;
	size_t blocks = len & ~(size_t)15;

	if (len < XG_CRC_FOLD_MIN || !xg_crc32_accelerated())
		return xg_crc32_generic(crc, p, len);
	crc = ~fold_blocks(~crc, b, blocks);
	return xg_crc32_generic(crc, b + blocks, len - blocks);
}

#else

int xg_crc32_accelerated(void)
{
	return 0;
}

uint32_t xg_crc32(uint32_t crc, const void *p, size_t len)
{
	return xg_crc32_generic(crc, p, len);
}

#endif
