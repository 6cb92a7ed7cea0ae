/*
 * A test window: one host allocation standing for a run of guest-physical
 * pages, with the translate callback a hypervisor would supply.  Shared by
 * the unit tests, the image tool, the fuzz target and the benchmark.
 * Header-only so the fuzz target builds from one command line.
 */
#ifndef TESTS_XENCOMM_TESTWIN_H
#define TESTS_XENCOMM_TESTWIN_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xencomm.h"

struct testwin {
	struct xencomm_window w;
	struct xencomm_guest g;
	uint64_t hole;          /* a page gpa the guest "does not own", or 0 */
	uint64_t xlates;        /* translate calls, for tests that count them */
	/* Called on every translation: a test's stand-in for a guest vcpu
	 * rewriting its memory while the walker runs. */
	void (*on_xlate)(struct testwin *t, uint64_t gpa);
};

/* Translate a page of the window; anything else is not the caller's. */
static inline uint8_t *testwin_xlate(void *ctx, uint64_t gpa, int write)
{
	struct testwin *t = ctx;

	(void)write;
	t->xlates++;
	if (t->on_xlate != NULL)
		t->on_xlate(t, gpa);
	if (gpa % XEN_PAGE_SIZE)
		return NULL;                    /* the walker broke its contract */
	if (gpa < t->w.gpa || gpa - t->w.gpa >= t->w.size)
		return NULL;
	if (t->hole != 0 && gpa == t->hole)
		return NULL;
	return t->w.host + (gpa - t->w.gpa);
}

/* Set up t over host memory mem of size bytes at guest-physical gpa. */
static inline void testwin_init(struct testwin *t, uint8_t *mem, uint64_t gpa, uint64_t size)
{
	memset(t, 0, sizeof(*t));
	t->w.host = mem;
	t->w.gpa = gpa;
	t->w.size = size;
	t->g.xlate = testwin_xlate;
	t->g.ctx = t;
}

/* Page-aligned zeroed memory for a window, or NULL. */
static inline uint8_t *testwin_alloc(uint64_t size)
{
	void *p = NULL;

	if (size > SIZE_MAX || posix_memalign(&p, XEN_PAGE_SIZE, (size_t)size) != 0)
		return NULL;
	memset(p, 0, (size_t)size);
	return p;
}

/* The guest-physical address of a host pointer inside the window. */
static inline uint64_t testwin_gpa(const struct testwin *t, const void *p)
{
	return t->w.gpa + (uint64_t)((const uint8_t *)p - t->w.host);
}

#endif /* TESTS_XENCOMM_TESTWIN_H */
