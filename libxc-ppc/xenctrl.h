/*
 * libxc-ppc: the control library for Xen on PowerPC (xenppc-hv).
 *
 * Installed as <xenppc/xenctrl.h>; pkg-config's Cflags also make
 * <xenctrl.h> work.  In the source tree, add -I$(top_srcdir)/libxc-ppc and
 * include <xenctrl.h>.
 *
 * Conventions that hold for every function below unless it says otherwise:
 *
 *  - Functions return 0 (or a count, where documented) on success and a
 *    NEGATIVE errno value on failure (Linux numbering, which is Xen's).
 *    The same code and a one-line message are kept as the handle's last
 *    error (xc_get_last_error), and handed to the logger if one was given.
 *  - The library never prints, never aborts, and never passes a pointer to
 *    the hypervisor: every buffer crosses as a xencomm descriptor in the
 *    connection's window (ARCHITECTURE D1/D3).
 *  - Domain ids are uint32_t.  Ids at or above DOMID_FIRST_RESERVED are
 *    rejected with -EINVAL unless a function says it accepts DOMID_SELF.
 *  - Errors every hypercall can return, besides those listed: -EINVAL for a
 *    bad argument, -EPERM when the hypervisor refuses the caller, -EACCES
 *    when the tools' interface version does not match the hypervisor's,
 *    -ECONNRESET when the hypervisor closed the connection (the handle is
 *    then unusable: close it), -EPROTO for a malformed reply.
 *  - A handle is not thread-safe: use it from one thread at a time, or
 *    open one handle per thread (each gets its own window).  After fork()
 *    the child must not use the parent's handles (they share one
 *    connection); it opens its own.
 *  - Memory the library allocates for the caller is freed with the named
 *    free function; every free/close function accepts NULL.
 */
#ifndef LIBXC_PPC_XENCTRL_H
#define LIBXC_PPC_XENCTRL_H

#include <stddef.h>
#include <stdint.h>
/* The whole interface: numbers, limits and constants the API refers to. */
#include <xenppc/xenppc.h>

