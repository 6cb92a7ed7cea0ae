/*
 * xg_elf: parse and check an ELF64 big-endian PowerPC kernel image.
 *
 * Pure data: the image is a byte buffer (already gunzipped); nothing is
 * loaded here.  xg_elf_parse() rejects everything that is not a loadable
 * 64-bit PowerPC kernel and resolves the entry point; xg_elf_check_fit()
 * then checks the segments against one domain's memory.  Every field of the
 * file is read with big-endian loaders and every offset is bounds-checked
 * before use, because the file comes from whoever runs `xmctl create`.
 */
#ifndef XG_ELF_H
#define XG_ELF_H

#include <stddef.h>
#include <stdint.h>

#include "xg_err.h"

/* ELF constants we need (System V gABI, PowerPC64 ELFv1 ABI). */
#define XG_ELFCLASS64    2
#define XG_ELFDATA2MSB   2
#define XG_EV_CURRENT    1
#define XG_ET_EXEC       2
#define XG_ET_DYN        3
#define XG_EM_PPC64      21
#define XG_PT_LOAD       1
#define XG_PF_X          1
#define XG_PF_W          2
#define XG_PF_R          4
#define XG_ELF64_EHDR_SIZE 64
#define XG_ELF64_PHDR_SIZE 56
#define XG_ELF64_SHDR_SIZE 64
/* An ELFv1 function descriptor: entry address, TOC, environment. */
#define XG_ELF_FDESC_SIZE 24

/*
 * Limits.  A Linux vmlinux has 2-4 program headers and ~40 sections; these
 * bounds only keep a hostile header from making us loop for long.
 */
#define XG_ELF_MAX_PHDRS 64
#define XG_ELF_MAX_SHDRS 4096
/* Where an ET_DYN (relocatable) kernel's lowest segment is placed. */
#define XG_ELF_DYN_LOAD_BASE 0ULL

struct xg_elf_seg {
	uint64_t offset;             /* file offset of the bytes */
	uint64_t vaddr;              /* link-time virtual address */
	uint64_t paddr;              /* guest-physical load address (bias applied) */
	uint64_t filesz;             /* bytes from the file */
	uint64_t memsz;              /* bytes in memory; the rest is bss */
	uint32_t flags;              /* XG_PF_* */
	unsigned index;              /* program header number, for messages */
};

struct xg_elf_image {
	const uint8_t *data;
	uint64_t size;
	uint16_t type;               /* XG_ET_EXEC or XG_ET_DYN */
	unsigned nr_segs;            /* PT_LOAD segments with memsz > 0 */
	struct xg_elf_seg segs[XG_ELF_MAX_PHDRS];
	uint64_t load_lo;            /* lowest guest-physical byte */
	uint64_t load_hi;            /* one past the highest (bss included) */
	uint64_t entry_vaddr;        /* e_entry as linked */
	uint64_t entry_paddr;        /* guest-physical address to start at */
	int entry_is_fdesc;          /* e_entry was an ELFv1 function descriptor */
};

/*
 * Parse data[0..size) into img (which keeps pointing at data).
 * Returns 0, or a negative errno with e naming the problem:
 *   -ENOEXEC  not ELF, wrong class/byte order/machine/type/version,
 *             truncated file or segment (bytes promised beyond the end),
 *             no loadable segment, overlapping segments, entry outside
 *             the kernel, malformed headers.
 */
int xg_elf_parse(struct xg_elf_image *img, const void *data, uint64_t size,
                 struct xg_err *e);

/*
 * Check that every segment lies in the domain's memory (mem_bytes from
 * guest-physical 0) and inside its RMA (rma_bytes), because the guest starts
 * in real mode.  Returns 0 or -ENOSPC with e naming the segment.
 */
int xg_elf_check_fit(const struct xg_elf_image *img, uint64_t rma_bytes,
                     uint64_t mem_bytes, struct xg_err *e);

#endif /* XG_ELF_H */
