#include <errno.h>
#include <stdlib.h>

#include "hbitmap.h"

#define WORD_BITS 64U

int hbitmap_init(struct hbitmap *h, uint64_t nbits)
{
	uint64_t n = nbits;
	unsigned i = 0;

	*h = (struct hbitmap){ .nbits = nbits };
	/* Always at least one word per level, and levels until one word. */
	do {
		uint64_t words = (n + WORD_BITS - 1) / WORD_BITS;
		if (words == 0)
			words = 1;
		if (i == HBITMAP_MAX_LEVELS) {
			hbitmap_fini(h);
			return -ENOMEM;
		}
		h->lvl[i] = calloc(words, sizeof(uint64_t));
		if (!h->lvl[i]) {
			hbitmap_fini(h);
			return -ENOMEM;
		}
		h->nwords[i] = words;
		h->nlevels = ++i;
		n = words;
	} while (n > 1);
	return 0;
}

void hbitmap_fini(struct hbitmap *h)
{
	for (unsigned i = 0; i < HBITMAP_MAX_LEVELS; i++)
		free(h->lvl[i]);
	*h = (struct hbitmap){ 0 };
}

void hbitmap_set(struct hbitmap *h, uint64_t bit)
{
	for (unsigned i = 0; i < h->nlevels; i++) {
		uint64_t *w = &h->lvl[i][bit / WORD_BITS];
		int was_zero = (*w == 0);
		*w |= 1ULL << (bit % WORD_BITS);
		if (!was_zero)
			return;
		bit /= WORD_BITS;
	}
}

void hbitmap_clear(struct hbitmap *h, uint64_t bit)
{
	for (unsigned i = 0; i < h->nlevels; i++) {
		uint64_t *w = &h->lvl[i][bit / WORD_BITS];
		*w &= ~(1ULL << (bit % WORD_BITS));
		if (*w != 0)
			return;
		bit /= WORD_BITS;
	}
}

bool hbitmap_test(const struct hbitmap *h, uint64_t bit)
{
	return (h->lvl[0][bit / WORD_BITS] >> (bit % WORD_BITS)) & 1;
}

int64_t hbitmap_first(const struct hbitmap *h)
{
	uint64_t idx = 0;

	if (h->nlevels == 0 || h->lvl[h->nlevels - 1][0] == 0)
		return -1;
	for (unsigned i = h->nlevels; i-- > 0;) {
		uint64_t w = h->lvl[i][idx];
		idx = idx * WORD_BITS + (uint64_t)__builtin_ctzll(w);
	}
	return (int64_t)idx;
}

int64_t hbitmap_last(const struct hbitmap *h)
{
	uint64_t idx = 0;

	if (h->nlevels == 0 || h->lvl[h->nlevels - 1][0] == 0)
		return -1;
	for (unsigned i = h->nlevels; i-- > 0;) {
		uint64_t w = h->lvl[i][idx];
		idx = idx * WORD_BITS + (uint64_t)(63 - __builtin_clzll(w));
	}
	return (int64_t)idx;
}

int64_t hbitmap_prev(const struct hbitmap *h, uint64_t bit)
{
	uint64_t idx, w = 0;
	unsigned lvl = 0;

	if (bit == 0 || h->nlevels == 0)
		return -1;
	idx = bit - 1;
	/* Climb until a word holds a set bit at or below the candidate. */
	for (;;) {
		unsigned b = (unsigned)(idx % WORD_BITS);
		uint64_t mask = b == 63 ? ~0ULL : (1ULL << (b + 1)) - 1;
		w = h->lvl[lvl][idx / WORD_BITS] & mask;
		if (w) {
			idx = idx / WORD_BITS * WORD_BITS + (uint64_t)(63 - __builtin_clzll(w));
			break;
		}
		if (idx / WORD_BITS == 0 || lvl + 1 == h->nlevels)
			return -1;
		idx = idx / WORD_BITS - 1;
		lvl++;
	}
	/* Descend, taking the highest bit of each word. */
	while (lvl > 0) {
		lvl--;
		w = h->lvl[lvl][idx];
		idx = idx * WORD_BITS + (uint64_t)(63 - __builtin_clzll(w));
	}
	return (int64_t)idx;
}

uint64_t hbitmap_bytes(const struct hbitmap *h)
{
	uint64_t b = 0;
	for (unsigned i = 0; i < h->nlevels; i++)
		b += h->nwords[i] * sizeof(uint64_t);
	return b;
}
