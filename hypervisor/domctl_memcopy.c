/*
 * XEN_DOMCTL_memcopy (our deviation, see domctl.h): move bytes between a
 * dom0 buffer and a domain's guest-physical memory.  The builder loads
 * kernels through it and save/restore streams memory through it, so it
 * copies whole runs of an extent per walker call, and skip_zero finds
 * empty pages from the memory fd's holes before comparing any words.
 *
 * The whole range is checked to lie in the domain's populated memory
 * before a byte moves (-EFAULT otherwise).  zero_map has one bit per page
 * touched by the range: bit i (byte i / 8, bit i % 8, LSB first) is the
 * i-th page, counting from the page that holds gpaddr.
 */
#include <errno.h>
#include <string.h>

#include "domctl_priv.h"

#define MEMCOPY_DIR_MASK 0xffU
#define MEMCOPY_PAGES_MAX (XEN_MEMCOPY_MAX_BYTES / XEN_PAGE_SIZE + 1)

static int range_owned(const struct domain *d, uint64_t gpa, uint64_t len)
{
	uint64_t g = gpa >> XEN_PAGE_SHIFT, last = (gpa + len - 1) >> XEN_PAGE_SHIFT;
	while (g <= last) {
		const struct p2m_extent *e = p2m_lookup(d, g);
		if (!e)
			return 0;
		g = e->gpfn + (1ULL << e->order);
	}
	return 1;
}

/* Host address of gpa and how many bytes stay contiguous from there. */
static uint8_t *host_run(struct hv *hv, const struct domain *d, uint64_t gpa, uint64_t *run)
{
	const struct p2m_extent *e = p2m_lookup(d, gpa >> XEN_PAGE_SHIFT);
	uint64_t off = gpa - (e->gpfn << XEN_PAGE_SHIFT);
	*run = (1ULL << (e->order + XEN_PAGE_SHIFT)) - off;
	return machine_page(&hv->mach, e->mfn) + off;
}

static int copy_in(struct hv_call *c, const struct xen_domctl_memcopy *mc, struct domain *d)
{
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len), done = 0;
	while (done < len) {
		uint64_t run;
		uint8_t *p = host_run(c->hv, d, gpa + done, &run);
		if (run > len - done)
			run = len - done;
		if (hv_copy_from(c, p, be64_get(mc->buffer), done, run) != 0)
			return -EFAULT;
		done += run;
	}
	return 0;
}

/* Copy out page by page, skipping (and mapping) the all-zero ones. */
static int copy_out_skip(struct hv_call *c, const struct xen_domctl_memcopy *mc,
                         struct domain *d, uint8_t *zmap)
{
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len), done = 0;
	struct zscan z;

	zscan_init(&z);
	for (uint64_t i = 0; done < len; i++) {
		uint64_t a = gpa + done, run;
		uint64_t chunk = XEN_PAGE_SIZE - (a & (XEN_PAGE_SIZE - 1));
		const struct p2m_extent *e = p2m_lookup(d, a >> XEN_PAGE_SHIFT);
		uint8_t *p = host_run(c->hv, d, a, &run);
		if (chunk > len - done)
			chunk = len - done;
		if (machine_page_is_zero(&c->hv->mach, &z, e->mfn + ((a >> XEN_PAGE_SHIFT) - e->gpfn)))
			zmap[i / 8] |= (uint8_t)(1U << (i % 8));
		else if (hv_copy_to(c, be64_get(mc->buffer), done, p, chunk) != 0)
			return -EFAULT;
		done += chunk;
	}
	return 0;
}

static int copy_out(struct hv_call *c, const struct xen_domctl_memcopy *mc, struct domain *d)
{
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len), done = 0;
	while (done < len) {
		uint64_t run;
		uint8_t *p = host_run(c->hv, d, gpa + done, &run);
		if (run > len - done)
			run = len - done;
		if (hv_copy_to(c, be64_get(mc->buffer), done, p, run) != 0)
			return -EFAULT;
		done += run;
	}
	return 0;
}

int domctl_memcopy(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	const struct xen_domctl_memcopy *mc = &op->u.memcopy;
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len);
	uint32_t flags = be32_get(mc->flags), dir = flags & MEMCOPY_DIR_MASK;
	uint8_t zmap[(MEMCOPY_PAGES_MAX + 7) / 8] = { 0 };
	int r;

	if ((flags & ~(MEMCOPY_DIR_MASK | XEN_MEMCOPY_skip_zero)) != 0 ||
	    dir > XEN_MEMCOPY_from_guest || len > XEN_MEMCOPY_MAX_BYTES ||
	    gpa > UINT64_MAX - len ||
	    ((flags & XEN_MEMCOPY_skip_zero) && dir != XEN_MEMCOPY_from_guest))
		return -EINVAL;
	if (len == 0)
		return 0;
	if (!range_owned(d, gpa, len))
		return -EFAULT;
	if (dir == XEN_MEMCOPY_to_guest)
		return copy_in(c, mc, d);
	if (!(flags & XEN_MEMCOPY_skip_zero))
		return copy_out(c, mc, d);
	r = copy_out_skip(c, mc, d, zmap);
	if (r == 0 && be64_get(mc->zero_map) != 0) {
		uint64_t pages = ((gpa + len - 1) >> XEN_PAGE_SHIFT) - (gpa >> XEN_PAGE_SHIFT) + 1;
		r = hv_copy_to(c, be64_get(mc->zero_map), 0, zmap, (pages + 7) / 8);
	}
	return r;
}
