/*
 * xg_stream: buffered, CRC-keeping framing of the save stream (see
 * xg_stream.h and SAVE-FORMAT.md).
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include <zlib.h>
#include <xenppc/byteorder.h>

#include "xg_crc32.h"
#include "xg_stream.h"

const uint8_t xg_zero_pad[XG_REC_ALIGN];
#define zero_pad xg_zero_pad

uint32_t xg_rec_pad(uint32_t len)
{
	return (XG_REC_ALIGN - len % XG_REC_ALIGN) % XG_REC_ALIGN;
}
#define pad_of xg_rec_pad

int xg_sw_init(struct xg_sw *w, xg_write_fn fn, void *ctx)
{
	memset(w, 0, sizeof(*w));
	w->write = fn;
	w->ctx = ctx;
	w->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	w->buf = malloc(XG_STREAM_BUF_BYTES);
	return w->buf ? 0 : -ENOMEM;
}

void xg_sw_fini(struct xg_sw *w)
{
	free(w->buf);
	w->buf = NULL;
}

int xg_sw_flush(struct xg_sw *w)
{
	int rc = 0;

	if (w->used > 0)
		rc = w->write(w->ctx, w->buf, w->used);
	w->used = 0;
	return rc;
}

int xg_sw_put(struct xg_sw *w, const void *p, size_t n)
{
	const uint8_t *s = p;
	int rc;

	w->crc = xg_crc32(w->crc, s, n);
	w->bytes += n;
	if (n >= XG_STREAM_BUF_BYTES) {              /* large: straight through */
		if ((rc = xg_sw_flush(w)) < 0)
			return rc;
		return w->write(w->ctx, s, n);
	}
	if (n > XG_STREAM_BUF_BYTES - w->used && (rc = xg_sw_flush(w)) < 0)
		return rc;
	memcpy(w->buf + w->used, s, n);
	w->used += n;
	return 0;
}

int xg_sw_put_block(struct xg_sw *w, struct iovec *iov, int n, uint32_t crc, uint64_t len)
{
	int rc, i;

	if ((rc = xg_sw_flush(w)) < 0)
		return rc;
	w->crc = (uint32_t)crc32_combine(w->crc, crc, (z_off_t)len);
	w->bytes += len;
	if (w->writev != NULL)
		return w->writev(w->ctx, iov, n);
	for (i = 0; i < n; i++)
		if ((rc = w->write(w->ctx, iov[i].iov_base, iov[i].iov_len)) < 0)
			return rc;
	return 0;
}

int xg_sw_rec_begin(struct xg_sw *w, uint32_t type, uint32_t len)
{
	uint8_t h[XG_REC_HDR_BYTES];

	be32_store(h, type);
	be32_store(h + 4, len);
	return xg_sw_put(w, h, sizeof(h));
}

int xg_sw_rec_end(struct xg_sw *w, uint32_t len)
{
	return pad_of(len) ? xg_sw_put(w, zero_pad, pad_of(len)) : 0;
}

int xg_sw_record(struct xg_sw *w, uint32_t type, const void *body, uint32_t len)
{
	int rc;

	if ((rc = xg_sw_rec_begin(w, type, len)) < 0 || (rc = xg_sw_put(w, body, len)) < 0)
		return rc;
	return xg_sw_rec_end(w, len);
}

int xg_sw_header(struct xg_sw *w)
{
	uint8_t h[XG_SAVE_HEADER_BYTES] = { 0 };

	memcpy(h, XG_SAVE_MAGIC, XG_SAVE_MAGIC_LEN);
	be32_store(h + 8, XG_SAVE_VERSION);
	be32_store(h + 12, XG_SAVE_PAGE_SIZE);
	return xg_sw_put(w, h, sizeof(h));
}

int xg_sr_init(struct xg_sr *r, xg_read_fn fn, void *ctx)
{
	memset(r, 0, sizeof(*r));
	r->read = fn;
	r->ctx = ctx;
	r->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	r->buf = malloc(XG_STREAM_BUF_BYTES);
	return r->buf ? 0 : -ENOMEM;
}

void xg_sr_fini(struct xg_sr *r)
{
	free(r->buf);
	r->buf = NULL;
}

/* A read that returned n <= 0: the error, or the end of a truncated stream. */
static int read_fail(const struct xg_sr *r, long n, struct xg_err *e)
{
	if (n < 0)
		return xg_err_set(e, (int)n, "reading the stream: %s", strerror((int)-n));
	return xg_err_set(e, -ENODATA, "truncated stream: it ends after %" PRIu64 " bytes", r->bytes);
}

static int refill(struct xg_sr *r, struct xg_err *e)
{
	long n = r->read(r->ctx, r->buf, XG_STREAM_BUF_BYTES);

	if (n <= 0)
		return read_fail(r, n, e);
	r->pos = 0;
	r->fill = (size_t)n;
	return 0;
}

