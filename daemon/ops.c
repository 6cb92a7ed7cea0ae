/*
 * Domain operations (ops.h).
 *
 * A start is: create with the building UUID, name, build, unpause, and
 * only then set the real UUID.  The record of a running-only domain is
 * written before its create and deleted after its destroy.  So after a
 * kill at any point, ops_recover() sees one of: a record and no domain
 * (never started, or destroyed: remove a running-only record), a domain
 * with the building UUID (half-built: destroy it), or a domain with the
 * real UUID (complete: adopt it).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "build.h"
#include "hv.h"
#include "killpoint.h"
#include "log.h"
#include "ops.h"
#include "protocol.h"
#include "store.h"

void ops_building_uuid(const uint8_t uuid[16], uint8_t out[16])
{
	/* Invert the version and variant fields: never a valid RFC 4122 UUID
	 * of the same kind, and its own inverse. */
	memcpy(out, uuid, 16);
	out[6] ^= 0xf0;
	out[8] ^= 0xc0;
}

int ops_save_record(struct dom *d, struct rpc_error *err)
{
	int rc = store_save(&d->rec);

	if (rc < 0)
		return rpc_fail(err, XMCTLD_E_STORE, "writing the state of %s: %s",
		                d->rec.cfg.name, strerror(-rc));
	return 0;
}

static int hv_error(struct rpc_error *err, int rc, const char *what)
{
	if (rc == -ESRCH)
		return rpc_fail(err, XMCTLD_E_NO_DOMAIN, "%s: no such domain", what);
	return rpc_fail(err, XMCTLD_E_HYPERVISOR, "%s: %s", what, hv_errmsg());
}

/* Largest free naturally aligned block, in pages (buddy blocks are aligned). */
static uint64_t largest_free(const xc_machine_memmap_t *m)
{
	int o;

	for (o = XEN_MEMMAP_MAX_ORDERS - 1; o >= 0; o--)
		if (m->free_per_order[o])
			return (uint64_t)1 << o;
	return 0;
}

int ops_rma_check(unsigned rma_log, uint64_t memory_mib, struct rpc_error *err)
{
	xc_machine_memmap_t *m = NULL;
	uint64_t need_rma = (uint64_t)1 << (rma_log - XEN_PAGE_SHIFT);
	uint64_t need = memory_mib << (20 - XEN_PAGE_SHIFT), big;
	int rc = xc_machine_memmap(hv_xc(), &m);

	if (rc < 0)
		return hv_error(err, rc, "reading the machine memory map");
	big = largest_free(m);
	rc = 0;
	if (big < need_rma)
		rc = rpc_fail(err, XMCTLD_E_NO_RMA,
		              "cannot place a %" PRIu64 " MiB RMA: %" PRIu64 " MiB free, but the "
		              "largest free naturally aligned block is %" PRIu64 " MiB",
		              need_rma >> 8, m->free_pages >> 8, big >> 8);
	else if (m->free_pages < need)
		rc = rpc_fail(err, XMCTLD_E_NO_MEMORY,
		              "not enough memory: %" PRIu64 " MiB needed, %" PRIu64 " MiB free",
		              memory_mib, m->free_pages >> 8);
	xc_machine_memmap_free(m);
	return rc;
}

/* Steps of a start after the create; undone by the caller on failure. */
static int start_steps(struct dom *d, uint32_t domid, int paused, struct rpc_error *err)
{
	xc_interface *xch = hv_xc();
	int rc;

	rc = xc_domain_setname(xch, domid, d->rec.cfg.name);
	if (rc == -EEXIST)
		return rpc_fail(err, XMCTLD_E_EXISTS, "a domain named %s is already running",
		                d->rec.cfg.name);
	if (rc < 0)
		return hv_error(err, rc, "naming the domain");
	killpoint("start.named");
	if (build_domain(domid, &d->rec.cfg, err) < 0)
		return -1;
	killpoint("start.built");
	if (!paused && (rc = xc_domain_unpause(xch, domid)) < 0)
		return hv_error(err, rc, "unpausing");
	killpoint("start.unpaused");
	/* The commit point: from here the domain is complete. */
	rc = xc_domain_sethandle(xch, domid, d->rec.cfg.uuid);
	if (rc < 0)
		return hv_error(err, rc, "setting the uuid");
	killpoint("start.committed");
	return 0;
}

int ops_start(struct dom *d, int paused, struct rpc_error *err)
{
	uint8_t building[16];
	uint32_t domid = 0;
	int rc;

	if (ops_rma_check(d->rec.cfg.rma_log, d->rec.cfg.memory_mib, err) < 0)
		return -1;
	ops_building_uuid(d->rec.cfg.uuid, building);
	rc = xc_domain_create(hv_xc(), 0, building, 0, d->rec.cfg.rma_log, &domid);
	if (rc == -ENOMEM)
		return rpc_fail(err, XMCTLD_E_NO_RMA, "no room for the RMA: %s", hv_errmsg());
	if (rc < 0)
		return hv_error(err, rc, "creating the domain");
	killpoint("start.created");
	if (start_steps(d, domid, paused, err) < 0) {
		(void)xc_domain_destroy(hv_xc(), domid);
		return -1;
	}
	d->domid = domid;
	/* Ids are reused: a new instance's shutdown has not been handled yet. */
	d->policy_done = DOMID_NONE;
	log_info("started %s (domain %" PRIu32 ")", d->rec.cfg.name, domid);
	return 0;
}

int ops_destroy(struct dom *d, uint32_t domid, struct rpc_error *err)
{
	int rc = xc_domain_destroy(hv_xc(), domid);

	if (rc < 0 && rc != -ESRCH)
		return hv_error(err, rc, "destroying the domain");
	killpoint("destroy.destroyed");
	if (!d)
		return 0;
	d->domid = DOMID_NONE;
	if (!d->rec.persistent) {
		rc = store_delete(d->rec.cfg.uuid, 0);
		if (rc < 0)
			log_err("removing the state of %s: %s", d->rec.cfg.name, strerror(-rc));
		domtab_remove(d);
	}
	return 0;
}
