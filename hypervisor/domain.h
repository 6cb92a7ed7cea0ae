/*
 * Domains and their vcpus.
 *
 * A domain's memory is one RMA (gpfn 0 up, contiguous, naturally aligned)
 * plus extents, each exactly one allocated buddy block, recorded in a p2m
 * kept as an array of extents sorted by gpfn.  A 1 GiB domain built from
 * 16 MiB extents needs 61 entries, so the p2m costs bytes, not the megabyte
 * a flat MFN array would (the "hypervisor memory per domain" budget).
 */
#ifndef HV_DOMAIN_H
#define HV_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "hv.h"

/* Extent orders a caller may ask for: up to 1 GiB blocks. */
#define HV_MAX_EXTENT_ORDER 18
/* Ports are allocated in buckets so an idle domain costs no port table. */
#define EVTCHN_BUCKET_PORTS 64
#define EVTCHN_NR_BUCKETS (XENPPC_NR_EVENT_CHANNELS / EVTCHN_BUCKET_PORTS)
/* Bytes of a vcpu affinity map (bit n = physical cpu n). */
#define HV_CPUMAP_BYTES (HV_MAX_CPUS / 8)

struct vcpu {
	unsigned id;
	bool up;                     /* online (not VPF_down) */
	bool initialised;            /* a context was set */
	unsigned runstate;           /* RUNSTATE_* */
	uint64_t state_entry_ns;
	uint64_t time[4];            /* ns per RUNSTATE_*, up to state_entry */
	unsigned cpu;                /* physical cpu it is placed on */
	uint8_t affinity[HV_CPUMAP_BYTES];
	struct vcpu_guest_context ctx;   /* kept in wire (big-endian) form */
};

struct p2m_extent {
	uint64_t gpfn;
	uint64_t mfn;
	uint8_t order;
	uint8_t kind;                /* BUDDY_RMA or BUDDY_EXTENT */
};

struct evtchn {
	uint8_t state;               /* EVTCHNSTAT_* */
	bool pending;
	bool masked;
	uint16_t remote_dom;         /* unbound: who may bind; interdomain: peer */
	uint32_t remote_port;        /* interdomain */
	uint32_t virq;
	uint32_t vcpu;
	void *owner;                 /* dom0: the privcmd connection */
};

struct domain {
	uint16_t id;
	bool dying;
	bool shut_down;
	bool paused;                 /* by the controller (pausedomain) */
	uint8_t shutdown_code;
	uint32_t ssidref;
	uint32_t cdf_flags;
	uint8_t handle[16];
	char name[XEN_DOMAIN_NAME_MAX];
	uint64_t max_pages;
	uint64_t tot_pages;
	unsigned rma_order;          /* pages, log2 */
	uint64_t rma_mfn;
	struct p2m_extent *p2m;
	uint32_t p2m_nr, p2m_cap;
	struct vcpu *vcpu[MAX_VIRT_CPUS];
	unsigned max_vcpus;
	struct evtchn *evtchn[EVTCHN_NR_BUCKETS];
	unsigned gnttab_frames;
	uint64_t gnttab_mfn[XENPPC_MAX_GRANT_FRAMES];
};

/* Lookup by id: NULL if no such domain.  DOMID_SELF is not resolved here. */
struct domain *domain_get(const struct hv *hv, uint32_t domid);
/* The first domain with id >= domid, or NULL (getdomaininfo's rule). */
struct domain *domain_next(const struct hv *hv, uint32_t domid);

/*
 * Create a domain, paused, with its RMA placed.  *domid 0 asks for the
 * lowest free id >= 1, written back.  rma_log 0 = the configured default.
 * 0, -EEXIST (id in use), -EINVAL (id reserved, RMA size), -ENOMEM
 * (nothing left behind).
 */
int domain_create(struct hv *hv, uint32_t *domid, unsigned rma_log,
                  const uint8_t handle[16], uint32_t ssidref, uint32_t flags);
/* Create with exactly this id (dom0 at boot); same errors. */
int domain_create_at(struct hv *hv, uint32_t domid, unsigned rma_log,
                     const uint8_t handle[16], uint32_t ssidref, uint32_t flags);
