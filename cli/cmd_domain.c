/*
 * Lifecycle commands on existing domains: destroy, pause, unpause,
 * shutdown and reboot.
 *
 * On the direct path xmctl is the whole toolstack, so after injecting a
 * shutdown it also carries out the domain's policy (on_poweroff,
 * on_reboot) from its runtime record, as xend did on the guest's behalf.
 * Guests do not execute in xenppc-hv, so a shutdown completes at once and
 * -w has nothing to wait for beyond that.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "build.h"
#include "daemon_path.h"
#include "dominfo.h"
#include "runrec.h"
#include "xmctl.h"

/*
 * Commands that take exactly one DOM and no options.  Returns 0 with
 * *domid on the direct path, 1 when the command is done (help, or the
 * daemon did it), or minus an exit status.
 */
static int one_domain(struct xmctl *x, int argc, char **argv, uint32_t *domid)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c = xmctl_getopt(x, argc, argv, "", opts);

	if (c == 'h')
		return 1;
	if (c != -1)
		return -XMCTL_EXIT_USAGE;
	if (xmctl_nargs(x, argc, 1, 1) < 0)
		return -XMCTL_EXIT_USAGE;
	if (xmctl_use_daemon(x)) {
		/* the daemon resolves the DOM and checks the state itself */
		char method[32];

		snprintf(method, sizeof(method), "domain.%s", x->cmd);
		return xmctl_daemon_dom(x, method, argv[optind]) < 0 ? -XMCTL_EXIT_FAIL : 1;
	}
	if (xmctl_lookup(x, argv[optind], domid) < 0)
		return -XMCTL_EXIT_FAIL;
	return 0;
}

int cmd_destroy(struct xmctl *x, int argc, char **argv)
{
	struct dom_record r;
	uint32_t domid;
	int rc = one_domain(x, argc, argv, &domid);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : -rc;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0 cannot be destroyed");
	rc = dom_fetch_one(x, domid, &r);
	if (rc == 0)
		rc = xmctl_destroy_domain(x, domid, r.info.handle);
	return rc < 0 ? xmctl_fail_xc(x, argv[optind], rc) : XMCTL_EXIT_OK;
}

static int pause_unpause(struct xmctl *x, int argc, char **argv, bool pause)
{
	uint32_t domid;
	int rc = one_domain(x, argc, argv, &domid);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : -rc;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0 cannot be %s", pause ? "paused" : "unpaused");
	rc = pause ? xc_domain_pause(x->xch, domid) : xc_domain_unpause(x->xch, domid);
	return rc < 0 ? xmctl_fail_xc(x, argv[optind], rc) : XMCTL_EXIT_OK;
}

int cmd_pause(struct xmctl *x, int argc, char **argv)
{
	return pause_unpause(x, argc, argv, true);
}

int cmd_unpause(struct xmctl *x, int argc, char **argv)
{
	return pause_unpause(x, argc, argv, false);
}

/* Restart: destroy, then rebuild from the recorded config with the same UUID. */
static int restart(struct xmctl *x, const struct dom_record *d, const struct runrec *rec,
                   bool rename_old)
{
	uint32_t newid;
	int rc;

	if (rename_old) {
		char old[XC_DOMAIN_NAME_MAX];

		/* rename-restart keeps the old domain for inspection, under another name */
		snprintf(old, sizeof(old), "%.40s-old-%u", d->name, d->info.domid);
		rc = xc_domain_setname(x->xch, d->info.domid, old);
		if (rc == 0)
			rc = xc_domain_sethandle(x->xch, d->info.domid, (uint8_t[16]){ 0 });
		if (rc == 0)
			runrec_remove(x->rundir, d->info.handle);
	} else {
		rc = xmctl_destroy_domain(x, d->info.domid, d->info.handle);
	}
	if (rc < 0)
		return xmctl_fail_xc(x, d->name, rc);
	return xmctl_build(x, &rec->cfg, false, &newid) < 0 ? XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
}

