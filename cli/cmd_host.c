/*
 * Host commands: info, dmesg, and console (a domain's console ring).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xenguest.h>
#include "dominfo.h"
#include "jw.h"
#include "render.h"
#include "xmctl.h"

/* An option loop for commands whose only options are --json and -h. */
static int json_only(struct xmctl *x, int argc, char **argv, const char *shortopts,
                     const struct option *opts, bool *json, int *flag, int flagc)
{
	int c;

	while ((c = xmctl_getopt(x, argc, argv, shortopts, opts)) != -1) {
		if (c == 'h')
			return 1;
		if (c == 'j')
			*json = true;
		else if (flag != NULL && c == flagc)
			*flag = 1;
		else
			return -1;
	}
	return 0;
}

/* The largest free block in the machine: the biggest RMA that can still be placed. */
static int largest_free(struct xmctl *x, uint64_t *pages)
{
	xc_machine_memmap_t *map;
	int rc = xc_machine_memmap(x->xch, &map);

	if (rc < 0)
		return rc;
	*pages = 0;
	for (int o = XEN_MEMMAP_MAX_ORDERS - 1; o >= 0; o--) {
		if (map->free_per_order[o] != 0) {
			*pages = (uint64_t)1 << o;
			break;
		}
	}
	xc_machine_memmap_free(map);
	return 0;
}

static int fetch_info(struct xmctl *x, struct host_info *h)
{
	struct dom_list l;
	int rc, v;

	memset(h, 0, sizeof(*h));
	if (uname(&h->uts) < 0)
		return xmctl_fail(x->cmd, "uname: %s", strerror(errno)), -1;
	if ((rc = xc_physinfo(x->xch, &h->phys)) < 0 ||
	    (rc = v = xc_version(x->xch, XENVER_version, NULL)) < 0 ||
	    (rc = xc_version(x->xch, XENVER_extraversion, h->xen_extra)) < 0 ||
	    (rc = xc_version(x->xch, XENVER_capabilities, h->xen_caps)) < 0 ||
	    (rc = xc_version(x->xch, XENVER_changeset, h->changeset)) < 0 ||
	    (rc = xc_version(x->xch, XENVER_compile_info, &h->cc)) < 0 ||
	    (rc = xc_version(x->xch, XENVER_pagesize, NULL)) < 0)
		return xmctl_fail_xc(x, "", rc), -1;
	h->pagesize = (unsigned)rc;
	h->xen_major = (unsigned)v >> 16;
	h->xen_minor = (unsigned)v & 0xffff;
	if ((rc = xc_sched_id(x->xch, &h->sched_id)) < 0 ||
	    (rc = largest_free(x, &h->largest_free_pages)) < 0)
		return xmctl_fail_xc(x, "", rc), -1;
	if (dom_fetch_all(x, &l, false) < 0)
		return -1;
	h->nr_domains = (uint32_t)l.n;
	dom_list_free(&l);
	return 0;
}

int cmd_info(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct host_info h;
	bool json = false;
	int rc = json_only(x, argc, argv, "", opts, &json, NULL, 0);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_nargs(x, argc, 0, 0) < 0)
		return XMCTL_EXIT_USAGE;
	if (xmctl_connect(x) < 0 || fetch_info(x, &h) < 0)
		return XMCTL_EXIT_FAIL;
	rc = json ? render_info_json(&h, stdout) : render_info_text(&h, stdout);
	return rc < 0 ? xmctl_fail(x->cmd, "cannot write the output") : XMCTL_EXIT_OK;
}

static int print_text(struct xmctl *x, const char *key, const char *buf, size_t len, bool json)
{
	struct jw j;
	char *s;
	int rc;

	if (!json)
		return fwrite(buf, 1, len, stdout) == len ? XMCTL_EXIT_OK
		       : xmctl_fail(x->cmd, "cannot write the output");
	s = strndup(buf, len);   /* JSON strings end at NUL; the ring holds text */
	if (s == NULL || !jw_init(&j)) {
		free(s);
		return xmctl_fail(x->cmd, "out of memory");
	}
	jw_obj_open(&j, NULL);
	jw_str(&j, key, s[0] ? s : NULL);
	jw_obj_close(&j);
	free(s);
	rc = jw_finish(&j, stdout);
	return rc < 0 ? xmctl_fail(x->cmd, "cannot write the output") : XMCTL_EXIT_OK;
}

