/* xg_elf internals shared by xg_elf.c and xg_elf_entry.c. */
#ifndef XG_ELF_PRIVATE_H
#define XG_ELF_PRIVATE_H

#include <stdint.h>

#include "xg_elf.h"

/* Segments are placed with page granularity. */
#define XG_ELF_PAGE_SIZE 4096U

static inline uint16_t xg_be16_load(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

int xg_elf_resolve_entry(struct xg_elf_image *img, struct xg_err *e);

#endif /* XG_ELF_PRIVATE_H */
