/*
 * xg_stream_rec: encoders and validating decoders of the save stream's
 * record bodies (layouts in SAVE-FORMAT.md).  A decoder trusts nothing:
 * every length, count and value is checked before it is used.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <xenppc/byteorder.h>
#include <xenppc/domctl.h>

#include "xg_stream.h"

void xg_enc_config(uint8_t out[XG_CONFIG_BYTES], const struct xg_rec_config *c)
{
	memset(out, 0, XG_CONFIG_BYTES);
	be64_store(out, c->mem_bytes);
	be64_store(out + 8, c->max_memkb);
	be32_store(out + 16, c->rma_log);
	be32_store(out + 20, c->nr_vcpus);
	be32_store(out + 24, c->ssidref);
	be32_store(out + 28, c->flags);
	memcpy(out + 32, c->uuid, 16);
	memcpy(out + 48, c->name, strnlen(c->name, XG_SAVE_NAME_BYTES - 1));
}

/* Names as the hypervisor accepts them: printable ASCII without spaces. */
static int name_ok(const char *n)
{
	for (; *n; n++)
		if (*n <= ' ' || *n > '~')
			return 0;
	return 1;
}

int xg_dec_config(struct xg_rec_config *c, const uint8_t *in, uint32_t len, struct xg_err *e)
{
	uint64_t rma;

	if (len != XG_CONFIG_BYTES)
		return xg_err_set(e, -EPROTO, "CONFIG record of %u bytes, expected %u", len, XG_CONFIG_BYTES);
	c->mem_bytes = be64_load(in);
	c->max_memkb = be64_load(in + 8);
	c->rma_log = be32_load(in + 16);
	c->nr_vcpus = be32_load(in + 20);
	c->ssidref = be32_load(in + 24);
	c->flags = be32_load(in + 28);
	memcpy(c->uuid, in + 32, 16);
	memcpy(c->name, in + 48, XG_SAVE_NAME_BYTES);
	if (!XENPPC_RMA_LOG_IS_VALID(c->rma_log))
		return xg_err_set(e, -EPROTO, "CONFIG: RMA size 2^%u is not one the 970 supports", c->rma_log);
	rma = 1ULL << c->rma_log;
	if (c->mem_bytes < rma || c->mem_bytes % XG_SAVE_PAGE_SIZE || c->mem_bytes > XG_SAVE_MAX_MEM_BYTES)
		return xg_err_set(e, c->mem_bytes > XG_SAVE_MAX_MEM_BYTES ? -EFBIG : -EPROTO,
		                  "CONFIG: memory of %" PRIu64 " bytes (RMA %" PRIu64 ", limit %llu)",
		                  c->mem_bytes, rma, XG_SAVE_MAX_MEM_BYTES);
	if (c->max_memkb * 1024 < c->mem_bytes || c->max_memkb > XG_SAVE_MAX_MEM_BYTES / 1024)
		return xg_err_set(e, -EPROTO, "CONFIG: memory limit %" PRIu64 " KiB below the memory"
		                  " or above the limit", c->max_memkb);
	if (c->nr_vcpus == 0 || c->nr_vcpus > XG_SAVE_MAX_VCPUS)
		return xg_err_set(e, -EPROTO, "CONFIG: %u vcpus (1..%u)", c->nr_vcpus, XG_SAVE_MAX_VCPUS);
	if (c->flags != 0)
		return xg_err_set(e, -EPROTO, "CONFIG: unknown flags 0x%x", c->flags);
	if (c->name[XG_SAVE_NAME_BYTES - 1] != '\0' || !name_ok(c->name))
		return xg_err_set(e, -EPROTO, "CONFIG: the domain name is not a valid name");
	return 0;
}

uint32_t xg_memmap_len(uint32_t n)
{
	return 8U + n * XG_EXTENT_BYTES;
}

void xg_enc_memmap(uint8_t *out, const struct xg_rec_extent *x, uint32_t n)
{
	uint32_t i;

	memset(out, 0, xg_memmap_len(n));
	be32_store(out, n);
	for (i = 0; i < n; i++) {
		be64_store(out + 8 + i * XG_EXTENT_BYTES, x[i].gpfn);
		be32_store(out + 16 + i * XG_EXTENT_BYTES, x[i].order);
	}
}

