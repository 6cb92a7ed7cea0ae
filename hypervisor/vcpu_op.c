/*
 * vcpu_op (hypercall 24): arg0 = VCPUOP_*, arg1 = vcpu id, arg2 = handle.
 * As in Xen it acts on the caller's own vcpus -- for a privcmd client,
 * dom0's.  Errors as Xen 3.1: a vcpu id out of range is -EINVAL, one that
 * does not exist -ENOENT.
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"

static int64_t vo_initialise(struct hv_call *c, struct vcpu *v)
{
	struct vcpu_guest_context ctx;

	if (v->initialised)
		return -EEXIST;
	if (hv_copy_from(c, &ctx, c->arg[2], 0, sizeof(ctx)) != 0)
		return -EFAULT;
	v->ctx = ctx;
	v->initialised = true;
	return 0;
}

static int64_t vo_up(struct hv_call *c, struct vcpu *v)
{
	if (!v->initialised && !v->up)
		return -EINVAL;
	vcpu_set_up(c->hv, c->caller, v, true);
	return 0;
}

static int64_t vo_down(struct hv_call *c, struct vcpu *v)
{
	vcpu_set_up(c->hv, c->caller, v, false);
	return 0;
}

static int64_t vo_is_up(struct hv_call *c, struct vcpu *v)
{
	(void)c;
	return v->up ? 1 : 0;
}

static int64_t vo_runstate(struct hv_call *c, struct vcpu *v)
{
	struct vcpu_runstate_info ri;
	uint64_t now = hv_now_ns(), t[4];

	memset(&ri, 0, sizeof(ri));
	vcpu_runstate_now(v, now, t);
	ri.state = be32_mk(v->runstate);
	ri.state_entry_time = be64_mk(v->state_entry_ns);
	for (unsigned i = 0; i < 4; i++)
		ri.time[i] = be64_mk(t[i]);
	return hv_copy_to(c, c->arg[2], 0, &ri, sizeof(ri));
}

typedef int64_t (*vcpu_op_fn)(struct hv_call *c, struct vcpu *v);

static const struct {
	const char *name;
	vcpu_op_fn fn;
} vcpu_cmds[] = {
	[VCPUOP_initialise]        = { "initialise", vo_initialise },
	[VCPUOP_up]                = { "up", vo_up },
	[VCPUOP_down]              = { "down", vo_down },
	[VCPUOP_is_up]             = { "is_up", vo_is_up },
	[VCPUOP_get_runstate_info] = { "get_runstate_info", vo_runstate },
};

int64_t do_vcpu_op(struct hv_call *c)
{
	uint64_t id = c->arg[1];

	if (c->arg[0] >= sizeof(vcpu_cmds) / sizeof(vcpu_cmds[0]))
		return -ENOSYS;
	if (id >= MAX_VIRT_CPUS)
		return -EINVAL;
	if (id >= c->caller->max_vcpus)
		return -ENOENT;
	return vcpu_cmds[c->arg[0]].fn(c, c->caller->vcpu[id]);
}
