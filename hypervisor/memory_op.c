/*
 * memory_op (hypercall 12): arg0 = XENMEM_*, arg1 = handle.
 *
 * Reservations act on reservation.domid (DOMID_SELF = the caller); only
 * dom0 may name another domain (-EPERM).  Like Xen they return the number
 * of extents done, which is fewer than asked when memory, max_mem or the
 * p2m runs out, or an extent list entry cannot be read; a bad domain is
 * -ESRCH.  Extents are whole buddy blocks of 2^extent_order pages,
 * naturally aligned in machine memory.
 * increase_reservation places each extent at the lowest free gpfn aligned
 * to its order and, if extent_start is not NULL, writes that gpfn there.
 * address_bits, when not 0, limits the machine addresses handed out.
 */
#include <errno.h>

#include "domain.h"
#include "hcall.h"

struct resv {
	struct xen_memory_reservation r;
	struct domain *d;
	uint64_t list, nr;
	unsigned order;
};

static int load_resv(struct hv_call *c, struct resv *rv)
{
	uint32_t domid;

	if (hv_copy_from(c, &rv->r, c->arg[1], 0, sizeof(rv->r)) != 0)
		return -EFAULT;
	domid = hcall_resolve_domid(c, be16_get(rv->r.domid));
	if (domid != c->caller->id && c->caller->id != 0)
		return -EPERM;
	rv->d = domain_get(c->hv, domid);
	if (!rv->d)
		return -ESRCH;
	rv->list = be64_get(rv->r.extent_start);
	rv->nr = be64_get(rv->r.nr_extents);
	rv->order = be32_get(rv->r.extent_order);
	return 0;
}

/* Does the extent just placed at gpfn respect address_bits? */
static int addr_ok(const struct resv *rv, uint64_t gpfn)
{
	uint32_t bits = be32_get(rv->r.address_bits);
	const struct p2m_extent *e = p2m_lookup(rv->d, gpfn);
	if (bits == 0 || bits >= 64)
		return 1;
	return ((e->mfn + (1ULL << e->order)) << XEN_PAGE_SHIFT) <= (1ULL << bits);
}

static int place(struct hv_call *c, struct resv *rv, uint64_t gpfn, uint64_t left)
{
	uint64_t more = left > (UINT64_MAX >> rv->order) ? UINT64_MAX : left << rv->order;
	if (mm_populate(c->hv, rv->d, gpfn, rv->order, more) != 0)
		return -1;
	if (!addr_ok(rv, gpfn)) {
		mm_release(c->hv, rv->d, gpfn, rv->order);
		return -1;
	}
	return 0;
}

/*
 * The lowest gpfn >= from, aligned to 2^order, with that many pages
 * unpopulated.  Callers placing many extents pass the last one's end, so a
 * long increase costs a binary search per extent, not a p2m walk.
 */
static uint64_t free_gpfn(const struct domain *d, unsigned order, uint64_t from)
{
	uint64_t n = 1ULL << order, cand = (from + n - 1) & ~(n - 1);
	uint32_t lo = 0, hi = d->p2m_nr;

	while (lo < hi) {            /* first extent ending after from */
		uint32_t mid = lo + (hi - lo) / 2;
		if (d->p2m[mid].gpfn + (1ULL << d->p2m[mid].order) <= from)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (uint32_t i = lo; i < d->p2m_nr; i++) {
		if (cand + n <= d->p2m[i].gpfn)
			return cand;
		uint64_t end = d->p2m[i].gpfn + (1ULL << d->p2m[i].order);
		if (end > cand)
			cand = (end + n - 1) & ~(n - 1);
	}
	return cand;
}

static int64_t mo_increase(struct hv_call *c, struct resv *rv)
{
	uint64_t i, from = 0;
	for (i = 0; i < rv->nr; i++) {
		uint64_t gpfn = free_gpfn(rv->d, rv->order, from);
		if (place(c, rv, gpfn, rv->nr - i) != 0)
			break;
		be64_t g = be64_mk(gpfn);
		if (rv->list && hv_copy_to(c, rv->list, i * sizeof(g), &g, sizeof(g)) != 0) {
			mm_release(c->hv, rv->d, gpfn, rv->order);
			break;
		}
		from = gpfn + (1ULL << rv->order);
	}
	return (int64_t)i;
}

static int64_t mo_populate(struct hv_call *c, struct resv *rv)
{
	uint64_t i;
	for (i = 0; i < rv->nr; i++) {
		be64_t g;
		if (hv_copy_from(c, &g, rv->list, i * sizeof(g), sizeof(g)) != 0 ||
		    place(c, rv, be64_get(g), rv->nr - i) != 0)
			break;
	}
	return (int64_t)i;
}

static int64_t mo_decrease(struct hv_call *c, struct resv *rv)
{
	uint64_t i;
	for (i = 0; i < rv->nr; i++) {
		be64_t g;
		if (hv_copy_from(c, &g, rv->list, i * sizeof(g), sizeof(g)) != 0 ||
		    mm_release(c->hv, rv->d, be64_get(g), rv->order) != 0)
			break;
	}
	return (int64_t)i;
}

static int64_t mo_reservation(struct hv_call *c)
{
	struct resv rv;
	int r = load_resv(c, &rv);

	if (r != 0)
		return r;
	if (rv.order > HV_MAX_EXTENT_ORDER)
		return 0;
	switch (c->arg[0]) {
	case XENMEM_increase_reservation: return mo_increase(c, &rv);
	case XENMEM_populate_physmap:     return mo_populate(c, &rv);
	default:                          return mo_decrease(c, &rv);
	}
}

static int64_t mo_max_ram_page(struct hv_call *c)
{
	return (int64_t)c->hv->buddy.nr_pages;
}

/* current/maximum_reservation: arg1 is a handle to a be16 domid. */
static int64_t mo_query(struct hv_call *c)
{
	xen_domid_t id;
	struct domain *d;
	uint32_t domid;

	if (hv_copy_from(c, &id, c->arg[1], 0, sizeof(id)) != 0)
		return -EFAULT;
	domid = hcall_resolve_domid(c, be16_get(id));
	if (domid != c->caller->id && c->caller->id != 0)
		return -EPERM;
	d = domain_get(c->hv, domid);
	if (!d)
		return -ESRCH;
	return (int64_t)(c->arg[0] == XENMEM_current_reservation ? d->tot_pages : d->max_pages);
}

static const struct subcmd_row memory_cmds[XENMEM_NR_CMDS] = {
	[XENMEM_increase_reservation] = { "increase_reservation", mo_reservation },
	[XENMEM_decrease_reservation] = { "decrease_reservation", mo_reservation },
	[XENMEM_maximum_ram_page]     = { "maximum_ram_page", mo_max_ram_page },
	[XENMEM_current_reservation]  = { "current_reservation", mo_query },
	[XENMEM_maximum_reservation]  = { "maximum_reservation", mo_query },
	[XENMEM_populate_physmap]     = { "populate_physmap", mo_reservation },
};

int64_t do_memory_op(struct hv_call *c)
{
	if (c->arg[0] >= XENMEM_NR_CMDS || !memory_cmds[c->arg[0]].fn)
		return -ENOSYS;
	return memory_cmds[c->arg[0]].fn(c);
}
