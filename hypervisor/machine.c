#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xenppc/xen.h>

#include "log.h"
#include "machine.h"

int machine_init(struct machine *m, uint64_t bytes)
{
	*m = (struct machine){ .fd = -1 };
	if (bytes == 0 || bytes % XEN_PAGE_SIZE || bytes > (uint64_t)SIZE_MAX ||
	    bytes > (uint64_t)INT64_MAX)
		return bytes > (uint64_t)SIZE_MAX ? -ENOMEM : -EINVAL;
	m->fd = memfd_create("xenppc-machine", MFD_CLOEXEC);
	if (m->fd < 0)
		return -errno;
	if (ftruncate(m->fd, (off_t)bytes) != 0) {
		int e = -errno;
		machine_fini(m);
		return e;
	}
	/* MAP_NORESERVE: the memory fd is sparse, nothing is committed. */
	void *p = mmap(NULL, (size_t)bytes, PROT_READ | PROT_WRITE,
	               MAP_SHARED | MAP_NORESERVE, m->fd, 0);
	if (p == MAP_FAILED) {
		machine_fini(m);
		return -ENOMEM;
	}
	m->base = p;
	m->nr_pages = bytes / XEN_PAGE_SIZE;
	return 0;
}

void machine_fini(struct machine *m)
{
	if (m->base)
		munmap(m->base, (size_t)(m->nr_pages * XEN_PAGE_SIZE));
	if (m->fd >= 0)
		close(m->fd);
	*m = (struct machine){ .fd = -1 };
}

/* Linux 5.14; older kernels answer EINVAL and machine_bring_in falls back. */
#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

static int punch(struct machine *m, uint64_t mfn, uint64_t count)
{
	if (fallocate(m->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
	              (off_t)(mfn * XEN_PAGE_SIZE), (off_t)(count * XEN_PAGE_SIZE)) == 0)
		return 0;
	return -errno;
}

/*
 * Pages mincore() looks at per call: the first call looks at few, each next
 * one at four times as many up to the most (its answer vector lives on the
 * stack), so finding a hole costs in proportion to how far away it is.
 */
#define RESIDENT_FIRST 16U
#define RESIDENT_BATCH 1024U

/*
 * The first hole in [from, limit) (page-aligned offsets), or limit.
 * lseek(SEEK_HOLE) answers by walking to the end of the data run: on a
 * sparse machine that is near (what domains wrote), and it skips whole
 * runs at a time.  On a machine whose memory is all present (--boot-scrub)
 * the run ends at the end of memory, milliseconds away; there mincore()
 * asks the page cache about just the pages in question.
 */
static off_t seek_hole(const struct machine *m, off_t from, off_t limit)
{
	off_t h = lseek(m->fd, from, SEEK_HOLE);
	return h < 0 || h > limit ? limit : h;
}

static off_t hole_after(const struct machine *m, off_t from, off_t limit)
{
	unsigned char vec[RESIDENT_BATCH];
	uint64_t batch = RESIDENT_FIRST;

	if (!m->present)
		return seek_hole(m, from, limit);
	while (from < limit) {
		uint64_t n = (uint64_t)(limit - from) / XEN_PAGE_SIZE;
		if (n > batch)
			n = batch;
		if (mincore(m->base + from, (size_t)n * XEN_PAGE_SIZE, vec) != 0)
			return seek_hole(m, from, limit);   /* cannot ask: the slow way */
		for (uint64_t i = 0; i < n; i++)
			if (!(vec[i] & 1))
				return from + (off_t)(i * XEN_PAGE_SIZE);
		from += (off_t)(n * XEN_PAGE_SIZE);
		if (batch < RESIDENT_BATCH)
			batch *= 4;
	}
	return limit;
}

/*
 * Zero the data runs of pages [mfn, mfn + count) in place; holes read as
 * zero already and stay holes (memory nobody ever touched, such as dom0's,
 * is not brought in just to be thrown away).  lseek's answers are used,
 * never the fd's position, so other threads may seek the fd meanwhile.
 */
static void zero_data(struct machine *m, uint64_t mfn, uint64_t count)
{
	off_t off = (off_t)(mfn * XEN_PAGE_SIZE), end = off + (off_t)(count * XEN_PAGE_SIZE);

	while (off < end) {
		off_t d = lseek(m->fd, off, SEEK_DATA), h;
		if (d < 0 && errno == ENXIO)
			return;              /* nothing but holes from here */
		if (d < 0) {
			memset(m->base + off, 0, (size_t)(end - off));   /* cannot tell: all of it */
			return;
		}
		if (d >= end)
			return;
		h = hole_after(m, d, end);
		memset(m->base + d, 0, (size_t)(h - d));
		off = h;
	}
}

