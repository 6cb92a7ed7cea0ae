/*
 * The direct-path domain builder: libxc-ppc's calls in order, undone
 * (the domain destroyed) if any step fails, so a failed create leaves
 * nothing behind.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <xenguest.h>
#include "build.h"
#include "runrec.h"

/* The guest's command line as xm made it: "root=ROOT EXTRA". */
static void make_cmdline(const struct domconfig *cfg, char *buf, size_t size)
{
	if (cfg->root[0] != '\0')
		snprintf(buf, size, "root=%s%s%s", cfg->root, cfg->extra[0] ? " " : "", cfg->extra);
	else
		snprintf(buf, size, "%s", cfg->extra);
}

/* Memory, vcpus and pinning: what the domain needs before its kernel is loaded. */
static int setup_resources(struct xmctl *x, uint32_t domid, const struct domconfig *cfg,
                           const char **step)
{
	int rc;

	*step = "set its name";
	rc = xc_domain_setname(x->xch, domid, cfg->name);
	if (rc == 0) {
		*step = "allow its vcpus";
		rc = xc_domain_max_vcpus(x->xch, domid, cfg->vcpus);
	}
	if (rc == 0) {
		*step = "set its memory limit";
		rc = xc_domain_setmaxmem(x->xch, domid, cfg->maxmem_mib * 1024);
	}
	if (rc == 0) {
		*step = "give it memory";
		rc = xc_ppc_populate(x->xch, domid, cfg->memory_mib << 20);
	}
	for (unsigned v = 0; rc == 0 && cfg->has_cpus && v < cfg->vcpus; v++) {
		*step = "pin its vcpus";
		rc = xc_vcpu_setaffinity(x->xch, domid, v, cfg->cpumap);
	}
	return rc;
}

/* Loads the kernel, initrd and device tree; the console and store get event channels. */
static int load_kernel(struct xmctl *x, uint32_t domid, const struct domconfig *cfg,
                       const char **step)
{
	char cmdline[DOMCONFIG_EXTRA_MAX + DOMCONFIG_ROOT_MAX + 8];
	xc_ppc_build_args_t args = { 0 };
	int rc;

	make_cmdline(cfg, cmdline, sizeof(cmdline));
	*step = "allocate its event channels";
	/*
	 * The ports live in the guest, unbound, for dom0 to bind: the device
	 * tree tells the guest its own port numbers (as xend and xmctld do).
	 */
	rc = xc_evtchn_alloc_unbound(x->xch, domid, 0, &args.console_evtchn);
	if (rc == 0)
		rc = xc_evtchn_alloc_unbound(x->xch, domid, 0, &args.store_evtchn);
	if (rc < 0)
		return rc;
	*step = "load its kernel";
	args.kernel_path = cfg->kernel;
	args.initrd_path = cfg->ramdisk[0] ? cfg->ramdisk : NULL;
	args.cmdline = cmdline;
	args.nr_vcpus = cfg->vcpus;
	return xc_ppc_build(x->xch, domid, &args);
}

/*
 * The step's error.  Loading the kernel has the library's own message,
 * which names the file and what is wrong with it; the other steps are
 * single hypercalls whose errno says it all.
 */
static int report(struct xmctl *x, const struct domconfig *cfg, const char *step, int rc)
{
	const xc_error *e = xc_get_last_error(x->xch);

	if (strcmp(step, "load its kernel") == 0 && e->code != 0 && e->message[0] != '\0')
		return xmctl_fail(x->cmd, "%s: cannot %s: %s", cfg->name, step, e->message);
	return xmctl_fail(x->cmd, "%s: cannot %s: %s", cfg->name, step, xc_strerror(x->xch, rc));
}

/*
 * An RMA must be one naturally aligned block, so free memory alone does
 * not say whether it fits: say how large the largest free block is.
 */
static int report_no_rma(struct xmctl *x, const struct domconfig *cfg)
{
	xc_machine_memmap_t *map;
	uint64_t largest = 0;

	if (xc_machine_memmap(x->xch, &map) < 0)
		return xmctl_fail(x->cmd, "%s: no room for its %llu MiB RMA", cfg->name,
		                  (unsigned long long)domconfig_rma_mib(cfg));
	for (int o = XEN_MEMMAP_MAX_ORDERS - 1; o >= 0 && largest == 0; o--)
		if (map->free_per_order[o] != 0)
			largest = (uint64_t)1 << o;
	xmctl_fail(x->cmd, "%s: no room for its %llu MiB RMA: %llu MiB free, the largest "
	           "free aligned block is %llu MiB", cfg->name,
	           (unsigned long long)domconfig_rma_mib(cfg),
	           (unsigned long long)(map->free_pages >> 8), (unsigned long long)(largest >> 8));
	xc_machine_memmap_free(map);
	return XMCTL_EXIT_FAIL;
}

int xmctl_build(struct xmctl *x, const struct domconfig *cfg, bool paused, uint32_t *domid)
{
	struct runrec rec = { .cfg = *cfg };
	const char *step = "create the domain";
	int rc;

	*domid = 0;
	xc_clear_last_error(x->xch);
	rc = xc_domain_create(x->xch, 0, cfg->uuid, 0, cfg->rma_log, domid);
	if (rc == -ENOMEM)
		return report_no_rma(x, cfg), -1;
	if (rc < 0)
		return report(x, cfg, step, rc), -1;
	rc = setup_resources(x, *domid, cfg, &step);
	if (rc == 0)
		rc = load_kernel(x, *domid, cfg, &step);
	if (rc == 0 && !paused) {
		step = "unpause it";
		rc = xc_domain_unpause(x->xch, *domid);
	}
	if (rc == 0) {
		step = "record it";
		rec.domid = *domid;
		rec.start_time = xmctl_now();
		rc = runrec_write(x->rundir, &rec);
		if (rc < 0) {
			xmctl_fail(x->cmd, "%s: cannot record it in %s/%s: %s", cfg->name, x->rundir,
			           RUNREC_SUBDIR, strerror(-rc));
			xc_domain_destroy(x->xch, *domid);
			return -1;
		}
	}
	if (rc < 0) {
		uint32_t other;

		if (rc == -EEXIST && strcmp(step, "set its name") == 0 &&
		    xc_domain_lookup_name(x->xch, cfg->name, &other) == 0)
			xmctl_fail(x->cmd, "a domain named '%s' already exists (id %u)", cfg->name, other);
		else
			report(x, cfg, step, rc);
		xc_domain_destroy(x->xch, *domid);
		return -1;
	}
	return 0;
}

int xmctl_destroy_domain(struct xmctl *x, uint32_t domid, const uint8_t uuid[16])
{
	int rc = xc_domain_destroy(x->xch, domid);

	if (rc == 0)
		runrec_remove(x->rundir, uuid);
	return rc;
}
