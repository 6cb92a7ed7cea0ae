/*
 * xg_fdt_own: a minimal sequential DTB writer, for builds without libfdt.
 *
 * Layout, byte for byte what libfdt's sequential writer produces, so the
 * builds with and without libfdt give guests identical trees (and save
 * streams stay comparable across builds): the 40-byte header, the reserve
 * map at offset 48 (16-aligned, 16-byte entries ending with a zero entry),
 * the structure block, then the strings block.  As in libfdt, the strings
 * table grows downwards (a new name goes before the older ones), a name is
 * shared with any existing name it is a suffix of, and property name
 * offsets are kept relative to the table's end until the tree is finished.
 * All cells are big-endian, all tokens 4-aligned.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <xenppc/byteorder.h>

#include "xg_fdt.h"

#define XG_FDT_RSV_ENTRY 16U
/* The reserve map starts at the header size rounded up to an entry. */
#define XG_FDT_RSV_OFFSET ((XG_FDT_HEADER_SIZE + XG_FDT_RSV_ENTRY - 1) & ~(XG_FDT_RSV_ENTRY - 1))

static int room(struct xg_fdt_writer *w, size_t n)
{
	return w->pos <= w->size && n <= w->size - w->pos ? 0 : -ENOSPC;
}

static int put32(struct xg_fdt_writer *w, uint32_t v)
{
	if (room(w, 4) < 0)
		return -ENOSPC;
	be32_store(w->buf + w->pos, v);
	w->pos += 4;
	return 0;
}

/* Bytes then zero padding up to a multiple of 4. */
static int put_padded(struct xg_fdt_writer *w, const void *p, size_t n)
{
	size_t padded = (n + 3) & ~(size_t)3;

	if (padded < n || room(w, padded) < 0)
		return -ENOSPC;
	memcpy(w->buf + w->pos, p, n);
	memset(w->buf + w->pos + n, 0, padded - n);
	w->pos += padded;
	return 0;
}

static int own_create(struct xg_fdt_writer *w)
{
	if (w->size < XG_FDT_RSV_OFFSET + XG_FDT_RSV_ENTRY)
		return -ENOSPC;
	memset(w->buf, 0, XG_FDT_RSV_OFFSET);
	w->pos = XG_FDT_RSV_OFFSET;
	w->off_struct = 0;
	w->depth = 0;
	w->strings_len = 0;
	return 0;
}

static int own_add_reserve(struct xg_fdt_writer *w, uint64_t addr, uint64_t size)
{
	if (w->off_struct != 0 || room(w, XG_FDT_RSV_ENTRY) < 0)
		return w->off_struct != 0 ? -EINVAL : -ENOSPC;
	be64_store(w->buf + w->pos, addr);
	be64_store(w->buf + w->pos + 8, size);
	w->pos += XG_FDT_RSV_ENTRY;
	return 0;
}

static int own_finish_reserve(struct xg_fdt_writer *w)
{
	int rc = own_add_reserve(w, 0, 0);

	if (rc == 0)
		w->off_struct = w->pos;
	return rc;
}

static int own_begin_node(struct xg_fdt_writer *w, const char *name)
{
	int rc;

	if (w->off_struct == 0 || w->depth >= XG_FDT_MAX_DEPTH)
		return -EINVAL;
	if ((rc = put32(w, XG_FDT_BEGIN_NODE)) < 0 ||
	    (rc = put_padded(w, name, strlen(name) + 1)) < 0)
		return rc;
	w->depth++;
	return 0;
}

/*
 * Offset of name relative to the END of the strings table (so it stays
 * valid as the table grows downwards): an existing occurrence at the
 * lowest address, else the name is added in front.
 */
static int string_offset(struct xg_fdt_writer *w, const char *name, uint32_t *off)
{
	size_t n = strlen(name) + 1, lo = sizeof(w->strings) - w->strings_len, p;

	for (p = lo; p + n <= sizeof(w->strings); p++)
		if (memcmp(w->strings + p, name, n) == 0) {
			*off = (uint32_t)-(int32_t)(sizeof(w->strings) - p);
			return 0;
		}
	if (n > lo)
		return -ENOSPC;
	memcpy(w->strings + lo - n, name, n);
	w->strings_len += n;
	*off = (uint32_t)-(int32_t)(sizeof(w->strings) - (lo - n));
	return 0;
}

/* Make every property's name offset relative to the table's start. */
static void fix_name_offsets(struct xg_fdt_writer *w)
{
	size_t pos = w->off_struct;

	for (;;) {
		uint32_t tok = be32_load(w->buf + pos);
		pos += 4;
		if (tok == XG_FDT_BEGIN_NODE) {
			pos += (strlen((const char *)w->buf + pos) + 4) & ~(size_t)3;
		} else if (tok == XG_FDT_PROP) {
			uint32_t len = be32_load(w->buf + pos);
			be32_store(w->buf + pos + 4, be32_load(w->buf + pos + 4) + (uint32_t)w->strings_len);
			pos += 8 + ((len + 3) & ~(size_t)3);
		} else if (tok != XG_FDT_END_NODE) {
			return;              /* XG_FDT_END */
		}
	}
}

static int own_property(struct xg_fdt_writer *w, const char *name, const void *val, size_t len)
{
	uint32_t off;
	int rc;

	if (w->depth == 0 || len > UINT32_MAX)
		return -EINVAL;
	if ((rc = string_offset(w, name, &off)) < 0 ||
	    (rc = put32(w, XG_FDT_PROP)) < 0 ||
	    (rc = put32(w, (uint32_t)len)) < 0 ||
	    (rc = put32(w, off)) < 0)
		return rc;
	return put_padded(w, val, len);
}

static int own_end_node(struct xg_fdt_writer *w)
{
	if (w->depth == 0)
		return -EINVAL;
	w->depth--;
	return put32(w, XG_FDT_END_NODE);
}

static int own_finish(struct xg_fdt_writer *w)
{
	uint8_t *h = w->buf;
	size_t size_struct;
	int rc;

	if (w->depth != 0 || w->off_struct == 0)
		return -EINVAL;
	if ((rc = put32(w, XG_FDT_END)) < 0)
		return rc;
	if (room(w, w->strings_len) < 0)
		return -ENOSPC;
	size_struct = w->pos - w->off_struct;
	memcpy(w->buf + w->pos, w->strings + sizeof(w->strings) - w->strings_len, w->strings_len);
	fix_name_offsets(w);
	be32_store(h + 0, XG_FDT_MAGIC);
	be32_store(h + 4, (uint32_t)(w->pos + w->strings_len));
	be32_store(h + 8, (uint32_t)w->off_struct);
	be32_store(h + 12, (uint32_t)w->pos);
	be32_store(h + 16, XG_FDT_RSV_OFFSET);
	be32_store(h + 20, XG_FDT_VERSION);
	be32_store(h + 24, XG_FDT_LAST_COMP_VERSION);
	be32_store(h + 28, 0);                       /* boot_cpuid_phys */
	be32_store(h + 32, (uint32_t)w->strings_len);
	be32_store(h + 36, (uint32_t)size_struct);
	w->total = w->pos + w->strings_len;
	return 0;
}

const struct xg_fdt_ops xg_fdt_ops_own = {
	.name = "own",
	.create = own_create,
	.add_reserve = own_add_reserve,
	.finish_reserve = own_finish_reserve,
	.begin_node = own_begin_node,
	.property = own_property,
	.end_node = own_end_node,
	.finish = own_finish,
};
