/*
 * Events (events.h).  Snapshots are sorted by domid, so the comparison is
 * one merge; a domid whose UUID changed is a new domain.
 */
#include "config.h"

#include <string.h>
#include <uuid/uuid.h>

#include "conn.h"
#include "events.h"
#include "jsonrpc.h"
#include "ops.h"
#include "protocol.h"

static void gen_kv(yajl_gen g, const char *k, const char *v)
{
	yajl_gen_string(g, (const unsigned char *)k, strlen(k));
	yajl_gen_string(g, (const unsigned char *)v, strlen(v));
}

static void send_event(const char *event, int has_domid, uint32_t domid, const char *name,
                       const uint8_t uuid[16], const char *state)
{
	yajl_gen g = rpc_gen_new();
	char u[37];

	if (!g)
		return;
	uuid_unparse_lower(uuid, u);
	yajl_gen_map_open(g);
	gen_kv(g, "event", event);
	yajl_gen_string(g, (const unsigned char *)"domid", 5);
	if (has_domid)
		yajl_gen_integer(g, domid);
	else
		yajl_gen_null(g);
	gen_kv(g, "name", name);
	gen_kv(g, "uuid", u);
	if (state)
		gen_kv(g, "state", state);
	yajl_gen_map_close(g);
	conn_broadcast(XMCTLD_EVENT_METHOD, g);
	yajl_gen_free(g);
}

static void dom_event(const char *event, const struct hvdom *h)
{
	send_event(event, 1, h->info.domid, h->name, h->info.handle, hv_state_name(&h->info));
}

/* What changed between two sightings of the same domain. */
static void compare(const struct hvdom *a, const struct hvdom *b)
{
	const xc_dominfo_t *o = &a->info, *n = &b->info;

	if (n->crashed && !o->crashed)
		dom_event("crashed", b);
	else if (n->shutdown && !o->shutdown)
		dom_event("shutdown", b);
	else if (n->dying && !o->dying)
		dom_event("dying", b);
	else if (n->paused != o->paused)
		dom_event(n->paused ? "paused" : "unpaused", b);
	else if (strcmp(a->name, b->name) != 0 && b->name[0])
		dom_event("renamed", b);
}

void events_on_change(const struct hvsnap *old, const struct hvsnap *cur)
{
	unsigned i = 0, j = 0;

	while (i < old->n || j < cur->n) {
		const struct hvdom *a = i < old->n ? &old->doms[i] : NULL;
		const struct hvdom *b = j < cur->n ? &cur->doms[j] : NULL;

		if (a && (!b || a->info.domid < b->info.domid)) {
			dom_event("stopped", a);
			i++;
		} else if (b && (!a || b->info.domid < a->info.domid)) {
			dom_event("started", b);
			j++;
		} else if (memcmp(a->info.handle, b->info.handle, 16) != 0) {
			uint8_t real[16];

			/* A finished start only swaps the building uuid for the real one. */
			ops_building_uuid(a->info.handle, real);
			if (memcmp(real, b->info.handle, 16) != 0)
				dom_event("stopped", a);
			dom_event("started", b);
			i++, j++;
		} else {
			compare(a, b);
			i++, j++;
		}
	}
}

void events_config(const char *event, const char *name, const uint8_t uuid[16])
{
	send_event(event, 0, 0, name, uuid, NULL);
}
