/*
 * grant_table_op: setup_table and query_size for a domain.  Each call
 * passes one struct by handle (count 1); the frame list is a nested
 * handle.  GNTST_* status values become errno values here.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "xc_private.h"

static int gnttab_status(xc_interface *xch, const char *what, uint32_t domid,
			 int16_t st)
{
	int code;

	switch (st) {
	case GNTST_okay:
		return 0;
	case GNTST_bad_domain:
		code = -ESRCH;
		break;
	case GNTST_permission_denied:
		code = -EPERM;
		break;
	default:
		code = -EINVAL;
		break;
	}
	return xc_seterror(xch, code, "grant table %s for domain %u: status %d (%s)",
			   what, domid, st, xc_strerror(xch, code));
}

/* One grant_table_op on a struct of size bytes bounced both ways. */
static int gnttab_op(xc_interface *xch, uint32_t cmd, void *op, size_t size)
{
	DECLARE_BOUNCE_BOTH(b, uint8_t, (uint8_t *)op, size);
	uint64_t args[PRIVCMD_NR_ARGS] = { cmd };
	int64_t ret;

	if ((ret = xc_bounce_pre(xch, &b)) < 0)
		return (int)ret;
	args[1] = b.handle;
	args[2] = 1;
	ret = xc_hypercall(xch, __HYPERVISOR_grant_table_op, args);
	xc_bounce_post(xch, &b);
	if (ret < 0 && ret != -ECONNRESET && ret != -EPROTO)
		ret = xc_seterror(xch, (int)ret, "grant_table_op %u: %s", cmd,
				  xc_strerror(xch, (int)ret));
	return (int)ret;
}

int xc_gnttab_setup_table(xc_interface *xch, uint32_t domid, uint32_t nr_frames,
			  uint64_t *frames)
{
	be64_t list[XENPPC_MAX_GRANT_FRAMES];
	DECLARE_BOUNCE_OUT(lb, be64_t, list, nr_frames);
	struct gnttab_setup_table op;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 1)) < 0)
		return rc;
	if (nr_frames > XENPPC_MAX_GRANT_FRAMES)
		return xc_seterror(xch, -EINVAL, "%u grant frames (at most %d)",
				   nr_frames, XENPPC_MAX_GRANT_FRAMES);
	if ((rc = xc_bounce_pre(xch, &lb)) < 0)
		return rc;
	memset(&op, 0, sizeof(op));
	op.dom = be16_mk((uint16_t)domid);
	op.nr_frames = be32_mk(nr_frames);
	op.frame_list = be64_mk(lb.handle);
	rc = gnttab_op(xch, GNTTABOP_setup_table, &op, sizeof(op));
	xc_bounce_post(xch, &lb);
	if (rc < 0)
		return rc;
	if ((rc = gnttab_status(xch, "setup", domid, (int16_t)be16_get(op.status))) < 0)
		return rc;
	for (uint32_t i = 0; frames && i < nr_frames; i++)
		frames[i] = be64_get(list[i]);
	return 0;
}

int xc_gnttab_query_size(xc_interface *xch, uint32_t domid, uint32_t *nr_frames,
			 uint32_t *max_nr_frames)
{
	struct gnttab_query_size op;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 1)) < 0)
		return rc;
	memset(&op, 0, sizeof(op));
	op.dom = be16_mk((uint16_t)domid);
	if ((rc = gnttab_op(xch, GNTTABOP_query_size, &op, sizeof(op))) < 0)
		return rc;
	if ((rc = gnttab_status(xch, "query", domid, (int16_t)be16_get(op.status))) < 0)
		return rc;
	if (nr_frames)
		*nr_frames = be32_get(op.nr_frames);
	if (max_nr_frames)
		*max_nr_frames = be32_get(op.max_nr_frames);
	return 0;
}
