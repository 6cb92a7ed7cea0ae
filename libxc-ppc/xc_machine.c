/*
 * Whole-machine sysctl wrappers: physinfo, scheduler id, the warning
 * counter and the machine memory map.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

/* Regions asked for on the first memmap call; most machines fit. */
#define XC_MEMMAP_FIRST_GUESS 1024U
/* Tries when the map grows between the count and the fetch. */
#define XC_MEMMAP_TRIES 4

int xc_physinfo(xc_interface *xch, xc_physinfo_t *info)
{
	struct xen_sysctl s = xc_sysctl_init(XEN_SYSCTL_physinfo);
	const struct xen_sysctl_physinfo *p = &s.u.physinfo;
	int rc;

	if (!info)
		return xc_seterror(xch, -EINVAL, "xc_physinfo: info is NULL");
	if ((rc = do_sysctl(xch, &s)) < 0)
		return rc;
	memset(info, 0, sizeof(*info));
	info->threads_per_core = be32_get(p->threads_per_core);
	info->cores_per_socket = be32_get(p->cores_per_socket);
	info->sockets_per_node = be32_get(p->sockets_per_node);
	info->nr_nodes = be32_get(p->nr_nodes);
	info->nr_cpus = info->threads_per_core * info->cores_per_socket *
			info->sockets_per_node * info->nr_nodes;
	info->cpu_khz = be32_get(p->cpu_khz);
	info->total_pages = be64_get(p->total_pages);
	info->free_pages = be64_get(p->free_pages);
	info->scrub_pages = be64_get(p->scrub_pages);
	for (int i = 0; i < 8; i++)
		info->hw_cap[i] = be32_get(p->hw_cap[i]);
	return 0;
}

int xc_sched_id(xc_interface *xch, uint32_t *sched_id)
{
	struct xen_sysctl s = xc_sysctl_init(XEN_SYSCTL_sched_id);
	int rc;

	if (!sched_id)
		return xc_seterror(xch, -EINVAL, "xc_sched_id: sched_id is NULL");
	if ((rc = do_sysctl(xch, &s)) < 0)
		return rc;
	*sched_id = be32_get(s.u.sched_id.sched_id);
	return 0;
}

int xc_warnings_count(xc_interface *xch, uint64_t *count)
{
	struct xen_sysctl s = xc_sysctl_init(XEN_SYSCTL_warnings);
	int rc;

	if (!count)
		return xc_seterror(xch, -EINVAL, "xc_warnings_count: count is NULL");
	if ((rc = do_sysctl(xch, &s)) < 0)
		return rc;
	*count = be64_get(s.u.warnings.count);
	return 0;
}

/* One memmap sysctl with room for max regions, decoded into *m. */
static int memmap_once(xc_interface *xch, uint32_t max, xc_machine_memmap_t *m,
		       uint32_t *total)
{
	struct xen_sysctl s = xc_sysctl_init(XEN_SYSCTL_memmap);
	struct xen_memmap_region *reg;
	be64_t *orders;
	uint64_t rh, oh;
	int rc = -ENOMEM;

	reg = xc_hypercall_buffer_alloc(xch, (size_t)max * sizeof(*reg), &rh);
	orders = xc_hypercall_buffer_alloc(xch, XEN_MEMMAP_MAX_ORDERS * sizeof(*orders), &oh);
	if (reg && orders) {
		s.u.memmap.free_per_order = be64_mk(oh);
		s.u.memmap.nr_orders = be32_mk(XEN_MEMMAP_MAX_ORDERS);
		s.u.memmap.max_regions = be32_mk(max);
		s.u.memmap.regions = be64_mk(rh);
		rc = do_sysctl(xch, &s);
	} else {
		rc = -xch->last_error.code;
	}
	*total = be32_get(s.u.memmap.nr_regions);
	if (rc >= 0 && *total <= max) {
		m->total_pages = be64_get(s.u.memmap.total_pages);
		m->free_pages = be64_get(s.u.memmap.free_pages);
		m->max_order = be32_get(s.u.memmap.max_order);
		m->nr_regions = *total;
		for (int i = 0; i < XEN_MEMMAP_MAX_ORDERS; i++)
			m->free_per_order[i] = be64_get(orders[i]);
		for (uint32_t i = 0; i < *total; i++) {
			m->regions[i].mfn = be64_get(reg[i].mfn);
			m->regions[i].order = be32_get(reg[i].order);
			m->regions[i].kind = be16_get(reg[i].kind);
			m->regions[i].domid = be16_get(reg[i].domid);
		}
	}
	xc_hypercall_buffer_free(xch, reg);
	xc_hypercall_buffer_free(xch, orders);
	return rc < 0 ? rc : 0;
}

int xc_machine_memmap(xc_interface *xch, xc_machine_memmap_t **map)
{
	uint32_t max = XC_MEMMAP_FIRST_GUESS, total = 0;
	xc_machine_memmap_t *m;
	int rc;

	if (!map)
		return xc_seterror(xch, -EINVAL, "xc_machine_memmap: map is NULL");
	*map = NULL;
	for (int tries = 0; tries < XC_MEMMAP_TRIES; tries++) {
		m = calloc(1, sizeof(*m));
		if (m)
			m->regions = calloc(max, sizeof(*m->regions));
		if (!m || !m->regions) {
			xc_machine_memmap_free(m);
			return xc_seterror(xch, -ENOMEM, "out of memory");
		}
		rc = memmap_once(xch, max, m, &total);
		if (rc == 0 && total <= max) {
			*map = m;
			return 0;
		}
		xc_machine_memmap_free(m);
		if (rc < 0)
			return rc;
		/* The map is bigger than we guessed: ask again with room to spare. */
		if (total >= XC_MEMMAP_MAX_REGIONS)
			break;
		max = total + total / 8 + 16;
		if (max > XC_MEMMAP_MAX_REGIONS)
			max = XC_MEMMAP_MAX_REGIONS;
	}
	return xc_seterror(xch, -E2BIG, "machine memory map of %u regions (limit %u)",
			   total, XC_MEMMAP_MAX_REGIONS);
}

void xc_machine_memmap_free(xc_machine_memmap_t *map)
{
	if (!map)
		return;
	free(map->regions);
	free(map);
}
