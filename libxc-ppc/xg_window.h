/*
 * Windows onto a domain for save: a part of one region (the RMA or an
 * extent), at most XG_WINDOW_PAGES, held and mapped (xc_foreign_span_hold*,
 * xc_foreign_view_map).  The caller's thread opens and closes them (holds
 * are hypercalls); batches of pages in flight on other threads point into
 * one, counted in in_flight under the pipe's lock (xg_stream_pipe.h), and
 * two take turns, so the next part is opened while batches of the last are
 * still being read and written, and a window is closed only once nothing
 * points into it.  (Restore holds one region at a time and writes with
 * pwrite: a second writer through a mapping did not pay, see
 * xg_restore_pages.c.)
 */
#ifndef XG_WINDOW_H
#define XG_WINDOW_H

#include "xg_private.h"

/* Pages a window holds and maps: few munmaps, and room in a 32-bit process. */
#define XG_WINDOW_PAGES ((64U << 20) / XEN_PAGE_SIZE)

struct xg_window {
	struct xc_foreign_span span;
	struct xc_foreign_view view;
	unsigned in_flight;          /* batches pointing into it (pipe lock) */
};

/*
 * Hold [gpfn, gpfn + pages) of domid (writable or not) and map it: 0, or a
 * negative errno with the last error set (nothing is held then).
 */
int xg_window_open(xc_interface *xch, uint32_t domid, uint64_t gpfn, uint64_t pages,
		int writable, struct xg_window *w);
/* Unmap and release (a closed or zeroed window is left alone). */
void xg_window_close(xc_interface *xch, struct xg_window *w);

#endif /* XG_WINDOW_H */
