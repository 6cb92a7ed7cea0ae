/*
 * xg_elf_entry: the kernel's entry point.
 *
 * On 64-bit PowerPC with the ELFv1 ABI, a function "address" is the address
 * of a function descriptor in the .opd section (code address, TOC, env), and
 * e_entry may point at one.  The guest starts in real mode with pc = the
 * guest-physical address of the first instruction, so a descriptor is
 * followed once.  We recognise a descriptor by the .opd section when the
 * file has section headers, and otherwise by the entry lying in a segment
 * that is not executable (code never lives there).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <xenppc/byteorder.h>

#include "xg_elf_private.h"

/* The loaded segment whose file-backed bytes hold vaddr..vaddr+len, or NULL. */
static const struct xg_elf_seg *seg_of(const struct xg_elf_image *img,
                                       uint64_t vaddr, uint64_t len)
{
	unsigned i;

	for (i = 0; i < img->nr_segs; i++) {
		const struct xg_elf_seg *s = &img->segs[i];
		if (vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz &&
		    len <= s->filesz - (vaddr - s->vaddr))
			return s;
	}
	return NULL;
}

/* Bounds of the section header table and its string table. */
static int sections_ok(const struct xg_elf_image *img, uint64_t shoff,
                       uint16_t shnum, uint16_t shstrndx, struct xg_err *e)
{
	const uint8_t *d = img->data;
	const uint8_t *strsh;

	if (xg_be16_load(d + 58) != XG_ELF64_SHDR_SIZE)
		return xg_err_set(e, -ENOEXEC, "section header size %u, expected %u",
		                  xg_be16_load(d + 58), XG_ELF64_SHDR_SIZE);
	if (shnum > XG_ELF_MAX_SHDRS)
		return xg_err_set(e, -ENOEXEC, "%u sections, more than the limit of %u",
		                  shnum, XG_ELF_MAX_SHDRS);
	if (shoff > img->size || (uint64_t)shnum * XG_ELF64_SHDR_SIZE > img->size - shoff)
		return xg_err_set(e, -ENOEXEC,
		                  "truncated file: section headers end past the file's %" PRIu64 " bytes",
		                  img->size);
	if (shstrndx >= shnum)
		return xg_err_set(e, -ENOEXEC, "section name table index %u out of range", shstrndx);
	strsh = d + shoff + (uint64_t)shstrndx * XG_ELF64_SHDR_SIZE;
	if (be64_load(strsh + 24) > img->size || be64_load(strsh + 32) > img->size - be64_load(strsh + 24))
		return xg_err_set(e, -ENOEXEC, "truncated file: section name table past the end");
	return 0;
}

/*
 * Is vaddr inside a section named ".opd"?  Returns 1 or 0, 0 also when the
 * file has no section headers, or a negative errno for malformed ones.
 */
static int in_opd(const struct xg_elf_image *img, uint64_t vaddr, struct xg_err *e)
{
	const uint8_t *d = img->data;
	uint64_t shoff = be64_load(d + 40);
	uint16_t shnum = xg_be16_load(d + 60), shstrndx = xg_be16_load(d + 62);
	const uint8_t *strsh;
	uint64_t stroff, strsize;
	unsigned i;
	int rc;

	if (shoff == 0 || shnum == 0)
		return 0;
	if ((rc = sections_ok(img, shoff, shnum, shstrndx, e)) < 0)
		return rc;
	strsh = d + shoff + (uint64_t)shstrndx * XG_ELF64_SHDR_SIZE;
	stroff = be64_load(strsh + 24);
	strsize = be64_load(strsh + 32);
	for (i = 0; i < shnum; i++) {
		const uint8_t *sh = d + shoff + (uint64_t)i * XG_ELF64_SHDR_SIZE;
		uint32_t name = be32_load(sh);
		uint64_t addr = be64_load(sh + 16), size = be64_load(sh + 32);

		if (name >= strsize || strsize - name < sizeof(".opd") ||
		    memcmp(d + stroff + name, ".opd", sizeof(".opd")) != 0)
			continue;
		if (vaddr >= addr && vaddr - addr < size)
			return 1;
	}
	return 0;
}

/* Follow the descriptor at vaddr (in segment s) to the code address. */
static int follow_fdesc(struct xg_elf_image *img, const struct xg_elf_seg *s,
                        uint64_t *vaddr, struct xg_err *e)
{
	if (seg_of(img, *vaddr, XG_ELF_FDESC_SIZE) != s)
		return xg_err_set(e, -ENOEXEC,
		                  "entry point 0x%" PRIx64 ": function descriptor runs past its segment",
		                  *vaddr);
	*vaddr = be64_load(img->data + s->offset + (*vaddr - s->vaddr));
	img->entry_is_fdesc = 1;
	return 0;
}

int xg_elf_resolve_entry(struct xg_elf_image *img, struct xg_err *e)
{
	uint64_t entry = be64_load(img->data + 24);
	const struct xg_elf_seg *s;
	int rc;

	img->entry_vaddr = entry;
	s = seg_of(img, entry, 1);
	if (s == NULL)
		return xg_err_set(e, -ENOEXEC,
		                  "entry point 0x%" PRIx64 " lies outside the kernel's loaded code", entry);
	rc = in_opd(img, entry, e);
	if (rc < 0)
		return rc;
	if (rc == 1 || !(s->flags & XG_PF_X)) {
		if ((rc = follow_fdesc(img, s, &entry, e)) < 0)
			return rc;
		s = seg_of(img, entry, 1);
		if (s == NULL || !(s->flags & XG_PF_X))
			return xg_err_set(e, -ENOEXEC,
			                  "entry point: function descriptor at 0x%" PRIx64 " points to 0x%" PRIx64
			                  ", outside the kernel's code", img->entry_vaddr, entry);
	}
	img->entry_paddr = s->paddr + (entry - s->vaddr);
	return 0;
}
