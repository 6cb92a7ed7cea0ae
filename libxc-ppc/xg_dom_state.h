/* Event channel state for save/restore (see xg_dom_state.c). */
#ifndef XG_DOM_STATE_H
#define XG_DOM_STATE_H

#include "xg_private.h"
#include "xg_stream.h"

/* Every non-closed port of domid; *pp is malloc()ed. */
int xg_collect_ports(xc_interface *xch, uint32_t domid, struct xg_rec_port **pp, uint32_t *np);
/* Recreate the remote-facing ports in a fresh domain at their numbers. */
int xg_recreate_ports(xc_interface *xch, uint32_t domid, const struct xg_rec_port *p, uint32_t n);

#endif /* XG_DOM_STATE_H */
