/*
 * xg_gunzip: bounded gzip decompression of kernel and initrd images.
 *
 * Images come from users, so decompression is bounded by a cap that the
 * caller passes (the builder passes min(XC_PPC_IMAGE_MAX_BYTES, RMA size):
 * nothing larger could be loaded anyway).  A stream that would expand past
 * the cap is rejected as soon as it does, before more memory is taken.
 */
#ifndef XG_GUNZIP_H
#define XG_GUNZIP_H

#include <stddef.h>
#include <stdint.h>

#include "xg_err.h"

/* True when data starts with the gzip magic (1f 8b) and method deflate. */
int xg_is_gzip(const void *data, size_t len);

/*
 * Decompress the gzip stream in[0..in_len) into a new buffer of at most cap
 * bytes.  On success *out (free() it) and *out_len are set and 0 returned.
 * Errors, with e naming the problem:
 *   -ENOEXEC corrupt gzip data (bad header, data or CRC), or truncated stream;
 *   -EFBIG   the output would exceed cap (a decompression bomb);
 *   -ENOMEM  out of memory.
 * Bytes after the end of the gzip member are ignored, as gzip -d does.
 */
int xg_gunzip(const void *in, size_t in_len, size_t cap, uint8_t **out,
              size_t *out_len, struct xg_err *e);

#endif /* XG_GUNZIP_H */