#ifdef __cplusplus
extern "C" {
#endif

#define XC_PUBLIC __attribute__((visibility("default")))

/* ---- handles, logging, errors ---------------------------------------- */

/* An open connection to the hypervisor (opaque). */
typedef struct xc_interface xc_interface;

/* The run directory used when none is given and $XENPPC_RUNDIR is unset. */
#define XC_DEFAULT_RUNDIR "/run/xenppc"
/* The environment variable that overrides it. */
#define XC_RUNDIR_ENV "XENPPC_RUNDIR"
/* Longest run directory path accepted (sun_path must hold dir + socket). */
#define XC_RUNDIR_MAX 90

enum xc_log_level {
	XC_LOG_DEBUG = 0,    /* every hypercall, when min_level allows */
	XC_LOG_INFO = 1,
	XC_LOG_WARN = 2,
	XC_LOG_ERROR = 3     /* every error that sets the last error */
};

/*
 * An optional logger.  The library copies the struct at open, and calls
 * log(arg, level, message) for messages at min_level and above; message is
 * one line without a trailing newline, valid only during the call.  Without
 * a logger (NULL) the library is silent.
 */
typedef struct xc_logger {
	void (*log)(void *arg, int level, const char *message);
	void *arg;
	int min_level;       /* enum xc_log_level */
} xc_logger;

/*
 * Connect to the hypervisor whose run directory is rundir (NULL: the
 * default, $XENPPC_RUNDIR or XC_DEFAULT_RUNDIR) and map the window it gives
 * this connection.  flags must be 0.
 * Returns a handle, or NULL with errno set (the logger, if any, also gets
 * the reason):
 *   ENOENT/ECONNREFUSED  no hypervisor listening there;
 *   EPERM/EACCES         the hypervisor refused this user (SO_PEERCRED);
 *   ENAMETOOLONG         rundir longer than XC_RUNDIR_MAX;
 *   EPROTO               the hypervisor spoke an unknown protocol;
 *   EINVAL               unknown flags;  ENOMEM.
 * Close with xc_interface_close().
 */
XC_PUBLIC xc_interface *xc_interface_open_rundir(const char *rundir,
		const xc_logger *logger, unsigned int flags);
/* xc_interface_open_rundir(NULL, logger, flags). */
XC_PUBLIC xc_interface *xc_interface_open(const xc_logger *logger,
		unsigned int flags);

/*
 * Disconnect and free the handle; the hypervisor returns the window to
 * dom0.  Event channels bound through an xc_interface are not affected
 * (they belong to dom0); those bound through an xc_evtchn are closed with
 * it.  Accepts NULL.  Returns 0, or a negative errno if unmapping failed
 * (the handle is freed anyway).
 */
XC_PUBLIC int xc_interface_close(xc_interface *xch);

/* The run directory this handle connected to (owned by the handle). */
XC_PUBLIC const char *xc_interface_rundir(const xc_interface *xch);

/* Longest last-error message kept, including the NUL. */
#define XC_MAX_ERROR_MSG_LEN 256

typedef struct xc_error {
	int code;            /* positive errno value; 0 = no error */
	char message[XC_MAX_ERROR_MSG_LEN];  /* "what failed: why" */
} xc_error;

/*
 * The last error of this handle (code 0 and "" if none since open or
 * clear).  The pointer stays valid until the handle is closed; the
 * contents change with the next failing call.
 */
XC_PUBLIC const xc_error *xc_get_last_error(xc_interface *xch);
XC_PUBLIC void xc_clear_last_error(xc_interface *xch);

/*
 * A static description of an errno value (positive or negative), worded
 * for the hypervisor's meaning (e.g. -ESRCH: "no such domain").  Never
 * NULL, thread-safe, independent of the locale.  xch may be NULL.
 */
XC_PUBLIC const char *xc_strerror(xc_interface *xch, int code);

/* ---- domains ---------------------------------------------------------- */

/*
 * Create a domain.  *pdomid is in/out: 0 lets the hypervisor pick the id,
 * another value asks for that id.  handle is its UUID (NULL: all zeros).
 * flags: XEN_DOMCTL_CDF_*.  rma_log is log2 of the Real Mode Area size in
 * bytes (26 = 64 MiB, see XENPPC_RMA_LOG_IS_VALID), 0 for the hypervisor's
 * default.  The RMA is allocated by this call; the domain starts paused,
 * with one vcpu allowed and no other memory.
 * Errors: -ENOMEM no room for the RMA (nothing is left behind),
 *         -EEXIST the requested id is in use, -EINVAL bad rma_log/flags.
 */
XC_PUBLIC int xc_domain_create(xc_interface *xch, uint32_t ssidref,
		const xen_domain_handle_t handle, uint32_t flags,
		uint32_t rma_log, uint32_t *pdomid);

/*
 * Destroy a domain and free (scrub) all its memory; raises VIRQ_DOM_EXC.
 * Errors: -ESRCH no such domain, -EPERM domain 0.
 */
XC_PUBLIC int xc_domain_destroy(xc_interface *xch, uint32_t domid);
/* Pause / unpause (pauses nest, as in Xen).  -ESRCH, -EINVAL. */
XC_PUBLIC int xc_domain_pause(xc_interface *xch, uint32_t domid);
XC_PUBLIC int xc_domain_unpause(xc_interface *xch, uint32_t domid);

/*
 * Shut a domain down as if its guest had asked, with reason
 * SHUTDOWN_poweroff, _reboot, _suspend or _crash; raises VIRQ_DOM_EXC.
 * (Our deviation XEN_DOMCTL_shutdown, see <xenppc/domctl.h>.)
 * Errors: -ESRCH, -EINVAL bad reason.
 */
XC_PUBLIC int xc_domain_shutdown(xc_interface *xch, uint32_t domid,
		int reason);

/* One domain's state, decoded from the hypervisor's domain info. */
typedef struct xc_dominfo {
	uint32_t domid;
	uint32_t ssidref;
	uint8_t dying;           /* being destroyed */
	uint8_t crashed;         /* shut down with SHUTDOWN_crash */
	uint8_t shutdown;        /* shut down for another reason */
	uint8_t paused;
	uint8_t blocked;         /* every online vcpu blocked */
	uint8_t running;         /* some vcpu running */
	uint8_t hvm;
	uint8_t pad0;
	uint32_t shutdown_reason;  /* SHUTDOWN_*, valid if shutdown/crashed */
	uint32_t nr_online_vcpus;
	uint32_t max_vcpu_id;
	uint64_t nr_pages;       /* pages owned now */
	uint64_t max_memkb;      /* the memory limit */
	uint64_t shared_info_frame;
	uint64_t cpu_time;       /* ns, all vcpus */
	xen_domain_handle_t handle;  /* UUID */
} xc_dominfo_t;

/*
 * Information about up to max_doms domains with ids >= first_domid, in id
 * order, one domctl per domain (Xen's xc_domain_getinfo).  Returns the
 * number of entries written to info (0 when there are none).
 */
XC_PUBLIC int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		uint32_t max_doms, xc_dominfo_t *info);

