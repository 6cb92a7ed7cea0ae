/*
 * Domain lifecycle: create (paused, with its RMA), pause, unpause,
 * shutdown, destroy, names, and the getdomaininfo record.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "log.h"

struct domain *domain_get(const struct hv *hv, uint32_t domid)
{
	return domid < HV_MAX_DOMAINS ? hv->domains[domid] : NULL;
}

struct domain *domain_next(const struct hv *hv, uint32_t domid)
{
	for (uint32_t id = domid; id < HV_MAX_DOMAINS; id++)
		if (hv->domains[id])
			return hv->domains[id];
	return NULL;
}

static int pick_id(const struct hv *hv, uint32_t *domid)
{
	if (*domid != 0) {
		if (*domid >= HV_MAX_DOMAINS)
			return -EINVAL;
		return hv->domains[*domid] ? -EEXIST : 0;
	}
	for (uint32_t id = 1; id < HV_MAX_DOMAINS; id++) {
		if (!hv->domains[id]) {
			*domid = id;
			return 0;
		}
	}
	return -ENOMEM;              /* Xen: no free domain id */
}

int domain_create_at(struct hv *hv, uint32_t domid, unsigned rma_log,
                     const uint8_t handle[16], uint32_t ssidref, uint32_t flags)
{
	struct domain *d;
	int r;

	if (rma_log == 0)
		rma_log = hv->cfg.rma_log;
	if (!XENPPC_RMA_LOG_IS_VALID(rma_log) || domid >= HV_MAX_DOMAINS)
		return -EINVAL;
	if (hv->domains[domid])
		return -EEXIST;
	d = calloc(1, sizeof(*d));
	if (!d)
		return -ENOMEM;
	d->id = (uint16_t)domid;
	d->paused = true;            /* Xen creates domains paused */
	d->ssidref = ssidref;
	d->cdf_flags = flags;
	memcpy(d->handle, handle, sizeof(d->handle));
	/* The RMA is allocated now, so max_mem starts at its size. */
	d->max_pages = 1ULL << (rma_log - XEN_PAGE_SHIFT);
	r = mm_alloc_rma(hv, d, rma_log);
	if (r != 0) {
		free(d);
		return r;
	}
	hv->domains[d->id] = d;
	hv->nr_domains++;
	console_printk(&hv->console, "domain %u created, RMA %u MiB at mfn %#llx", d->id,
	               1U << (rma_log - 20), (unsigned long long)d->rma_mfn);
	return 0;
}

int domain_create(struct hv *hv, uint32_t *domid, unsigned rma_log,
                  const uint8_t handle[16], uint32_t ssidref, uint32_t flags)
{
	uint32_t id = *domid;
	int r;

	if (rma_log != 0 && !XENPPC_RMA_LOG_IS_VALID(rma_log))
		return -EINVAL;
	r = pick_id(hv, &id);
	if (r != 0)
		return r;
	r = domain_create_at(hv, id, rma_log, handle, ssidref, flags);
	if (r == 0)
		*domid = id;
	return r;
}

void domain_destroy(struct hv *hv, struct domain *d)
{
	uint16_t id = d->id;

	d->dying = true;
	vcpu_update_runstates(hv, d);
	evtchn_free_all(hv, d);
	gnttab_free_all(hv, d);
	mm_free_all(hv, d);
	vcpu_free_all(d);
	hv->domains[id] = NULL;
	hv->nr_domains--;
	free(d);
	console_printk(&hv->console, "domain %u destroyed", id);
	evtchn_send_virq(hv, VIRQ_DOM_EXC);
}

int domain_shutdown(struct hv *hv, struct domain *d, unsigned reason)
{
	if (reason > SHUTDOWN_MAX)
		return -EINVAL;
	if (d->shut_down || d->dying)
		return 0;            /* Xen keeps the first reason */
	d->shut_down = true;
	d->shutdown_code = (uint8_t)reason;
	vcpu_update_runstates(hv, d);
	console_printk(&hv->console, "domain %u shut down, reason %u", d->id, reason);
	evtchn_send_virq(hv, VIRQ_DOM_EXC);
	return 0;
}

