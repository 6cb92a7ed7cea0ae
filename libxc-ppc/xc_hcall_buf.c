/*
 * Hypercall buffers: memory in the connection's window, each allocation
 * carrying its own xencomm descriptor, and the direction-typed bounce
 * buffers built on them (STYLE 9, Xen's DECLARE_HYPERCALL_BOUNCE).
 *
 * Layout of one allocation (whole pages, so buffers never share a page and
 * a descriptor never crosses one):
 *
 *   page start
 *   | descriptor (8 + 8*nr bytes, 8-aligned) | data ..............|
 *
 * The hypervisor only ever sees guest-physical addresses inside the
 * window (D1); the library only ever hands the hypervisor handles built
 * here.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xencomm.h"
#include "xc_private.h"

struct xc_window_alloc {
	struct xencomm_window w;
	uint32_t nr_pages;
	uint32_t free_pages;
	uint32_t hint;          /* next-fit: where the last search ended */
	uint32_t *owner;        /* per page: first page of its allocation + 1, 0 = free */
	uint32_t *len;          /* per first page: pages in the allocation */
};

int xc_window_alloc_init(xc_interface *xch)
{
	struct xc_window_alloc *wa = calloc(1, sizeof(*wa));
	uint8_t *host;
	uint64_t gpa, size;

	if (!wa)
		return -ENOMEM;
	xc_transport_window(xch->tp, &host, &gpa, &size);
	wa->w.host = host;
	wa->w.gpa = gpa;
	wa->w.size = size;
	wa->nr_pages = (uint32_t)(size / XEN_PAGE_SIZE);
	wa->free_pages = wa->nr_pages;
	wa->owner = calloc(wa->nr_pages, sizeof(*wa->owner));
	wa->len = calloc(wa->nr_pages, sizeof(*wa->len));
	if (!wa->owner || !wa->len) {
		free(wa->owner);
		free(wa->len);
		free(wa);
		return -ENOMEM;
	}
	xch->wa = wa;
	return 0;
}

void xc_window_alloc_fini(xc_interface *xch)
{
	struct xc_window_alloc *wa = xch->wa;

	if (!wa)
		return;
	free(wa->owner);
	free(wa->len);
	free(wa);
	xch->wa = NULL;
}

/* Bytes in front of the data: the descriptor for a buffer of size bytes. */
static size_t desc_room(size_t size)
{
	size_t room = xencomm_desc_size(1), need;

	/* The descriptor's size depends on the pages the data spans after it. */
	for (;;) {
		uint32_t nr = xencomm_nr_pages(room, size);
		need = (xencomm_desc_size(nr) + XENCOMM_DESC_ALIGN - 1) &
		       ~(size_t)(XENCOMM_DESC_ALIGN - 1);
		if (need <= room)
			return room;
		room = need;
	}
}

/* Next-fit search for n free pages in a row; the first page, or -1. */
static int64_t find_pages(struct xc_window_alloc *wa, uint32_t n)
{
	uint32_t start = wa->hint, run = 0;

	for (uint32_t i = 0; i < 2 * wa->nr_pages; i++) {
		uint32_t p = (wa->hint + i) % wa->nr_pages;
		if (p == 0)
			run = 0;       /* runs do not wrap around the end */
		if (wa->owner[p]) {
			run = 0;
			continue;
		}
		if (run++ == 0)
			start = p;
		if (run == n)
			return start;
	}
	return -1;
}

void *xc_hypercall_buffer_alloc(xc_interface *xch, size_t size, uint64_t *handle)
{
	struct xc_window_alloc *wa = xch->wa;
	size_t room, total;
	uint32_t n;
	int64_t first;
	uint8_t *base;
	int rc;

	if (size == 0 || size > XENCOMM_MAX_BYTES) {
		xc_seterror(xch, size ? -E2BIG : -EINVAL,
			    "hypercall buffer of %zu bytes (limit %llu)", size,
			    (unsigned long long)XENCOMM_MAX_BYTES);
		return NULL;
	}
	room = desc_room(size);
	total = room + size;
	n = (uint32_t)((total + XEN_PAGE_SIZE - 1) / XEN_PAGE_SIZE);
	first = n <= wa->free_pages ? find_pages(wa, n) : -1;
	if (first < 0) {
		xc_seterror(xch, -ENOMEM, "hypercall window full (%zu bytes wanted, %u pages free)",
			    size, wa->free_pages);
		return NULL;
	}
	base = wa->w.host + (uint64_t)first * XEN_PAGE_SIZE;
	memset(base, 0, total);
	rc = xencomm_build(&wa->w, base + room, size, base, room, handle);
	if (rc < 0) {
		xc_seterror(xch, rc, "building a xencomm descriptor: %s", xc_strerror(xch, rc));
		return NULL;
	}
	for (uint32_t i = 0; i < n; i++)
		wa->owner[first + i] = (uint32_t)first + 1;
	wa->len[first] = n;
	wa->free_pages -= n;
	wa->hint = (uint32_t)((first + n) % wa->nr_pages);
	return base + room;
}

void xc_hypercall_buffer_free(xc_interface *xch, void *buf)
{
	struct xc_window_alloc *wa = xch->wa;
	uint8_t *p = buf;
	uint32_t page, first, n;

	if (!buf)
		return;
	if (p < wa->w.host || p >= wa->w.host + wa->w.size) {
		xc_log(xch, XC_LOG_WARN, "freeing a pointer outside the hypercall window");
		return;
	}
	page = (uint32_t)((uint64_t)(p - wa->w.host) / XEN_PAGE_SIZE);
	if (!wa->owner[page]) {
		xc_log(xch, XC_LOG_WARN, "double free of a hypercall buffer");
		return;
	}
	first = wa->owner[page] - 1;
	n = wa->len[first];
	for (uint32_t i = 0; i < n; i++)
		wa->owner[first + i] = 0;
	wa->len[first] = 0;
	wa->free_pages += n;
}

size_t xc_hypercall_buffer_avail(xc_interface *xch)
{
	return (size_t)xch->wa->free_pages * XEN_PAGE_SIZE;
}

int xc_bounce_pre(xc_interface *xch, xc_bounce_t *b)
{
	if (b->size == 0) {
		b->hbuf = NULL;
		b->handle = 0;         /* a zero-length buffer is the NULL handle */
		return 0;
	}
	b->hbuf = xc_hypercall_buffer_alloc(xch, b->size, &b->handle);
	if (!b->hbuf)
		return -xch->last_error.code;
	if (b->dir & XC_BOUNCE_IN)
		memcpy(b->hbuf, b->src, b->size);
	return 0;
}

void xc_bounce_post(xc_interface *xch, xc_bounce_t *b)
{
	if (!b->hbuf)
		return;
	if (b->dir & XC_BOUNCE_OUT)
		memcpy(b->dst, b->hbuf, b->size);
	xc_hypercall_buffer_free(xch, b->hbuf);
	b->hbuf = NULL;
	b->handle = 0;
}
