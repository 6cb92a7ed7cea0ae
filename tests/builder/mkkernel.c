/*
 * mkkernel: write a small ELF64 big-endian PowerPC64 test kernel.
 *
 * usage: mkkernel [--variant NAME] [--size BYTES] [--gzip] OUT
 *        mkkernel --list
 *
 *   --variant NAME  what to write (default "exec"); --list prints them all:
 *                   valid kernels (exec, exec-opd, exec-opd-nosect, dyn,
 *                   dyn-opd), every image the builder must reject
 *                   (not-elf, elf32, little-endian, wrong-machine,
 *                   truncated, truncated-segment, overlap, outside-rma,
 *                   beyond-memory, bad-entry, bad-opd, gzip-corrupt,
 *                   gzip-truncated, gzip-bomb) and an initrd blob.
 *   --size BYTES    .text size of a kernel (default 128 KiB), or the size of
 *                   an initrd or of a gzip bomb's content; K/M/G suffixes.
 *   --gzip          gzip the output (gzip-* variants always are).
 *   OUT             output file, "-" for stdout.
 *
 * The valid kernels boot nowhere (their entry is "b ."), but they are laid
 * out like a vmlinux: .text at physical 0 (ET_EXEC, linked at
 * 0xc000000000000000) or relocatable (ET_DYN), .opd/.data and a bss.
 * Exit status: 0 written, 1 error, 2 usage.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kgen.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: mkkernel [--variant NAME] [--size BYTES] [--gzip] OUT\n"
	           "       mkkernel --list\n");
}

static void list(void)
{
	const struct kgen_variant *v;

	for (v = kgen_variants; v->name != NULL; v++)
		printf("%-18s %s\n", v->name, v->what);
}

/* BYTES with an optional K, M or G suffix. */
static int parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || end == s || s[0] == '-')
		return -1;
	if (*end == 'K' || *end == 'k')
		v <<= 10, end++;
	else if (*end == 'M' || *end == 'm')
		v <<= 20, end++;
	else if (*end == 'G' || *end == 'g')
		v <<= 30, end++;
	if (*end != '\0' || v > KGEN_MAX_SIZE)
		return -1;
	*out = v;
	return 0;
}

static int write_out(const char *path, const uint8_t *buf, size_t len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");

	if (f == NULL) {
		fprintf(stderr, "mkkernel: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (fwrite(buf, 1, len, f) != len || (f != stdout ? fclose(f) : fflush(f)) != 0) {
		fprintf(stderr, "mkkernel: %s: write failed: %s\n", path, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *variant = "exec", *out = NULL;
	uint64_t size = 0;
	int gzip = 0, i;
	char err[KGEN_ERR_MAX];
	uint8_t *buf;
	size_t len;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--list") == 0)
			return list(), 0;
		if (strcmp(argv[i], "-h") == 0 || strcmp(argv[i], "--help") == 0)
			return usage(stdout), 0;
		if (strcmp(argv[i], "--gzip") == 0)
			gzip = 1;
		else if (strcmp(argv[i], "--variant") == 0 && i + 1 < argc)
			variant = argv[++i];
		else if (strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
			if (parse_size(argv[++i], &size) < 0) {
				fprintf(stderr, "mkkernel: bad --size '%s'\n", argv[i]);
				return 2;
			}
		} else if (out == NULL && (argv[i][0] != '-' || strcmp(argv[i], "-") == 0))
			out = argv[i];
		else
			return usage(stderr), 2;
	}
	if (out == NULL)
		return usage(stderr), 2;
	if (kgen_make(variant, size, gzip, &buf, &len, err) < 0) {
		fprintf(stderr, "mkkernel: %s\n", err);
		return 1;
	}
	i = write_out(out, buf, len);
	free(buf);
	return i;
}
