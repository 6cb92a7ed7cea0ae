/*
 * Vcpu wrappers: register context (converted between the caller's native
 * struct and the big-endian interface struct, which crosses through a
 * nested handle), vcpu info and affinity.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "xc_private.h"

/* Bits in the cpumap we pass: Xen 3.x's xc_vcpu_setaffinity takes 64. */
#define XC_CPUMAP_BITS 64U

static void ctx_encode(const xc_vcpu_context_t *c, struct vcpu_guest_context *g)
{
	struct cpu_user_regs *r = &g->user_regs;

	memset(g, 0, sizeof(*g));
	for (int i = 0; i < 32; i++)
		r->gprs[i] = be64_mk(c->gprs[i]);
	r->lr = be64_mk(c->lr);     r->ctr = be64_mk(c->ctr);
	r->srr0 = be64_mk(c->srr0); r->srr1 = be64_mk(c->srr1);
	r->pc = be64_mk(c->pc);     r->msr = be64_mk(c->msr);
	r->fpscr = be64_mk(c->fpscr); r->xer = be64_mk(c->xer);
	r->hid4 = be64_mk(c->hid4); r->dar = be64_mk(c->dar);
	r->dsisr = be32_mk(c->dsisr); r->cr = be32_mk(c->cr);
	r->entry_vector = be32_mk(c->entry_vector);
	g->sdr1 = be64_mk(c->sdr1);
}

static void ctx_decode(const struct vcpu_guest_context *g, xc_vcpu_context_t *c)
{
	const struct cpu_user_regs *r = &g->user_regs;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < 32; i++)
		c->gprs[i] = be64_get(r->gprs[i]);
	c->lr = be64_get(r->lr);     c->ctr = be64_get(r->ctr);
	c->srr0 = be64_get(r->srr0); c->srr1 = be64_get(r->srr1);
	c->pc = be64_get(r->pc);     c->msr = be64_get(r->msr);
	c->fpscr = be64_get(r->fpscr); c->xer = be64_get(r->xer);
	c->hid4 = be64_get(r->hid4); c->dar = be64_get(r->dar);
	c->dsisr = be32_get(r->dsisr); c->cr = be32_get(r->cr);
	c->entry_vector = be32_get(r->entry_vector);
	c->sdr1 = be64_get(g->sdr1);
}

/*
 * set/getvcpucontext share everything but the direction of the context.
 * g NULL sends the NULL handle (a zero-sized bounce), which setvcpucontext
 * takes as "reset the vcpu".
 */
static int vcpucontext(xc_interface *xch, uint32_t cmd, uint32_t domid,
		       uint32_t vcpu, struct vcpu_guest_context *g)
{
	DECLARE_BOUNCE_BOTH(b, struct vcpu_guest_context, g, g ? 1 : 0);
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if ((rc = xc_bounce_pre(xch, &b)) < 0)
		return rc;
	d = xc_domctl_init(cmd, domid);
	d.u.vcpucontext.vcpu = be32_mk(vcpu);
	d.u.vcpucontext.ctxt = be64_mk(b.handle);
	rc = do_domctl(xch, &d);
	xc_bounce_post(xch, &b);
	return rc < 0 ? rc : 0;
}

int xc_vcpu_setcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		       const xc_vcpu_context_t *ctxt)
{
	struct vcpu_guest_context g;

	if (!ctxt)     /* take the vcpu offline, as Xen 3.1 does */
		return vcpucontext(xch, XEN_DOMCTL_setvcpucontext, domid, vcpu, NULL);
	ctx_encode(ctxt, &g);
	return vcpucontext(xch, XEN_DOMCTL_setvcpucontext, domid, vcpu, &g);
}

int xc_vcpu_getcontext(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		       xc_vcpu_context_t *ctxt)
{
	struct vcpu_guest_context g;
	int rc;

	if (!ctxt)
		return xc_seterror(xch, -EINVAL, "xc_vcpu_getcontext: ctxt is NULL");
	memset(&g, 0, sizeof(g));
	rc = vcpucontext(xch, XEN_DOMCTL_getvcpucontext, domid, vcpu, &g);
	if (rc == 0)
		ctx_decode(&g, ctxt);
	return rc;
}

int xc_vcpu_getinfo(xc_interface *xch, uint32_t domid, uint32_t vcpu,
		    xc_vcpuinfo_t *info)
{
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	if (!info)
		return xc_seterror(xch, -EINVAL, "xc_vcpu_getinfo: info is NULL");
	d = xc_domctl_init(XEN_DOMCTL_getvcpuinfo, domid);
	d.u.getvcpuinfo.vcpu = be32_mk(vcpu);
	if ((rc = do_domctl(xch, &d)) < 0)
		return rc;
	memset(info, 0, sizeof(*info));
	info->online = !!d.u.getvcpuinfo.online;
	info->blocked = !!d.u.getvcpuinfo.blocked;
	info->running = !!d.u.getvcpuinfo.running;
	info->cpu = be32_get(d.u.getvcpuinfo.cpu);
	info->cpu_time = be64_get(d.u.getvcpuinfo.cpu_time);
	return 0;
}

/* The bitmap crosses as bytes, bit n of byte n/8 = cpu n, on every host. */
static int vcpuaffinity(xc_interface *xch, uint32_t cmd, uint32_t domid,
			uint32_t vcpu, uint64_t *cpumap)
{
	uint8_t bits[XC_CPUMAP_BITS / 8];
	DECLARE_BOUNCE_BOTH(b, uint8_t, bits, sizeof(bits));
	struct xen_domctl d;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	for (unsigned i = 0; i < sizeof(bits); i++)
		bits[i] = (uint8_t)(*cpumap >> (8 * i));
	if ((rc = xc_bounce_pre(xch, &b)) < 0)
		return rc;
	d = xc_domctl_init(cmd, domid);
	d.u.vcpuaffinity.vcpu = be32_mk(vcpu);
	d.u.vcpuaffinity.cpumap.bitmap = be64_mk(b.handle);
	d.u.vcpuaffinity.cpumap.nr_cpus = be32_mk(XC_CPUMAP_BITS);
	rc = do_domctl(xch, &d);
	xc_bounce_post(xch, &b);
	if (rc < 0)
		return rc;
	*cpumap = 0;
	for (unsigned i = 0; i < sizeof(bits); i++)
		*cpumap |= (uint64_t)bits[i] << (8 * i);
	return 0;
}

int xc_vcpu_setaffinity(xc_interface *xch, uint32_t domid, uint32_t vcpu,
			uint64_t cpumap)
{
	if (cpumap == 0)
		return xc_seterror(xch, -EINVAL, "empty cpu map for vcpu %u", vcpu);
	return vcpuaffinity(xch, XEN_DOMCTL_setvcpuaffinity, domid, vcpu, &cpumap);
}

int xc_vcpu_getaffinity(xc_interface *xch, uint32_t domid, uint32_t vcpu,
			uint64_t *cpumap)
{
	if (!cpumap)
		return xc_seterror(xch, -EINVAL, "xc_vcpu_getaffinity: cpumap is NULL");
	*cpumap = 0;
	return vcpuaffinity(xch, XEN_DOMCTL_getvcpuaffinity, domid, vcpu, cpumap);
}
