/*
 * The hypercall primitives every wrapper goes through: one raw call, and
 * do_domctl / do_sysctl / do_memory_op / do_evtchn_op, which bounce their
 * argument struct through the window, stamp the interface version and turn
 * failures into the handle's last error (Xen's xc_private.h shape).
 */
#include <config.h>

#include <errno.h>
#include <stdio.h>

#include "xc_private.h"

int64_t xc_hypercall(xc_interface *xch, uint32_t op,
		     const uint64_t args[PRIVCMD_NR_ARGS])
{
	int64_t ret = 0;
	int rc = xc_transport_call(xch->tp, op, args, &ret);

	if (rc < 0)
		return xc_seterror(xch, rc, "hypercall %u: %s", op, xc_strerror(xch, rc));
	xc_log(xch, XC_LOG_DEBUG, "hypercall %u(%#llx, %#llx, %#llx) = %lld", op,
	       (unsigned long long)args[0], (unsigned long long)args[1],
	       (unsigned long long)args[2], (long long)ret);
	/* Results are -errno or a value; anything below -XC_MAX_ERRNO is garbage. */
	if (ret < -XC_MAX_ERRNO)
		return xc_seterror(xch, -EPROTO, "hypercall %u: bad result %lld", op,
				   (long long)ret);
	return ret;
}

static const char *const domctl_names[XEN_DOMCTL_NR_CMDS] = {
	[XEN_DOMCTL_createdomain] = "createdomain",
	[XEN_DOMCTL_destroydomain] = "destroydomain",
	[XEN_DOMCTL_pausedomain] = "pausedomain",
	[XEN_DOMCTL_unpausedomain] = "unpausedomain",
	[XEN_DOMCTL_getdomaininfo] = "getdomaininfo",
	[XEN_DOMCTL_getmemlist] = "getmemlist",
	[XEN_DOMCTL_setvcpuaffinity] = "setvcpuaffinity",
	[XEN_DOMCTL_max_mem] = "max_mem",
	[XEN_DOMCTL_setvcpucontext] = "setvcpucontext",
	[XEN_DOMCTL_getvcpucontext] = "getvcpucontext",
	[XEN_DOMCTL_getvcpuinfo] = "getvcpuinfo",
	[XEN_DOMCTL_max_vcpus] = "max_vcpus",
	[XEN_DOMCTL_setdomainhandle] = "setdomainhandle",
	[XEN_DOMCTL_getvcpuaffinity] = "getvcpuaffinity",
	[XEN_DOMCTL_setdomainname] = "setdomainname",
	[XEN_DOMCTL_getdomainname] = "getdomainname",
	[XEN_DOMCTL_shutdown] = "shutdown",
	[XEN_DOMCTL_getmemmap] = "getmemmap",
	[XEN_DOMCTL_memcopy] = "memcopy",
};

static const char *const sysctl_names[XEN_SYSCTL_NR_CMDS] = {
	[XEN_SYSCTL_readconsole] = "readconsole",
	[XEN_SYSCTL_physinfo] = "physinfo",
	[XEN_SYSCTL_sched_id] = "sched_id",
	[XEN_SYSCTL_getdomaininfolist] = "getdomaininfolist",
	[XEN_SYSCTL_memmap] = "memmap",
	[XEN_SYSCTL_warnings] = "warnings",
	[XEN_SYSCTL_getdomainnamelist] = "getdomainnamelist",
};

const char *xc_domctl_name(uint32_t cmd)
{
	return cmd < XEN_DOMCTL_NR_CMDS && domctl_names[cmd] ? domctl_names[cmd] : "unknown";
}

const char *xc_sysctl_name(uint32_t cmd)
{
	return cmd < XEN_SYSCTL_NR_CMDS && sysctl_names[cmd] ? sysctl_names[cmd] : "unknown";
}

