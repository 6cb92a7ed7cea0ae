/*
 * PAGES records on restore: check the batch lies inside one span of the
 * saved memory map and after the previous batch, put the page data into
 * the window chunk at each page's place (raw: read straight in; zlib:
 * inflated straight in), then write each run of present pages with one
 * memcopy.  Zero pages are never written: the new domain's memory is
 * already zero, and writing zeros makes the hypervisor allocate host memory
 * for them.  (Filling short zero gaps to merge runs was measured: with one
 * data page in four it saved hypercalls but cost as much CPU in the host's
 * first-touch page faults, and four times the host memory.)
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include "xg_restore.h"

static int present(const struct xg_rec_pages *p, uint32_t i)
{
	return p->present[i / 8] >> (i % 8) & 1;
}

/* Is [gpfn, gpfn + n) inside the RMA or inside one extent? */
static int in_memory(const struct xg_restorer *r, uint64_t gpfn, uint64_t n)
{
	uint64_t rma_pages = (1ULL << r->cfg.rma_log) / XG_SAVE_PAGE_SIZE;
	uint32_t lo = 0, hi = r->nr_ext;

	if (gpfn + n <= rma_pages)
		return 1;
	while (lo < hi) {                    /* extents are sorted and disjoint */
		uint32_t mid = lo + (hi - lo) / 2;
		const struct xg_rec_extent *x = &r->ext[mid];
		if (gpfn < x->gpfn)
			hi = mid;
		else if (gpfn >= x->gpfn + (1ULL << x->order))
			lo = mid + 1;
		else
			return gpfn + n <= x->gpfn + (1ULL << x->order);
	}
	return 0;
}

static int read_raw(struct xg_restorer *r, const struct xg_rec_pages *p, struct xg_err *e)
{
	uint32_t i;
	int rc;

	for (i = 0; i < p->nr_pages; i++)
		if (present(p, i) &&
		    (rc = xg_sr_get(&r->sr, r->g.buf + (size_t)i * XG_SAVE_PAGE_SIZE, XG_SAVE_PAGE_SIZE, e)) < 0)
			return rc;
	return 0;
}

static int read_zlib(struct xg_restorer *r, const struct xg_rec_pages *p, struct xg_err *e)
{
	uint32_t i;
	int rc, zr = Z_OK;

	if ((rc = xg_sr_get(&r->sr, r->zbuf, p->data_len, e)) < 0)
		return rc;
	if (inflateReset(&r->zs) != Z_OK)
		return xg_err_set(e, -ENOMEM, "zlib reset failed");
	r->zs.next_in = r->zbuf;
	r->zs.avail_in = p->data_len;
	for (i = 0; i < p->nr_pages; i++) {
		if (!present(p, i))
			continue;
		r->zs.next_out = r->g.buf + (size_t)i * XG_SAVE_PAGE_SIZE;
		r->zs.avail_out = XG_SAVE_PAGE_SIZE;
		zr = inflate(&r->zs, Z_NO_FLUSH);
		if ((zr != Z_OK && zr != Z_STREAM_END) || r->zs.avail_out != 0)
			return xg_err_set(e, -EPROTO, "PAGES at gpfn 0x%" PRIx64 ": corrupt compressed data (%s)",
			                  p->gpfn, r->zs.msg ? r->zs.msg : "too short");
	}
	if (zr != Z_STREAM_END || r->zs.avail_in != 0)
		return xg_err_set(e, -EPROTO, "PAGES at gpfn 0x%" PRIx64 ": compressed data does not end"
		                  " with the batch", p->gpfn);
	return 0;
}

/* One memcopy per run of consecutive present pages. */
static int write_runs(struct xg_restorer *r, const struct xg_rec_pages *p)
{
	uint32_t i = 0, j;
	int rc;

	while (i < p->nr_pages) {
		if (!present(p, i)) {
			i++;
			continue;
		}
		for (j = i; j < p->nr_pages && present(p, j); j++)
			;
		if ((rc = xg_gmem_put_at(&r->g, (p->gpfn + i) * XG_SAVE_PAGE_SIZE,
		                         (size_t)i * XG_SAVE_PAGE_SIZE,
		                         (size_t)(j - i) * XG_SAVE_PAGE_SIZE)) < 0)
			return rc;
		i = j;
	}
	return 0;
}

int xg_restore_pages(struct xg_restorer *r, uint32_t len)
{
	uint8_t hdr[XG_SAVE_PAGES_HDR_BYTES];
	struct xg_rec_pages p;
	struct xg_err e = { 0, "" };
	int rc;

	if (len < XG_SAVE_PAGES_HDR_BYTES)
		return xc_seterror(r->xch, -EPROTO, "restore: PAGES record of %u bytes is too short", len);
	if ((rc = xg_sr_get(&r->sr, hdr, sizeof(hdr), &e)) < 0 ||
	    (rc = xg_dec_pages_hdr(&p, hdr, len, &e)) < 0)
		return xc_seterror(r->xch, rc, "restore: %s", e.msg);
	if (p.gpfn < r->next_gpfn || !in_memory(r, p.gpfn, p.nr_pages))
		return xc_seterror(r->xch, -EPROTO, "restore: PAGES batch at gpfn 0x%" PRIx64 " (%u pages)"
		                   " is outside the memory map or out of order", p.gpfn, p.nr_pages);
	rc = p.encoding == XG_PAGES_RAW ? read_raw(r, &p, &e) : read_zlib(r, &p, &e);
	if (rc == 0)
		rc = xg_sr_rec_end(&r->sr, len, &e);
	if (rc < 0)
		return xc_seterror(r->xch, rc, "restore: %s", e.msg);
	if ((rc = write_runs(r, &p)) < 0)
		return rc;
	r->next_gpfn = p.gpfn + p.nr_pages;
	r->done += (uint64_t)p.nr_pages * XG_SAVE_PAGE_SIZE;
	if (r->progress != NULL && r->progress(r->arg, r->done, r->total) != 0)
		return xc_seterror(r->xch, -ECANCELED, "restore: cancelled by the progress callback");
	return 0;
}
