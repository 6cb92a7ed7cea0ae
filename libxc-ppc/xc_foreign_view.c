/*
 * Views of a held span (xc_private.h): its pages mapped side by side, for
 * xc_map_foreign_range; and, for save, a span's non-zero pages read into
 * the caller's buffer with no copy hypercall and no mapping.
 *
 * Which pages are zero the hypervisor says (XEN_MEMCOPY_map_only): it
 * compares them through its own mapping of machine memory and knows the
 * holes of the sparse memory fd, which must not be read through a mapping
 * (the read would allocate the page).  The other pages are read with
 * pread(): no page-table entries to fill and tear down (on a machine whose
 * memory is all present, that was 40% of reading it through a mapping),
 * and the pages land in a buffer that is still in the cache when the
 * stream's CRC and write read them.  A hole read with pread reads as zeros
 * without being allocated.
 */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xc_private.h"

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

/*
 * Zero pages between two runs of non-zero ones that are read along with
 * them: a pread costs about as much as copying a few pages (scattered
 * data has a short gap between most of its pages).
 */
#define VIEW_GAP_PAGES 4U

/* From page i of n, the first page that is not zero (n if none). */
static uint64_t next_nonzero(const uint8_t *zmap, uint64_t bit, uint64_t i, uint64_t n)
{
	while (i < n && xc_zmap_test(zmap, bit + i))
		i++;
	return i;
}

/*
 * Pages [0, n) of a machine-contiguous piece at machine offset off, zero-map
 * bits from bit: read the non-zero ones into buf, a pread per run of them
 * (runs closer than VIEW_GAP_PAGES joined).  Non-zero pages, or -errno.
 */
static long piece_read_nonzero(int fd, off_t off, uint64_t n, const uint8_t *zmap, uint64_t bit,
			       uint8_t *buf)
{
	uint64_t i = next_nonzero(zmap, bit, 0, n), j, k;
	long nonzero = 0;
	int rc;

	while (i < n) {
		for (j = i; j < n; j = k) {
			while (j < n && !xc_zmap_test(zmap, bit + j))
				nonzero++, j++;
			k = next_nonzero(zmap, bit, j, n);
			if (k == n || k - j > VIEW_GAP_PAGES)
				break;
		}
		rc = pread_all(fd, buf + i * XEN_PAGE_SIZE, (size_t)(j - i) * XEN_PAGE_SIZE,
			       off + (off_t)(i * XEN_PAGE_SIZE));
		if (rc < 0)
			return rc;
		i = next_nonzero(zmap, bit, j, n);
	}
	return nonzero;
}

long xc_foreign_span_read_nonzero(const struct xc_foreign_span *s, uint64_t gpfn,
				  uint64_t pages, const uint8_t *zmap, uint8_t *buf)
{
	uint64_t done = 0;
	long nonzero = 0;

	while (done < pages) {
		uint64_t first, g = gpfn + done;
		const struct xc_transport_run *r = xc_foreign_span_run(s, g, &first);
		if (r == NULL)
			return -EINVAL;
		uint64_t n = first + r->pages - g;
		if (n > pages - done)
			n = pages - done;
		long z = piece_read_nonzero(s->fd, (off_t)((r->mfn + (g - first)) * XEN_PAGE_SIZE),
					    n, zmap, done, buf + done * XEN_PAGE_SIZE);
		if (z < 0)
			return z;
		nonzero += z;
		done += n;
	}
	return nonzero;
}