/*
 * The same through XEN_SYSCTL_getdomaininfolist, fetched in batches of
 * XC_DOMINFO_BATCH domains (the cheap way to list many domains).
 * Returns the number of entries written.
 */
#define XC_DOMINFO_BATCH 256
XC_PUBLIC int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domid,
		uint32_t max_doms, xc_dominfo_t *info);

/*
 * Convenience: exactly domain domid.  Returns 0, or -ESRCH when it does
 * not exist.
 */
XC_PUBLIC int xc_domain_getinfo_one(xc_interface *xch, uint32_t domid,
		xc_dominfo_t *info);

/* Set the domain's UUID.  -ESRCH. */
XC_PUBLIC int xc_domain_sethandle(xc_interface *xch, uint32_t domid,
		const xen_domain_handle_t handle);

/*
 * A domain's name, kept by the hypervisor (our deviation, see
 * <xenppc/domctl.h>): unique, printable ASCII without spaces, at most
 * XC_DOMAIN_NAME_MAX - 1 bytes; "" clears it.
 * setname errors: -EEXIST in use by another domain, -EINVAL bad name,
 *                 -ENAMETOOLONG too long.
 * getname writes the NUL-terminated name ("" if none) into buf of len
 * bytes; -ERANGE if len is too small for it.
 */
#define XC_DOMAIN_NAME_MAX XEN_DOMAIN_NAME_MAX
XC_PUBLIC int xc_domain_setname(xc_interface *xch, uint32_t domid,
		const char *name);
XC_PUBLIC int xc_domain_getname(xc_interface *xch, uint32_t domid,
		char *buf, size_t len);
/*
 * The names of up to max_doms domains with ids >= first_domid, in id
 * order, through XEN_SYSCTL_getdomainnamelist (our deviation) in batches
 * of XC_DOMINFO_BATCH: one hypercall per batch instead of one getname per
 * domain.  The domains are those xc_domain_getinfolist() lists from the
 * same id; pair the two by domid, since domains may come and go between
 * the calls.  Returns the number of entries written to names (0 when there
 * are none), or a negative errno with the last error set.
 */
typedef struct xc_domname {
	uint32_t domid;
	char name[XC_DOMAIN_NAME_MAX];   /* NUL-terminated, "" if none */
} xc_domname_t;
XC_PUBLIC int xc_domain_getnamelist(xc_interface *xch, uint32_t first_domid,
		uint32_t max_doms, xc_domname_t *names);
/*
 * Find the domain called name: stores its id in *domid and returns 0, or
 * -ESRCH if no domain has that name.  Walks the list of names.
 */
XC_PUBLIC int xc_domain_lookup_name(xc_interface *xch, const char *name,
		uint32_t *domid);

/* ---- memory ----------------------------------------------------------- */

/*
 * Set the domain's memory limit in KiB.  On PowerPC the limit sizes the
 * p2m and cannot shrink below what it once was (-EINVAL).
 */
