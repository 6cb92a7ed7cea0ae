/* xc_domain_restore's state, shared by xg_restore.c and xg_restore_pages.c. */
#ifndef XG_RESTORE_H
#define XG_RESTORE_H

#include <zlib.h>

#include "xg_save.h"

struct xg_restorer {
	xc_interface *xch;
	uint32_t flags;
	struct xg_sr sr;
	struct xg_gmem g;
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
	z_stream zs;
	int zs_ready;
	uint8_t *zbuf;               /* one compressed batch */
	uint64_t done, total;
	xc_save_progress_fn progress;
	void *arg;
};

/* A PAGES record whose header (type, len) has been read. */
int xg_restore_pages(struct xg_restorer *r, uint32_t len);

#endif /* XG_RESTORE_H */
