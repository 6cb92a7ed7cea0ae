/*
 * Vcpus: the PowerPC register context (domctl set/getvcpucontext) and
 * vcpu_op (hypercall 24).  Layout of Xen 3.1's arch-powerpc.h.
 */
#ifndef XENPPC_VCPU_H
#define XENPPC_VCPU_H

#include "xen.h"

struct cpu_user_regs {
	be64_t gprs[32];
	be64_t lr;
	be64_t ctr;
	be64_t srr0;
	be64_t srr1;
	be64_t pc;
	be64_t msr;
	be64_t fpscr;
	be64_t xer;
	be64_t hid4;
	be64_t dar;
	be32_t dsisr;
	be32_t cr;
	be32_t pad;
	be32_t entry_vector;
};
XENPPC_CHECK_SIZE(struct cpu_user_regs, 352);
XENPPC_CHECK_OFFSET(struct cpu_user_regs, lr, 256);
XENPPC_CHECK_OFFSET(struct cpu_user_regs, pc, 288);
XENPPC_CHECK_OFFSET(struct cpu_user_regs, msr, 296);
XENPPC_CHECK_OFFSET(struct cpu_user_regs, dsisr, 336);
XENPPC_CHECK_OFFSET(struct cpu_user_regs, cr, 340);
XENPPC_CHECK_OFFSET(struct cpu_user_regs, entry_vector, 348);

struct vcpu_guest_context {
	struct cpu_user_regs user_regs;
	be64_t sdr1;
};
XENPPC_CHECK_SIZE(struct vcpu_guest_context, 360);
XENPPC_CHECK_OFFSET(struct vcpu_guest_context, sdr1, 352);

/* MSR bits a builder cares about: 64-bit mode; real mode has IR/DR clear. */
#define XENPPC_MSR_SF (1ULL << 63)
#define XENPPC_MSR_IR (1ULL << 5)
#define XENPPC_MSR_DR (1ULL << 4)

/* vcpu_op sub-commands (arg0 = cmd, arg1 = vcpu id, arg2 = handle). */
#define VCPUOP_initialise         0
#define VCPUOP_up                 1
#define VCPUOP_down               2
#define VCPUOP_is_up              3
#define VCPUOP_get_runstate_info  4

#define RUNSTATE_running  0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked  2
#define RUNSTATE_offline  3

struct vcpu_runstate_info {
	be32_t state;
	uint8_t pad[4];
	be64_t state_entry_time;     /* ns */
	be64_t time[4];              /* ns spent in each RUNSTATE_* */
};
XENPPC_CHECK_SIZE(struct vcpu_runstate_info, 48);
XENPPC_CHECK_OFFSET(struct vcpu_runstate_info, time, 16);

#endif /* XENPPC_VCPU_H */