XC_PUBLIC int xc_domain_setmaxmem(xc_interface *xch, uint32_t domid,
		uint64_t max_memkb);

/*
 * Reservation operations on nr_extents extents of 2^extent_order pages.
 * Lists longer than one descriptor allows are sent in several hypercalls.
 *  increase:  the hypervisor picks the guest frames and writes them to
 *             extent_start[0..nr_extents) (may be NULL if not wanted);
 *  decrease:  frees the guest frames listed in extent_start;
 *  populate:  fills the guest frames listed in extent_start.
 * address_bits limits machine addresses (0 = no limit).
 * Returns 0 when every extent was done.  increase and populate are all or
 * nothing: when only part was done, the library gives that part back and
 * returns -ENOMEM (no memory, or above the domain's limit) or the
 * hypervisor's error (-EBUSY: a frame is already populated, -EINVAL: a
 * frame beyond the limit).  decrease cannot be undone (freed memory is
 * scrubbed): it stops at the first frame it cannot free (-EINVAL: not
 * populated, or the RMA) and the frames listed before it are freed; the
 * message says how many.
 */
XC_PUBLIC int xc_domain_memory_increase_reservation(xc_interface *xch,
		uint32_t domid, uint64_t nr_extents, uint32_t extent_order,
		uint32_t address_bits, xen_pfn_t *extent_start);
XC_PUBLIC int xc_domain_memory_decrease_reservation(xc_interface *xch,
		uint32_t domid, uint64_t nr_extents, uint32_t extent_order,
		const xen_pfn_t *extent_start);
XC_PUBLIC int xc_domain_memory_populate_physmap(xc_interface *xch,
		uint32_t domid, uint64_t nr_extents, uint32_t extent_order,
		uint32_t address_bits, const xen_pfn_t *extent_start);

/*
 * Grow or shrink the domain's memory to target_kb (rounded up to pages):
 * grows with increase_reservation (16 MiB extents, then pages), shrinks
 * with decrease_reservation from the highest guest frames down, never
 * touching the RMA.  -EINVAL if the target is below the RMA size or above
 * the limit (xc_domain_setmaxmem); -ENOMEM if memory runs out (the domain
 * is left at its old size).
 */
XC_PUBLIC int xc_domain_set_target_memkb(xc_interface *xch, uint32_t domid,
		uint64_t target_kb);

/* Pages the domain owns now / may own (XENMEM_current/maximum_reservation). */
XC_PUBLIC int xc_domain_get_current_reservation(xc_interface *xch,
		uint32_t domid, uint64_t *pages);
XC_PUBLIC int xc_domain_get_maximum_reservation(xc_interface *xch,
		uint32_t domid, uint64_t *pages);
/*
 * XENMEM_maximum_ram_page: as in Xen, max_page, one past the highest
 * machine frame number (the machine size in pages).
 */
XC_PUBLIC int xc_maximum_ram_page(xc_interface *xch, uint64_t *mfn);

/* ---- foreign mappings ------------------------------------------------- */

/*
 * Map size bytes of domain domid's memory, from guest frame gpfn on, into
 * this process (Xen's xc_map_foreign_range; PowerPC domains are
 * translated, so the frame is a guest frame, not a machine frame).  prot is
 * PROT_READ or PROT_READ | PROT_WRITE (sys/mman.h).  Stores go straight to
 * the domain's memory: no hypercall, no copy.
 *
 * The mapping holds the pages: if the domain is destroyed or gives them
 * back meanwhile, the hypervisor keeps them out of use until they are
 * unmapped, so a mapping never reaches another domain's memory.  Release it
 * with xc_unmap_foreign_range(); closing the handle releases what is left.
 * Not for use by two threads at once on one handle.
 *
 * Returns the address, or NULL with errno set and the last error:
 *   EINVAL  size 0 or not a multiple of XEN_PAGE_SIZE, prot, domid 0 or
 *           invalid;
 *   ESRCH   no such domain;
 *   EFAULT  a page of the range is not populated;
 *   ENOSPC  too many mappings on this handle (PRIVCMD_MAX_MAPS runs);
 *   ENOMEM  no address space.
 */