/* Free everything the domain holds and drop it; raises VIRQ_DOM_EXC. */
void domain_destroy(struct hv *hv, struct domain *d);
/* Shut down with a reason (SHUTDOWN_*): 0, -EINVAL; raises VIRQ_DOM_EXC. */
int domain_shutdown(struct hv *hv, struct domain *d, unsigned reason);
void domain_pause(struct hv *hv, struct domain *d);
void domain_unpause(struct hv *hv, struct domain *d);
/* Name rules of XEN_DOMCTL_setdomainname: 0, -EINVAL, -EEXIST. */
int domain_set_name(struct hv *hv, struct domain *d, const char *name, size_t room);
/* getdomaininfo's record, big-endian. */
void domain_info(const struct hv *hv, const struct domain *d,
                 struct xen_domctl_getdomaininfo *info);

/* vcpus (vcpu.c). */
int vcpu_set_max(struct hv *hv, struct domain *d, unsigned max);
void vcpu_free_all(struct domain *d);
/* Re-evaluate every vcpu's runstate after the domain's state changed. */
void vcpu_update_runstates(struct hv *hv, struct domain *d);
/* Times accrued up to now, without changing state. */
void vcpu_runstate_now(const struct vcpu *v, uint64_t now, uint64_t time[4]);
void vcpu_set_up(struct hv *hv, struct domain *d, struct vcpu *v, bool up);

/* Memory (mm.c). */
int mm_alloc_rma(struct hv *hv, struct domain *d, unsigned rma_log);
/*
 * One extent of 2^order pages at gpfn: 0, -EINVAL, -EBUSY, -ENOMEM.
 * more = pages the caller is about to populate, this extent included: it
 * steers placement (buddy_alloc_near) and changes nothing else.
 */
int mm_populate(struct hv *hv, struct domain *d, uint64_t gpfn, unsigned order, uint64_t more);
/* Free the 2^order pages at gpfn (must be populated, not RMA): 0, -EINVAL. */
int mm_release(struct hv *hv, struct domain *d, uint64_t gpfn, unsigned order);
void mm_free_all(struct hv *hv, struct domain *d);
/* The extent holding gpfn, or NULL. */
const struct p2m_extent *p2m_lookup(const struct domain *d, uint64_t gpfn);
/* One past the highest populated gpfn. */
uint64_t p2m_max_gpfn(const struct domain *d);
/*
 * Free a machine block with its scrub (grant frames use it too); a block
 * a foreign mapping holds is kept back instead (fmap.h): 0 or -errno.
 */
int mm_free_block(struct hv *hv, uint64_t mfn, unsigned order);
/* The same for a block no hold overlaps: scrub (maybe queued), then free. */
int mm_scrub_free(struct hv *hv, uint64_t mfn, unsigned order);
/* Allocate machine memory, waiting for pending scrubs rather than failing. */
int mm_alloc(struct hv *hv, unsigned order, enum buddy_kind kind, uint16_t owner,
             uint64_t hint, uint64_t more, uint64_t *mfn);
/* Return blocks the scrub worker finished to the allocator (main loop). */
void mm_reap(struct hv *hv);
/* Wait for every pending scrub and reap it (memmap, shutdown). */
void mm_scrub_sync(struct hv *hv);

/* Event channels (evtchn_table.c). */
struct evtchn *evtchn_port(const struct domain *d, uint32_t port);
/* A free port, its bucket allocated on demand: port > 0, or -ENOSPC/-ENOMEM. */
int evtchn_alloc_port(struct domain *d);
void evtchn_close_port(struct hv *hv, struct domain *d, uint32_t port);
/* Mark pending and deliver to dom0's owning connection if it has one. */
void evtchn_set_pending(struct hv *hv, struct domain *d, uint32_t port);
/* Raise a global virq (VIRQ_DOM_EXC) on every dom0 port bound to it. */
void evtchn_send_virq(struct hv *hv, uint32_t virq);
/* Close every dom0 port bound through a connection that went away. */
void evtchn_close_owner(struct hv *hv, void *owner);
void evtchn_free_all(struct hv *hv, struct domain *d);

/* Grant tables (gnttab.c). */
void gnttab_free_all(struct hv *hv, struct domain *d);

/* Bytes of host memory a domain's bookkeeping takes (benchmarks). */
uint64_t domain_meta_bytes(const struct domain *d);

#endif /* HV_DOMAIN_H */
