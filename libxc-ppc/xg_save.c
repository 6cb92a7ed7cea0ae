/*
 * xc_domain_save: write a paused domain as a save stream (SAVE-FORMAT.md).
 *
 * Memory is read 256 pages (one memcopy) at a time with skip_zero, so
 * all-zero pages cost neither a copy nor stream bytes; the non-zero pages
 * are compressed straight out of the window (no staging copy) and a batch
 * that does not shrink is stored raw.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "xg_dom_state.h"
#include "xg_save.h"

/* zlib level: speed matters more than the last few percent of size. */
#define XG_SAVE_ZLIB_LEVEL Z_BEST_SPEED

struct xg_saver {
	xc_interface *xch;
	uint32_t domid, flags;
	struct xg_sw w;
	struct xg_gmem g;
	xc_guest_memmap_t *map;
	z_stream zs;
	int zs_ready;
	uint8_t *zbuf;               /* one compressed batch */
	size_t zbuf_len;
	uint64_t done, total;
	xc_save_progress_fn progress;
	void *arg;
};

static int wfail(struct xg_saver *s, int rc)
{
	return xc_seterror(s->xch, rc, "save: writing the stream: %s", strerror(-rc));
}

static int put_config(struct xg_saver *s, const xc_dominfo_t *info)
{
	struct xg_rec_config c;
	uint8_t body[XG_CONFIG_BYTES];
	int rc;

	memset(&c, 0, sizeof(c));
	c.mem_bytes = s->map->total_bytes;
	c.max_memkb = info->max_memkb;
	c.rma_log = s->map->rma_log;
	c.nr_vcpus = info->max_vcpu_id + 1;
	c.ssidref = info->ssidref;
	memcpy(c.uuid, info->handle, 16);
	if ((rc = xc_domain_getname(s->xch, s->domid, c.name, sizeof(c.name))) < 0)
		return rc;
	xg_enc_config(body, &c);
	rc = xg_sw_record(&s->w, XG_REC_CONFIG, body, sizeof(body));
	return rc < 0 ? wfail(s, rc) : 0;
}

static int put_vcpus(struct xg_saver *s, uint32_t nr)
{
	uint8_t body[XG_VCPU_BYTES];
	xc_vcpu_context_t ctx;
	uint32_t v;
	int rc;

	for (v = 0; v < nr; v++) {
		/* a vcpu never given a context answers -ENODATA: record it as such */
		rc = xc_vcpu_getcontext(s->xch, s->domid, v, &ctx);
		if (rc < 0 && rc != -ENODATA)
			return rc;
		if (rc == -ENODATA)
			memset(&ctx, 0, sizeof(ctx));
		memset(body, 0, 8);
		be32_store(body, v);
		be32_store(body + 4, rc == 0 ? XG_VCPU_INITIALISED : 0);
		xg_enc_vcpu_ctx(body + 8, &ctx);
		if ((rc = xg_sw_record(&s->w, XG_REC_VCPU, body, sizeof(body))) < 0)
			return wfail(s, rc);
	}
	return 0;
}

static int put_memmap(struct xg_saver *s)
{
	uint32_t n = s->map->nr_extents, i, len = xg_memmap_len(n);
	struct xg_rec_extent *x = calloc(n ? n : 1, sizeof(*x));
	uint8_t *body = malloc(len);
	int rc = 0;

	if (x == NULL || body == NULL)
		rc = xc_seterror(s->xch, -ENOMEM, "save: out of memory for the memory map");
	for (i = 0; rc == 0 && i < n; i++) {
		x[i].gpfn = s->map->extents[i].gpfn;
		x[i].order = s->map->extents[i].order;
	}
	if (rc == 0) {
		xg_enc_memmap(body, x, n);
		if ((rc = xg_sw_record(&s->w, XG_REC_MEMMAP, body, len)) < 0)
			rc = wfail(s, rc);
	}
	free(x);
	free(body);
	return rc;
}

/*
 * Compress the present pages of the window chunk into s->zbuf.  Returns
 * the compressed length, or 0 when compression does not pay (store raw).
 */
