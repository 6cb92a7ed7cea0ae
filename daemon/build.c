/*
 * Building a domain (build.h): vcpus, memory limit, memory, event
 * channels for its console and store, then the kernel through libxc-ppc's
 * PowerPC builder.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <xenguest.h>

#include "build.h"
#include "hv.h"
#include "killpoint.h"
#include "protocol.h"

static int hv_fail(struct rpc_error *err, int rc, const char *what)
{
	int code = rc == -ENOMEM ? XMCTLD_E_NO_MEMORY :
	           (rc == -ENOEXEC || rc == -ENOENT || rc == -EACCES || rc == -EFBIG ||
	            rc == -E2BIG) ? XMCTLD_E_CONFIG : XMCTLD_E_HYPERVISOR;

	return rpc_fail(err, code, "%s: %s", what, hv_errmsg());
}

/* xm joined root= and extra into one command line, root first. */
static int cmdline(const struct domconfig *cfg, char *buf, size_t len)
{
	int n;

	if (cfg->root[0])
		n = snprintf(buf, len, "root=%s%s%s", cfg->root, cfg->extra[0] ? " " : "", cfg->extra);
	else
		n = snprintf(buf, len, "%s", cfg->extra);
	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Size the domain: vcpus and their pinning, its limit and its memory. */
static int size_domain(uint32_t domid, const struct domconfig *cfg, struct rpc_error *err)
{
	xc_interface *xch = hv_xc();
	unsigned v;
	int rc;

	if ((rc = xc_domain_max_vcpus(xch, domid, cfg->vcpus)) < 0)
		return hv_fail(err, rc, "setting vcpus");
	for (v = 0; cfg->has_cpus && v < cfg->vcpus; v++)
		if ((rc = xc_vcpu_setaffinity(xch, domid, v, cfg->cpumap)) < 0)
			return hv_fail(err, rc, "pinning vcpus");
	if ((rc = xc_domain_setmaxmem(xch, domid, cfg->maxmem_mib * 1024)) < 0)
		return hv_fail(err, rc, "setting the memory limit");
	if ((rc = xc_ppc_populate(xch, domid, cfg->memory_mib << 20)) < 0)
		return hv_fail(err, rc, "allocating memory");
	return 0;
}

int build_domain(uint32_t domid, const struct domconfig *cfg, struct rpc_error *err)
{
	xc_interface *xch = hv_xc();
	xc_ppc_build_args_t a = { 0 };
	char line[XC_PPC_CMDLINE_MAX + 1];
	uint32_t console = 0, store = 0;
	int rc;

	if (size_domain(domid, cfg, err) < 0)
		return -1;
	killpoint("build.sized");
	if ((rc = xc_evtchn_alloc_unbound(xch, domid, 0, &console)) < 0 ||
	    (rc = xc_evtchn_alloc_unbound(xch, domid, 0, &store)) < 0)
		return hv_fail(err, rc, "allocating event channels");
	killpoint("build.channels");
	if (cmdline(cfg, line, sizeof(line)) < 0)
		return rpc_fail(err, XMCTLD_E_CONFIG, "kernel command line longer than %u bytes",
		                XC_PPC_CMDLINE_MAX);
	a.kernel_path = cfg->kernel;
	a.initrd_path = cfg->ramdisk[0] ? cfg->ramdisk : NULL;
	a.cmdline = line;
	a.nr_vcpus = cfg->vcpus;
	a.console_evtchn = console;
	a.store_evtchn = store;
	if ((rc = xc_ppc_build(xch, domid, &a)) < 0)
		return hv_fail(err, rc, "building the domain");
	return 0;
}
