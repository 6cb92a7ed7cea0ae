/*
 * grant_table_op (hypercall 20): arg0 = GNTTABOP_*, arg1 = handle to an
 * array of arg2 structs.  Each op reports its own status (GNTST_*), as in
 * Xen; only a struct that cannot be read or written fails the call
 * (-EFAULT).  Frames are machine pages allocated on setup_table, up to
 * XENPPC_MAX_GRANT_FRAMES per domain, freed (scrubbed) with the domain.
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"

/* Ops per call: bounds the work done before answering. */
#define GNTTAB_MAX_BATCH 256U

static struct domain *target(struct hv_call *c, xen_domid_t dom, int16_t *status)
{
	uint32_t id = be16_get(dom);
	struct domain *d;

	if (id != DOMID_SELF && c->caller->id != 0) {
		*status = GNTST_permission_denied;
		return NULL;
	}
	d = domain_get(c->hv, hcall_resolve_domid(c, id));
	if (!d)
		*status = GNTST_bad_domain;
	return d;
}

static int grow(struct hv *hv, struct domain *d, uint32_t frames)
{
	while (d->gnttab_frames < frames) {
		uint64_t mfn;
		if (mm_alloc(hv, 0, BUDDY_GNTTAB, d->id, UINT64_MAX, 0, &mfn) != 0)
			return -ENOMEM;
		d->gnttab_mfn[d->gnttab_frames++] = mfn;
	}
	return 0;
}

static int setup_one(struct hv_call *c, uint64_t h, uint64_t i)
{
	struct gnttab_setup_table st;
	int16_t status = GNTST_okay;
	struct domain *d;
	uint64_t off = i * sizeof(st);

	if (hv_copy_from(c, &st, h, off, sizeof(st)) != 0)
		return -EFAULT;
	uint32_t n = be32_get(st.nr_frames);
	d = target(c, st.dom, &status);
	if (d && (n > XENPPC_MAX_GRANT_FRAMES || grow(c->hv, d, n) != 0))
		status = GNTST_general_error;
	for (uint32_t f = 0; d && status == GNTST_okay && f < n; f++) {
		be64_t mfn = be64_mk(d->gnttab_mfn[f]);
		if (hv_copy_to(c, be64_get(st.frame_list), f * sizeof(mfn), &mfn, sizeof(mfn)) != 0)
			return -EFAULT;
	}
	st.status = be16_mk((uint16_t)status);
	return hv_copy_to(c, h, off, &st, sizeof(st));
}

static int query_one(struct hv_call *c, uint64_t h, uint64_t i)
{
	struct gnttab_query_size q;
	int16_t status = GNTST_okay;
	struct domain *d;
	uint64_t off = i * sizeof(q);

	if (hv_copy_from(c, &q, h, off, sizeof(q)) != 0)
		return -EFAULT;
	d = target(c, q.dom, &status);
	q.nr_frames = be32_mk(d ? d->gnttab_frames : 0);
	q.max_nr_frames = be32_mk(XENPPC_MAX_GRANT_FRAMES);
	q.status = be16_mk((uint16_t)status);
	return hv_copy_to(c, h, off, &q, sizeof(q));
}

int64_t do_grant_table_op(struct hv_call *c)
{
	int (*one)(struct hv_call *, uint64_t, uint64_t);

	if (c->arg[0] == GNTTABOP_setup_table)
		one = setup_one;
	else if (c->arg[0] == GNTTABOP_query_size)
		one = query_one;
	else
		return -ENOSYS;
	if (c->arg[2] > GNTTAB_MAX_BATCH)
		return -EINVAL;
	for (uint64_t i = 0; i < c->arg[2]; i++) {
		int r = one(c, c->arg[1], i);
		if (r != 0)
			return r;
	}
	return 0;
}

void gnttab_free_all(struct hv *hv, struct domain *d)
{
	for (unsigned f = 0; f < d->gnttab_frames; f++)
		mm_free_block(hv, d->gnttab_mfn[f], 0);
	d->gnttab_frames = 0;
}
