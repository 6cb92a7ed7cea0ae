/*
 * Hypercall dispatch: one table indexed by hypercall number, one row per
 * implemented family.  The unknown-number, permission and tracing checks
 * are written once, in hv_dispatch(); each family lives in its own file and
 * has its own sub-command table.
 */
#ifndef HV_HCALL_H
#define HV_HCALL_H

#include <stdint.h>

#include "hv.h"

#define HCALL_DOM0_ONLY 0x1U     /* only the privileged domain may call */
#define HCALL_MUTATES   0x2U     /* may change hypervisor state (traced) */

typedef int64_t (*hcall_fn)(struct hv_call *c);

struct hcall_row {
	const char *name;
	hcall_fn fn;
	unsigned flags;
};

extern const struct hcall_row hcall_table[XENPPC_NR_HYPERCALLS];

/* Run one hypercall: its result, or -ENOSYS / -EPERM from the checks. */
int64_t hv_dispatch(struct hv_call *c);
/* Log every mutating hypercall at debug level (--trace). */
void hv_dispatch_set_trace(int on);

/* A sub-command table row, shared by the families' own tables. */
struct subcmd_row {
	const char *name;
	hcall_fn fn;
};

/* The families (one file each). */
int64_t do_xen_version(struct hv_call *c);
int64_t do_domctl(struct hv_call *c);
int64_t do_sysctl(struct hv_call *c);
int64_t do_memory_op(struct hv_call *c);
int64_t do_event_channel_op(struct hv_call *c);
int64_t do_grant_table_op(struct hv_call *c);
int64_t do_console_io(struct hv_call *c);
int64_t do_sched_op(struct hv_call *c);
int64_t do_sched_op_compat(struct hv_call *c);
int64_t do_vcpu_op(struct hv_call *c);

/* The caller's domain id, for DOMID_SELF resolution. */
uint32_t hcall_resolve_domid(const struct hv_call *c, uint32_t domid);

#endif /* HV_HCALL_H */
