/*
 * sysctl: dom0's view of the whole machine (hypercall 35).
 * Numbers and layouts of Xen 3.1 (interface version 3), plus deviations
 * numbered from XEN_SYSCTL_XENPPC_BASE.
 */
#ifndef XENPPC_SYSCTL_H
#define XENPPC_SYSCTL_H

#include "xen.h"
#include "domctl.h"

#define XEN_SYSCTL_readconsole        1
#define XEN_SYSCTL_physinfo           3
#define XEN_SYSCTL_sched_id           4
#define XEN_SYSCTL_getdomaininfolist  6

#define XEN_SYSCTL_XENPPC_BASE       64
#define XEN_SYSCTL_memmap            64
#define XEN_SYSCTL_warnings          65
#define XEN_SYSCTL_getdomainnamelist 66
#define XEN_SYSCTL_NR_CMDS           67

/* readconsole: copies out the hypervisor's console ring; clear empties it. */
struct xen_sysctl_readconsole {
	be32_t clear;
	uint8_t pad0[4];
	xen_guest_handle_t buffer;
	be32_t count;                /* in: buffer size; out: bytes written */
	uint8_t pad1[4];
};
XENPPC_CHECK_SIZE(struct xen_sysctl_readconsole, 24);
XENPPC_CHECK_OFFSET(struct xen_sysctl_readconsole, buffer, 8);
XENPPC_CHECK_OFFSET(struct xen_sysctl_readconsole, count, 16);

/* physinfo, Xen 3.1 layout.  nr_cpus = product of the first four. */
struct xen_sysctl_physinfo {
	be32_t threads_per_core;
	be32_t cores_per_socket;
	be32_t sockets_per_node;
	be32_t nr_nodes;
	be32_t cpu_khz;
	uint8_t pad[4];
	be64_t total_pages;
	be64_t free_pages;
	be64_t scrub_pages;
	be32_t hw_cap[8];
};
XENPPC_CHECK_SIZE(struct xen_sysctl_physinfo, 80);
XENPPC_CHECK_OFFSET(struct xen_sysctl_physinfo, cpu_khz, 16);
XENPPC_CHECK_OFFSET(struct xen_sysctl_physinfo, total_pages, 24);
XENPPC_CHECK_OFFSET(struct xen_sysctl_physinfo, free_pages, 32);
XENPPC_CHECK_OFFSET(struct xen_sysctl_physinfo, scrub_pages, 40);
XENPPC_CHECK_OFFSET(struct xen_sysctl_physinfo, hw_cap, 48);

#define XEN_SCHEDULER_SEDF   4
#define XEN_SCHEDULER_CREDIT 5
struct xen_sysctl_sched_id {
	be32_t sched_id;             /* out */
};
XENPPC_CHECK_SIZE(struct xen_sysctl_sched_id, 4);

/* getdomaininfolist: up to max_domains records from first_domain on. */
struct xen_sysctl_getdomaininfolist {
	xen_domid_t first_domain;
	uint8_t pad0[2];
	be32_t max_domains;
	xen_guest_handle_t buffer;   /* struct xen_domctl_getdomaininfo[] */
	be32_t num_domains;          /* out */
	uint8_t pad1[4];
};
XENPPC_CHECK_SIZE(struct xen_sysctl_getdomaininfolist, 24);
XENPPC_CHECK_OFFSET(struct xen_sysctl_getdomaininfolist, max_domains, 4);
XENPPC_CHECK_OFFSET(struct xen_sysctl_getdomaininfolist, buffer, 8);
XENPPC_CHECK_OFFSET(struct xen_sysctl_getdomaininfolist, num_domains, 16);

/*
 * Deviation: memmap.  The machine memory map for the daemon's RMA view and
 * `xmctl rma`: every block of machine memory in address order, free or
 * owned, and the number of free blocks per buddy order.  Xen had no such
 * call; on PowerPC the question "can another RMA of size S be placed?" is
 * about natural alignment, not free page counts, so tools need the map.
 * nr_regions is set to the total; at most max_regions are written.
 */
