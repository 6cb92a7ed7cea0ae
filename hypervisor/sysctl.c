/*
 * sysctl (hypercall 35): arg0 = handle to struct xen_sysctl.
 * Interface version checked first (-EACCES, as Xen).
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"
#include "log.h"

#define INFOLIST_BATCH 32
#define MEMMAP_REGION_BATCH 64
#define READCONSOLE_CHUNK 1024

typedef int (*sysctl_fn)(struct hv_call *c, struct xen_sysctl *op);

/* Xen 3.1 read_console_ring: from the read cursor on; clear moves it. */
static int sc_readconsole(struct hv_call *c, struct xen_sysctl *op)
{
	struct xen_sysctl_readconsole *rc = &op->u.readconsole;
	struct console *con = &c->hv->console;
	uint32_t max = be32_get(rc->count), n = 0;
	uint64_t from = con->cons;
	char buf[READCONSOLE_CHUNK];

	while (n < max) {
		uint64_t want = max - n < sizeof(buf) ? max - n : sizeof(buf);
		uint64_t got = console_peek(con, from + n, buf, want);
		if (got == 0)
			break;
		if (hv_copy_to(c, be64_get(rc->buffer), n, buf, got) != 0)
			return -EFAULT;
		n += (uint32_t)got;
	}
	if (be32_get(rc->clear))
		con->cons = con->prod;
	rc->count = be32_mk(n);
	return 0;
}

static int sc_physinfo(struct hv_call *c, struct xen_sysctl *op)
{
	struct xen_sysctl_physinfo *pi = &op->u.physinfo;

	memset(pi, 0, sizeof(*pi));
	pi->threads_per_core = be32_mk(1);
	pi->cores_per_socket = be32_mk(c->hv->cfg.nr_cpus);
	pi->sockets_per_node = be32_mk(1);
	pi->nr_nodes = be32_mk(1);
	pi->cpu_khz = be32_mk(c->hv->cpu_khz);
	pi->total_pages = be64_mk(c->hv->buddy.nr_pages);
	pi->free_pages = be64_mk(c->hv->buddy.free_pages);
	/* freed pages not clean yet, and free ones the boot scrub has not reached */
	pi->scrub_pages = be64_mk(c->hv->scrub.pending_pages + scrub_boot_left(&c->hv->scrub));
	return 0;
}

static int sc_sched_id(struct hv_call *c, struct xen_sysctl *op)
{
	(void)c;
	op->u.sched_id.sched_id = be32_mk(XEN_SCHEDULER_CREDIT);
	return 0;
}

static int sc_infolist(struct hv_call *c, struct xen_sysctl *op)
{
	struct xen_sysctl_getdomaininfolist *gl = &op->u.getdomaininfolist;
	struct xen_domctl_getdomaininfo batch[INFOLIST_BATCH];
	uint32_t max = be32_get(gl->max_domains), n = 0, k = 0;
	uint64_t h = be64_get(gl->buffer);

	for (struct domain *d = domain_next(c->hv, be16_get(gl->first_domain));
	     d && n + k < max; d = domain_next(c->hv, d->id + 1U)) {
		domain_info(c->hv, d, &batch[k]);
		if (++k == INFOLIST_BATCH) {
			if (hv_copy_to(c, h, (uint64_t)n * sizeof(batch[0]), batch, sizeof(batch)) != 0)
				return -EFAULT;
			n += k;
			k = 0;
		}
	}
	if (k && hv_copy_to(c, h, (uint64_t)n * sizeof(batch[0]), batch, k * sizeof(batch[0])) != 0)
		return -EFAULT;
	gl->num_domains = be32_mk(n + k);
	return 0;
}

static int sc_warnings(struct hv_call *c, struct xen_sysctl *op)
{
	(void)c;
	op->u.warnings.count = be64_mk(hv_warn_count());
	return 0;
}

int sysctl_memmap(struct hv_call *c, struct xen_sysctl *op);
int sysctl_namelist(struct hv_call *c, struct xen_sysctl *op);

static const struct {
	const char *name;
	sysctl_fn fn;
} sysctl_cmds[XEN_SYSCTL_NR_CMDS] = {
	[XEN_SYSCTL_readconsole]       = { "readconsole", sc_readconsole },
	[XEN_SYSCTL_physinfo]          = { "physinfo", sc_physinfo },
	[XEN_SYSCTL_sched_id]          = { "sched_id", sc_sched_id },
	[XEN_SYSCTL_getdomaininfolist] = { "getdomaininfolist", sc_infolist },
	[XEN_SYSCTL_memmap]            = { "memmap", sysctl_memmap },
	[XEN_SYSCTL_warnings]          = { "warnings", sc_warnings },
	[XEN_SYSCTL_getdomainnamelist] = { "getdomainnamelist", sysctl_namelist },
};

int64_t do_sysctl(struct hv_call *c)
{
	struct xen_sysctl op;
	uint32_t cmd;
	int r;

	if (hv_copy_from(c, &op, c->arg[0], 0, sizeof(op)) != 0)
		return -EFAULT;
	if (be32_get(op.interface_version) != XEN_SYSCTL_INTERFACE_VERSION)
		return -EACCES;
	cmd = be32_get(op.cmd);
	if (cmd >= XEN_SYSCTL_NR_CMDS || !sysctl_cmds[cmd].fn)
		return -ENOSYS;
	r = sysctl_cmds[cmd].fn(c, &op);
	if (r == 0)
		r = hv_copy_to(c, c->arg[0], 0, &op, sizeof(op));
	return r;
}