int machine_clear(struct machine *m, uint64_t mfn, uint64_t count)
{
	int r;

	if (m->present) {
		zero_data(m, mfn, count);
		return 0;
	}
	r = punch(m, mfn, count);
	if (r != 0)
		memset(machine_page(m, mfn), 0, (size_t)(count * XEN_PAGE_SIZE));
	/* No hole punching on this host: the zeros written by hand are the scrub. */
	return r == -EOPNOTSUPP || r == -ENOSYS ? 0 : r;
}

int machine_scrub(struct machine *m, uint64_t mfn, uint64_t count)
{
	if (mfn > m->nr_pages || count > m->nr_pages - mfn)
		return -EINVAL;
	int r = machine_clear(m, mfn, count);
	if (r != 0)
		HV_WARN("punching mfn %#llx+%llu: %s (zeroed in place instead)",
		        (unsigned long long)mfn, (unsigned long long)count, strerror(-r));
	return 0;
}

/*
 * Fault pages in by hand: an atomic "or 0" into each page is a write
 * access that cannot change a byte, even while another thread writes the
 * same word.  (fallocate would allocate the pages, but shmem keeps them
 * holes to SEEK_HOLE and unmapped until written.)
 */
static void touch_pages(struct machine *m, uint64_t mfn, uint64_t count)
{
	for (uint64_t i = 0; i < count; i++)
		(void)__atomic_fetch_or((uint64_t *)(void *)machine_page(m, mfn + i), 0,
		                        __ATOMIC_RELAXED);
}

int machine_bring_in(struct machine *m, uint64_t mfn, uint64_t count)
{
	size_t len = (size_t)(count * XEN_PAGE_SIZE);
	off_t at = (off_t)(mfn * XEN_PAGE_SIZE);

	if (mfn > m->nr_pages || count > m->nr_pages - mfn)
		return -EINVAL;
	/*
	 * An emulator may take the advice as a no-op and still answer 0
	 * (qemu-user does): only pages that are no longer holes count.
	 */
	if (madvise(machine_page(m, mfn), len, MADV_POPULATE_WRITE) == 0) {
		if (hole_after(m, at, at + (off_t)len) == at + (off_t)len)
			return 0;
	} else if (errno != EINVAL) {
		return -errno;               /* -ENOMEM: the host has no room */
	}
	touch_pages(m, mfn, count);
	return 0;
}

/* How far past a data offset zscan looks for the next hole. */
#define ZSCAN_LOOKAHEAD (16ULL << 20)

void zscan_init(struct zscan *z)
{
	z->data = z->hole = z->pos = -1;
}

static bool words_zero(const uint8_t *p)
{
	const uint64_t *w = (const uint64_t *)p;
	uint64_t acc = 0;
	for (unsigned i = 0; i < XEN_PAGE_SIZE / sizeof(*w); i++)
		acc |= w[i];
	return acc == 0;
}

bool machine_page_is_zero(const struct machine *m, struct zscan *z, uint64_t mfn)
{
	int64_t off = (int64_t)(mfn * XEN_PAGE_SIZE);

	/* Recompute when we moved backwards or past the known data run. */
	if (z->pos < 0 || off < z->pos || (z->data >= 0 && off >= z->hole)) {
		off_t d = lseek(m->fd, (off_t)off, SEEK_DATA);
		z->pos = off;
		if (d < 0) {
			if (errno != ENXIO)
				return words_zero(machine_page(m, mfn));
			z->data = -1;        /* nothing but holes from here */
			z->hole = INT64_MAX;
		} else {
			/* Bounded: the scan re-asks once it passes the end. */
			off_t lim = (off_t)(m->nr_pages * XEN_PAGE_SIZE);
			if (lim - d > (off_t)ZSCAN_LOOKAHEAD)
				lim = d + (off_t)ZSCAN_LOOKAHEAD;
			z->data = (int64_t)d;
			z->hole = (int64_t)hole_after(m, d, lim);
		}
	}
	if (z->data < 0 || off + (int64_t)XEN_PAGE_SIZE <= z->data)
		return true;             /* inside a hole */
	return words_zero(machine_page(m, mfn));
}
