/*
 * rma: fetch the machine memory map and the domains' names (from xmctld
 * when it runs, rma_daemon.c), derive the per-domain view, and render it
 * as a text map, JSON or SVG.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include "daemon_path.h"
#include "rma.h"
#include "xmctl.h"

const unsigned rma_logs[RMA_NR_SIZES] = { 26, 27, 28, 30, 34, 38 };

static struct rma_domain *find_dom(struct rma_view *v, uint32_t domid)
{
	for (size_t i = 0; i < v->nr_doms; i++)
		if (v->doms[i].domid == domid)
			return &v->doms[i];
	return NULL;
}

/* Free blocks of order o hold 2^(o-k) blocks of order k each. */
static void capacity(struct rma_view *v)
{
	for (size_t i = 0; i < RMA_NR_SIZES; i++) {
		unsigned k = rma_logs[i] - XEN_PAGE_SHIFT;

		for (unsigned o = k; o < XEN_MEMMAP_MAX_ORDERS; o++)
			v->capacity[i] += v->map->free_per_order[o] << (o - k);
	}
	for (int o = XEN_MEMMAP_MAX_ORDERS - 1; o >= 0; o--) {
		if (v->map->free_per_order[o] != 0) {
			v->largest_free_pages = (uint64_t)1 << o;
			break;
		}
	}
}

void rma_view_add_dom(struct rma_view *v, uint32_t domid, const char *name)
{
	static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	struct rma_domain *d = &v->doms[v->nr_doms];

	d->domid = domid;
	snprintf(d->name, sizeof(d->name), "%s", name);
	d->rma_mfn = UINT64_MAX;
	d->letter = v->nr_doms < sizeof(letters) - 1 ? letters[v->nr_doms] : '#';
	v->nr_doms++;
}

void rma_view_free(struct rma_view *v)
{
	if (v->map_ours && v->map != NULL)
		free(v->map->regions);
	if (v->map_ours)
		free(v->map);
	else
		xc_machine_memmap_free(v->map);
	free(v->doms);
	v->map = NULL;
	v->doms = NULL;
}

/* The map and the domains from the hypervisor. */
static int fetch_direct(struct xmctl *x, struct rma_view *v)
{
	struct dom_list l;
	int rc;

	memset(v, 0, sizeof(*v));
	if (xmctl_connect(x) < 0)
		return -1;
	rc = xc_machine_memmap(x->xch, &v->map);
	if (rc < 0)
		return xmctl_fail_xc(x, "", rc), -1;
	if (dom_fetch_all(x, &l, true) < 0)
		return -1;
	v->doms = calloc(l.n ? l.n : 1, sizeof(*v->doms));
	if (v->doms == NULL) {
		dom_list_free(&l);
		return xmctl_fail(x->cmd, "out of memory"), -1;
	}
	for (size_t i = 0; i < l.n; i++)
		rma_view_add_dom(v, l.d[i].info.domid, l.d[i].name);
	dom_list_free(&l);
	return 0;
}

/* Each domain's RMA, extents and pages, from the map's regions. */
static void tally(struct rma_view *v)
{
	for (uint32_t i = 0; i < v->map->nr_regions; i++) {
		const xc_memmap_region_t *r = &v->map->regions[i];
		struct rma_domain *d = rma_region_owned(r) ? find_dom(v, r->domid) : NULL;

		if (d == NULL)
			continue;
		d->pages += (uint64_t)1 << r->order;
		if (r->kind == XEN_MEMMAP_rma) {
			d->rma_mfn = r->mfn;
			d->rma_order = r->order;
		} else if (r->kind == XEN_MEMMAP_extent) {
			d->nr_extents++;
		}
	}
	capacity(v);
}

/* Through xmctld when it runs (it reads the same hypervisor), else directly. */
static int build_view(struct xmctl *x, struct rma_view *v)
{
	if ((xmctl_use_daemon(x) ? rma_fetch_daemon(x, v) : fetch_direct(x, v)) < 0)
		return -1;
	tally(v);
	return 0;
}

int cmd_rma(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "svg", required_argument, NULL, 's' }, { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	const char *svg = NULL;
	struct rma_view v;
	bool json = false;
	FILE *f;
	int c, rc;

	while ((c = xmctl_getopt(x, argc, argv, "", opts)) != -1) {
		switch (c) {
		case 's': svg = optarg; break;
		case 'j': json = true; break;
		case 'h': return XMCTL_EXIT_OK;
		default: return XMCTL_EXIT_USAGE;
		}
	}
	if (xmctl_nargs(x, argc, 0, 0) < 0)
		return XMCTL_EXIT_USAGE;
	if (build_view(x, &v) < 0) {
		rma_view_free(&v);
		return XMCTL_EXIT_FAIL;
	}
	if (svg != NULL) {
		f = fopen(svg, "w");
		rc = f == NULL ? -1 : render_rma_svg(&v, f);
		if (f != NULL && fclose(f) != 0)
			rc = -1;
		if (rc < 0)
			rc = xmctl_fail(x->cmd, "%s: %s", svg, strerror(errno));
		else if (!json)
			printf("Wrote the memory map of %zu domains to %s\n", v.nr_doms, svg);
	} else {
		rc = 0;
	}
	if (rc == 0 && (json || svg == NULL) &&
	    (json ? render_rma_json(&v, stdout) : render_rma_text(&v, stdout)) < 0)
		rc = xmctl_fail(x->cmd, "cannot write the output");
	rma_view_free(&v);
	return rc == 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_FAIL;
}
