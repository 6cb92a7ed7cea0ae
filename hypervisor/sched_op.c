/*
 * sched_op (hypercall 29): arg0 = SCHEDOP_*, arg1 = handle; and the
 * compat form (hypercall 6) whose arg1 is the value itself.
 *
 * yield and block act on the caller's vcpu.  Nothing else runs in
 * xenppc-hv, so yield returns at once, and block returns at once too: a
 * privcmd client waits for events on its socket, and Xen allows block to
 * return with nothing pending (guests re-check their event state).
 * A shutdown of dom0 would stop the machine on Xen; here a privcmd client
 * is not dom0's kernel, so it is refused with -EPERM (stop xenppc-hv with
 * SIGTERM instead).
 */
#include <errno.h>

#include "domain.h"
#include "hcall.h"

static int64_t shutdown_self(struct hv_call *c, uint32_t reason)
{
	if (c->caller->id == 0)
		return -EPERM;
	return domain_shutdown(c->hv, c->caller, reason);
}

static int64_t so_yield(struct hv_call *c)
{
	(void)c;
	return 0;
}

static int64_t so_shutdown(struct hv_call *c)
{
	struct sched_shutdown s;
	if (hv_copy_from(c, &s, c->arg[1], 0, sizeof(s)) != 0)
		return -EFAULT;
	return shutdown_self(c, be32_get(s.reason));
}

static int64_t so_remote_shutdown(struct hv_call *c)
{
	struct sched_remote_shutdown s;
	struct domain *d;

	if (c->caller->id != 0)
		return -EPERM;
	if (hv_copy_from(c, &s, c->arg[1], 0, sizeof(s)) != 0)
		return -EFAULT;
	d = domain_get(c->hv, be16_get(s.domain_id));
	if (!d)
		return -ESRCH;
	if (d->id == 0)
		return -EPERM;
	return domain_shutdown(c->hv, d, be32_get(s.reason));
}

static const struct subcmd_row sched_cmds[SCHEDOP_NR_CMDS] = {
	[SCHEDOP_yield]           = { "yield", so_yield },
	[SCHEDOP_block]           = { "block", so_yield },
	[SCHEDOP_shutdown]        = { "shutdown", so_shutdown },
	[SCHEDOP_remote_shutdown] = { "remote_shutdown", so_remote_shutdown },
};

int64_t do_sched_op(struct hv_call *c)
{
	if (c->arg[0] >= SCHEDOP_NR_CMDS || !sched_cmds[c->arg[0]].fn)
		return -ENOSYS;
	return sched_cmds[c->arg[0]].fn(c);
}

int64_t do_sched_op_compat(struct hv_call *c)
{
	switch (c->arg[0]) {
	case SCHEDOP_yield:
	case SCHEDOP_block:
		return 0;
	case SCHEDOP_shutdown:
		return shutdown_self(c, c->arg[1] > UINT32_MAX ? UINT32_MAX : (uint32_t)c->arg[1]);
	default:
		return -ENOSYS;
	}
}
