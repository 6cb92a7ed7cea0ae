/*
 * ping, events.subscribe, host.info and host.rma_map: the methods that are
 * about the daemon and the machine rather than one domain.
 */
#include "config.h"

#include <inttypes.h>

#include "conn.h"
#include "domtab.h"
#include "gen.h"
#include "hv.h"
#include "methods.h"
#include "params.h"
#include "protocol.h"

static const char *const no_params[] = { NULL };

int m_ping(struct call *c)
{
	char hv[32];
	int v;

	if (params_only(c, no_params) < 0)
		return -1;
	v = xc_version(hv_xc(), XENVER_version, NULL);
	if (v < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "hypervisor version: %s", hv_errmsg());
	snprintf(hv, sizeof(hv), "%d.%d", v >> 16, v & 0xffff);
	yajl_gen_map_open(c->g);
	gen_kstr(c->g, "daemon", PACKAGE_VERSION);
	gen_kstr(c->g, "library", PACKAGE_VERSION);
	gen_kstr(c->g, "interface", XMCTLD_PROTOCOL_VERSION);
	gen_kstr(c->g, "hypervisor", hv);
	gen_ku64(c->g, "domctl_interface", XEN_DOMCTL_INTERFACE_VERSION);
	yajl_gen_map_close(c->g);
	return 0;
}

int m_events_subscribe(struct call *c)
{
	if (params_only(c, no_params) < 0)
		return -1;
	c->conn->subscribed = 1;
	yajl_gen_map_open(c->g);
	gen_kbool(c->g, "subscribed", 1);
	yajl_gen_map_close(c->g);
	return 0;
}

int m_host_info(struct call *c)
{
	xc_physinfo_t pi;
	int rc;

	if (params_only(c, no_params) < 0)
		return -1;
	if ((rc = xc_physinfo(hv_xc(), &pi)) < 0 || hv_refresh() < 0)
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "host information: %s", hv_errmsg());
	yajl_gen_map_open(c->g);
	gen_ku64(c->g, "nr_cpus", pi.nr_cpus);
	gen_ku64(c->g, "threads_per_core", pi.threads_per_core);
	gen_ku64(c->g, "cores_per_socket", pi.cores_per_socket);
	gen_ku64(c->g, "sockets_per_node", pi.sockets_per_node);
	gen_ku64(c->g, "nr_nodes", pi.nr_nodes);
	gen_ku64(c->g, "cpu_mhz", pi.cpu_khz / 1000);
	gen_ku64(c->g, "total_memory_mib", pi.total_pages >> (20 - XEN_PAGE_SHIFT));
	gen_ku64(c->g, "free_memory_mib", pi.free_pages >> (20 - XEN_PAGE_SHIFT));
	gen_ku64(c->g, "scrub_memory_mib", pi.scrub_pages >> (20 - XEN_PAGE_SHIFT));
	gen_ku64(c->g, "nr_domains", hv_snapshot()->n);
	gen_ku64(c->g, "nr_managed", domtab_count());
	yajl_gen_map_close(c->g);
	return 0;
}

static const char *kind_name(unsigned k)
{
	return k == XEN_MEMMAP_free ? "free" : k == XEN_MEMMAP_rma ? "rma" :
	       k == XEN_MEMMAP_extent ? "extent" : k == XEN_MEMMAP_gnttab ? "gnttab" :
	       k == XEN_MEMMAP_held ? "held" : "unknown";
}

static void gen_region(yajl_gen g, const xc_memmap_region_t *r)
{
	int owned = r->kind != XEN_MEMMAP_free && r->kind != XEN_MEMMAP_held;
	const struct hvdom *h = owned ? hv_find_domid(r->domid) : NULL;

	yajl_gen_map_open(g);
	gen_ku64(g, "mfn", r->mfn);
	gen_ku64(g, "order", r->order);
	gen_ku64(g, "size_kib", ((uint64_t)4 << r->order));
	gen_kstr(g, "kind", kind_name(r->kind));
	gen_str(g, "domid");
	if (!owned)
		yajl_gen_null(g);
	else
		gen_u64(g, r->domid);
	if (h)
		gen_kstr(g, "name", h->name);
	yajl_gen_map_close(g);
}

int m_host_rma_map(struct call *c)
{
	xc_machine_memmap_t *m = NULL;
	uint64_t largest = 0;
	unsigned i;
	int rc;

	if (params_only(c, no_params) < 0)
		return -1;
	if ((rc = xc_machine_memmap(hv_xc(), &m)) < 0 || hv_refresh() < 0) {
		xc_machine_memmap_free(m);
		return rpc_fail(&c->err, XMCTLD_E_HYPERVISOR, "memory map: %s", hv_errmsg());
	}
	for (i = 0; i < XEN_MEMMAP_MAX_ORDERS; i++)
		if (m->free_per_order[i])
			largest = (uint64_t)1 << i;
	yajl_gen_map_open(c->g);
	gen_ku64(c->g, "total_pages", m->total_pages);
	gen_ku64(c->g, "free_pages", m->free_pages);
	gen_ku64(c->g, "largest_free_pages", largest);
	gen_ku64(c->g, "max_order", m->max_order);
	gen_str(c->g, "free_per_order");
	yajl_gen_array_open(c->g);
	for (i = 0; i < XEN_MEMMAP_MAX_ORDERS; i++)
		gen_u64(c->g, m->free_per_order[i]);
	yajl_gen_array_close(c->g);
	gen_str(c->g, "regions");
	yajl_gen_array_open(c->g);
	for (i = 0; i < m->nr_regions; i++)
		gen_region(c->g, &m->regions[i]);
	yajl_gen_array_close(c->g);
	yajl_gen_map_close(c->g);
	xc_machine_memmap_free(m);
	return 0;
}
