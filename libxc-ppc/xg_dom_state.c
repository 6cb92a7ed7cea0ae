/*
 * Event channel and grant table state in save streams: what the
 * hypervisor exposes about a domain (EVTCHNOP_status per port, the number
 * of grant frames) and how restore recreates it.
 *
 * Ports whose far end is another domain (unbound, interdomain) are
 * recreated as unbound ports toward that domain, at the same numbers, so
 * the backends in that domain can bind them again, as after a Xen
 * suspend/resume.  Ports the guest bound itself (virq, ipi, pirq) are
 * recorded but left to the guest, which rebinds them when it resumes.
 * Grant frames are recreated by count; their contents live in the
 * hypervisor and are not exposed, so a resumed guest re-grants.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xg_dom_state.h"

int xg_collect_ports(xc_interface *xch, uint32_t domid, struct xg_rec_port **pp, uint32_t *np)
{
	struct xg_rec_port *p = calloc(XG_SAVE_MAX_PORTS, sizeof(*p));
	xc_evtchn_status_t st;
	uint32_t port, n = 0;
	int rc = 0;

	if (p == NULL)
		return xc_seterror(xch, -ENOMEM, "save: out of memory for event channels");
	/* Port 0 is never valid (Xen reserves it). */
	for (port = 1; port < XG_SAVE_MAX_PORTS; port++) {
		if ((rc = xc_evtchn_status(xch, domid, port, &st)) < 0)
			break;
		if (st.status == EVTCHNSTAT_closed)
			continue;
		p[n].port = port;
		p[n].status = st.status;
		p[n].vcpu = st.vcpu;
		p[n].remote_dom = st.remote_dom;
		p[n].remote_port = st.remote_port;
		p[n].virq = st.virq;
		n++;
	}
	if (rc < 0) {
		free(p);
		return rc;
	}
	*pp = p;
	*np = n;
	return 0;
}

/*
 * Ports are handed out lowest-free first, so in the fresh domain the next
 * one is predictable: fill gaps before the saved number with unbound ports
 * toward the domain itself (harmless: only the domain could bind them),
 * then allocate the saved port toward its remote domain.
 */
static int recreate_one(xc_interface *xch, uint32_t domid, const struct xg_rec_port *p,
                        uint32_t *next)
{
	uint32_t got;
	int rc;

	while (*next < p->port) {
		if ((rc = xc_evtchn_alloc_unbound(xch, domid, domid, &got)) < 0)
			return rc;
		*next = got + 1;
	}
	if ((rc = xc_evtchn_alloc_unbound(xch, domid, p->remote_dom, &got)) < 0)
		return rc;
	if (got != p->port)
		return xc_seterror(xch, -EPROTO, "restore: event channel %u came back as port %u",
		                   p->port, got);
	*next = got + 1;
	return 0;
}

int xg_recreate_ports(xc_interface *xch, uint32_t domid, const struct xg_rec_port *p, uint32_t n)
{
	uint32_t i, next = 1;
	int rc;

	for (i = 0; i < n; i++) {
		if (p[i].status != EVTCHNSTAT_unbound && p[i].status != EVTCHNSTAT_interdomain)
			continue;
		if ((rc = recreate_one(xch, domid, &p[i], &next)) < 0)
			return rc;
	}
	return 0;
}
