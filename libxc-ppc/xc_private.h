/*
 * libxc-ppc internals shared by the library's files (the hypercall path
 * and the builder / save-restore).  Not installed.
 *
 * The pieces, in the order a wrapper uses them:
 *
 *   xc_check_domid()         reject reserved domain ids with a message;
 *   DECLARE_BOUNCE_*()       a direction-typed copy of a caller buffer in
 *   xc_bounce_pre/post()     the window, with its xencomm handle;
 *   xc_hypercall_buffer_*()  window memory used directly (no copy);
 *   do_domctl() do_sysctl()  one hypercall each, interface version stamped,
 *   do_memory_op() ...       errors turned into the handle's last error;
 *   xc_seterror()            set the last error and log it.
 *
 * Everything here returns 0 or a negative errno, like the public API, and
 * sets the last error itself, so callers just propagate the value.
 */
#ifndef LIBXC_PPC_XC_PRIVATE_H
#define LIBXC_PPC_XC_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <xenppc/xenppc.h>
#include "xenctrl.h"

/* ---- the handle ------------------------------------------------------- */

struct xc_transport;   /* xc_transport.c: socket + window + event queue */
struct xc_window_alloc; /* xc_hcall_buf.c: window page allocator */
struct xc_fmap;         /* xc_foreign.c: one foreign mapping */

struct xc_interface {
	struct xc_transport *tp;
	struct xc_window_alloc *wa;
	struct xc_fmap *fmaps;       /* live foreign mappings, newest first */
	xc_logger logger;
	int have_logger;
	xc_error last_error;
	char rundir[XC_RUNDIR_MAX + 1];
};

/* ---- errors and logging (xc_error.c) ---------------------------------- */

/*
 * The largest errno value a hypervisor answer may carry (Linux's
 * MAX_ERRNO): a result below -XC_MAX_ERRNO is garbage, not an error code.
 */
#define XC_MAX_ERRNO 4095

/*
 * Record code (positive or negative errno) and a printf-style message as
 * the last error, pass it to the logger, and return -abs(code), so that
 * "return xc_seterror(xch, -EINVAL, "bad %s", what);" is the idiom.
 */
