/*
 * xencomm-image: build xencomm descriptors in one program and walk them in
 * another, possibly of a different word size or byte order.
 *
 * Usage:
 *   xencomm-image build FILE   describe a few deterministic buffers (mid-page,
 *                              multi-page, page-sized, inline, empty) inside a
 *                              window and write FILE: the window and its
 *                              handles, big-endian, the same bytes from every
 *                              build
 *   xencomm-image walk FILE    load FILE's window at its guest-physical
 *                              address, walk every handle with the walker and
 *                              print, per buffer, its descriptor, its length
 *                              and a checksum of the bytes copied out (whole,
 *                              and from an offset), then write the bytes back
 *                              through the handle and check they round-trip
 *
 * Example (the README demo): a 32-bit client and a 64-bit walker agree:
 *   build-m32/tests/xencomm/xencomm-image build /tmp/img
 *   build/tests/xencomm/xencomm-image walk /tmp/img
 * The walk output depends only on FILE, so cross-walk.sh compares it with
 * tests/xencomm/cross-walk.expected in every configuration.
 *
 * FILE layout (all integers big-endian):
 *   "XCIMAGE1"  8 bytes
 *   be64 window_gpa, be64 window_size, be32 nr_bufs, be32 reserved
 *   nr_bufs x { char name[16]; be64 handle; be64 len; }
 *   window_size bytes of window
 * Exit status: 0 success, 1 a walk disagreed or failed, 2 usage or I/O error.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testwin.h"

#define IMG_MAGIC      "XCIMAGE1"
#define IMG_MAGIC_LEN  8
#define IMG_NAME_LEN   16
#define IMG_HDR_LEN    (IMG_MAGIC_LEN + 8 + 8 + 4 + 4)
#define IMG_BUF_LEN    (IMG_NAME_LEN + 8 + 8)
#define IMG_MAX_BUFS   16
#define IMG_MAX_WINDOW (64ULL << 20)    /* refuse absurd files */
#define WIN_GPA        0x7f000000ULL    /* where build places its window */
#define WIN_PAGES      32
#define PG             ((uint64_t)XEN_PAGE_SIZE)
#define HEX_BYTES      8                /* bytes shown at each end of a buffer */

struct img_buf {
	char name[IMG_NAME_LEN + 1];
	uint64_t handle, len;
};

struct image {
	struct testwin tw;
	uint8_t *mem;
	uint32_t nr;
	struct img_buf buf[IMG_MAX_BUFS];
};

/*
 * The buffers build describes: where each starts in the window, its
 * length, where its descriptor goes (desc_off < 0: an inline handle).
 */
static const struct {
	const char *name;
	uint64_t off, len;
	int64_t desc_off;
} layout[] = {
	{ "mid-page",   2 * PG + 2000, 3000,          0 },    /* two pages, both partial */
	{ "multi-page", 4 * PG + 77,   5 * PG + 123,  64 },   /* six pages */
	{ "page",       11 * PG,       PG,            PG - 16 }, /* desc ends the page */
	{ "tail-byte",  13 * PG - 1,   2,             PG + 8 }, /* one byte in each page */
	{ "inline",     14 * PG + 10,  3 * PG,        -1 },   /* no descriptor */
	{ "empty",      20 * PG,       0,             128 },  /* the NULL handle */
};

/* FNV-1a, 64-bit: a stable checksum every build computes the same way. */
static uint64_t fnv1a(const uint8_t *p, uint64_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n-- > 0)
		h = (h ^ *p++) * 0x100000001b3ULL;
	return h;
}

/* Deterministic contents: differs at every offset and in every buffer. */
static void fill(uint8_t *p, uint64_t n, uint32_t seed)
{
	uint64_t i;

	for (i = 0; i < n; i++)
		p[i] = (uint8_t)(seed * 97 + i * 13 + (i >> 9));
}

