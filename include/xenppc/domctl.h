/*
 * domctl: dom0's control of other domains (hypercall 36).
 *
 * Numbers and layouts are Xen 3.1's (interface version 5).  The struct lives
 * in the caller's memory and is reached through a guest handle (the
 * hypercall's first argument); handles nested inside it are guest-physical
 * too.  Our deviations use numbers from XEN_DOMCTL_XENPPC_BASE up, so they
 * can never collide with a later Xen number we might adopt.
 */
#ifndef XENPPC_DOMCTL_H
#define XENPPC_DOMCTL_H

#include "xen.h"

#define XEN_DOMCTL_createdomain        1
#define XEN_DOMCTL_destroydomain       2
#define XEN_DOMCTL_pausedomain         3
#define XEN_DOMCTL_unpausedomain       4
#define XEN_DOMCTL_getdomaininfo       5
#define XEN_DOMCTL_getmemlist          6
#define XEN_DOMCTL_setvcpuaffinity     9
#define XEN_DOMCTL_max_mem            11
#define XEN_DOMCTL_setvcpucontext     12
#define XEN_DOMCTL_getvcpucontext     13
#define XEN_DOMCTL_getvcpuinfo        14
#define XEN_DOMCTL_max_vcpus          15
#define XEN_DOMCTL_setdomainhandle    17
#define XEN_DOMCTL_getvcpuaffinity    25

/* Deviations of our own (see each struct below for the reason). */
#define XEN_DOMCTL_XENPPC_BASE        64
#define XEN_DOMCTL_setdomainname      64
#define XEN_DOMCTL_getdomainname      65
#define XEN_DOMCTL_shutdown           66
#define XEN_DOMCTL_getmemmap          67
#define XEN_DOMCTL_memcopy            68
#define XEN_DOMCTL_NR_CMDS            69

/*
 * createdomain.  Xen 3.1: { u32 ssidref; handle[16]; u32 flags }.
 * Deviation: rma_log.  On PowerPC every domain needs exactly one RMA, so we
 * allocate it when the domain is created (rather than by a separate
 * XEN_DOMCTL_real_mode_area call) and a create that cannot place its RMA
 * fails with -ENOMEM, leaving nothing behind.  0 = the hypervisor's default.
 * If the domctl's domain is 0, the hypervisor picks the id and writes it back.
 */
#define XEN_DOMCTL_CDF_hvm_guest 1U
struct xen_domctl_createdomain {
	be32_t ssidref;
	xen_domain_handle_t handle;
	be32_t flags;
	be32_t rma_log;      /* log2 of the RMA size in bytes; 0 = default */
};
XENPPC_CHECK_SIZE(struct xen_domctl_createdomain, 28);
XENPPC_CHECK_OFFSET(struct xen_domctl_createdomain, handle, 4);
XENPPC_CHECK_OFFSET(struct xen_domctl_createdomain, flags, 20);
XENPPC_CHECK_OFFSET(struct xen_domctl_createdomain, rma_log, 24);

/* RMA sizes the 970 supports (log2 of bytes); anything else is -EINVAL. */
#define XENPPC_RMA_LOG_DEFAULT 26   /* 64 MiB */
#define XENPPC_RMA_LOG_IS_VALID(l) \
	((l) == 26 || (l) == 27 || (l) == 28 || (l) == 30 || (l) == 34 || (l) == 38)

/* getdomaininfo: returns the first domain with id >= domain, or -ESRCH. */
#define XEN_DOMINF_dying     (1U << 0)
#define XEN_DOMINF_hvm_guest (1U << 1)
#define XEN_DOMINF_shutdown  (1U << 2)
#define XEN_DOMINF_paused    (1U << 3)
#define XEN_DOMINF_blocked   (1U << 4)
#define XEN_DOMINF_running   (1U << 5)
#define XEN_DOMINF_cpumask      255U
#define XEN_DOMINF_cpushift       8
#define XEN_DOMINF_shutdownmask 255U
#define XEN_DOMINF_shutdownshift 16
struct xen_domctl_getdomaininfo {
	xen_domid_t domain;
	uint8_t pad0[2];
	be32_t flags;
	be64_t tot_pages;
	be64_t max_pages;
	be64_t shared_info_frame;
	be64_t cpu_time;           /* ns */
	be32_t nr_online_vcpus;
	be32_t max_vcpu_id;
	be32_t ssidref;
	xen_domain_handle_t handle;
	uint8_t pad1[4];
};
XENPPC_CHECK_SIZE(struct xen_domctl_getdomaininfo, 72);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, flags, 4);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, tot_pages, 8);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, max_pages, 16);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, shared_info_frame, 24);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, cpu_time, 32);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, nr_online_vcpus, 40);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, max_vcpu_id, 44);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, ssidref, 48);
XENPPC_CHECK_OFFSET(struct xen_domctl_getdomaininfo, handle, 52);

