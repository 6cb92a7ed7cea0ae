/*
 * Managed domains (xm new, delete, start): configs the daemon keeps while
 * the domain is not running.  These exist only on the daemon path.
 */
#include <getopt.h>
#include "config_parse.h"
#include "daemon_path.h"
#include "xmctl.h"

/* The domid member of a create/start result, or -1. */
static long long result_domid(const xmctld_result *res)
{
	const char *path[] = { "domid", NULL };
	yajl_val v = yajl_tree_get(xmctld_result_value(res), path, yajl_t_number);

	return v != NULL && YAJL_IS_INTEGER(v) ? YAJL_GET_INTEGER(v) : -1;
}

int cmd_new(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	struct domconfig cfg;
	struct config_error err;
	xmctld_result *res = NULL;
	int c = xmctl_getopt(x, argc, argv, "", opts);

	if (c == 'h')
		return XMCTL_EXIT_OK;
	if (c != -1 || xmctl_nargs(x, argc, 1, -1) < 0)
		return XMCTL_EXIT_USAGE;
	if (config_parse_file(argv[optind], argv + optind + 1, (size_t)(argc - optind - 1),
	                      &cfg, &err) < 0)
		return xmctl_fail(x->cmd, "%s", err.msg);
	if (!xmctl_need_daemon(x))
		return XMCTL_EXIT_FAIL;
	if (xmctl_daemon_config(x, "domain.define", &cfg, false, &res) < 0)
		return XMCTL_EXIT_FAIL;
	xmctld_result_free(res);
	printf("Defined domain %s\n", cfg.name);
	return XMCTL_EXIT_OK;
}

int cmd_delete(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c = xmctl_getopt(x, argc, argv, "", opts);

	if (c == 'h')
		return XMCTL_EXIT_OK;
	if (c != -1 || xmctl_nargs(x, argc, 1, 1) < 0)
		return XMCTL_EXIT_USAGE;
	if (!xmctl_need_daemon(x))
		return XMCTL_EXIT_FAIL;
	return xmctl_daemon_dom(x, "domain.undefine", argv[optind]) < 0 ? XMCTL_EXIT_FAIL
	                                                               : XMCTL_EXIT_OK;
}

int cmd_start(struct xmctl *x, int argc, char **argv)
{
	xmctld_result *res = NULL;
	bool paused;
	int rc = xmctl_flag_args(x, argc, argv, "paused", 'p', &paused, 1, 1);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (!xmctl_need_daemon(x))
		return XMCTL_EXIT_FAIL;
	if (xmctl_daemon_start(x, argv[optind], paused, &res) < 0)
		return XMCTL_EXIT_FAIL;
	printf("Started domain %s (id=%lld)\n", argv[optind], result_domid(res));
	xmctld_result_free(res);
	return XMCTL_EXIT_OK;
}