static size_t compress_batch(struct xg_saver *s, const struct xg_rec_pages *p)
{
	uint32_t i, raw = p->nr_present * XG_SAVE_PAGE_SIZE;

	if (s->flags & XC_SAVE_NO_COMPRESS || !s->zs_ready || deflateReset(&s->zs) != Z_OK)
		return 0;
	s->zs.next_out = s->zbuf;
	s->zs.avail_out = (uInt)s->zbuf_len;
	for (i = 0; i < p->nr_pages; i++) {
		if (!(p->present[i / 8] >> (i % 8) & 1))
			continue;
		s->zs.next_in = s->g.buf + (size_t)i * XG_SAVE_PAGE_SIZE;
		s->zs.avail_in = XG_SAVE_PAGE_SIZE;
		if (deflate(&s->zs, Z_NO_FLUSH) != Z_OK || s->zs.avail_in != 0)
			return 0;
	}
	if (deflate(&s->zs, Z_FINISH) != Z_STREAM_END || s->zs.total_out >= raw)
		return 0;
	return s->zs.total_out;
}

/* Write one PAGES record for the chunk just read into the window. */
static int put_batch(struct xg_saver *s, struct xg_rec_pages *p)
{
	uint8_t hdr[XG_SAVE_PAGES_HDR_BYTES];
	size_t zlen = compress_batch(s, p);
	uint32_t i, len;
	int rc;

	p->encoding = zlen ? XG_PAGES_ZLIB : XG_PAGES_RAW;
	p->data_len = zlen ? (uint32_t)zlen : p->nr_present * XG_SAVE_PAGE_SIZE;
	len = XG_SAVE_PAGES_HDR_BYTES + p->data_len;
	xg_enc_pages_hdr(hdr, p);
	if ((rc = xg_sw_rec_begin(&s->w, XG_REC_PAGES, len)) < 0 ||
	    (rc = xg_sw_put(&s->w, hdr, sizeof(hdr))) < 0)
		return wfail(s, rc);
	if (zlen)
		rc = xg_sw_put(&s->w, s->zbuf, zlen);
	for (i = 0; !zlen && rc == 0 && i < p->nr_pages; i++)
		if (p->present[i / 8] >> (i % 8) & 1)
			rc = xg_sw_put(&s->w, s->g.buf + (size_t)i * XG_SAVE_PAGE_SIZE, XG_SAVE_PAGE_SIZE);
	if (rc == 0)
		rc = xg_sw_rec_end(&s->w, len);
	return rc < 0 ? wfail(s, rc) : 0;
}

static int report(struct xg_saver *s, uint64_t bytes)
{
	s->done += bytes;
	if (s->progress != NULL && s->progress(s->arg, s->done, s->total) != 0)
		return xc_seterror(s->xch, -ECANCELED, "save: cancelled by the progress callback");
	return 0;
}

/* All pages of one span, in batches; all-zero batches write nothing. */
static int put_span(struct xg_saver *s, uint64_t gpfn, uint64_t pages)
{
	struct xg_rec_pages p;
	uint32_t i;
	int rc;

	while (pages > 0) {
		uint32_t n = pages < XG_SAVE_BATCH_PAGES ? (uint32_t)pages : XG_SAVE_BATCH_PAGES;
		if ((rc = xg_gmem_get_nonzero(&s->g, gpfn * XG_SAVE_PAGE_SIZE,
		                              (size_t)n * XG_SAVE_PAGE_SIZE)) < 0)
			return rc;
		memset(&p, 0, sizeof(p));
		p.gpfn = gpfn;
		p.nr_pages = n;
		p.nr_present = (uint32_t)rc;
		for (i = 0; i < n; i++)
			if (!xg_zmap_test(s->g.zmap, i))
				p.present[i / 8] |= (uint8_t)(1U << (i % 8));
		if (p.nr_present > 0 && (rc = put_batch(s, &p)) < 0)
			return rc;
		if ((rc = report(s, (uint64_t)n * XG_SAVE_PAGE_SIZE)) < 0)
			return rc;
		gpfn += n;
		pages -= n;
	}
	return 0;
}

static int put_pages(struct xg_saver *s)
{
	uint32_t i;
	int rc = put_span(s, 0, (1ULL << s->map->rma_log) / XG_SAVE_PAGE_SIZE);

	for (i = 0; rc == 0 && i < s->map->nr_extents; i++)
		rc = put_span(s, s->map->extents[i].gpfn, 1ULL << s->map->extents[i].order);
	return rc;
}

