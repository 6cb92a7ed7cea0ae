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
#include "log.h"
#include "methods.h"
#include "ops.h"
#include "params.h"
#include "protocol.h"
#include "store.h"
#include "target.h"

/* "[what ]PATH: why" (what NULL: the path alone, as Unix tools say it). */
static int io_fail(struct call *c, const char *what, const char *path, int err)
{
	char q[XMCTLD_MAX_PATH + 8];

	param_quote(q, sizeof(q), path);
	return rpc_fail(&c->err, XMCTLD_E_IO, "%s%s%s: %s", what ? what : "", what ? " " : "", q,
	                strerror(err));
}

/*
 * Save domid into path (through path.tmp) with xc_domain_save's flags;
 * the domain is left paused.
 */
static int write_image(struct call *c, uint32_t domid, const char *path, unsigned int flags)
{
	char tmp[XMCTLD_MAX_PATH + 8];
	int fd, rc;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return io_fail(c, "creating", tmp, errno);
	rc = xc_domain_save(hv_xc(), fd, domid, flags, NULL, NULL);
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

/* The record's pending save is over (done or failed): clear it. */
static int clear_pending(struct dom *d, struct rpc_error *err)
{
	d->rec.pending = DOMREC_PENDING_NONE;
	return ops_save_record(d, err);
}

/*
 * After the image is complete: a checkpoint resumes the domain as it was
 * (the library left it paused); otherwise the domain is destroyed, and a
 * managed persistent domain stays defined.
 */
static int after_save(struct call *c, struct target *t, uint32_t domid, int paused,
                      int checkpoint)
{
	if (checkpoint) {
		if (!paused && xc_domain_unpause(hv_xc(), domid) < 0)
			return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "unpausing after the checkpoint: %s",
			                hv_errmsg());
		return t->d ? clear_pending(t->d, &c->err) : 0;
	}
	if (t->d && t->d->rec.persistent) {
		t->d->rec.pending = DOMREC_PENDING_NONE;
		if (ops_destroy(t->d, domid, &c->err) < 0)
			return -1;
		return ops_save_record(t->d, &c->err);
	}
	return ops_destroy(t->d, domid, &c->err);
}

static const char *const save_params[] = { "dom", "path", "checkpoint", "compress", NULL };

/*
 * The save's params besides "dom".  "compress" defaults to false: raw
 * pages, as Xen writes them (xenguest.h says what zlib costs).
 */
static int save_args(struct call *c, const char **path, int *checkpoint, unsigned int *flags)
{
	int compress = 0;

	*checkpoint = 0;
	if (params_only(c, save_params) < 0 ||
	    param_str(c, "path", 1, XMCTLD_MAX_PATH, path) < 0 ||
	    param_bool(c, "checkpoint", 0, checkpoint) < 0 ||
	    param_bool(c, "compress", 0, &compress) < 0)
		return -1;
	*flags = compress ? XC_SAVE_COMPRESS : 0;
	return 0;
}

int m_domain_save(struct call *c)
{
	char name[XC_DOMAIN_NAME_MAX];
	struct target t;
	const char *path;
	uint32_t domid;
	unsigned int flags;
	int paused, checkpoint;

	if (save_args(c, &path, &checkpoint, &flags) < 0 || target_running(c, &t) < 0)
		return -1;
	domid = t.h->info.domid;
	snprintf(name, sizeof(name), "%s", t.h->name);   /* for the log, once it is gone */
	if (domid == 0)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain 0 cannot be saved");
	if (t.h->info.shutdown || t.h->info.crashed || t.h->info.dying)
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
	if (write_image(c, domid, path, flags) < 0) {
		if (!paused)
			(void)xc_domain_unpause(hv_xc(), domid);
		if (t.d) {
			struct rpc_error e2;

			(void)clear_pending(t.d, &e2);
		}
		return -1;
	}
	if (after_save(c, &t, domid, paused, checkpoint) < 0)
		return -1;
	log_info("saved %s (domain %u) to %s%s", name, domid, path,
	         checkpoint ? " (a checkpoint: it runs on)" : "");
	yajl_gen_map_open(c->g);
	gen_kstr(c->g, "path", path);
	yajl_gen_map_close(c->g);
	return 0;
}

/* Where a save stream keeps the domain's uuid and name (SAVE-FORMAT.md). */
#define IMAGE_MAGIC       "XPPCSAVE"
#define IMAGE_CONFIG_TYPE 1
#define IMAGE_REC_OFF     24      /* the first record, CONFIG, follows the header */
#define IMAGE_UUID_OFF    (IMAGE_REC_OFF + 8 + 32)
#define IMAGE_NAME_OFF    (IMAGE_REC_OFF + 8 + 48)
#define IMAGE_HEAD_LEN    (IMAGE_NAME_OFF + 64)

