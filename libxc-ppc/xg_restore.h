/* xc_domain_restore's state, shared by xg_restore.c and xg_restore_pages.c. */
#ifndef XG_RESTORE_H
#define XG_RESTORE_H

#include <zlib.h>

#include "xg_save.h"

struct xg_restorer {
	xc_interface *xch;
	uint32_t flags;
	struct xg_sr sr;
	struct xg_rec_config cfg;
	uint32_t domid;
	int created;
	xc_vcpu_context_t vcpu[XG_SAVE_MAX_VCPUS];
	uint8_t have_vcpu[XG_SAVE_MAX_VCPUS];
	uint8_t vcpu_init[XG_SAVE_MAX_VCPUS];   /* had a context when saved */
	uint32_t nr_vcpu_recs;
	struct xg_rec_extent *ext;
	uint32_t nr_ext;
	uint64_t next_gpfn;          /* PAGES batches come in increasing order */
	uint64_t done, total;
	xc_save_progress_fn progress;
	void *arg;
};

/* A record header as xg_sr_rec() read it. */
struct xg_next_rec {
	uint32_t type, len, crc;     /* crc, at: of the stream before the record */
	uint64_t at;
};

/*
 * Restore the PAGES record whose header is *next and every PAGES record
 * after it; *next becomes the header of the record that follows them.
 * 0, or a negative errno with the handle's error set.
 */
int xg_restore_pages(struct xg_restorer *r, struct xg_next_rec *next);

#endif /* XG_RESTORE_H */
