/*
 * Vcpus and their runstate accounting.
 *
 * Guest code does not execute in xenppc-hv, and the states say so: a vcpu
 * of a running domain is blocked (waiting for an event that its guest would
 * handle), a paused, shut-down or offline one is offline, and only dom0's
 * vcpu 0 -- the context every privcmd hypercall runs in -- is running.
 * Times come from the monotonic clock, so cpu_time is honest: it grows for
 * dom0 and stays 0 for domains whose code never ran.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"

static unsigned runstate_of(const struct domain *d, const struct vcpu *v)
{
	if (!v->up || d->paused || d->shut_down || d->dying)
		return RUNSTATE_offline;
	if (d->id == 0 && v->id == 0)
		return RUNSTATE_running;
	return RUNSTATE_blocked;
}

static void change(struct vcpu *v, unsigned state, uint64_t now)
{
	if (now > v->state_entry_ns)
		v->time[v->runstate] += now - v->state_entry_ns;
	v->state_entry_ns = now;
	v->runstate = state;
}

void vcpu_update_runstates(struct hv *hv, struct domain *d)
{
	uint64_t now = hv_now_ns();
	(void)hv;
	for (unsigned i = 0; i < d->max_vcpus; i++) {
		unsigned s = runstate_of(d, d->vcpu[i]);
		if (s != d->vcpu[i]->runstate)
			change(d->vcpu[i], s, now);
	}
}

void vcpu_runstate_now(const struct vcpu *v, uint64_t now, uint64_t time[4])
{
	memcpy(time, v->time, sizeof(v->time));
	if (now > v->state_entry_ns)
		time[v->runstate] += now - v->state_entry_ns;
}

void vcpu_set_up(struct hv *hv, struct domain *d, struct vcpu *v, bool up)
{
	v->up = up;
	vcpu_update_runstates(hv, d);
}

/* Xen 3.1: vcpus can only be added, never removed (-EINVAL). */
int vcpu_set_max(struct hv *hv, struct domain *d, unsigned max)
{
	uint64_t now = hv_now_ns();

	if (max > MAX_VIRT_CPUS || max < d->max_vcpus)
		return -EINVAL;
	for (unsigned i = d->max_vcpus; i < max; i++) {
		struct vcpu *v = calloc(1, sizeof(*v));
		if (!v)
			return -ENOMEM;  /* the vcpus made so far stay: max grew */
		v->id = i;
		v->up = (i == 0);    /* vcpu 0 comes up with the domain */
		v->runstate = RUNSTATE_offline;
		v->state_entry_ns = now;
		v->cpu = i % hv->cfg.nr_cpus;
		memset(v->affinity, 0xff, sizeof(v->affinity));
		d->vcpu[i] = v;
		d->max_vcpus = i + 1;
	}
	vcpu_update_runstates(hv, d);
	return 0;
}

void vcpu_free_all(struct domain *d)
{
	for (unsigned i = 0; i < d->max_vcpus; i++) {
		free(d->vcpu[i]);
		d->vcpu[i] = NULL;
	}
	d->max_vcpus = 0;
}