/* getmemlist: the domain's p2m, one MFN per guest pfn from start_pfn. */
struct xen_domctl_getmemlist {
	be64_t max_pfns;
	be64_t start_pfn;
	xen_guest_handle_t buffer;   /* be64 MFNs */
	be64_t num_pfns;             /* out */
};
XENPPC_CHECK_SIZE(struct xen_domctl_getmemlist, 32);
XENPPC_CHECK_OFFSET(struct xen_domctl_getmemlist, buffer, 16);
XENPPC_CHECK_OFFSET(struct xen_domctl_getmemlist, num_pfns, 24);

/* max_mem: the domain's memory limit; on PowerPC it cannot shrink the p2m. */
struct xen_domctl_max_mem {
	be64_t max_memkb;
};
XENPPC_CHECK_SIZE(struct xen_domctl_max_mem, 8);

/* set/getvcpucontext: ctxt is a handle to a struct vcpu_guest_context. */
struct xen_domctl_vcpucontext {
	be32_t vcpu;
	uint8_t pad[4];
	xen_guest_handle_t ctxt;
};
XENPPC_CHECK_SIZE(struct xen_domctl_vcpucontext, 16);
XENPPC_CHECK_OFFSET(struct xen_domctl_vcpucontext, ctxt, 8);

struct xen_domctl_getvcpuinfo {
	be32_t vcpu;
	uint8_t online;              /* out */
	uint8_t blocked;             /* out */
	uint8_t running;             /* out */
	uint8_t pad0;
	be64_t cpu_time;             /* out, ns */
	be32_t cpu;                  /* out: physical cpu it last ran on */
	uint8_t pad1[4];
};
XENPPC_CHECK_SIZE(struct xen_domctl_getvcpuinfo, 24);
XENPPC_CHECK_OFFSET(struct xen_domctl_getvcpuinfo, online, 4);
XENPPC_CHECK_OFFSET(struct xen_domctl_getvcpuinfo, cpu_time, 8);
XENPPC_CHECK_OFFSET(struct xen_domctl_getvcpuinfo, cpu, 16);

struct xenctl_cpumap {
	xen_guest_handle_t bitmap;   /* bytes, bit n of byte n/8 = cpu n */
	be32_t nr_cpus;              /* bits in the bitmap */
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct xenctl_cpumap, 16);

struct xen_domctl_vcpuaffinity {
	be32_t vcpu;
	uint8_t pad[4];
	struct xenctl_cpumap cpumap;
};
XENPPC_CHECK_SIZE(struct xen_domctl_vcpuaffinity, 24);
XENPPC_CHECK_OFFSET(struct xen_domctl_vcpuaffinity, cpumap, 8);

struct xen_domctl_max_vcpus {
	be32_t max;
};
XENPPC_CHECK_SIZE(struct xen_domctl_max_vcpus, 4);

struct xen_domctl_setdomainhandle {
	xen_domain_handle_t handle;
};
XENPPC_CHECK_SIZE(struct xen_domctl_setdomainhandle, 16);

/*
 * Deviation: set/getdomainname.  Xen kept names in xenstore; we have none
 * (ARCHITECTURE D6), and names must be the same for every tool with or
 * without the daemon, so the hypervisor stores them beside the UUID.  Names
 * are unique (-EEXIST), NUL-terminated, at most XEN_DOMAIN_NAME_MAX - 1
 * bytes of printable ASCII other than space; "" clears the name.
 */
#define XEN_DOMAIN_NAME_MAX 64
struct xen_domctl_domainname {
	char name[XEN_DOMAIN_NAME_MAX];
};
XENPPC_CHECK_SIZE(struct xen_domctl_domainname, 64);

/*
 * Deviation: shutdown.  Shuts a domain down with a reason exactly as if its
 * guest had called SCHEDOP_shutdown, and raises VIRQ_DOM_EXC.  Guests do not
 * execute in xenppc-hv, so management software and tests inject guest
 * power-off, reboot, suspend and crash through this call.
 */
