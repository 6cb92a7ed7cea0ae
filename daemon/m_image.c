/*
 * domain.save and domain.restore (xm save / restore).  Images are written
 * beside their final path and renamed into place only when complete, so
 * a path never names a torn image.  A managed domain's save is recorded
 * in its record first; a daemon killed in the middle rolls the save back
 * (ops_recover) and the domain resumes.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include <xenguest.h>

#include "domtab.h"
#include "gen.h"
#include "hv.h"
#include "killpoint.h"
#include "methods.h"
#include "ops.h"
#include "params.h"
#include "protocol.h"
#include "store.h"
#include "target.h"

static int io_fail(struct call *c, const char *what, const char *path, int err)
{
	char q[XMCTLD_MAX_PATH + 1];

	param_quote(q, sizeof(q), path);
	return rpc_fail(&c->err, XMCTLD_E_IO, "%s %s: %s", what, q, strerror(err));
}

/* Save domid into path (through path.tmp); the domain is left paused. */
static int write_image(struct call *c, uint32_t domid, const char *path)
{
	char tmp[XMCTLD_MAX_PATH + 8];
	int fd, rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return io_fail(c, "creating", tmp, errno);
	rc = xc_domain_save(hv_xc(), fd, domid, 0, NULL, NULL);
	killpoint("save.written");
	if (rc == 0 && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0) {
		(void)unlink(tmp);
		if (rc == -ESRCH)
			return rpc_fail(&c->err, XMCTLD_E_NO_DOMAIN, "the domain vanished");
		return rpc_fail(&c->err, XMCTLD_E_IO, "saving to %s: %s", path, hv_errmsg());
	}
	killpoint("save.renamed");
	return 0;
}

static const char *const save_params[] = { "dom", "path", NULL };

int m_domain_save(struct call *c)
{
	struct target t;
	const char *path;
	uint32_t domid;
	int paused;

	if (params_only(c, save_params) < 0 ||
	    param_str(c, "path", 1, XMCTLD_MAX_PATH, &path) < 0 || target_running(c, &t) < 0)
		return -1;
	domid = t.h->info.domid;
	if (domid == 0 || t.h->info.shutdown || t.h->info.crashed || t.h->info.dying)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain %s cannot be saved in state %s",
		                t.h->name, hv_state_name(&t.h->info));
	if (path[0] != '/')
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: \"path\" must be absolute");
	paused = t.h->info.paused;
	if (t.d) {
		t.d->rec.pending = DOMREC_PENDING_SAVE;
		t.d->rec.pending_domid = domid;
		t.d->rec.pending_paused = paused;
		snprintf(t.d->rec.pending_path, sizeof(t.d->rec.pending_path), "%s", path);
		if (ops_save_record(t.d, &c->err) < 0) {
			t.d->rec.pending = DOMREC_PENDING_NONE;
			return -1;
		}
		killpoint("save.recorded");
	}
	if (write_image(c, domid, path) < 0) {
		if (!paused)
			(void)xc_domain_unpause(hv_xc(), domid);
		if (t.d) {
			struct rpc_error e2;

			t.d->rec.pending = DOMREC_PENDING_NONE;
			(void)ops_save_record(t.d, &e2);
		}
		return -1;
	}
	if (t.d && t.d->rec.persistent) {
		t.d->rec.pending = DOMREC_PENDING_NONE;
		if (ops_destroy(t.d, domid, &c->err) < 0 || ops_save_record(t.d, &c->err) < 0)
			return -1;
	} else if (ops_destroy(t.d, domid, &c->err) < 0) {
		return -1;
	}
	yajl_gen_map_open(c->g);
	gen_kstr(c->g, "path", path);
	yajl_gen_map_close(c->g);
	return 0;
}

static const char *const restore_params[] = { "path", "paused", NULL };

int m_domain_restore(struct call *c)
{
	const struct hvdom *h;
	const char *path;
	uint32_t domid = 0;
	struct dom *d;
	int fd, rc, paused = 0;
	char u[37];

	if (params_only(c, restore_params) < 0 ||
	    param_str(c, "path", 1, XMCTLD_MAX_PATH, &path) < 0 ||
	    param_bool(c, "paused", 0, &paused) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return io_fail(c, "opening", path, errno);
	rc = xc_domain_restore(hv_xc(), fd, &domid, 0, NULL, NULL);
	close(fd);
	if (rc == -EEXIST)
		return rpc_fail(&c->err, XMCTLD_E_EXISTS, "restoring %s: %s", path, hv_errmsg());
	if (rc == -ENOMEM)
		return rpc_fail(&c->err, XMCTLD_E_NO_MEMORY, "restoring %s: %s", path, hv_errmsg());
	if (rc < 0)
		return rpc_fail(&c->err, XMCTLD_E_IO, "restoring %s: %s", path, hv_errmsg());
	killpoint("restore.created");
	if (!paused && (rc = xc_domain_unpause(hv_xc(), domid)) < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "unpausing: %s", hv_errmsg());
	if (target_refresh(c) < 0)
		return -1;
	h = hv_find_domid(domid);
	if (!h)
		return rpc_fail(&c->err, XMCTLD_E_NO_DOMAIN, "the restored domain vanished");
	/* A managed domain comes back under its record. */
	d = domtab_by_uuid(h->info.handle);
	if (d)
		d->domid = domid;
	uuid_unparse_lower(h->info.handle, u);
	yajl_gen_map_open(c->g);
	gen_kstr(c->g, "name", h->name);
	gen_ku64(c->g, "domid", domid);
	gen_kstr(c->g, "uuid", u);
	gen_kbool(c->g, "managed", d != NULL);
	yajl_gen_map_close(c->g);
	return 0;
}
