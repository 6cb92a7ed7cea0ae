/*
 * domain.list and domain.info.  Running domains come from the hypervisor
 * (the truth for what runs); managed domains that are not running come
 * from the records, with state "inactive", as xm listed them.
 */
#include "config.h"

#include <uuid/uuid.h>

#include "domtab.h"
#include "gen.h"
#include "hv.h"
#include "methods.h"
#include "params.h"
#include "protocol.h"
#include "target.h"

/* The summary object of one domain (running: h set; else from d). */
static void gen_domain(yajl_gen g, const struct dom *d, const struct hvdom *h)
{
	char u[37], flags[7];

	yajl_gen_map_open(g);
	if (h) {
		uuid_unparse_lower(h->info.handle, u);
		hv_state_letters(&h->info, flags);
		gen_kstr(g, "name", h->name);
		gen_ku64(g, "domid", h->info.domid);
		gen_kstr(g, "uuid", u);
		gen_kstr(g, "state", hv_state_name(&h->info));
		gen_kstr(g, "flags", flags);
		gen_ku64(g, "memory_mib", h->info.nr_pages >> (20 - XEN_PAGE_SHIFT));
		gen_ku64(g, "maxmem_mib", h->info.max_memkb >> 10);
		gen_ku64(g, "vcpus", h->info.nr_online_vcpus);
		gen_ku64(g, "max_vcpus", h->info.max_vcpu_id + 1);
		gen_ku64(g, "cpu_time_ns", h->info.cpu_time);
	} else {
		uuid_unparse_lower(d->rec.cfg.uuid, u);
		gen_kstr(g, "name", d->rec.cfg.name);
		gen_str(g, "domid");
		yajl_gen_null(g);
		gen_kstr(g, "uuid", u);
		gen_kstr(g, "state", "inactive");
		gen_kstr(g, "flags", "------");
		gen_ku64(g, "memory_mib", d->rec.cfg.memory_mib);
		gen_ku64(g, "maxmem_mib", d->rec.cfg.maxmem_mib);
		gen_ku64(g, "vcpus", d->rec.cfg.vcpus);
		gen_ku64(g, "max_vcpus", d->rec.cfg.vcpus);
		gen_ku64(g, "cpu_time_ns", 0);
	}
	gen_kbool(g, "managed", d != NULL);
	gen_kbool(g, "persistent", d && d->rec.persistent);
	yajl_gen_map_close(g);
}

static const char *const list_params[] = { NULL };
static unsigned long generation;

int m_domain_list(struct call *c)
{
	const struct hvsnap *s;
	unsigned i;

	if (params_only(c, list_params) < 0 || target_refresh(c) < 0)
		return -1;
	s = hv_snapshot();
	yajl_gen_map_open(c->g);
	gen_str(c->g, "domains");
	yajl_gen_array_open(c->g);
	/* Mark the records seen running, so the inactive ones cost no search. */
	generation++;
	for (i = 0; i < s->n; i++) {
		struct dom *d = domtab_by_uuid(s->doms[i].info.handle);

		if (d)
			d->listed = generation;
		gen_domain(c->g, d, &s->doms[i]);
	}
	for (i = 0; i < domtab_count(); i++) {
		const struct dom *d = domtab_at(i);

		if (d->listed != generation)
			gen_domain(c->g, d, NULL);
	}
	yajl_gen_array_close(c->g);
	yajl_gen_map_close(c->g);
	return 0;
}

static const char *const info_params[] = { "dom", NULL };

int m_domain_info(struct call *c)
{
	struct target t;

	if (params_only(c, info_params) < 0 || target_resolve(c, &t) < 0)
		return -1;
	yajl_gen_map_open(c->g);
	gen_str(c->g, "domain");
	gen_domain(c->g, t.d, t.h);
	gen_str(c->g, "config");
	if (!t.d)
		yajl_gen_null(c->g);
	else if (domconfig_gen_json(&t.d->rec.cfg, c->g) < 0)
		return rpc_fail(&c->err, XMCTLD_E_INTERNAL, "encoding the config failed");
	yajl_gen_map_close(c->g);
	return 0;
}
