/*
 * xg_gmem: the guest-memory mover (see xg_private.h) over
 * XEN_DOMCTL_memcopy: copies through the window, which the hypervisor
 * checks page by page.  It serves xc_guest_memory_* (whose reads may skip
 * zero pages: the hypervisor finds them without faulting holes in) and
 * callers that move a few bytes; the builder, save and restore, which move
 * megabytes, go through held spans of machine memory instead
 * (xc_foreign_span_write, xc_foreign_view_map).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "xg_private.h"

static size_t zmap_bytes(const struct xg_gmem *g)
{
	return (g->chunk / XEN_PAGE_SIZE + 7) / 8;
}

int xg_gmem_open(xc_interface *xch, uint32_t domid, uint64_t want, struct xg_gmem *g)
{
	int rc;

	memset(g, 0, sizeof(*g));
	g->xch = xch;
	g->domid = domid;
	g->chunk = want == 0 || want > XG_CHUNK_BYTES ? XG_CHUNK_BYTES :
	           (size_t)((want + XEN_PAGE_SIZE - 1) & ~(uint64_t)(XEN_PAGE_SIZE - 1));
	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	g->buf = xc_hypercall_buffer_alloc(xch, g->chunk, &g->buf_h);
	if (g->buf == NULL)
		return -xch->last_error.code;
	g->zmap = xc_hypercall_buffer_alloc(xch, zmap_bytes(g), &g->zmap_h);
	if (g->zmap == NULL) {
		rc = -xch->last_error.code;
		xg_gmem_close(g);
		return rc;
	}
	return 0;
}

void xg_gmem_close(struct xg_gmem *g)
{
	if (g->xch == NULL)
		return;
	xc_hypercall_buffer_free(g->xch, g->buf);
	xc_hypercall_buffer_free(g->xch, g->zmap);
	g->buf = g->zmap = NULL;
}

static int memcopy(struct xg_gmem *g, uint64_t gpa, size_t len, uint32_t flags)
{
	struct xen_domctl d = xc_domctl_init(XEN_DOMCTL_memcopy, g->domid);
	int rc;

	if (len > g->chunk)
		return xc_seterror(g->xch, -EINVAL, "memcopy of %zu bytes: above the %zu-byte chunk",
		                   len, g->chunk);
	d.u.memcopy.gpaddr = be64_mk(gpa);
	d.u.memcopy.len = be64_mk(len);
	d.u.memcopy.buffer = be64_mk(g->buf_h);
	d.u.memcopy.zero_map = be64_mk(flags & XEN_MEMCOPY_skip_zero
	                               ? g->zmap_h : 0);
	d.u.memcopy.flags = be32_mk(flags);
	rc = do_domctl(g->xch, &d);
	if (rc < 0) {
		char why[XC_MAX_ERROR_MSG_LEN];
		/* The message being replaced may be the reason: copy it first. */
		snprintf(why, sizeof(why), "%s", rc == -EFAULT ? "not in the domain's memory"
		                                               : g->xch->last_error.message);
		return xc_seterror(g->xch, rc, "guest memory %s [0x%" PRIx64 "-0x%" PRIx64 ") of domain %u: %s",
		                   (flags & 0xff) == XEN_MEMCOPY_to_guest ? "write" : "read",
		                   gpa, gpa + len, g->domid, why);
	}
	return 0;
}

int xg_gmem_put(struct xg_gmem *g, uint64_t gpa, size_t len)
{
	return memcopy(g, gpa, len, XEN_MEMCOPY_to_guest);
}

int xg_gmem_get(struct xg_gmem *g, uint64_t gpa, size_t len)
{
	return memcopy(g, gpa, len, XEN_MEMCOPY_from_guest);
}

int xg_gmem_get_nonzero(struct xg_gmem *g, uint64_t gpa, size_t len)
{
	unsigned pages = (unsigned)(len / XEN_PAGE_SIZE), i, nz = 0;
	int rc;

	memset(g->zmap, 0, zmap_bytes(g));
	rc = memcopy(g, gpa, len, XEN_MEMCOPY_from_guest | XEN_MEMCOPY_skip_zero);
	if (rc < 0)
		return rc;
	for (i = 0; i < pages; i++)
		nz += !xg_zmap_test(g->zmap, i);
	return (int)nz;
}

int xg_gmem_write(struct xg_gmem *g, uint64_t gpa, const void *src, uint64_t len)
{
	const uint8_t *s = src;
	int rc;

	while (len > 0) {
		size_t n = xg_gmem_step(g, len);
		memcpy(g->buf, s, n);
		if ((rc = xg_gmem_put(g, gpa, n)) < 0)
			return rc;
		gpa += n;
		s += n;
		len -= n;
	}
	return 0;
}

int xg_gmem_zero(struct xg_gmem *g, uint64_t gpa, uint64_t len)
{
	int rc;

	memset(g->buf, 0, xg_gmem_step(g, len));
	while (len > 0) {
		size_t n = xg_gmem_step(g, len);
		if ((rc = xg_gmem_put(g, gpa, n)) < 0)
			return rc;
		gpa += n;
		len -= n;
	}
	return 0;
}

int xg_fail(xc_interface *xch, const struct xg_err *e, const char *what)
{
	return xc_seterror(xch, e->code, "%s%s", what, e->msg);
}
