/*
 * Read-only views of a held span (xc_private.h) for save: which of their
 * pages are zero, and the others read into the caller's buffer, with no
 * copy hypercall and no window.
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
 * is exact and the holes cost one call per 256 pages (a domain whose data
 * pages are scattered has a hole between most of them), which also checks
 * that mincore reports the page cache at all (mincore_exact).  Swap is
 * checked before and after a view is read; if it appeared meanwhile, the
 * view is read again asking lseek.
 *
 * The data pages are read with pread(), not through the mapping: the
 * mapping is never touched, so it costs no page-table entries to fill and
 * tear down (on a machine whose memory is all present, that was 40% of
 * reading it), and the pages land in a buffer that is still in the cache
 * when the stream's CRC and write read them.  The pages from a batch's
 * first data page to its last are read 64 at a time (256 KiB, still in the
 * cache when compared: 5% off a save of present memory, where every page
 * is read); holes between them read as zeros without being allocated.
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

/*
 * Pages read per pread: few enough that they are still in the L2 cache
 * when they are compared with zero just after.
 */
#define VIEW_READ_PAGES 64U

/* Map [gpfn, gpfn + pages) of the span at addr (reserved), run after run. */
static int map_at(const struct xc_foreign_span *s, uint64_t gpfn, uint64_t pages,
		  uint8_t *addr, int prot)
{
	uint64_t done = 0;

	while (done < pages) {
		uint64_t first, g = gpfn + done;
		const struct xc_transport_run *r = xc_foreign_span_run(s, g, &first);
		if (r == NULL)
			return -EINVAL;
		uint64_t mfn = r->mfn + (g - first), n = first + r->pages - g;
		off_t off = (off_t)mfn * XEN_PAGE_SIZE;
		if (n > pages - done)
			n = pages - done;
		if (off < 0 || (uint64_t)off / XEN_PAGE_SIZE != mfn)
			return -EOVERFLOW;
		if (mmap(addr + done * XEN_PAGE_SIZE, (size_t)n * XEN_PAGE_SIZE, prot,
			 MAP_SHARED | MAP_FIXED, s->fd, off) == MAP_FAILED)
			return -errno;
		done += n;
	}
	return 0;
}

int xc_foreign_view_map(const struct xc_foreign_span *s, uint64_t gpfn, uint64_t pages,
			int prot, struct xc_foreign_view *v)
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
	if ((rc = map_at(s, gpfn, pages, base, prot)) < 0) {
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
	int exact;                   /* this chunk: what mincore does not report is a hole */
	off_t data;                  /* the next data offset lseek found */
};

/*
 * Does the page at machine offset at hold data?  resident is mincore()'s
 * answer for it, or -1 without one; sc->data caches lseek's answer, so one
 * call covers a run of holes.  1, 0, or -errno.
 */
static int page_data(struct scan *sc, off_t at, int resident)
{
	if (resident == 1)
		return 1;
	if (resident == 0 && sc->exact)
		return 0;
	if (sc->data < at) {
		sc->data = lseek(sc->fd, at, SEEK_DATA);
		if (sc->data < 0 && errno != ENXIO)
			return -errno;
		if (sc->data < 0)
			sc->data = INT64_MAX;    /* nothing but holes from here */
	}
	return sc->data == at;
}

