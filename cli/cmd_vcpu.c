/*
 * Memory and vcpu commands: mem-set, mem-max, vcpu-set, vcpu-list,
 * vcpu-pin.  mem-set, mem-max and vcpu-set go through xmctld when it
 * runs (it keeps the change in a managed domain's config); the others are
 * the hypervisor's alone.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_path.h"
#include "dominfo.h"
#include "render.h"
#include "runrec.h"
#include "vcpu_online.h"
#include "xmctl.h"

/*
 * "<Domain> <value>" commands: no options, two arguments.  Returns 0, 1
 * after --help, or minus an exit status (the error reported).
 */
static int dom_and_value_args(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c = xmctl_getopt(x, argc, argv, "", opts);

	if (c == 'h')
		return 1;
	if (c != -1 || xmctl_nargs(x, argc, 2, 2) < 0)
		return -XMCTL_EXIT_USAGE;
	return 0;
}

/* The same with the value in MiB (K, M, G, T suffixes) in *mib. */
static int dom_and_mib(struct xmctl *x, int argc, char **argv, uint64_t *mib)
{
	struct domconfig_error err;
	int rc = dom_and_value_args(x, argc, argv);

	if (rc == 0 && domconfig_parse_mib(argv[optind + 1], mib, &err) < 0)
		return xmctl_usage_error(x, "%s", err.msg), -XMCTL_EXIT_USAGE;
	return rc;
}

/* mem-set and mem-max: one shape, another daemon method, libxc call and -EINVAL. */
struct mem_cmd {
	const char *method, *key;                 /* the daemon's */
	int (*set_kb)(xc_interface *xch, uint32_t domid, uint64_t kb);
	const char *einval;                       /* message for -EINVAL: DOM, MiB */
};

static const struct mem_cmd mem_set = {
	"domain.set_memory", "memory_mib", xc_domain_set_target_memkb,
	"%s: %llu MiB is below the domain's RMA or above its maximum (see mem-max)",
};
static const struct mem_cmd mem_max = {
	"domain.set_maxmem", "maxmem_mib", xc_domain_setmaxmem,
	"%s: cannot lower the maximum to %llu MiB: on PowerPC the limit sizes the p2m, "
	"which cannot shrink",
};

static int run_mem_cmd(struct xmctl *x, int argc, char **argv, const struct mem_cmd *m)
{
	uint64_t mib = 0;
	uint32_t domid;
	int rc = dom_and_mib(x, argc, argv, &mib);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : -rc;
	if (xmctl_use_daemon(x))
		return xmctl_daemon_dom_u64(x, m->method, argv[optind], m->key, mib) < 0 ?
		       XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	rc = m->set_kb(x->xch, domid, mib * 1024);
	if (rc == -EINVAL)
		return xmctl_fail(x->cmd, m->einval, argv[optind], (unsigned long long)mib);
	return rc < 0 ? xmctl_fail_xc(x, argv[optind], rc) : XMCTL_EXIT_OK;
}

int cmd_mem_set(struct xmctl *x, int argc, char **argv)
{
	return run_mem_cmd(x, argc, argv, &mem_set);
}

int cmd_mem_max(struct xmctl *x, int argc, char **argv)
{
	return run_mem_cmd(x, argc, argv, &mem_max);
}

/*
 * The direct path keeps what the daemon keeps in its record: the count
 * goes into the domain's runtime record (a reboot restarts it with that
 * many), whose cpus pin the vcpus a grow adds.
 */
static int vcpus_direct(struct xmctl *x, const char *dom, uint32_t n)
{
	char step[XM_VCPU_STEP_MAX];
	struct runrec *rec;
	xc_dominfo_t info;
	uint32_t domid;
	bool have;
	int rc;

	if (xmctl_lookup(x, dom, &domid) < 0)
		return XMCTL_EXIT_FAIL;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0's vcpus cannot be changed");
	if ((rc = xc_domain_getinfo_one(x->xch, domid, &info)) < 0)
		return xmctl_fail_xc(x, dom, rc);
	if ((rec = malloc(sizeof(*rec))) == NULL)
		return xmctl_fail(x->cmd, "out of memory");
	have = runrec_read(x->rundir, info.handle, rec) == 0 && rec->domid == domid;
	rc = xm_vcpu_set_online(x->xch, domid, n, have && rec->cfg.has_cpus ? rec->cfg.cpumap : 0,
	                        step);
	if (rc < 0) {
		xmctl_fail(x->cmd, "%s: cannot %s: %s", dom, step, xc_strerror(x->xch, rc));
	} else if (have) {
		rec->cfg.vcpus = n;
		if ((rc = runrec_write(x->rundir, rec)) < 0)
			xmctl_fail(x->cmd, "%s: its vcpus changed, but its record could not be "
			           "written: %s", dom, strerror(-rc));
	}
	free(rec);
	return rc < 0 ? XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
}

