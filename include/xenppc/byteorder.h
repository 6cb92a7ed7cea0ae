/*
 * Big-endian wrapper types for everything that lives in guest memory or
 * crosses the privcmd socket.
 *
 * PowerPC is big-endian, and the interface is defined that way on every host
 * (ARCHITECTURE D2).  Each wrapper is a one-member struct, so that reading or
 * assigning a field natively ("x = d->nr_addrs") is a compile error: the only
 * way in or out is the get/put helpers below, which byte-swap on little-endian
 * hosts and are plain loads on big-endian ones.
 */
#ifndef XENPPC_BYTEORDER_H
#define XENPPC_BYTEORDER_H

#include <stdint.h>

typedef struct { uint16_t be; } be16_t;
typedef struct { uint32_t be; } be32_t;
typedef struct { uint64_t be; } __attribute__((aligned(8))) be64_t;

_Static_assert(sizeof(be16_t) == 2, "be16_t size");
_Static_assert(sizeof(be32_t) == 4, "be32_t size");
_Static_assert(sizeof(be64_t) == 8, "be64_t size");
_Static_assert(_Alignof(be64_t) == 8, "be64_t must be 8-aligned on -m32 too");

#if !defined(__BYTE_ORDER__) || !defined(__ORDER_BIG_ENDIAN__)
#error "compiler does not define __BYTE_ORDER__"
#endif

#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define XENPPC_BSWAP16(x) (x)
#define XENPPC_BSWAP32(x) (x)
#define XENPPC_BSWAP64(x) (x)
#else
#define XENPPC_BSWAP16(x) __builtin_bswap16(x)
#define XENPPC_BSWAP32(x) __builtin_bswap32(x)
#define XENPPC_BSWAP64(x) __builtin_bswap64(x)
#endif

static inline uint16_t be16_get(be16_t v) { return XENPPC_BSWAP16(v.be); }
static inline uint32_t be32_get(be32_t v) { return XENPPC_BSWAP32(v.be); }
static inline uint64_t be64_get(be64_t v) { return XENPPC_BSWAP64(v.be); }

static inline be16_t be16_mk(uint16_t v) { be16_t r = { XENPPC_BSWAP16(v) }; return r; }
static inline be32_t be32_mk(uint32_t v) { be32_t r = { XENPPC_BSWAP32(v) }; return r; }
static inline be64_t be64_mk(uint64_t v) { be64_t r = { XENPPC_BSWAP64(v) }; return r; }

static inline void be16_put(be16_t *p, uint16_t v) { *p = be16_mk(v); }
static inline void be32_put(be32_t *p, uint32_t v) { *p = be32_mk(v); }
static inline void be64_put(be64_t *p, uint64_t v) { *p = be64_mk(v); }

/* Signed values (hypercall results, time offsets) travel as two's complement. */
static inline int64_t be64_get_s(be64_t v) { return (int64_t)be64_get(v); }
static inline void be64_put_s(be64_t *p, int64_t v) { be64_put(p, (uint64_t)v); }

/* Loads and stores on unaligned byte buffers (stream records, FDT cells). */
static inline uint32_t be32_load(const void *p)
{
	const uint8_t *b = p;
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t be64_load(const void *p)
{
	const uint8_t *b = p;
	return (uint64_t)be32_load(b) << 32 | be32_load(b + 4);
}

static inline void be32_store(void *p, uint32_t v)
{
	uint8_t *b = p;
	b[0] = (uint8_t)(v >> 24); b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);  b[3] = (uint8_t)v;
}

static inline void be64_store(void *p, uint64_t v)
{
	be32_store(p, (uint32_t)(v >> 32));
	be32_store((uint8_t *)p + 4, (uint32_t)v);
}

/*
 * Layout assertions used by every interface header: the size of a struct
 * and the offset of a field, checked identically by 32- and 64-bit builds.
 */
#include <stddef.h>
#define XENPPC_CHECK_SIZE(type, size) \
	_Static_assert(sizeof(type) == (size), #type " size")
#define XENPPC_CHECK_OFFSET(type, field, off) \
	_Static_assert(offsetof(type, field) == (off), #type "." #field " offset")

#endif /* XENPPC_BYTEORDER_H */
