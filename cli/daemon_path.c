/*
 * The daemon path (daemon_path.h): one connection per invocation, opened
 * lazily, and JSON-RPC params written with yajl (so any DOM or path is
 * escaped correctly).
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
	/* These messages name the domain themselves, as the direct path's do. */
	if (e->code == XMCTLD_E_NO_DOMAIN || e->code == XMCTLD_E_BAD_STATE)
		subject = NULL;
	if (subject != NULL)
		xmctl_fail(x->cmd, "%s: %s", subject, e->message[0] ? e->message : strerror(-rc));
	else
		xmctl_fail(x->cmd, "%s", e->message[0] ? e->message : strerror(-rc));
	return -1;
}

/*
 * Params being written: a generator with its object open, and whether
 * every step so far worked (checked once, at the call).
 */
struct params {
	yajl_gen g;
	bool ok;
};

static void p_open(struct params *p)
{
	p->g = yajl_gen_alloc(NULL);
	p->ok = p->g != NULL && yajl_gen_map_open(p->g) == yajl_gen_status_ok;
}

static bool gen_str(yajl_gen g, const char *s)
{
	return yajl_gen_string(g, (const unsigned char *)s, strlen(s)) == yajl_gen_status_ok;
}

static void p_str(struct params *p, const char *key, const char *value)
{
	p->ok = p->ok && gen_str(p->g, key) && gen_str(p->g, value);
}

static void p_u64(struct params *p, const char *key, uint64_t value)
{
	p->ok = p->ok && gen_str(p->g, key) &&
	        yajl_gen_integer(p->g, (long long)value) == yajl_gen_status_ok;
}

static void p_bool(struct params *p, const char *key, bool value)
{
	p->ok = p->ok && gen_str(p->g, key) && yajl_gen_bool(p->g, value) == yajl_gen_status_ok;
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

/* Closes the params, calls method (res NULL: the result is dropped), frees p. */
static int p_call(struct xmctl *x, struct params *p, const char *method, const char *subject,
                  xmctld_result **res)
{
	xmctld_result *dropped = NULL;
	char *params = NULL;
	int rc = -1;

	if (p->ok && yajl_gen_map_close(p->g) == yajl_gen_status_ok)
		params = gen_text(p->g);
	if (params == NULL)
		xmctl_fail(x->cmd, "out of memory");
	else
		rc = xmctl_daemon_call(x, method, params, subject, res != NULL ? res : &dropped);
	xmctld_result_free(dropped);
	free(params);
	if (p->g != NULL)
		yajl_gen_free(p->g);
	return rc;
}

int xmctl_daemon_dom(struct xmctl *x, const char *method, const char *dom)
{
	struct params p;

	p_open(&p);
	p_str(&p, "dom", dom);
	return p_call(x, &p, method, dom, NULL);
}

int xmctl_daemon_dom_u64(struct xmctl *x, const char *method, const char *dom, const char *key,
                         uint64_t value)
{
	struct params p;

	p_open(&p);
	p_str(&p, "dom", dom);
	p_u64(&p, key, value);
	return p_call(x, &p, method, dom, NULL);
}

int xmctl_daemon_config(struct xmctl *x, const char *method, const struct domconfig *cfg,
                        bool paused, xmctld_result **res)
{
	struct params p;

	p_open(&p);
	p.ok = p.ok && gen_str(p.g, "config") && domconfig_gen_json(cfg, p.g) == 0;
	if (strcmp(method, "domain.define") != 0)
		p_bool(&p, "paused", paused);
	return p_call(x, &p, method, cfg->name, res);
}

int xmctl_daemon_start(struct xmctl *x, const char *dom, bool paused, xmctld_result **res)
{
	struct params p;

	p_open(&p);
	p_str(&p, "dom", dom);
	p_bool(&p, "paused", paused);
	return p_call(x, &p, "domain.start", dom, res);
}

int xmctl_daemon_save(struct xmctl *x, const char *dom, const char *path, bool checkpoint,
                      bool compress)
{
	struct params p;

	p_open(&p);
	p_str(&p, "dom", dom);
	p_str(&p, "path", path);
	p_bool(&p, "checkpoint", checkpoint);
	/*
	 * Only when asked: a plain save still works against an xmctld started
	 * before "compress" existed, and a compressed one is refused by it
	 * (unknown member) rather than silently written raw.
	 */
	if (compress)
		p_bool(&p, "compress", true);
	return p_call(x, &p, "domain.save", dom, NULL);
}

int xmctl_daemon_restore(struct xmctl *x, const char *path, bool paused)
{
	struct params p;

	p_open(&p);
	p_str(&p, "path", path);
	p_bool(&p, "paused", paused);
	/* the daemon's messages name the image */
	return p_call(x, &p, "domain.restore", NULL, NULL);
}
