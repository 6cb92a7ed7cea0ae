/*
 * The hypercall table.  PowerPC Xen implements a subset (facts §2); every
 * other number answers -ENOSYS.  sched_op_compat (6) takes its value in
 * arg1 instead of a handle, as Xen's compat entry does.
 */
#include <errno.h>

#include "domain.h"
#include "hcall.h"
#include "log.h"

const struct hcall_row hcall_table[XENPPC_NR_HYPERCALLS] = {
	[__HYPERVISOR_sched_op_compat]  = { "sched_op_compat", do_sched_op_compat, HCALL_MUTATES },
	[__HYPERVISOR_memory_op]        = { "memory_op", do_memory_op, HCALL_MUTATES },
	[__HYPERVISOR_xen_version]      = { "xen_version", do_xen_version, 0 },
	[__HYPERVISOR_console_io]       = { "console_io", do_console_io, HCALL_DOM0_ONLY | HCALL_MUTATES },
	[__HYPERVISOR_grant_table_op]   = { "grant_table_op", do_grant_table_op, HCALL_MUTATES },
	[__HYPERVISOR_vcpu_op]          = { "vcpu_op", do_vcpu_op, HCALL_MUTATES },
	[__HYPERVISOR_sched_op]         = { "sched_op", do_sched_op, HCALL_MUTATES },
	[__HYPERVISOR_event_channel_op] = { "event_channel_op", do_event_channel_op, HCALL_MUTATES },
	[__HYPERVISOR_sysctl]           = { "sysctl", do_sysctl, HCALL_DOM0_ONLY | HCALL_MUTATES },
	[__HYPERVISOR_domctl]           = { "domctl", do_domctl, HCALL_DOM0_ONLY | HCALL_MUTATES },
};

static int trace;

void hv_dispatch_set_trace(int on)
{
	trace = on;
}

uint32_t hcall_resolve_domid(const struct hv_call *c, uint32_t domid)
{
	return domid == DOMID_SELF ? c->caller->id : domid;
}

int64_t hv_dispatch(struct hv_call *c)
{
	const struct hcall_row *row;
	int64_t ret;

	c->hv->nr_hypercalls++;
	if (c->op >= XENPPC_NR_HYPERCALLS || !hcall_table[c->op].fn)
		return -ENOSYS;
	row = &hcall_table[c->op];
	/* Only the privileged domain (dom0) controls others. */
	if ((row->flags & HCALL_DOM0_ONLY) && c->caller->id != 0)
		return -EPERM;
	ret = row->fn(c);
	if (trace && (row->flags & HCALL_MUTATES))
		hv_log(HV_LOG_DEBUG, "dom%u %s(%#llx, %#llx, %#llx) = %lld", c->caller->id,
		       row->name, (unsigned long long)c->arg[0], (unsigned long long)c->arg[1],
		       (unsigned long long)c->arg[2], (long long)ret);
	return ret;
}
