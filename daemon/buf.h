/*
 * A growable byte buffer with a read offset: the input and output queues of
 * each connection and the staging area for generated JSON.
 */
#ifndef XMCTLD_BUF_H
#define XMCTLD_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;     /* bytes stored, from data[0] */
	size_t off;     /* bytes already consumed from the front */
	size_t cap;
};

/* Append n bytes.  Returns 0, or -1 if memory ran out (buf unchanged). */
int buf_append(struct buf *b, const void *p, size_t n);
int buf_append_str(struct buf *b, const char *s);
/* Bytes not yet consumed, and where they start. */
static inline size_t buf_avail(const struct buf *b) { return b->len - b->off; }
static inline char *buf_head(const struct buf *b) { return b->data + b->off; }
/* Consume n bytes from the front; compacts when the buffer drains. */
void buf_consume(struct buf *b, size_t n);
/* Make room for at least n more bytes at data[len]; 0 or -1. */
int buf_reserve(struct buf *b, size_t n);
/* Release memory held beyond need once a burst is over. */
void buf_shrink(struct buf *b);
void buf_free(struct buf *b);

#endif /* XMCTLD_BUF_H */