static int pread_all(int fd, uint8_t *buf, size_t len, off_t off)
{
	while (len > 0) {
		ssize_t r = pread(fd, buf, len, off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return r < 0 ? -errno : -EIO;    /* 0: machine memory ended early */
		buf += r;
		len -= (size_t)r;
		off += r;
	}
	return 0;
}

static void zmap_put(uint8_t *zmap, uint64_t b, int zero)
{
	if (zero)
		zmap[b / 8] |= (uint8_t)(1U << (b % 8));
	else
		zmap[b / 8] &= (uint8_t)~(1U << (b % 8));
}

/*
 * Without swap, is mincore's answer for the m pages at machine offset off
 * the page cache's?  Asked once per chunk: the first data lseek finds from
 * the first page mincore does not report must be one it reports.  A kernel
 * that tells only which pages this process has mapped (as Linux does for
 * files the caller may not write) fails this at once, and the chunk is
 * then read asking lseek, never taken for holes.
 */
static int mincore_exact(struct scan *sc, off_t off, uint64_t m, const unsigned char *vec)
{
	uint64_t i = 0;
	off_t d;

	while (i < m && (vec[i] & 1))
		i++;
	if (i == m)
		return 1;
	d = lseek(sc->fd, off + (off_t)(i * XEN_PAGE_SIZE), SEEK_DATA);
	if (d < 0)
		return errno == ENXIO;
	sc->data = d;
	return (uint64_t)(d - off) / XEN_PAGE_SIZE >= m || (vec[(d - off) / XEN_PAGE_SIZE] & 1);
}

/*
 * Pages [i, i + n) of chunk_read's chunk: read those of [first, last] (one
 * pread; holes between data pages read as zeros without being allocated),
 * then compare them with zero while they are still in the cache.  The
 * number of non-zero pages, or -errno.
 */
static long piece_read(struct scan *sc, off_t off, uint64_t i, uint64_t n, uint64_t first,
		       uint64_t last, const unsigned char *vec, uint8_t *buf, uint8_t *zmap,
		       uint64_t bit)
{
	uint64_t lo = i > first ? i : first, hi = i + n - 1 < last ? i + n - 1 : last;
	long nonzero = 0;

	if (lo <= hi) {
		int rc = pread_all(sc->fd, buf + lo * XEN_PAGE_SIZE,
				   (size_t)(hi - lo + 1) * XEN_PAGE_SIZE,
				   off + (off_t)(lo * XEN_PAGE_SIZE));
		if (rc < 0)
			return rc;
	}
	for (uint64_t p = i; p < i + n; p++) {
		int zero = !vec[p] || words_zero(buf + p * XEN_PAGE_SIZE);
		zmap_put(zmap, bit + p, zero);
		nonzero += !zero;
	}
	return nonzero;
}

/*
 * Read pages [0, m) of a machine-contiguous piece, m <= VIEW_VEC_PAGES: its
 * mapping at addr (for mincore), machine offset off, into buf; zero-map
 * bits from bit.  The number of non-zero pages, or -errno.
 */
static long chunk_read(struct scan *sc, const uint8_t *addr, off_t off, uint64_t m,
		       uint8_t *buf, uint8_t *zmap, uint64_t bit)
{
	unsigned char vec[VIEW_VEC_PAGES];
	uint64_t i, first = m, last = 0;
	long nonzero = 0;
	int have = !(sc->how & XC_VIEW_SCAN_NO_MINCORE) &&
		   mincore((void *)(uintptr_t)addr, (size_t)m * XEN_PAGE_SIZE, vec) == 0;

	if (have && (sc->how & XC_VIEW_SCAN_BLIND_MINCORE))
		memset(vec, 0, (size_t)m);   /* as a kernel that hides the page cache */
	sc->exact = have && (sc->how & XC_VIEW_SCAN_NO_SWAP) && mincore_exact(sc, off, m, vec);

	for (i = 0; i < m; i++) {
		int d = page_data(sc, off + (off_t)(i * XEN_PAGE_SIZE), have ? vec[i] & 1 : -1);
		if (d < 0)
			return d;
		vec[i] = (unsigned char)d;
		if (d && first == m)
			first = i;
		if (d)
			last = i;
	}
	for (i = 0; i < m; i += VIEW_READ_PAGES) {
		uint64_t n = m - i < VIEW_READ_PAGES ? m - i : VIEW_READ_PAGES;
		long z = piece_read(sc, off, i, n, first, last, vec, buf, zmap, bit);
		if (z < 0)
			return z;
		nonzero += z;
	}
	return nonzero;
}

/* Read a view's pages (xc_foreign_view_scan), piece by machine-contiguous piece. */
static long view_read(const struct xc_foreign_view *v, struct scan *sc, uint8_t *buf,
		      uint8_t *zmap)
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
		if (n > VIEW_VEC_PAGES)
			n = VIEW_VEC_PAGES;
		sc->data = -1;
		long z = chunk_read(sc, v->addr + done * XEN_PAGE_SIZE,
				    (off_t)((r->mfn + (g - first)) * XEN_PAGE_SIZE), n,
				    buf + done * XEN_PAGE_SIZE, zmap, done);
		if (z < 0)
			return z;
		nonzero += z;
		done += n;
	}
	return nonzero;
}

long xc_foreign_view_scan(const struct xc_foreign_view *v, unsigned how, uint8_t *buf,
			  uint8_t *zmap)
{
	struct scan sc = { v->span->fd, how, 0, -1 };

	return view_read(v, &sc, buf, zmap);
}

long xc_foreign_view_read(const struct xc_foreign_view *v, uint8_t *buf, uint8_t *zmap)
{
	unsigned how = host_may_swap() ? 0 : XC_VIEW_SCAN_NO_SWAP;
	long nonzero = xc_foreign_view_scan(v, how, buf, zmap);

	if (nonzero >= 0 && how != 0 && host_may_swap())
		nonzero = xc_foreign_view_scan(v, 0, buf, zmap);   /* swap came on meanwhile */
	return nonzero;
}