/* Read the saved uuid and name; the full checks are xc_domain_restore's. */
static int image_identity(struct call *c, int fd, const char *path, uint8_t uuid[16],
                          char name[XC_DOMAIN_NAME_MAX])
{
	uint8_t head[IMAGE_HEAD_LEN];

	if (pread(fd, head, sizeof(head), 0) != (ssize_t)sizeof(head) ||
	    memcmp(head, IMAGE_MAGIC, 8) != 0 || head[IMAGE_REC_OFF + 3] != IMAGE_CONFIG_TYPE)
		return rpc_fail(&c->err, XMCTLD_E_IO, "%s is not a domain image", path);
	memcpy(uuid, head + IMAGE_UUID_OFF, 16);
	memcpy(name, head + IMAGE_NAME_OFF, XC_DOMAIN_NAME_MAX - 1);
	name[XC_DOMAIN_NAME_MAX - 1] = '\0';
	return 0;
}

static int restore_error(struct call *c, int rc, const char *path)
{
	int code = rc == -EEXIST ? XMCTLD_E_EXISTS : rc == -ENOMEM ? XMCTLD_E_NO_MEMORY
	                                                           : XMCTLD_E_IO;

	return rpc_fail(&c->err, code, "restoring %s: %s", path, hv_errmsg());
}

/*
 * The restored domain gets its identity in steps ordered for recovery: it
 * comes back with no uuid and no name (a half-restored domain, destroyed by
 * ops_recover), then the building uuid of a managed domain, its name,
 * unpause, and its real uuid last, as a start does.
 */
static int finish_restore(struct call *c, uint32_t domid, const uint8_t uuid[16],
                          const char *name, int managed, int paused)
{
	xc_interface *xch = hv_xc();
	uint8_t building[16];
	int rc = 0;

	ops_building_uuid(uuid, building);
	if (managed && (rc = xc_domain_sethandle(xch, domid, building)) < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "restore: %s", hv_errmsg());
	killpoint("restore.building");
	if (name[0] && (rc = xc_domain_setname(xch, domid, name)) < 0)
		return rc == -EEXIST ? rpc_fail(&c->err, XMCTLD_E_EXISTS,
		                                "a domain named %s is already running", name)
		                     : rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "restore: %s", hv_errmsg());
	if (!paused && (rc = xc_domain_unpause(xch, domid)) < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "unpausing: %s", hv_errmsg());
	killpoint("restore.unpaused");
	if ((rc = xc_domain_sethandle(xch, domid, uuid)) < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "restore: %s", hv_errmsg());
	killpoint("restore.committed");
	return 0;
}

static const char *const restore_params[] = { "path", "paused", NULL };

int m_domain_restore(struct call *c)
{
	char name[XC_DOMAIN_NAME_MAX], u[37];
	uint8_t uuid[16];
	const char *path;
	uint32_t domid = 0;
	struct dom *d;
	int fd, rc, paused = 0;

	if (params_only(c, restore_params) < 0 ||
	    param_str(c, "path", 1, XMCTLD_MAX_PATH, &path) < 0 ||
	    param_bool(c, "paused", 0, &paused) < 0)
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return io_fail(c, NULL, path, errno);
	if (image_identity(c, fd, path, uuid, name) < 0 || target_refresh(c) < 0) {
		close(fd);
		return -1;
	}
	d = domtab_by_uuid(uuid);
	if (hv_find_uuid(uuid) || (name[0] && hv_find_name(name))) {
		close(fd);
		return rpc_fail(&c->err, XMCTLD_E_EXISTS, "the domain of %s is already running", path);
	}
	if ((rc = store_restore_begin()) < 0) {
		close(fd);
		return rpc_fail(&c->err, XMCTLD_E_IO, "restore: cannot mark the restore in the "
		                "state directory: %s", strerror(-rc));
	}
	rc = xc_domain_restore(hv_xc(), fd, &domid, XC_RESTORE_NO_NAME | XC_RESTORE_NEW_UUID,
	                       NULL, NULL);
	close(fd);
	if (rc < 0) {
		store_restore_end();
		return restore_error(c, rc, path);
	}
	killpoint("restore.created");
	rc = finish_restore(c, domid, uuid, name, d != NULL, paused);
	if (rc < 0)
		(void)xc_domain_destroy(hv_xc(), domid);
	store_restore_end();
	if (rc < 0)
		return -1;
	if (d) {
		d->domid = domid;
		d->policy_done = DOMID_NONE;
	}
	log_info("restored %s from %s as domain %u%s", name[0] ? name : "a nameless domain", path,
	         domid, d ? "" : " (unmanaged)");
	uuid_unparse_lower(uuid, u);
	yajl_gen_map_open(c->g);
	gen_kstr(c->g, "name", name);
	gen_ku64(c->g, "domid", domid);
	gen_kstr(c->g, "uuid", u);
	gen_kbool(c->g, "managed", d != NULL);
	yajl_gen_map_close(c->g);
	return 0;
}
