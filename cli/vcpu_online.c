/*
 * Setting a running domain's online vcpus (vcpu_online.h).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include "vcpu_online.h"

/* Name the step that failed (fmt may take the vcpu number); returns rc. */
static int failed(char *step, int rc, const char *fmt, uint32_t v)
{
	snprintf(step, XM_VCPU_STEP_MAX, fmt, v);
	return rc;
}

/* Grow the maximum to n and pin the new vcpus (old_max..n-1). */
static int grow(xc_interface *xch, uint32_t domid, uint32_t old_max, uint32_t n,
                uint64_t pin_map, char *step)
{
	int rc = xc_domain_max_vcpus(xch, domid, n);

	if (rc < 0)
		return failed(step, rc, "raise its vcpus to %u", n);
	for (uint32_t v = old_max; pin_map != 0 && v < n; v++)
		if ((rc = xc_vcpu_setaffinity(xch, domid, v, pin_map)) < 0)
			return failed(step, rc, "pin vcpu %u", v);
	return 0;
}

int xm_vcpu_set_online(xc_interface *xch, uint32_t domid, uint32_t n, uint64_t pin_map,
                       char step[XM_VCPU_STEP_MAX])
{
	xc_vcpu_context_t ctx;
	bool have_ctx = false;
	xc_dominfo_t info;
	uint32_t max;
	int rc;

	if (n < 1 || n > MAX_VIRT_CPUS)
		return failed(step, -EINVAL, "set %u vcpus", n);
	if ((rc = xc_domain_getinfo_one(xch, domid, &info)) < 0)
		return failed(step, rc, "read the domain", 0);
	max = info.max_vcpu_id + 1;
	if (n > max && (rc = grow(xch, domid, max, n, pin_map, step)) < 0)
		return rc;
	max = n > max ? n : max;
	for (uint32_t v = 0; v < max; v++) {
		xc_vcpuinfo_t vi;

		if ((rc = xc_vcpu_getinfo(xch, domid, v, &vi)) < 0)
			return failed(step, rc, "read vcpu %u", v);
		if (v < n && !vi.online) {
			/* vcpu 0 stays online (n >= 1): its registers start the others */
			if (!have_ctx && (rc = xc_vcpu_getcontext(xch, domid, 0, &ctx)) < 0)
				return failed(step, rc, "read vcpu %u's registers", 0);
			have_ctx = true;
			if ((rc = xc_vcpu_setcontext(xch, domid, v, &ctx)) < 0)
				return failed(step, rc, "bring vcpu %u online", v);
		} else if (v >= n && vi.online && (rc = xc_vcpu_setcontext(xch, domid, v, NULL)) < 0) {
			return failed(step, rc, "take vcpu %u offline", v);
		}
	}
	return 0;
}
