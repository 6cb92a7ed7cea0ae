/*
 * memory_op wrappers: reservations (batched so any list fits the window,
 * and all or nothing where Xen's partial answers would leave the caller
 * guessing), and the simple page-count queries.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

/*
 * Extents per memory_op: 32768 frame numbers are 256 KiB of window, well
 * inside one descriptor (XENCOMM_MAX_BYTES) and leaving room for other
 * buffers of the same call.
 */
#define XC_EXTENT_BATCH 32768U

/*
 * One memory_op reservation batch of cnt extents.  in (may be NULL) gives
 * the frames to send; out (may be NULL) receives what the hypervisor wrote.
 * Returns the extents done (<= cnt) or a negative errno.
 */
static int64_t reservation_batch(xc_interface *xch, uint32_t cmd, uint32_t domid,
				 uint32_t cnt, uint32_t order, uint32_t bits,
				 const xen_pfn_t *in, xen_pfn_t *out)
{
	struct xen_memory_reservation res;
	DECLARE_BOUNCE_BOTH(rb, struct xen_memory_reservation, &res, 1);
	be64_t *list;
	uint64_t lh;
	int64_t ret;

	list = xc_hypercall_buffer_alloc(xch, (size_t)cnt * sizeof(*list), &lh);
	if (!list)
		return -xch->last_error.code;
	for (uint32_t i = 0; in && i < cnt; i++)
		list[i] = be64_mk(in[i]);
	memset(&res, 0, sizeof(res));
	res.extent_start = be64_mk(lh);
	res.nr_extents = be64_mk(cnt);
	res.extent_order = be32_mk(order);
	res.address_bits = be32_mk(bits);
	res.domid = be16_mk((uint16_t)domid);
	ret = xc_bounce_pre(xch, &rb);
	if (ret == 0)
		ret = do_memory_op(xch, cmd, rb.handle);
	xc_bounce_post(xch, &rb);
	if (ret > (int64_t)cnt)
		ret = xc_seterror(xch, -EPROTO, "memory_op %u did %lld of %u extents",
				  cmd, (long long)ret, cnt);
	for (int64_t i = 0; out && i < ret; i++)
		out[i] = be64_get(list[i]);
	xc_hypercall_buffer_free(xch, list);
	return ret;
}

/* The whole list in batches; returns the extents done or a negative errno. */
static int64_t reservation(xc_interface *xch, uint32_t cmd, uint32_t domid,
			   uint64_t nr, uint32_t order, uint32_t bits,
			   const xen_pfn_t *in, xen_pfn_t *out)
{
	uint64_t done = 0;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 1)) < 0)
		return rc;
	while (done < nr) {
		uint32_t cnt = nr - done > XC_EXTENT_BATCH ? XC_EXTENT_BATCH
							    : (uint32_t)(nr - done);
		int64_t r = reservation_batch(xch, cmd, domid, cnt, order, bits,
					      in ? in + done : NULL, out ? out + done : NULL);
		if (r < 0)
			return done ? (int64_t)done : r;
		done += (uint64_t)r;
		if (r < cnt)
			break;
	}
	return (int64_t)done;
}

/* The error for a list that was only partly done (and has been undone). */
static int partial(xc_interface *xch, const char *what, uint32_t domid,
		   int64_t done, uint64_t nr, uint32_t order)
{
	int code = done < 0 ? (int)done : -ENOMEM;

	return xc_seterror(xch, code, "%s for domain %u: %lld of %llu extents of "
			   "order %u: %s", what, domid, done < 0 ? 0LL : (long long)done,
			   (unsigned long long)nr, order, xc_strerror(xch, code));
}

