/*
 * xm vcpu-set on a running domain, shared by xmctl's direct path and
 * xmctld's domain.set_vcpus so that both behave the same.
 *
 * The source file is compiled into both programs (it needs libxc-ppc,
 * which libdomconfig does not link).
 */
#ifndef XM_VCPU_ONLINE_H
#define XM_VCPU_ONLINE_H

#include <stdint.h>
#include <xenctrl.h>

/*
 * Give domain domid exactly n online vcpus: 0..n-1 online, the others
 * offline.  If n is above the domain's vcpus its maximum grows to n first
 * (a PowerPC domain can gain vcpus; the maximum never shrinks), and the
 * new vcpus are pinned to pin_map unless it is 0.
 *
 * No guest runs here to plug or unplug cpus as xend asked it to: a vcpu
 * brought online gets vcpu 0's registers (as a guest starting a secondary
 * cpu gives it), and one taken offline is reset by the NULL context
 * (xc_vcpu_setcontext).  Only the vcpus whose state changes are touched.
 *
 * n must be 1..MAX_VIRT_CPUS (else -EINVAL).  Returns 0, or a negative
 * errno with step naming what failed (e.g. "take vcpu 3 offline") and
 * the handle's last error set: -ESRCH no such domain, -ENODATA vcpu 0
 * has no registers to copy (the domain was never built).  A failure part
 * way leaves the vcpus changed so far as they are.  The caller's own
 * domain (domain 0) cannot be changed: callers refuse it first.
 */
#define XM_VCPU_STEP_MAX 48
int xm_vcpu_set_online(xc_interface *xch, uint32_t domid, uint32_t n, uint64_t pin_map,
                       char step[XM_VCPU_STEP_MAX]);

#endif /* XM_VCPU_ONLINE_H */
