/*
 * Start-up reconciliation (ops_recover): load every record, read the
 * hypervisor's domain list, and make the two agree, so that a daemon
 * killed at any moment leaves no orphan and no duplicate behind.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hv.h"
#include "killpoint.h"
#include "log.h"
#include "ops.h"
#include "store.h"

/*
 * The table is cleared when the first record arrives (or after the load
 * if there is none): store_load fails, if it does, before reading any, so
 * a reload that cannot read the state directory keeps the table it had.
 */
struct loading {
	int cleared;
};

static void load_one(struct domrec *r, void *arg)
{
	struct loading *l = arg;

	if (!l->cleared) {
		domtab_clear();
		l->cleared = 1;
	}
	if (domtab_count() >= XMCTLD_MAX_MANAGED || domtab_by_uuid(r->cfg.uuid) ||
	    !domtab_add(r))
		log_err("cannot keep the record of %s: limit of %d domains or out of memory",
		        r->cfg.name, XMCTLD_MAX_MANAGED);
}

/*
 * Could h be half-restored: back from an image but not yet given its uuid
 * and name (domain.restore)?  Only with the restore marker of a killed
 * daemon (store.h) is it one; without, it is someone else's.
 */
static int half_restored(const struct hvdom *h)
{
	static const uint8_t zero[16];

	return h->info.domid != 0 && !h->name[0] && memcmp(h->info.handle, zero, 16) == 0;
}

/*
 * Destroy domains a killed daemon left half-built (still carrying the
 * building uuid of a record) or half-restored (nameless and uuidless while
 * the restore marker exists), then drop the marker.
 */
static int roll_back_half_built(void)
{
	const struct hvsnap *s = hv_snapshot();
	int restoring = store_restore_pending();
	unsigned i, n = 0;

	for (i = 0; i < s->n; i++) {
		const struct hvdom *h = &s->doms[i];
		uint8_t real[16];

		ops_building_uuid(h->info.handle, real);
		if (restoring && half_restored(h)) {
			log_info("rolling back half-restored domain %" PRIu32, h->info.domid);
			if (xc_domain_destroy(hv_xc(), h->info.domid) < 0)
				log_err("destroying domain %" PRIu32 ": %s", h->info.domid, hv_errmsg());
			n++;
			continue;
		}
		if (!domtab_by_uuid(real) || domtab_by_uuid(h->info.handle))
			continue;
		log_info("rolling back half-built domain %" PRIu32 " (%s)", h->info.domid,
		         domtab_by_uuid(real)->rec.cfg.name);
		if (xc_domain_destroy(hv_xc(), h->info.domid) < 0)
			log_err("destroying half-built domain %" PRIu32 ": %s", h->info.domid,
			        hv_errmsg());
		n++;
	}
	if (restoring)
		store_restore_end();
	return n ? hv_refresh() : 0;
}

/* A save interrupted by the kill: undo it if the domain still runs. */
static void finish_save(struct dom *d)
{
	const struct hvdom *h = hv_find_domid(d->rec.pending_domid);
	char tmp[XMCTLD_MAX_PATH + 8];
	struct rpc_error err;

	snprintf(tmp, sizeof(tmp), "%s.tmp", d->rec.pending_path);
	(void)unlink(tmp);
	d->rec.pending = DOMREC_PENDING_NONE;
	if (h && memcmp(h->info.handle, d->rec.cfg.uuid, 16) == 0) {
		log_info("save of %s was interrupted: resuming the domain", d->rec.cfg.name);
		if (!d->rec.pending_paused)
			(void)xc_domain_unpause(hv_xc(), h->info.domid);
	} else if (!d->rec.persistent) {
		(void)store_delete(d->rec.cfg.uuid, 0);
		domtab_remove(d);
		return;
	}
	if (ops_save_record(d, &err) < 0)
		log_err("%s", err.message);
}

static void adopt_and_finish(void)
{
	unsigned i;

	for (i = 0; i < domtab_count(); i++) {
		struct dom *d = domtab_at(i);
		const struct hvdom *h = hv_find_uuid(d->rec.cfg.uuid);

		d->domid = h ? h->info.domid : DOMID_NONE;
	}
	for (i = domtab_count(); i-- > 0;) {
		struct dom *d = domtab_at(i);

		if (!d)
			continue;
		if (d->rec.pending == DOMREC_PENDING_SAVE) {
			finish_save(d);
		} else if (d->rec.pending != DOMREC_PENDING_NONE) {
			log_info("finishing the interrupted %s of %s",
			         domrec_pending_name(d->rec.pending), d->rec.cfg.name);
			ops_finish_restart(d);
		} else if (d->domid == DOMID_NONE && !d->rec.persistent) {
			/* Never started, or destroyed before its record was removed. */
			(void)store_delete(d->rec.cfg.uuid, 0);
			domtab_remove(d);
		}
	}
}

int ops_recover(void)
{
	struct loading l = { 0 };
	int rc;

	rc = store_load(load_one, &l);
	if (rc < 0) {
		log_err("reading the state directory: %s", strerror(-rc));
		return -1;
	}
	if (!l.cleared)
		domtab_clear();
	if ((rc = hv_refresh()) < 0 || (rc = roll_back_half_built()) < 0) {
		log_err("reading the hypervisor's domain list: %s", hv_errmsg());
		return -1;
	}
	adopt_and_finish();
	killpoint("recover.done");
	log_info("%u managed domains, %u corrupt records moved aside", domtab_count(),
	         store_corrupt_count());
	return 0;
}

/* What a reload keeps of a domain the daemon already knew: it lives only in memory. */
struct carried {
	uint8_t uuid[16];
	struct ratelimit restarts;
	uint32_t policy_done;
};

/*
 * SIGHUP re-reads the state directory (ops_recover), but the crash-loop
 * limiter and the record of which shutdown was handled are not in the
 * files: they are carried over by uuid, so that a reload cannot let a
 * crash-looping domain escape its restart limit, nor apply a policy twice.
 */
int ops_reload(void)
{
	unsigned i, n = domtab_count();
	struct carried *keep = calloc(n ? n : 1, sizeof(*keep));
	int rc;

	if (!keep) {
		log_err("reload: out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		const struct dom *d = domtab_at(i);

		memcpy(keep[i].uuid, d->rec.cfg.uuid, 16);
		keep[i].restarts = d->restarts;
		keep[i].policy_done = d->policy_done;
	}
	rc = ops_recover();
	for (i = 0; rc == 0 && i < n; i++) {
		struct dom *d = domtab_by_uuid(keep[i].uuid);

		if (d) {
			d->restarts = keep[i].restarts;
			d->policy_done = keep[i].policy_done;
		}
	}
	free(keep);
	return rc;
}
