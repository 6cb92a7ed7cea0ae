/*
 * Information commands about domains: list, domid, domname, uptime.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_path.h"
#include "jw.h"
#include "list_daemon.h"
#include "render.h"
#include "xmctl.h"

/* The states --state= takes, and the flag each selects. */
static bool state_matches(const xc_dominfo_t *d, const char *state)
{
	return strcmp(dom_state_word(d), state) == 0 ||
	       (strcmp(state, "running") == 0 && d->running) ||
	       (strcmp(state, "blocked") == 0 && d->blocked) ||
	       (strcmp(state, "paused") == 0 && d->paused);
}

static bool valid_state(const char *s)
{
	static const char *const states[] = {
		"running", "blocked", "paused", "shutdown", "crashed", "dying",
	};

	for (size_t i = 0; i < sizeof(states) / sizeof(states[0]); i++)
		if (strcmp(s, states[i]) == 0)
			return true;
	return false;
}

/* The domains named on the command line, or all of them. */
static int fetch_domains(struct xmctl *x, int argc, char **argv, struct dom_list *l)
{
	if (optind >= argc)
		return dom_fetch_all(x, l, true);
	memset(l, 0, sizeof(*l));
	for (int i = optind; i < argc; i++) {
		struct dom_record r;
		uint32_t domid;
		int rc;

		if (xmctl_lookup(x, argv[i], &domid) < 0)
			goto fail;
		rc = dom_fetch_one(x, domid, &r);
		if (rc < 0) {
			xmctl_fail_xc(x, argv[i], rc);
			goto fail;
		}
		if (dom_list_add(l, &r) < 0)
			goto fail;
	}
	return 0;
fail:
	dom_list_free(l);
	return -1;
}

/* Dom0's uptime is the host's, as in xm. */
static double host_uptime(void)
{
	FILE *f = fopen("/proc/uptime", "r");
	double up = -1;

	if (f != NULL) {
		if (fscanf(f, "%lf", &up) != 1)
			up = -1;
		fclose(f);
	}
	return up;
}

/*
 * Views of the fetched domains; with recs, each domain's runtime record
 * (valid only if it names this very domain) for start times and configs.
 */
static struct dom_view *make_views(struct xmctl *x, const struct dom_list *l,
                                   struct runrec **recs_out)
{
	struct dom_view *v = calloc(l->n ? l->n : 1, sizeof(*v));
	struct runrec *recs = recs_out ? calloc(l->n ? l->n : 1, sizeof(*recs)) : NULL;
	double now = xmctl_now();

	if (v == NULL || (recs_out != NULL && recs == NULL)) {
		free(v);
		free(recs);
		xmctl_fail(x->cmd, "out of memory");
		return NULL;
	}
	for (size_t i = 0; i < l->n; i++) {
		v[i].r = l->d[i];
		v[i].start_time = v[i].up_time = -1;
		if (l->d[i].info.domid == 0) {
			v[i].up_time = host_uptime();
		} else if (recs != NULL &&
		           runrec_read(x->rundir, l->d[i].info.handle, &recs[i]) == 0 &&
		           recs[i].domid == l->d[i].info.domid) {
			v[i].rec = &recs[i];
			v[i].start_time = recs[i].start_time;
			v[i].up_time = now - recs[i].start_time;
		}
	}
	if (recs_out)
		*recs_out = recs;
	return v;
}

int cmd_list(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "long", no_argument, NULL, 'l' }, { "json", no_argument, NULL, 'j' },
		{ "state", required_argument, NULL, 's' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool lng = false, json = false;
	const char *state = NULL;
	struct dom_list l;
	struct dom_view *v;
	struct runrec *recs = NULL;
	size_t n = 0, total = 0;
	int c, rc;

	while ((c = xmctl_getopt(x, argc, argv, "l", opts)) != -1) {
		switch (c) {
		case 'l': lng = true; break;
		case 'j': json = true; break;
		case 's': state = optarg; break;
		case 'h': return XMCTL_EXIT_OK;
		default: return XMCTL_EXIT_USAGE;
		}
	}
	if (state != NULL && !valid_state(state))
		return xmctl_usage_error(x, "'%s' is not a state (running, blocked, paused, "
		                         "shutdown, crashed, dying)", state);
	if (xmctl_use_daemon(x)) {
		if (list_daemon_views(x, argc, argv, lng, &v, &recs, &total) < 0) {
			free(v);
			free(recs);
			return XMCTL_EXIT_FAIL;
		}
	} else {
		if (fetch_domains(x, argc, argv, &l) < 0)
			return XMCTL_EXIT_FAIL;
		v = make_views(x, &l, lng ? &recs : NULL);
		total = l.n;
		dom_list_free(&l);
	}
	for (size_t i = 0; v != NULL && i < total; i++)
		if (state == NULL || state_matches(&v[i].r.info, state))
			v[n++] = v[i];
	if (v == NULL)
		return XMCTL_EXIT_FAIL;
	if (json)
		rc = render_list_json(v, n, lng, stdout);
	else if (lng)
		rc = render_list_long_text(v, n, stdout);
	else
		rc = render_list_text(v, n, stdout);
	free(v);
	free(recs);
	return rc < 0 ? xmctl_fail(x->cmd, "cannot write the output") : XMCTL_EXIT_OK;
}

/* domid NAME: the id of a domain (any DOM form works). */
int cmd_domid(struct xmctl *x, int argc, char **argv)
{
	bool json;
	uint32_t domid;
	int rc = xmctl_flag_args(x, argc, argv, "json", '\0', &json, 1, 1);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	printf(json ? "{ \"domid\": %u }\n" : "%u\n", domid);
	return XMCTL_EXIT_OK;
}

/* domname ID: the name of a domain (any DOM form works). */
int cmd_domname(struct xmctl *x, int argc, char **argv)
{
	bool json;
	struct dom_record r;
	uint32_t domid;
	int rc = xmctl_flag_args(x, argc, argv, "json", '\0', &json, 1, 1);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	rc = dom_fetch_one(x, domid, &r);
	if (rc < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	if (json) {
		struct jw j;

		if (!jw_init(&j))
			return xmctl_fail(x->cmd, "out of memory");
		jw_obj_open(&j, NULL);
		jw_str(&j, "name", r.name);
		jw_obj_close(&j);
		return jw_finish(&j, stdout) < 0 ? xmctl_fail(x->cmd, "cannot write the output")
		                                 : XMCTL_EXIT_OK;
	}
	printf("%s\n", r.name);
	return XMCTL_EXIT_OK;
}

int cmd_uptime(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "short", no_argument, NULL, 's' }, { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	bool shrt = false, json = false;
	struct dom_list l;
	struct dom_view *v;
	struct runrec *recs = NULL;
	int c, rc;

	while ((c = xmctl_getopt(x, argc, argv, "s", opts)) != -1) {
		switch (c) {
		case 's': shrt = true; break;
		case 'j': json = true; break;
		case 'h': return XMCTL_EXIT_OK;
		default: return XMCTL_EXIT_USAGE;
		}
	}
	if (fetch_domains(x, argc, argv, &l) < 0)
		return XMCTL_EXIT_FAIL;
	v = make_views(x, &l, &recs);
	if (v == NULL) {
		dom_list_free(&l);
		return XMCTL_EXIT_FAIL;
	}
	rc = json ? render_uptime_json(v, l.n, stdout) : render_uptime_text(v, l.n, shrt, stdout);
	dom_list_free(&l);
	free(v);
	free(recs);
	return rc < 0 ? xmctl_fail(x->cmd, "cannot write the output") : XMCTL_EXIT_OK;
}