static int cmd_build(const char *file)
{
	struct image im;
	uint8_t hdr[IMG_HDR_LEN], rec[IMG_BUF_LEN];
	uint32_t i, n = (uint32_t)(sizeof(layout) / sizeof(layout[0]));
	FILE *f;
	int rc;

	im.mem = testwin_alloc((uint64_t)WIN_PAGES * PG);
	if (im.mem == NULL)
		return 2;
	testwin_init(&im.tw, im.mem, WIN_GPA, (uint64_t)WIN_PAGES * PG);
	memcpy(hdr, IMG_MAGIC, IMG_MAGIC_LEN);
	be64_store(hdr + 8, WIN_GPA);
	be64_store(hdr + 16, (uint64_t)WIN_PAGES * PG);
	be32_store(hdr + 24, n);
	be32_store(hdr + 28, 0);
	f = fopen(file, "wb");
	if (f == NULL || fwrite(hdr, sizeof(hdr), 1, f) != 1)
		goto io;
	for (i = 0; i < n; i++) {
		uint8_t *buf = im.mem + layout[i].off;
		uint64_t h;

		fill(buf, layout[i].len, i + 1);
		if (layout[i].desc_off < 0) {
			h = xencomm_inline_handle(testwin_gpa(&im.tw, buf));
		} else {
			rc = xencomm_build(&im.tw.w, buf, layout[i].len,
			                   im.mem + layout[i].desc_off, PG, &h);
			if (rc < 0) {
				fprintf(stderr, "xencomm-image: build %s: %s\n", layout[i].name, strerror(-rc));
				fclose(f);
				free(im.mem);
				return 1;
			}
		}
		memset(rec, 0, sizeof(rec));
		memcpy(rec, layout[i].name, strlen(layout[i].name));
		be64_store(rec + IMG_NAME_LEN, h);
		be64_store(rec + IMG_NAME_LEN + 8, layout[i].len);
		if (fwrite(rec, sizeof(rec), 1, f) != 1)
			goto io;
	}
	if (fwrite(im.mem, (size_t)im.tw.w.size, 1, f) != 1 || fclose(f) != 0) {
		f = NULL;
		goto io;
	}
	free(im.mem);
	return 0;
io:
	fprintf(stderr, "xencomm-image: %s: %s\n", file, strerror(errno));
	if (f != NULL)
		fclose(f);
	free(im.mem);
	return 2;
}

/* Read FILE into im; every field is checked before it is used. */
static int load(const char *file, struct image *im)
{
	uint8_t hdr[IMG_HDR_LEN], rec[IMG_BUF_LEN];
	uint64_t gpa, size;
	uint32_t i;
	FILE *f = fopen(file, "rb");

	im->mem = NULL;
	if (f == NULL || fread(hdr, sizeof(hdr), 1, f) != 1)
		goto bad;
	gpa = be64_load(hdr + 8);
	size = be64_load(hdr + 16);
	im->nr = be32_load(hdr + 24);
	if (memcmp(hdr, IMG_MAGIC, IMG_MAGIC_LEN) != 0 || gpa % PG || size % PG ||
	    size == 0 || size > IMG_MAX_WINDOW || gpa + size < gpa ||
	    gpa + size > XENCOMM_INLINE_FLAG || im->nr > IMG_MAX_BUFS)
		goto bad;
	for (i = 0; i < im->nr; i++) {
		if (fread(rec, sizeof(rec), 1, f) != 1)
			goto bad;
		memcpy(im->buf[i].name, rec, IMG_NAME_LEN);
		im->buf[i].name[IMG_NAME_LEN] = '\0';
		im->buf[i].handle = be64_load(rec + IMG_NAME_LEN);
		im->buf[i].len = be64_load(rec + IMG_NAME_LEN + 8);
	}
	im->mem = testwin_alloc(size);
	if (im->mem == NULL || fread(im->mem, (size_t)size, 1, f) != 1)
		goto bad;
	fclose(f);
	testwin_init(&im->tw, im->mem, gpa, size);
	return 0;
bad:
	fprintf(stderr, "xencomm-image: %s: not a readable image\n", file);
	if (f != NULL)
		fclose(f);
	free(im->mem);
	return 2;
}

