/*
 * A small harness over the real hypervisor objects (Xen's tools/tests
 * style): a struct hv with a modest machine, and a "dom0 window" -- a
 * local buffer the walker translates as guest-physical memory -- so tests
 * can issue hypercalls exactly as the privcmd server does, without a
 * socket.  Machines stay small so -m32 and qemu-user runs are quick.
 */
#ifndef HV_TEST_HARNESS_H
#define HV_TEST_HARNESS_H

#include <stdbool.h>
#include <stdint.h>

#include "domain.h"
#include "hcall.h"
#include "hv.h"

#define HARNESS_WIN_GPA  (1ULL << 40)
#define HARNESS_WIN_SIZE (1U << 20)
#define HARNESS_MEMORY   (512ULL << 20)
#define HARNESS_DOM0     (128ULL << 20)

struct harness {
	struct hv hv;
	uint8_t *win;
	bool async;                  /* in: scrub in the worker (default: inline) */
	bool boot_scrub;             /* in: --boot-scrub (needs async) */
	uint32_t notified[64];       /* ports delivered to the fake connection */
	unsigned nr_notified;
};

/*
 * Builds the machine and dom0; aborts the test (ck_assert) on failure.
 * Set h->async first to scrub freed memory in the worker thread, and
 * h->boot_scrub too for a --boot-scrub machine.
 */
void harness_init(struct harness *h, uint64_t memory);
void harness_fini(struct harness *h);

/* The inline handle of a pointer into the window. */
uint64_t harness_handle(const struct harness *h, const void *p);

/* A hypercall from caller (0 = dom0) with the given arguments. */
int64_t harness_call(struct harness *h, uint32_t caller, uint64_t op,
                     uint64_t a0, uint64_t a1, uint64_t a2);

/* The same, as if from another privcmd connection (owner). */
int64_t harness_call_as(struct harness *h, uint32_t caller, void *owner, uint64_t op,
                        uint64_t a0, uint64_t a1, uint64_t a2);

/* domctl / sysctl with the interface version stamped; op copied back. */
int64_t harness_domctl(struct harness *h, uint32_t cmd, uint32_t domid,
                       struct xen_domctl *op);
int64_t harness_sysctl(struct harness *h, uint32_t cmd, struct xen_sysctl *op);
/* XEN_SYSCTL_physinfo into *pi: 0 or a negative error. */
int64_t harness_physinfo(struct harness *h, struct xen_sysctl_physinfo *pi);

/*
 * XEN_DOMCTL_memcopy of len bytes at gpa with flags, through buf (and the
 * zero map zmap, or none if NULL), both in h->win: 0 or a negative error.
 */
int64_t harness_memcopy(struct harness *h, uint32_t domid, uint64_t gpa, uint64_t len,
                        uint32_t flags, uint8_t *buf, uint8_t *zmap);

/* Create a domain through domctl: its id, or a negative error. */
int harness_create(struct harness *h, uint32_t rma_log);

#endif /* HV_TEST_HARNESS_H */
