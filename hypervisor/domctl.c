/*
 * domctl (hypercall 36): arg0 = handle to struct xen_domctl.
 *
 * The interface version is checked first (-EACCES on mismatch, as Xen).
 * Rows that name a domain get it looked up once here (-ESRCH); rows that
 * may not act on the caller itself fail with -EINVAL as Xen's do; rows
 * with DC_COPYBACK write the struct back after success.
 */
#include <errno.h>
#include <string.h>

#include "domctl_priv.h"

#define DC_DOMAIN   0x1U         /* op->domain must exist */
#define DC_NOT_SELF 0x2U         /* ... and not be the caller */
#define DC_COPYBACK 0x4U         /* copy the struct back on success */

static int dc_create(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	const struct xen_domctl_createdomain *cd = &op->u.createdomain;
	uint32_t id = be16_get(op->domain);
	(void)d;
	int r = domain_create(c->hv, &id, be32_get(cd->rma_log), cd->handle,
	                      be32_get(cd->ssidref), be32_get(cd->flags));
	if (r == 0)
		op->domain = be16_mk((uint16_t)id);
	return r;
}

static int dc_destroy(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	(void)op;
	domain_destroy(c->hv, d);
	return 0;
}

static int dc_pause(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	(void)op;
	domain_pause(c->hv, d);
	return 0;
}

static int dc_unpause(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	(void)op;
	domain_unpause(c->hv, d);
	return 0;
}

static int dc_getinfo(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	d = domain_next(c->hv, be16_get(op->domain));
	if (!d)
		return -ESRCH;
	domain_info(c->hv, d, &op->u.getdomaininfo);
	op->domain = be16_mk(d->id);
	return 0;
}

static int dc_sethandle(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	(void)c;
	memcpy(d->handle, op->u.setdomainhandle.handle, sizeof(d->handle));
	return 0;
}

static int dc_setname(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	return domain_set_name(c->hv, d, op->u.domainname.name, sizeof(op->u.domainname.name));
}

static int dc_getname(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	(void)c;
	memset(&op->u.domainname, 0, sizeof(op->u.domainname));
	memcpy(op->u.domainname.name, d->name, sizeof(d->name));
	return 0;
}

/* dom0 shutting itself down would stop the machine: refused, see README. */
static int dc_shutdown(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	if (d->id == 0)
		return -EPERM;
	return domain_shutdown(c->hv, d, be32_get(op->u.shutdown.reason));
}

static const struct {
	const char *name;
	domctl_fn fn;
	unsigned flags;
} domctl_cmds[XEN_DOMCTL_NR_CMDS] = {
	[XEN_DOMCTL_createdomain]    = { "createdomain", dc_create, DC_COPYBACK },
	[XEN_DOMCTL_destroydomain]   = { "destroydomain", dc_destroy, DC_DOMAIN | DC_NOT_SELF },
	[XEN_DOMCTL_pausedomain]     = { "pausedomain", dc_pause, DC_DOMAIN | DC_NOT_SELF },
	[XEN_DOMCTL_unpausedomain]   = { "unpausedomain", dc_unpause, DC_DOMAIN | DC_NOT_SELF },
	[XEN_DOMCTL_getdomaininfo]   = { "getdomaininfo", dc_getinfo, DC_COPYBACK },
	[XEN_DOMCTL_getmemlist]      = { "getmemlist", domctl_getmemlist, DC_DOMAIN | DC_COPYBACK },
	[XEN_DOMCTL_setvcpuaffinity] = { "setvcpuaffinity", domctl_setvcpuaffinity, DC_DOMAIN },
	[XEN_DOMCTL_max_mem]         = { "max_mem", domctl_max_mem, DC_DOMAIN },
	[XEN_DOMCTL_setvcpucontext]  = { "setvcpucontext", domctl_setvcpucontext, DC_DOMAIN | DC_NOT_SELF },
	[XEN_DOMCTL_getvcpucontext]  = { "getvcpucontext", domctl_getvcpucontext, DC_DOMAIN },
	[XEN_DOMCTL_getvcpuinfo]     = { "getvcpuinfo", domctl_getvcpuinfo, DC_DOMAIN | DC_COPYBACK },
	[XEN_DOMCTL_max_vcpus]       = { "max_vcpus", domctl_max_vcpus, DC_DOMAIN | DC_NOT_SELF },
	[XEN_DOMCTL_setdomainhandle] = { "setdomainhandle", dc_sethandle, DC_DOMAIN },
	[XEN_DOMCTL_getvcpuaffinity] = { "getvcpuaffinity", domctl_getvcpuaffinity, DC_DOMAIN },
	[XEN_DOMCTL_setdomainname]   = { "setdomainname", dc_setname, DC_DOMAIN },
	[XEN_DOMCTL_getdomainname]   = { "getdomainname", dc_getname, DC_DOMAIN | DC_COPYBACK },
	[XEN_DOMCTL_shutdown]        = { "shutdown", dc_shutdown, DC_DOMAIN },
	[XEN_DOMCTL_getmemmap]       = { "getmemmap", domctl_getmemmap, DC_DOMAIN | DC_COPYBACK },
	[XEN_DOMCTL_memcopy]         = { "memcopy", domctl_memcopy, DC_DOMAIN },
};

int64_t do_domctl(struct hv_call *c)
{
	struct xen_domctl op;
	struct domain *d = NULL;
	uint32_t cmd;
	int r;

	if (hv_copy_from(c, &op, c->arg[0], 0, sizeof(op)) != 0)
		return -EFAULT;
	if (be32_get(op.interface_version) != XEN_DOMCTL_INTERFACE_VERSION)
		return -EACCES;
	cmd = be32_get(op.cmd);
	if (cmd >= XEN_DOMCTL_NR_CMDS || !domctl_cmds[cmd].fn)
		return -ENOSYS;
	if (domctl_cmds[cmd].flags & DC_DOMAIN) {
		d = domain_get(c->hv, hcall_resolve_domid(c, be16_get(op.domain)));
		if (!d)
			return -ESRCH;
		if ((domctl_cmds[cmd].flags & DC_NOT_SELF) && d == c->caller)
			return -EINVAL;
	}
	r = domctl_cmds[cmd].fn(c, &op, d);
	if (r == 0 && (domctl_cmds[cmd].flags & DC_COPYBACK))
		r = hv_copy_to(c, c->arg[0], 0, &op, sizeof(op));
	return r;
}
