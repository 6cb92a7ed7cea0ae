/*
 * The daemon path (daemon_path.h): one connection per invocation, opened
 * lazily, and JSON-RPC params written with yajl.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_path.h"

bool xmctl_use_daemon(struct xmctl *x)
{
	struct xmctld_versions v;

	if (x->direct)
		return false;
	if (!x->daemon_checked) {
		x->daemon_checked = true;
		x->daemon = xmctld_client_open(x->rundir);
		if (x->daemon != NULL && xmctld_client_ping(x->daemon, &v) < 0) {
			xmctld_client_close(x->daemon);
			x->daemon = NULL;
		}
	}
	return x->daemon != NULL;
}

bool xmctl_need_daemon(struct xmctl *x)
{
	if (x->direct) {
		xmctl_fail(x->cmd, "needs the xmctld daemon, and --direct talks to the hypervisor only");
		return false;
	}
	if (!xmctl_use_daemon(x)) {
		xmctl_fail(x->cmd, "needs the xmctld daemon, and none answers on %s/%s "
		           "(start xmctld --rundir %s)", x->rundir, XMCTLD_SOCKET_NAME, x->rundir);
		return false;
	}
	return true;
}

void xmctl_daemon_close(struct xmctl *x)
{
	xmctld_client_close(x->daemon);
	x->daemon = NULL;
}

int xmctl_daemon_call(struct xmctl *x, const char *method, const char *params,
                      const char *subject, xmctld_result **res)
{
	int rc = xmctld_client_call(x->daemon, method, params, res);
	const struct xmctld_client_error *e;

	if (rc == 0)
		return 0;
	e = xmctld_client_error(x->daemon);
	if (subject != NULL)
		xmctl_fail(x->cmd, "%s: %s", subject, e->message[0] ? e->message : strerror(-rc));
	else
		xmctl_fail(x->cmd, "%s", e->message[0] ? e->message : strerror(-rc));
	return -1;
}

/* The generator's text as a malloc'd string, or NULL. */
static char *gen_text(yajl_gen g)
{
	const unsigned char *buf;
	size_t len;
	char *s = NULL;

	if (yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok && (s = malloc(len + 1)) != NULL) {
		memcpy(s, buf, len);
		s[len] = '\0';
	}
	return s;
}

static bool gen_str(yajl_gen g, const char *s)
{
	return yajl_gen_string(g, (const unsigned char *)s, strlen(s)) == yajl_gen_status_ok;
}

int xmctl_daemon_dom(struct xmctl *x, const char *method, const char *dom)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	xmctld_result *res = NULL;
	char *params = NULL;
	int rc = -1;

	if (g != NULL && yajl_gen_map_open(g) == yajl_gen_status_ok && gen_str(g, "dom") &&
	    gen_str(g, dom) && yajl_gen_map_close(g) == yajl_gen_status_ok)
		params = gen_text(g);
	if (params == NULL)
		xmctl_fail(x->cmd, "out of memory");
	else
		rc = xmctl_daemon_call(x, method, params, dom, &res);
	xmctld_result_free(res);
	free(params);
	if (g != NULL)
		yajl_gen_free(g);
	return rc;
}

int xmctl_daemon_config(struct xmctl *x, const char *method, const struct domconfig *cfg,
                        bool paused, xmctld_result **res)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	char *params = NULL;
	int rc = -1;

	if (g != NULL && yajl_gen_map_open(g) == yajl_gen_status_ok && gen_str(g, "config") &&
	    domconfig_gen_json(cfg, g) == 0 &&
	    (strcmp(method, "domain.define") == 0 ||
	     (gen_str(g, "paused") && yajl_gen_bool(g, paused) == yajl_gen_status_ok)) &&
	    yajl_gen_map_close(g) == yajl_gen_status_ok)
		params = gen_text(g);
	if (params == NULL)
		xmctl_fail(x->cmd, "out of memory");
	else
		rc = xmctl_daemon_call(x, method, params, cfg->name, res);
	free(params);
	if (g != NULL)
		yajl_gen_free(g);
	return rc;
}