struct xen_domctl_shutdown {
	be32_t reason;               /* SHUTDOWN_* */
};
XENPPC_CHECK_SIZE(struct xen_domctl_shutdown, 4);

/*
 * Deviation: getmemmap.  Returns the domain's RMA and p2m extents, so tools
 * can draw and check placement without reading the whole p2m.
 * nr_extents is set to the total; at most max_extents are written.
 */
struct xen_domctl_memextent {
	be64_t gpfn;
	be64_t mfn;
	be32_t order;
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct xen_domctl_memextent, 24);

struct xen_domctl_getmemmap {
	be64_t rma_mfn;              /* out */
	be32_t rma_log;              /* out: log2 bytes */
	be32_t max_extents;          /* in */
	xen_guest_handle_t extents;  /* struct xen_domctl_memextent[] */
	be32_t nr_extents;           /* out: total, may exceed max_extents */
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct xen_domctl_getmemmap, 32);
XENPPC_CHECK_OFFSET(struct xen_domctl_getmemmap, extents, 16);
XENPPC_CHECK_OFFSET(struct xen_domctl_getmemmap, nr_extents, 24);

/*
 * Deviation: memcopy.  Copies between a dom0 buffer and a domain's
 * guest-physical memory without mapping it (xc_guest_memory_read/write);
 * the builder, save and restore, which move megabytes, map foreign pages
 * through privcmd's MMAP as real dom0 tools do.  The range must lie in
 * pages the domain owns (-EFAULT otherwise).  XEN_MEMCOPY_from_guest with
 * flag XEN_MEMCOPY_skip_zero writes nothing for pages that are all zero
 * and reports them in the zero_map bitmap (one bit per page of the range).
 * Other flag bits are -EINVAL (bit 9, a packed layout save and restore
 * once used, is gone).
 */
#define XEN_MEMCOPY_to_guest   0U
#define XEN_MEMCOPY_from_guest 1U
#define XEN_MEMCOPY_skip_zero  (1U << 8)
#define XEN_MEMCOPY_MAX_BYTES  (1U << 20)  /* per call: bounds work under the lock */
struct xen_domctl_memcopy {
	be64_t gpaddr;               /* guest-physical byte address */
	be64_t len;                  /* bytes, <= XEN_MEMCOPY_MAX_BYTES */
	xen_guest_handle_t buffer;   /* dom0 bytes */
	xen_guest_handle_t zero_map; /* optional, with skip_zero */
	be32_t flags;                /* direction | flags */
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct xen_domctl_memcopy, 40);
XENPPC_CHECK_OFFSET(struct xen_domctl_memcopy, buffer, 16);
XENPPC_CHECK_OFFSET(struct xen_domctl_memcopy, zero_map, 24);
XENPPC_CHECK_OFFSET(struct xen_domctl_memcopy, flags, 32);

/* The domctl itself: Xen 3.1's layout, the union at offset 16. */
struct xen_domctl {
	be32_t cmd;
	be32_t interface_version;    /* XEN_DOMCTL_INTERFACE_VERSION */
	xen_domid_t domain;
	uint8_t pad[6];
	union {
		struct xen_domctl_createdomain createdomain;
		struct xen_domctl_getdomaininfo getdomaininfo;
		struct xen_domctl_getmemlist getmemlist;
		struct xen_domctl_max_mem max_mem;
		struct xen_domctl_vcpucontext vcpucontext;
		struct xen_domctl_getvcpuinfo getvcpuinfo;
		struct xen_domctl_vcpuaffinity vcpuaffinity;
		struct xen_domctl_max_vcpus max_vcpus;
		struct xen_domctl_setdomainhandle setdomainhandle;
		struct xen_domctl_domainname domainname;
		struct xen_domctl_shutdown shutdown;
		struct xen_domctl_getmemmap getmemmap;
		struct xen_domctl_memcopy memcopy;
		uint8_t pad[128];
	} u;
};
XENPPC_CHECK_SIZE(struct xen_domctl, 144);
XENPPC_CHECK_OFFSET(struct xen_domctl, interface_version, 4);
XENPPC_CHECK_OFFSET(struct xen_domctl, domain, 8);
XENPPC_CHECK_OFFSET(struct xen_domctl, u, 16);

#endif /* XENPPC_DOMCTL_H */
