/*
 * xen_version: the argument of each XENVER_* command crosses through a
 * handle; strings come back NUL-terminated whatever the hypervisor sent.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "xc_private.h"

_Static_assert(sizeof(xc_compile_info_t) == sizeof(struct xen_compile_info),
	       "xc_compile_info_t mirrors the all-char interface struct");

/*
 * One xen_version call.  Answers are bounced OUT, so the hypervisor starts
 * from zeros and never sees the caller's uninitialised bytes (a string it
 * writes without a NUL still ends in one); only get_features sends input.
 */
static int64_t version_call(xc_interface *xch, int cmd, void *arg, size_t len)
{
	DECLARE_BOUNCE_OUT(out, uint8_t, (uint8_t *)arg, len);
	DECLARE_BOUNCE_BOTH(both, uint8_t, (uint8_t *)arg, len);
	xc_bounce_t *b = cmd == XENVER_get_features ? &both : &out;
	uint64_t args[PRIVCMD_NR_ARGS] = { (uint64_t)cmd };
	int64_t ret;

	if ((ret = xc_bounce_pre(xch, b)) < 0)
		return ret;
	args[1] = b->handle;
	ret = xc_hypercall(xch, __HYPERVISOR_xen_version, args);
	xc_bounce_post(xch, b);
	if (ret < 0 && ret != -ECONNRESET && ret != -EPROTO)
		ret = xc_seterror(xch, (int)ret, "xen_version %d: %s", cmd, xc_strerror(xch, (int)ret));
	return ret;
}

static int version_string(xc_interface *xch, int cmd, char *out, size_t len)
{
	int64_t ret = version_call(xch, cmd, out, len);

	if (ret >= 0)
		out[len - 1] = '\0';
	return (int)ret;
}

static int compile_info(xc_interface *xch, xc_compile_info_t *ci)
{
	int64_t ret = version_call(xch, XENVER_compile_info, ci, sizeof(*ci));

	if (ret >= 0) {
		ci->compiler[sizeof(ci->compiler) - 1] = '\0';
		ci->compile_by[sizeof(ci->compile_by) - 1] = '\0';
		ci->compile_domain[sizeof(ci->compile_domain) - 1] = '\0';
		ci->compile_date[sizeof(ci->compile_date) - 1] = '\0';
	}
	return (int)ret;
}

static int platform_parameters(xc_interface *xch, uint64_t *virt_start)
{
	struct xen_platform_parameters p = { { 0 } };
	int64_t ret = version_call(xch, XENVER_platform_parameters, &p, sizeof(p));

	if (ret >= 0)
		*virt_start = be64_get(p.virt_start);
	return (int)ret;
}

static int features(xc_interface *xch, xc_feature_info_t *fi)
{
	struct xen_feature_info f = { be32_mk(fi->submap_idx), be32_mk(0) };
	int64_t ret = version_call(xch, XENVER_get_features, &f, sizeof(f));

	if (ret >= 0)
		fi->submap = be32_get(f.submap);
	return (int)ret;
}

int xc_version(xc_interface *xch, int cmd, void *arg)
{
	if (cmd == XENVER_version || cmd == XENVER_pagesize)
		return (int)version_call(xch, cmd, NULL, 0);
	if (cmd < 0 || cmd >= XENVER_NR_CMDS)
		return xc_seterror(xch, -EINVAL, "xc_version: unknown command %d", cmd);
	if (!arg)
		return xc_seterror(xch, -EINVAL, "xc_version %d: arg is NULL", cmd);
	switch (cmd) {
	case XENVER_extraversion:
		return version_string(xch, cmd, arg, XC_EXTRAVERSION_LEN);
	case XENVER_capabilities:
		return version_string(xch, cmd, arg, XC_CAPABILITIES_LEN);
	case XENVER_changeset:
		return version_string(xch, cmd, arg, XC_CHANGESET_LEN);
	case XENVER_compile_info:
		return compile_info(xch, arg);
	case XENVER_platform_parameters:
		return platform_parameters(xch, arg);
	default:
		return features(xch, arg);
	}
}