int xg_sr_get(struct xg_sr *r, void *p, size_t n, struct xg_err *e)
{
	uint8_t *d = p;
	int rc;

	while (n > 0) {
		size_t k;
		if (r->pos == r->fill && n >= XG_STREAM_DIRECT_BYTES) {
			long got = r->read(r->ctx, d, n);      /* straight into place */
			if (got <= 0)
				return read_fail(r, got, e);
			r->crc = xg_crc32(r->crc, d, (size_t)got);
			r->bytes += (uint64_t)got;
			d += got;
			n -= (size_t)got;
			continue;
		}
		if (r->pos == r->fill && (rc = refill(r, e)) < 0)
			return rc;
		k = r->fill - r->pos < n ? r->fill - r->pos : n;
		memcpy(d, r->buf + r->pos, k);
		r->crc = xg_crc32(r->crc, d, k);
		r->bytes += k;
		r->pos += k;
		d += k;
		n -= k;
	}
	return 0;
}

int xg_sr_header(struct xg_sr *r, struct xg_err *e)
{
	uint8_t h[XG_SAVE_HEADER_BYTES];
	int rc = xg_sr_get(r, h, sizeof(h), e);

	if (rc < 0)
		return rc;
	if (memcmp(h, XG_SAVE_MAGIC, XG_SAVE_MAGIC_LEN) != 0)
		return xg_err_set(e, -EPROTO, "not a xenppc save stream (bad magic)");
	if (be32_load(h + 8) != XG_SAVE_VERSION)
		return xg_err_set(e, -EPROTONOSUPPORT, "stream version %u: this library reads version %u",
		                  be32_load(h + 8), XG_SAVE_VERSION);
	if (be32_load(h + 12) != XG_SAVE_PAGE_SIZE)
		return xg_err_set(e, -EPROTO, "stream page size %u, expected %u", be32_load(h + 12),
		                  XG_SAVE_PAGE_SIZE);
	if (be64_load(h + 16) != 0)
		return xg_err_set(e, -EPROTO, "stream header: reserved bytes are not zero");
	return 0;
}

uint32_t xg_rec_max_len(uint32_t type)
{
	switch (type) {
	case XG_REC_CONFIG: return XG_CONFIG_BYTES;
	case XG_REC_VCPU: return XG_VCPU_BYTES;
	case XG_REC_MEMMAP: return 8U + XG_SAVE_MAX_EXTENTS * XG_EXTENT_BYTES;
	case XG_REC_PAGES: return XG_SAVE_PAGES_HDR_BYTES + XG_SAVE_PAGES_MAX_DATA;
	case XG_REC_EVTCHN: return 8U + XG_SAVE_MAX_PORTS * XG_PORT_BYTES;
	case XG_REC_GNTTAB: return XG_GNTTAB_BYTES;
	case XG_REC_END: return XG_END_BYTES;
	default: return 0;
	}
}

const char *xg_rec_name(uint32_t type)
{
	static const char *const names[XG_REC_TYPE_COUNT] = {
		[XG_REC_CONFIG] = "CONFIG", [XG_REC_VCPU] = "VCPU", [XG_REC_MEMMAP] = "MEMMAP",
		[XG_REC_PAGES] = "PAGES", [XG_REC_EVTCHN] = "EVTCHN", [XG_REC_GNTTAB] = "GNTTAB",
		[XG_REC_END] = "END",
	};
	return type < XG_REC_TYPE_COUNT && names[type] ? names[type] : "unknown";
}

int xg_sr_rec(struct xg_sr *r, uint32_t *type, uint32_t *len, uint32_t *crc_before,
              uint64_t *bytes_before, struct xg_err *e)
{
	uint8_t h[XG_REC_HDR_BYTES];
	uint64_t at = r->bytes;
	int rc;

	*crc_before = r->crc;
	*bytes_before = r->bytes;
	if ((rc = xg_sr_get(r, h, sizeof(h), e)) < 0)
		return rc;
	*type = be32_load(h);
	*len = be32_load(h + 4);
	if (xg_rec_max_len(*type) == 0)
		return xg_err_set(e, -EPROTO, "unknown record type %u at byte %" PRIu64, *type, at);
	if (*len > xg_rec_max_len(*type))
		return xg_err_set(e, -EFBIG, "%s record at byte %" PRIu64 " claims %u bytes, above its"
		                  " limit of %u", xg_rec_name(*type), at, *len, xg_rec_max_len(*type));
	return 0;
}

int xg_sr_rec_end(struct xg_sr *r, uint32_t len, struct xg_err *e)
{
	uint8_t pad[XG_REC_ALIGN];
	int rc;

	if (pad_of(len) == 0)
		return 0;
	if ((rc = xg_sr_get(r, pad, pad_of(len), e)) < 0)
		return rc;
	if (memcmp(pad, zero_pad, pad_of(len)) != 0)
		return xg_err_set(e, -EPROTO, "record padding at byte %" PRIu64 " is not zero",
		                  r->bytes - pad_of(len));
	return 0;
}
