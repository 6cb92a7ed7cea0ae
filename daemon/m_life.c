/*
 * Lifecycle methods on running domains: create, start, destroy, shutdown,
 * reboot, pause and unpause.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <uuid/uuid.h>

#include "domtab.h"
#include "gen.h"
#include "hv.h"
#include "methods.h"
#include "ops.h"
#include "params.h"
#include "protocol.h"
#include "store.h"
#include "target.h"

/* The result of a start: the new domain's id and uuid. */
static void gen_started(yajl_gen g, const struct dom *d)
{
	char u[37];

	uuid_unparse_lower(d->rec.cfg.uuid, u);
	yajl_gen_map_open(g);
	gen_kstr(g, "name", d->rec.cfg.name);
	gen_ku64(g, "domid", d->domid);
	gen_kstr(g, "uuid", u);
	yajl_gen_map_close(g);
}

static void gen_ok(yajl_gen g)
{
	yajl_gen_map_open(g);
	gen_kbool(g, "ok", 1);
	yajl_gen_map_close(g);
}

/* A config without a uuid that names a managed domain redefines it (xm new). */
int config_param(struct call *c, struct domconfig *cfg, int by_name)
{
	struct domconfig_error e;
	const struct hvdom *h;
	const struct dom *other;
	yajl_val obj;

	if (param_obj(c, "config", 1, &obj) < 0)
		return -1;
	memset(&e, 0, sizeof(e));
	if (domconfig_from_json_value(cfg, obj, &e) < 0)
		return rpc_fail(&c->err, XMCTLD_E_CONFIG, "invalid config: %s", e.msg);
	other = domtab_by_name(cfg->name);
	if (!cfg->has_uuid && by_name && other)
		memcpy(cfg->uuid, other->rec.cfg.uuid, 16);
	else if (!cfg->has_uuid)
		uuid_generate_random(cfg->uuid);
	cfg->has_uuid = true;
	if (target_refresh(c) < 0)
		return -1;
	h = hv_find_name(cfg->name);
	if ((other && memcmp(other->rec.cfg.uuid, cfg->uuid, 16) != 0) ||
	    (h && memcmp(h->info.handle, cfg->uuid, 16) != 0))
		return rpc_fail(&c->err, XMCTLD_E_EXISTS, "a domain named %s already exists",
		                cfg->name);
	return 0;
}

static const char *const create_params[] = { "config", "paused", NULL };

int m_domain_create(struct call *c)
{
	struct domrec r;
	struct dom *d;
	int paused = 0;

	memset(&r, 0, sizeof(r));
	if (params_only(c, create_params) < 0 || param_bool(c, "paused", 0, &paused) < 0 ||
	    config_param(c, &r.cfg, 0) < 0)
		return -1;
	if (domtab_by_uuid(r.cfg.uuid) || hv_find_uuid(r.cfg.uuid))
		return rpc_fail(&c->err, XMCTLD_E_EXISTS, "a domain with uuid of %s already exists",
		                r.cfg.name);
	if (domtab_count() >= XMCTLD_MAX_MANAGED)
		return rpc_fail(&c->err, XMCTLD_E_TOO_LARGE, "the daemon manages %d domains already",
		                XMCTLD_MAX_MANAGED);
	r.persistent = false;
	d = domtab_add(&r);
	if (!d)
		return rpc_fail(&c->err, XMCTLD_E_INTERNAL, "out of memory");
	if (ops_save_record(d, &c->err) < 0 || ops_start(d, paused, &c->err) < 0) {
		(void)store_delete(d->rec.cfg.uuid, 0);
		domtab_remove(d);
		return -1;
	}
	gen_started(c->g, d);
	return 0;
}

static const char *const start_params[] = { "dom", "paused", NULL };

int m_domain_start(struct call *c)
{
	struct target t;
	int paused = 0;

	if (params_only(c, start_params) < 0 || param_bool(c, "paused", 0, &paused) < 0 ||
	    target_resolve(c, &t) < 0)
		return -1;
	if (!t.d)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE,
		                "domain %s is not managed by the daemon (define it first)", t.h->name);
	if (t.h)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain %s is already running",
		                t.d->rec.cfg.name);
	if (hv_find_name(t.d->rec.cfg.name))
		return rpc_fail(&c->err, XMCTLD_E_EXISTS, "another domain named %s is running",
		                t.d->rec.cfg.name);
	ratelimit_reset(&t.d->restarts);
	if (ops_start(t.d, paused, &c->err) < 0)
		return -1;
	gen_started(c->g, t.d);
	return 0;
}

static const char *const dom_params[] = { "dom", NULL };

int m_domain_destroy(struct call *c)
{
	struct target t;

	if (params_only(c, dom_params) < 0 || target_running(c, &t) < 0)
		return -1;
	if (t.h->info.domid == 0)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain 0 cannot be destroyed");
	if (ops_destroy(t.d, t.h->info.domid, &c->err) < 0)
		return -1;
	gen_ok(c->g);
	return 0;
}

/* Shut down with a reason, as the guest would. */
static int shut(struct call *c, int reason)
{
	struct target t;
	int rc;

	if (params_only(c, dom_params) < 0 || target_running(c, &t) < 0)
		return -1;
	if (t.h->info.domid == 0)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain 0 cannot be shut down");
	if (t.h->info.shutdown || t.h->info.crashed || t.h->info.dying)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain %s is already shut down",
		                t.h->name);
	rc = xc_domain_shutdown(hv_xc(), t.h->info.domid, reason);
	if (rc < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "shutdown: %s", hv_errmsg());
	gen_ok(c->g);
	return 0;
}

int m_domain_shutdown(struct call *c)
{
	return shut(c, SHUTDOWN_poweroff);
}

int m_domain_reboot(struct call *c)
{
	return shut(c, SHUTDOWN_reboot);
}

/* Pause or unpause: allowed for any running domain but 0. */
static int pause_op(struct call *c, int pause)
{
	struct target t;
	int rc;

	if (params_only(c, dom_params) < 0 || target_running(c, &t) < 0)
		return -1;
	if (t.h->info.domid == 0)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain 0 cannot be paused");
	if (!pause && !t.h->info.paused)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain %s is not paused", t.h->name);
	rc = pause ? xc_domain_pause(hv_xc(), t.h->info.domid)
	           : xc_domain_unpause(hv_xc(), t.h->info.domid);
	if (rc < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "%s: %s",
		                pause ? "pause" : "unpause", hv_errmsg());
	(void)hv_refresh();          /* subscribers see the change now */
	gen_ok(c->g);
	return 0;
}

int m_domain_pause(struct call *c)
{
	return pause_op(c, 1);
}

int m_domain_unpause(struct call *c)
{
	return pause_op(c, 0);
}
