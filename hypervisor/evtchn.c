/*
 * event_channel_op (hypercall 32): arg0 = EVTCHNOP_*, arg1 = handle.
 * Xen 3.1 semantics over the tables of evtchn_table.c, with two rules of
 * our own for dom0, whose "kernel" is every privcmd connection at once:
 *  - a dom0 port belongs to the connection that allocated or bound it;
 *    close, send and unmask from another connection are -EPERM, and the
 *    port is closed when its connection goes;
 *  - a virq may be bound once per connection (Xen: once per vcpu), so the
 *    daemon and a CLI can both watch VIRQ_DOM_EXC.  Only vcpu 0 takes
 *    global virqs (-EINVAL otherwise, as Xen).
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"

/* The caller's own port, checked for the connection rule above. */
static int own_port(struct hv_call *c, uint32_t port, struct evtchn **out)
{
	struct evtchn *ch = evtchn_port(c->caller, port);

	if (!ch || ch->state == EVTCHNSTAT_closed)
		return -EINVAL;
	if (ch->owner && ch->owner != c->owner)
		return -EPERM;
	*out = ch;
	return 0;
}

/* A new port of d; dom0's belong to the calling connection. */
static int new_port(struct hv_call *c, struct domain *d, struct evtchn **out)
{
	int port = evtchn_alloc_port(d);

	if (port < 0)
		return port;
	*out = evtchn_port(d, (uint32_t)port);
	memset(*out, 0, sizeof(**out));
	if (d == c->caller)
		(*out)->owner = c->owner;
	return port;
}

static int64_t ev_alloc_unbound(struct hv_call *c)
{
	struct evtchn_alloc_unbound a;
	struct evtchn *ch;
	struct domain *d;
	int port;

	if (hv_copy_from(c, &a, c->arg[1], 0, sizeof(a)) != 0)
		return -EFAULT;
	uint32_t dom = be16_get(a.dom), rdom = hcall_resolve_domid(c, be16_get(a.remote_dom));
	if (dom != DOMID_SELF && c->caller->id != 0)
		return -EPERM;
	d = domain_get(c->hv, hcall_resolve_domid(c, dom));
	if (!d)
		return -ESRCH;
	port = new_port(c, d, &ch);
	if (port < 0)
		return port;
	ch->state = EVTCHNSTAT_unbound;
	ch->remote_dom = (uint16_t)rdom;
	a.port = be32_mk((uint32_t)port);
	if (hv_copy_to(c, c->arg[1], 0, &a, sizeof(a)) != 0) {
		evtchn_close_port(c->hv, d, (uint32_t)port);
		return -EFAULT;
	}
	return 0;
}

static int64_t ev_bind_interdomain(struct hv_call *c)
{
	struct evtchn_bind_interdomain b;
	struct evtchn *lch, *rch;
	struct domain *rd;
	int lport;

	if (hv_copy_from(c, &b, c->arg[1], 0, sizeof(b)) != 0)
		return -EFAULT;
	rd = domain_get(c->hv, hcall_resolve_domid(c, be16_get(b.remote_dom)));
	if (!rd)
		return -ESRCH;
	uint32_t rport = be32_get(b.remote_port);
	rch = evtchn_port(rd, rport);
	if (!rch || rch->state != EVTCHNSTAT_unbound || rch->remote_dom != c->caller->id)
		return -EINVAL;
	lport = new_port(c, c->caller, &lch);
	if (lport < 0)
		return lport;
	rch = evtchn_port(rd, rport);   /* the table may have grown a bucket */
	*lch = (struct evtchn){ .state = EVTCHNSTAT_interdomain, .remote_dom = rd->id,
	                        .remote_port = rport, .owner = lch->owner };
	rch->state = EVTCHNSTAT_interdomain;
	rch->remote_dom = c->caller->id;
	rch->remote_port = (uint32_t)lport;
	b.local_port = be32_mk((uint32_t)lport);
	if (hv_copy_to(c, c->arg[1], 0, &b, sizeof(b)) != 0) {
		evtchn_close_port(c->hv, c->caller, (uint32_t)lport);
		return -EFAULT;
	}
	/* Xen: notifications sent to the unbound port may be lost; raise one. */
	evtchn_set_pending(c->hv, c->caller, (uint32_t)lport);
	return 0;
}

