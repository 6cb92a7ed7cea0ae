/*
 * The privcmd wire: messages between a tool (libxc-ppc) and xenppc-hv over
 * RUNDIR/privcmd.sock (ARCHITECTURE D3).
 *
 * The socket is SOCK_SEQPACKET, and every message is exactly
 * PRIVCMD_MSG_SIZE bytes, big-endian, so framing is one recv per message and
 * a short or long packet is garbage by definition.
 *
 *   hv -> tool  WINDOW     once, right after accept, with the window's memfd
 *                          attached (SCM_RIGHTS): the tool maps it, and the
 *                          hypervisor has inserted it in dom0's
 *                          guest-physical space at window_gpa.
 *   hv -> tool  REFUSED    instead of WINDOW when SO_PEERCRED says no;
 *                          the hypervisor then closes the connection.
 *   tool -> hv  HYPERCALL  op and six 64-bit arguments; pointer arguments
 *                          are guest handles (xen.h), never addresses.
 *   hv -> tool  RESULT     the signed return value of the request with the
 *                          same seq.
 *   hv -> tool  EVENT      asynchronous: an event channel port bound through
 *                          this connection was notified (VIRQ_DOM_EXC, ...).
 *   tool -> hv  MMAP       map a run of another domain's memory (Linux
 *                          privcmd's mmap, xc_map_foreign_range).
 *   hv -> tool  MAPPED     the machine frames of that run and the id of the
 *                          hold that keeps them; the first MAPPED of a
 *                          connection carries the machine memory fd
 *                          (SCM_RIGHTS).
 *   tool -> hv  MUNMAP     release a hold; answered with RESULT.
 *
 * A tool has at most one request outstanding per connection; EVENTs may
 * arrive before its RESULT and must be queued by the tool.
 */
#ifndef XENPPC_PRIVCMD_H
#define XENPPC_PRIVCMD_H

#include "xen.h"

#define PRIVCMD_SOCKET_NAME "privcmd.sock"
#define PRIVCMD_MAGIC   0x58505043U   /* "XPPC" */
#define PRIVCMD_VERSION 1U

/* Message types.  Never renumber; a retired type leaves a hole. */
enum privcmd_msg_type {
	PRIVCMD_MSG_WINDOW    = 1,
	PRIVCMD_MSG_REFUSED   = 2,
	PRIVCMD_MSG_HYPERCALL = 3,
	PRIVCMD_MSG_RESULT    = 4,
	PRIVCMD_MSG_EVENT     = 5,
	PRIVCMD_MSG_MMAP      = 6,
	PRIVCMD_MSG_MAPPED    = 7,
	PRIVCMD_MSG_MUNMAP    = 8,
	PRIVCMD_MSG_TYPE_COUNT,
	PRIVCMD_MSG_INVALID   = 0xffff
};

#define PRIVCMD_NR_ARGS 6

struct privcmd_hdr {
	be32_t magic;                /* PRIVCMD_MAGIC */
	be16_t version;              /* PRIVCMD_VERSION */
	be16_t type;                 /* enum privcmd_msg_type */
	be64_t seq;                  /* request id, echoed in RESULT */
};
XENPPC_CHECK_SIZE(struct privcmd_hdr, 16);

/* The header every message of type starts with (both sides build them). */
static inline struct privcmd_hdr privcmd_hdr_mk(uint16_t type, uint64_t seq)
{
	struct privcmd_hdr h = { be32_mk(PRIVCMD_MAGIC), be16_mk(PRIVCMD_VERSION),
	                         be16_mk(type), be64_mk(seq) };
	return h;
}

struct privcmd_window {
	be64_t window_gpa;           /* guest-physical base of the window */
	be64_t window_size;          /* bytes, a multiple of XEN_PAGE_SIZE */
	xen_domid_t domid;           /* the domain the tool acts as: dom0 */
	uint8_t pad[6];
};
XENPPC_CHECK_SIZE(struct privcmd_window, 24);

struct privcmd_refused {
	be32_t error;                /* positive XEN_E* value */
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct privcmd_refused, 8);

