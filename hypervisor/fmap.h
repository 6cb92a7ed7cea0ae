/*
 * Foreign mappings and the memory they hold (privcmd MMAP / MUNMAP; the
 * contract is in include/xenppc/privcmd.h).
 *
 * A tool maps another domain's pages through the machine memory fd, so
 * the hypervisor cannot take a mapping away.  Instead every MAPPED
 * creates a hold on its machine run, and while a hold overlaps a block,
 * freeing that block (domain destroy, decrease_reservation, grant frames:
 * all go through mm_free_block) only keeps it back: the block stays
 * allocated in the buddy (BUDDY_SCRUB, owner DOMID_INVALID, so it is
 * neither free nor any domain's), unscrubbed, on the held list.  When the
 * last hold on a held block goes, the block is scrubbed and freed as any
 * other.  So a mapping never shows memory since given to someone else.
 *
 * Holds and held blocks are plain arrays searched linearly: a tool has
 * few mappings at a time (PRIVCMD_MAX_MAPS per connection at most), and
 * with no holds the free path costs nothing.
 */
#ifndef HV_FMAP_H
#define HV_FMAP_H

#include <stdint.h>
#include <stddef.h>

struct hv;

struct fmap_hold {
	void *owner;                 /* the privcmd connection */
	uint64_t id;                 /* map_id, never 0 */
	uint64_t mfn;
	uint64_t count;              /* pages */
};

/* A freed block kept back because a hold overlaps it. */
struct fmap_held {
	uint64_t mfn;
	unsigned order;
};

struct fmap {
	struct fmap_hold *hold;
	size_t nr_hold, cap_hold;
	struct fmap_held *held;
	size_t nr_held, cap_held;
	uint64_t held_pages;         /* pages on the held list */
	uint64_t last_id;
};

/*
 * MMAP: hold the longest machine-contiguous run of up to count pages of
 * domid starting at gpfn, for owner.  Its length (>= 1) with *mfn and *id,
 * or -ESRCH, -EINVAL, -EFAULT, -ENOSPC, -ENOMEM (privcmd.h).
 */
int64_t fmap_map(struct hv *hv, void *owner, uint32_t domid, uint64_t gpfn,
                 uint64_t count, uint32_t flags, uint64_t *mfn, uint64_t *id);
/* MUNMAP: release owner's hold id: 0, or -ENOENT. */
int fmap_unmap(struct hv *hv, void *owner, uint64_t id);
/* Release every hold of owner (its connection is gone). */
void fmap_release_owner(struct hv *hv, void *owner);
/* Holds owner has now. */
size_t fmap_count(const struct hv *hv, const void *owner);

/*
 * The free path's question (mm_free_block): 1 if a hold overlaps the
 * block, which is now kept on the held list; 0 if none does (the caller
 * frees it); -EINVAL (not an allocated block) or -ENOMEM (kept, but
 * untracked: it stays allocated for good, with a warning).
 */
int fmap_keep(struct hv *hv, uint64_t mfn, unsigned order);

/* Release every hold (freeing what they kept) and the tables: hv_fini. */
void fmap_fini(struct hv *hv);

#endif /* HV_FMAP_H */
