/*
 * domain.define and domain.undefine (xm new / xm delete): managed domains
 * whose records outlive their instances.
 */
#include "config.h"

#include <string.h>
#include <uuid/uuid.h>

#include "domtab.h"
#include "events.h"
#include "gen.h"
#include "hv.h"
#include "methods.h"
#include "ops.h"
#include "params.h"
#include "protocol.h"
#include "store.h"
#include "target.h"

static const char *const define_params[] = { "config", NULL };

int m_domain_define(struct call *c)
{
	struct domrec r;
	struct dom *d;
	char u[37];

	memset(&r, 0, sizeof(r));
	if (params_only(c, define_params) < 0 || config_param(c, &r.cfg, 1) < 0)
		return -1;
	d = domtab_by_uuid(r.cfg.uuid);
	if (!d && hv_find_uuid(r.cfg.uuid))
		return rpc_fail(&c->err, XMCTLD_E_EXISTS,
		                "an unmanaged domain with that uuid is running");
	if (!d && domtab_count() >= XMCTLD_MAX_MANAGED)
		return rpc_fail(&c->err, XMCTLD_E_TOO_LARGE, "the daemon manages %d domains already",
		                XMCTLD_MAX_MANAGED);
	if (d) {
		/* Redefinition: the new config applies from the next start. */
		struct domrec old = d->rec;

		d->rec.cfg = r.cfg;
		d->rec.persistent = true;
		if (ops_save_record(d, &c->err) < 0) {
			d->rec = old;
			return -1;
		}
	} else {
		r.persistent = true;
		d = domtab_add(&r);
		if (!d)
			return rpc_fail(&c->err, XMCTLD_E_INTERNAL, "out of memory");
		if (ops_save_record(d, &c->err) < 0) {
			domtab_remove(d);
			return -1;
		}
	}
	events_config("defined", d->rec.cfg.name, d->rec.cfg.uuid);
	uuid_unparse_lower(d->rec.cfg.uuid, u);
	yajl_gen_map_open(c->g);
	gen_kstr(c->g, "name", d->rec.cfg.name);
	gen_kstr(c->g, "uuid", u);
	yajl_gen_map_close(c->g);
	return 0;
}

static const char *const dom_params[] = { "dom", NULL };

int m_domain_undefine(struct call *c)
{
	struct target t;
	uint8_t uuid[16];
	char name[DOMCONFIG_NAME_MAX];
	int rc;

	if (params_only(c, dom_params) < 0 || target_resolve(c, &t) < 0)
		return -1;
	if (!t.d || !t.d->rec.persistent)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain %s is not a defined domain",
		                t.d ? t.d->rec.cfg.name : t.h->name);
	if (t.h)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE,
		                "domain %s is running: destroy or shut it down first",
		                t.d->rec.cfg.name);
	memcpy(uuid, t.d->rec.cfg.uuid, 16);
	memcpy(name, t.d->rec.cfg.name, sizeof(name));
	rc = store_delete(uuid, 1);
	if (rc < 0)
		return rpc_fail(&c->err, XMCTLD_E_STORE, "removing the state of %s: %s",
		                name, strerror(-rc));
	domtab_remove(t.d);
	events_config("undefined", name, uuid);
	yajl_gen_map_open(c->g);
	gen_kbool(c->g, "ok", 1);
	yajl_gen_map_close(c->g);
	return 0;
}
