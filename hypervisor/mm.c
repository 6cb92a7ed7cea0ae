/*
 * A domain's memory: its RMA and its extents, each one buddy block, and the
 * p2m that maps them (an extent array sorted by gpfn).
 *
 * Every block freed here is scrubbed first (machine_scrub punches a hole,
 * or on a --boot-scrub machine writes zeros in place),
 * so whatever a domain wrote is gone before the block can be handed out
 * again, and a reallocated page reads as zero.  A block a foreign mapping
 * holds is neither scrubbed nor freed until the hold goes (fmap.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "domain.h"
#include "fmap.h"
#include "log.h"

#define P2M_INITIAL_CAP 4

/* Index of the first extent with gpfn > g (binary search). */
static uint32_t p2m_upper(const struct domain *d, uint64_t g)
{
	uint32_t lo = 0, hi = d->p2m_nr;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (d->p2m[mid].gpfn <= g)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct p2m_extent *p2m_lookup(const struct domain *d, uint64_t gpfn)
{
	uint32_t i = p2m_upper(d, gpfn);
	if (i == 0)
		return NULL;
	const struct p2m_extent *e = &d->p2m[i - 1];
	return gpfn - e->gpfn < (1ULL << e->order) ? e : NULL;
}

uint64_t p2m_max_gpfn(const struct domain *d)
{
	if (d->p2m_nr == 0)
		return 0;
	const struct p2m_extent *e = &d->p2m[d->p2m_nr - 1];
	return e->gpfn + (1ULL << e->order);
}

static int p2m_insert_at(struct domain *d, uint32_t i, struct p2m_extent e)
{
	if (d->p2m_nr == d->p2m_cap) {
		uint32_t cap = d->p2m_cap ? d->p2m_cap * 2 : P2M_INITIAL_CAP;
		struct p2m_extent *n = realloc(d->p2m, (size_t)cap * sizeof(*n));
		if (!n)
			return -ENOMEM;
		d->p2m = n;
		d->p2m_cap = cap;
	}
	memmove(&d->p2m[i + 1], &d->p2m[i], (size_t)(d->p2m_nr - i) * sizeof(e));
	d->p2m[i] = e;
	d->p2m_nr++;
	return 0;
}

static void p2m_remove_at(struct domain *d, uint32_t i)
{
	memmove(&d->p2m[i], &d->p2m[i + 1], (size_t)(d->p2m_nr - i - 1) * sizeof(d->p2m[0]));
	d->p2m_nr--;
}

int mm_free_block(struct hv *hv, uint64_t mfn, unsigned order)
{
	/* A foreign mapping may still show it: keep it until released (fmap.h). */
	int r = fmap_keep(hv, mfn, order);
	if (r != 0)
		return r < 0 ? r : 0;
	return mm_scrub_free(hv, mfn, order);
}

int mm_scrub_free(struct hv *hv, uint64_t mfn, unsigned order)
{
	/* Deferred: unallocatable until the worker has punched it. */
	if (hv->scrub.running && buddy_retag(&hv->buddy, mfn, order, BUDDY_SCRUB, DOMID_INVALID) == 0 &&
	    scrub_queue(&hv->scrub, mfn, order) == 0) {
		hv->scrub.pending_pages += 1ULL << order;
		return 0;
	}
	int r = machine_scrub(&hv->mach, mfn, 1ULL << order);
	if (r != 0)
		return r;
	return buddy_free(&hv->buddy, mfn, order);
}

void mm_reap(struct hv *hv)
{
	struct scrub_list done;
	int e = scrub_boot_error(&hv->scrub);

	if (e != 0)
		hv_log(HV_LOG_WARN, "boot scrub stopped: %s; the rest of memory comes in on first touch",
		       strerror(-e));
	if (scrub_take_done(&hv->scrub, &done) == 0)
		return;
	for (size_t i = 0; i < done.n; i++) {
		hv->scrub.pending_pages -= 1ULL << done.v[i].order;
		buddy_free(&hv->buddy, done.v[i].mfn, done.v[i].order);
	}
	free(done.v);
}

void mm_scrub_sync(struct hv *hv)
{
	scrub_wait_idle(&hv->scrub);
	mm_reap(hv);
}

int mm_alloc(struct hv *hv, unsigned order, enum buddy_kind kind, uint16_t owner,
             uint64_t hint, uint64_t more, uint64_t *mfn)
{
	int r = buddy_alloc_near(&hv->buddy, order, kind, owner, hint, more, mfn);
	if (r == -ENOMEM && hv->scrub.pending_pages != 0) {
		mm_scrub_sync(hv);   /* memory that is only being cleaned: wait */
		r = buddy_alloc_near(&hv->buddy, order, kind, owner, hint, more, mfn);
	}
	return r;
}

int mm_alloc_rma(struct hv *hv, struct domain *d, unsigned rma_log)
{
	unsigned order = rma_log - XEN_PAGE_SHIFT;
	uint64_t mfn;

	if (d->p2m_nr != 0)
		return -EINVAL;      /* Xen: one RMA per domain */
	if (mm_alloc(hv, order, BUDDY_RMA, d->id, UINT64_MAX, 0, &mfn) != 0)
		return -ENOMEM;
	struct p2m_extent e = { .gpfn = 0, .mfn = mfn, .order = (uint8_t)order, .kind = BUDDY_RMA };
	if (p2m_insert_at(d, 0, e) != 0) {
		buddy_free(&hv->buddy, mfn, order);   /* never handed out: clean */
		return -ENOMEM;
	}
	d->rma_mfn = mfn;
	d->rma_order = order;
	d->tot_pages += 1ULL << order;
	return 0;
}

int mm_populate(struct hv *hv, struct domain *d, uint64_t gpfn, unsigned order, uint64_t more)
{
	uint64_t n = 1ULL << order, mfn;
	uint32_t i;

	if (order > HV_MAX_EXTENT_ORDER || gpfn > d->max_pages || n > d->max_pages - gpfn)
		return -EINVAL;      /* the p2m is sized by max_mem (PowerPC) */
	if (d->tot_pages + n > d->max_pages)
		return -ENOMEM;      /* Xen: over-allocation */
	i = p2m_upper(d, gpfn);
	if ((i > 0 && d->p2m[i - 1].gpfn + (1ULL << d->p2m[i - 1].order) > gpfn) ||
	    (i < d->p2m_nr && gpfn + n > d->p2m[i].gpfn))
		return -EBUSY;       /* already populated */
	/* Next to the extent below it in guest space, if it has room (buddy.h). */
	uint64_t hint = i > 0 ? d->p2m[i - 1].mfn + (1ULL << d->p2m[i - 1].order) - 1 : UINT64_MAX;
	if (mm_alloc(hv, order, BUDDY_EXTENT, d->id, hint, more, &mfn) != 0)
		return -ENOMEM;
	struct p2m_extent e = { .gpfn = gpfn, .mfn = mfn, .order = (uint8_t)order, .kind = BUDDY_EXTENT };
	if (p2m_insert_at(d, i, e) != 0) {
		buddy_free(&hv->buddy, mfn, order);
		return -ENOMEM;
	}
	d->tot_pages += n;
	return 0;
}

/* Is [gpfn, gpfn+n) wholly populated with extents (not the RMA)? */
static int range_releasable(const struct domain *d, uint64_t gpfn, uint64_t n)
{
	uint64_t g = gpfn;
	while (g < gpfn + n) {
		const struct p2m_extent *e = p2m_lookup(d, g);
		if (!e || e->kind != BUDDY_EXTENT)
			return 0;
		g = e->gpfn + (1ULL << e->order);
	}
	return 1;
}

/* Split extent i in two halves, in the allocator and in the p2m. */
static int split_extent(struct hv *hv, struct domain *d, uint32_t i)
{
	struct p2m_extent hi = d->p2m[i];
	if (hi.order == 0 || d->p2m_nr == UINT32_MAX)
		return -EINVAL;
	hi.order--;
	hi.gpfn += 1ULL << hi.order;
	hi.mfn += 1ULL << hi.order;
	/* Grow the p2m first: a failed split must leave both sides unchanged. */
	if (p2m_insert_at(d, i + 1, hi) != 0)
		return -ENOMEM;
	if (buddy_split(&hv->buddy, d->p2m[i].mfn, d->p2m[i].order) != 0) {
		p2m_remove_at(d, i + 1);
		return -EINVAL;
	}
	d->p2m[i].order--;
	return 0;
}

int mm_release(struct hv *hv, struct domain *d, uint64_t gpfn, unsigned order)
{
	uint64_t n = 1ULL << order, g = gpfn;

	if (order > HV_MAX_EXTENT_ORDER || gpfn > UINT64_MAX - n || !range_releasable(d, gpfn, n))
		return -EINVAL;
	while (g < gpfn + n) {
		uint32_t i = p2m_upper(d, g) - 1;
		struct p2m_extent *e = &d->p2m[i];
		uint64_t len = 1ULL << e->order;
		if (e->gpfn != g || len > gpfn + n - g) {
			int r = split_extent(hv, d, i);
			if (r != 0)
				return r;
			continue;
		}
		uint64_t mfn = e->mfn;
		unsigned o = e->order;
		p2m_remove_at(d, i);
		d->tot_pages -= len;
		int r = mm_free_block(hv, mfn, o);
		if (r != 0)
			return r;
		g += len;
	}
	return 0;
}

void mm_free_all(struct hv *hv, struct domain *d)
{
	for (uint32_t i = 0; i < d->p2m_nr; i++) {
		if (mm_free_block(hv, d->p2m[i].mfn, d->p2m[i].order) != 0)
			HV_WARN("dom%u: extent at gpfn %#llx not freed", d->id,
			        (unsigned long long)d->p2m[i].gpfn);
	}
	free(d->p2m);
	d->p2m = NULL;
	d->p2m_nr = d->p2m_cap = 0;
	d->tot_pages = 0;
}
