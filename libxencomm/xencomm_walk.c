/*
 * libxencomm walker: copy bytes between the hypervisor and guest memory
 * through a xencomm handle (ARCHITECTURE D1, D4).
 *
 * Everything reachable from the handle belongs to a guest that may be
 * hostile and may rewrite its memory while we look at it.  So:
 *  - the descriptor header and each entry are read exactly once into locals
 *    (Xen 3.2 ac1e3a08a8: nr_addrs read once), and only the locals are used;
 *  - the whole range is checked and translated into a plan of host spans
 *    before one byte moves, so a failed call has copied nothing;
 *  - every span lies inside one translated page (merged only when the
 *    translated pages are host-contiguous), so nothing outside the
 *    described pages is ever read or written.
 * Speed comes from translating once per page and copying whole spans with
 * memcpy; host-contiguous pages (the usual window) merge into one memcpy.
 *
 * Only the pages the requested range touches are translated: copying one
 * element at an offset out of a large array must not cost a translation of
 * every page (xencomm_handle_bytes checks every page when a caller wants it).
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "xencomm.h"

#define PAGE_MASK ((uint64_t)XEN_PAGE_SIZE - 1)

/*
 * Spans in one plan.  A descriptor has at most XENCOMM_MAX_ADDRS entries,
 * so any descriptor walk fits in one plan; inline handles are copied in
 * batches of this many pages.  16 bytes a span: about 8 KiB of stack.
 */
#define XENCOMM_PLAN_SPANS (XENCOMM_MAX_ADDRS + 1)

/* Highest guest-physical address + 1 an inline handle can reach. */
#define XENCOMM_INLINE_LIMIT XENCOMM_INLINE_FLAG

struct span {
	uint8_t *host;
	size_t len;
};

struct plan {
	const struct xencomm_guest *g;
	int write;                      /* plan for copy_to (pages will be written) */
	uint32_t n;
	struct span s[XENCOMM_PLAN_SPANS];
};

/* A validated descriptor: its header read once, entries left in place. */
struct desc_view {
	const uint8_t *entries;         /* host address of address[0] */
	uint32_t nr;
};

/*
 * Translate the page holding [gpa, gpa+len) (which never crosses a page)
 * and append it to the plan, merging with the previous span when the
 * translated bytes follow on in host memory.
 */
static int plan_add(struct plan *pl, uint64_t gpa, size_t len)
{
	uint8_t *page = pl->g->xlate(pl->g->ctx, gpa & ~PAGE_MASK, pl->write);
	uint8_t *p;
	struct span *last;

	if (page == NULL)
		return -EFAULT;
	p = page + (gpa & PAGE_MASK);
	if (pl->n > 0) {
		last = &pl->s[pl->n - 1];
		if (last->host + last->len == p) {
			last->len += len;
			return 0;
		}
	}
	if (pl->n == XENCOMM_PLAN_SPANS)
		return -EFAULT;         /* unreachable: callers bound the pages */
	pl->s[pl->n].host = p;
	pl->s[pl->n].len = len;
	pl->n++;
	return 0;
}

/* Move the bytes: from guest (buf is the destination) or to guest. */
static void plan_copy(const struct plan *pl, uint8_t *buf, int to_guest)
{
	uint32_t i;

	for (i = 0; i < pl->n; i++) {
		if (to_guest)
			memcpy(pl->s[i].host, buf, pl->s[i].len);
		else
			memcpy(buf, pl->s[i].host, pl->s[i].len);
		buf += pl->s[i].len;
	}
}

/* Bytes from gpa to the end of its page. */
static size_t chunk_len(uint64_t gpa)
{
	return (size_t)(XEN_PAGE_SIZE - (gpa & PAGE_MASK));
}

static uint64_t load_be64(const uint8_t *p)
{
	be64_t v;

	memcpy(&v, p, sizeof(v));       /* one read of guest memory */
	return be64_get(v);
}

/*
 * Map a descriptor handle and check its header: 8-aligned, readable, right
 * magic, a count within XENCOMM_MAX_ADDRS and entries that end in the
 * descriptor's own page.  nr_addrs is read once, here.
 */
static int desc_open(const struct xencomm_guest *g, uint64_t handle, struct desc_view *v)
{
	struct xencomm_desc hdr;
	const uint8_t *page, *d;
	uint64_t in_page = handle & PAGE_MASK;

	if (handle % XENCOMM_DESC_ALIGN)
		return -EINVAL;
	page = g->xlate(g->ctx, handle & ~PAGE_MASK, 0);
	if (page == NULL)
		return -EFAULT;
	d = page + in_page;
	memcpy(&hdr, d, sizeof(hdr));
	if (be32_get(hdr.magic) != XENCOMM_MAGIC)
		return -EINVAL;
	v->nr = be32_get(hdr.nr_addrs);
	if (v->nr > XENCOMM_MAX_ADDRS)
		return -E2BIG;
	if (in_page + xencomm_desc_size(v->nr) > XEN_PAGE_SIZE)
		return -EINVAL;
	v->entries = d + sizeof(hdr);
	return 0;
}

/*
 * Plan the copy of [offset, offset+len) of a descriptor's buffer.  Entries
 * are consumed in order, INVALID ones skipped, until the range is covered.
 */
