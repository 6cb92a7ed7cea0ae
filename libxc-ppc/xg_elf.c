/*
 * xg_elf: ELF64 big-endian PowerPC kernel parsing (see xg_elf.h).
 * This file checks the file header and the program headers; the entry
 * point and ELFv1 function descriptors are in xg_elf_entry.c.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <xenppc/byteorder.h>

#include "xg_elf.h"
#include "xg_elf_private.h"

/* The identification bytes: magic, class, byte order, version. */
static int check_ident(const uint8_t *d, uint64_t size, struct xg_err *e)
{
	if (size < 4 || memcmp(d, "\177ELF", 4) != 0)
		return xg_err_set(e, -ENOEXEC, "not an ELF file (bad magic)");
	if (size < XG_ELF64_EHDR_SIZE)
		return xg_err_set(e, -ENOEXEC,
		                  "truncated file: %" PRIu64 " bytes, shorter than an ELF64 header",
		                  size);
	if (d[4] != XG_ELFCLASS64)
		return xg_err_set(e, -ENOEXEC, "wrong ELF class %u: need ELFCLASS64 (64-bit)", d[4]);
	if (d[5] != XG_ELFDATA2MSB)
		return xg_err_set(e, -ENOEXEC,
		                  "wrong byte order (EI_DATA %u): need big-endian (ELFDATA2MSB)", d[5]);
	if (d[6] != XG_EV_CURRENT)
		return xg_err_set(e, -ENOEXEC, "unknown ELF version %u", d[6]);
	return 0;
}

/* The rest of the file header: type, machine and the program header table. */
static int check_ehdr(struct xg_elf_image *img, struct xg_err *e)
{
	const uint8_t *d = img->data;
	uint16_t machine = xg_be16_load(d + 18);
	uint16_t phentsize = xg_be16_load(d + 54), phnum = xg_be16_load(d + 56);
	uint64_t phoff = be64_load(d + 32);

	img->type = xg_be16_load(d + 16);
	if (img->type != XG_ET_EXEC && img->type != XG_ET_DYN)
		return xg_err_set(e, -ENOEXEC,
		                  "ELF type %u is not loadable: need ET_EXEC or ET_DYN", img->type);
	if (machine != XG_EM_PPC64)
		return xg_err_set(e, -ENOEXEC,
		                  "wrong machine %u: need EM_PPC64 (21)", machine);
	if (be32_load(d + 20) != XG_EV_CURRENT)
		return xg_err_set(e, -ENOEXEC, "unknown ELF version in e_version");
	if (phnum == 0)
		return xg_err_set(e, -ENOEXEC, "no program headers: nothing to load");
	if (phentsize != XG_ELF64_PHDR_SIZE)
		return xg_err_set(e, -ENOEXEC, "program header size %u, expected %u",
		                  phentsize, XG_ELF64_PHDR_SIZE);
	if (phnum > XG_ELF_MAX_PHDRS)
		return xg_err_set(e, -ENOEXEC, "%u program headers, more than the limit of %u",
		                  phnum, XG_ELF_MAX_PHDRS);
	if (phoff > img->size || (uint64_t)phnum * XG_ELF64_PHDR_SIZE > img->size - phoff)
		return xg_err_set(e, -ENOEXEC,
		                  "truncated file: program headers end past the file's %" PRIu64 " bytes",
		                  img->size);
	return 0;
}

/* Read one PT_LOAD header into seg; reject truncated and impossible ones. */
static int read_load(struct xg_elf_image *img, const uint8_t *ph, unsigned idx,
                     struct xg_elf_seg *seg, struct xg_err *e)
{
	seg->index = idx;
	seg->flags = be32_load(ph + 4);
	seg->offset = be64_load(ph + 8);
	seg->vaddr = be64_load(ph + 16);
	seg->paddr = be64_load(ph + 24);
	seg->filesz = be64_load(ph + 32);
	seg->memsz = be64_load(ph + 40);
	if (seg->filesz > seg->memsz)
		return xg_err_set(e, -ENOEXEC,
		                  "segment %u: file size 0x%" PRIx64 " exceeds memory size 0x%" PRIx64,
		                  idx, seg->filesz, seg->memsz);
	if (seg->offset > img->size || seg->filesz > img->size - seg->offset)
		return xg_err_set(e, -ENOEXEC,
		                  "truncated segment %u: needs file bytes up to 0x%" PRIx64
		                  " but the file has 0x%" PRIx64,
		                  idx, seg->offset + seg->filesz, img->size);
	if (seg->paddr + seg->memsz < seg->paddr || seg->vaddr + seg->memsz < seg->vaddr)
		return xg_err_set(e, -ENOEXEC, "segment %u: address range wraps around", idx);
	return 0;
}

