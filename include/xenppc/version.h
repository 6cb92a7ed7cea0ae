/*
 * xen_version (hypercall 17): arg0 = XENVER_* command, arg1 = handle.
 */
#ifndef XENPPC_VERSION_H
#define XENPPC_VERSION_H

#include "xen.h"

#define XENVER_version      0   /* returns (major << 16) | minor */
#define XENVER_extraversion 1
#define XENVER_compile_info 2
#define XENVER_capabilities 3
#define XENVER_changeset    4
#define XENVER_platform_parameters 5
#define XENVER_get_features 6
#define XENVER_pagesize     7
#define XENVER_NR_CMDS      8

#define XENPPC_VERSION_MAJOR 3
#define XENPPC_VERSION_MINOR 1

struct xen_extraversion { char extraversion[16]; };
XENPPC_CHECK_SIZE(struct xen_extraversion, 16);

struct xen_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
};
XENPPC_CHECK_SIZE(struct xen_compile_info, 144);

struct xen_capabilities_info { char caps[1024]; };
XENPPC_CHECK_SIZE(struct xen_capabilities_info, 1024);

struct xen_changeset_info { char changeset[64]; };
XENPPC_CHECK_SIZE(struct xen_changeset_info, 64);

struct xen_platform_parameters { be64_t virt_start; };
XENPPC_CHECK_SIZE(struct xen_platform_parameters, 8);

struct xen_feature_info {
	be32_t submap_idx;
	be32_t submap;               /* out */
};
XENPPC_CHECK_SIZE(struct xen_feature_info, 8);

#endif /* XENPPC_VERSION_H */