/* Show the descriptor a handle names, as the walker will see it. */
static void print_desc(const struct image *im, uint64_t h)
{
	uint32_t i, nr;
	const uint8_t *d;

	if (h == 0) {
		printf("  handle  0 (NULL)\n");
		return;
	}
	if (h & XENCOMM_INLINE_FLAG) {
		printf("  handle  0x%016" PRIx64 " (inline, gpa 0x%" PRIx64 ")\n",
		       h, (uint64_t)(h & ~XENCOMM_INLINE_FLAG));
		return;
	}
	printf("  handle  0x%016" PRIx64 " (descriptor)\n", h);
	if (h < im->tw.w.gpa || h - im->tw.w.gpa > im->tw.w.size - 8)
		return;                         /* the walk will say why */
	d = im->mem + (h - im->tw.w.gpa);
	nr = be32_load(d + 4);
	printf("  magic   0x%08" PRIx32 "  nr_addrs %" PRIu32 "\n", be32_load(d), nr);
	for (i = 0; i < nr && h - im->tw.w.gpa + 16 + 8 * (uint64_t)i <= im->tw.w.size; i++)
		printf("  addr[%" PRIu32 "] 0x%" PRIx64 "\n", i, be64_load(d + 8 + 8 * i));
}

static void print_hex(const char *what, const uint8_t *p, uint64_t n)
{
	uint64_t i;

	if (n == 0)
		return;
	printf("  %-7s", what);
	for (i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

/*
 * Walk one buffer: copy it out whole and from a third of the way in, then
 * write it back inverted, read that back, and restore it.
 */
static int walk_one(struct image *im, const struct img_buf *b)
{
	const struct xencomm_guest *g = &im->tw.g;
	uint64_t len = b->len, off = len / 3, i;
	uint8_t *out = malloc(len ? (size_t)len : 1), *inv = malloc(len ? (size_t)len : 1);
	int rc, bad = 0;

	printf("%s:\n", b->name);
	print_desc(im, b->handle);
	if (out == NULL || inv == NULL || len > SIZE_MAX) {
		free(out);
		free(inv);
		return 1;
	}
	rc = xencomm_copy_from_guest(g, out, b->handle, 0, len);
	if (rc == 0)
		rc = xencomm_copy_from_guest(g, inv, b->handle, off, len - off);
	if (rc < 0) {
		printf("  walk    FAILED: %s\n", strerror(-rc));
		free(out);
		free(inv);
		return 1;
	}
	printf("  length  %" PRIu64 "\n", len);
	printf("  fnv1a   0x%016" PRIx64 "  (from offset %" PRIu64 ": 0x%016" PRIx64 ")\n",
	       fnv1a(out, len), off, fnv1a(inv, len - off));
	bad |= memcmp(inv, out + off, (size_t)(len - off)) != 0;
	print_hex("first", out, len < HEX_BYTES ? len : HEX_BYTES);
	print_hex("last", out + len - (len < HEX_BYTES ? len : HEX_BYTES), len < HEX_BYTES ? len : HEX_BYTES);
	for (i = 0; i < len; i++)
		inv[i] = (uint8_t)~out[i];
	rc = xencomm_copy_to_guest(g, b->handle, 0, inv, len);
	if (rc == 0)
		rc = xencomm_copy_from_guest(g, inv, b->handle, 0, len);
	for (i = 0; rc == 0 && i < len; i++)
		bad |= (uint8_t)(inv[i] ^ out[i]) != 0xff;
	if (rc == 0)
		rc = xencomm_copy_to_guest(g, b->handle, 0, out, len);
	printf("  write   %s\n", rc < 0 ? strerror(-rc) : bad ? "MISMATCH" : "round-trip ok");
	free(out);
	free(inv);
	return rc < 0 || bad;
}

static int cmd_walk(const char *file)
{
	struct image im;
	uint32_t i;
	int rc = load(file, &im), failed = 0;

	if (rc != 0)
		return rc;
	printf("window  gpa 0x%" PRIx64 "  %" PRIu64 " pages\n",
	       im.tw.w.gpa, im.tw.w.size / PG);
	for (i = 0; i < im.nr; i++)
		failed |= walk_one(&im, &im.buf[i]);
	printf("%s\n", failed ? "walk: FAILED" : "walk: all buffers ok");
	free(im.mem);
	return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "build") == 0)
		return cmd_build(argv[2]);
	if (argc == 3 && strcmp(argv[1], "walk") == 0)
		return cmd_walk(argv[2]);
	fprintf(stderr, "usage: xencomm-image build FILE | walk FILE\n");
	return 2;
}
