/*
 * kgen: test kernel generator (see kgen.h).
 *
 * A valid kernel looks like a tiny vmlinux: the ELF header and two program
 * headers, .text (R+X) at file offset 64 KiB, then .opd/.data (R+W) with a
 * bss tail, then the section name table and section headers (.text, .opd,
 * .data, .bss, .shstrtab).  The broken variants start from a valid kernel
 * and damage exactly one thing.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "kgen.h"

#define EHDR 64U
#define PHDR 56U
#define SHDR 64U
#define NR_PHDRS 2U
#define NR_SHDRS 6U
#define EM_PPC 20U
#define EF_PPC64_ABI_V1 1U
#define SHT_PROGBITS 1U
#define SHT_STRTAB 3U
#define SHT_NOBITS 8U
#define FDESC_TOC_OFFSET 0x8000ULL
static const char shstrtab[] = "\0.text\0.opd\0.data\0.bss\0.shstrtab";
enum { NM_TEXT = 1, NM_OPD = 7, NM_DATA = 12, NM_BSS = 18, NM_SHSTRTAB = 23 };

const struct kgen_variant kgen_variants[] = {
	{ "exec", "valid ET_EXEC kernel, entry in .text (default)" },
	{ "exec-opd", "valid ET_EXEC kernel, entry is an ELFv1 .opd descriptor" },
	{ "exec-opd-nosect", "as exec-opd without section headers" },
	{ "dyn", "valid ET_DYN kernel linked at 1 MiB, entry in .text" },
	{ "dyn-opd", "valid ET_DYN kernel, entry is an .opd descriptor" },
	{ "not-elf", "not an ELF file" },
	{ "elf32", "ELFCLASS32 instead of ELFCLASS64" },
	{ "little-endian", "ELFDATA2LSB instead of big-endian" },
	{ "wrong-machine", "EM_PPC (32-bit) instead of EM_PPC64" },
	{ "truncated", "file cut inside the program header table" },
	{ "truncated-segment", "file cut inside the data segment" },
	{ "overlap", "data segment overlaps .text" },
	{ "outside-rma", "data segment at 64 MiB, past a 64 MiB RMA" },
	{ "beyond-memory", "data segment at 1 TiB" },
	{ "bad-entry", "entry point outside every segment" },
	{ "bad-opd", "entry descriptor points outside the kernel" },
	{ "gzip-corrupt", "gzipped kernel with damaged compressed data" },
	{ "gzip-truncated", "gzipped kernel cut in half" },
	{ "gzip-bomb", "gzip of a kernel of --size bytes (default 72 MiB)" },
	{ "initrd", "an initrd blob of --size bytes (default 256 KiB)" },
	{ NULL, NULL },
};

struct kdesc {
	uint16_t type;
	int opd, sections;
	uint64_t vbase, text_size;
	uint64_t data_paddr;         /* physical address of the data segment */
	uint64_t entry;              /* e_entry */
	uint64_t opd_target;         /* what the descriptor points to */
	int zero_text;
};

static void st16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void st32(uint8_t *p, uint32_t v) { st16(p, (uint16_t)(v >> 16)); st16(p + 2, (uint16_t)v); }
static void st64(uint8_t *p, uint64_t v) { st32(p, (uint32_t)(v >> 32)); st32(p + 4, (uint32_t)v); }
static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) & ~(a - 1); }

void kgen_fill(uint8_t *buf, size_t len, uint32_t seed)
{
	/* A few instruction shapes with random immediates: compresses ~2-3x. */
	static const uint32_t ops[8] = { 0x60000000, 0x38600000, 0x7c0802a6, 0xf8010010,
	                                 0xe8010010, 0x4e800020, 0x39200000, 0x80630000 };
	uint32_t x = seed ? seed : 1;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		uint32_t op = ops[x & 7];
		if ((op & 0xffff) == 0)
			op |= x >> 16;
		st32(buf + i, op);
	}
	for (; i < len; i++)
		buf[i] = (uint8_t)i;
}

static uint64_t data_vaddr(const struct kdesc *k)
{
	return k->vbase + align_up(k->text_size, KGEN_SEG_ALIGN);
}

static uint64_t data_offset(const struct kdesc *k)
{
	return KGEN_TEXT_OFFSET + align_up(k->text_size, KGEN_SEG_ALIGN);
}

static void put_ehdr(uint8_t *d, const struct kdesc *k, uint64_t shoff)
{
	memcpy(d, "\177ELF\2\2\1", 7);
	st16(d + 16, k->type);
	st16(d + 18, 21);
	st32(d + 20, 1);
	st64(d + 24, k->entry);
	st64(d + 32, EHDR);
	st64(d + 40, k->sections ? shoff : 0);
	st32(d + 48, EF_PPC64_ABI_V1);
	st16(d + 52, EHDR);
	st16(d + 54, PHDR);
	st16(d + 56, NR_PHDRS);
	st16(d + 58, SHDR);
	st16(d + 60, k->sections ? NR_SHDRS : 0);
	st16(d + 62, k->sections ? NR_SHDRS - 1 : 0);
}

