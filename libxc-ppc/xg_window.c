/* Windows onto a domain for save (xg_window.h). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <sys/mman.h>

#include "xg_window.h"

int xg_window_open(xc_interface *xch, uint32_t domid, uint64_t gpfn, uint64_t pages,
		   int writable, struct xg_window *w)
{
	int rc = writable ? xc_foreign_span_hold(xch, domid, gpfn, pages, &w->span)
	                  : xc_foreign_span_hold_ro(xch, domid, gpfn, pages, &w->span);

	if (rc < 0)
		return rc;
	rc = xc_foreign_view_map(&w->span, gpfn, pages,
	                         writable ? PROT_READ | PROT_WRITE : PROT_READ, &w->view);
	if (rc < 0) {
		xc_foreign_span_release(xch, &w->span);
		return xc_seterror(xch, rc, "cannot map gpfn 0x%" PRIx64 " of domain %u: %s",
		                   gpfn, domid, xc_strerror(xch, rc));
	}
	return 0;
}

void xg_window_close(xc_interface *xch, struct xg_window *w)
{
	xc_foreign_view_unmap(&w->view);      /* before the hold goes */
	xc_foreign_span_release(xch, &w->span);
}
