/*
 * Per-domain event-channel port tables.
 *
 * Ports live in buckets of EVTCHN_BUCKET_PORTS allocated on first use, so a
 * domain that never binds a port costs a few pointers.  Port 0 is never
 * handed out (Xen reserves it).  A dom0 port remembers the privcmd
 * connection it was bound through (owner): notifying it sends that
 * connection a PRIVCMD_MSG_EVENT, and the port dies with the connection.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "log.h"

struct evtchn *evtchn_port(const struct domain *d, uint32_t port)
{
	if (port == 0 || port >= XENPPC_NR_EVENT_CHANNELS)
		return NULL;
	struct evtchn *b = d->evtchn[port / EVTCHN_BUCKET_PORTS];
	return b ? &b[port % EVTCHN_BUCKET_PORTS] : NULL;
}

int evtchn_alloc_port(struct domain *d)
{
	for (uint32_t bi = 0; bi < EVTCHN_NR_BUCKETS; bi++) {
		struct evtchn *b = d->evtchn[bi];
		if (!b) {
			b = calloc(EVTCHN_BUCKET_PORTS, sizeof(*b));
			if (!b)
				return -ENOMEM;
			d->evtchn[bi] = b;
		}
		for (uint32_t i = 0; i < EVTCHN_BUCKET_PORTS; i++) {
			uint32_t port = bi * EVTCHN_BUCKET_PORTS + i;
			if (port != 0 && b[i].state == EVTCHNSTAT_closed)
				return (int)port;
		}
	}
	return -ENOSPC;
}

/* Xen's __evtchn_close: an interdomain peer goes back to unbound. */
void evtchn_close_port(struct hv *hv, struct domain *d, uint32_t port)
{
	struct evtchn *c = evtchn_port(d, port);

	if (!c || c->state == EVTCHNSTAT_closed)
		return;
	if (c->state == EVTCHNSTAT_interdomain) {
		struct domain *rd = domain_get(hv, c->remote_dom);
		struct evtchn *rc = rd ? evtchn_port(rd, c->remote_port) : NULL;
		if (rc && rc->state == EVTCHNSTAT_interdomain && rc->remote_dom == d->id &&
		    rc->remote_port == port) {
			rc->state = EVTCHNSTAT_unbound;
			rc->remote_dom = d->id;
			rc->remote_port = 0;
		} else {
			HV_WARN("dom%u port %u: interdomain peer dom%u port %u inconsistent",
			        d->id, port, c->remote_dom, c->remote_port);
		}
	}
	memset(c, 0, sizeof(*c));
}

void evtchn_set_pending(struct hv *hv, struct domain *d, uint32_t port)
{
	struct evtchn *c = d ? evtchn_port(d, port) : NULL;

	if (!c || c->state == EVTCHNSTAT_closed)
		return;
	c->pending = true;
	if (c->masked || d->id != 0 || !c->owner || !hv->notify)
		return;
	/* The EVENT message is the upcall: delivering it consumes the bit. */
	hv->notify(hv->notify_ctx, c->owner, port);
	c->pending = false;
}

void evtchn_send_virq(struct hv *hv, uint32_t virq)
{
	struct domain *d0 = domain_get(hv, 0);

	if (!d0)
		return;
	for (uint32_t port = 1; port < XENPPC_NR_EVENT_CHANNELS; port++) {
		struct evtchn *c = evtchn_port(d0, port);
		if (!c) {
			port |= EVTCHN_BUCKET_PORTS - 1;   /* skip the empty bucket */
			continue;
		}
		if (c->state == EVTCHNSTAT_virq && c->virq == virq)
			evtchn_set_pending(hv, d0, port);
	}
}

void evtchn_close_owner(struct hv *hv, void *owner)
{
	struct domain *d0 = domain_get(hv, 0);

	if (!d0 || !owner)
		return;
	for (uint32_t port = 1; port < XENPPC_NR_EVENT_CHANNELS; port++) {
		struct evtchn *c = evtchn_port(d0, port);
		if (!c) {
			port |= EVTCHN_BUCKET_PORTS - 1;
			continue;
		}
		if (c->owner == owner)
			evtchn_close_port(hv, d0, port);
	}
}

void evtchn_free_all(struct hv *hv, struct domain *d)
{
	for (uint32_t bi = 0; bi < EVTCHN_NR_BUCKETS; bi++) {
		if (!d->evtchn[bi])
			continue;
		for (uint32_t i = 0; i < EVTCHN_BUCKET_PORTS; i++)
			evtchn_close_port(hv, d, bi * EVTCHN_BUCKET_PORTS + i);
		free(d->evtchn[bi]);
		d->evtchn[bi] = NULL;
	}
}
