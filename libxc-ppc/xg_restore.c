/*
 * xc_domain_restore: create a domain from a save stream (SAVE-FORMAT.md).
 *
 * Records must come in the documented order; each is bounded by its type's
 * limit before its body is read, and decoded by a validating decoder.  The
 * domain is created as soon as CONFIG has been checked (its memory is
 * needed to receive the pages), so every failure after that destroys it:
 * nothing half-made stays behind.  vcpu contexts are set last, after the
 * END record's CRC has matched.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xg_dom_state.h"
#include "xg_restore.h"

/* Expected record order. */
enum stage { ST_CONFIG, ST_VCPU, ST_MEMMAP, ST_PAGES, ST_GNTTAB, ST_END, ST_DONE };

static int rfail(struct xg_restorer *r, const struct xg_err *e)
{
	return xc_seterror(r->xch, e->code, "restore: %s", e->msg);
}

/* Read a whole (small) record body into a new buffer. */
static int get_body(struct xg_restorer *r, uint32_t len, uint8_t **body)
{
	struct xg_err e = { 0, "" };
	int rc;

	if ((*body = malloc(len ? len : 1)) == NULL)
		return xc_seterror(r->xch, -ENOMEM, "restore: out of memory for a %u-byte record", len);
	if ((rc = xg_sr_get(&r->sr, *body, len, &e)) < 0 || (rc = xg_sr_rec_end(&r->sr, len, &e)) < 0) {
		free(*body);
		*body = NULL;
		return rfail(r, &e);
	}
	return 0;
}

static int on_config(struct xg_restorer *r, const uint8_t *b, uint32_t len)
{
	struct xg_err e = { 0, "" };
	static const xen_domain_handle_t zero_uuid;
	int rc;

	if ((rc = xg_dec_config(&r->cfg, b, len, &e)) < 0)
		return rfail(r, &e);
	r->domid = 0;
	rc = xc_domain_create(r->xch, r->cfg.ssidref, r->flags & XC_RESTORE_NEW_UUID ? zero_uuid
	                      : r->cfg.uuid, 0, r->cfg.rma_log, &r->domid);
	if (rc < 0)
		return rc;
	r->created = 1;
	if ((rc = xc_domain_max_vcpus(r->xch, r->domid, r->cfg.nr_vcpus)) < 0 ||
	    (rc = xc_domain_setmaxmem(r->xch, r->domid, r->cfg.max_memkb)) < 0)
		return rc;
	if (r->cfg.name[0] != '\0' && !(r->flags & XC_RESTORE_NO_NAME) &&
	    (rc = xc_domain_setname(r->xch, r->domid, r->cfg.name)) < 0)
		return rc == -EEXIST ? xc_seterror(r->xch, rc, "restore: a domain named %s already exists"
		                                   " (restore without the name to keep both)", r->cfg.name)
		                     : rc;
	r->total = r->cfg.mem_bytes;
	return 0;
}

static int on_vcpu(struct xg_restorer *r, const uint8_t *b, uint32_t len)
{
	uint32_t v;

	if (len != XG_VCPU_BYTES)
		return xc_seterror(r->xch, -EPROTO, "restore: VCPU record of %u bytes, expected %u", len,
		                   XG_VCPU_BYTES);
	v = be32_load(b);
	if (v >= r->cfg.nr_vcpus || r->have_vcpu[v] || (be32_load(b + 4) & ~XG_VCPU_INITIALISED) != 0)
		return xc_seterror(r->xch, -EPROTO, "restore: VCPU record for vcpu %u is out of range,"
		                   " repeated or malformed", v);
	xg_dec_vcpu_ctx(&r->vcpu[v], b + 8);
	r->have_vcpu[v] = 1;
	r->vcpu_init[v] = be32_load(b + 4) & XG_VCPU_INITIALISED;
	r->nr_vcpu_recs++;
	return 0;
}

/* Populate the saved extents, consecutive ones of one order per call. */
static int on_memmap(struct xg_restorer *r, const uint8_t *b, uint32_t len)
{
	struct xg_err e = { 0, "" };
	xen_pfn_t *g;
	uint32_t i, j;
	int rc = 0;

	if ((rc = xg_dec_memmap(&r->ext, &r->nr_ext, b, len, &r->cfg, &e)) < 0)
		return rfail(r, &e);
	if ((g = malloc((r->nr_ext ? r->nr_ext : 1) * sizeof(*g))) == NULL)
		return xc_seterror(r->xch, -ENOMEM, "restore: out of memory");
	for (i = 0; rc == 0 && i < r->nr_ext; i = j) {
		for (j = i; j < r->nr_ext && r->ext[j].order == r->ext[i].order; j++)
			g[j] = r->ext[j].gpfn;
		rc = xc_domain_memory_populate_physmap(r->xch, r->domid, j - i, r->ext[i].order, 0, g + i);
	}
	free(g);
	return rc;
}

static int on_evtchn(struct xg_restorer *r, const uint8_t *b, uint32_t len)
{
	struct xg_err e = { 0, "" };
	struct xg_rec_port *p;
	uint32_t n;
	int rc;

	if ((rc = xg_dec_evtchn(&p, &n, b, len, &e)) < 0)
		return rfail(r, &e);
	rc = xg_recreate_ports(r->xch, r->domid, p, n);
	free(p);
	return rc;
}

static int on_gnttab(struct xg_restorer *r, const uint8_t *b, uint32_t len)
{
	struct xg_err e = { 0, "" };
	struct xg_rec_gnttab g;
	int rc;

	if ((rc = xg_dec_gnttab(&g, b, len, &e)) < 0)
		return rfail(r, &e);
	return g.nr_frames ? xc_gnttab_setup_table(r->xch, r->domid, g.nr_frames, NULL) : 0;
}