static int put_evtchn_gnttab(struct xg_saver *s)
{
	struct xg_rec_port *p = NULL;
	struct xg_rec_gnttab gt;
	uint8_t gbody[XG_GNTTAB_BYTES], *body = NULL;
	uint32_t n = 0;
	int rc;

	if ((rc = xg_collect_ports(s->xch, s->domid, &p, &n)) < 0)
		return rc;
	if ((body = malloc(xg_evtchn_len(n))) == NULL) {
		free(p);
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	}
	xg_enc_evtchn(body, p, n);
	rc = xg_sw_record(&s->w, XG_REC_EVTCHN, body, xg_evtchn_len(n));
	free(body);
	free(p);
	if (rc < 0)
		return wfail(s, rc);
	if ((rc = xc_gnttab_query_size(s->xch, s->domid, &gt.nr_frames, &gt.max_nr_frames)) < 0)
		return rc;
	xg_enc_gnttab(gbody, &gt);
	rc = xg_sw_record(&s->w, XG_REC_GNTTAB, gbody, sizeof(gbody));
	return rc < 0 ? wfail(s, rc) : 0;
}

static int put_end(struct xg_saver *s)
{
	uint8_t body[XG_END_BYTES];
	int rc;

	xg_enc_end(body, s->w.bytes, s->w.crc);
	if ((rc = xg_sw_record(&s->w, XG_REC_END, body, sizeof(body))) < 0 ||
	    (rc = xg_sw_flush(&s->w)) < 0)
		return wfail(s, rc);
	return 0;
}

static int setup(struct xg_saver *s, int *fd)
{
	int rc;

	if ((rc = xg_sw_init(&s->w, xg_fd_write, fd)) < 0)
		return xc_seterror(s->xch, rc, "save: out of memory");
	if ((rc = xg_gmem_open(s->xch, s->domid, &s->g)) < 0 ||
	    (rc = xc_guest_memmap(s->xch, s->domid, &s->map)) < 0)
		return rc;
	s->total = s->map->total_bytes;
	memset(&s->zs, 0, sizeof(s->zs));
	if (deflateInit(&s->zs, XG_SAVE_ZLIB_LEVEL) != Z_OK)
		return xc_seterror(s->xch, -ENOMEM, "save: cannot start zlib");
	s->zs_ready = 1;
	s->zbuf_len = deflateBound(&s->zs, XG_SAVE_PAGES_MAX_DATA);
	if ((s->zbuf = malloc(s->zbuf_len)) == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	return 0;
}

static void teardown(struct xg_saver *s)
{
	if (s->zs_ready)
		deflateEnd(&s->zs);
	free(s->zbuf);
	xc_guest_memmap_free(s->map);
	xg_gmem_close(&s->g);
	xg_sw_fini(&s->w);
}

static int save_paused(struct xg_saver *s, int *fd)
{
	xc_dominfo_t info;
	int rc;

	if ((rc = setup(s, fd)) < 0 || (rc = xc_domain_getinfo_one(s->xch, s->domid, &info)) < 0)
		return rc;
	if ((rc = xg_sw_header(&s->w)) < 0)
		return wfail(s, rc);
	if ((rc = put_config(s, &info)) < 0 || (rc = put_vcpus(s, info.max_vcpu_id + 1)) < 0 ||
	    (rc = put_memmap(s)) < 0 || (rc = put_pages(s)) < 0 ||
	    (rc = put_evtchn_gnttab(s)) < 0)
		return rc;
	return put_end(s);
}

XC_PUBLIC int xc_domain_save(xc_interface *xch, int fd, uint32_t domid,
		uint32_t flags, xc_save_progress_fn progress, void *arg)
{
	struct xg_saver *s;
	xc_dominfo_t info;
	int rc;

	if (flags & ~XC_SAVE_FLAGS_ALL)
		return xc_seterror(xch, -EINVAL, "save: unknown flags 0x%x", flags & ~XC_SAVE_FLAGS_ALL);
	if ((rc = xc_check_domid(xch, domid, 0)) < 0 || (rc = xc_domain_getinfo_one(xch, domid, &info)) < 0)
		return rc;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return xc_seterror(xch, -ENOMEM, "save: out of memory");
	s->xch = xch;
	s->domid = domid;
	s->flags = flags;
	s->progress = progress;
	s->arg = arg;
	/* A domain that was running goes back to running if the save fails. */
	if (!info.paused && (rc = xc_domain_pause(xch, domid)) < 0) {
		free(s);
		return rc;
	}
	rc = save_paused(s, &fd);
	teardown(s);
	free(s);
	if (rc < 0 && !info.paused)
		(void)xc_domain_unpause(xch, domid);
	if (rc == 0 && (flags & XC_SAVE_DESTROY))
		rc = xc_domain_destroy(xch, domid);
	return rc;
}
