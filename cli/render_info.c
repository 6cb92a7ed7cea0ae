/*
 * `info` output: xm's "key : value" lines, or JSON with the same keys.
 */
#include <inttypes.h>
#include <stdio.h>
#include "jw.h"
#include "render.h"

/* One row of the info table: a key and its value as text or a number. */
struct info_row {
	const char *key;
	const char *s;               /* NULL: the value is n */
	uint64_t n;
};

static const char *sched_name(uint32_t id)
{
	return id == XEN_SCHEDULER_CREDIT ? "credit" : id == XEN_SCHEDULER_SEDF ? "sedf" : "unknown";
}

static size_t info_rows(const struct host_info *h, struct info_row *r)
{
	const uint64_t mib = 1024 * 1024 / XEN_PAGE_SIZE;
	size_t n = 0;

#define S(k, v) r[n++] = (struct info_row){ k, v, 0 }
#define N(k, v) r[n++] = (struct info_row){ k, NULL, (uint64_t)(v) }
	S("host", h->uts.nodename);
	S("release", h->uts.release);
	S("version", h->uts.version);
	S("machine", h->uts.machine);
	N("nr_cpus", h->phys.nr_cpus);
	N("nr_nodes", h->phys.nr_nodes);
	N("sockets_per_node", h->phys.sockets_per_node);
	N("cores_per_socket", h->phys.cores_per_socket);
	N("threads_per_core", h->phys.threads_per_core);
	N("cpu_mhz", h->phys.cpu_khz / 1000);
	N("total_memory", h->phys.total_pages / mib);
	N("free_memory", h->phys.free_pages / mib);
	/* Freed or (--boot-scrub) not yet brought-in memory the scrubber still owes. */
	N("scrub_memory", h->phys.scrub_pages / mib);
	N("largest_free_block", h->largest_free_pages / mib);
	N("nr_domains", h->nr_domains);
	N("xen_major", h->xen_major);
	N("xen_minor", h->xen_minor);
	S("xen_extra", h->xen_extra);
	S("xen_caps", h->xen_caps);
	N("xen_pagesize", h->pagesize);
	S("xen_scheduler", sched_name(h->sched_id));
	S("xen_changeset", h->changeset);
	S("cc_compiler", h->cc.compiler);
	S("cc_compile_by", h->cc.compile_by);
	S("cc_compile_domain", h->cc.compile_domain);
	S("cc_compile_date", h->cc.compile_date);
#undef S
#undef N
	return n;
}

#define INFO_MAX_ROWS 32

int render_info_text(const struct host_info *h, FILE *out)
{
	struct info_row r[INFO_MAX_ROWS];
	size_t n = info_rows(h, r);
	char hw[8 * 9 + 1];
	int off = 0;

	for (size_t i = 0; i < n; i++) {
		if (r[i].s != NULL)
			fprintf(out, "%-23s: %s\n", r[i].key, r[i].s);
		else
			fprintf(out, "%-23s: %" PRIu64 "\n", r[i].key, r[i].n);
		if (i == 9) {   /* xm printed hw_caps after cpu_mhz */
			for (int k = 0; k < 8; k++)
				off += snprintf(hw + off, sizeof(hw) - (size_t)off, "%s%08x", k ? ":" : "",
				                h->phys.hw_cap[k]);
			fprintf(out, "%-23s: %s\n", "hw_caps", hw);
		}
	}
	return ferror(out) ? -1 : 0;
}

int render_info_json(const struct host_info *h, FILE *out)
{
	struct info_row r[INFO_MAX_ROWS];
	size_t n = info_rows(h, r);
	struct jw j;

	if (!jw_init(&j))
		return -1;
	jw_obj_open(&j, NULL);
	for (size_t i = 0; i < n; i++) {
		if (r[i].s != NULL)
			jw_str(&j, r[i].key, r[i].s);
		else
			jw_uint(&j, r[i].key, r[i].n);
	}
	jw_arr_open(&j, "hw_caps");
	for (int k = 0; k < 8; k++)
		jw_uint(&j, NULL, h->phys.hw_cap[k]);
	jw_arr_close(&j);
	jw_obj_close(&j);
	return jw_finish(&j, out);
}