static int read_phdrs(struct xg_elf_image *img, struct xg_err *e)
{
	const uint8_t *d = img->data;
	uint64_t phoff = be64_load(d + 32);
	uint16_t phnum = xg_be16_load(d + 56);
	unsigned i;
	int rc;

	img->nr_segs = 0;
	for (i = 0; i < phnum; i++) {
		const uint8_t *ph = d + phoff + (uint64_t)i * XG_ELF64_PHDR_SIZE;
		struct xg_elf_seg *seg = &img->segs[img->nr_segs];

		if (be32_load(ph) != XG_PT_LOAD)
			continue;
		rc = read_load(img, ph, i, seg, e);
		if (rc < 0)
			return rc;
		if (seg->memsz > 0)
			img->nr_segs++;
	}
	if (img->nr_segs == 0)
		return xg_err_set(e, -ENOEXEC, "no PT_LOAD segment: nothing to load");
	return 0;
}

/*
 * An ET_DYN kernel is position independent: move it so its lowest segment
 * starts at XG_ELF_DYN_LOAD_BASE, keeping page offsets.  ET_EXEC kernels load
 * at their physical addresses (p_paddr; Linux links vmlinux with
 * paddr = vaddr - 0xc000000000000000).
 */
static void relocate(struct xg_elf_image *img)
{
	uint64_t lo = UINT64_MAX, bias;
	unsigned i;

	if (img->type != XG_ET_DYN)
		return;
	for (i = 0; i < img->nr_segs; i++)
		if (img->segs[i].paddr < lo)
			lo = img->segs[i].paddr;
	bias = XG_ELF_DYN_LOAD_BASE - (lo & ~(uint64_t)(XG_ELF_PAGE_SIZE - 1));
	for (i = 0; i < img->nr_segs; i++)
		img->segs[i].paddr += bias;
}

/* Sort by load address (insertion sort: a handful of segments) and reject overlaps. */
static int check_overlap(struct xg_elf_image *img, struct xg_err *e)
{
	unsigned i, j;

	for (i = 1; i < img->nr_segs; i++) {
		struct xg_elf_seg s = img->segs[i];
		for (j = i; j > 0 && img->segs[j - 1].paddr > s.paddr; j--)
			img->segs[j] = img->segs[j - 1];
		img->segs[j] = s;
	}
	for (i = 0; i + 1 < img->nr_segs; i++) {
		const struct xg_elf_seg *a = &img->segs[i], *b = &img->segs[i + 1];
		if (a->paddr + a->memsz > b->paddr)
			return xg_err_set(e, -ENOEXEC,
			                  "overlapping segments %u [0x%" PRIx64 "-0x%" PRIx64 ") and %u [0x%"
			                  PRIx64 "-0x%" PRIx64 ")", a->index, a->paddr, a->paddr + a->memsz,
			                  b->index, b->paddr, b->paddr + b->memsz);
	}
	img->load_lo = img->segs[0].paddr;
	img->load_hi = 0;
	for (i = 0; i < img->nr_segs; i++)
		if (img->segs[i].paddr + img->segs[i].memsz > img->load_hi)
			img->load_hi = img->segs[i].paddr + img->segs[i].memsz;
	return 0;
}

int xg_elf_parse(struct xg_elf_image *img, const void *data, uint64_t size,
                 struct xg_err *e)
{
	int rc;

	memset(img, 0, sizeof(*img));
	img->data = data;
	img->size = size;
	if ((rc = check_ident(img->data, size, e)) < 0 ||
	    (rc = check_ehdr(img, e)) < 0 ||
	    (rc = read_phdrs(img, e)) < 0)
		return rc;
	relocate(img);
	if ((rc = check_overlap(img, e)) < 0)
		return rc;
	return xg_elf_resolve_entry(img, e);
}

int xg_elf_check_fit(const struct xg_elf_image *img, uint64_t rma_bytes,
                     uint64_t mem_bytes, struct xg_err *e)
{
	unsigned i;

	for (i = 0; i < img->nr_segs; i++) {
		const struct xg_elf_seg *s = &img->segs[i];
		uint64_t end = s->paddr + s->memsz;

		if (end > mem_bytes)
			return xg_err_set(e, -ENOSPC,
			                  "segment %u [0x%" PRIx64 "-0x%" PRIx64 ") lies beyond the domain's memory"
			                  " (0x%" PRIx64 " bytes)", s->index, s->paddr, end, mem_bytes);
		if (end > rma_bytes)
			return xg_err_set(e, -ENOSPC,
			                  "segment %u [0x%" PRIx64 "-0x%" PRIx64 ") lies outside the RMA"
			                  " (0x%" PRIx64 " bytes): the kernel starts in real mode and must fit in it",
			                  s->index, s->paddr, end, rma_bytes);
	}
	return 0;
}
