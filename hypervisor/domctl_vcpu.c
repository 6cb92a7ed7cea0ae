/*
 * domctl vcpu commands: max_vcpus, set/getvcpucontext, getvcpuinfo and
 * set/getvcpuaffinity, with Xen 3.1's error choices: a vcpu number at or
 * above MAX_VIRT_CPUS is -EINVAL, one that was never created -ESRCH
 * (setvcpucontext: -EINVAL for both, as Xen).
 */
#include <errno.h>
#include <string.h>

#include "domctl_priv.h"

static int find_vcpu(const struct domain *d, uint32_t id, struct vcpu **v)
{
	if (id >= MAX_VIRT_CPUS)
		return -EINVAL;
	if (id >= d->max_vcpus)
		return -ESRCH;
	*v = d->vcpu[id];
	return 0;
}

int domctl_max_vcpus(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	return vcpu_set_max(c->hv, d, be32_get(op->u.max_vcpus.max));
}

/*
 * A NULL context handle resets the vcpu (offline, uninitialised), as Xen
 * 3.1 does; a context brings it online (Xen's VGCF_online).
 */
int domctl_setvcpucontext(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	struct vcpu *v;
	uint64_t h = be64_get(op->u.vcpucontext.ctxt);
	struct vcpu_guest_context ctx;

	if (find_vcpu(d, be32_get(op->u.vcpucontext.vcpu), &v) != 0)
		return -EINVAL;
	if (h == 0) {
		memset(&v->ctx, 0, sizeof(v->ctx));
		v->initialised = false;
		vcpu_set_up(c->hv, d, v, false);
		return 0;
	}
	if (hv_copy_from(c, &ctx, h, 0, sizeof(ctx)) != 0)
		return -EFAULT;
	v->ctx = ctx;
	v->initialised = true;
	vcpu_set_up(c->hv, d, v, true);
	return 0;
}

int domctl_getvcpucontext(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	struct vcpu *v;
	int r = find_vcpu(d, be32_get(op->u.vcpucontext.vcpu), &v);

	if (r != 0)
		return r;
	if (!v->initialised)
		return -XEN_ENODATA;
	return hv_copy_to(c, be64_get(op->u.vcpucontext.ctxt), 0, &v->ctx, sizeof(v->ctx));
}

int domctl_getvcpuinfo(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	struct xen_domctl_getvcpuinfo *gi = &op->u.getvcpuinfo;
	struct vcpu *v;
	uint64_t t[4];
	int r = find_vcpu(d, be32_get(gi->vcpu), &v);

	(void)c;
	if (r != 0)
		return r;
	vcpu_runstate_now(v, hv_now_ns(), t);
	gi->online = v->up;
	gi->blocked = v->runstate == RUNSTATE_blocked;
	gi->running = v->runstate == RUNSTATE_running;
	gi->cpu_time = be64_mk(t[RUNSTATE_running]);
	gi->cpu = be32_mk(v->cpu);
	return 0;
}

/* Bytes of the caller's map we use: its bits, bounded by ours. */
static uint32_t cpumap_bytes(const struct xenctl_cpumap *m)
{
	uint32_t n = (be32_get(m->nr_cpus) + 7U) / 8U;
	return n < HV_CPUMAP_BYTES ? n : HV_CPUMAP_BYTES;
}

int domctl_setvcpuaffinity(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	const struct xenctl_cpumap *m = &op->u.vcpuaffinity.cpumap;
	uint8_t map[HV_CPUMAP_BYTES] = { 0 };
	struct vcpu *v;
	unsigned first = HV_MAX_CPUS;
	int r = find_vcpu(d, be32_get(op->u.vcpuaffinity.vcpu), &v);

	if (r != 0)
		return r;
	if (hv_copy_from(c, map, be64_get(m->bitmap), 0, cpumap_bytes(m)) != 0)
		return -EFAULT;
	for (unsigned cpu = 0; cpu < c->hv->cfg.nr_cpus; cpu++)
		if ((map[cpu / 8] >> (cpu % 8)) & 1) {
			first = cpu;
			break;
		}
	if (first == HV_MAX_CPUS)
		return -EINVAL;      /* no online cpu in the map */
	memcpy(v->affinity, map, sizeof(map));
	if (!((map[v->cpu / 8] >> (v->cpu % 8)) & 1))
		v->cpu = first;
	return 0;
}

int domctl_getvcpuaffinity(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	const struct xenctl_cpumap *m = &op->u.vcpuaffinity.cpumap;
	uint8_t map[HV_CPUMAP_BYTES];
	struct vcpu *v;
	int r = find_vcpu(d, be32_get(op->u.vcpuaffinity.vcpu), &v);

	if (r != 0)
		return r;
	/* Only cpus that exist are reported. */
	memset(map, 0, sizeof(map));
	for (unsigned cpu = 0; cpu < c->hv->cfg.nr_cpus; cpu++)
		map[cpu / 8] |= v->affinity[cpu / 8] & (uint8_t)(1U << (cpu % 8));
	return hv_copy_to(c, be64_get(m->bitmap), 0, map, cpumap_bytes(m));
}
