/*
 * xg_fdt_libfdt: the xg_fdt_ops interface over libfdt's sequential-write
 * API, used when the build found libfdt (a well-kept library is preferred
 * to our own writer).  libfdt errors become -ENOSPC or -EINVAL.
 */
#include "config.h"

#ifdef HAVE_LIBFDT

#include <errno.h>

#include <libfdt.h>

#include "xg_fdt.h"

static int map_err(int r)
{
	if (r >= 0)
		return 0;
	return r == -FDT_ERR_NOSPACE ? -ENOSPC : -EINVAL;
}

static int lf_create(struct xg_fdt_writer *w)
{
	if (w->size > INT32_MAX)
		return -EINVAL;
	return map_err(fdt_create(w->buf, (int)w->size));
}

static int lf_add_reserve(struct xg_fdt_writer *w, uint64_t addr, uint64_t size)
{
	return map_err(fdt_add_reservemap_entry(w->buf, addr, size));
}

static int lf_finish_reserve(struct xg_fdt_writer *w)
{
	return map_err(fdt_finish_reservemap(w->buf));
}

static int lf_begin_node(struct xg_fdt_writer *w, const char *name)
{
	return map_err(fdt_begin_node(w->buf, name));
}

static int lf_property(struct xg_fdt_writer *w, const char *name, const void *val, size_t len)
{
	if (len > INT32_MAX)
		return -EINVAL;
	return map_err(fdt_property(w->buf, name, val, (int)len));
}

static int lf_end_node(struct xg_fdt_writer *w)
{
	return map_err(fdt_end_node(w->buf));
}

static int lf_finish(struct xg_fdt_writer *w)
{
	int rc = map_err(fdt_finish(w->buf));

	if (rc == 0)
		w->total = fdt_totalsize(w->buf);
	return rc;
}

const struct xg_fdt_ops xg_fdt_ops_libfdt = {
	.name = "libfdt",
	.create = lf_create,
	.add_reserve = lf_add_reserve,
	.finish_reserve = lf_finish_reserve,
	.begin_node = lf_begin_node,
	.property = lf_property,
	.end_node = lf_end_node,
	.finish = lf_finish,
};

#endif /* HAVE_LIBFDT */