/* One extent: naturally aligned, after the previous one, inside memory. */
static int check_extent(const struct xg_rec_extent *x, uint32_t i, uint64_t next,
                        uint64_t mem_pages, struct xg_err *e)
{
	if (x->order > 30)
		return xg_err_set(e, -EPROTO, "MEMMAP: extent %u has order %u", i, x->order);
	if (x->gpfn & ((1ULL << x->order) - 1))
		return xg_err_set(e, -EPROTO, "MEMMAP: extent %u at gpfn 0x%" PRIx64 " is not aligned to"
		                  " its order %u", i, x->gpfn, x->order);
	if (x->gpfn < next)
		return xg_err_set(e, -EPROTO, "MEMMAP: extent %u at gpfn 0x%" PRIx64 " overlaps the RMA or"
		                  " the extent before it", i, x->gpfn);
	if (x->gpfn > (XG_SAVE_MAX_MEM_BYTES / XG_SAVE_PAGE_SIZE) || (1ULL << x->order) > mem_pages)
		return xg_err_set(e, -EPROTO, "MEMMAP: extent %u lies beyond any memory", i);
	return 0;
}

int xg_dec_memmap(struct xg_rec_extent **xp, uint32_t *np, const uint8_t *in, uint32_t len,
                  const struct xg_rec_config *c, struct xg_err *e)
{
	uint64_t rma_pages = (1ULL << c->rma_log) / XG_SAVE_PAGE_SIZE, next = rma_pages;
	uint64_t mem_pages = c->mem_bytes / XG_SAVE_PAGE_SIZE, total = rma_pages;
	struct xg_rec_extent *x;
	uint32_t n, i;
	int rc;

	*xp = NULL;
	if (len < 8 || (n = be32_load(in)) > XG_SAVE_MAX_EXTENTS || len != xg_memmap_len(n))
		return xg_err_set(e, -EPROTO, "MEMMAP record of %u bytes does not match its count", len);
	if ((x = calloc(n ? n : 1, sizeof(*x))) == NULL)
		return xg_err_set(e, -ENOMEM, "out of memory for %u extents", n);
	for (i = 0; i < n; i++) {
		x[i].gpfn = be64_load(in + 8 + i * XG_EXTENT_BYTES);
		x[i].order = be32_load(in + 16 + i * XG_EXTENT_BYTES);
		if ((rc = check_extent(&x[i], i, next, mem_pages, e)) < 0) {
			free(x);
			return rc;
		}
		next = x[i].gpfn + (1ULL << x[i].order);
		total += 1ULL << x[i].order;
	}
	if (total != mem_pages) {
		free(x);
		return xg_err_set(e, -EPROTO, "MEMMAP: RMA and extents hold %" PRIu64 " pages, CONFIG says %"
		                  PRIu64, total, mem_pages);
	}
	*xp = x;
	*np = n;
	return 0;
}

void xg_enc_pages_hdr(uint8_t out[XG_SAVE_PAGES_HDR_BYTES], const struct xg_rec_pages *p)
{
	memset(out, 0, XG_SAVE_PAGES_HDR_BYTES);
	be64_store(out, p->gpfn);
	be32_store(out + 8, p->nr_pages);
	be32_store(out + 12, p->encoding);
	be32_store(out + 16, p->data_len);
	memcpy(out + 24, p->present, XG_SAVE_BITMAP_BYTES);
}

int xg_dec_pages_hdr(struct xg_rec_pages *p, const uint8_t *in, uint32_t len, struct xg_err *e)
{
	uint32_t i;

	p->gpfn = be64_load(in);
	p->nr_pages = be32_load(in + 8);
	p->encoding = be32_load(in + 12);
	p->data_len = be32_load(in + 16);
	memcpy(p->present, in + 24, XG_SAVE_BITMAP_BYTES);
	if (p->nr_pages == 0 || p->nr_pages > XG_SAVE_BATCH_PAGES)
		return xg_err_set(e, -EPROTO, "PAGES: batch of %u pages (1..%u)", p->nr_pages,
		                  XG_SAVE_BATCH_PAGES);
	if (p->encoding != XG_PAGES_RAW && p->encoding != XG_PAGES_ZLIB)
		return xg_err_set(e, -EPROTO, "PAGES: unknown encoding %u", p->encoding);
	if (be32_load(in + 20) != 0)
		return xg_err_set(e, -EPROTO, "PAGES: reserved field is not zero");
	p->nr_present = 0;
	for (i = 0; i < XG_SAVE_BATCH_PAGES; i++) {
		int bit = p->present[i / 8] >> (i % 8) & 1;
		if (bit && i >= p->nr_pages)
			return xg_err_set(e, -EPROTO, "PAGES: page bit %u set beyond the batch of %u", i,
			                  p->nr_pages);
		p->nr_present += (uint32_t)bit;
	}
	if (p->data_len != len - XG_SAVE_PAGES_HDR_BYTES || len < XG_SAVE_PAGES_HDR_BYTES)
		return xg_err_set(e, -EPROTO, "PAGES: data length %u does not match the record", p->data_len);
	if (p->encoding == XG_PAGES_RAW ? p->data_len != p->nr_present * XG_SAVE_PAGE_SIZE
	                                : p->data_len > p->nr_present * XG_SAVE_PAGE_SIZE)
		return xg_err_set(e, -EPROTO, "PAGES: %u data bytes for %u pages", p->data_len,
		                  p->nr_present);
	return 0;
}

