/*
 * domain.set_memory and domain.set_vcpus (xm mem-set, vcpu-set).  A
 * running domain is changed in the hypervisor; a managed domain's record
 * is updated too, so the change survives its next start.
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "domtab.h"
#include "gen.h"
#include "hv.h"
#include "methods.h"
#include "ops.h"
#include "params.h"
#include "protocol.h"
#include "target.h"

static void gen_ok(yajl_gen g)
{
	yajl_gen_map_open(g);
	gen_kbool(g, "ok", 1);
	yajl_gen_map_close(g);
}

/* Write the record after a change; the hypervisor change already stands. */
static int save_change(struct call *c, struct dom *d, struct domconfig *old)
{
	if (ops_save_record(d, &c->err) < 0) {
		d->rec.cfg = *old;
		return -1;
	}
	return 0;
}

static const char *const mem_params[] = { "dom", "memory_mib", NULL };

int m_domain_set_memory(struct call *c)
{
	struct target t;
	struct domconfig old;
	uint64_t mib;
	int rc;

	if (params_only(c, mem_params) < 0 ||
	    param_u64(c, "memory_mib", 1, 1, DOMCONFIG_MEMORY_MAX_MIB, &mib) < 0 ||
	    target_resolve(c, &t) < 0)
		return -1;
	if (t.d && mib < domconfig_rma_mib(&t.d->rec.cfg))
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: memory below the %llu MiB RMA",
		                (unsigned long long)domconfig_rma_mib(&t.d->rec.cfg));
	if (t.h && mib * 1024 > t.h->info.max_memkb)
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: %llu MiB is above the domain's maxmem (%llu MiB)",
		                (unsigned long long)mib,
		                (unsigned long long)(t.h->info.max_memkb >> 10));
	if (t.d && mib > t.d->rec.cfg.maxmem_mib)
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: %llu MiB is above the domain's maxmem (%llu MiB)",
		                (unsigned long long)mib,
		                (unsigned long long)t.d->rec.cfg.maxmem_mib);
	if (t.h) {
		rc = xc_domain_set_target_memkb(hv_xc(), t.h->info.domid, mib * 1024);
		if (rc < 0)
			return rpc_fail(&c->err, rc == -ENOMEM ? XMCTLD_E_NO_MEMORY : XMCTLD_E_HYPERVISOR,
			                "setting memory: %s", hv_errmsg());
	}
	if (t.d) {
		old = t.d->rec.cfg;
		t.d->rec.cfg.memory_mib = mib;
		if (save_change(c, t.d, &old) < 0)
			return -1;
	}
	gen_ok(c->g);
	return 0;
}

static const char *const vcpu_params[] = { "dom", "vcpus", NULL };

int m_domain_set_vcpus(struct call *c)
{
	struct target t;
	struct domconfig old;
	uint64_t n;
	int rc;

	if (params_only(c, vcpu_params) < 0 ||
	    param_u64(c, "vcpus", 1, 1, DOMCONFIG_MAX_VCPUS, &n) < 0 ||
	    target_resolve(c, &t) < 0)
		return -1;
	if (t.h && n < (uint64_t)t.h->info.max_vcpu_id + 1)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE,
		                "a running domain cannot lose vcpus (it has %u)",
		                t.h->info.max_vcpu_id + 1);
	if (t.h) {
		rc = xc_domain_max_vcpus(hv_xc(), t.h->info.domid, (uint32_t)n);
		if (rc < 0)
			return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "setting vcpus: %s", hv_errmsg());
	}
	if (t.d) {
		old = t.d->rec.cfg;
		t.d->rec.cfg.vcpus = (unsigned)n;
		if (save_change(c, t.d, &old) < 0)
			return -1;
	}
	gen_ok(c->g);
	return 0;
}
