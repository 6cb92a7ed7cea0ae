/*
 * domain.set_memory, domain.set_maxmem and domain.set_vcpus (xm mem-set,
 * mem-max, vcpu-set).  A running domain is changed in the hypervisor; a
 * managed domain's record is changed too, so the change survives its next
 * start.  The new config is validated before anything changes, so a
 * request that the record could not hold changes nothing.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "domtab.h"
#include "gen.h"
#include "hv.h"
#include "log.h"
#include "methods.h"
#include "ops.h"
#include "params.h"
#include "protocol.h"
#include "target.h"
#include "vcpu_online.h"

/*
 * The params every method here takes, {"dom": D, key: integer in
 * [lo, hi]}, and the domain they name.  0, or -1 with c->err.
 */
static int tune_params(struct call *c, const char *key, uint64_t lo, uint64_t hi,
                       uint64_t *v, struct target *t)
{
	const char *const allowed[] = { "dom", key, NULL };

	if (params_only(c, allowed) < 0 || param_u64(c, key, 1, lo, hi, v) < 0)
		return -1;
	return target_resolve(c, t);
}

/* A managed domain's changed config must still be valid as a whole. */
static int check_config(struct call *c, struct domconfig *next)
{
	struct domconfig_error e;

	if (domconfig_validate(next, &e) < 0)
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS, "%s", e.msg);
	return 0;
}

/* Store the checked config; the hypervisor change (if any) already stands. */
static int keep_config(struct call *c, struct dom *d, const struct domconfig *next)
{
	struct domconfig old = d->rec.cfg;

	d->rec.cfg = *next;
	if (ops_save_record(d, &c->err) < 0) {
		d->rec.cfg = old;
		return -1;
	}
	return 0;
}

/*
 * The end of every method here: the record kept (if managed), the change
 * logged, {"ok": true}.
 */
static int done(struct call *c, const struct target *t, const struct domconfig *next,
                const char *what, uint64_t value, const char *unit)
{
	if (t->d && keep_config(c, t->d, next) < 0)
		return -1;
	log_info("set %s's %s to %llu%s%s", t->h ? t->h->name : t->d->rec.cfg.name, what,
	         (unsigned long long)value, unit, t->h ? "" : " (its config: not running)");
	yajl_gen_map_open(c->g);
	gen_kbool(c->g, "ok", 1);
	yajl_gen_map_close(c->g);
	return 0;
}

static int hv_change_failed(struct call *c, int rc, const char *what)
{
	if (rc == -ESRCH)
		return rpc_fail(&c->err, XMCTLD_E_NO_DOMAIN, "the domain vanished");
	return rpc_fail(&c->err, rc == -ENOMEM ? XMCTLD_E_NO_MEMORY : XMCTLD_E_HYPERVISOR,
	                "%s: %s", what, hv_errmsg());
}

static unsigned long long mib_of_kb(uint64_t kb)
{
	return (unsigned long long)(kb >> 10);
}

/* "M MiB is above|below the domain's WHAT (B MiB)": INVALID_PARAMS. */
static int out_of_bounds(struct call *c, uint64_t mib, const char *side, const char *what,
                         uint64_t bound_mib)
{
	return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS, "%llu MiB is %s the domain's %s (%llu MiB)",
	                (unsigned long long)mib, side, what, (unsigned long long)bound_mib);
}

int m_domain_set_memory(struct call *c)
{
	struct domconfig next;
	struct target t;
	uint64_t mib;
	int rc;

	if (tune_params(c, "memory_mib", 1, DOMCONFIG_MEMORY_MAX_MIB, &mib, &t) < 0)
		return -1;
	if (t.h && mib * 1024 > t.h->info.max_memkb)
		return out_of_bounds(c, mib, "above", "maxmem", mib_of_kb(t.h->info.max_memkb));
	if (t.d) {
		next = t.d->rec.cfg;
		next.memory_mib = mib;
		if (mib < domconfig_rma_mib(&next))
			return out_of_bounds(c, mib, "below", "RMA", domconfig_rma_mib(&next));
		if (mib > next.maxmem_mib)
			return out_of_bounds(c, mib, "above", "maxmem", next.maxmem_mib);
		if (check_config(c, &next) < 0)
			return -1;
	}
	if (t.h) {
		rc = xc_domain_set_target_memkb(hv_xc(), t.h->info.domid, mib * 1024);
		if (rc == -EINVAL)   /* below the RMA of a domain the daemon has no config of */
			return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS, "%s", hv_errmsg());
		if (rc < 0)
			return hv_change_failed(c, rc, "setting memory");
	}
	return done(c, &t, &next, "memory", mib, " MiB");
}

int m_domain_set_maxmem(struct call *c)
{
	struct domconfig next;
	struct target t;
	uint64_t mib;
	int rc;

	if (tune_params(c, "maxmem_mib", 1, DOMCONFIG_MEMORY_MAX_MIB, &mib, &t) < 0)
		return -1;
	if (t.h && mib * 1024 < t.h->info.max_memkb)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE,
		                "domain %s is running: its maxmem cannot drop from %llu to %llu MiB "
		                "(on PowerPC the limit sizes the p2m, which cannot shrink)", t.h->name,
		                mib_of_kb(t.h->info.max_memkb), (unsigned long long)mib);
	if (t.d) {
		next = t.d->rec.cfg;
		next.maxmem_mib = mib;
		if (mib < next.memory_mib)
			return out_of_bounds(c, mib, "below", "memory", next.memory_mib);
		if (check_config(c, &next) < 0)
			return -1;
	}
	if (t.h && (rc = xc_domain_setmaxmem(hv_xc(), t.h->info.domid, mib * 1024)) < 0)
		return hv_change_failed(c, rc, "setting maxmem");
	return done(c, &t, &next, "maxmem", mib, " MiB");
}

/*
 * A running domain gets exactly n online vcpus, growing its maximum if n
 * is above it (xm_vcpu_set_online, shared with xmctl's direct path); new
 * vcpus are pinned as the config's cpus say.
 */
int m_domain_set_vcpus(struct call *c)
{
	char step[XM_VCPU_STEP_MAX], what[XM_VCPU_STEP_MAX + 8];
	struct domconfig next;
	struct target t;
	uint64_t n;
	int rc;

	if (tune_params(c, "vcpus", 1, DOMCONFIG_MAX_VCPUS, &n, &t) < 0)
		return -1;
	if (t.h && t.h->info.domid == 0)
		return rpc_fail(&c->err, XMCTLD_E_BAD_STATE, "domain 0's vcpus cannot be changed");
	if (t.d) {
		next = t.d->rec.cfg;
		next.vcpus = (unsigned)n;
		if (check_config(c, &next) < 0)
			return -1;
	}
	if (t.h) {
		rc = xm_vcpu_set_online(hv_xc(), t.h->info.domid, (uint32_t)n,
		                        t.d && t.d->rec.cfg.has_cpus ? t.d->rec.cfg.cpumap : 0, step);
		if (rc < 0) {
			snprintf(what, sizeof(what), "cannot %s", step);
			return hv_change_failed(c, rc, what);
		}
	}
	return done(c, &t, &next, "online vcpus", n, "");
}
