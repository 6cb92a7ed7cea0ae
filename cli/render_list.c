/*
 * `list` and `uptime` output: xm's columns as text, or JSON.
 */
#include <math.h>
#include <string.h>
#include <time.h>
#include <uuid/uuid.h>
#include "jw.h"
#include "render.h"

/* xm 3.0's brief list: "%-40s %3s %5s %5s %10s %9s". */
int render_list_text(const struct dom_view *v, size_t n, FILE *out)
{
	fprintf(out, "%-40s %3s %5s %5s %10s %9s\n", "Name", "ID", "Mem", "VCPUs", "State",
	        "Time(s)");
	for (size_t i = 0; i < n; i++) {
		const xc_dominfo_t *d = &v[i].r.info;
		char state[7];

		char id[16] = "";

		dom_state_letters(d, state);
		if (!v[i].inactive)   /* xm left the id of a managed, halted domain empty */
			snprintf(id, sizeof(id), "%u", d->domid);
		fprintf(out, "%-40s %3s %5llu %5u %10s %8.1f\n", v[i].r.name, id,
		        (unsigned long long)dom_mem_mib(d), d->nr_online_vcpus, state,
		        (double)d->cpu_time / 1e9);
	}
	return ferror(out) ? -1 : 0;
}

static void sxp_str(FILE *out, const char *key, const char *v)
{
	if (v[0] != '\0')
		fprintf(out, "    (%s %s)\n", key, v);
}

/* The config part of `list -l`, in xm's SXP shape. */
static void long_config(const struct domconfig *c, FILE *out)
{
	char cpus[DOMCONFIG_CPUS_MAX];

	fprintf(out, "    (maxmem %llu)\n", (unsigned long long)c->maxmem_mib);
	if (c->has_cpus) {
		domconfig_format_cpus(c->cpumap, cpus);
		fprintf(out, "    (cpus %s)\n", cpus);
	}
	fprintf(out, "    (rma %llu)\n", (unsigned long long)domconfig_rma_mib(c));
	fprintf(out, "    (on_poweroff %s)\n    (on_reboot %s)\n    (on_crash %s)\n",
	        domconfig_action_name(c->on_poweroff), domconfig_action_name(c->on_reboot),
	        domconfig_action_name(c->on_crash));
	fprintf(out, "    (image\n        (linux\n            (kernel %s)\n", c->kernel);
	if (c->ramdisk[0])
		fprintf(out, "            (ramdisk %s)\n", c->ramdisk);
	if (c->root[0])
		fprintf(out, "            (root %s)\n", c->root);
	if (c->extra[0])
		fprintf(out, "            (args '%s')\n", c->extra);
	fprintf(out, "        )\n    )\n");
	for (unsigned i = 0; i < c->nr_disks; i++)
		fprintf(out, "    (device\n        (vbd\n            (uname %s:%s)\n"
		        "            (dev %s%s)\n            (mode %s)\n        )\n    )\n",
		        c->disk[i].type, c->disk[i].target, c->disk[i].vdev,
		        c->disk[i].cdrom ? ":cdrom" : "", domconfig_disk_mode_name(c->disk[i].mode));
	for (unsigned i = 0; i < c->nr_vifs; i++) {
		const struct domconfig_vif *f = &c->vif[i];

		fprintf(out, "    (device\n        (vif\n");
		if (f->mac[0]) fprintf(out, "            (mac %s)\n", f->mac);
		if (f->bridge[0]) fprintf(out, "            (bridge %s)\n", f->bridge);
		if (f->ip[0]) fprintf(out, "            (ip '%s')\n", f->ip);
		if (f->vifname[0]) fprintf(out, "            (vifname %s)\n", f->vifname);
		if (f->model[0]) fprintf(out, "            (model %s)\n", f->model);
		if (f->script[0]) fprintf(out, "            (script %s)\n", f->script);
		fprintf(out, "        )\n    )\n");
	}
}

/* `list -l`: the full record of each domain, as xm's SXP. */
int render_list_long_text(const struct dom_view *v, size_t n, FILE *out)
{
	for (size_t i = 0; i < n; i++) {
		const xc_dominfo_t *d = &v[i].r.info;
		char state[7], uuid[37];

		dom_state_letters(d, state);
		uuid_unparse_lower(d->handle, uuid);
		if (v[i].inactive)
			fprintf(out, "(domain\n    (uuid %s)\n", uuid);
		else
			fprintf(out, "(domain\n    (domid %u)\n    (uuid %s)\n", d->domid, uuid);
		sxp_str(out, "name", v[i].r.name);
		fprintf(out, "    (memory %llu)\n    (vcpus %u)\n    (online_vcpus %u)\n"
		        "    (state %s)\n    (cpu_time %.9f)\n",
		        (unsigned long long)dom_mem_mib(d), d->max_vcpu_id + 1, d->nr_online_vcpus,
		        state, (double)d->cpu_time / 1e9);
		if (d->shutdown || d->crashed)
			fprintf(out, "    (shutdown_reason %u)\n", d->shutdown_reason);
		if (v[i].up_time >= 0)
			fprintf(out, "    (up_time %.2f)\n", v[i].up_time);
		if (v[i].start_time >= 0)
			fprintf(out, "    (start_time %.2f)\n", v[i].start_time);
		if (v[i].rec != NULL)
			long_config(&v[i].rec->cfg, out);
		fprintf(out, ")\n");
	}
	return ferror(out) ? -1 : 0;
}