int xc_seterror(xc_interface *xch, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Log at a level without touching the last error. */
void xc_log(xc_interface *xch, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * -EINVAL with a message unless domid names a real domain slot
 * (< DOMID_FIRST_RESERVED); allow_self also accepts DOMID_SELF.
 */
int xc_check_domid(xc_interface *xch, uint32_t domid, int allow_self);

/* ---- window memory (xc_hcall_buf.c) ----------------------------------- */

/*
 * Window memory for hypercall arguments, with a descriptor in front so the
 * hypervisor can reach it through *handle.  size may be up to
 * XENCOMM_MAX_BYTES; the memory is zeroed and 8-aligned.  Returns the host
 * address, or NULL with the last error set (-ENOMEM: window full, -E2BIG:
 * larger than one descriptor can describe).  Free with
 * xc_hypercall_buffer_free() (NULL accepted).
 */
void *xc_hypercall_buffer_alloc(xc_interface *xch, size_t size,
		uint64_t *handle);
void xc_hypercall_buffer_free(xc_interface *xch, void *buf);

/* Set up / tear down the allocator of an open handle's window. */
int xc_window_alloc_init(xc_interface *xch);
void xc_window_alloc_fini(xc_interface *xch);

/* Bytes still free in the window (tests and batch sizing). */
size_t xc_hypercall_buffer_avail(xc_interface *xch);

/* ---- direction-typed bounce buffers (xc_hcall_buf.c) ------------------ */

enum xc_bounce_dir {
	XC_BOUNCE_IN = 1,     /* caller -> hypervisor: copied in by pre */
	XC_BOUNCE_OUT = 2,    /* hypervisor -> caller: copied back by post */
	XC_BOUNCE_BOTH = 3
};

typedef struct xc_bounce {
	const void *src;      /* caller memory read by pre (IN, BOTH) */
	void *dst;            /* caller memory written by post (OUT, BOTH) */
	size_t size;
	enum xc_bounce_dir dir;
	void *hbuf;           /* the window copy, NULL before pre */
	uint64_t handle;      /* its guest handle, 0 before pre */
} xc_bounce_t;

/*
 * DECLARE_BOUNCE_IN/OUT/BOTH(name, type, ptr, nelem) declare name, a
 * bounce of nelem elements of type at ptr.  ptr must be a `type *`
 * (IN also accepts `const type *`): a pointer of another type, or a
 * const pointer for OUT/BOTH, does not compile.  That is what keeps a
 * native struct from reaching the hypervisor where a big-endian one
 * belongs, and a read-only buffer from being written back.
 */
#define XC__BOUNCE_RO(type, ptr) \
	_Generic((ptr), type *: (const void *)(ptr), const type *: (const void *)(ptr))
#define XC__BOUNCE_RW(type, ptr) _Generic((ptr), type *: (void *)(ptr))

#define DECLARE_BOUNCE_IN(name, type, ptr, nelem) \
	xc_bounce_t name = { .src = XC__BOUNCE_RO(type, ptr), .dst = NULL, \
		.size = (size_t)(nelem) * sizeof(type), .dir = XC_BOUNCE_IN, \
		.hbuf = NULL, .handle = 0 }
#define DECLARE_BOUNCE_OUT(name, type, ptr, nelem) \
	xc_bounce_t name = { .src = NULL, .dst = XC__BOUNCE_RW(type, ptr), \
		.size = (size_t)(nelem) * sizeof(type), .dir = XC_BOUNCE_OUT, \
		.hbuf = NULL, .handle = 0 }
#define DECLARE_BOUNCE_BOTH(name, type, ptr, nelem) \
	xc_bounce_t name = { .src = XC__BOUNCE_RW(type, ptr), \
		.dst = XC__BOUNCE_RW(type, ptr), \
		.size = (size_t)(nelem) * sizeof(type), .dir = XC_BOUNCE_BOTH, \
		.hbuf = NULL, .handle = 0 }

/*
 * pre: allocate the window copy, copy the caller's bytes in (IN, BOTH;
 * OUT starts zeroed) and build the descriptor; b->handle is then what the
 * hypercall argument or nested handle gets.  A zero-sized bounce gets the
 * NULL handle 0.  Returns 0 or a negative errno (last error set).
 * post: copy back (OUT, BOTH) and free the window copy.  Safe to call
 * whether or not pre ran or succeeded, so one cleanup path serves all.
 */
int xc_bounce_pre(xc_interface *xch, xc_bounce_t *b);
void xc_bounce_post(xc_interface *xch, xc_bounce_t *b);

/* ---- hypercalls (xc_hcall.c) ------------------------------------------ */

/*
 * Issue hypercall op with six arguments on this handle's connection and
 * return the hypervisor's signed result (>= 0) or a negative errno.  It
 * does not set the last error for hypervisor results (callers know what
 * failed), only for transport failures.
 */
int64_t xc_hypercall(xc_interface *xch, uint32_t op,
		const uint64_t args[PRIVCMD_NR_ARGS]);

/*
 * The domctl in *domctl (cmd, domain and body filled by the caller) is
 * stamped with XEN_DOMCTL_INTERFACE_VERSION, bounced BOTH through the
 * window and issued; on return *domctl holds the hypervisor's answer
 * (out fields).  Nested handles inside the body must already be set by
 * the caller (see DECLARE_BOUNCE_*).  On error the last error reads
 * "domctl <name> (domain N): <reason>", and -EACCES explains the version
 * mismatch.  Returns the hypervisor's result (>= 0) or a negative errno.
 */
int do_domctl(xc_interface *xch, struct xen_domctl *domctl);
/* The same for sysctl (XEN_SYSCTL_INTERFACE_VERSION). */
int do_sysctl(xc_interface *xch, struct xen_sysctl *sysctl);
/*
 * memory_op cmd with arg a guest handle (0 when the command takes none);
 * returns the result (extents done, a page count, ...) or a negative errno.
 */
int64_t do_memory_op(xc_interface *xch, uint32_t cmd, uint64_t arg);
/* event_channel_op: the struct arg of size bytes is bounced BOTH. */
int do_evtchn_op(xc_interface *xch, uint32_t cmd, void *arg, size_t size);

/*
 * Name of a domctl / sysctl command for messages ("domctl 99" style
 * fallbacks are written into buf when unknown).
 */
const char *xc_domctl_name(uint32_t cmd);
const char *xc_sysctl_name(uint32_t cmd);

/* Zero-initialised domctl for cmd and domain: the first line of wrappers. */
static inline struct xen_domctl xc_domctl_init(uint32_t cmd, uint32_t domid)
{
	struct xen_domctl d = { .cmd = be32_mk(cmd), .domain = be16_mk((uint16_t)domid) };
	return d;
}

static inline struct xen_sysctl xc_sysctl_init(uint32_t cmd)
{
	struct xen_sysctl s = { .cmd = be32_mk(cmd) };
	return s;
}

/* Decode one hypervisor domain-info record (xc_domain_info.c). */
void xc_dominfo_decode(const struct xen_domctl_getdomaininfo *in,
		xc_dominfo_t *out);

/* Unmap every foreign mapping left on the handle (xc_interface_close). */
void xc_foreign_unmap_all(xc_interface *xch);

/*
 * A held span of a domain's memory, written through the machine memory fd
 * rather than one long-lived mapping: filling a mapping's page table costs
 * about as much per page as copying the page, and the holds are the same
 * as xc_map_foreign_range's.
 */
struct xc_foreign_span {
	uint64_t gpfn, pages;
	struct xc_transport_run *runs;
	size_t nr_runs;
	int fd;                      /* the transport's machine fd */
};
/*
 * Hold [gpfn, gpfn + pages) of domid: 0, or a negative errno with the last
 * error set (as xc_map_foreign_range; nothing is held then).
 */
int xc_foreign_span_hold(xc_interface *xch, uint32_t domid, uint64_t gpfn,
		uint64_t pages, struct xc_foreign_span *s);
/*
 * How xc_foreign_span_write stores.  pwrite costs the least per page, but
 * the kernel serialises writes to one file; a short mapping populated in
 * one pass is nearly as cheap on most hosts and runs beside it.  So of two
 * threads writing one span, one uses each (where page faults are dear and
 * mappings fall far behind, the builder drops the second: xg_build_load.c).
 */
enum { XC_FOREIGN_BY_PWRITE, XC_FOREIGN_BY_MAP };
/*
 * Write len bytes of src (NULL: zeros) at guest-physical gpa, which must
 * lie in the span, by pwrite or a mapping (how).  Touches no handle state,
 * so threads may write one span at once.  0, -EFAULT (outside the span),
 * or the system call's -errno.
 */
int xc_foreign_span_write(const struct xc_foreign_span *s, uint64_t gpa,
		const void *src, size_t len, int how);
/* Release the holds (errors are only logged: the handle's close frees them). */
void xc_foreign_span_release(xc_interface *xch, struct xc_foreign_span *s);
/* As xc_foreign_span_hold, for reading only (save): no PRIVCMD_MMAP_WRITE. */
int xc_foreign_span_hold_ro(xc_interface *xch, uint32_t domid, uint64_t gpfn,
		uint64_t pages, struct xc_foreign_span *s);
/*
 * The run of a held span that holds gpfn, and in *first the gpfn its first
 * page stands for; NULL if gpfn is outside the span.
 */
const struct xc_transport_run *xc_foreign_span_run(const struct xc_foreign_span *s,
		uint64_t gpfn, uint64_t *first);

/*
 * A view of part of a held span (xc_foreign_view.c): its pages side by
 * side at addr, whichever machine runs they lie in.  Save reads a paused
 * domain through views (the mapping answers mincore(); xc_foreign_view_read
 * reads the pages themselves), as Xen's save reads through foreign
 * mappings; xc_map_foreign_range's mappings are views too.
 */
struct xc_foreign_view {
	uint8_t *addr;               /* pages * XEN_PAGE_SIZE bytes */
	uint64_t gpfn, pages;
	const struct xc_foreign_span *span;
};
/*
 * Map [gpfn, gpfn + pages) of the span, which must cover it, with prot
 * (PROT_READ, or PROT_READ | PROT_WRITE for a span held writable).
 * Touches no handle state, so any thread may map and unmap views of a span
 * it holds.  0, -EINVAL (no pages, or outside the span), -EOVERFLOW (a
 * machine frame beyond this process's file offsets) or mmap's -errno
 * (-ENOMEM: no address space).  Unmap with xc_foreign_view_unmap before
 * the span is released.
 */
int xc_foreign_view_map(const struct xc_foreign_span *s, uint64_t gpfn, uint64_t pages,
		int prot, struct xc_foreign_view *v);
void xc_foreign_view_unmap(struct xc_foreign_view *v);
/*
 * Read the view's pages into buf (pages * XEN_PAGE_SIZE bytes: page i at
 * buf + i * XEN_PAGE_SIZE) and tell which are all zero: bit i of zmap
 * (byte i / 8, bit i % 8) is set if page i is, cleared if not; a zero
 * page's bytes in buf are unspecified.  Holes of machine memory are
 * recognised without reading them.  Returns how many pages are not zero,
 * or -errno (from lseek or pread on the machine fd).  Touches no handle
 * state: threads may read views of one span at once.
 */
long xc_foreign_view_read(const struct xc_foreign_view *v, uint8_t *buf, uint8_t *zmap);
/*
 * xc_foreign_view_read, told how (XC_VIEW_SCAN_* or 0: mincore, then lseek
 * for the pages it does not report): it picks NO_SWAP when the host has no
 * swap; tests try each way.
 */
#define XC_VIEW_SCAN_NO_SWAP 1U      /* pages mincore does not report are holes */
#define XC_VIEW_SCAN_NO_MINCORE 2U   /* ask lseek about every page */
#define XC_VIEW_SCAN_BLIND_MINCORE 4U   /* tests: mincore reports nothing resident */
long xc_foreign_view_scan(const struct xc_foreign_view *v, unsigned how, uint8_t *buf,
		uint8_t *zmap);

/* ---- the transport seam (xc_transport.c) ------------------------------ */

/*
 * Connect to rundir's privcmd socket and map the window it sends.
 * Returns 0 and *tp, or a negative errno with a message in err (msglen
 * bytes).  On refusal returns the hypervisor's error (-EPERM).
 */
int xc_transport_open(const char *rundir, struct xc_transport **tp,
		char *err, size_t errlen);
/* Unmap and disconnect; 0 or the first negative errno (freed anyway). */
int xc_transport_close(struct xc_transport *tp);
/* The mapped window (host address, guest-physical base, size). */
void xc_transport_window(const struct xc_transport *tp, uint8_t **host,
		uint64_t *gpa, uint64_t *size);
/* One request, one result; EVENTs arriving meanwhile are queued. */
int xc_transport_call(struct xc_transport *tp, uint32_t op,
		const uint64_t args[PRIVCMD_NR_ARGS], int64_t *ret);
/*
 * Take one notified port: from the queue first, then from the socket
 * without blocking (timeout_ms 0) or waiting up to timeout_ms (-1:
 * forever).  -EAGAIN / -ETIMEDOUT when none.
 */
int xc_transport_event(struct xc_transport *tp, int timeout_ms,
		uint32_t *port);
/* Forget queued notifications of port (after unbinding it). */
void xc_transport_drop_event(struct xc_transport *tp, uint32_t port);
int xc_transport_fd(const struct xc_transport *tp);

/* One machine-contiguous run of a foreign mapping (privcmd.h MMAP). */
struct xc_transport_run {
	uint64_t mfn;
	uint64_t pages;
	uint64_t map_id;
};
/*
 * Ask for [gpfn, gpfn + count) of domid: *run is the first
 * machine-contiguous part of it (1..count pages), held until
 * xc_transport_munmap.  0, the hypervisor's -errno, or a transport error.
 * The first success also brings the machine memory fd.
 */
int xc_transport_mmap(struct xc_transport *tp, uint16_t domid, uint64_t gpfn,
		uint64_t count, uint16_t flags, struct xc_transport_run *run);
/* Release a hold: 0, -ENOENT, or a transport error. */
int xc_transport_munmap(struct xc_transport *tp, uint64_t map_id);
/* The machine memory fd (owned by the transport), or -1 before any map. */
int xc_transport_machine_fd(const struct xc_transport *tp);

#endif /* LIBXC_PPC_XC_PRIVATE_H */
