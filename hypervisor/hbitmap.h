/*
 * A hierarchical bitmap: level 0 holds the bits, and bit j of level i+1 is
 * set when word j of level i is non-zero.  The buddy allocator keeps one per
 * order, so finding the lowest or highest free block of an order costs a
 * few word scans (log64 of the machine size) instead of a list walk, and
 * testing "is my buddy free?" is one bit.
 */
#ifndef HV_HBITMAP_H
#define HV_HBITMAP_H

#include <stdbool.h>
#include <stdint.h>

/* 64^8 bits is far beyond any machine we model. */
#define HBITMAP_MAX_LEVELS 8

struct hbitmap {
	uint64_t nbits;
	unsigned nlevels;
	uint64_t nwords[HBITMAP_MAX_LEVELS];
	uint64_t *lvl[HBITMAP_MAX_LEVELS];
};

/* 0, or -ENOMEM.  nbits may be 0 (an always-empty bitmap). */
int hbitmap_init(struct hbitmap *h, uint64_t nbits);
void hbitmap_fini(struct hbitmap *h);

/* Callers pass bit < nbits (the buddy allocator computes them). */
void hbitmap_set(struct hbitmap *h, uint64_t bit);
void hbitmap_clear(struct hbitmap *h, uint64_t bit);
bool hbitmap_test(const struct hbitmap *h, uint64_t bit);

/* The lowest / highest set bit, or -1 when none is set. */
int64_t hbitmap_first(const struct hbitmap *h);
int64_t hbitmap_last(const struct hbitmap *h);

/* The highest set bit below bit, or -1. */
int64_t hbitmap_prev(const struct hbitmap *h, uint64_t bit);

/* Bytes of memory the bitmap uses (for the memory benchmark). */
uint64_t hbitmap_bytes(const struct hbitmap *h);

#endif /* HV_HBITMAP_H */