static void json_dom(struct jw *j, const struct dom_view *v, bool lng)
{
	const xc_dominfo_t *d = &v->r.info;
	char state[7], uuid[37];

	dom_state_letters(d, state);
	uuid_unparse_lower(d->handle, uuid);
	jw_obj_open(j, NULL);
	jw_str(j, "name", v->r.name);
	if (v->inactive)
		jw_str(j, "domid", NULL);
	else
		jw_uint(j, "domid", d->domid);
	jw_str(j, "uuid", uuid);
	jw_uint(j, "memory", dom_mem_mib(d));
	jw_uint(j, "maxmem", d->max_memkb / 1024);
	jw_uint(j, "vcpus", d->nr_online_vcpus);
	jw_uint(j, "max_vcpus", d->max_vcpu_id + 1);
	jw_str(j, "state", state);
	jw_str(j, "status", dom_state_word(d));
	jw_double(j, "cpu_time", (double)d->cpu_time / 1e9);
	if (lng) {
		if (d->shutdown || d->crashed)
			jw_uint(j, "shutdown_reason", d->shutdown_reason);
		if (v->up_time >= 0)
			jw_double(j, "up_time", v->up_time);
		if (v->start_time >= 0)
			jw_double(j, "start_time", v->start_time);
		if (v->rec != NULL)
			jw_raw_status(j, domconfig_gen_json(&v->rec->cfg, jw_raw(j, "config")));
	}
	jw_obj_close(j);
}

int render_list_json(const struct dom_view *v, size_t n, bool lng, FILE *out)
{
	struct jw j;

	if (!jw_init(&j))
		return -1;
	jw_arr_open(&j, NULL);
	for (size_t i = 0; i < n; i++)
		json_dom(&j, &v[i], lng);
	jw_arr_close(&j);
	return jw_finish(&j, out);
}

/* xm's "[N day[s], ]HH:MM:SS" (or HH:MM in the short form). */
static void format_uptime(double up, bool shrt, char *buf, size_t size)
{
	long long t = up < 0 ? 0 : llround(up);
	long long days = t / 86400, hours = t % 86400 / 3600, mins = t % 3600 / 60;
	int off = 0;

	if (days > 0)
		off = snprintf(buf, size, "%lld day%s, ", days, days > 1 ? "s" : "");
	if (shrt)
		snprintf(buf + off, size - (size_t)off, "%2lld:%02lld", hours, mins);
	else
		snprintf(buf + off, size - (size_t)off, "%2lld:%02lld:%02lld", hours, mins, t % 60);
}

int render_uptime_text(const struct dom_view *v, size_t n, bool shrt, FILE *out)
{
	char up[64], now[16];
	time_t t = time(NULL);
	struct tm tm;

	strftime(now, sizeof(now), "%H:%M:%S", localtime_r(&t, &tm));
	if (!shrt)
		fprintf(out, "%-33s %4s %s \n", "Name", "ID", "Uptime");
	for (size_t i = 0; i < n; i++) {
		format_uptime(v[i].up_time, shrt, up, sizeof(up));
		if (shrt)
			fprintf(out, " %s up %s, %s (%u)\n", now, up, v[i].r.name, v[i].r.info.domid);
		else
			fprintf(out, "%-32s %5u %s\n", v[i].r.name, v[i].r.info.domid, up);
	}
	return ferror(out) ? -1 : 0;
}

int render_uptime_json(const struct dom_view *v, size_t n, FILE *out)
{
	struct jw j;

	if (!jw_init(&j))
		return -1;
	jw_arr_open(&j, NULL);
	for (size_t i = 0; i < n; i++) {
		jw_obj_open(&j, NULL);
		jw_str(&j, "name", v[i].r.name);
		jw_uint(&j, "domid", v[i].r.info.domid);
		if (v[i].up_time >= 0)
			jw_double(&j, "uptime", v[i].up_time);
		else
			jw_str(&j, "uptime", NULL);
		jw_obj_close(&j);
	}
	jw_arr_close(&j);
	return jw_finish(&j, out);
}
