/*
 * Foreign memory: a domain's pages reached by the tool directly, without
 * the window and a copy hypercall.  xc_map_foreign_range maps them; the
 * builder writes them through the machine memory fd (xc_foreign_span_*).
 *
 * The hypervisor answers an MMAP with where a run of guest frames lies in
 * machine memory and a hold that keeps those machine pages from reuse
 * until we release it.  A range can span several machine-contiguous runs,
 * each with its own hold; a mapping places them side by side in one
 * reservation of address space so the caller sees one piece.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "xc_private.h"

#if defined(__x86_64__) && defined(__SSE2__)
#include <emmintrin.h>
#define XC_STREAMING_STORES 1
/* Copies at least this long bypass the cache (see copy_out). */
#define XC_STREAM_MIN (256U << 10)
#endif

struct xc_fmap {
	uint8_t *addr;
	size_t size;
	struct xc_foreign_span span;
	struct xc_fmap *next;
};

static int push_run(struct xc_foreign_span *s, const struct xc_transport_run *run, size_t *cap)
{
	if (s->nr_runs == *cap) {
		size_t n = *cap ? *cap * 2 : 4;
		struct xc_transport_run *v = realloc(s->runs, n * sizeof(*v));
		if (!v)
			return -ENOMEM;
		s->runs = v;
		*cap = n;
	}
	s->runs[s->nr_runs++] = *run;
	return 0;
}

static int check_range(xc_interface *xch, uint32_t domid, uint64_t gpfn, uint64_t pages)
{
	int rc = xc_check_domid(xch, domid, 0);

	if (rc < 0)
		return rc;
	if (domid == 0)
		return xc_seterror(xch, -EINVAL, "cannot map dom0's own memory");
	if (pages == 0)
		return xc_seterror(xch, -EINVAL, "an empty range of domain %u", domid);
	if (gpfn > UINT64_MAX / XEN_PAGE_SIZE - pages)
		return xc_seterror(xch, -EINVAL, "gpfn %#llx: range overflows",
				   (unsigned long long)gpfn);
	return 0;
}

void xc_foreign_span_release(xc_interface *xch, struct xc_foreign_span *s)
{
	for (size_t i = 0; i < s->nr_runs; i++) {
		int r = xc_transport_munmap(xch->tp, s->runs[i].map_id);
		if (r < 0)
			xc_log(xch, XC_LOG_WARN, "releasing hold %llu: %s",
			       (unsigned long long)s->runs[i].map_id, xc_strerror(xch, r));
	}
	free(s->runs);
	s->runs = NULL;
	s->nr_runs = 0;
}

/* The holds for [gpfn, gpfn + pages), writable or not. */
static int hold(xc_interface *xch, uint32_t domid, uint64_t gpfn, uint64_t pages,
		uint16_t flags, struct xc_foreign_span *s)
{
	size_t cap = 0;
	uint64_t done = 0;
	int rc = check_range(xch, domid, gpfn, pages);

	*s = (struct xc_foreign_span){ .gpfn = gpfn, .pages = pages, .fd = -1 };
	while (rc == 0 && done < pages) {
		struct xc_transport_run run;
		rc = xc_transport_mmap(xch->tp, (uint16_t)domid, gpfn + done, pages - done,
				       flags, &run);
		if (rc < 0) {
			rc = xc_seterror(xch, rc, "cannot map gpfn %#llx of domain %u: %s",
					 (unsigned long long)(gpfn + done), domid,
					 xc_strerror(xch, rc));
		} else if ((rc = push_run(s, &run, &cap)) < 0) {
			(void)xc_transport_munmap(xch->tp, run.map_id);
			rc = xc_seterror(xch, rc, "out of memory");
		}
		done += rc == 0 ? run.pages : 0;
	}
	if (rc < 0) {
		xc_foreign_span_release(xch, s);
		return rc;
	}
	s->fd = xc_transport_machine_fd(xch->tp);
	return 0;
}

int xc_foreign_span_hold(xc_interface *xch, uint32_t domid, uint64_t gpfn,
			 uint64_t pages, struct xc_foreign_span *s)
{
	return hold(xch, domid, gpfn, pages, PRIVCMD_MMAP_WRITE, s);
}

