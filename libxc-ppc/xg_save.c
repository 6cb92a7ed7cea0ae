/*
 * xc_domain_save: write a paused domain as a save stream (SAVE-FORMAT.md).
 *
 * The records other than PAGES are written here; the memory, the bulk of
 * the stream, by xg_save_pages.c (read through held views of the domain,
 * zero pages skipped, on two threads; zlib when asked).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xg_dom_state.h"
#include "xg_save.h"

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
	s->w.writev = xg_fd_writev;
	if ((rc = xc_guest_memmap(s->xch, s->domid, &s->map)) < 0)
		return rc;
	s->total = s->map->total_bytes;
	return 0;
}

static void teardown(struct xg_saver *s)
{
	xc_guest_memmap_free(s->map);
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
	    (rc = put_memmap(s)) < 0 || (rc = xg_save_pages(s)) < 0 ||
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