static void put_phdr(uint8_t *p, uint32_t flags, uint64_t off, uint64_t va, uint64_t pa,
                     uint64_t filesz, uint64_t memsz)
{
	st32(p, 1);                  /* PT_LOAD */
	st32(p + 4, flags);
	st64(p + 8, off);
	st64(p + 16, va);
	st64(p + 24, pa);
	st64(p + 32, filesz);
	st64(p + 40, memsz);
	st64(p + 48, KGEN_SEG_ALIGN);
}

static void put_shdr(uint8_t *s, uint32_t name, uint32_t type, uint64_t flags,
                     uint64_t addr, uint64_t off, uint64_t size)
{
	st32(s, name);
	st32(s + 4, type);
	st64(s + 8, flags);
	st64(s + 16, addr);
	st64(s + 24, off);
	st64(s + 32, size);
	st64(s + 48, 8);
}

static void put_sections(uint8_t *d, const struct kdesc *k, uint64_t stroff, uint64_t shoff)
{
	uint8_t *s = d + shoff;
	uint64_t dv = data_vaddr(k), doff = data_offset(k);

	memcpy(d + stroff, shstrtab, sizeof(shstrtab));
	/* entry 0 is the null section */
	put_shdr(s + 1 * SHDR, NM_TEXT, SHT_PROGBITS, 6, k->vbase, KGEN_TEXT_OFFSET, k->text_size);
	put_shdr(s + 2 * SHDR, NM_OPD, SHT_PROGBITS, 3, dv, doff, 24);
	put_shdr(s + 3 * SHDR, NM_DATA, SHT_PROGBITS, 3, dv + 24, doff + 24, KGEN_DATA_BYTES - 24);
	put_shdr(s + 4 * SHDR, NM_BSS, SHT_NOBITS, 3, dv + KGEN_DATA_BYTES, doff + KGEN_DATA_BYTES,
	         KGEN_BSS_BYTES);
	put_shdr(s + 5 * SHDR, NM_SHSTRTAB, SHT_STRTAB, 0, 0, stroff, sizeof(shstrtab));
}

/* Lay out the kernel k into a new buffer. */
static int write_kernel(const struct kdesc *k, uint8_t **out, size_t *len)
{
	uint64_t doff = data_offset(k), stroff = doff + KGEN_DATA_BYTES;
	uint64_t shoff = align_up(stroff + sizeof(shstrtab), 8);
	uint64_t total = shoff + NR_SHDRS * SHDR;
	uint64_t tpa = k->type == 3 ? k->vbase : 0;
	uint8_t *d = calloc(1, total);

	if (d == NULL)
		return -1;
	put_ehdr(d, k, shoff);
	put_phdr(d + EHDR, 5, KGEN_TEXT_OFFSET, k->vbase, tpa, k->text_size, k->text_size);
	put_phdr(d + EHDR + PHDR, 6, doff, data_vaddr(k), k->data_paddr, KGEN_DATA_BYTES,
	         KGEN_DATA_BYTES + KGEN_BSS_BYTES);
	if (!k->zero_text)
		kgen_fill(d + KGEN_TEXT_OFFSET, k->text_size, 0x5eed);
	st32(d + KGEN_TEXT_OFFSET + KGEN_ENTRY_OFFSET, 0x48000000);     /* b . */
	st64(d + doff, k->opd_target);
	st64(d + doff + 8, data_vaddr(k) + FDESC_TOC_OFFSET);
	kgen_fill(d + doff + 24, KGEN_DATA_BYTES - 24, 0xda7a);
	if (k->sections)
		put_sections(d, k, stroff, shoff);
	*out = d;
	*len = total;
	return 0;
}

