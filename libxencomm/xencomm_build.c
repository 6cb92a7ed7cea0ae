/*
 * libxencomm builder: describe a buffer of a tool's window as a xencomm
 * descriptor (the client side of ARCHITECTURE D1).
 *
 * The buffer and the descriptor both live in the window, so the handle we
 * return is a guest-physical address the hypervisor can walk.  One
 * descriptor never crosses a page (include/xenppc/xencomm.h), which bounds a
 * buffer to XENCOMM_MAX_ADDRS pages; callers split larger transfers rather
 * than chaining descriptors, so the walker's check stays a single bound.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "xencomm.h"

#define PAGE_MASK ((uint64_t)XEN_PAGE_SIZE - 1)

uint32_t xencomm_nr_pages(uint64_t gpa, uint64_t len)
{
	uint64_t span, pages;

	if (len == 0)
		return 0;
	/* Count from the start of the first page; saturate instead of wrapping. */
	span = (gpa & PAGE_MASK) + len;
	if (span < len)
		return UINT32_MAX;
	pages = (span >> XEN_PAGE_SHIFT) + ((span & PAGE_MASK) != 0);
	return pages > UINT32_MAX ? UINT32_MAX : (uint32_t)pages;
}

size_t xencomm_desc_size(uint32_t nr_addrs)
{
	uint64_t bytes = sizeof(struct xencomm_desc) + (uint64_t)nr_addrs * sizeof(be64_t);

	/* Only reachable on 32-bit hosts with absurd counts; saturate. */
	return bytes > SIZE_MAX ? SIZE_MAX : (size_t)bytes;
}

/*
 * Offset of [p, p+len) inside the window, or -1 if it does not fit.
 * Pointers are compared as integers because p may be unrelated to the
 * window (comparing unrelated pointers with < is undefined in C).
 */
static int64_t window_offset(const struct xencomm_window *w, const void *p, uint64_t len)
{
	uintptr_t host = (uintptr_t)w->host, addr = (uintptr_t)p;
	uint64_t off;

	if (addr < host)
		return -1;
	off = (uint64_t)(addr - host);
	if (off > w->size || len > w->size - off)
		return -1;
	return (int64_t)off;
}

/* The descriptor may not overlap the bytes it describes. */
static int overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return a < b + blen && b < a + alen;
}

/*
 * Check where the descriptor goes: in the window, 8-aligned (both its
 * guest-physical address, which the walker checks, and its host address,
 * which our stores need), within one page and clear of the buffer.
 */
static int check_desc_place(const struct xencomm_window *w, const void *desc,
                            uint64_t size, uint64_t buf_off, uint64_t len)
{
	int64_t off = window_offset(w, desc, size);
	uint64_t gpa;

	if (off < 0)
		return -EINVAL;
	gpa = w->gpa + (uint64_t)off;
	if (gpa % XENCOMM_DESC_ALIGN || (uintptr_t)desc % XENCOMM_DESC_ALIGN)
		return -EINVAL;
	if ((gpa & PAGE_MASK) + size > XEN_PAGE_SIZE)
		return -EINVAL;
	if (overlaps((uint64_t)off, size, buf_off, len))
		return -EINVAL;
	return 0;
}

int xencomm_build(const struct xencomm_window *w, const void *buf, uint64_t len,
                  void *desc, size_t room, uint64_t *handle)
{
	struct xencomm_desc *d = desc;
	int64_t buf_off;
	uint64_t gpa, page;
	uint32_t nr, i;
	size_t size;
	int rc;

	if (w == NULL || handle == NULL || w->host == NULL ||
	    (w->gpa & PAGE_MASK) || (w->size & PAGE_MASK) ||
	    w->gpa + w->size < w->gpa || (w->gpa + w->size) > XENCOMM_INLINE_FLAG)
		return -EINVAL;
	if (len == 0) {
		*handle = 0;
		return 0;
	}
	if (buf == NULL || desc == NULL)
		return -EINVAL;
	buf_off = window_offset(w, buf, len);
	if (buf_off < 0)
		return -EINVAL;
	gpa = w->gpa + (uint64_t)buf_off;
	nr = xencomm_nr_pages(gpa, len);
	if (nr > XENCOMM_MAX_ADDRS)
		return -E2BIG;
	size = xencomm_desc_size(nr);
	rc = check_desc_place(w, desc, size, (uint64_t)buf_off, len);
	if (rc < 0)
		return rc;
	if (room < size)
		return -ENOSPC;

	/* The first entry keeps the in-page offset; the rest start pages. */
	be32_put(&d->magic, XENCOMM_MAGIC);
	be32_put(&d->nr_addrs, nr);
	be64_put(&d->address[0], gpa);
	page = gpa & ~PAGE_MASK;
	for (i = 1; i < nr; i++)
		be64_put(&d->address[i], page + (uint64_t)i * XEN_PAGE_SIZE);
	*handle = w->gpa + (uint64_t)((uint8_t *)desc - w->host);
	return 0;
}

uint64_t xencomm_inline_handle(uint64_t gpa)
{
	return gpa | XENCOMM_INLINE_FLAG;
}