int xc_foreign_span_hold_ro(xc_interface *xch, uint32_t domid, uint64_t gpfn,
			    uint64_t pages, struct xc_foreign_span *s)
{
	return hold(xch, domid, gpfn, pages, 0, s);
}

const struct xc_transport_run *xc_foreign_span_run(const struct xc_foreign_span *s,
						   uint64_t gpfn, uint64_t *first)
{
	uint64_t g = s->gpfn;

	for (size_t i = 0; i < s->nr_runs; i++) {
		if (gpfn - g < s->runs[i].pages) {
			*first = g;
			return &s->runs[i];
		}
		g += s->runs[i].pages;
	}
	return NULL;
}

/* Bytes of zeros one pwrite writes when a span is cleared. */
#define XC_ZERO_CHUNK (64U * 1024)

static int pwrite_all(int fd, const void *src, size_t len, off_t off)
{
	static const uint8_t zeros[XC_ZERO_CHUNK];
	const uint8_t *p = src;

	while (len > 0) {
		size_t n = src ? len : (len < sizeof(zeros) ? len : sizeof(zeros));
		ssize_t w = pwrite(fd, src ? (const void *)p : zeros, n, off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return w < 0 ? -errno : -EIO;
		len -= (size_t)w;
		off += w;
		p += src ? (size_t)w : 0;
	}
	return 0;
}

/*
 * Copy len bytes into domain memory.  The destination is not in the cache
 * (memory the scrubber zeroed long ago, or new), and a normal store first
 * reads each line it writes: on x86-64, long copies use streaming stores,
 * which do not, so they move a third less through memory.  (glibc's memcpy
 * streams only above a threshold it derives from the cache size, which a
 * virtual machine may report as hundreds of MiB.)
 */
static void copy_out(uint8_t *dst, const uint8_t *src, size_t len)
{
#ifdef XC_STREAMING_STORES
	size_t head = (16 - ((uintptr_t)dst & 15)) & 15;

	if (len >= XC_STREAM_MIN) {
		memcpy(dst, src, head);
		dst += head;
		src += head;
		len -= head;
		for (; len >= 64; len -= 64, dst += 64, src += 64) {
			__m128i a = _mm_loadu_si128((const __m128i *)(const void *)src);
			__m128i b = _mm_loadu_si128((const __m128i *)(const void *)(src + 16));
			__m128i c = _mm_loadu_si128((const __m128i *)(const void *)(src + 32));
			__m128i d = _mm_loadu_si128((const __m128i *)(const void *)(src + 48));
			_mm_stream_si128((__m128i *)(void *)dst, a);
			_mm_stream_si128((__m128i *)(void *)(dst + 16), b);
			_mm_stream_si128((__m128i *)(void *)(dst + 32), c);
			_mm_stream_si128((__m128i *)(void *)(dst + 48), d);
		}
		_mm_sfence();                /* streamed stores are ordered before the unmap */
	}
#endif
	memcpy(dst, src, len);
}

/*
 * Store through a short-lived mapping of just these pages, populated when
 * it is made (MAP_POPULATE fills the page table in one pass, much cheaper
 * than a fault per page).
 */
static int map_write(int fd, const void *src, size_t len, off_t off)
{
	off_t first = off & ~(off_t)(XEN_PAGE_SIZE - 1);
	size_t head = (size_t)(off - first);
	size_t span = (head + len + XEN_PAGE_SIZE - 1) & ~(size_t)(XEN_PAGE_SIZE - 1);
	uint8_t *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd, first);

	if (p == MAP_FAILED)
		return -errno;
	if (src)
		copy_out(p + head, src, len);
	else
		memset(p + head, 0, len);
	return munmap(p, span) == 0 ? 0 : -errno;
}

