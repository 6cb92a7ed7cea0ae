/*
 * Foreign mappings and the memory they hold (fmap.h).
 */
#include <errno.h>
#include <stdlib.h>

#include "domain.h"
#include "fmap.h"
#include "log.h"

#define FMAP_INITIAL_CAP 16

/*
 * Room for element n of array v (*cap elements of size): v, or its
 * replacement, or NULL with v untouched.
 */
static void *grow(void *v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return v;
	size_t c = *cap ? *cap * 2 : FMAP_INITIAL_CAP;
	void *p = realloc(v, c * size);
	if (p)
		*cap = c;
	return p;
}

static int overlaps(const struct fmap_hold *h, uint64_t mfn, uint64_t n)
{
	return h->mfn < mfn + n && mfn < h->mfn + h->count;
}

/* Does any hold overlap machine pages [mfn, mfn + n)? */
static int held_by_any(const struct fmap *f, uint64_t mfn, uint64_t n)
{
	for (size_t i = 0; i < f->nr_hold; i++)
		if (overlaps(&f->hold[i], mfn, n))
			return 1;
	return 0;
}

size_t fmap_count(const struct hv *hv, const void *owner)
{
	size_t n = 0;
	for (size_t i = 0; i < hv->fmap.nr_hold; i++)
		n += hv->fmap.hold[i].owner == owner;
	return n;
}

/*
 * The machine-contiguous run of up to count pages from gpfn: it may cross
 * extents (the RMA and the extents after it are often placed end to end),
 * and stops at a hole in the p2m or where the next frame is elsewhere.
 * 0 if gpfn is not populated.
 */
static uint64_t machine_run(const struct domain *d, uint64_t gpfn, uint64_t count,
                            uint64_t *mfn)
{
	const struct p2m_extent *e = p2m_lookup(d, gpfn);
	uint64_t run = 0;

	if (!e)
		return 0;
	*mfn = e->mfn + (gpfn - e->gpfn);
	while (e && run < count) {
		uint64_t g = gpfn + run;
		if (e->mfn + (g - e->gpfn) != *mfn + run)
			break;
		uint64_t left = e->gpfn + (1ULL << e->order) - g;
		run += left < count - run ? left : count - run;
		e = p2m_lookup(d, gpfn + run);
	}
	return run;
}

/* The checks of MMAP's arguments, in the contract's terms: 0 or -errno. */
static int check_map(const struct hv *hv, uint32_t domid, uint64_t count, uint32_t flags,
                     struct domain **d)
{
	if (domid == 0)
		return -EINVAL;      /* dom0's memory is the tool's own */
	*d = domain_get(hv, domid);
	if (!*d)
		return -ESRCH;
	/* No run is longer than the machine, so such a count is nonsense. */
	if ((flags & ~PRIVCMD_MMAP_WRITE) != 0 || count == 0 || count > hv->mach.nr_pages)
		return -EINVAL;
	return 0;
}

int64_t fmap_map(struct hv *hv, void *owner, uint32_t domid, uint64_t gpfn,
                 uint64_t count, uint32_t flags, uint64_t *mfn, uint64_t *id)
{
	struct fmap *f = &hv->fmap;
	struct domain *d = NULL;
	uint64_t m = 0, run;
	int r = check_map(hv, domid, count, flags, &d);

	if (r != 0)
		return r;
	run = machine_run(d, gpfn, count, &m);
	if (run == 0)
		return -EFAULT;
	if (fmap_count(hv, owner) >= PRIVCMD_MAX_MAPS)
		return -ENOSPC;
	struct fmap_hold *v = grow(f->hold, &f->cap_hold, f->nr_hold, sizeof(*v));
	if (!v)
		return -ENOMEM;
	f->hold = v;
	if (++f->last_id == 0)
		f->last_id = 1;      /* 0 is never an id */
	f->hold[f->nr_hold++] = (struct fmap_hold){ owner, f->last_id, m, run };
	*mfn = m;
	*id = f->last_id;
	return (int64_t)run;
}

/*
 * Free every held block that no hold overlaps any more, the way
 * mm_free_block would have when it was given back.
 */
static void free_unheld(struct hv *hv)
{
	struct fmap *f = &hv->fmap;

	for (size_t i = 0; i < f->nr_held;) {
		struct fmap_held b = f->held[i];
		if (held_by_any(f, b.mfn, 1ULL << b.order)) {
			i++;
			continue;
		}
		f->held[i] = f->held[--f->nr_held];
		f->held_pages -= 1ULL << b.order;
		if (mm_scrub_free(hv, b.mfn, b.order) != 0)
			HV_WARN("held block mfn %#llx order %u not freed",
			        (unsigned long long)b.mfn, b.order);
	}
}

static void remove_hold(struct fmap *f, size_t i)
{
	f->hold[i] = f->hold[--f->nr_hold];
}

int fmap_unmap(struct hv *hv, void *owner, uint64_t id)
{
	struct fmap *f = &hv->fmap;

	for (size_t i = 0; i < f->nr_hold; i++) {
		if (f->hold[i].id != id || f->hold[i].owner != owner)
			continue;
		remove_hold(f, i);
		free_unheld(hv);
		return 0;
	}
	return -ENOENT;
}

void fmap_release_owner(struct hv *hv, void *owner)
{
	struct fmap *f = &hv->fmap;
	size_t before = f->nr_hold;

	for (size_t i = 0; i < f->nr_hold;) {
		if (f->hold[i].owner == owner)
			remove_hold(f, i);
		else
			i++;
	}
	if (f->nr_hold != before)
		free_unheld(hv);
}

int fmap_keep(struct hv *hv, uint64_t mfn, unsigned order)
{
	struct fmap *f = &hv->fmap;

	if (!held_by_any(f, mfn, 1ULL << order))
		return 0;
	/* Neither free nor the domain's: nothing can allocate or free it now. */
	int r = buddy_retag(&hv->buddy, mfn, order, BUDDY_SCRUB, DOMID_INVALID);
	if (r != 0)
		return r;
	struct fmap_held *v = grow(f->held, &f->cap_held, f->nr_held, sizeof(*v));
	if (!v) {
		/* Losing the block is better than handing out mapped memory. */
		HV_WARN("no memory to track held block mfn %#llx order %u: it stays allocated",
		        (unsigned long long)mfn, order);
		return -ENOMEM;
	}
	f->held = v;
	f->held[f->nr_held++] = (struct fmap_held){ mfn, order };
	f->held_pages += 1ULL << order;
	return 1;
}

void fmap_fini(struct hv *hv)
{
	struct fmap *f = &hv->fmap;

	f->nr_hold = 0;
	free_unheld(hv);
	free(f->hold);
	free(f->held);
	*f = (struct fmap){ 0 };
}