struct privcmd_hypercall {
	be64_t op;                   /* __HYPERVISOR_* */
	be64_t arg[PRIVCMD_NR_ARGS];
};
XENPPC_CHECK_SIZE(struct privcmd_hypercall, 56);

struct privcmd_result {
	be64_t ret;                  /* signed: >= 0 success, -XEN_E* error */
};
XENPPC_CHECK_SIZE(struct privcmd_result, 8);

struct privcmd_event {
	be32_t port;                 /* the notified port, in dom0's port space */
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct privcmd_event, 8);

/*
 * Foreign mapping (deviation from Xen's privcmd ioctls, which this socket
 * replaces).  PowerPC domains are translated, so a tool names guest frames;
 * the hypervisor answers with where they are in machine memory.
 *
 * MMAP asks for [gpfn, gpfn + count) of domid (not dom0; every page must be
 * populated).  MAPPED answers for the longest machine-contiguous run that
 * starts at gpfn: ret = its length in pages (1..count), mfn = its first
 * machine frame, so the tool maps the machine fd at offset mfn * 4096.
 * Errors in ret: -ESRCH no such domain, -EINVAL dom0, count 0 or too large,
 * flags, -EFAULT gpfn not populated, -ENOSPC too many holds on the
 * connection (PRIVCMD_MAX_MAPS).
 *
 * A hold keeps the run's machine pages from being reused: if the domain is
 * destroyed or gives the pages back while a hold covers them, they stay
 * allocated (and unscrubbed) until the last hold on them is released by
 * MUNMAP or by the connection closing.  So a tool's mapping can never reach
 * memory that has since been given to another domain.
 */
#define PRIVCMD_MMAP_WRITE 1U        /* flags: the tool maps it writable */
#define PRIVCMD_MAX_MAPS   4096      /* holds per connection */

struct privcmd_mmap {
	be64_t gpfn;
	be64_t count;                /* pages */
	xen_domid_t domid;
	be16_t flags;                /* PRIVCMD_MMAP_* */
	uint8_t pad[4];
};
XENPPC_CHECK_SIZE(struct privcmd_mmap, 24);

struct privcmd_mapped {
	be64_t ret;                  /* pages in the run, or -XEN_E* */
	be64_t mfn;                  /* machine frame of gpfn */
	be64_t map_id;               /* the hold: give it to MUNMAP */
	be64_t machine_size;         /* bytes of machine memory (the fd's size) */
};
XENPPC_CHECK_SIZE(struct privcmd_mapped, 32);

struct privcmd_munmap {
	be64_t map_id;               /* RESULT ret: 0, -ENOENT (not a hold of ours) */
};
XENPPC_CHECK_SIZE(struct privcmd_munmap, 8);

/* Every message: the header, then one body, padded to a fixed size. */
struct privcmd_msg {
	struct privcmd_hdr hdr;
	union {
		struct privcmd_window window;
		struct privcmd_refused refused;
		struct privcmd_hypercall hypercall;
		struct privcmd_result result;
		struct privcmd_event event;
		struct privcmd_mmap mmap;
		struct privcmd_mapped mapped;
		struct privcmd_munmap munmap;
	} u;
};
#define PRIVCMD_MSG_SIZE 72
XENPPC_CHECK_SIZE(struct privcmd_msg, PRIVCMD_MSG_SIZE);
XENPPC_CHECK_OFFSET(struct privcmd_msg, u, 16);

/*
 * Window geometry.  Windows live in dom0's guest-physical space above any
 * RAM dom0 could have, one slot per connection, so a window address can
 * never alias dom0 memory or another client's window.
 */
#define PRIVCMD_WINDOW_GPA_BASE  (1ULL << 40)
#define PRIVCMD_WINDOW_SIZE      (4ULL << 20)   /* per connection */
#define PRIVCMD_WINDOW_SLOT_SIZE (1ULL << 32)   /* spacing between windows */
#define PRIVCMD_MAX_CLIENTS      256

#endif /* XENPPC_PRIVCMD_H */
