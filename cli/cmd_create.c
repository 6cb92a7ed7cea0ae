/*
 * create: an xm config file (plus key=value overrides) to a running
 * domain; with -n, only the resolved config as JSON.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "build.h"
#include "config_parse.h"
#include "daemon_path.h"
#include "dominfo.h"
#include "xmctl.h"

/*
 * A UUID already in use is refused before anything is created.  A name in
 * use is refused by the hypervisor when the build sets it (-EEXIST, see
 * build.c): looking names up here would cost a hypercall per domain.
 */
static int check_unique(struct xmctl *x, const struct domconfig *cfg)
{
	struct dom_list l;
	int rc = 0;

	if (!cfg->has_uuid)
		return 0;
	if (dom_fetch_all(x, &l, false) < 0)
		return -1;
	for (size_t i = 0; i < l.n && rc == 0; i++) {
		if (memcmp(l.d[i].info.handle, cfg->uuid, 16) == 0) {
			char u[37];

			uuid_unparse_lower(cfg->uuid, u);
			rc = xmctl_fail(x->cmd, "UUID %s is already used by domain %u", u,
			                l.d[i].info.domid);
		}
	}
	dom_list_free(&l);
	return rc == 0 ? 0 : -1;
}

/* Disks and vifs are kept, but nothing serves them yet: say so once. */
static void warn_devices(const struct domconfig *cfg)
{
	if (cfg->nr_disks == 0 && cfg->nr_vifs == 0)
		return;
	fprintf(stderr, "xmctl: warning: %s: %u disk%s and %u vif%s recorded but not "
	        "attached: xenppc has no virtual IO yet\n", cfg->name, cfg->nr_disks,
	        cfg->nr_disks == 1 ? "" : "s", cfg->nr_vifs, cfg->nr_vifs == 1 ? "" : "s");
}

static int dry_run(struct xmctl *x, const struct domconfig *cfg)
{
	char *json = domconfig_to_json(cfg, true);
	int rc;

	if (json == NULL)
		return xmctl_fail(x->cmd, "out of memory");
	rc = fputs(json, stdout) == EOF;   /* yajl's pretty form ends in a newline */
	free(json);
	return rc ? xmctl_fail(x->cmd, "cannot write the output") : XMCTL_EXIT_OK;
}

/* The daemon checks names, UUIDs and RMA room itself, and keeps the config. */
static int create_by_daemon(struct xmctl *x, const struct domconfig *cfg, bool paused, bool quiet)
{
	const char *path[] = { "domid", NULL };
	xmctld_result *res = NULL;
	yajl_val v;

	if (xmctl_daemon_config(x, "domain.create", cfg, paused, &res) < 0)
		return XMCTL_EXIT_FAIL;
	warn_devices(cfg);
	v = yajl_tree_get(xmctld_result_value(res), path, yajl_t_number);
	if (!quiet)
		printf("Started domain %s (id=%lld)\n", cfg->name,
		       v != NULL && YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1LL);
	xmctld_result_free(res);
	return XMCTL_EXIT_OK;
}

int cmd_create(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dryrun", no_argument, NULL, 'n' }, { "paused", no_argument, NULL, 'p' },
		{ "quiet", no_argument, NULL, 'q' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool dry = false, paused = false, quiet = false;
	struct domconfig cfg;
	struct config_error err;
	uint32_t domid;
	int c;

	while ((c = xmctl_getopt(x, argc, argv, "npq", opts)) != -1) {
		switch (c) {
		case 'n': dry = true; break;
		case 'p': paused = true; break;
		case 'q': quiet = true; break;
		case 'h': return XMCTL_EXIT_OK;
		default: return XMCTL_EXIT_USAGE;
		}
	}
	if (xmctl_nargs(x, argc, 1, -1) < 0)
		return XMCTL_EXIT_USAGE;
	if (config_parse_file(argv[optind], argv + optind + 1, (size_t)(argc - optind - 1),
	                      &cfg, &err) < 0)
		return xmctl_fail(x->cmd, "%s", err.msg);
	if (dry)
		return dry_run(x, &cfg);
	if (xmctl_use_daemon(x))
		return create_by_daemon(x, &cfg, paused, quiet);
	if (xmctl_connect(x) < 0 || check_unique(x, &cfg) < 0)
		return XMCTL_EXIT_FAIL;
	if (!cfg.has_uuid) {
		uuid_generate_random(cfg.uuid);
		cfg.has_uuid = true;
	}
	if (xmctl_build(x, &cfg, paused, &domid) < 0)
		return XMCTL_EXIT_FAIL;
	warn_devices(&cfg);
	if (!quiet)
		printf("Started domain %s (id=%u)\n", cfg.name, domid);
	return XMCTL_EXIT_OK;
}