int cmd_vcpu_set(struct xmctl *x, int argc, char **argv)
{
	uint64_t n = 0;
	int rc = dom_and_value_args(x, argc, argv);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : -rc;
	if (xmctl_parse_uint(argv[optind + 1], 1, DOMCONFIG_MAX_VCPUS, &n) < 0)
		return xmctl_usage_error(x, "'%s' is not a vcpu count in 1..%d", argv[optind + 1],
		                         DOMCONFIG_MAX_VCPUS);
	if (xmctl_use_daemon(x))
		return xmctl_daemon_dom_u64(x, "domain.set_vcpus", argv[optind], "vcpus", n) < 0 ?
		       XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
	return vcpus_direct(x, argv[optind], (uint32_t)n);
}

int cmd_vcpu_pin(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct domconfig_error err;
	xc_dominfo_t info;
	uint64_t map, vcpu = 0;
	uint32_t domid;
	bool all;
	int c = xmctl_getopt(x, argc, argv, "", opts), rc;

	if (c == 'h')
		return XMCTL_EXIT_OK;
	if (c != -1 || xmctl_nargs(x, argc, 3, 3) < 0)
		return XMCTL_EXIT_USAGE;
	all = strcmp(argv[optind + 1], "all") == 0;
	if (strcmp(argv[optind + 2], "all") == 0)
		map = ~(uint64_t)0;
	else if (domconfig_parse_cpus(argv[optind + 2], &map, &err) < 0)
		return xmctl_usage_error(x, "%s", err.msg);
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	rc = xc_domain_getinfo_one(x->xch, domid, &info);
	if (rc < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	if (!all && xmctl_parse_uint(argv[optind + 1], 0, info.max_vcpu_id, &vcpu) < 0)
		return xmctl_usage_error(x, "'%s' is not a vcpu of the domain (0..%u or all)",
		                         argv[optind + 1], info.max_vcpu_id);
	for (uint32_t v = all ? 0 : (uint32_t)vcpu; v <= (all ? info.max_vcpu_id : vcpu); v++) {
		rc = xc_vcpu_setaffinity(x->xch, domid, v, map);
		if (rc < 0)
			return xmctl_fail_xc(x, argv[optind], rc);
	}
	return XMCTL_EXIT_OK;
}

/* Every vcpu of each domain in l, appended to rows. */
static int fetch_vcpus(struct xmctl *x, const struct dom_list *l, struct vcpu_row **rows,
                       size_t *n)
{
	size_t total = 0;

	for (size_t i = 0; i < l->n; i++)
		total += l->d[i].info.max_vcpu_id + 1;
	*rows = calloc(total ? total : 1, sizeof(**rows));
	if (*rows == NULL)
		return xmctl_fail(x->cmd, "out of memory"), -1;
	*n = 0;
	for (size_t i = 0; i < l->n; i++) {
		for (uint32_t v = 0; v <= l->d[i].info.max_vcpu_id; v++) {
			struct vcpu_row *r = &(*rows)[*n];
			int rc = xc_vcpu_getinfo(x->xch, l->d[i].info.domid, v, &r->info);

			if (rc == 0)
				rc = xc_vcpu_getaffinity(x->xch, l->d[i].info.domid, v, &r->affinity);
			if (rc == -ESRCH)
				continue;    /* the domain went away meanwhile */
			if (rc < 0)
				return xmctl_fail_xc(x, l->d[i].name, rc), -1;
			r->domid = l->d[i].info.domid;
			r->name = l->d[i].name;
			r->vcpu = v;
			(*n)++;
		}
	}
	return 0;
}

int cmd_vcpu_list(struct xmctl *x, int argc, char **argv)
{
	struct dom_list l = { 0 };
	struct vcpu_row *rows = NULL;
	xc_physinfo_t phys;
	bool json;
	size_t n = 0;
	int rc = xmctl_flag_args(x, argc, argv, "json", '\0', &json, 0, -1);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_connect(x) < 0)
		return XMCTL_EXIT_FAIL;
	rc = xc_physinfo(x->xch, &phys);
	if (rc < 0)
		return xmctl_fail_xc(x, "", rc);
	for (int i = optind; i < argc; i++) {
		struct dom_record r;
		uint32_t domid;

		if (xmctl_lookup(x, argv[i], &domid) < 0 || (rc = dom_fetch_one(x, domid, &r)) < 0 ||
		    dom_list_add(&l, &r) < 0) {
			if (rc < 0)
				xmctl_fail_xc(x, argv[i], rc);
			dom_list_free(&l);
			return XMCTL_EXIT_FAIL;
		}
	}
	if (optind == argc && dom_fetch_all(x, &l, true) < 0)
		return XMCTL_EXIT_FAIL;
	rc = fetch_vcpus(x, &l, &rows, &n);
	if (rc == 0 && (json ? render_vcpus_json(rows, n, stdout)
	                     : render_vcpus_text(rows, n, phys.nr_cpus, stdout)) < 0)
		rc = xmctl_fail(x->cmd, "cannot write the output");
	free(rows);
	dom_list_free(&l);
	return rc != 0 ? XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
}
