/*
 * xg_stream: the save stream's framing and records (SAVE-FORMAT.md).
 *
 * Pure data: a buffered writer and reader over caller-supplied I/O
 * callbacks, keeping the running CRC32 and byte count, and an encoder and
 * a validating decoder for each record body.  xg_save.c and xg_restore.c
 * add the hypercalls.  Every length read from a stream is checked against
 * the named limits below before anything is allocated or copied.
 */
#ifndef XG_STREAM_H
#define XG_STREAM_H

#include <stddef.h>
#include <stdint.h>

#include "xg_err.h"

#define XG_SAVE_MAGIC "XPPCSAVE"
#define XG_SAVE_MAGIC_LEN 8
#define XG_SAVE_VERSION 1U
#define XG_SAVE_PAGE_SIZE 4096U
#define XG_SAVE_HEADER_BYTES 24U
#define XG_REC_HDR_BYTES 8U
#define XG_REC_ALIGN 8U

enum xg_rec_type {
	XG_REC_CONFIG = 1,
	XG_REC_VCPU = 2,
	XG_REC_MEMMAP = 3,
	XG_REC_PAGES = 4,
	XG_REC_EVTCHN = 5,
	XG_REC_GNTTAB = 6,
	XG_REC_END = 7,
	XG_REC_TYPE_COUNT
};

/* Limits: a stream asking for more is corrupt or hostile. */
#define XG_SAVE_BATCH_PAGES 256U               /* pages per PAGES record */
#define XG_SAVE_BITMAP_BYTES (XG_SAVE_BATCH_PAGES / 8)
#define XG_SAVE_MAX_EXTENTS 65536U             /* = XC_GUEST_MAX_EXTENTS */
#define XG_SAVE_MAX_VCPUS 32U                  /* = MAX_VIRT_CPUS */
#define XG_SAVE_MAX_PORTS 1024U                /* = XENPPC_NR_EVENT_CHANNELS */
#define XG_SAVE_MAX_GRANT_FRAMES 32U           /* = XENPPC_MAX_GRANT_FRAMES */
#define XG_SAVE_MAX_MEM_BYTES (1ULL << 40)     /* 1 TiB of guest memory */
#define XG_SAVE_NAME_BYTES 64U                 /* = XEN_DOMAIN_NAME_MAX */
#define XG_SAVE_PAGES_HDR_BYTES (24U + XG_SAVE_BITMAP_BYTES)
#define XG_SAVE_PAGES_MAX_DATA (XG_SAVE_BATCH_PAGES * XG_SAVE_PAGE_SIZE)

#define XG_PAGES_RAW 0U
#define XG_PAGES_ZLIB 1U

#define XG_CONFIG_BYTES 112U
#define XG_VCPU_CTX_BYTES 360U                 /* struct vcpu_guest_context */
#define XG_VCPU_BYTES (8U + XG_VCPU_CTX_BYTES)
/* VCPU record flags: the vcpu had a context (never-initialised ones have none). */
#define XG_VCPU_INITIALISED 1U
#define XG_EXTENT_BYTES 16U
#define XG_PORT_BYTES 24U
#define XG_GNTTAB_BYTES 8U
#define XG_END_BYTES 16U

/* I/O callbacks: write all n bytes or fail; read up to n, 0 at EOF. */
typedef int (*xg_write_fn)(void *ctx, const void *p, size_t n);    /* 0 / -errno */
typedef long (*xg_read_fn)(void *ctx, void *p, size_t n);         /* bytes / 0 / -errno */
/* Optional: write all the pieces, in order, or fail (0 / -errno). */
struct iovec;
typedef int (*xg_writev_fn)(void *ctx, struct iovec *iov, int n);

#define XG_STREAM_BUF_BYTES (1U << 20)
/* A read at least this long bypasses the reader's buffer (one copy less). */
#define XG_STREAM_DIRECT_BYTES (64U << 10)

struct xg_sw {
	xg_write_fn write;
	xg_writev_fn writev;         /* NULL: xg_sw_put_block writes piece by piece */
	void *ctx;
	uint8_t *buf;
	size_t used;
	uint32_t crc;                /* over every byte put so far */
	uint64_t bytes;
};

struct xg_sr {
	xg_read_fn read;
	void *ctx;
	uint8_t *buf;
	size_t pos, fill;
	uint32_t crc;                /* over every byte taken so far */
	uint64_t bytes;
};

int xg_sw_init(struct xg_sw *w, xg_write_fn fn, void *ctx);
void xg_sw_fini(struct xg_sw *w);
int xg_sw_put(struct xg_sw *w, const void *p, size_t n);
int xg_sw_flush(struct xg_sw *w);
/* A record header, then body bytes with xg_sw_put, then the padding. */
int xg_sw_rec_begin(struct xg_sw *w, uint32_t type, uint32_t len);
int xg_sw_rec_end(struct xg_sw *w, uint32_t len);
int xg_sw_record(struct xg_sw *w, uint32_t type, const void *body, uint32_t len);
/*
 * Append n pieces of len bytes in all whose CRC-32 (from 0) the caller has
 * computed, bypassing the buffer: the buffer is flushed, the pieces go out
 * in one writev, and the stream's CRC is extended with crc32_combine.  So
 * a PAGES record's CRC can be computed on another thread, and its data
 * written straight from where it lies.  iov may be modified.
 */
