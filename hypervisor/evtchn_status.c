/*
 * EVTCHNOP_status: any domain's port for dom0, the caller's own otherwise.
 * A port number beyond the table is -EINVAL; a free one reports closed.
 * EVTCHNOP_status_list (deviation, event_channel.h): the same answers for
 * every open port from first_port on, in one call.
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"

int64_t evtchn_status_op(struct hv_call *c);
int64_t evtchn_status_list_op(struct hv_call *c);

/* The domain a status query names, or NULL with *err set. */
static struct domain *status_domain(struct hv_call *c, uint32_t dom, int64_t *err)
{
	struct domain *d;

	*err = 0;
	if (dom != DOMID_SELF && c->caller->id != 0) {
		*err = -EPERM;
		return NULL;
	}
	d = domain_get(c->hv, hcall_resolve_domid(c, dom));
	if (!d)
		*err = -ESRCH;
	return d;
}

int64_t evtchn_status_op(struct hv_call *c)
{
	struct evtchn_status s;
	const struct evtchn *ch;
	struct domain *d;
	int64_t err;

	if (hv_copy_from(c, &s, c->arg[1], 0, sizeof(s)) != 0)
		return -EFAULT;
	uint32_t port = be32_get(s.port);
	if (!(d = status_domain(c, be16_get(s.dom), &err)))
		return err;
	if (port == 0 || port >= XENPPC_NR_EVENT_CHANNELS)
		return -EINVAL;
	ch = evtchn_port(d, port);
	memset(&s.u, 0, sizeof(s.u));
	s.status = be32_mk(ch ? ch->state : EVTCHNSTAT_closed);
	s.vcpu = be32_mk(ch ? ch->vcpu : 0);
	if (ch && ch->state == EVTCHNSTAT_unbound) {
		s.u.unbound_remote_dom = be16_mk(ch->remote_dom);
	} else if (ch && ch->state == EVTCHNSTAT_interdomain) {
		s.u.interdomain.dom = be16_mk(ch->remote_dom);
		s.u.interdomain.port = be32_mk(ch->remote_port);
	} else if (ch && ch->state == EVTCHNSTAT_virq) {
		s.u.virq = be32_mk(ch->virq);
	}
	return hv_copy_to(c, c->arg[1], 0, &s, sizeof(s));
}

static void fill_entry(struct evtchn_status_entry *e, uint32_t port, const struct evtchn *ch)
{
	memset(e, 0, sizeof(*e));
	e->port = be32_mk(port);
	e->status = be32_mk(ch->state);
	e->vcpu = be32_mk(ch->vcpu);
	if (ch->state == EVTCHNSTAT_unbound || ch->state == EVTCHNSTAT_interdomain)
		e->remote_dom = be16_mk(ch->remote_dom);
	if (ch->state == EVTCHNSTAT_interdomain)
		e->remote_port = be32_mk(ch->remote_port);
	if (ch->state == EVTCHNSTAT_virq)
		e->virq = be32_mk(ch->virq);
}

int64_t evtchn_status_list_op(struct hv_call *c)
{
	struct evtchn_status_list l;
	struct evtchn_status_entry e[XENPPC_NR_EVENT_CHANNELS];
	struct domain *d;
	uint32_t port, max, n = 0;
	int64_t err;

	if (hv_copy_from(c, &l, c->arg[1], 0, sizeof(l)) != 0)
		return -EFAULT;
	port = be32_get(l.first_port);
	max = be32_get(l.max_ports);
	if (!(d = status_domain(c, be16_get(l.dom), &err)))
		return err;
	if (port > XENPPC_NR_EVENT_CHANNELS || max > XENPPC_NR_EVENT_CHANNELS)
		return -EINVAL;
	for (port = port ? port : 1; port < XENPPC_NR_EVENT_CHANNELS && n < max; port++) {
		const struct evtchn *ch = evtchn_port(d, port);
		if (ch && ch->state != EVTCHNSTAT_closed)
			fill_entry(&e[n++], port, ch);
	}
	if (n > 0 && hv_copy_to(c, be64_get(l.ports), 0, e, (uint64_t)n * sizeof(e[0])) != 0)
		return -EFAULT;
	l.nr_ports = be32_mk(n);
	return hv_copy_to(c, c->arg[1], 0, &l, sizeof(l));
}