/* The readable message for a failed domctl/sysctl. */
static int ctl_error(xc_interface *xch, const char *kind, const char *name,
		     uint32_t cmd, uint32_t domid, int has_dom, uint32_t version, int rc)
{
	char dom[32] = "";

	/* Our own transport errors already carry their message. */
	if (rc == -ECONNRESET || rc == -EPROTO)
		return rc;
	if (has_dom)
		snprintf(dom, sizeof(dom), " (domain %u)", domid);
	if (rc == -EACCES)
		return xc_seterror(xch, rc, "%s %s%s: the hypervisor rejected interface "
				   "version %#x: tools and hypervisor do not match",
				   kind, name, dom, version);
	return xc_seterror(xch, rc, "%s %s (%u)%s: %s", kind, name, cmd, dom,
			   xc_strerror(xch, rc));
}

/*
 * The shared path of the hypercalls that take one bounced argument
 * (domctl, sysctl, event_channel_op): the caller's struct goes to the
 * window and back, its handle in args[slot].  Returns the bounce's error
 * (already reported), or 0 with the hypercall's result in *ret.
 */
static int bounced_hypercall(xc_interface *xch, unsigned int op,
			     uint64_t args[PRIVCMD_NR_ARGS], unsigned int slot,
			     xc_bounce_t *b, int64_t *ret)
{
	int rc = xc_bounce_pre(xch, b);

	if (rc < 0)
		return rc;
	args[slot] = b->handle;
	*ret = xc_hypercall(xch, op, args);
	xc_bounce_post(xch, b);
	return 0;
}

int do_domctl(xc_interface *xch, struct xen_domctl *domctl)
{
	DECLARE_BOUNCE_BOTH(b, struct xen_domctl, domctl, 1);
	uint32_t cmd = be32_get(domctl->cmd);
	uint64_t args[PRIVCMD_NR_ARGS] = { 0 };
	int64_t ret;
	int rc;

	domctl->interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION);
	if ((rc = bounced_hypercall(xch, __HYPERVISOR_domctl, args, 0, &b, &ret)) < 0)
		return rc;
	if (ret < 0)
		return ctl_error(xch, "domctl", xc_domctl_name(cmd), cmd,
				 be16_get(domctl->domain), 1,
				 XEN_DOMCTL_INTERFACE_VERSION, (int)ret);
	return (int)ret;
}

int do_sysctl(xc_interface *xch, struct xen_sysctl *sysctl)
{
	DECLARE_BOUNCE_BOTH(b, struct xen_sysctl, sysctl, 1);
	uint32_t cmd = be32_get(sysctl->cmd);
	uint64_t args[PRIVCMD_NR_ARGS] = { 0 };
	int64_t ret;
	int rc;

	sysctl->interface_version = be32_mk(XEN_SYSCTL_INTERFACE_VERSION);
	if ((rc = bounced_hypercall(xch, __HYPERVISOR_sysctl, args, 0, &b, &ret)) < 0)
		return rc;
	if (ret < 0)
		return ctl_error(xch, "sysctl", xc_sysctl_name(cmd), cmd, 0, 0,
				 XEN_SYSCTL_INTERFACE_VERSION, (int)ret);
	return (int)ret;
}

int64_t do_memory_op(xc_interface *xch, uint32_t cmd, uint64_t arg)
{
	uint64_t args[PRIVCMD_NR_ARGS] = { cmd, arg };
	int64_t ret = xc_hypercall(xch, __HYPERVISOR_memory_op, args);

	if (ret < 0 && ret != -ECONNRESET && ret != -EPROTO)
		return xc_seterror(xch, (int)ret, "memory_op %u: %s", cmd,
				   xc_strerror(xch, (int)ret));
	return ret;
}

int do_evtchn_op(xc_interface *xch, uint32_t cmd, void *arg, size_t size)
{
	DECLARE_BOUNCE_BOTH(b, uint8_t, (uint8_t *)arg, size);
	uint64_t args[PRIVCMD_NR_ARGS] = { cmd };
	int64_t ret;
	int rc;

	if ((rc = bounced_hypercall(xch, __HYPERVISOR_event_channel_op, args, 1, &b, &ret)) < 0)
		return rc;
	if (ret < 0 && ret != -ECONNRESET && ret != -EPROTO)
		return xc_seterror(xch, (int)ret, "event_channel_op %u: %s", cmd,
				   xc_strerror(xch, (int)ret));
	return (int)ret;
}
