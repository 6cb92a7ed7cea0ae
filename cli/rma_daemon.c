/*
 * `rma` on the daemon path: host.rma_map and domain.list from xmctld,
 * turned into the map and domain list the direct path reads from the
 * hypervisor, so both render the same view.
 */
#include <stdlib.h>
#include <string.h>
#include "daemon_path.h"
#include "rma.h"

static yajl_val member(yajl_val obj, const char *key, yajl_type t)
{
	const char *path[] = { key, NULL };

	return yajl_tree_get(obj, path, t);
}

/* A non-negative integer member; false if missing or of another type. */
static bool get_uint(yajl_val obj, const char *key, uint64_t *out)
{
	yajl_val v = member(obj, key, yajl_t_number);

	if (v == NULL || !YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 0)
		return false;
	*out = (uint64_t)YAJL_GET_INTEGER(v);
	return true;
}

static bool region_of(yajl_val r, xc_memmap_region_t *out)
{
	yajl_val kind = member(r, "kind", yajl_t_string);
	uint64_t mfn, order, domid = DOMID_INVALID;

	if (kind == NULL || !get_uint(r, "mfn", &mfn) || !get_uint(r, "order", &order) ||
	    order >= XEN_MEMMAP_MAX_ORDERS)
		return false;
	memset(out, 0, sizeof(*out));
	out->mfn = mfn;
	out->order = (uint32_t)order;
	if (strcmp(kind->u.string, "free") == 0 || strcmp(kind->u.string, "held") == 0) {
		out->kind = kind->u.string[0] == 'f' ? XEN_MEMMAP_free : XEN_MEMMAP_held;
	} else if (strcmp(kind->u.string, "rma") == 0 || strcmp(kind->u.string, "extent") == 0 ||
	           strcmp(kind->u.string, "gnttab") == 0) {
		out->kind = kind->u.string[0] == 'r' ? XEN_MEMMAP_rma :
		            kind->u.string[0] == 'e' ? XEN_MEMMAP_extent : XEN_MEMMAP_gnttab;
		if (!get_uint(r, "domid", &domid) || domid >= DOMID_FIRST_RESERVED)
			return false;
	} else {
		return false;
	}
	out->domid = (uint32_t)domid;
	return true;
}

/* host.rma_map's result as a map; false if it is not what PROTOCOL.md says. */
static bool map_of(yajl_val res, xc_machine_memmap_t *m)
{
	yajl_val per = member(res, "free_per_order", yajl_t_array);
	yajl_val regions = member(res, "regions", yajl_t_array);
	uint64_t max_order;

	if (per == NULL || regions == NULL || per->u.array.len != XEN_MEMMAP_MAX_ORDERS ||
	    regions->u.array.len > XC_MEMMAP_MAX_REGIONS || !get_uint(res, "total_pages", &m->total_pages) ||
	    !get_uint(res, "free_pages", &m->free_pages) || !get_uint(res, "max_order", &max_order))
		return false;
	m->max_order = (uint32_t)max_order;
	for (size_t i = 0; i < XEN_MEMMAP_MAX_ORDERS; i++) {
		yajl_val v = per->u.array.values[i];

		if (!YAJL_IS_INTEGER(v) || YAJL_GET_INTEGER(v) < 0)
			return false;
		m->free_per_order[i] = (uint64_t)YAJL_GET_INTEGER(v);
	}
	m->regions = calloc(regions->u.array.len ? regions->u.array.len : 1, sizeof(*m->regions));
	if (m->regions == NULL)
		return false;
	for (size_t i = 0; i < regions->u.array.len; i++)
		if (!region_of(regions->u.array.values[i], &m->regions[m->nr_regions++]))
			return false;
	return true;
}

/* The running domains of domain.list's result, in its (domain id) order. */
static bool doms_of(yajl_val res, struct rma_view *v)
{
	yajl_val doms = member(res, "domains", yajl_t_array);

	if (doms == NULL || (v->doms = calloc(doms->u.array.len ? doms->u.array.len : 1,
	                                      sizeof(*v->doms))) == NULL)
		return false;
	for (size_t i = 0; i < doms->u.array.len; i++) {
		yajl_val name = member(doms->u.array.values[i], "name", yajl_t_string);
		uint64_t domid;

		if (!get_uint(doms->u.array.values[i], "domid", &domid))
			continue;   /* a managed domain that is not running: no memory */
		rma_view_add_dom(v, (uint32_t)domid, name != NULL ? name->u.string : "");
	}
	return true;
}

int rma_fetch_daemon(struct xmctl *x, struct rma_view *v)
{
	xmctld_result *map = NULL, *list = NULL;
	bool ok;

	memset(v, 0, sizeof(*v));
	if (xmctl_daemon_call(x, "host.rma_map", NULL, NULL, &map) < 0)
		return -1;
	if (xmctl_daemon_call(x, "domain.list", NULL, NULL, &list) < 0) {
		xmctld_result_free(map);
		return -1;
	}
	v->map = calloc(1, sizeof(*v->map));
	v->map_ours = true;
	ok = v->map != NULL && map_of(xmctld_result_value(map), v->map) &&
	     doms_of(xmctld_result_value(list), v);
	xmctld_result_free(map);
	xmctld_result_free(list);
	if (!ok)
		return xmctl_fail(x->cmd, "the daemon's memory map is not what PROTOCOL.md "
		                  "describes (or out of memory)"), -1;
	return 0;
}
