/*
 * kgen: generate small ELF64 big-endian PowerPC64 test kernels, valid and
 * broken in every way the domain builder must reject, plain or gzipped, and
 * initrd blobs.  Shared by the mkkernel program and the C tests, so that no
 * test depends on a downloaded kernel.  Output is the same on every host.
 */
#ifndef KGEN_H
#define KGEN_H

#include <stddef.h>
#include <stdint.h>

/* Geometry of the valid kernels, which tests check the builder against. */
#define KGEN_EXEC_VBASE   0xc000000000000000ULL  /* ET_EXEC link address */
#define KGEN_DYN_VBASE    0x100000ULL            /* ET_DYN link address (relocated to 0) */
#define KGEN_TEXT_OFFSET  0x10000ULL             /* file offset of .text, as vmlinux */
#define KGEN_ENTRY_OFFSET 0x100ULL               /* entry, from the start of .text */
#define KGEN_SEG_ALIGN    0x10000ULL             /* segments are 64 KiB aligned */
#define KGEN_DATA_BYTES   0x2000ULL              /* .opd + .data */
#define KGEN_BSS_BYTES    0x30000ULL             /* zeroed by the builder */
#define KGEN_DEFAULT_TEXT 0x20000ULL             /* .text bytes unless --size */
#define KGEN_DEFAULT_BOMB (72ULL << 20)          /* larger than a 64 MiB RMA */
#define KGEN_DEFAULT_INITRD (256ULL << 10)
#define KGEN_MAX_SIZE     (1ULL << 30)
/* Where the outside-rma variant puts its data: just past a 64 MiB RMA. */
#define KGEN_OUTSIDE_RMA_PADDR (64ULL << 20)
#define KGEN_BEYOND_MEM_PADDR  (1ULL << 40)
#define KGEN_ERR_MAX 256

struct kgen_variant {
	const char *name;
	const char *what;            /* one line for the usage text */
};
extern const struct kgen_variant kgen_variants[];

/*
 * Make variant `name`.  size: .text bytes for kernels (0 = default), blob
 * bytes for initrd and gzip-bomb.  gzip: compress the result (the gzip-*
 * variants always are).  On success *out (free() it) and *len are set and 0
 * is returned; otherwise -1 with a message in err.
 */
int kgen_make(const char *name, uint64_t size, int gzip, uint8_t **out,
              size_t *len, char err[KGEN_ERR_MAX]);

/* gzip buf[0..len) into a new buffer (level 6).  0 or -1. */
int kgen_gzip(const uint8_t *buf, size_t len, uint8_t **out, size_t *out_len);

/* Deterministic pseudo-random bytes that compress like machine code. */
void kgen_fill(uint8_t *buf, size_t len, uint32_t seed);

#endif /* KGEN_H */
