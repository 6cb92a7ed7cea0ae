/*
 * A save's lane (xg_save_lane.h): its batch read from the domain and
 * encoded as a PAGES record.
 *
 * xc_foreign_view_read reads the batch into the lane's buffer: holes of
 * machine memory are skipped without reading them, the other pages are
 * read and compared word by word.  A raw record is then one writev
 * straight from the buffer, one iovec per run of non-zero pages, its CRC
 * computed here and combined into the stream's when it is written
 * (xg_sw_put_block).
 *
 * Batches are compressed only with XC_SAVE_COMPRESS (xenguest.h says why):
 * the non-zero pages are gathered back to back, then deflated.
 * zlib runs at level 1 (speed over the last percent of size) with the
 * default strategy: Z_RLE was both slower and larger on the save-restore
 * bench's pages (its floors print both).  After the
 * first XG_ZLIB_PROBE_BYTES of a batch it checks, through a sync flush,
 * that the output is below 15/16 of the input; if not, the batch is
 * stored raw without compressing the rest (incompressible data costs
 * little), as is any batch whose compressed form is not smaller.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "xg_crc32.h"
#include "xg_save_lane.h"

#define XG_SAVE_ZLIB_LEVEL Z_BEST_SPEED
#define XG_SAVE_ZLIB_STRATEGY Z_DEFAULT_STRATEGY
#define XG_ZLIB_PROBE_BYTES (64U << 10)

/* Gather the lane's non-zero pages back to back into its packed buffer. */
static void pack_lane(struct xg_save_lane *l)
{
	uint8_t *out = l->packed;
	uint32_t i;

	for (i = 0; i < l->p.nr_pages; i++)
		if (!xg_zmap_test(l->zmap, i)) {
			memcpy(out, l->buf + (size_t)i * XG_SAVE_PAGE_SIZE, XG_SAVE_PAGE_SIZE);
			out += XG_SAVE_PAGE_SIZE;
		}
}

/*
 * Compress the lane's non-zero pages into its zbuf: the compressed length,
 * or 0 to store the batch raw (not compressing, or it does not pay).
 */
static size_t compress_lane(struct xg_save_lane *l, uint32_t flags)
{
	uint32_t raw = l->p.nr_present * XG_SAVE_PAGE_SIZE;
	uint32_t probe = raw < XG_ZLIB_PROBE_BYTES ? raw : XG_ZLIB_PROBE_BYTES;

	if (!(flags & XC_SAVE_COMPRESS) || !l->zs_ready || deflateReset(&l->zs) != Z_OK)
		return 0;
	pack_lane(l);
	l->zs.next_in = l->packed;
	l->zs.next_out = l->zbuf;
	l->zs.avail_out = (uInt)l->zbuf_len;
	if (probe < raw) {
		l->zs.avail_in = probe;
		if (deflate(&l->zs, Z_SYNC_FLUSH) != Z_OK || l->zs.total_out >= probe - probe / 16)
			return 0;
	}
	l->zs.avail_in = raw - (uint32_t)l->zs.total_in;
	if (deflate(&l->zs, Z_FINISH) != Z_STREAM_END || l->zs.total_out >= raw)
		return 0;
	return l->zs.total_out;
}

/* A raw batch's data: one iovec per run of non-zero pages of the view. */
static int raw_iov(const struct xg_save_lane *l, struct iovec *iov)
{
	uint32_t i = 0, j, n = l->p.nr_pages;
	int k = 0;

	while (i < n) {
		if (xg_zmap_test(l->zmap, i)) {
			i++;
			continue;
		}
		for (j = i; j < n && !xg_zmap_test(l->zmap, j); j++)
			;
		iov[k++] = (struct iovec){ l->buf + (size_t)i * XG_SAVE_PAGE_SIZE,
		                           (size_t)(j - i) * XG_SAVE_PAGE_SIZE };
		i = j;
	}
	return k;
}

/* Encode the lane's batch as a PAGES record: header, data, pad and CRC. */
static void encode_lane(struct xg_save_lane *l, uint32_t flags)
{
	size_t zlen = compress_lane(l, flags);
	uint32_t len, pad;
	int i;

	l->p.encoding = zlen ? XG_PAGES_ZLIB : XG_PAGES_RAW;
	l->p.data_len = zlen ? (uint32_t)zlen : l->p.nr_present * XG_SAVE_PAGE_SIZE;
	len = XG_SAVE_PAGES_HDR_BYTES + l->p.data_len;
	pad = xg_rec_pad(len);
	be32_store(l->hdr, XG_REC_PAGES);
	be32_store(l->hdr + 4, len);
	xg_enc_pages_hdr(l->hdr + XG_REC_HDR_BYTES, &l->p);
	l->iov[0] = (struct iovec){ l->hdr, sizeof(l->hdr) };
	l->niov = 1;
	if (zlen)
		l->iov[l->niov++] = (struct iovec){ l->zbuf, zlen };
	else
		l->niov += raw_iov(l, l->iov + 1);
	if (pad)
		l->iov[l->niov++] = (struct iovec){ (void *)xg_zero_pad, pad };
	for (l->crc = 0, i = 0; i < l->niov; i++)
		l->crc = xg_crc32(l->crc, l->iov[i].iov_base, l->iov[i].iov_len);
	l->len = sizeof(l->hdr) + (uint64_t)l->p.data_len + pad;
}

int xg_save_lane_read(struct xg_save_lane *l, uint32_t domid, uint32_t flags)
{
	long nz = xc_foreign_view_read(&l->v, l->buf, l->zmap);
	uint32_t i;

	if (nz < 0)
		return xg_err_set(&l->err, (int)nz, "save: reading gpfn 0x%" PRIx64 " of domain %u: %s",
		                  l->v.gpfn, domid, strerror((int)-nz));
	l->empty = nz == 0;
	if (l->empty)
		return 0;
	memset(&l->p, 0, sizeof(l->p));
	l->p.gpfn = l->v.gpfn;
	l->p.nr_pages = (uint32_t)l->v.pages;
	l->p.nr_present = (uint32_t)nz;
	for (i = 0; i < l->p.nr_pages; i++)
		if (!xg_zmap_test(l->zmap, i))
			l->p.present[i / 8] |= (uint8_t)(1U << (i % 8));
	encode_lane(l, flags);
	return 0;
}

int xg_save_lane_open(struct xg_saver *s, struct xg_save_lane *l)
{
	if ((l->buf = malloc(XG_SAVE_PAGES_MAX_DATA)) == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	if (!(s->flags & XC_SAVE_COMPRESS))
		return 0;
	if (deflateInit2(&l->zs, XG_SAVE_ZLIB_LEVEL, Z_DEFLATED, 15, 8, XG_SAVE_ZLIB_STRATEGY) != Z_OK)
		return xc_seterror(s->xch, -ENOMEM, "save: cannot start zlib");
	l->zs_ready = 1;
	l->zbuf_len = deflateBound(&l->zs, XG_SAVE_PAGES_MAX_DATA);
	if ((l->zbuf = malloc(l->zbuf_len)) == NULL || (l->packed = malloc(XG_SAVE_PAGES_MAX_DATA)) == NULL)
		return xc_seterror(s->xch, -ENOMEM, "save: out of memory");
	return 0;
}

void xg_save_lane_close(struct xg_save_lane *l)
{
	if (l->zs_ready)
		deflateEnd(&l->zs);
	free(l->zbuf);
	free(l->packed);
	free(l->buf);
}
