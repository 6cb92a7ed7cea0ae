/*
 * Event channel and grant table state in save streams: what the
 * hypervisor exposes about a domain (EVTCHNOP_status_list: every open port
 * in one call; the number of grant frames) and how restore recreates it.
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

/* One status_list call: entries of ports >= first into e[], their count in *n. */
static int status_list(xc_interface *xch, uint32_t domid, uint32_t first, uint64_t h,
                       uint32_t *n)
{
	struct evtchn_status_list l;
	int rc;

	memset(&l, 0, sizeof(l));
	l.dom = be16_mk((uint16_t)domid);
	l.first_port = be32_mk(first);
	l.max_ports = be32_mk(XG_SAVE_MAX_PORTS);
	l.ports = be64_mk(h);
	if ((rc = do_evtchn_op(xch, EVTCHNOP_status_list, &l, sizeof(l))) < 0)
		return rc;
	*n = be32_get(l.nr_ports);
	if (*n > XG_SAVE_MAX_PORTS)
		return xc_seterror(xch, -EPROTO, "save: the hypervisor listed %u event channels", *n);
	return 0;
}

/*
 * Every open port in one EVTCHNOP_status_list call (max_ports covers the
 * whole table, so one call always gets them all).
 */
int xg_collect_ports(xc_interface *xch, uint32_t domid, struct xg_rec_port **pp, uint32_t *np)
{
	struct xg_rec_port *p = calloc(XG_SAVE_MAX_PORTS, sizeof(*p));
	struct evtchn_status_entry *e;
	uint32_t i, n = 0;
	uint64_t h;
	int rc;

	if (p == NULL)
		return xc_seterror(xch, -ENOMEM, "save: out of memory for event channels");
	if ((e = xc_hypercall_buffer_alloc(xch, XG_SAVE_MAX_PORTS * sizeof(*e), &h)) == NULL) {
		free(p);
		return -xch->last_error.code;
	}
	rc = status_list(xch, domid, 1, h, &n);
	for (i = 0; rc == 0 && i < n; i++) {
		p[i].port = be32_get(e[i].port);
		p[i].status = be32_get(e[i].status);
		p[i].vcpu = be32_get(e[i].vcpu);
		p[i].remote_dom = be16_get(e[i].remote_dom);
		p[i].remote_port = be32_get(e[i].remote_port);
		p[i].virq = be32_get(e[i].virq);
		if (p[i].port == 0 || p[i].port >= XG_SAVE_MAX_PORTS || (i > 0 && p[i].port <= p[i - 1].port))
			rc = xc_seterror(xch, -EPROTO, "save: the hypervisor listed event channel %u out of"
			                 " order", p[i].port);
	}
	xc_hypercall_buffer_free(xch, e);
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