int cmd_dmesg(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "clear", no_argument, NULL, 'c' }, { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	char *buf;
	uint32_t n = XENPPC_CONSOLE_RING_SIZE;
	bool json = false;
	int clear = 0;
	int rc = json_only(x, argc, argv, "c", opts, &json, &clear, 'c');

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_nargs(x, argc, 0, 0) < 0)
		return XMCTL_EXIT_USAGE;
	if (xmctl_connect(x) < 0)
		return XMCTL_EXIT_FAIL;
	buf = malloc(n);
	if (buf == NULL)
		return xmctl_fail(x->cmd, "out of memory");
	rc = xc_readconsolering(x->xch, buf, &n, clear);
	if (rc < 0) {
		free(buf);
		return xmctl_fail_xc(x, "", rc);
	}
	rc = print_text(x, "dmesg", buf, n, json);
	free(buf);
	return rc;
}

/*
 * A PV console page (Xen's struct xencons_interface), big-endian as the
 * guest writes it: in[1024], out[2048], then in_cons, in_prod, out_cons,
 * out_prod.  The builder puts it two pages below the RMA's top.
 */
#define CONS_OUT_OFF   1024
#define CONS_OUT_SIZE  2048
#define CONS_IDX_OFF   3072
#define CONS_PAGES_BELOW_TOP 2

static uint32_t get_be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The output the guest has produced and no console daemon has consumed. */
static int read_console(struct xmctl *x, uint32_t domid, char *text, size_t *len)
{
	xc_guest_memmap_t *map;
	uint8_t page[XEN_PAGE_SIZE];
	uint32_t cons, prod;
	int rc = xc_guest_memmap(x->xch, domid, &map);

	if (rc < 0)
		return rc;
	rc = xc_guest_memory_read(x->xch, domid,
	                          ((uint64_t)1 << map->rma_log) -
	                          CONS_PAGES_BELOW_TOP * XEN_PAGE_SIZE, page, sizeof(page));
	xc_guest_memmap_free(map);
	if (rc < 0)
		return rc;
	cons = get_be32(page + CONS_IDX_OFF + 8);
	prod = get_be32(page + CONS_IDX_OFF + 12);
	*len = 0;
	/* Indexes are free-running; a gap above the ring size means a corrupt page. */
	if (prod - cons > CONS_OUT_SIZE)
		cons = prod - CONS_OUT_SIZE;
	for (uint32_t i = cons; i != prod; i++)
		text[(*len)++] = (char)page[CONS_OUT_OFF + i % CONS_OUT_SIZE];
	return 0;
}

int cmd_console(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "quiet", no_argument, NULL, 'q' }, { "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	char text[CONS_OUT_SIZE];
	size_t len;
	uint32_t domid;
	bool json = false;
	int quiet = 0;
	int rc = json_only(x, argc, argv, "q", opts, &json, &quiet, 'q');

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_nargs(x, argc, 1, 1) < 0)
		return XMCTL_EXIT_USAGE;
	if (quiet) {
		/* xm's -q: a missing domain is only an exit status */
		if (xmctl_connect(x) < 0)
			return XMCTL_EXIT_FAIL;
		fclose(stderr);
	}
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0's console is the hypervisor's: use 'xmctl dmesg'");
	rc = read_console(x, domid, text, &len);
	if (rc < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	if (len == 0 && !json && isatty(STDOUT_FILENO))
		fprintf(stderr, "xmctl: console: %s: the console ring is empty: guest code does not "
		        "execute in xenppc-hv, so nothing is written to it\n", argv[optind]);
	return print_text(x, "console", text, len, json);
}
