/*
 * Machine memory: one sparse memory fd (ARCHITECTURE D5), mapped shared.
 * Pages read as zero until written; freeing punches holes, which zeroes
 * them and gives the memory back to the host at once.
 */
#ifndef HV_MACHINE_H
#define HV_MACHINE_H

#include <stdbool.h>
#include <stdint.h>

struct machine {
	int fd;
	uint8_t *base;
	uint64_t nr_pages;
};

/* 0, -EINVAL (size), -ENOMEM (cannot map, e.g. too large for -m32), -errno. */
int machine_init(struct machine *m, uint64_t bytes);
void machine_fini(struct machine *m);

/* Host address of machine page mfn (mfn < nr_pages, checked by callers). */
static inline uint8_t *machine_page(const struct machine *m, uint64_t mfn)
{
	return m->base + (size_t)mfn * 4096U;
}

/* Punch a hole, nothing else (thread-safe, never logs): 0 or -errno. */
int machine_punch(struct machine *m, uint64_t mfn, uint64_t count);
/* Zero pages [mfn, mfn + count) by punching a hole: 0 or -errno. */
int machine_scrub(struct machine *m, uint64_t mfn, uint64_t count);

/*
 * Is the page all zero?  Holes answer without touching memory; pages with
 * data are compared word by word.  The scan state caches where the next
 * data and the next hole are, so a sequential scan costs two lseek()s per
 * data run, not one per page.  Start a scan with zscan_init.
 */
struct zscan {
	int64_t data;                /* next data offset at or after pos, -1 = none */
	int64_t hole;                /* end of the data run starting at data */
	int64_t pos;                 /* where data/hole were computed from */
};
void zscan_init(struct zscan *z);
bool machine_page_is_zero(const struct machine *m, struct zscan *z, uint64_t mfn);

#endif /* HV_MACHINE_H */
