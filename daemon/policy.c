/*
 * Lifecycle policies (on_poweroff, on_reboot, on_crash), run after every
 * VIRQ_DOM_EXC.  A restart is recorded in the domain's record before the
 * old instance is touched, so a daemon killed in the middle finishes it
 * at its next start (ops_recover) instead of losing the domain.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>

#include "hv.h"
#include "killpoint.h"
#include "log.h"
#include "ops.h"
#include "store.h"
#include "xmctld.h"

/* The preserved instance's new name: "<name>-<domid>", within the limit. */
static void aside_name(const struct dom *d, char *buf, size_t len)
{
	char suffix[16];
	int keep;

	snprintf(suffix, sizeof(suffix), "-%" PRIu32, d->rec.pending_domid);
	keep = (int)(XC_DOMAIN_NAME_MAX - 1 - strlen(suffix));
	snprintf(buf, len, "%.*s%s", keep, d->rec.cfg.name, suffix);
}

/*
 * Is h the old instance?  It still has the config's uuid, or, for a
 * rename-restart that a kill cut short after the new uuid was set, the
 * pending uuid (its name not yet changed).
 */
static int old_instance(const struct dom *d, const struct hvdom *h)
{
	return h && (memcmp(h->info.handle, d->rec.cfg.uuid, 16) == 0 ||
	             (d->rec.pending == DOMREC_PENDING_RENAME_RESTART &&
	              memcmp(h->info.handle, d->rec.pending_uuid, 16) == 0));
}

/* Move the old instance aside: renamed with a new uuid, or destroyed. */
static void clear_old(struct dom *d)
{
	const struct hvdom *h = hv_find_domid(d->rec.pending_domid);
	xc_interface *xch = hv_xc();
	char name[XC_DOMAIN_NAME_MAX];

	if (!old_instance(d, h))
		return;
	if (d->rec.pending == DOMREC_PENDING_RENAME_RESTART) {
		/* A kill between the two calls leaves the new uuid and the old name. */
		int rehandled = memcmp(h->info.handle, d->rec.pending_uuid, 16) == 0;

		aside_name(d, name, sizeof(name));
		if (!rehandled && xc_domain_sethandle(xch, h->info.domid, d->rec.pending_uuid) < 0) {
			log_err("renaming %s aside: %s", d->rec.cfg.name, hv_errmsg());
		} else {
			killpoint("restart.old_rehandled");
			if (xc_domain_setname(xch, h->info.domid, name) < 0)
				log_err("renaming %s aside: %s", d->rec.cfg.name, hv_errmsg());
			else
				log_info("kept crashed domain %" PRIu32 " as %s", h->info.domid, name);
		}
		hv_forget_name(h->info.domid);
	} else if (xc_domain_destroy(xch, h->info.domid) < 0) {
		log_err("destroying %s for its restart: %s", d->rec.cfg.name, hv_errmsg());
	}
	killpoint("restart.old_cleared");
}

void ops_finish_restart(struct dom *d)
{
	struct rpc_error err;
	const struct hvdom *h;

	if (hv_refresh() < 0)
		return;
	clear_old(d);
	d->domid = DOMID_NONE;
	if (hv_refresh() < 0)
		return;
	h = hv_find_uuid(d->rec.cfg.uuid);
	if (h) {
		d->domid = h->info.domid;       /* the new instance was complete */
	} else if (ops_start(d, 0, &err) < 0) {
		log_err("restarting %s failed: %s", d->rec.cfg.name, err.message);
	}
	d->rec.pending = DOMREC_PENDING_NONE;
	if (d->domid == DOMID_NONE && !d->rec.persistent) {
		(void)store_delete(d->rec.cfg.uuid, 0);
		domtab_remove(d);
		return;
	}
	if (ops_save_record(d, &err) < 0)
		log_err("%s", err.message);
	killpoint("restart.done");
}

static void restart(struct dom *d, uint32_t domid, int rename)
{
	struct rpc_error err;

	if (!ratelimit_allow(&d->restarts, xmctld_now_ms(), xmctld.restart_burst,
	                     (uint64_t)xmctld.restart_window_s * 1000)) {
		log_warn("%s: restarted %u times within %u s: crash loop, leaving domain %"
		         PRIu32 " as it is", d->rec.cfg.name, xmctld.restart_burst,
		         xmctld.restart_window_s, domid);
		return;
	}
	d->rec.pending = rename ? DOMREC_PENDING_RENAME_RESTART : DOMREC_PENDING_RESTART;
	d->rec.pending_domid = domid;
	if (rename)
		uuid_generate_random(d->rec.pending_uuid);
	if (ops_save_record(d, &err) < 0) {
		log_err("not restarting %s: %s", d->rec.cfg.name, err.message);
		d->rec.pending = DOMREC_PENDING_NONE;
		return;
	}
	killpoint("restart.recorded");
	ops_finish_restart(d);
}

static void apply(struct dom *d, const struct hvdom *h)
{
	unsigned reason = h->info.crashed ? SHUTDOWN_crash : h->info.shutdown_reason;
	enum domconfig_action a;
	struct rpc_error err;

	d->policy_done = d->domid;
	if (reason == SHUTDOWN_suspend)
		return;                      /* a save in progress owns it */
	a = reason == SHUTDOWN_crash ? d->rec.cfg.on_crash :
	    reason == SHUTDOWN_reboot ? d->rec.cfg.on_reboot : d->rec.cfg.on_poweroff;
	log_info("%s (domain %" PRIu32 ") %s: %s", d->rec.cfg.name, d->domid,
	         reason == SHUTDOWN_crash ? "crashed" :
	         reason == SHUTDOWN_reboot ? "rebooted" : "powered off",
	         domconfig_action_name(a));
	switch (a) {
	case DOMCONFIG_ACTION_DESTROY:
		if (ops_destroy(d, d->domid, &err) < 0)
			log_err("%s", err.message);
		break;
	case DOMCONFIG_ACTION_RESTART:
	case DOMCONFIG_ACTION_RENAME_RESTART:
		restart(d, d->domid, a == DOMCONFIG_ACTION_RENAME_RESTART);
		break;
	default:
		break;                       /* preserve: leave it for inspection */
	}
}

void ops_run_policies(void)
{
	unsigned i;

	/* Decide on the hypervisor's present state, never on an old snapshot. */
	if (hv_refresh() < 0) {
		log_err("reading the domain list: %s", hv_errmsg());
		return;
	}
	/* Backwards: a destroyed running-only domain is removed from the table. */
	for (i = domtab_count(); i-- > 0;) {
		struct dom *d = domtab_at(i);
		const struct hvdom *h;

		if (!d || d->domid == DOMID_NONE)
			continue;
		h = hv_find_domid(d->domid);
		if (!h || memcmp(h->info.handle, d->rec.cfg.uuid, 16) != 0) {
			/* Gone (destroyed by another tool). */
			d->domid = DOMID_NONE;
			if (!d->rec.persistent) {
				(void)store_delete(d->rec.cfg.uuid, 0);
				domtab_remove(d);
			}
			continue;
		}
		if ((h->info.shutdown || h->info.crashed) && !h->info.dying &&
		    d->policy_done != d->domid)
			apply(d, h);
	}
}
