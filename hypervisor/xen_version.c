/*
 * xen_version (hypercall 17): arg0 = XENVER_* command, arg1 = handle.
 * Any domain may ask.  The strings describe this build honestly: Xen 3.1's
 * interface as implemented by xenppc-hv.
 */
#include <errno.h>
#include <string.h>

#include "config.h"
#include "domain.h"
#include "hcall.h"

#define XENPPC_EXTRAVERSION ".0-xenppc"
#define XENPPC_CAPABILITIES "xen-3.0-powerpc64"
#define XENFEAT_NR_SUBMAPS 1

static int put_string(struct hv_call *c, const char *s, size_t room)
{
	char buf[sizeof(struct xen_capabilities_info)] = { 0 };
	strncpy(buf, s, room - 1);
	return hv_copy_to(c, c->arg[1], 0, buf, room);
}

static int64_t xv_version(struct hv_call *c)
{
	(void)c;
	return (XENPPC_VERSION_MAJOR << 16) | XENPPC_VERSION_MINOR;
}

static int64_t xv_extraversion(struct hv_call *c)
{
	return put_string(c, XENPPC_EXTRAVERSION, sizeof(struct xen_extraversion));
}

static int64_t xv_compile_info(struct hv_call *c)
{
	struct xen_compile_info ci;

	memset(&ci, 0, sizeof(ci));
	strncpy(ci.compiler, "gcc " __VERSION__, sizeof(ci.compiler) - 1);
	strncpy(ci.compile_by, "xenppc", sizeof(ci.compile_by) - 1);
	strncpy(ci.compile_domain, PACKAGE_NAME, sizeof(ci.compile_domain) - 1);
	strncpy(ci.compile_date, __DATE__ " " __TIME__, sizeof(ci.compile_date) - 1);
	return hv_copy_to(c, c->arg[1], 0, &ci, sizeof(ci));
}

static int64_t xv_capabilities(struct hv_call *c)
{
	return put_string(c, XENPPC_CAPABILITIES, sizeof(struct xen_capabilities_info));
}

static int64_t xv_changeset(struct hv_call *c)
{
	return put_string(c, PACKAGE_NAME " " PACKAGE_VERSION, sizeof(struct xen_changeset_info));
}

/* Xen/PowerPC runs in real mode: there is no hypervisor hole to report. */
static int64_t xv_platform(struct hv_call *c)
{
	struct xen_platform_parameters pp = { .virt_start = be64_mk(0) };
	return hv_copy_to(c, c->arg[1], 0, &pp, sizeof(pp));
}

static int64_t xv_features(struct hv_call *c)
{
	struct xen_feature_info fi;
	int r = hv_copy_from(c, &fi, c->arg[1], 0, sizeof(fi));

	if (r != 0)
		return r;
	if (be32_get(fi.submap_idx) >= XENFEAT_NR_SUBMAPS)
		return -EINVAL;
	fi.submap = be32_mk(0);
	return hv_copy_to(c, c->arg[1], 0, &fi, sizeof(fi));
}

static int64_t xv_pagesize(struct hv_call *c)
{
	(void)c;
	return XEN_PAGE_SIZE;
}

static const struct subcmd_row version_cmds[XENVER_NR_CMDS] = {
	[XENVER_version]             = { "version", xv_version },
	[XENVER_extraversion]        = { "extraversion", xv_extraversion },
	[XENVER_compile_info]        = { "compile_info", xv_compile_info },
	[XENVER_capabilities]        = { "capabilities", xv_capabilities },
	[XENVER_changeset]           = { "changeset", xv_changeset },
	[XENVER_platform_parameters] = { "platform_parameters", xv_platform },
	[XENVER_get_features]        = { "get_features", xv_features },
	[XENVER_pagesize]            = { "pagesize", xv_pagesize },
};

int64_t do_xen_version(struct hv_call *c)
{
	if (c->arg[0] >= XENVER_NR_CMDS || !version_cmds[c->arg[0]].fn)
		return -ENOSYS;
	return version_cmds[c->arg[0]].fn(c);
}
