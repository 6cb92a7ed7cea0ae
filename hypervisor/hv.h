/*
 * xenppc-hv's core state: the machine, its allocator, the domain table and
 * the console ring, plus the context every hypercall handler receives.
 *
 * The core is single-threaded: the privcmd event loop calls one handler at a
 * time, so nothing here locks.  Unit tests and benchmarks build a struct hv
 * directly and call the same functions the server does.
 */
#ifndef HV_HV_H
#define HV_HV_H

#include <stdbool.h>
#include <stdint.h>

#include <xenppc/xenppc.h>
#include "xencomm.h"

#include "buddy.h"
#include "console.h"
#include "fmap.h"
#include "machine.h"
#include "scrub.h"

/* Every id below DOMID_FIRST_RESERVED may name a domain. */
#define HV_MAX_DOMAINS DOMID_FIRST_RESERVED
/* physinfo: one socket per node and one node; --cpus sets the cores. */
#define HV_MAX_CPUS 64
/* A cpu speed to report when /proc/cpuinfo has none (the JS21's 970MP). */
#define HV_DEFAULT_CPU_KHZ 2500000U

struct domain;

struct hv_config {
	uint64_t memory_bytes;       /* machine memory */
	unsigned nr_cpus;            /* physical cpus reported by physinfo */
	unsigned rma_log;            /* default RMA size, log2 bytes */
	uint64_t dom0_bytes;         /* dom0's memory, RMA included */
	enum buddy_policy policy;
	bool scrub_async;            /* scrub freed memory in a worker (scrub.h) */
	bool boot_scrub;             /* memory stays present: boot scrub, zeroing in place */
};

/*
 * Delivery of an event to the privcmd connection that owns a dom0 port.
 * owner is the opaque pointer the connection registered the port with.
 */
typedef void (*hv_notify_fn)(void *ctx, void *owner, uint32_t port);

struct hv {
	struct hv_config cfg;
	struct machine mach;
	struct buddy buddy;
	struct scrubber scrub;
	struct domain **domains;     /* [HV_MAX_DOMAINS] */
	unsigned nr_domains;
	struct console console;
	uint32_t cpu_khz;
	uint64_t boot_ns;
	hv_notify_fn notify;
	void *notify_ctx;
	uint64_t nr_hypercalls;
	struct fmap fmap;            /* foreign mappings' holds, held blocks */
};

/* Defaults of the command line (64 MiB RMA, 512 MiB dom0, 4 GiB machine). */
void hv_config_default(struct hv_config *cfg);

/*
 * Build the machine and dom0: 0, or a negative errno with a logged reason
 * (-EINVAL for an impossible configuration, -ENOMEM).
 */
int hv_init(struct hv *hv, const struct hv_config *cfg);
void hv_fini(struct hv *hv);
/*
 * Start the scrub worker thread (hv_init does when cfg->scrub_async), and
 * with cfg->boot_scrub the boot scrub of the memory free now (scrub.h);
 * a daemon calls it after fork(), which threads do not survive.  Calling it
 * again does nothing (the boot scrub is given once).
 */
void hv_start_scrubber(struct hv *hv);

/* Monotonic nanoseconds: runstate accounting and uptime. */
uint64_t hv_now_ns(void);

/*
 * One hypercall in progress.  guest translates the caller's guest-physical
 * addresses (for a privcmd client: its own window only); owner identifies the
 * connection for ports it binds.
 */
struct hv_call {
	struct hv *hv;
	struct domain *caller;
	struct xencomm_guest guest;
	void *owner;
	uint64_t op;
	uint64_t arg[PRIVCMD_NR_ARGS];
};

/*
 * Guest copies.  Every failure of the walker (bad descriptor, a page the
 * caller does not own, a short buffer) is -EFAULT to the caller, as Xen's
 * copy_{from,to}_guest failures are.
 */
int hv_copy_from(const struct hv_call *c, void *dst, uint64_t handle,
                 uint64_t off, uint64_t len);
int hv_copy_to(const struct hv_call *c, uint64_t handle, uint64_t off,
               const void *src, uint64_t len);

#endif /* HV_HV_H */
