/*
 * The daemon's view of the hypervisor: its libxc-ppc handles, and a
 * snapshot of the running domains with their names.  The hypervisor is
 * the truth for what runs (ARCHITECTURE D6): every list is read from it,
 * never from the daemon's memory.
 */
#ifndef XMCTLD_HV_H
#define XMCTLD_HV_H

#include <stdint.h>
#include <xenctrl.h>

struct hvdom {
	xc_dominfo_t info;
	char name[XC_DOMAIN_NAME_MAX];
};

struct hvsnap {
	struct hvdom *doms;     /* in domid order */
	unsigned n;
};

/* Connect (control handle and event-channel handle).  0 or negative errno. */
int hv_open(const char *rundir);
void hv_close(void);
xc_interface *hv_xc(void);
/* The event-channel descriptor carrying VIRQ_DOM_EXC, for the loop. */
int hv_evtchn_fd(void);
/*
 * Take pending notifications; returns 1 if VIRQ_DOM_EXC fired, 0 if not,
 * negative errno if the hypervisor went away.
 */
int hv_take_events(void);

/*
 * Refresh the snapshot (the previous one stays valid until this returns).
 * Names are reused from the last snapshot for a domain with the same id
 * and UUID; the others come from one xc_domain_getnamelist.  So listing
 * many domains, even the first time (a daemon start), costs a few batched
 * hypercalls, not one per domain.  Returns 0 or a negative errno.
 */
int hv_refresh(void);
const struct hvsnap *hv_snapshot(void);
/* Called by every refresh with the old and new snapshots (events.c). */
typedef void hv_change_fn(const struct hvsnap *old, const struct hvsnap *cur);
void hv_set_change_hook(hv_change_fn *fn);
/* Forget a cached name (after the daemon renames a domain). */
void hv_forget_name(uint32_t domid);
/* Lookups in the current snapshot; NULL if absent. */
const struct hvdom *hv_find_domid(uint32_t domid);
const struct hvdom *hv_find_uuid(const uint8_t uuid[16]);
const struct hvdom *hv_find_name(const char *name);

/* The domain's state as one word, and as xm's six letters "rbpscd". */
const char *hv_state_name(const xc_dominfo_t *i);
void hv_state_letters(const xc_dominfo_t *i, char out[7]);

/* The last error message of the control handle. */
const char *hv_errmsg(void);

#endif /* XMCTLD_HV_H */