static int desc_plan(struct plan *pl, const struct desc_view *v, uint64_t offset, uint64_t len)
{
	uint64_t pos = 0, end = offset + len;
	uint32_t i;
	int seen = 0, rc;

	for (i = 0; i < v->nr && pos < end; i++) {
		uint64_t a = load_be64(v->entries + (size_t)i * sizeof(be64_t));
		uint64_t n, lo, hi;

		if (a == XENCOMM_INVALID)
			continue;
		seen = 1;
		n = chunk_len(a);
		lo = offset > pos ? offset - pos : 0;       /* skip into this chunk */
		hi = end - pos < n ? end - pos : n;         /* stop inside it */
		if (lo < hi) {
			rc = plan_add(pl, a + lo, (size_t)(hi - lo));
			if (rc < 0)
				return rc;
		}
		pos += n;
	}
	if (pos < end)
		return seen ? -ERANGE : -EFAULT;    /* all-INVALID is NULL */
	return 0;
}

/* Plan up to XENCOMM_PLAN_SPANS pages of a contiguous range. */
static int inline_plan(struct plan *pl, uint64_t gpa, uint64_t len)
{
	uint32_t pages = 0;
	int rc;

	pl->n = 0;
	while (len > 0 && pages < XENCOMM_PLAN_SPANS) {
		uint64_t n = chunk_len(gpa);

		if (n > len)
			n = len;
		rc = plan_add(pl, gpa, (size_t)n);
		if (rc < 0)
			return rc;
		gpa += n;
		len -= n;
		pages++;
	}
	return 0;
}

/* Translate every page of a contiguous range without keeping the result. */
static int inline_check(const struct xencomm_guest *g, uint64_t gpa, uint64_t len, int write)
{
	uint64_t page = gpa & ~PAGE_MASK, last = (gpa + len - 1) & ~PAGE_MASK;

	for (;; page += XEN_PAGE_SIZE) {
		if (g->xlate(g->ctx, page, write) == NULL)
			return -EFAULT;
		if (page == last)
			return 0;
	}
}

/*
 * An inline handle: a buffer contiguous in guest-physical memory.  A range
 * that fits in one plan is translated once; a longer one is checked whole
 * first, then translated again batch by batch (the guest cannot change
 * its own p2m, so the second pass sees what the first did; if the
 * translation does fail the call reports -EFAULT with part copied).
 */
static int inline_copy(struct plan *pl, uint64_t handle, uint64_t offset,
                       uint8_t *buf, uint64_t len, int to_guest)
{
	uint64_t base = handle & ~XENCOMM_INLINE_FLAG, gpa = base + offset;
	int rc;

	if (offset > XENCOMM_INLINE_LIMIT - base || len > XENCOMM_INLINE_LIMIT - gpa)
		return -ERANGE;
	if (xencomm_nr_pages(gpa, len) > XENCOMM_PLAN_SPANS) {
		rc = inline_check(pl->g, gpa, len, to_guest);
		if (rc < 0)
			return rc;
	}
	while (len > 0) {
		uint64_t done = 0;
		uint32_t i;

		rc = inline_plan(pl, gpa, len);
		if (rc < 0)
			return rc;
		plan_copy(pl, buf, to_guest);
		for (i = 0; i < pl->n; i++)
			done += pl->s[i].len;
		buf += done;
		gpa += done;
		len -= done;
	}
	return 0;
}

static int walk_copy(const struct xencomm_guest *g, uint64_t handle, uint64_t offset,
                     uint8_t *buf, uint64_t len, int to_guest)
{
	struct plan pl;
	struct desc_view v;
	int rc;

	if (g == NULL || g->xlate == NULL)
		return -EINVAL;
	if (len == 0)
		return 0;
	if (buf == NULL)
		return -EINVAL;
	if (offset + len < offset)
		return -EOVERFLOW;
	if (handle == 0)
		return -EFAULT;
	pl.g = g;
	pl.write = to_guest;
	pl.n = 0;
	if (handle & XENCOMM_INLINE_FLAG)
		return inline_copy(&pl, handle, offset, buf, len, to_guest);
	rc = desc_open(g, handle, &v);
	if (rc < 0)
		return rc;
	rc = desc_plan(&pl, &v, offset, len);
	if (rc < 0)
		return rc;
	plan_copy(&pl, buf, to_guest);
	return 0;
}

int xencomm_copy_from_guest(const struct xencomm_guest *g, void *dst,
                            uint64_t handle, uint64_t offset, uint64_t len)
{
	return walk_copy(g, handle, offset, dst, len, 0);
}

int xencomm_copy_to_guest(const struct xencomm_guest *g, uint64_t handle,
                          uint64_t offset, const void *src, uint64_t len)
{
	/* The plan only ever reads buf when to_guest is set. */
	return walk_copy(g, handle, offset, (uint8_t *)(uintptr_t)src, len, 1);
}

int64_t xencomm_handle_bytes(const struct xencomm_guest *g, uint64_t handle)
{
	struct desc_view v;
	uint64_t total = 0;
	uint32_t i;
	int seen = 0, rc;

	if (g == NULL || g->xlate == NULL)
		return -EINVAL;
	if (handle == 0)
		return -EFAULT;
	if (handle & XENCOMM_INLINE_FLAG)
		return INT64_MAX;
	rc = desc_open(g, handle, &v);
	if (rc < 0)
		return rc;
	/* Unlike a copy, check every page: this is the "is it all mine" call. */
	for (i = 0; i < v.nr; i++) {
		uint64_t a = load_be64(v.entries + (size_t)i * sizeof(be64_t));

		if (a == XENCOMM_INVALID)
			continue;
		if (g->xlate(g->ctx, a & ~PAGE_MASK, 0) == NULL)
			return -EFAULT;
		seen = 1;
		total += chunk_len(a);
	}
	return seen ? (int64_t)total : -EFAULT;
}
