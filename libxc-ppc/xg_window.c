/* Windows onto a domain for save (xg_window.h). */
#include "config.h"

#include "xg_window.h"

int xg_window_open(xc_interface *xch, uint32_t domid, uint64_t gpfn, uint64_t pages,
		   struct xg_window *w)
{
	return xc_foreign_span_hold_ro(xch, domid, gpfn, pages, &w->span);
}

void xg_window_close(xc_interface *xch, struct xg_window *w)
{
	xc_foreign_span_release(xch, &w->span);
}
