/*
 * XEN_DOMCTL_memcopy (our deviation, see domctl.h): move bytes between a
 * dom0 buffer and a domain's guest-physical memory, for xc_guest_memory_*
 * (the builder, save and restore move megabytes through foreign holds
 * instead, fmap.c).  It copies whole runs of an extent per walker call,
 * and skip_zero finds empty pages from the memory fd's holes before
 * comparing any words.
 *
 * The whole range is checked to lie in the domain's populated memory
 * before a byte moves (-EFAULT otherwise).  zero_map has one bit per page
 * touched by the range: bit i (byte i / 8, bit i % 8, LSB first) is the
 * i-th page, counting from the page that holds gpaddr.
 *
 * Neighbouring pages that move are copied as one run when their machine
 * pages are contiguous, so clustered data costs one walker call per run,
 * not per page.
 *
 * Bytes for the domain go through a small bounce buffer and pwrite() into
 * the machine memory fd rather than a store through the mapping: a store
 * to a hole faults the page in and zeroes it first, while a whole-page
 * write(2) allocates it unzeroed with no fault (about half the time, when
 * restore still wrote through this call).
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "domctl_priv.h"

#define MEMCOPY_DIR_MASK 0xffU
#define MEMCOPY_FLAGS (MEMCOPY_DIR_MASK | XEN_MEMCOPY_skip_zero)
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

#define BOUNCE_BYTES (64U << 10)
/* Runs shorter than this are gathered in the bounce buffer, not copied alone. */
#define GATHER_BELOW (16U << 10)

static uint8_t bounce[BOUNCE_BYTES];     /* hypercalls run on one thread */

/* src[0..len) to machine memory at host: 0, or -ENOMEM (see the top). */
static int pwrite_machine(const struct machine *m, uint8_t *host, const uint8_t *src, size_t len)
{
	size_t w = 0;

	while (w < len) {
		ssize_t r = pwrite(m->fd, src + w, len - w, (off_t)(host + w - m->base));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -ENOMEM;              /* the host is out of memory for it */
		w += (size_t)r;
	}
	return 0;
}

/* Buffer bytes [off, off + len) to machine memory at host. */
static int write_machine(struct hv_call *c, uint64_t buf, uint64_t off, uint8_t *host,
                         uint64_t len)
{
	uint64_t done = 0;
	int rc;

	/*
	 * Present memory (--boot-scrub) is mapped and resident: a plain store
	 * is about 2.5x faster than bounce + pwrite.  pwrite only pays where
	 * the pages may be holes, which it fills without a zero-fill fault.
	 */
	if (c->hv->mach.present)
		return hv_copy_from(c, host, buf, off, len) != 0 ? -EFAULT : 0;
	while (done < len) {
		size_t n = len - done < BOUNCE_BYTES ? (size_t)(len - done) : BOUNCE_BYTES;
		if (hv_copy_from(c, bounce, buf, off + done, n) != 0)
			return -EFAULT;
		if ((rc = pwrite_machine(&c->hv->mach, host + done, bounce, n)) != 0)
			return rc;
		done += n;
	}
	return 0;
}

static int copy_in(struct hv_call *c, const struct xen_domctl_memcopy *mc, struct domain *d)
{
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len), done = 0;
	while (done < len) {
		uint64_t run;
		uint8_t *p = host_run(c->hv, d, gpa + done, &run);
		int rc;
		if (run > len - done)
			run = len - done;
		if ((rc = write_machine(c, be64_get(mc->buffer), done, p, run)) != 0)
			return rc;
		done += run;
	}
	return 0;
}

/*
 * A run of pages that move out: host bytes [host, host + len) and buffer
 * bytes from off.  Pages join the run while both sides stay contiguous.
 * Short runs (scattered pages) are gathered in the bounce buffer, buffer
 * bytes [g_off, g_off + g_len), so they cost one walker call per 64 KiB,
 * not one per page.
 */
struct run {
	uint8_t *host;
	uint64_t off, len;
	uint64_t g_off, g_len;
};

static int gather_flush(struct hv_call *c, uint64_t buf, struct run *r)
{
	int rc = 0;

	if (r->g_len > 0)
		rc = hv_copy_to(c, buf, r->g_off, bounce, r->g_len) != 0 ? -EFAULT : 0;
	r->g_len = 0;
	return rc;
}

