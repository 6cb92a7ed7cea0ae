/*
 * The xenppc hypervisor interface: hypercall numbers, domain ids, guest
 * handles, virtual IRQs and the errno values carried in results.
 *
 * Numbers are Xen 3.1's (xen/include/public/xen.h).  Everything that lives in
 * guest memory is big-endian (byteorder.h), with fixed-width fields and
 * explicit padding, so 32- and 64-bit tools on any host agree byte for byte.
 */
#ifndef XENPPC_XEN_H
#define XENPPC_XEN_H

#include <stdint.h>
#include "byteorder.h"

/* Hypercall numbers (Xen 3.x).  PowerPC implements the subset below. */
#define __HYPERVISOR_sched_op_compat     6
#define __HYPERVISOR_memory_op          12
#define __HYPERVISOR_xen_version        17
#define __HYPERVISOR_console_io         18
#define __HYPERVISOR_grant_table_op     20
#define __HYPERVISOR_vcpu_op            24
#define __HYPERVISOR_sched_op           29
#define __HYPERVISOR_event_channel_op   32
#define __HYPERVISOR_sysctl             35
#define __HYPERVISOR_domctl             36
/* The dispatch table has room for every Xen 3.x number (arch_7 is 55). */
#define XENPPC_NR_HYPERCALLS            64

/*
 * On real hardware r3 carries XEN_MARK(op) so the hypervisor can tell a Xen
 * call from a PAPR hcall.  The privcmd socket has its own message type, so
 * requests carry the plain number; the mark is kept for documentation and
 * for tools that log register images.
 */
#define XEN_MARK(op) ((uint64_t)(op) | 0xFFFFFFFFFFFF0000ULL)

/* Interface versions: Xen 3.1 / 3.2 tools. */
#define XEN_DOMCTL_INTERFACE_VERSION 0x00000005
#define XEN_SYSCTL_INTERFACE_VERSION 0x00000003
#define __XEN_LATEST_INTERFACE_VERSION__ 0x00030205

/* Domain ids.  domid_t is 16 bits; ids at or above 0x7FF0 are reserved. */
typedef be16_t xen_domid_t;
#define DOMID_FIRST_RESERVED 0x7FF0U
#define DOMID_SELF           0x7FF0U
#define DOMID_IO             0x7FF1U
#define DOMID_XEN            0x7FF2U
#define DOMID_INVALID        0x7FF4U

#define MAX_VIRT_CPUS 32

/* A domain handle is a UUID, stored as its 16 raw bytes. */
typedef uint8_t xen_domain_handle_t[16];

/*
 * A guest handle is a 64-bit guest-physical address (ARCHITECTURE D1):
 *  - 0 is NULL;
 *  - with XENCOMM_INLINE_FLAG set, the remaining bits address a buffer that
 *    is contiguous in guest-physical memory;
 *  - otherwise it is the guest-physical address of a xencomm descriptor.
 * Never a virtual address, never a pointer.
 */
typedef be64_t xen_guest_handle_t;

typedef uint64_t xen_pfn_t;

/* Virtual IRQs. */
#define VIRQ_TIMER    0
#define VIRQ_DEBUG    1
#define VIRQ_CONSOLE  2
#define VIRQ_DOM_EXC  3  /* a domain changed state: shutdown, crash, destroy */
#define NR_VIRQS     24

/* Shutdown reasons (sched_op shutdown, domain info). */
#define SHUTDOWN_poweroff 0
#define SHUTDOWN_reboot   1
#define SHUTDOWN_suspend  2
#define SHUTDOWN_crash    3
#define SHUTDOWN_MAX      3

/*
 * Results are negative Xen errno values.  They are Linux's numbers, which is
 * what Xen uses; spelled out here so the wire does not depend on the host.
 */
#define XEN_EPERM    1
#define XEN_ENOENT   2
#define XEN_ESRCH    3
#define XEN_EINTR    4
#define XEN_E2BIG    7
#define XEN_EAGAIN  11
#define XEN_ENOMEM  12
#define XEN_EACCES  13
#define XEN_EFAULT  14
#define XEN_EBUSY   16
#define XEN_EEXIST  17
#define XEN_EINVAL  22
#define XEN_ENOSPC  28
#define XEN_ERANGE  34
#define XEN_ENAMETOOLONG 36
#define XEN_ENOSYS  38
#define XEN_EOVERFLOW 75   /* libxencomm: offset + length overflows */
#define XEN_ENODATA 61   /* getvcpucontext of a vcpu never given one (Xen 3.1) */
#define XEN_ENOBUFS 105

/* Memory geometry: 4 KiB pages, as on the 970 with Xen. */
#define XEN_PAGE_SHIFT 12
#define XEN_PAGE_SIZE  (1U << XEN_PAGE_SHIFT)

#endif /* XENPPC_XEN_H */