int xc_foreign_span_write(const struct xc_foreign_span *s, uint64_t gpa,
			  const void *src, size_t len, int how)
{
	const uint8_t *p = src;
	uint64_t end = (s->gpfn + s->pages) * XEN_PAGE_SIZE;

	if (gpa < s->gpfn * XEN_PAGE_SIZE || gpa > end || len > end - gpa)
		return -EFAULT;
	while (len > 0) {
		uint64_t first, g = gpa / XEN_PAGE_SIZE;
		const struct xc_transport_run *r = xc_foreign_span_run(s, g, &first);
		if (!r)
			return -EFAULT;
		uint64_t in_run = (first + r->pages) * XEN_PAGE_SIZE - gpa;
		size_t n = len < in_run ? len : (size_t)in_run;
		off_t off = (off_t)((r->mfn + (g - first)) * XEN_PAGE_SIZE + gpa % XEN_PAGE_SIZE);
		int rc = how == XC_FOREIGN_BY_MAP ? map_write(s->fd, p, n, off)
						  : pwrite_all(s->fd, p, n, off);
		if (rc < 0)
			return rc;
		gpa += n;
		len -= n;
		p = p ? p + n : NULL;
	}
	return 0;
}

/* Map the held range in one piece (a view that lives as long as the mapping). */
static int map_view(xc_interface *xch, struct xc_fmap *f, int prot)
{
	struct xc_foreign_view v;
	int rc = xc_foreign_view_map(&f->span, f->span.gpfn, f->span.pages, prot, &v);

	if (rc == -EOVERFLOW)
		return xc_seterror(xch, rc, "a machine frame of the range is beyond this "
				   "process's file offsets");
	if (rc == -ENOMEM)
		return xc_seterror(xch, rc, "no address space for %zu bytes", f->size);
	if (rc < 0)
		return xc_seterror(xch, rc, "cannot map machine memory: %s", xc_strerror(xch, rc));
	f->addr = v.addr;
	return 0;
}

/* Unmap and release every hold: the first error, or 0. */
static int fmap_release(xc_interface *xch, struct xc_fmap *f)
{
	int rc = 0;

	if (f->addr && munmap(f->addr, f->size) != 0)
		rc = -errno;
	/* Unmapped first: the pages may be freed as soon as a hold goes. */
	xc_foreign_span_release(xch, &f->span);
	free(f);
	return rc;
}

void *xc_map_foreign_range(xc_interface *xch, uint32_t domid, size_t size,
			   int prot, uint64_t gpfn)
{
	struct xc_fmap *f;
	int rc = 0;

	if (size == 0 || size % XEN_PAGE_SIZE)
		rc = xc_seterror(xch, -EINVAL, "mapping size %zu is not a positive "
				 "number of pages", size);
	else if (prot != PROT_READ && prot != (PROT_READ | PROT_WRITE))
		rc = xc_seterror(xch, -EINVAL, "mapping protection %#x is neither "
				 "PROT_READ nor PROT_READ|PROT_WRITE", (unsigned)prot);
	else if (!(f = calloc(1, sizeof(*f))))
		rc = xc_seterror(xch, -ENOMEM, "out of memory");
	if (rc < 0) {
		errno = -rc;
		return NULL;
	}
	f->size = size;
	rc = hold(xch, domid, gpfn, size / XEN_PAGE_SIZE,
		  (prot & PROT_WRITE) ? PRIVCMD_MMAP_WRITE : 0, &f->span);
	if (rc == 0)
		rc = map_view(xch, f, prot);
	if (rc < 0) {
		(void)fmap_release(xch, f);
		errno = -rc;
		return NULL;
	}
	f->next = xch->fmaps;
	xch->fmaps = f;
	return f->addr;
}

int xc_unmap_foreign_range(xc_interface *xch, void *addr, size_t size)
{
	struct xc_fmap **pp = &xch->fmaps;

	while (*pp && ((*pp)->addr != addr || (*pp)->size != size))
		pp = &(*pp)->next;
	if (!*pp)
		return xc_seterror(xch, -EINVAL, "%p (%zu bytes) is not a foreign mapping "
				   "of this handle", addr, size);
	struct xc_fmap *f = *pp;
	*pp = f->next;
	int rc = fmap_release(xch, f);
	return rc < 0 ? xc_seterror(xch, rc, "unmapping a foreign mapping: %s",
				    xc_strerror(xch, rc)) : 0;
}

void xc_foreign_unmap_all(xc_interface *xch)
{
	while (xch->fmaps) {
		struct xc_fmap *f = xch->fmaps;
		xch->fmaps = f->next;
		(void)fmap_release(xch, f);
	}
}
