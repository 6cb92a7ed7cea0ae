/*
 * libxencomm: build and walk xencomm descriptors (ARCHITECTURE D1, D4).
 *
 * The builder runs in tools: it describes a buffer that lies inside a
 * physically addressed window (a host mapping plus the guest-physical
 * address of its first byte) and returns the 64-bit guest handle to pass in
 * a hypercall.  The walker runs in the hypervisor: it copies bytes to and
 * from guest memory through a handle, translating each guest-physical page
 * of the caller with a callback, and trusts nothing in the descriptor.
 *
 * No function prints, aborts, or keeps global state, so every function is
 * safe to call from several threads at once.  Errors are negative errno
 * values (Linux numbering, which is Xen's).  A copy uses about 8 KiB of
 * stack (its plan of host spans).
 */
#ifndef LIBXENCOMM_XENCOMM_H
#define LIBXENCOMM_XENCOMM_H

#include <stddef.h>
#include <stdint.h>
#include <xenppc/xencomm.h>

/* ---- builder ---------------------------------------------------------- */

/* A window of guest-physical memory mapped into the tool. */
struct xencomm_window {
	uint8_t *host;          /* host address of the window's first byte */
	uint64_t gpa;           /* guest-physical address of that byte (page aligned) */
	uint64_t size;          /* bytes, a multiple of XEN_PAGE_SIZE */
};

/*
 * Number of descriptor entries (pages touched) for len bytes at guest-physical
 * address gpa.  0 when len is 0.
 */
uint32_t xencomm_nr_pages(uint64_t gpa, uint64_t len);

/* Bytes a descriptor with nr_addrs entries occupies. */
size_t xencomm_desc_size(uint32_t nr_addrs);

/*
 * Describe buf[0..len) (inside window w) with a descriptor written at desc
 * (also inside w, XENCOMM_DESC_ALIGN-aligned, with room bytes available,
 * not crossing a page).  On success stores the handle in *handle and
 * returns 0.  A zero-length buffer gives the NULL handle 0 and writes
 * nothing.
 * Errors: -EINVAL  w or handle NULL (or buf/desc NULL with len > 0),
 *                  w malformed (gpa or size not page aligned, reaching
 *                  XENCOMM_INLINE_FLAG), buf or desc outside the window,
 *                  desc misaligned (guest-physical or host address),
 *                  crossing a page, or overlapping buf;
 *         -E2BIG   the buffer spans more than XENCOMM_MAX_ADDRS pages
 *                  (split the transfer, see XENCOMM_MAX_BYTES);
 *         -ENOSPC  room is too small for the descriptor.
 */
int xencomm_build(const struct xencomm_window *w, const void *buf, uint64_t len,
                  void *desc, size_t room, uint64_t *handle);

/* The inline handle of a buffer contiguous in guest-physical memory. */
uint64_t xencomm_inline_handle(uint64_t gpa);

/* ---- walker ----------------------------------------------------------- */

/*
 * Translate the caller's guest-physical page at gpa (page aligned) to the
 * host address of that page, or NULL if the caller does not own the page.
 * write is non-zero when the walker will store into the page.
 */
typedef uint8_t *(*xencomm_xlate_fn)(void *ctx, uint64_t gpa, int write);

struct xencomm_guest {
	xencomm_xlate_fn xlate;
	void *ctx;
};

/*
 * Copy len bytes, starting offset bytes into the buffer the handle
 * describes, out of guest memory into dst (copy_from) or from src into guest
 * memory (copy_to).  The whole range is validated before any byte moves, so
 * a failed call has copied nothing.  len 0 succeeds and touches nothing.
 * Only the pages the range touches are translated (with write set for
 * copy_to); INVALID entries are skipped; a descriptor whose entries are all
 * INVALID (or none) is a NULL handle.  Entry i describes the bytes from its
 * address to the end of its page.  The descriptor's header and each entry
 * are read once, so a guest rewriting them concurrently cannot make the
 * walker step outside the pages it translated.
 * Inline handles describe [gpa, 2^63); a range of more than
 * XENCOMM_MAX_ADDRS + 1 pages is checked whole first, then translated
 * again while copying (a translation failing only then gives -EFAULT with
 * part of the bytes copied).
 * Errors: -EINVAL    g or its xlate NULL, or dst/src NULL with len > 0;
 *         -EFAULT    NULL handle, or a page the caller does not own;
 *         -EINVAL    bad magic, descriptor misaligned or crossing its page;
 *         -E2BIG     nr_addrs above XENCOMM_MAX_ADDRS;
 *         -EOVERFLOW offset + len overflows 64 bits;
 *         -ERANGE    offset + len beyond the bytes the handle describes.
 */
int xencomm_copy_from_guest(const struct xencomm_guest *g, void *dst,
                            uint64_t handle, uint64_t offset, uint64_t len);
int xencomm_copy_to_guest(const struct xencomm_guest *g, uint64_t handle,
                          uint64_t offset, const void *src, uint64_t len);

/*
 * Bytes the handle describes (the sum of its chunks), or a negative errno
 * as above.  Unlike a copy it translates every entry's page, so it is the
 * "does the caller own all of it" check.  An inline handle describes an unbounded contiguous buffer and
 * returns INT64_MAX.
 */
int64_t xencomm_handle_bytes(const struct xencomm_guest *g, uint64_t handle);

#endif /* LIBXENCOMM_XENCOMM_H */
