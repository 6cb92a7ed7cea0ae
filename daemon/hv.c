/*
 * The hypervisor connection and domain snapshot (hv.h).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hv.h"
#include "log.h"

/* Domain ids are below DOMID_FIRST_RESERVED: a list can never be longer. */
#define HV_MAX_DOMAINS DOMID_FIRST_RESERVED

static xc_interface *xch;
static xc_evtchn *xce;
static uint32_t virq_port;
static struct hvsnap snap;
static xc_dominfo_t *infobuf;
static hv_change_fn *change_hook;

void hv_set_change_hook(hv_change_fn *fn)
{
	change_hook = fn;
}

static void xc_log(void *arg, int level, const char *message)
{
	/* Failures reach the caller as errors; the library's account is detail. */
	(void)arg;
	(void)level;
	log_debug("libxc: %s", message);
}

static const xc_logger logger = { xc_log, NULL, XC_LOG_ERROR };

int hv_open(const char *rundir)
{
	int rc;

	xch = xc_interface_open_rundir(rundir, &logger, 0);
	if (!xch)
		return -errno;
	xce = xc_evtchn_open_rundir(rundir, &logger, 0);
	if (!xce) {
		rc = -errno;
		goto fail;
	}
	rc = xc_evtchn_bind_virq(xce, VIRQ_DOM_EXC, &virq_port);
	if (rc < 0)
		goto fail;
	infobuf = malloc(sizeof(*infobuf) * HV_MAX_DOMAINS);
	if (!infobuf) {
		rc = -ENOMEM;
		goto fail;
	}
	return 0;
fail:
	hv_close();
	return rc;
}

void hv_close(void)
{
	xc_evtchn_close(xce);
	xc_interface_close(xch);
	xce = NULL;
	xch = NULL;
	free(snap.doms);
	free(infobuf);
	snap.doms = NULL;
	infobuf = NULL;
	snap.n = 0;
}

xc_interface *hv_xc(void)
{
	return xch;
}

int hv_evtchn_fd(void)
{
	return xc_evtchn_fd(xce);
}

const char *hv_errmsg(void)
{
	const xc_error *e = xc_get_last_error(xch);

	return e && e->message[0] ? e->message : "hypervisor call failed";
}

int hv_take_events(void)
{
	uint32_t port;
	int rc, fired = 0;

	while ((rc = xc_evtchn_pending(xce, &port)) == 0) {
		if (port == virq_port)
			fired = 1;
		(void)xc_evtchn_unmask(xce, port);
	}
	if (rc != -EAGAIN)
		return rc;
	return fired;
}

/* The name from the old snapshot if the same domain was there. */
static int old_name(const struct hvsnap *old, const xc_dominfo_t *i, char *name)
{
	unsigned lo = 0, hi = old->n;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		const struct hvdom *d = &old->doms[mid];

		if (d->info.domid == i->domid) {
			if (memcmp(d->info.handle, i->handle, 16) != 0 || !d->name[0])
				return 0;
			memcpy(name, d->name, XC_DOMAIN_NAME_MAX);
			return 1;
		}
		if (d->info.domid < i->domid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/*
 * Names for the domains of next from index first on that the old snapshot
 * did not name: one xc_domain_getnamelist from the first of them (a
 * hypercall per XC_DOMINFO_BATCH domains, not one per domain), paired by
 * domid since domains may come and go between the two lists.  A domain
 * missing from the names vanished meanwhile: it has no name.
 */
static int fetch_names(struct hvsnap *next, unsigned first)
{
	unsigned want = next->n - first, i, j = 0;
	xc_domname_t *names = malloc(want * sizeof(*names));
	int got;

	if (!names)
		return -ENOMEM;
	got = xc_domain_getnamelist(xch, next->doms[first].info.domid, want, names);
	for (i = first; got >= 0 && i < next->n; i++) {
		struct hvdom *d = &next->doms[i];

		if (d->name[0])
			continue;
		while (j < (unsigned)got && names[j].domid < d->info.domid)
			j++;
		if (j < (unsigned)got && names[j].domid == d->info.domid)
			memcpy(d->name, names[j].name, XC_DOMAIN_NAME_MAX);
	}
	free(names);
	return got < 0 ? got : 0;
}

int hv_refresh(void)
{
	struct hvsnap next = { 0 };
	unsigned i, unnamed = UINT32_MAX;
	int n, rc;

	n = xc_domain_getinfolist(xch, 0, HV_MAX_DOMAINS, infobuf);
	if (n < 0)
		return n;
	next.doms = calloc(n > 0 ? (size_t)n : 1, sizeof(*next.doms));
	if (!next.doms)
		return -ENOMEM;
	next.n = (unsigned)n;
	for (i = 0; i < next.n; i++) {
		struct hvdom *d = &next.doms[i];

		d->info = infobuf[i];
		if (!old_name(&snap, &d->info, d->name) && unnamed == UINT32_MAX)
			unnamed = i;
	}
	if (unnamed != UINT32_MAX && (rc = fetch_names(&next, unnamed)) < 0) {
		free(next.doms);
		return rc;
	}
	if (change_hook)
		change_hook(&snap, &next);
	free(snap.doms);
	snap = next;
	return 0;
}

const struct hvsnap *hv_snapshot(void)
{
	return &snap;
}

void hv_forget_name(uint32_t domid)
{
	struct hvdom *d = (struct hvdom *)hv_find_domid(domid);

	if (d)
		d->name[0] = '\0';
}

const struct hvdom *hv_find_domid(uint32_t domid)
{
	unsigned lo = 0, hi = snap.n;

	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;

		if (snap.doms[mid].info.domid == domid)
			return &snap.doms[mid];
		if (snap.doms[mid].info.domid < domid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const struct hvdom *hv_find_uuid(const uint8_t uuid[16])
{
	unsigned i;

	for (i = 0; i < snap.n; i++)
		if (memcmp(snap.doms[i].info.handle, uuid, 16) == 0)
			return &snap.doms[i];
	return NULL;
}

const struct hvdom *hv_find_name(const char *name)
{
	unsigned i;

	for (i = 0; i < snap.n; i++)
		if (strcmp(snap.doms[i].name, name) == 0)
			return &snap.doms[i];
	return NULL;
}

const char *hv_state_name(const xc_dominfo_t *i)
{
	if (i->dying)
		return "dying";
	if (i->crashed)
		return "crashed";
	if (i->shutdown)
		return "shutdown";
	if (i->paused)
		return "paused";
	if (i->running)
		return "running";
	return "blocked";
}

void hv_state_letters(const xc_dominfo_t *i, char out[7])
{
	out[0] = i->running ? 'r' : '-';
	out[1] = i->blocked ? 'b' : '-';
	out[2] = i->paused ? 'p' : '-';
	out[3] = i->shutdown ? 's' : '-';
	out[4] = i->crashed ? 'c' : '-';
	out[5] = i->dying ? 'd' : '-';
	out[6] = '\0';
}