int kgen_gzip(const uint8_t *buf, size_t len, uint8_t **out, size_t *out_len)
{
	z_stream zs;
	uLong bound;
	uint8_t *o;
	int zr;

	memset(&zs, 0, sizeof(zs));
	if (deflateInit2(&zs, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	bound = deflateBound(&zs, (uLong)len) + 64;
	o = malloc(bound);
	if (o == NULL) {
		deflateEnd(&zs);
		return -1;
	}
	zs.next_in = (Bytef *)(uintptr_t)buf;
	zs.avail_in = (uInt)len;
	zs.next_out = o;
	zs.avail_out = (uInt)bound;
	zr = deflate(&zs, Z_FINISH);
	*out_len = zs.total_out;
	deflateEnd(&zs);
	if (zr != Z_STREAM_END) {
		free(o);
		return -1;
	}
	*out = o;
	return 0;
}

/* The valid kernel a variant starts from. */
static void base_desc(struct kdesc *k, const char *name, uint64_t text)
{
	memset(k, 0, sizeof(*k));
	k->type = strncmp(name, "dyn", 3) == 0 ? 3 : 2;
	k->vbase = k->type == 3 ? KGEN_DYN_VBASE : KGEN_EXEC_VBASE;
	k->text_size = text;
	k->sections = strcmp(name, "exec-opd-nosect") != 0;
	k->opd = strstr(name, "opd") != NULL;
	k->data_paddr = k->type == 3 ? data_vaddr(k) : data_vaddr(k) - k->vbase;
	k->opd_target = k->vbase + KGEN_ENTRY_OFFSET;
	k->entry = k->opd ? data_vaddr(k) : k->vbase + KGEN_ENTRY_OFFSET;
}

/* Damage a header field of a laid-out kernel. */
static int damage_header(const char *name, uint8_t *d, size_t *len, const struct kdesc *k)
{
	if (strcmp(name, "elf32") == 0)
		d[4] = 1;
	else if (strcmp(name, "little-endian") == 0)
		d[5] = 1;
	else if (strcmp(name, "wrong-machine") == 0)
		st16(d + 18, EM_PPC);
	else if (strcmp(name, "truncated") == 0)
		*len = EHDR + PHDR + PHDR / 2;
	else if (strcmp(name, "truncated-segment") == 0)
		*len = data_offset(k) + KGEN_DATA_BYTES / 2;
	else if (strcmp(name, "not-elf") == 0) {
		memset(d, 0, *len);
		memcpy(d, "This is not an ELF kernel.\n", 27);
	}
	return 0;
}

/* Variants that change the kernel's description rather than its bytes. */
static int describe(const char *name, uint64_t text, struct kdesc *k)
{
	base_desc(k, strcmp(name, "bad-opd") == 0 ? "exec-opd" : name, text);
	if (strcmp(name, "overlap") == 0)
		k->data_paddr = 0x1000;
	else if (strcmp(name, "outside-rma") == 0)
		k->data_paddr = KGEN_OUTSIDE_RMA_PADDR;
	else if (strcmp(name, "beyond-memory") == 0)
		k->data_paddr = KGEN_BEYOND_MEM_PADDR;
	else if (strcmp(name, "bad-entry") == 0)
		k->entry = k->vbase + 0x7ff00000000ULL;
	else if (strcmp(name, "bad-opd") == 0)
		k->opd_target = 0x123456789ULL;
	return 0;
}

static int known(const char *name)
{
	const struct kgen_variant *v;

	for (v = kgen_variants; v->name != NULL; v++)
		if (strcmp(v->name, name) == 0)
			return 1;
	return 0;
}

static int finish_gzip(const char *name, int gzip, uint8_t **out, size_t *len)
{
	uint8_t *z;
	size_t zlen;

	if (!gzip && strncmp(name, "gzip-", 5) != 0)
		return 0;
	if (kgen_gzip(*out, *len, &z, &zlen) < 0)
		return -1;
	free(*out);
	*out = z;
	*len = zlen;
	if (strcmp(name, "gzip-corrupt") == 0)
		memset(z + zlen / 2, 0xa5, zlen / 8 > 16 ? 16 : zlen / 8);
	else if (strcmp(name, "gzip-truncated") == 0)
		*len = zlen / 2;
	return 0;
}

int kgen_make(const char *name, uint64_t size, int gzip, uint8_t **out,
              size_t *len, char err[KGEN_ERR_MAX])
{
	struct kdesc k;

	if (!known(name))
		return snprintf(err, KGEN_ERR_MAX, "unknown variant '%s'", name), -1;
	if (size > KGEN_MAX_SIZE)
		return snprintf(err, KGEN_ERR_MAX, "size %llu above the limit of %llu",
		                (unsigned long long)size, (unsigned long long)KGEN_MAX_SIZE), -1;
	if (strcmp(name, "initrd") == 0) {
		*len = size ? size : KGEN_DEFAULT_INITRD;
		if ((*out = malloc(*len)) == NULL)
			return snprintf(err, KGEN_ERR_MAX, "out of memory"), -1;
		kgen_fill(*out, *len, 0x1417d);
	} else {
		uint64_t text = size ? size : KGEN_DEFAULT_TEXT;
		if (strcmp(name, "gzip-bomb") == 0)
			text = size ? size : KGEN_DEFAULT_BOMB;
		describe(name, text, &k);
		k.zero_text = strcmp(name, "gzip-bomb") == 0;
		if (write_kernel(&k, out, len) < 0)
			return snprintf(err, KGEN_ERR_MAX, "out of memory"), -1;
		damage_header(name, *out, len, &k);
	}
	if (finish_gzip(name, gzip, out, len) < 0) {
		free(*out);
		return snprintf(err, KGEN_ERR_MAX, "gzip failed"), -1;
	}
	return 0;
}