#define XEN_MEMMAP_free    0U
#define XEN_MEMMAP_rma     1U
#define XEN_MEMMAP_extent  2U
#define XEN_MEMMAP_gnttab  3U   /* grant-table frames (setup_table), owned by domid */
#define XEN_MEMMAP_held    4U   /* given up by its domain while a tool's foreign
                                   mapping (privcmd MMAP) covers it: nobody's,
                                   and not free until the mapping goes;
                                   domid DOMID_INVALID */
#define XEN_MEMMAP_MAX_ORDERS 40   /* orders 0..39: up to 2 PiB of 4 KiB pages */
struct xen_memmap_region {
	be64_t mfn;
	be32_t order;                /* the block is 2^order pages */
	be16_t kind;                 /* XEN_MEMMAP_* */
	xen_domid_t domid;           /* owner; DOMID_INVALID when free */
};
XENPPC_CHECK_SIZE(struct xen_memmap_region, 16);

struct xen_sysctl_memmap {
	be64_t total_pages;          /* out */
	be64_t free_pages;           /* out */
	xen_guest_handle_t free_per_order; /* be64[nr_orders] */
	be32_t nr_orders;            /* in: entries in free_per_order */
	be32_t max_regions;          /* in */
	xen_guest_handle_t regions;  /* struct xen_memmap_region[] */
	be32_t nr_regions;           /* out: total, may exceed max_regions */
	be32_t max_order;            /* out: the largest order in use */
};
XENPPC_CHECK_SIZE(struct xen_sysctl_memmap, 48);
XENPPC_CHECK_OFFSET(struct xen_sysctl_memmap, free_per_order, 16);
XENPPC_CHECK_OFFSET(struct xen_sysctl_memmap, regions, 32);
XENPPC_CHECK_OFFSET(struct xen_sysctl_memmap, nr_regions, 40);

/*
 * Deviation: warnings.  Internal inconsistencies are logged and counted
 * rather than fatal (ARCHITECTURE D4); tests read the count to prove that a
 * run raised none.
 */
struct xen_sysctl_warnings {
	be64_t count;                /* out */
};
XENPPC_CHECK_SIZE(struct xen_sysctl_warnings, 8);

/*
 * Deviation: getdomainnamelist.  The names of up to max_domains domains
 * from first_domain on, in id order, as getdomaininfolist gives their
 * records.  Names live in the hypervisor (domctl.h, setdomainname), and a
 * tool listing a thousand domains would otherwise spend one getdomainname
 * hypercall on each.  Each name is NUL-terminated, "" when unset.
 */
struct xen_sysctl_domainname {
	xen_domid_t domid;
	uint8_t pad[6];              /* name starts 8-byte aligned */
	char name[XEN_DOMAIN_NAME_MAX];
};
XENPPC_CHECK_SIZE(struct xen_sysctl_domainname, 72);
XENPPC_CHECK_OFFSET(struct xen_sysctl_domainname, name, 8);

struct xen_sysctl_getdomainnamelist {
	xen_domid_t first_domain;
	uint8_t pad0[2];
	be32_t max_domains;
	xen_guest_handle_t buffer;   /* struct xen_sysctl_domainname[] */
	be32_t num_domains;          /* out */
	uint8_t pad1[4];
};
XENPPC_CHECK_SIZE(struct xen_sysctl_getdomainnamelist, 24);
XENPPC_CHECK_OFFSET(struct xen_sysctl_getdomainnamelist, max_domains, 4);
XENPPC_CHECK_OFFSET(struct xen_sysctl_getdomainnamelist, buffer, 8);
XENPPC_CHECK_OFFSET(struct xen_sysctl_getdomainnamelist, num_domains, 16);

struct xen_sysctl {
	be32_t cmd;
	be32_t interface_version;    /* XEN_SYSCTL_INTERFACE_VERSION */
	union {
		struct xen_sysctl_readconsole readconsole;
		struct xen_sysctl_physinfo physinfo;
		struct xen_sysctl_sched_id sched_id;
		struct xen_sysctl_getdomaininfolist getdomaininfolist;
		struct xen_sysctl_memmap memmap;
		struct xen_sysctl_warnings warnings;
		struct xen_sysctl_getdomainnamelist getdomainnamelist;
		uint8_t pad[128];
	} u;
};
XENPPC_CHECK_SIZE(struct xen_sysctl, 136);
XENPPC_CHECK_OFFSET(struct xen_sysctl, u, 8);

#endif /* XENPPC_SYSCTL_H */
