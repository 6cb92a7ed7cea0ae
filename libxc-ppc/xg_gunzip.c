/* xg_gunzip: bounded gzip decompression (see xg_gunzip.h). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "xg_gunzip.h"

/* zlib's windowBits for "gzip wrapper only, largest window". */
#define XG_GZIP_WINDOW_BITS (16 + MAX_WBITS)
/* First output buffer when the trailer's size hint is useless. */
#define XG_GUNZIP_MIN_BUF (64U * 1024U)
/* zlib takes uInt counts: feed and drain in steps of at most this. */
#define XG_GUNZIP_STEP (1U << 30)

int xg_is_gzip(const void *data, size_t len)
{
	const uint8_t *d = data;

	return len >= 3 && d[0] == 0x1f && d[1] == 0x8b && d[2] == 8;
}

/*
 * First buffer size: the gzip trailer's ISIZE (the length mod 2^32,
 * little-endian) is only a hint from an untrusted file, so clamp it to cap.
 */
static size_t first_size(const uint8_t *in, size_t in_len, size_t cap)
{
	size_t hint = XG_GUNZIP_MIN_BUF;

	if (in_len >= 4) {
		const uint8_t *t = in + in_len - 4;
		hint = (size_t)t[0] | (size_t)t[1] << 8 | (size_t)t[2] << 16 | (size_t)t[3] << 24;
		if (hint < XG_GUNZIP_MIN_BUF)
			hint = XG_GUNZIP_MIN_BUF;
	}
	return hint < cap ? hint : cap;
}

/* Make room for more output: double the buffer, up to cap. */
static int grow(uint8_t **buf, size_t *size, size_t cap)
{
	size_t n = *size > cap / 2 ? cap : *size * 2;
	uint8_t *p;

	if (n <= *size)
		return -EFBIG;
	p = realloc(*buf, n);
	if (p == NULL)
		return -ENOMEM;
	*buf = p;
	*size = n;
	return 0;
}

/*
 * Inflate until the end of the stream.  When the buffer is full at the cap,
 * inflate into a one-byte probe: a stream that still produces output is
 * past the cap, one that ends there is exactly cap bytes long.
 */
static int run(z_stream *zs, const uint8_t *in, size_t in_len, size_t cap,
               uint8_t **buf, size_t *size, size_t *used, struct xg_err *e)
{
	size_t in_used = 0;
	uint8_t probe;
	int zr, rc;

	for (;;) {
		size_t in_step = in_len - in_used < XG_GUNZIP_STEP ? in_len - in_used : XG_GUNZIP_STEP;
		size_t out_step = *size - *used < XG_GUNZIP_STEP ? *size - *used : XG_GUNZIP_STEP;
		int probing = out_step == 0;

		zs->next_in = (Bytef *)(uintptr_t)(in + in_used);
		zs->avail_in = (uInt)in_step;
		zs->next_out = probing ? &probe : *buf + *used;
		zs->avail_out = probing ? 1 : (uInt)out_step;
		zr = inflate(zs, Z_NO_FLUSH);
		in_used += in_step - zs->avail_in;
		if (probing && zs->avail_out == 0)
			return xg_err_set(e, -EFBIG,
			                  "gzip data expands past the cap of %zu bytes (decompression bomb?)",
			                  cap);
		if (!probing)
			*used += out_step - zs->avail_out;
		if (zr == Z_STREAM_END)
			return 0;
		if (zr == Z_DATA_ERROR || zr == Z_NEED_DICT || zr == Z_STREAM_ERROR)
			return xg_err_set(e, -ENOEXEC, "corrupt gzip data (%s)",
			                  zs->msg != NULL ? zs->msg : "invalid stream");
		if (zr == Z_MEM_ERROR)
			return xg_err_set(e, -ENOMEM, "out of memory while decompressing");
		if (*used == *size && *size < cap) {
			if ((rc = grow(buf, size, cap)) < 0)
				return xg_err_set(e, rc, "out of memory while decompressing");
			continue;
		}
		if (zr == Z_BUF_ERROR && in_used == in_len)
			return xg_err_set(e, -ENOEXEC, "truncated gzip data (stream ends early)");
	}
}

int xg_gunzip(const void *in, size_t in_len, size_t cap, uint8_t **out,
              size_t *out_len, struct xg_err *e)
{
	z_stream zs;
	uint8_t *buf;
	size_t size, used = 0;
	int rc;

	*out = NULL;
	*out_len = 0;
	if (!xg_is_gzip(in, in_len))
		return xg_err_set(e, -ENOEXEC, "corrupt gzip data (bad magic)");
	size = first_size(in, in_len, cap);
	buf = malloc(size > 0 ? size : 1);
	if (buf == NULL)
		return xg_err_set(e, -ENOMEM, "out of memory for %zu decompressed bytes", size);
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, XG_GZIP_WINDOW_BITS) != Z_OK) {
		free(buf);
		return xg_err_set(e, -ENOMEM, "cannot start zlib");
	}
	rc = run(&zs, in, in_len, cap, &buf, &size, &used, e);
	inflateEnd(&zs);
	if (rc < 0) {
		free(buf);
		return rc;
	}
	*out = buf;
	*out_len = used;
	return 0;
}
