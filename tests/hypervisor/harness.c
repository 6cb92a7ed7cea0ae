#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static uint8_t *win_xlate(void *ctx, uint64_t gpa, int write)
{
	struct harness *h = ctx;
	(void)write;
	if (gpa < HARNESS_WIN_GPA || gpa - HARNESS_WIN_GPA >= HARNESS_WIN_SIZE)
		return NULL;
	return h->win + (gpa - HARNESS_WIN_GPA);
}

static void record(void *ctx, void *owner, uint32_t port)
{
	struct harness *h = ctx;
	(void)owner;
	if (h->nr_notified < 64)
		h->notified[h->nr_notified++] = port;
}

void harness_init(struct harness *h, uint64_t memory)
{
	struct hv_config cfg;

	bool async = h->async, boot_scrub = h->boot_scrub;
	memset(h, 0, sizeof(*h));
	h->async = async;
	h->boot_scrub = boot_scrub;
	hv_config_default(&cfg);
	cfg.memory_bytes = memory;
	cfg.dom0_bytes = HARNESS_DOM0;
	cfg.scrub_async = h->async;
	cfg.boot_scrub = h->boot_scrub;
	ck_assert_int_eq(hv_init(&h->hv, &cfg), 0);
	h->win = calloc(1, HARNESS_WIN_SIZE);
	ck_assert_ptr_nonnull(h->win);
	h->hv.notify = record;
	h->hv.notify_ctx = h;
}

void harness_fini(struct harness *h)
{
	hv_fini(&h->hv);
	free(h->win);
}

uint64_t harness_handle(const struct harness *h, const void *p)
{
	return XENCOMM_INLINE_FLAG | (HARNESS_WIN_GPA + (uint64_t)((const uint8_t *)p - h->win));
}

int64_t harness_call(struct harness *h, uint32_t caller, uint64_t op,
                     uint64_t a0, uint64_t a1, uint64_t a2)
{
	return harness_call_as(h, caller, h, op, a0, a1, a2);
}

int64_t harness_call_as(struct harness *h, uint32_t caller, void *owner, uint64_t op,
                        uint64_t a0, uint64_t a1, uint64_t a2)
{
	struct hv_call c = {
		.hv = &h->hv,
		.caller = domain_get(&h->hv, caller),
		.guest = { .xlate = win_xlate, .ctx = h },
		.owner = owner,
		.op = op,
		.arg = { a0, a1, a2 },
	};
	ck_assert_ptr_nonnull(c.caller);
	return hv_dispatch(&c);
}

int64_t harness_domctl(struct harness *h, uint32_t cmd, uint32_t domid, struct xen_domctl *op)
{
	struct xen_domctl *w = (struct xen_domctl *)h->win;
	int64_t r;

	op->cmd = be32_mk(cmd);
	op->interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION);
	op->domain = be16_mk((uint16_t)domid);
	*w = *op;
	r = harness_call(h, 0, __HYPERVISOR_domctl, harness_handle(h, w), 0, 0);
	*op = *w;
	return r;
}

int64_t harness_memcopy(struct harness *h, uint32_t domid, uint64_t gpa, uint64_t len,
                        uint32_t flags, uint8_t *buf, uint8_t *zmap)
{
	struct xen_domctl op;

	memset(&op, 0, sizeof(op));
	op.u.memcopy.gpaddr = be64_mk(gpa);
	op.u.memcopy.len = be64_mk(len);
	op.u.memcopy.buffer = be64_mk(harness_handle(h, buf));
	op.u.memcopy.zero_map = be64_mk(zmap ? harness_handle(h, zmap) : 0);
	op.u.memcopy.flags = be32_mk(flags);
	return harness_domctl(h, XEN_DOMCTL_memcopy, domid, &op);
}

int64_t harness_sysctl(struct harness *h, uint32_t cmd, struct xen_sysctl *op)
{
	struct xen_sysctl *w = (struct xen_sysctl *)h->win;
	int64_t r;

	op->cmd = be32_mk(cmd);
	op->interface_version = be32_mk(XEN_SYSCTL_INTERFACE_VERSION);
	*w = *op;
	r = harness_call(h, 0, __HYPERVISOR_sysctl, harness_handle(h, w), 0, 0);
	*op = *w;
	return r;
}

int64_t harness_physinfo(struct harness *h, struct xen_sysctl_physinfo *pi)
{
	struct xen_sysctl sc;
	int64_t r;

	memset(&sc, 0, sizeof(sc));
	r = harness_sysctl(h, XEN_SYSCTL_physinfo, &sc);
	*pi = sc.u.physinfo;
	return r;
}

int harness_create(struct harness *h, uint32_t rma_log)
{
	struct xen_domctl op;

	memset(&op, 0, sizeof(op));
	op.u.createdomain.rma_log = be32_mk(rma_log);
	memset(op.u.createdomain.handle, 0xab, sizeof(op.u.createdomain.handle));
	int64_t r = harness_domctl(h, XEN_DOMCTL_createdomain, 0, &op);
	return r < 0 ? (int)r : be16_get(op.domain);
}
