/* dtb_read: strict DTB reader for tests (see dtb_read.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dtb_read.h"

#define PATH_MAX_LEN 256
#define DUMP_MAX (1U << 20)

static uint32_t ld32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint64_t ld64(const uint8_t *p)
{
	return (uint64_t)ld32(p) << 32 | ld32(p + 4);
}

struct walk {
	const uint8_t *b;
	size_t size;
	uint32_t off_struct, off_strings, size_struct, size_strings;
	/* callback per property */
	int (*prop)(struct walk *w, const char *path, const char *name,
	            const uint8_t *val, uint32_t len);
	char *out;
	size_t out_len;
	const char *want_path, *want_prop;
	const uint8_t *found;
	uint32_t found_len;
};

static int header(struct walk *w)
{
	const uint8_t *b = w->b;

	if (w->size < 40 || ld32(b) != 0xd00dfeedU || ld32(b + 4) > w->size ||
	    ld32(b + 20) < 16 || ld32(b + 24) > 16)
		return -1;
	w->off_struct = ld32(b + 8);
	w->off_strings = ld32(b + 12);
	w->size_strings = ld32(b + 32);
	w->size_struct = ld32(b + 36);
	if (w->off_struct > w->size || w->size_struct > w->size - w->off_struct ||
	    w->off_strings > w->size || w->size_strings > w->size - w->off_strings ||
	    (w->off_struct & 3) != 0 || ld32(b + 16) > w->size)
		return -1;
	return 0;
}

static int walk_struct(struct walk *w)
{
	const uint8_t *s = w->b + w->off_struct;
	uint32_t pos = 0, end = w->size_struct;
	char path[PATH_MAX_LEN] = "";
	size_t plen[16];
	int depth = 0;

	while (pos + 4 <= end) {
		uint32_t tok = ld32(s + pos);
		pos += 4;
		if (tok == 1) {                      /* BEGIN_NODE */
			const char *name = (const char *)s + pos;
			size_t n = strnlen(name, end - pos);
			if (n == end - pos || depth >= 16)
				return -1;
			plen[depth] = strlen(path);
			if (depth > 0) {
				if (plen[depth] + n + 2 > sizeof(path))
					return -1;
				path[plen[depth]] = '/';
				memcpy(path + plen[depth] + 1, name, n + 1);
			}
			depth++;
			pos += (uint32_t)((n + 4) & ~(size_t)3);
		} else if (tok == 2) {               /* END_NODE */
			if (depth == 0)
				return -1;
			path[plen[--depth]] = '\0';
		} else if (tok == 3) {               /* PROP */
			uint32_t len, nameoff;
			if (pos + 8 > end || depth == 0)
				return -1;
			len = ld32(s + pos);
			nameoff = ld32(s + pos + 4);
			pos += 8;
			if (len > end - pos || nameoff >= w->size_strings ||
			    memchr(w->b + w->off_strings + nameoff, 0, w->size_strings - nameoff) == NULL)
				return -1;
			if (w->prop(w, depth == 1 ? "/" : path,
			            (const char *)w->b + w->off_strings + nameoff, s + pos, len) < 0)
				return -1;
			pos += (len + 3) & ~3U;
		} else if (tok == 4) {               /* NOP */
			continue;
		} else if (tok == 9) {               /* END */
			return depth == 0 ? 0 : -1;
		} else {
			return -1;
		}
	}
	return -1;
}

static int append(struct walk *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static int append(struct walk *w, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(w->out + w->out_len, DUMP_MAX - w->out_len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= DUMP_MAX - w->out_len)
		return -1;
	w->out_len += (size_t)n;
	return 0;
}

static int dump_prop(struct walk *w, const char *path, const char *name,
                     const uint8_t *val, uint32_t len)
{
	uint32_t i;

	if (append(w, "%s %s", path, name) < 0)
		return -1;
	for (i = 0; i < len; i++)
		if (append(w, "%s%02x", i == 0 ? " " : "", val[i]) < 0)
			return -1;
	return append(w, "\n");
}

static int find_prop(struct walk *w, const char *path, const char *name,
                     const uint8_t *val, uint32_t len)
{
	if (w->found == NULL && strcmp(path, w->want_path) == 0 && strcmp(name, w->want_prop) == 0) {
		w->found = val;
		w->found_len = len;
	}
	return 0;
}

char *dtb_dump(const void *blob, size_t size)
{
	struct walk w = { .b = blob, .size = size, .prop = dump_prop };
	uint32_t rsv;

	if (header(&w) < 0 || (w.out = malloc(DUMP_MAX)) == NULL)
		return NULL;
	w.out[0] = '\0';
	for (rsv = ld32(w.b + 16); rsv + 16 <= size; rsv += 16) {
		uint64_t a = ld64(w.b + rsv), s = ld64(w.b + rsv + 8);
		if (a == 0 && s == 0)
			break;
		if (append(&w, "rsv %llx %llx\n", (unsigned long long)a, (unsigned long long)s) < 0)
			goto bad;
	}
	if (walk_struct(&w) == 0)
		return w.out;
bad:
	free(w.out);
	return NULL;
}

const uint8_t *dtb_prop(const void *blob, size_t size, const char *path,
                        const char *prop, uint32_t *len)
{
	struct walk w = { .b = blob, .size = size, .prop = find_prop,
	                  .want_path = path, .want_prop = prop };

	if (header(&w) < 0 || walk_struct(&w) < 0)
		return NULL;
	*len = w.found_len;
	return w.found;
}
