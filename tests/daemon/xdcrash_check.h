/*
 * xdcrash's checks, included by xdcrash.c (they use its struct run and
 * struct expect): after a crash and a restart, compare the daemon's view,
 * the hypervisor's list and what the scenario was told.
 */

static int fail_run(struct run *r, const char *what, unsigned n, const char *why)
{
	(void)r;
	printf("FAIL %s, killpoint %u: %s\n", what, n, why);
	return -1;
}

/* A domain kept aside by rename-restart: "<name>-<domid>", unmanaged by design. */
static int aside(const char *name)
{
	const char *dash = strrchr(name, '-');

	return dash && dash[1] && strspn(dash + 1, "0123456789") == strlen(dash + 1);
}

/* The daemon's entry for name in the list, or NULL. */
static yajl_val find(yajl_val doms, const char *name)
{
	size_t i;

	for (i = 0; i < doms->u.array.len; i++) {
		yajl_val n = xd_get(doms->u.array.values[i], "name");

		if (n && YAJL_IS_STRING(n) && strcmp(n->u.string, name) == 0)
			return doms->u.array.values[i];
	}
	return NULL;
}

/* Every running domain but 0 and the aside ones is managed; no uuid twice. */
static int check_hv(struct run *r, yajl_val doms, const char *what, unsigned n)
{
	static xc_dominfo_t info[256];
	char name[XC_DOMAIN_NAME_MAX];
	int k, j, nd = xc_domain_getinfolist(r->xch, 0, 256, info);

	for (k = 0; k < nd; k++) {
		yajl_val d;

		if (info[k].domid == 0)
			continue;
		for (j = 0; j < k; j++)
			if (memcmp(info[j].handle, info[k].handle, 16) == 0)
				return fail_run(r, what, n, "two domains share a uuid");
		if (xc_domain_getname(r->xch, info[k].domid, name, sizeof(name)) < 0)
			name[0] = '\0';
		if (aside(name))
			continue;
		d = find(doms, name);
		if (!d || !YAJL_IS_TRUE(xd_get(d, "managed"))) {
			printf("  orphan: domain %u '%s'; the daemon lists: ", info[k].domid, name);
			xd_print(doms);
			putchar('\n');
			return fail_run(r, what, n, "an orphan domain is left");
		}
	}
	return 0;
}

static int check_names_unique(yajl_val doms)
{
	size_t i, j;

	for (i = 0; i < doms->u.array.len; i++)
		for (j = 0; j < i; j++) {
			yajl_val a = xd_get(doms->u.array.values[i], "uuid");
			yajl_val b = xd_get(doms->u.array.values[j], "uuid");
			yajl_val na = xd_get(doms->u.array.values[i], "name");
			yajl_val nb = xd_get(doms->u.array.values[j], "name");

			if (strcmp(a->u.string, b->u.string) == 0 ||
			    strcmp(na->u.string, nb->u.string) == 0)
				return -1;
		}
	return 0;
}

static int check_expect(struct run *r, yajl_val doms, const struct expect *e, const char *what,
                        unsigned n)
{
	char why[128];
	int i;

	for (i = 0; i < 8 && e[i].name; i++) {
		yajl_val d = find(doms, e[i].name);
		yajl_val st = d ? xd_get(d, "state") : NULL;
		int running = st && strcmp(st->u.string, "inactive") && strcmp(st->u.string, "shutdown") &&
		              strcmp(st->u.string, "crashed");

		if (!r->done[e[i].from] || (e[i].until >= 0 && r->started[e[i].until]))
			continue;
		if ((e[i].kind == 'D' && !d) || (e[i].kind == 'R' && !running) ||
		    (e[i].kind == 'A' && d)) {
			snprintf(why, sizeof(why), "%s should be %s", e[i].name,
			         e[i].kind == 'D' ? "defined" : e[i].kind == 'R' ? "running" : "gone");
			return fail_run(r, what, n, why);
		}
	}
	return 0;
}

static int check_state(struct run *r, const struct expect *e, const char *what, unsigned n)
{
	xmctld_client *c = xmctld_client_open_path(r->sock);
	xmctld_result *res = NULL;
	yajl_val doms;
	int rc = -1;

	if (!c || xmctld_client_call(c, "domain.list", NULL, &res) < 0) {
		xmctld_client_close(c);
		return fail_run(r, what, n, "domain.list failed after the restart");
	}
	doms = xd_get(xmctld_result_value(res), "domains");
	if (!doms || !YAJL_IS_ARRAY(doms))
		fail_run(r, what, n, "domain.list has no domains");
	else if (check_names_unique(doms) < 0)
		fail_run(r, what, n, "a name or uuid is listed twice");
	else if (check_hv(r, doms, what, n) == 0 && check_expect(r, doms, e, what, n) == 0)
		rc = 0;
	xmctld_result_free(res);
	xmctld_client_close(c);
	return rc;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Back to a clean machine: no domain but 0, an empty state directory. */
static void reset(struct run *r)
{
	static xc_dominfo_t info[256];
	int k, nd = xc_domain_getinfolist(r->xch, 0, 256, info);

	for (k = 0; k < nd; k++)
		if (info[k].domid != 0)
			(void)xc_domain_destroy(r->xch, info[k].domid);
	/* No rm -rf: forking this (possibly sanitized) process is slow. */
	if (nftw(r->state, rm_one, 16, FTW_DEPTH | FTW_PHYS) < 0 && errno != ENOENT)
		fprintf(stderr, "xdcrash: cannot remove %s\n", r->state);
}
