/*
 * Machine memory: one sparse memory fd (ARCHITECTURE D5), mapped shared.
 * Pages read as zero until written.
 *
 * Two ways of keeping freed memory clean (struct machine's present):
 *  - sparse (the default): freeing punches holes, which zeroes the pages
 *    and gives the memory back to the host at once; the next user pays the
 *    host's first-touch page faults again.
 *  - present (--boot-scrub): the memory stays physically present, as a real
 *    machine's does: the boot scrub brings free memory in once
 *    (machine_bring_in), and freed pages are zeroed in place.
 */
#ifndef HV_MACHINE_H
#define HV_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

struct machine {
	int fd;
	uint8_t *base;
	uint64_t nr_pages;
	bool present;                /* scrub zeroes in place instead of punching */
};

/* 0, -EINVAL (size), -ENOMEM (cannot map, e.g. too large for -m32), -errno. */
int machine_init(struct machine *m, uint64_t bytes);
void machine_fini(struct machine *m);

/* Host address of machine page mfn (mfn < nr_pages, checked by callers). */
static inline uint8_t *machine_page(const struct machine *m, uint64_t mfn)
{
	return m->base + (size_t)mfn * 4096U;
}

/*
 * Zero pages [mfn, mfn + count) the way the machine keeps freed memory
 * (see above): a hole, or zeros written in place; a host that cannot punch
 * gets zeros written too.  Thread-safe, never logs: 0 or -errno (only from
 * punching, and then the pages were zeroed by hand anyway).
 */
int machine_clear(struct machine *m, uint64_t mfn, uint64_t count);
/* machine_clear for the main thread: checks the range, logs a failure. */
int machine_scrub(struct machine *m, uint64_t mfn, uint64_t count);

/*
 * Make pages [mfn, mfn + count) present without changing a byte of them
 * (MADV_POPULATE_WRITE; an atomic "or 0" into each page on kernels
 * without it, or where the advice was a no-op that answered 0, as under
 * qemu-user), so later writes
 * take no first-touch page fault.  Because it never changes contents it
 * may run in any thread while the main thread allocates, writes and frees
 * the same pages.  Thread-safe, never logs: 0 or -errno (-ENOMEM: the host
 * has no memory for them; without MADV_POPULATE_WRITE a host out of
 * memory kills the process instead, as any write would).
 */
int machine_bring_in(struct machine *m, uint64_t mfn, uint64_t count);

/*
 * Is the page all zero?  Holes answer without touching memory; pages with
 * data are compared word by word.  The scan state caches where the next
 * data and the next hole are, so a sequential scan costs an lseek() and a
 * mincore() per data run (per 16 MiB of one), not a call per page.  Start
 * a scan with zscan_init.
 */
struct zscan {
	int64_t data;                /* next data offset at or after pos, -1 = none */
	int64_t hole;                /* end of the data run starting at data, or
	                                how far it was looked at */
	int64_t pos;                 /* where data/hole were computed from */
};
void zscan_init(struct zscan *z);
bool machine_page_is_zero(const struct machine *m, struct zscan *z, uint64_t mfn);

#endif /* HV_MACHINE_H */
