/*
 * libxc-ppc guest functions: a domain's guest-physical memory, the
 * PowerPC domain builder, and save/restore.
 *
 * Installed as <xenppc/xenguest.h>; include it after (or instead of)
 * <xenctrl.h>.  The conventions of <xenctrl.h> hold here too: functions
 * return 0 (or a documented count) or a NEGATIVE errno; the same code and a
 * one-line message naming the problem are kept as the handle's last error
 * (xc_get_last_error); nothing prints or aborts; every free function
 * accepts NULL.
 *
 * Guest memory moves two ways.  The xc_guest_memory_* calls go through
 * XEN_DOMCTL_memcopy in chunks of at most XEN_MEMCOPY_MAX_BYTES, bounced
 * through the connection's window (the hypervisor skips holes and zero
 * pages for them).  The builder, save and restore, which move megabytes,
 * go through held spans of machine memory (the holds of
 * xc_map_foreign_range in <xenctrl.h>), as Xen's do through foreign
 * mappings.
 */
#ifndef LIBXC_PPC_XENGUEST_H
#define LIBXC_PPC_XENGUEST_H

#include <stddef.h>
#include <stdint.h>

#include "xenctrl.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- guest-physical memory -------------------------------------------- */

/*
 * Copy len bytes between buf and domid's guest-physical memory at gpaddr.
 * Any length and alignment; the range must lie in memory the domain owns.
 * Errors: -EFAULT part of the range is not populated (nothing after the
 * failing chunk is copied), -ESRCH no such domain.
 */
XC_PUBLIC int xc_guest_memory_read(xc_interface *xch, uint32_t domid,
		uint64_t gpaddr, void *buf, size_t len);
XC_PUBLIC int xc_guest_memory_write(xc_interface *xch, uint32_t domid,
		uint64_t gpaddr, const void *buf, size_t len);
/* Fill len bytes at gpaddr with zeros (same errors). */
XC_PUBLIC int xc_guest_memory_zero(xc_interface *xch, uint32_t domid,
		uint64_t gpaddr, size_t len);

/*
 * Read whole pages, skipping all-zero ones: gpaddr and len are multiples
 * of XEN_PAGE_SIZE.  zero_map (len / XEN_PAGE_SIZE bits, LSB first within
 * each byte, at least (pages + 7) / 8 bytes) gets bit i set when page i
 * is all zero; those pages of buf are NOT written.  Returns the number of
 * non-zero pages.  -EINVAL for unaligned arguments.
 */
XC_PUBLIC int64_t xc_guest_memory_read_nonzero(xc_interface *xch,
		uint32_t domid, uint64_t gpaddr, void *buf, size_t len,
		uint8_t *zero_map);

/* One block of a domain's memory: 2^order pages at gpfn, machine mfn. */
typedef struct xc_guest_extent {
	uint64_t gpfn;
	uint64_t mfn;
	uint32_t order;
	uint32_t pad;
} xc_guest_extent_t;

/*
 * A domain's memory map: its Real Mode Area (guest-physical 0, 2^rma_log
 * bytes) and the extents after it, in guest-physical order.
 */
typedef struct xc_guest_memmap {
	uint64_t rma_mfn;
	uint32_t rma_log;            /* log2 of the RMA size in bytes */
	uint32_t nr_extents;
	uint64_t total_bytes;        /* RMA + extents */
	uint64_t end_gpaddr;         /* one past the highest guest byte */
	xc_guest_extent_t extents[]; /* nr_extents */
} xc_guest_memmap_t;

/* Extents one map may hold: 2^16 16-MiB extents is 1 TiB of guest memory. */
#define XC_GUEST_MAX_EXTENTS 65536U

/*
 * Fetch the memory map (XEN_DOMCTL_getmemmap) into a new *map; free it
 * with xc_guest_memmap_free().  -E2BIG above XC_GUEST_MAX_EXTENTS.
 */
XC_PUBLIC int xc_guest_memmap(xc_interface *xch, uint32_t domid,
		xc_guest_memmap_t **map);
XC_PUBLIC void xc_guest_memmap_free(xc_guest_memmap_t *map);

