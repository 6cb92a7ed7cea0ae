/* Resolving "dom" params (target.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>

#include "params.h"
#include "protocol.h"
#include "target.h"

int target_refresh(struct call *c)
{
	if (hv_refresh() < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "listing domains: %s", hv_errmsg());
	return 0;
}

/* The domain id in v (integer, or all digits), or -1 if v is not an id. */
static long as_domid(yajl_val v)
{
	const char *s = YAJL_IS_STRING(v) ? v->u.string : YAJL_IS_NUMBER(v) ? v->u.number.r : "";
	size_t len = strlen(s);

	if (len == 0 || len > 5 || strspn(s, "0123456789") != len)
		return -1;
	return strtol(s, NULL, 10);
}

static void by_key(struct target *t, yajl_val v)
{
	uuid_t u;
	long id = as_domid(v);

	if (id >= 0) {
		t->h = hv_find_domid((uint32_t)id);
	} else if (uuid_parse(v->u.string, u) == 0) {
		t->d = domtab_by_uuid(u);
		t->h = hv_find_uuid(u);
	} else {
		t->h = hv_find_name(v->u.string);
		if (!t->h)
			t->d = domtab_by_name(v->u.string);
	}
	if (t->h && !t->d)
		t->d = domtab_by_uuid(t->h->info.handle);
	if (t->d && !t->h && t->d->domid != DOMID_NONE)
		t->h = hv_find_domid(t->d->domid);
}

int target_resolve(struct call *c, struct target *t)
{
	yajl_val v = NULL;
	size_t i;
	char q[65];

	memset(t, 0, sizeof(*t));
	for (i = 0; c->params && i < c->params->u.object.len; i++)
		if (strcmp(c->params->u.object.keys[i], "dom") == 0)
			v = c->params->u.object.values[i];
	if (!v)
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: \"dom\" is required");
	if (!YAJL_IS_STRING(v) && !YAJL_IS_INTEGER(v))
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: \"dom\" must be a name, uuid or domain id");
	if (target_refresh(c) < 0)
		return -1;
	by_key(t, v);
	if (!t->d && !t->h) {
		param_quote(q, sizeof(q), YAJL_IS_STRING(v) ? v->u.string : v->u.number.r);
		return rpc_fail(&c->err, XMCTLD_E_NO_DOMAIN, "domain '%s' does not exist", q);
	}
	return 0;
}

int target_running(struct call *c, struct target *t)
{
	if (target_resolve(c, t) < 0)
		return -1;
	if (!t->h)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain '%s' is not running",
		                t->d->rec.cfg.name);
	return 0;
}