XC_PUBLIC void *xc_map_foreign_range(xc_interface *xch, uint32_t domid,
		size_t size, int prot, uint64_t gpfn);

/*
 * Unmap what xc_map_foreign_range returned (the same addr and size) and
 * release its hold.  0, or -EINVAL (not a mapping of this handle: nothing
 * is touched), or a transport error (the memory is unmapped anyway; the
 * hold goes when the handle closes).
 */
XC_PUBLIC int xc_unmap_foreign_range(xc_interface *xch, void *addr,
		size_t size);

/* ---- vcpus ------------------------------------------------------------ */

/* Allow vcpus 0..max-1 (1 <= max <= MAX_VIRT_CPUS).  -EINVAL, -ESRCH. */
XC_PUBLIC int xc_domain_max_vcpus(xc_interface *xch, uint32_t domid,
		uint32_t max);

/* A PowerPC vcpu's registers (Xen 3.1's vcpu_guest_context), native order. */
typedef struct xc_vcpu_context {
	uint64_t gprs[32];
	uint64_t lr, ctr, srr0, srr1, pc, msr, fpscr, xer, hid4, dar;
	uint32_t dsisr, cr, entry_vector, pad;
	uint64_t sdr1;
} xc_vcpu_context_t;

/*
 * Set / get vcpu's register context.  Setting it brings the vcpu online;
 * setcontext with ctxt NULL resets the vcpu and takes it offline (Xen
 * 3.1's NULL context), so getcontext then fails with -ENODATA until it is
 * given a context again.  getcontext's ctxt must not be NULL (-EINVAL).
 * Errors: -ESRCH no domain, -EINVAL vcpu >= the domain's max_vcpus.
 */
XC_PUBLIC int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid,
		uint32_t vcpu, const xc_vcpu_context_t *ctxt);
XC_PUBLIC int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid,
		uint32_t vcpu, xc_vcpu_context_t *ctxt);

typedef struct xc_vcpuinfo {
	uint8_t online, blocked, running, pad;
	uint32_t cpu;            /* physical cpu it last ran on */
	uint64_t cpu_time;       /* ns */
} xc_vcpuinfo_t;
XC_PUBLIC int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid,
		uint32_t vcpu, xc_vcpuinfo_t *info);

/*
 * Pin vcpu to the physical cpus whose bits are set in cpumap (bit n =
 * cpu n, as in Xen 3.x), or read the pinning back.  -EINVAL for an empty
 * map or a bad vcpu.
 */
XC_PUBLIC int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid,
		uint32_t vcpu, uint64_t cpumap);
XC_PUBLIC int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid,
		uint32_t vcpu, uint64_t *cpumap);

/* ---- the machine ------------------------------------------------------ */

typedef struct xc_physinfo {
	uint32_t threads_per_core;
	uint32_t cores_per_socket;
	uint32_t sockets_per_node;
	uint32_t nr_nodes;
	uint32_t nr_cpus;        /* the product of the four above */
	uint32_t cpu_khz;
	uint64_t total_pages;
	uint64_t free_pages;
	uint64_t scrub_pages;
	uint32_t hw_cap[8];
} xc_physinfo_t;
XC_PUBLIC int xc_physinfo(xc_interface *xch, xc_physinfo_t *info);

/* The scheduler's XEN_SCHEDULER_* id. */
XC_PUBLIC int xc_sched_id(xc_interface *xch, uint32_t *sched_id);

/*
 * Read the hypervisor's console ring into buffer.  *pnr_chars is in/out:
 * the buffer size in, the bytes written out (not NUL-terminated).  clear
 * non-zero empties the ring after reading.
 */
XC_PUBLIC int xc_readconsolering(xc_interface *xch, char *buffer,
		uint32_t *pnr_chars, int clear);

/*
 * Write len bytes to the hypervisor console as dom0 (CONSOLEIO_write),
 * sent in pieces of XENPPC_CONSOLE_WRITE_MAX bytes.
 */