/* MFN of an unpopulated guest frame in the p2m. */
#define XC_INVALID_MFN UINT64_MAX
/*
 * The p2m (XEN_DOMCTL_getmemlist): mfns[i] = machine frame of guest frame
 * start_pfn + i, XC_INVALID_MFN where unpopulated, for up to max_pfns
 * frames.  Returns the number of entries written (fewer at the end of the
 * domain's p2m).
 */
XC_PUBLIC int64_t xc_guest_p2m(xc_interface *xch, uint32_t domid,
		uint64_t start_pfn, uint64_t max_pfns, uint64_t *mfns);

/*
 * Give a created domain (which has its RMA) mem_bytes of memory in all:
 * raise its limit (xc_domain_setmaxmem) if needed and populate the
 * rest after the RMA as naturally aligned 2^XENPPC_EXTENT_ORDER-page
 * extents at gpfn rma_pages + i * 4096, the remainder in smaller
 * power-of-two extents.  mem_bytes is rounded up to a page.
 * Errors: -EINVAL mem_bytes below the RMA size, -ENOMEM out of memory
 * (extents populated by this call are given back), -EBUSY the domain
 * already has memory after its RMA.
 */
XC_PUBLIC int xc_ppc_populate(xc_interface *xch, uint32_t domid,
		uint64_t mem_bytes);

/* ---- the domain builder ----------------------------------------------- */

/* Longest kernel command line, NUL excluded (Xen: MAX_GUEST_CMDLINE). */
#define XC_PPC_CMDLINE_MAX 1023U
/*
 * Largest kernel or initrd file, and largest gunzipped image: guards
 * against decompression bombs.  An image must also fit in the RMA, so the
 * effective cap is the smaller of this and the RMA size.
 */
#define XC_PPC_IMAGE_MAX_BYTES (256ULL << 20)

/* Where the builder put things (guest-physical byte addresses). */
typedef struct xc_ppc_layout {
	uint64_t rma_bytes;
	uint64_t mem_bytes;          /* end of guest memory */
	uint64_t kernel_start, kernel_end;   /* loaded segments, bss included */
	uint64_t entry;              /* vcpu 0's pc */
	uint64_t initrd_start, initrd_end;   /* both 0 without an initrd */
	uint64_t fdt_start, fdt_size;
	uint64_t store_gpa, console_gpa, shared_info_gpa;
	uint64_t kernel_bytes;       /* the ELF file after gunzip */
	uint64_t initrd_bytes;       /* the initrd after gunzip */
	uint64_t decompress_ns;      /* time spent gunzipping (0: none) */
	int entry_was_fdesc;         /* entry came through an .opd descriptor */
	int pad;
} xc_ppc_layout_t;

/*
 * What to build.  The kernel is given either as bytes (kernel, kernel_len)
 * or as a file (kernel_path); likewise the optional initrd.  Both may be
 * gzip-compressed.
 */
typedef struct xc_ppc_build_args {
	const char *kernel_path;
	const void *kernel;
	size_t kernel_len;
	const char *initrd_path;     /* NULL and initrd NULL: no initrd */
	const void *initrd;
	size_t initrd_len;
	const char *cmdline;         /* NULL: empty */
	uint32_t nr_vcpus;           /* 0: the domain's max_vcpus */
	uint32_t console_evtchn;     /* ports the guest's console and store use */
	uint32_t store_evtchn;
	xc_ppc_layout_t *layout;     /* optional out */
} xc_ppc_build_args_t;

/*
 * Build domain domid, which must exist, be paused and have its memory
 * (xc_domain_create, xc_ppc_populate):
 *  - load the ELF64 big-endian PowerPC kernel (EM_PPC64, ET_EXEC or ET_DYN)
 *    at its physical addresses (ET_DYN at 0), zero its bss;
 *  - place the initrd after it, page aligned, then the flattened device
 *    tree (/chosen, /memory, /cpus, /xen: see libxc-ppc/xg_fdt.c), and
 *    clear the store and console pages below the shared_info page;
 *  - set vcpu 0's context: pc = entry (following an ELFv1 .opd
 *    descriptor), r3 = device tree, r4 = kernel start, MSR = 64-bit real
 *    mode (SF set, IR and DR clear).
 * Every check is made before guest memory is touched, so a bad image
 * leaves the domain unbuilt.  Errors, with the last error naming the
 * problem:
 *   -ENOEXEC not ELF, wrong class, byte order or machine, truncated file or
 *            segment, overlapping segments, entry outside the kernel,
 *            corrupt or truncated gzip;
 *   -EFBIG   gzip expanding past the cap, or a file larger than
 *            XC_PPC_IMAGE_MAX_BYTES;
 *   -ENOSPC  a segment outside the RMA or beyond the domain's memory, an
 *            initrd or device tree that does not fit in the RMA;
 *   -E2BIG   command line longer than XC_PPC_CMDLINE_MAX;
 *   -EINVAL  bad arguments (no kernel, both bytes and a path, vcpus),
 *            or the domain has no vcpu 0 (call xc_domain_max_vcpus first);
 *   -ENOENT/-EACCES/... a file could not be read.
 */
