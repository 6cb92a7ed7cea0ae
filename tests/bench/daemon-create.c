/*
 * Create + destroy of a 64 MiB domain through xmctld (config check, RMA
 * check, record, create, build with the test kernel, commit, destroy,
 * record removal), as a rate (target >= 200 per second), against the same
 * hypervisor steps done directly through libxc-ppc in the same run.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>
#include <xenctrl.h>
#include <xenguest.h>

#include "daemon-fix.h"

#define REPS 400

/* What the daemon asks of the hypervisor for one domain, done directly. */
static int direct_one(xc_interface *xch, const char *kernel)
{
	xc_ppc_build_args_t a = { 0 };
	xc_machine_memmap_t *m = NULL;
	uint32_t domid = 0, p1, p2;
	uuid_t u;

	uuid_generate_random(u);
	a.kernel_path = kernel;
	a.cmdline = "";
	if (xc_machine_memmap(xch, &m) < 0)
		return -1;
	xc_machine_memmap_free(m);
	if (xc_domain_create(xch, 0, u, 0, 26, &domid) < 0 || xc_domain_setname(xch, domid, "direct") < 0 ||
	    xc_domain_max_vcpus(xch, domid, 1) < 0 || xc_domain_setmaxmem(xch, domid, 65536) < 0 ||
	    xc_ppc_populate(xch, domid, 64ULL << 20) < 0 ||
	    xc_evtchn_alloc_unbound(xch, domid, 0, &p1) < 0 ||
	    xc_evtchn_alloc_unbound(xch, domid, 0, &p2) < 0 || (a.console_evtchn = p1, 0) ||
	    (a.store_evtchn = p2, xc_ppc_build(xch, domid, &a) < 0) ||
	    xc_domain_unpause(xch, domid) < 0 || xc_domain_sethandle(xch, domid, u) < 0)
		return -1;
	return xc_domain_destroy(xch, domid);
}

int main(void)
{
	static uint64_t td[REPS], tx[REPS];
	char p[1024];
	xc_interface *xch = NULL;
	struct dfix f;
	uint64_t t0, total_d = 0, total_x = 0;
	int i, rc = 1;

	if (dfix_start(&f, "4G", 1) < 0 || !(xch = xc_interface_open_rundir(f.hv.rundir, NULL, 0)))
		goto out;
	snprintf(p, sizeof(p), "{\"config\":{\"name\":\"bench\",\"memory\":64,\"kernel\":\"%s\"}}",
	         f.kernel);
	for (i = 0; i < REPS; i++) {
		t0 = dfix_now_ns();
		if (direct_one(xch, f.kernel) < 0)
			goto out;
		tx[i] = dfix_now_ns() - t0;
		total_x += tx[i];
		t0 = dfix_now_ns();
		if (dfix_call(&f, "domain.create", p) < 0 ||
		    dfix_call(&f, "domain.destroy", "{\"dom\":\"bench\"}") < 0)
			goto out;
		td[i] = dfix_now_ns() - t0;
		total_d += td[i];
	}
	printf("direct libxc create+build+destroy: %.0f per second, p50 %.2f ms\n",
	       REPS / (total_x / 1e9), dfix_pct_us(tx, REPS, 50) / 1e3);
	printf("through xmctld:                    %.0f per second, p50 %.2f ms (target >= 200/s)\n",
	       REPS / (total_d / 1e9), dfix_pct_us(td, REPS, 50) / 1e3);
	rc = 0;
out:
	xc_interface_close(xch);
	dfix_stop(&f);
	return rc;
}