XC_PUBLIC int xc_console_write(xc_interface *xch, const char *buf,
		uint32_t len);
/*
 * Read up to len bytes of console input for dom0 (CONSOLEIO_read).
 * Returns the number of bytes read (0 if none is waiting).
 */
XC_PUBLIC int xc_console_read(xc_interface *xch, char *buf, uint32_t len);

/*
 * xen_version: cmd is a XENVER_* value.  arg must point to:
 *   XENVER_version, XENVER_pagesize   NULL; the result is the return value
 *                                     (version: major << 16 | minor)
 *   XENVER_extraversion     char[XC_EXTRAVERSION_LEN]
 *   XENVER_compile_info     xc_compile_info_t
 *   XENVER_capabilities     char[XC_CAPABILITIES_LEN]
 *   XENVER_changeset        char[XC_CHANGESET_LEN]
 *   XENVER_platform_parameters  uint64_t (virt_start)
 *   XENVER_get_features     xc_feature_info_t (submap_idx in, submap out)
 * Strings come back NUL-terminated.  Returns >= 0 on success.
 */
#define XC_EXTRAVERSION_LEN  16
#define XC_CAPABILITIES_LEN  1024
#define XC_CHANGESET_LEN     64
typedef struct xc_compile_info {
	char compiler[64];
	char compile_by[16];
	char compile_domain[32];
	char compile_date[32];
} xc_compile_info_t;
typedef struct xc_feature_info {
	uint32_t submap_idx;
	uint32_t submap;
} xc_feature_info_t;
XC_PUBLIC int xc_version(xc_interface *xch, int cmd, void *arg);

/*
 * The machine memory map (our deviation XEN_SYSCTL_memmap): every block of
 * machine memory, free or owned, in address order, and the free blocks
 * per buddy order.  *map is allocated by the library; free it with
 * xc_machine_memmap_free().  -E2BIG if the map has more regions than one
 * call can carry (XC_MEMMAP_MAX_REGIONS).
 */
typedef struct xc_memmap_region {
	uint64_t mfn;            /* first machine frame */
	uint32_t order;          /* 2^order pages */
	uint16_t kind;           /* XEN_MEMMAP_free, _rma, _extent, _gnttab or _held */
	uint16_t pad;
	uint32_t domid;          /* owner; DOMID_INVALID when free */
} xc_memmap_region_t;

typedef struct xc_machine_memmap {
	uint64_t total_pages;
	uint64_t free_pages;
	uint32_t max_order;      /* largest order in use */
	uint32_t nr_regions;
	uint64_t free_per_order[XEN_MEMMAP_MAX_ORDERS];
	xc_memmap_region_t *regions;   /* nr_regions entries */
} xc_machine_memmap_t;
#define XC_MEMMAP_MAX_REGIONS 65536
XC_PUBLIC int xc_machine_memmap(xc_interface *xch, xc_machine_memmap_t **map);
XC_PUBLIC void xc_machine_memmap_free(xc_machine_memmap_t *map);

/*
 * How many recoverable internal warnings the hypervisor has raised since
 * it started (our deviation XEN_SYSCTL_warnings); 0 in a healthy run.
 */
XC_PUBLIC int xc_warnings_count(xc_interface *xch, uint64_t *count);

/* ---- grant tables ----------------------------------------------------- */

/*
 * Give domid nr_frames grant-table frames (at most XENPPC_MAX_GRANT_FRAMES)
 * and store their frame numbers in frames[0..nr_frames) (may be NULL).
 * Grant status errors map to -EINVAL (general), -ESRCH (bad domain) and
 * -EPERM (permission denied).
 */
XC_PUBLIC int xc_gnttab_setup_table(xc_interface *xch, uint32_t domid,
		uint32_t nr_frames, uint64_t *frames);
XC_PUBLIC int xc_gnttab_query_size(xc_interface *xch, uint32_t domid,
		uint32_t *nr_frames, uint32_t *max_nr_frames);

/* ---- event channels through the control handle ----------------------- */