static int virq_bound(const struct hv_call *c, uint32_t virq, uint32_t vcpu)
{
	for (uint32_t p = 1; p < XENPPC_NR_EVENT_CHANNELS; p++) {
		const struct evtchn *ch = evtchn_port(c->caller, p);
		if (ch && ch->state == EVTCHNSTAT_virq && ch->virq == virq &&
		    ch->vcpu == vcpu && ch->owner == c->owner)
			return 1;
	}
	return 0;
}

static int64_t ev_bind_virq(struct hv_call *c)
{
	struct evtchn_bind_virq b;
	struct evtchn *ch;
	int port;

	if (hv_copy_from(c, &b, c->arg[1], 0, sizeof(b)) != 0)
		return -EFAULT;
	uint32_t virq = be32_get(b.virq), vcpu = be32_get(b.vcpu);
	if (virq >= NR_VIRQS || vcpu != 0)
		return -EINVAL;      /* global virqs live on vcpu 0 */
	if (vcpu >= c->caller->max_vcpus)
		return -ENOENT;
	if (virq_bound(c, virq, vcpu))
		return -EEXIST;
	port = new_port(c, c->caller, &ch);
	if (port < 0)
		return port;
	ch->state = EVTCHNSTAT_virq;
	ch->virq = virq;
	ch->vcpu = vcpu;
	b.port = be32_mk((uint32_t)port);
	if (hv_copy_to(c, c->arg[1], 0, &b, sizeof(b)) != 0) {
		evtchn_close_port(c->hv, c->caller, (uint32_t)port);
		return -EFAULT;
	}
	return 0;
}

static int64_t ev_port_op(struct hv_call *c)
{
	struct evtchn_port_arg a;
	struct evtchn *ch;
	int r;

	if (hv_copy_from(c, &a, c->arg[1], 0, sizeof(a)) != 0)
		return -EFAULT;
	uint32_t port = be32_get(a.port);
	r = own_port(c, port, &ch);
	if (r != 0)
		return r;
	switch (c->arg[0]) {
	case EVTCHNOP_close:
		evtchn_close_port(c->hv, c->caller, port);
		return 0;
	case EVTCHNOP_unmask:
		ch->masked = false;
		if (ch->pending)
			evtchn_set_pending(c->hv, c->caller, port);
		return 0;
	default:                     /* EVTCHNOP_send */
		if (ch->state == EVTCHNSTAT_interdomain)
			evtchn_set_pending(c->hv, domain_get(c->hv, ch->remote_dom), ch->remote_port);
		else if (ch->state == EVTCHNSTAT_ipi)
			evtchn_set_pending(c->hv, c->caller, port);
		else if (ch->state != EVTCHNSTAT_unbound)
			return -EINVAL;  /* virq ports cannot be sent on */
		return 0;
	}
}

int64_t evtchn_status_op(struct hv_call *c);
int64_t evtchn_status_list_op(struct hv_call *c);

static const struct subcmd_row evtchn_cmds[EVTCHNOP_NR_CMDS] = {
	[EVTCHNOP_bind_interdomain] = { "bind_interdomain", ev_bind_interdomain },
	[EVTCHNOP_bind_virq]        = { "bind_virq", ev_bind_virq },
	[EVTCHNOP_close]            = { "close", ev_port_op },
	[EVTCHNOP_send]             = { "send", ev_port_op },
	[EVTCHNOP_status]           = { "status", evtchn_status_op },
	[EVTCHNOP_alloc_unbound]    = { "alloc_unbound", ev_alloc_unbound },
	[EVTCHNOP_unmask]           = { "unmask", ev_port_op },
	[EVTCHNOP_status_list]      = { "status_list", evtchn_status_list_op },
};

int64_t do_event_channel_op(struct hv_call *c)
{
	if (c->arg[0] >= EVTCHNOP_NR_CMDS || !evtchn_cmds[c->arg[0]].fn)
		return -ENOSYS;
	return evtchn_cmds[c->arg[0]].fn(c);
}
