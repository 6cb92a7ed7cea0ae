/*
 * `list` on the daemon path: domain.list (every running domain, then the
 * managed ones that are not running) and, for -l, domain.info for each
 * domain's config.  The summaries become the same views the direct path
 * renders.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "daemon_path.h"
#include "list_daemon.h"

static yajl_val member(yajl_val obj, const char *key)
{
	const char *path[] = { key, NULL };

	return yajl_tree_get(obj, path, yajl_t_any);
}

static uint64_t member_uint(yajl_val obj, const char *key)
{
	yajl_val v = member(obj, key);

	return v != NULL && YAJL_IS_INTEGER(v) && YAJL_GET_INTEGER(v) > 0 ?
	       (uint64_t)YAJL_GET_INTEGER(v) : 0;
}

/* A domain summary (PROTOCOL.md) as a view. */
static void summary_view(yajl_val s, struct dom_view *v)
{
	yajl_val name = member(s, "name"), uuid = member(s, "uuid"), id = member(s, "domid");
	yajl_val flags = member(s, "flags");
	const char *f = flags != NULL && YAJL_IS_STRING(flags) && strlen(flags->u.string) == 6 ?
	                flags->u.string : "------";
	xc_dominfo_t *d = &v->r.info;
	uint64_t vcpus = member_uint(s, "vcpus");

	memset(v, 0, sizeof(*v));
	v->start_time = v->up_time = -1;
	if (name != NULL && YAJL_IS_STRING(name))
		snprintf(v->r.name, sizeof(v->r.name), "%s", name->u.string);
	if (uuid != NULL && YAJL_IS_STRING(uuid))
		uuid_parse(uuid->u.string, d->handle);
	v->inactive = id == NULL || !YAJL_IS_INTEGER(id);
	d->domid = v->inactive ? 0 : (uint32_t)YAJL_GET_INTEGER(id);
	d->running = f[0] == 'r';
	d->blocked = f[1] == 'b';
	d->paused = f[2] == 'p';
	d->shutdown = f[3] == 's';
	d->crashed = f[4] == 'c';
	d->dying = f[5] == 'd';
	d->nr_pages = member_uint(s, "memory_mib") << 8;
	d->max_memkb = member_uint(s, "maxmem_mib") * 1024;
	d->nr_online_vcpus = (uint32_t)vcpus;
	vcpus = member_uint(s, "max_vcpus") > vcpus ? member_uint(s, "max_vcpus") : vcpus;
	d->max_vcpu_id = vcpus ? (uint32_t)vcpus - 1 : 0;
	d->cpu_time = member_uint(s, "cpu_time_ns");
}

/* domain.info of one DOM: its view, and its config into rec when managed. */
static int info_view(struct xmctl *x, const char *dom, struct dom_view *v, struct runrec *rec)
{
	char params[XMCTL_DOM_ARG_MAX * 2 + 16];
	xmctld_result *res = NULL;
	struct domconfig_error err;
	yajl_val s, cfg;

	for (const char *p = dom; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < ' ')
			return xmctl_fail(x->cmd, "domain '%s' does not exist", dom), -1;
	snprintf(params, sizeof(params), "{\"dom\":\"%.*s\"}", XMCTL_DOM_ARG_MAX, dom);
	if (xmctl_daemon_call(x, "domain.info", params, NULL, &res) < 0)
		return -1;
	s = member(xmctld_result_value(res), "domain");
	if (s != NULL)
		summary_view(s, v);
	cfg = member(xmctld_result_value(res), "config");
	if (rec != NULL && cfg != NULL && YAJL_IS_OBJECT(cfg) &&
	    domconfig_from_json_value(&rec->cfg, cfg, &err) == 0)
		v->rec = rec;
	xmctld_result_free(res);
	return s != NULL ? 0 : (xmctl_fail(x->cmd, "%s: the daemon's answer has no domain", dom), -1);
}

int list_daemon_views(struct xmctl *x, int argc, char **argv, bool lng,
                      struct dom_view **views, struct runrec **recs, size_t *n)
{
	xmctld_result *res = NULL;
	yajl_val doms = NULL;
	size_t count;

	if (optind < argc) {
		count = (size_t)(argc - optind);
	} else {
		if (xmctl_daemon_call(x, "domain.list", NULL, NULL, &res) < 0)
			return -1;
		doms = member(xmctld_result_value(res), "domains");
		count = doms != NULL && YAJL_IS_ARRAY(doms) ? doms->u.array.len : 0;
	}
	*views = calloc(count ? count : 1, sizeof(**views));
	*recs = lng ? calloc(count ? count : 1, sizeof(**recs)) : NULL;
	*n = 0;
	if (*views == NULL || (lng && *recs == NULL)) {
		xmctld_result_free(res);
		return xmctl_fail(x->cmd, "out of memory"), -1;
	}
	for (size_t i = 0; i < count; i++) {
		struct dom_view *v = &(*views)[i];
		int rc = 0;

		if (doms == NULL)
			rc = info_view(x, argv[optind + (int)i], v, lng ? &(*recs)[i] : NULL);
		else
			summary_view(doms->u.array.values[i], v);
		if (doms != NULL && lng)
			rc = info_view(x, v->r.name, v, &(*recs)[i]);
		if (rc < 0) {
			xmctld_result_free(res);
			return -1;
		}
		(*n)++;
	}
	xmctld_result_free(res);
	return 0;
}