static int run_flush(struct hv_call *c, uint64_t buf, struct run *r)
{
	int rc = 0;

	if (r->len >= GATHER_BELOW) {
		rc = hv_copy_to(c, buf, r->off, r->host, r->len) != 0 ? -EFAULT : 0;
	} else if (r->len > 0) {
		if (r->g_len > 0 && (r->g_off + r->g_len != r->off || r->g_len + r->len > BOUNCE_BYTES))
			rc = gather_flush(c, buf, r);
		if (r->g_len == 0)
			r->g_off = r->off;
		memcpy(bounce + r->g_len, r->host, (size_t)r->len);
		r->g_len += r->len;
	}
	r->off += r->len;
	r->len = 0;
	return rc;
}

static int run_add(struct hv_call *c, uint64_t buf, struct run *r, uint8_t *p, uint64_t n)
{
	int rc;

	if (r->len > 0 && r->host + r->len == p) {
		r->len += n;
		return 0;
	}
	if ((rc = run_flush(c, buf, r)) != 0)
		return rc;
	r->host = p;
	r->len = n;
	return 0;
}

/*
 * Is the machine page zero?  machine_page_is_zero() compares a data page's
 * every word; inside a data run the scan already found, a page whose first
 * words are not zero is answered without reading the rest (most data pages
 * of a save).  Holes are never read through the mapping: that would
 * allocate them.
 */
static bool page_is_zero(const struct machine *m, struct zscan *z, uint64_t mfn)
{
	int64_t off = (int64_t)(mfn * XEN_PAGE_SIZE);
	const uint64_t *w = (const uint64_t *)machine_page(m, mfn);

	if (z->pos >= 0 && off >= z->pos && z->data >= 0 && off >= z->data &&
	    off + (int64_t)XEN_PAGE_SIZE <= z->hole && (w[0] | w[1] | w[2] | w[3]) != 0)
		return false;
	return machine_page_is_zero(m, z, mfn);
}

/* Copy out page by page, each at its own offset, skipping (and mapping) the all-zero ones. */
static int copy_out_skip(struct hv_call *c, const struct xen_domctl_memcopy *mc,
                         struct domain *d, uint8_t *zmap)
{
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len), done = 0;
	uint64_t buf = be64_get(mc->buffer);
	struct run r = { NULL, 0, 0, 0, 0 };
	struct zscan z;

	zscan_init(&z);
	for (uint64_t i = 0; done < len; i++) {
		uint64_t a = gpa + done, run;
		uint64_t chunk = XEN_PAGE_SIZE - (a & (XEN_PAGE_SIZE - 1));
		const struct p2m_extent *e = p2m_lookup(d, a >> XEN_PAGE_SHIFT);
		uint8_t *p = host_run(c->hv, d, a, &run);
		if (chunk > len - done)
			chunk = len - done;
		if (page_is_zero(&c->hv->mach, &z, e->mfn + ((a >> XEN_PAGE_SHIFT) - e->gpfn))) {
			zmap[i / 8] |= (uint8_t)(1U << (i % 8));
			if (run_flush(c, buf, &r) != 0)
				return -EFAULT;
			r.off = done + chunk;
		} else if (run_add(c, buf, &r, p, chunk) != 0) {
			return -EFAULT;
		}
		done += chunk;
	}
	return run_flush(c, buf, &r) != 0 || gather_flush(c, buf, &r) != 0 ? -EFAULT : 0;
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

/* The flag combinations domctl.h allows. */
static int flags_ok(uint32_t flags)
{
	uint32_t dir = flags & MEMCOPY_DIR_MASK;

	if ((flags & ~MEMCOPY_FLAGS) != 0 || dir > XEN_MEMCOPY_from_guest)
		return 0;
	return !(flags & XEN_MEMCOPY_skip_zero) || dir == XEN_MEMCOPY_from_guest;
}

int domctl_memcopy(struct hv_call *c, struct xen_domctl *op, struct domain *d)
{
	const struct xen_domctl_memcopy *mc = &op->u.memcopy;
	uint64_t gpa = be64_get(mc->gpaddr), len = be64_get(mc->len);
	uint32_t flags = be32_get(mc->flags), dir = flags & MEMCOPY_DIR_MASK;
	uint8_t zmap[(MEMCOPY_PAGES_MAX + 7) / 8] = { 0 };
	int r;

	if (len > XEN_MEMCOPY_MAX_BYTES || gpa > UINT64_MAX - len ||
	    !flags_ok(flags))
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