void domain_pause(struct hv *hv, struct domain *d)
{
	d->paused = true;
	vcpu_update_runstates(hv, d);
}

void domain_unpause(struct hv *hv, struct domain *d)
{
	d->paused = false;
	vcpu_update_runstates(hv, d);
}

static int name_char_ok(char ch)
{
	return ch > ' ' && ch < 0x7f;
}

int domain_set_name(struct hv *hv, struct domain *d, const char *name, size_t room)
{
	size_t len = strnlen(name, room);

	if (len == room || len >= XEN_DOMAIN_NAME_MAX)
		return -EINVAL;      /* not terminated, or too long */
	for (size_t i = 0; i < len; i++)
		if (!name_char_ok(name[i]))
			return -EINVAL;
	if (len > 0) {
		for (struct domain *o = domain_next(hv, 0); o; o = domain_next(hv, o->id + 1U))
			if (o != d && strcmp(o->name, name) == 0)
				return -EEXIST;
	}
	memset(d->name, 0, sizeof(d->name));
	memcpy(d->name, name, len);
	return 0;
}

void domain_info(const struct hv *hv, const struct domain *d,
                 struct xen_domctl_getdomaininfo *info)
{
	uint32_t flags = XEN_DOMINF_blocked, online = 0, max_id = 0;
	uint64_t now = hv_now_ns(), cpu_time = 0;

	(void)hv;
	memset(info, 0, sizeof(*info));
	/* Xen's rule: blocked iff no online vcpu is unblocked. */
	for (unsigned i = 0; i < d->max_vcpus; i++) {
		const struct vcpu *v = d->vcpu[i];
		uint64_t t[4];
		vcpu_runstate_now(v, now, t);
		cpu_time += t[RUNSTATE_running];
		max_id = v->id;
		if (!v->up)
			continue;
		online++;
		if (v->runstate != RUNSTATE_blocked)
			flags &= ~XEN_DOMINF_blocked;
		if (v->runstate == RUNSTATE_running)
			flags |= XEN_DOMINF_running;
	}
	flags |= (d->dying ? XEN_DOMINF_dying : 0) | (d->shut_down ? XEN_DOMINF_shutdown : 0) |
	         (d->paused ? XEN_DOMINF_paused : 0) |
	         ((d->cdf_flags & XEN_DOMCTL_CDF_hvm_guest) ? XEN_DOMINF_hvm_guest : 0) |
	         ((uint32_t)d->shutdown_code << XEN_DOMINF_shutdownshift);
	info->domain = be16_mk(d->id);
	info->flags = be32_mk(flags);
	info->tot_pages = be64_mk(d->tot_pages);
	info->max_pages = be64_mk(d->max_pages);
	/* PowerPC: shared_info is the last page of the RMA (facts §4). */
	info->shared_info_frame = be64_mk(d->rma_mfn + (1ULL << d->rma_order) - 1);
	info->cpu_time = be64_mk(cpu_time);
	info->nr_online_vcpus = be32_mk(online);
	info->max_vcpu_id = be32_mk(max_id);
	info->ssidref = be32_mk(d->ssidref);
	memcpy(info->handle, d->handle, sizeof(info->handle));
}

uint64_t domain_meta_bytes(const struct domain *d)
{
	uint64_t n = sizeof(*d) + (uint64_t)d->p2m_cap * sizeof(struct p2m_extent);
	for (unsigned i = 0; i < d->max_vcpus; i++)
		n += sizeof(struct vcpu);
	for (unsigned b = 0; b < EVTCHN_NR_BUCKETS; b++)
		if (d->evtchn[b])
			n += EVTCHN_BUCKET_PORTS * sizeof(struct evtchn);
	return n;
}