/* Which record may come next, and is this one it? */
static int check_order(struct xg_restorer *r, enum stage *st, uint32_t type, uint64_t at)
{
	static const uint32_t want[] = { [ST_CONFIG] = XG_REC_CONFIG, [ST_VCPU] = XG_REC_VCPU,
		[ST_MEMMAP] = XG_REC_MEMMAP, [ST_PAGES] = XG_REC_EVTCHN, [ST_GNTTAB] = XG_REC_GNTTAB,
		[ST_END] = XG_REC_END };

	if (*st == ST_VCPU && r->nr_vcpu_recs == r->cfg.nr_vcpus)
		*st = ST_MEMMAP;
	if (*st == ST_PAGES && type == XG_REC_PAGES)
		return 0;
	if (type == want[*st]) {
		if (*st != ST_VCPU)
			*st = (enum stage)(*st + 1);
		return 0;
	}
	return xc_seterror(r->xch, -EPROTO, "restore: unexpected %s record at byte %" PRIu64
	                   " (expected %s)", xg_rec_name(type), at, xg_rec_name(want[*st]));
}

static int dispatch(struct xg_restorer *r, uint32_t type, uint32_t len)
{
	uint8_t *b;
	int rc;

	if ((rc = get_body(r, len, &b)) < 0)
		return rc;
	switch (type) {
	case XG_REC_CONFIG: rc = on_config(r, b, len); break;
	case XG_REC_VCPU: rc = on_vcpu(r, b, len); break;
	case XG_REC_MEMMAP: rc = on_memmap(r, b, len); break;
	case XG_REC_EVTCHN: rc = on_evtchn(r, b, len); break;
	case XG_REC_GNTTAB: rc = on_gnttab(r, b, len); break;
	default: rc = xc_seterror(r->xch, -EPROTO, "restore: unexpected record type %u", type);
	}
	free(b);
	return rc;
}

/* Read records up to and including END, whose CRC must match. */
static int read_records(struct xg_restorer *r)
{
	struct xg_err e = { 0, "" };
	enum stage st = ST_CONFIG;
	struct xg_next_rec h;
	uint8_t end[XG_END_BYTES];
	int rc, have = 0;            /* h already read (it ended the PAGES records) */

	if ((rc = xg_sr_header(&r->sr, &e)) < 0)
		return rfail(r, &e);
	for (;;) {
		if (!have && (rc = xg_sr_rec(&r->sr, &h.type, &h.len, &h.crc, &h.at, &e)) < 0)
			return rfail(r, &e);
		have = 0;
		if ((rc = check_order(r, &st, h.type, h.at)) < 0)
			return rc;
		if (h.type == XG_REC_END)
			break;
		if (h.type == XG_REC_PAGES) {
			if ((rc = xg_restore_pages(r, &h)) < 0)
				return rc;
			have = 1;
			continue;
		}
		if ((rc = dispatch(r, h.type, h.len)) < 0)
			return rc;
	}
	if (h.len != XG_END_BYTES)
		return xc_seterror(r->xch, -EPROTO, "restore: END record of %u bytes", h.len);
	if ((rc = xg_sr_get(&r->sr, end, sizeof(end), &e)) < 0 ||
	    (rc = xg_dec_end(end, h.len, h.at, h.crc, &e)) < 0)
		return rfail(r, &e);
	return 0;
}

static int set_vcpus(struct xg_restorer *r)
{
	uint32_t v;
	int rc;

	for (v = 0; v < r->cfg.nr_vcpus; v++)
		if (r->vcpu_init[v] && (rc = xc_vcpu_setcontext(r->xch, r->domid, v, &r->vcpu[v])) < 0)
			return rc;
	return 0;
}

static int setup(struct xg_restorer *r, int *fd)
{
	int rc;

	if ((rc = xg_sr_init(&r->sr, xg_fd_read, fd)) < 0)
		return xc_seterror(r->xch, rc, "restore: out of memory");
	return 0;
}

static void teardown(struct xg_restorer *r)
{
	free(r->ext);
	xg_sr_fini(&r->sr);
}

XC_PUBLIC int xc_domain_restore(xc_interface *xch, int fd, uint32_t *new_domid, uint32_t flags,
		xc_save_progress_fn progress, void *arg)
{
	struct xg_restorer *r;
	int rc;

	if (flags & ~XC_RESTORE_FLAGS_ALL)
		return xc_seterror(xch, -EINVAL, "restore: unknown flags 0x%x",
		                   flags & ~XC_RESTORE_FLAGS_ALL);
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return xc_seterror(xch, -ENOMEM, "restore: out of memory");
	r->xch = xch;
	r->flags = flags;
	r->progress = progress;
	r->arg = arg;
	if ((rc = setup(r, &fd)) == 0 && (rc = read_records(r)) == 0 && (rc = set_vcpus(r)) == 0 &&
	    progress != NULL && progress(arg, r->total, r->total) != 0)
		rc = xc_seterror(xch, -ECANCELED, "restore: cancelled by the progress callback");
	teardown(r);
	if (rc < 0 && r->created) {
		xc_error keep = *xc_get_last_error(xch);
		(void)xc_domain_destroy(xch, r->domid);
		xch->last_error = keep;      /* report why restore failed, not the cleanup */
	}
	if (rc == 0)
		*new_domid = r->domid;
	free(r);
	return rc;
}