XC_PUBLIC int xc_ppc_build(xc_interface *xch, uint32_t domid,
		const xc_ppc_build_args_t *args);

/* ---- save and restore ------------------------------------------------- */

/*
 * Progress: done and total are bytes of guest memory processed and to
 * process.  Return 0 to go on, non-zero to cancel (-ECANCELED).
 */
typedef int (*xc_save_progress_fn)(void *arg, uint64_t done, uint64_t total);

/* xc_domain_save flags. */
/*
 * Page batches are stored raw unless XC_SAVE_COMPRESS asks for zlib, as
 * Xen's save writes raw pages: on the save-restore bench zlib makes a
 * save about 8x slower (deflate is the floor) for a stream 3-4x smaller,
 * which pays only when the stream goes to something slower than ~100 MB/s.
 * Bit 1 was XC_SAVE_NO_COMPRESS while compressing was the default; it is
 * refused (-EINVAL) so that an old caller does not get the opposite.
 */
#define XC_SAVE_DESTROY     (1U << 0)  /* destroy the domain after a good save */
#define XC_SAVE_COMPRESS    (1U << 2)  /* compress page batches with zlib */
#define XC_SAVE_FLAGS_ALL   (XC_SAVE_DESTROY | XC_SAVE_COMPRESS)

/*
 * Write domain domid to fd as a save stream (libxc-ppc/SAVE-FORMAT.md).
 * The domain is paused while it is saved; afterwards it is destroyed
 * (XC_SAVE_DESTROY) or left paused.  progress may be NULL.  On failure
 * the domain goes back to the state it had (unpaused if it was running)
 * and the stream is incomplete (it has no END record, so restore rejects
 * it).  Two helper threads (compress and) write fd while the calling thread
 * reads memory (they are joined before it returns); progress is called on
 * the calling thread.  fd may be written with writev.
 * Errors: -EIO/-EPIPE/... writing fd, -ECANCELED from progress,
 *         -ESRCH, -EINVAL unknown flags.
 */
XC_PUBLIC int xc_domain_save(xc_interface *xch, int fd, uint32_t domid,
		uint32_t flags, xc_save_progress_fn progress, void *arg);

/* xc_domain_restore flags. */
#define XC_RESTORE_NO_NAME  (1U << 0)  /* do not give the domain the saved name */
#define XC_RESTORE_NEW_UUID (1U << 1)  /* keep a zero UUID instead of the saved one */
#define XC_RESTORE_FLAGS_ALL (XC_RESTORE_NO_NAME | XC_RESTORE_NEW_UUID)

/*
 * Read a save stream from fd and create a new domain from it; its id goes
 * to *new_domid.  The domain is left paused.  Every record is checked
 * (sizes against named limits, counts against the domain's memory, the
 * CRC32 of the whole stream) before it is trusted; on any failure the new
 * domain is destroyed and nothing is left behind.  A helper thread reads
 * fd while the calling thread writes memory (joined before it returns);
 * progress is called on the calling thread.
 * Errors: -EPROTO corrupt stream (bad magic, record, count or CRC),
 *         -EPROTONOSUPPORT a stream version we do not read,
 *         -EFBIG a record or size above its limit,
 *         -ENODATA truncated stream, -EEXIST the saved name is taken
 *         (use XC_RESTORE_NO_NAME), -ENOMEM, errors reading fd.
 */
XC_PUBLIC int xc_domain_restore(xc_interface *xch, int fd,
		uint32_t *new_domid, uint32_t flags,
		xc_save_progress_fn progress, void *arg);

#ifdef __cplusplus
}
#endif

#endif /* LIBXC_PPC_XENGUEST_H */