int xc_domain_memory_increase_reservation(xc_interface *xch, uint32_t domid,
		uint64_t nr_extents, uint32_t extent_order, uint32_t address_bits,
		xen_pfn_t *extent_start)
{
	xen_pfn_t *got = extent_start;
	int64_t done;

	/* Undoing needs the frames the hypervisor chose, even if the caller does not. */
	if (!got && nr_extents && !(got = calloc((size_t)nr_extents, sizeof(*got))))
		return xc_seterror(xch, -ENOMEM, "out of memory");
	done = reservation(xch, XENMEM_increase_reservation, domid, nr_extents,
			   extent_order, address_bits, NULL, got);
	if (done >= 0 && (uint64_t)done < nr_extents)
		reservation(xch, XENMEM_decrease_reservation, domid, (uint64_t)done,
			    extent_order, 0, got, NULL);
	if (got != extent_start)
		free(got);
	if (done < 0 || (uint64_t)done < nr_extents)
		return partial(xch, "increase_reservation", domid, done, nr_extents,
			       extent_order);
	return 0;
}

int xc_domain_memory_decrease_reservation(xc_interface *xch, uint32_t domid,
		uint64_t nr_extents, uint32_t extent_order, const xen_pfn_t *extent_start)
{
	int64_t done;

	if (nr_extents && !extent_start)
		return xc_seterror(xch, -EINVAL, "decrease_reservation: no extent list");
	done = reservation(xch, XENMEM_decrease_reservation, domid, nr_extents,
			   extent_order, 0, extent_start, NULL);
	/* Freed memory is scrubbed, so a partial decrease cannot be undone. */
	if (done < 0 || (uint64_t)done < nr_extents)
		return partial(xch, "decrease_reservation (the first ones are freed)",
			       domid, done, nr_extents, extent_order);
	return 0;
}

int xc_domain_memory_populate_physmap(xc_interface *xch, uint32_t domid,
		uint64_t nr_extents, uint32_t extent_order, uint32_t address_bits,
		const xen_pfn_t *extent_start)
{
	int64_t done;

	if (nr_extents && !extent_start)
		return xc_seterror(xch, -EINVAL, "populate_physmap: no extent list");
	done = reservation(xch, XENMEM_populate_physmap, domid, nr_extents,
			   extent_order, address_bits, extent_start, NULL);
	if (done > 0 && (uint64_t)done < nr_extents)
		reservation(xch, XENMEM_decrease_reservation, domid, (uint64_t)done,
			    extent_order, 0, extent_start, NULL);
	if (done < 0 || (uint64_t)done < nr_extents)
		return partial(xch, "populate_physmap", domid, done, nr_extents,
			       extent_order);
	return 0;
}

/* current/maximum_reservation take a handle to a big-endian domid. */
static int reservation_query(xc_interface *xch, uint32_t cmd, uint32_t domid,
			     uint64_t *pages)
{
	xen_domid_t dom = be16_mk((uint16_t)domid);
	DECLARE_BOUNCE_IN(b, xen_domid_t, &dom, 1);
	int64_t ret;
	int rc;

	if ((rc = xc_check_domid(xch, domid, 1)) < 0)
		return rc;
	if (!pages)
		return xc_seterror(xch, -EINVAL, "reservation query: pages is NULL");
	if ((rc = xc_bounce_pre(xch, &b)) < 0)
		return rc;
	ret = do_memory_op(xch, cmd, b.handle);
	xc_bounce_post(xch, &b);
	if (ret < 0)
		return (int)ret;
	*pages = (uint64_t)ret;
	return 0;
}

int xc_domain_get_current_reservation(xc_interface *xch, uint32_t domid,
				      uint64_t *pages)
{
	return reservation_query(xch, XENMEM_current_reservation, domid, pages);
}

int xc_domain_get_maximum_reservation(xc_interface *xch, uint32_t domid,
				      uint64_t *pages)
{
	return reservation_query(xch, XENMEM_maximum_reservation, domid, pages);
}

int xc_maximum_ram_page(xc_interface *xch, uint64_t *mfn)
{
	int64_t ret;

	if (!mfn)
		return xc_seterror(xch, -EINVAL, "xc_maximum_ram_page: mfn is NULL");
	ret = do_memory_op(xch, XENMEM_maximum_ram_page, 0);
	if (ret < 0)
		return (int)ret;
	*mfn = (uint64_t)ret;
	return 0;
}