/* Carries out on_poweroff / on_reboot for a domain that has just shut down. */
static int apply_policy(struct xmctl *x, const struct dom_record *d, int reason)
{
	struct runrec *rec = malloc(sizeof(*rec));
	enum domconfig_action a = reason == SHUTDOWN_reboot ? DOMCONFIG_ACTION_RESTART
	                                                    : DOMCONFIG_ACTION_DESTROY;
	int rc = XMCTL_EXIT_OK;
	bool have = rec != NULL && runrec_read(x->rundir, d->info.handle, rec) == 0 &&
	            rec->domid == d->info.domid;

	if (have)
		a = reason == SHUTDOWN_reboot ? rec->cfg.on_reboot : rec->cfg.on_poweroff;
	switch (a) {
	case DOMCONFIG_ACTION_DESTROY:
		rc = xmctl_destroy_domain(x, d->info.domid, d->info.handle);
		rc = rc < 0 ? xmctl_fail_xc(x, d->name, rc) : XMCTL_EXIT_OK;
		break;
	case DOMCONFIG_ACTION_PRESERVE:
		break;
	case DOMCONFIG_ACTION_RESTART:
	case DOMCONFIG_ACTION_RENAME_RESTART:
		if (!have)
			rc = xmctl_fail(x->cmd, "%s: shut down, but cannot restart it: xmctl has "
			                "no record of its config", d->name);
		else
			rc = restart(x, d, rec, a == DOMCONFIG_ACTION_RENAME_RESTART);
		break;
	default:
		break;
	}
	free(rec);
	return rc;
}

static int shutdown_one(struct xmctl *x, uint32_t domid, int reason)
{
	struct dom_record d;
	int rc;

	if (xmctl_use_daemon(x)) {
		/* the daemon carries out the policy */
		char dom[16];

		snprintf(dom, sizeof(dom), "%u", domid);
		return xmctl_daemon_dom(x, reason == SHUTDOWN_reboot ? "domain.reboot"
		                                                     : "domain.shutdown", dom) < 0 ?
		       XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
	}
	rc = dom_fetch_one(x, domid, &d);

	if (rc == 0)
		rc = xc_domain_shutdown(x->xch, domid, reason);
	if (rc < 0)
		return xmctl_fail_xc(x, d.name[0] ? d.name : "domain", rc);
	return apply_policy(x, &d, reason);
}

/* Every domain but 0; stops at the first failure. */
static int shutdown_all(struct xmctl *x, int reason)
{
	struct dom_list l;
	int rc = XMCTL_EXIT_OK;

	if (dom_fetch_all(x, &l, false) < 0)
		return XMCTL_EXIT_FAIL;
	for (size_t i = 0; i < l.n && rc == XMCTL_EXIT_OK; i++)
		if (l.d[i].info.domid != 0 && !l.d[i].info.shutdown && !l.d[i].info.dying)
			rc = shutdown_one(x, l.d[i].info.domid, reason);
	dom_list_free(&l);
	return rc;
}

static int shutdown_cmd(struct xmctl *x, int argc, char **argv, int reason)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' }, { "wait", no_argument, NULL, 'w' },
		{ "reboot", no_argument, NULL, 'R' }, { "halt", no_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	bool all = false;
	uint32_t domid;
	int c;

	while ((c = xmctl_getopt(x, argc, argv, reason == SHUTDOWN_reboot ? "aw" : "awRH",
	                         opts)) != -1) {
		switch (c) {
		case 'a': all = true; break;
		case 'w': break;   /* a shutdown completes before we return (see the top) */
		case 'R': reason = SHUTDOWN_reboot; break;
		case 'H': reason = SHUTDOWN_poweroff; break;
		case 'h': return XMCTL_EXIT_OK;
		default: return XMCTL_EXIT_USAGE;
		}
	}
	if (xmctl_nargs(x, argc, all ? 0 : 1, all ? 0 : 1) < 0)
		return XMCTL_EXIT_USAGE;
	if (all)
		return xmctl_connect(x) < 0 ? XMCTL_EXIT_FAIL : shutdown_all(x, reason);
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0 is the host: it cannot be shut down from here");
	return shutdown_one(x, domid, reason);
}

int cmd_shutdown(struct xmctl *x, int argc, char **argv)
{
	return shutdown_cmd(x, argc, argv, SHUTDOWN_poweroff);
}

int cmd_reboot(struct xmctl *x, int argc, char **argv)
{
	return shutdown_cmd(x, argc, argv, SHUTDOWN_reboot);
}
