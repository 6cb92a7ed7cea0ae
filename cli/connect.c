/*
 * The connection to the hypervisor, and DOM arguments (name, id or UUID)
 * resolved to domain ids.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "dominfo.h"
#include "xmctl.h"

/* Why an open failed, in the words a user needs. */
static const char *open_error(int err)
{
	switch (err) {
	case ENOENT:
	case ECONNREFUSED:
		return "no hypervisor is listening there (is xenppc-hv running? "
		       "--rundir or $" XMCTL_RUNDIR_ENV " name its run directory)";
	case EPERM:
	case EACCES:
		return "permission denied: the hypervisor refused this user";
	case ENAMETOOLONG:
		return "run directory path is too long";
	case EPROTO:
		return "the hypervisor speaks another protocol version";
	default:
		return strerror(err);
	}
}

int xmctl_connect(struct xmctl *x)
{
	if (x->xch != NULL)
		return 0;
	x->xch = xc_interface_open_rundir(x->rundir, NULL, 0);
	if (x->xch == NULL) {
		int err = errno;

		xmctl_fail(x->cmd, "cannot connect to the hypervisor in %s: %s", x->rundir,
		           open_error(err));
		return -1;
	}
	return 0;
}

void xmctl_disconnect(struct xmctl *x)
{
	xc_interface_close(x->xch);
	x->xch = NULL;
}

static int lookup_uuid(struct xmctl *x, const uint8_t uuid[16], uint32_t *domid)
{
	struct dom_list l;
	int rc = -ESRCH;

	if (dom_fetch_all(x, &l, false) < 0)
		return -1;
	for (size_t i = 0; i < l.n; i++) {
		if (memcmp(l.d[i].info.handle, uuid, 16) == 0) {
			*domid = l.d[i].info.domid;
			rc = 0;
			break;
		}
	}
	dom_list_free(&l);
	return rc;
}

int xmctl_lookup(struct xmctl *x, const char *dom, uint32_t *domid)
{
	uint64_t id;
	uuid_t u;
	xc_dominfo_t info;
	int rc;

	if (xmctl_connect(x) < 0)
		return -1;
	if (xmctl_parse_uint(dom, 0, DOMID_FIRST_RESERVED - 1, &id) == 0) {
		rc = xc_domain_getinfo_one(x->xch, (uint32_t)id, &info);
		*domid = (uint32_t)id;
	} else if (strlen(dom) == 36 && uuid_parse(dom, u) == 0) {
		rc = lookup_uuid(x, u, domid);
		if (rc == -1)
			return -1;   /* already reported */
	} else {
		rc = xc_domain_lookup_name(x->xch, dom, domid);
	}
	if (rc == -ESRCH) {
		xmctl_fail(x->cmd, "domain '%.*s' does not exist", XMCTL_DOM_ARG_MAX, dom);
		return -1;
	}
	if (rc < 0) {
		xmctl_fail_xc(x, dom, rc);
		return -1;
	}
	return 0;
}
