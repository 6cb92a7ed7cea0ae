/*
 * Read-only views of a held span (xc_private.h), and which of their pages
 * are zero, for save: the stream is written straight from the domain's
 * pages, with no copy hypercall and no copy into the window.
 *
 * A page of machine memory is zero when it is a hole of the sparse machine
 * memory fd or holds only zero words.  Holes must not be read through a
 * mapping (the read would allocate the page), so the page cache is asked
 * first: mincore() answers for a whole view in one call, and a page it
 * reports resident is data.  A page it does not report may be a hole or
 * data that the host swapped out; lseek(SEEK_DATA) tells them apart (it
 * counts swapped pages as data) and says where the next data is, so a run
 * of holes costs one call.  Only lseek's answer is used, never the fd's
 * position, which the hypervisor and other threads share.
 *
 * A host without swap cannot swap a page out, so there mincore()'s answer
 * is exact and the holes cost no call at all (a domain whose data pages
 * are scattered has a hole between most of them).  Swap is checked before
 * and after a view is scanned; if it appeared meanwhile, the view is
 * scanned again asking lseek.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "xc_private.h"

/* Pages mincore() is asked about per call: its answer lives on the stack. */
#define VIEW_VEC_PAGES 256U

int xc_foreign_view_map(const struct xc_foreign_span *s, uint64_t gpfn, uint64_t pages,
			struct xc_foreign_view *v)
{
	uint8_t *base;
	int rc;

	*v = (struct xc_foreign_view){ NULL, gpfn, pages, s };
	if (pages == 0 || gpfn < s->gpfn || gpfn - s->gpfn > s->pages ||
	    pages > s->pages - (gpfn - s->gpfn) || pages > SIZE_MAX / XEN_PAGE_SIZE)
		return -EINVAL;
	base = mmap(NULL, (size_t)pages * XEN_PAGE_SIZE, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (base == MAP_FAILED)
		return -errno;
	if ((rc = xc_foreign_span_map_at(s, gpfn, pages, base, PROT_READ)) < 0) {
		(void)munmap(base, (size_t)pages * XEN_PAGE_SIZE);
		return rc;
	}
	v->addr = base;
	return 0;
}

void xc_foreign_view_unmap(struct xc_foreign_view *v)
{
	/* munmap of a range we mapped fails only on a bad argument. */
	if (v->addr != NULL)
		(void)munmap(v->addr, (size_t)v->pages * XEN_PAGE_SIZE);
	v->addr = NULL;
}

static int words_zero(const uint8_t *page)
{
	const uint64_t *w = (const uint64_t *)(const void *)page;
	uint64_t acc = 0;

	/* Most data pages differ from zero in their first words. */
	if ((w[0] | w[1] | w[2] | w[3]) != 0)
		return 0;
	for (unsigned i = 4; i < XEN_PAGE_SIZE / sizeof(*w); i++)
		acc |= w[i];
	return acc == 0;
}

/* May a page of machine memory be out of the page cache without being a hole? */
static int host_may_swap(void)
{
	struct sysinfo si;

	return sysinfo(&si) != 0 || si.totalswap != 0;
}

struct scan {
	int fd;
	unsigned how;                /* XC_VIEW_SCAN_* */
	off_t data;                  /* the next data offset lseek found */
};

/*
 * Is page i of a piece at addr, machine offset off, all zero?  vec is
 * mincore()'s answer for the piece (NULL: it had none); sc->data caches
 * lseek's answer, so one call covers a run of holes.
 */
static int page_zero(struct scan *sc, const uint8_t *addr, off_t off,
		     const unsigned char *vec, uint64_t i)
{
	off_t at = off + (off_t)(i * XEN_PAGE_SIZE);

	if (vec != NULL && (vec[i] & 1))
		return words_zero(addr + i * XEN_PAGE_SIZE);
	if (vec != NULL && (sc->how & XC_VIEW_SCAN_NO_SWAP))
		return 1;
	if (sc->data < at) {
		sc->data = lseek(sc->fd, at, SEEK_DATA);
		if (sc->data < 0 && errno != ENXIO)
			return -errno;
		if (sc->data < 0)
			sc->data = INT64_MAX;    /* nothing but holes from here */
	}
	return sc->data > at ? 1 : words_zero(addr + i * XEN_PAGE_SIZE);
}

/* Zero-map pages [0, n) of a machine-contiguous piece; bits from bit. */
static long piece_zero_map(struct scan *sc, const uint8_t *addr, off_t off, uint64_t n,
			   uint8_t *zmap, uint64_t bit)
{
	unsigned char vec[VIEW_VEC_PAGES];
	long nonzero = 0;

	sc->data = -1;
	for (uint64_t at = 0; at < n; at += VIEW_VEC_PAGES) {
		uint64_t m = n - at < VIEW_VEC_PAGES ? n - at : VIEW_VEC_PAGES;
		const uint8_t *p = addr + at * XEN_PAGE_SIZE;
		/* Without mincore's answer every page is asked of lseek. */
		int have = !(sc->how & XC_VIEW_SCAN_NO_MINCORE) &&
			   mincore((void *)(uintptr_t)p, (size_t)m * XEN_PAGE_SIZE, vec) == 0;
		for (uint64_t i = 0; i < m; i++) {
			uint64_t b = bit + at + i;
			int z = page_zero(sc, p, off + (off_t)(at * XEN_PAGE_SIZE), have ? vec : NULL, i);
			if (z < 0)
				return z;
			if (z)
				zmap[b / 8] |= (uint8_t)(1U << (b % 8));
			else
				zmap[b / 8] &= (uint8_t)~(1U << (b % 8));
			nonzero += !z;
		}
	}
	return nonzero;
}

static long view_zero_map(const struct xc_foreign_view *v, struct scan *sc, uint8_t *zmap)
{
	uint64_t done = 0;
	long nonzero = 0;

	while (done < v->pages) {
		uint64_t first, g = v->gpfn + done;
		const struct xc_transport_run *r = xc_foreign_span_run(v->span, g, &first);
		if (r == NULL)
			return -EINVAL;
		uint64_t n = first + r->pages - g;
		if (n > v->pages - done)
			n = v->pages - done;
		long z = piece_zero_map(sc, v->addr + done * XEN_PAGE_SIZE,
					(off_t)((r->mfn + (g - first)) * XEN_PAGE_SIZE), n, zmap, done);
		if (z < 0)
			return z;
		nonzero += z;
		done += n;
	}
	return nonzero;
}

long xc_foreign_view_scan(const struct xc_foreign_view *v, unsigned how, uint8_t *zmap)
{
	struct scan sc = { v->span->fd, how, -1 };

	return view_zero_map(v, &sc, zmap);
}

long xc_foreign_view_zero_map(const struct xc_foreign_view *v, uint8_t *zmap)
{
	unsigned how = host_may_swap() ? 0 : XC_VIEW_SCAN_NO_SWAP;
	long nonzero = xc_foreign_view_scan(v, how, zmap);

	if (nonzero >= 0 && how != 0 && host_may_swap())
		nonzero = xc_foreign_view_scan(v, 0, zmap);   /* swap came on meanwhile */
	return nonzero;
}
