/*
 * EVTCHNOP_status: any domain's port for dom0, the caller's own otherwise.
 * A port number beyond the table is -EINVAL; a free one reports closed.
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"

int64_t evtchn_status_op(struct hv_call *c);

int64_t evtchn_status_op(struct hv_call *c)
{
	struct evtchn_status s;
	const struct evtchn *ch;
	struct domain *d;

	if (hv_copy_from(c, &s, c->arg[1], 0, sizeof(s)) != 0)
		return -EFAULT;
	uint32_t dom = be16_get(s.dom), port = be32_get(s.port);
	if (dom != DOMID_SELF && c->caller->id != 0)
		return -EPERM;
	d = domain_get(c->hv, hcall_resolve_domid(c, dom));
	if (!d)
		return -ESRCH;
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