/*
 * Allocate an unbound port in domain dom (DOMID_SELF accepted: dom0) that
 * remote_dom may bind to; stores it in *port.
 */
XC_PUBLIC int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom,
		uint32_t remote_dom, uint32_t *port);

typedef struct xc_evtchn_status {
	uint32_t status;         /* EVTCHNSTAT_* */
	uint32_t vcpu;
	uint32_t remote_dom;     /* unbound, interdomain */
	uint32_t remote_port;    /* interdomain */
	uint32_t virq;           /* virq */
} xc_evtchn_status_t;
/* Status of port in domain dom (DOMID_SELF accepted). */
XC_PUBLIC int xc_evtchn_status(xc_interface *xch, uint32_t dom,
		uint32_t port, xc_evtchn_status_t *status);

/* ---- event channel handles -------------------------------------------- */

/*
 * An event-channel handle has its own connection to the hypervisor, so
 * its file descriptor carries only the notifications of the ports bound
 * through it: a daemon polls xc_evtchn_fd() for POLLIN and then drains
 * xc_evtchn_pending() until it returns -EAGAIN.  Ports bound through it
 * are closed when it is closed.
 */
typedef struct xc_evtchn xc_evtchn;

/* Like xc_interface_open[_rundir]: NULL with errno set on failure. */
XC_PUBLIC xc_evtchn *xc_evtchn_open(const xc_logger *logger,
		unsigned int flags);
XC_PUBLIC xc_evtchn *xc_evtchn_open_rundir(const char *rundir,
		const xc_logger *logger, unsigned int flags);
/* Accepts NULL.  Returns 0 or a negative errno (freed anyway). */
XC_PUBLIC int xc_evtchn_close(xc_evtchn *xce);
/* Its last error, as xc_get_last_error. */
XC_PUBLIC const xc_error *xc_evtchn_get_last_error(xc_evtchn *xce);

/* The descriptor to poll for POLLIN.  Do not read from it yourself. */
XC_PUBLIC int xc_evtchn_fd(xc_evtchn *xce);

/* Bind a virtual IRQ (VIRQ_DOM_EXC, ...) to a new local port. */
XC_PUBLIC int xc_evtchn_bind_virq(xc_evtchn *xce, uint32_t virq,
		uint32_t *port);
/* Connect a new local port to remote_port of domain domid. */
XC_PUBLIC int xc_evtchn_bind_interdomain(xc_evtchn *xce, uint32_t domid,
		uint32_t remote_port, uint32_t *port);
/* A new local port that domain domid may bind to. */
XC_PUBLIC int xc_evtchn_bind_unbound_port(xc_evtchn *xce, uint32_t domid,
		uint32_t *port);
/* Send a notification on port (EVTCHNOP_send). */
XC_PUBLIC int xc_evtchn_notify(xc_evtchn *xce, uint32_t port);
/* Close port (EVTCHNOP_close); queued notifications for it are dropped. */
XC_PUBLIC int xc_evtchn_unbind(xc_evtchn *xce, uint32_t port);
/* Unmask port after handling its notification (EVTCHNOP_unmask). */
XC_PUBLIC int xc_evtchn_unmask(xc_evtchn *xce, uint32_t port);

/*
 * Take one notified port, without blocking: stores it in *port and
 * returns 0, or returns -EAGAIN when none is pending.  Notifications that
 * arrived while a call on this handle was in flight are kept in a queue
 * with one entry per port (repeats merge, as Xen's pending bit does), and
 * are taken first: that is why the fd may not be readable while ports are
 * still pending, and why a poller drains until -EAGAIN.
 */
XC_PUBLIC int xc_evtchn_pending(xc_evtchn *xce, uint32_t *port);

/*
 * Wait up to timeout_ms (-1: forever) for a notification and take it as
 * xc_evtchn_pending() does.  -ETIMEDOUT if none came.
 */
XC_PUBLIC int xc_evtchn_wait(xc_evtchn *xce, int timeout_ms, uint32_t *port);

#ifdef __cplusplus
}
#endif

#endif /* LIBXC_PPC_XENCTRL_H */