uint32_t xg_evtchn_len(uint32_t n)
{
	return 8U + n * XG_PORT_BYTES;
}

void xg_enc_evtchn(uint8_t *out, const struct xg_rec_port *p, uint32_t n)
{
	uint32_t i;

	memset(out, 0, xg_evtchn_len(n));
	be32_store(out, n);
	for (i = 0; i < n; i++) {
		uint8_t *o = out + 8 + i * XG_PORT_BYTES;
		be32_store(o, p[i].port);
		be32_store(o + 4, p[i].status);
		be32_store(o + 8, p[i].vcpu);
		be32_store(o + 12, p[i].remote_dom);
		be32_store(o + 16, p[i].remote_port);
		be32_store(o + 20, p[i].virq);
	}
}

int xg_dec_evtchn(struct xg_rec_port **pp, uint32_t *np, const uint8_t *in, uint32_t len,
                  struct xg_err *e)
{
	struct xg_rec_port *p;
	uint32_t n, i;

	*pp = NULL;
	if (len < 8 || (n = be32_load(in)) > XG_SAVE_MAX_PORTS || len != xg_evtchn_len(n))
		return xg_err_set(e, -EPROTO, "EVTCHN record of %u bytes does not match its count", len);
	if ((p = calloc(n ? n : 1, sizeof(*p))) == NULL)
		return xg_err_set(e, -ENOMEM, "out of memory for %u ports", n);
	for (i = 0; i < n; i++) {
		const uint8_t *o = in + 8 + i * XG_PORT_BYTES;
		p[i].port = be32_load(o);
		p[i].status = be32_load(o + 4);
		p[i].vcpu = be32_load(o + 8);
		p[i].remote_dom = be32_load(o + 12);
		p[i].remote_port = be32_load(o + 16);
		p[i].virq = be32_load(o + 20);
		if (p[i].port >= XG_SAVE_MAX_PORTS || (i > 0 && p[i].port <= p[i - 1].port) ||
		    p[i].status > 5 || p[i].remote_dom > 0xffff) {
			uint32_t port = p[i].port;
			free(p);
			return xg_err_set(e, -EPROTO, "EVTCHN: entry %u (port %u) is invalid", i, port);
		}
	}
	*pp = p;
	*np = n;
	return 0;
}

void xg_enc_gnttab(uint8_t out[XG_GNTTAB_BYTES], const struct xg_rec_gnttab *g)
{
	be32_store(out, g->nr_frames);
	be32_store(out + 4, g->max_nr_frames);
}

int xg_dec_gnttab(struct xg_rec_gnttab *g, const uint8_t *in, uint32_t len, struct xg_err *e)
{
	if (len != XG_GNTTAB_BYTES)
		return xg_err_set(e, -EPROTO, "GNTTAB record of %u bytes, expected %u", len, XG_GNTTAB_BYTES);
	g->nr_frames = be32_load(in);
	g->max_nr_frames = be32_load(in + 4);
	if (g->nr_frames > XG_SAVE_MAX_GRANT_FRAMES || g->nr_frames > g->max_nr_frames)
		return xg_err_set(e, -EPROTO, "GNTTAB: %u grant frames (max %u, limit %u)", g->nr_frames,
		                  g->max_nr_frames, XG_SAVE_MAX_GRANT_FRAMES);
	return 0;
}

void xg_enc_end(uint8_t out[XG_END_BYTES], uint64_t bytes, uint32_t crc)
{
	memset(out, 0, XG_END_BYTES);
	be64_store(out, bytes);
	be32_store(out + 8, crc);
}

int xg_dec_end(const uint8_t *in, uint32_t len, uint64_t bytes, uint32_t crc, struct xg_err *e)
{
	if (len != XG_END_BYTES)
		return xg_err_set(e, -EPROTO, "END record of %u bytes, expected %u", len, XG_END_BYTES);
	if (be64_load(in) != bytes)
		return xg_err_set(e, -EPROTO, "END: stream length %" PRIu64 ", but %" PRIu64 " bytes were read",
		                  be64_load(in), bytes);
	if (be32_load(in + 8) != crc)
		return xg_err_set(e, -EPROTO, "END: CRC32 mismatch (stream says 0x%08x, data gives 0x%08x):"
		                  " the stream is corrupt", be32_load(in + 8), crc);
	return 0;
}