int xg_sw_put_block(struct xg_sw *w, struct iovec *iov, int n, uint32_t crc, uint64_t len);
/* The padding that follows a record body of len bytes (0..7 zero bytes). */
uint32_t xg_rec_pad(uint32_t len);
extern const uint8_t xg_zero_pad[XG_REC_ALIGN];
int xg_sw_header(struct xg_sw *w);

int xg_sr_init(struct xg_sr *r, xg_read_fn fn, void *ctx);
void xg_sr_fini(struct xg_sr *r);
/* Exactly n bytes, or -ENODATA (truncated) / -errno, with e set. */
int xg_sr_get(struct xg_sr *r, void *p, size_t n, struct xg_err *e);
/* Check the stream header: magic, version, page size. */
int xg_sr_header(struct xg_sr *r, struct xg_err *e);
/*
 * Read the next record's header; reject unknown types and bodies above
 * the type's limit.  *crc_before / *bytes_before are the CRC and length
 * of the stream before this record (what an END record must match).
 */
int xg_sr_rec(struct xg_sr *r, uint32_t *type, uint32_t *len, uint32_t *crc_before,
              uint64_t *bytes_before, struct xg_err *e);
int xg_sr_rec_end(struct xg_sr *r, uint32_t len, struct xg_err *e);
/* The largest body a record of this type may have (0: unknown type). */
uint32_t xg_rec_max_len(uint32_t type);
const char *xg_rec_name(uint32_t type);

/* ---- record bodies ---------------------------------------------------- */

struct xg_rec_config {
	uint64_t mem_bytes;          /* RMA + extents */
	uint64_t max_memkb;
	uint32_t rma_log;
	uint32_t nr_vcpus;
	uint32_t ssidref;
	uint32_t flags;              /* 0 */
	uint8_t uuid[16];
	char name[XG_SAVE_NAME_BYTES];   /* NUL-terminated, "" for none */
};
void xg_enc_config(uint8_t out[XG_CONFIG_BYTES], const struct xg_rec_config *c);
int xg_dec_config(struct xg_rec_config *c, const uint8_t *in, uint32_t len, struct xg_err *e);

struct xg_rec_extent {
	uint64_t gpfn;
	uint32_t order;
};
/* MEMMAP: n extents after an 8-byte count. */
uint32_t xg_memmap_len(uint32_t n);
void xg_enc_memmap(uint8_t *out, const struct xg_rec_extent *x, uint32_t n);
/*
 * Decode and check the extents against the config: each naturally aligned,
 * after the RMA, in increasing non-overlapping order, adding up with the
 * RMA to mem_bytes.  *x is malloc()ed.
 */
int xg_dec_memmap(struct xg_rec_extent **x, uint32_t *n, const uint8_t *in, uint32_t len,
                  const struct xg_rec_config *c, struct xg_err *e);

struct xg_rec_pages {
	uint64_t gpfn;               /* first page of the batch */
	uint32_t nr_pages;           /* 1..XG_SAVE_BATCH_PAGES */
	uint32_t encoding;           /* XG_PAGES_* */
	uint32_t data_len;           /* bytes after the bitmap */
	uint32_t nr_present;         /* bits set in present (derived) */
	uint8_t present[XG_SAVE_BITMAP_BYTES];   /* bit i: page gpfn+i follows */
};
void xg_enc_pages_hdr(uint8_t out[XG_SAVE_PAGES_HDR_BYTES], const struct xg_rec_pages *p);
/* Check a PAGES header against the record length (len). */
int xg_dec_pages_hdr(struct xg_rec_pages *p, const uint8_t *in, uint32_t len, struct xg_err *e);

struct xg_rec_port {
	uint32_t port, status, vcpu, remote_dom, remote_port, virq;
};
uint32_t xg_evtchn_len(uint32_t n);
void xg_enc_evtchn(uint8_t *out, const struct xg_rec_port *p, uint32_t n);
int xg_dec_evtchn(struct xg_rec_port **p, uint32_t *n, const uint8_t *in, uint32_t len,
                  struct xg_err *e);

struct xg_rec_gnttab {
	uint32_t nr_frames, max_nr_frames;
};
void xg_enc_gnttab(uint8_t out[XG_GNTTAB_BYTES], const struct xg_rec_gnttab *g);
int xg_dec_gnttab(struct xg_rec_gnttab *g, const uint8_t *in, uint32_t len, struct xg_err *e);

/* END: the length and CRC32 of everything before this record. */
void xg_enc_end(uint8_t out[XG_END_BYTES], uint64_t bytes, uint32_t crc);
int xg_dec_end(const uint8_t *in, uint32_t len, uint64_t bytes, uint32_t crc, struct xg_err *e);

#endif /* XG_STREAM_H */
