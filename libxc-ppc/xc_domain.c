/*
 * Domain lifecycle and identity wrappers: one domctl each, in the shape of
 * Xen's xc_domain.c (zero-init, set cmd and domain, fill the body, call
 * do_domctl, which sets the last error).
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "xc_private.h"

int xc_domain_create(xc_interface *xch, uint32_t ssidref,
		     const xen_domain_handle_t handle, uint32_t flags,
		     uint32_t rma_log, uint32_t *pdomid)
{
	struct xen_domctl d;
	int rc;

	if (!pdomid)
		return xc_seterror(xch, -EINVAL, "xc_domain_create: pdomid is NULL");
	if ((rc = xc_check_domid(xch, *pdomid, 0)) < 0)
		return rc;
	if (rma_log != 0 && !XENPPC_RMA_LOG_IS_VALID(rma_log))
		return xc_seterror(xch, -EINVAL, "invalid RMA size 2^%u bytes", rma_log);
	d = xc_domctl_init(XEN_DOMCTL_createdomain, *pdomid);
	d.u.createdomain.ssidref = be32_mk(ssidref);
	if (handle)
		memcpy(d.u.createdomain.handle, handle, sizeof(xen_domain_handle_t));
	d.u.createdomain.flags = be32_mk(flags);
	d.u.createdomain.rma_log = be32_mk(rma_log);
	if ((rc = do_domctl(xch, &d)) < 0)
		return rc;
	*pdomid = be16_get(d.domain);
	return 0;
}

/* The wrappers whose domctl has no body. */
static int simple_domctl(xc_interface *xch, uint32_t cmd, uint32_t domid)
{
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	d = xc_domctl_init(cmd, domid);
	rc = do_domctl(xch, &d);
	return rc < 0 ? rc : 0;
}

int xc_domain_destroy(xc_interface *xch, uint32_t domid)
{
	return simple_domctl(xch, XEN_DOMCTL_destroydomain, domid);
}

int xc_domain_pause(xc_interface *xch, uint32_t domid)
{
	return simple_domctl(xch, XEN_DOMCTL_pausedomain, domid);
}

int xc_domain_unpause(xc_interface *xch, uint32_t domid)
{
	return simple_domctl(xch, XEN_DOMCTL_unpausedomain, domid);
}

int xc_domain_shutdown(xc_interface *xch, uint32_t domid, int reason)
{
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (reason < 0 || reason > SHUTDOWN_MAX)
		return xc_seterror(xch, -EINVAL, "invalid shutdown reason %d", reason);
	d = xc_domctl_init(XEN_DOMCTL_shutdown, domid);
	d.u.shutdown.reason = be32_mk((uint32_t)reason);
	rc = do_domctl(xch, &d);
	return rc < 0 ? rc : 0;
}

int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
			const xen_domain_handle_t handle)
{
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (!handle)
		return xc_seterror(xch, -EINVAL, "xc_domain_sethandle: handle is NULL");
	d = xc_domctl_init(XEN_DOMCTL_setdomainhandle, domid);
	memcpy(d.u.setdomainhandle.handle, handle, sizeof(xen_domain_handle_t));
	rc = do_domctl(xch, &d);
	return rc < 0 ? rc : 0;
}

int xc_domain_setname(xc_interface *xch, uint32_t domid, const char *name)
{
	struct xen_domctl d;
	size_t len;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (!name)
		return xc_seterror(xch, -EINVAL, "xc_domain_setname: name is NULL");
	len = strlen(name);
	if (len >= XEN_DOMAIN_NAME_MAX)
		return xc_seterror(xch, -ENAMETOOLONG, "domain name of %zu bytes "
				   "(at most %d)", len, XEN_DOMAIN_NAME_MAX - 1);
	d = xc_domctl_init(XEN_DOMCTL_setdomainname, domid);
	memcpy(d.u.domainname.name, name, len);
	rc = do_domctl(xch, &d);
	return rc < 0 ? rc : 0;
}

int xc_domain_getname(xc_interface *xch, uint32_t domid, char *buf, size_t len)
{
	struct xen_domctl d;
	size_t n;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (!buf)
		return xc_seterror(xch, -EINVAL, "xc_domain_getname: buf is NULL");
	d = xc_domctl_init(XEN_DOMCTL_getdomainname, domid);
	if ((rc = do_domctl(xch, &d)) < 0)
		return rc;
	/* Trust nothing: the hypervisor's name may lack its NUL. */
	n = strnlen(d.u.domainname.name, XEN_DOMAIN_NAME_MAX - 1);
	if (n >= len)
		return xc_seterror(xch, -ERANGE, "domain %u's name needs %zu bytes", domid, n + 1);
	memcpy(buf, d.u.domainname.name, n);
	buf[n] = '\0';
	return 0;
}

int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid, uint32_t max)
{
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (max < 1 || max > MAX_VIRT_CPUS)
		return xc_seterror(xch, -EINVAL, "max_vcpus %u not in 1..%d", max, MAX_VIRT_CPUS);
	d = xc_domctl_init(XEN_DOMCTL_max_vcpus, domid);
	d.u.max_vcpus.max = be32_mk(max);
	rc = do_domctl(xch, &d);
	return rc < 0 ? rc : 0;
}

int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid, uint64_t max_memkb)
{
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	d = xc_domctl_init(XEN_DOMCTL_max_mem, domid);
	d.u.max_mem.max_memkb = be64_mk(max_memkb);
	rc = do_domctl(xch, &d);
	return rc < 0 ? rc : 0;
}
