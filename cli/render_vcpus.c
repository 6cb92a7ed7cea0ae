/*
 * `vcpu-list` output: xm's table, or JSON.
 */
#include <stdio.h>
#include "jw.h"
#include "render.h"

/* xm's affinity column: "any cpu" when every host cpu is allowed, else ranges. */
static void affinity_text(uint64_t map, uint32_t nr_cpus, char buf[DOMCONFIG_CPUS_MAX])
{
	uint64_t all = nr_cpus >= 64 ? ~(uint64_t)0 : (((uint64_t)1 << nr_cpus) - 1);

	if (nr_cpus > 0 && (map & all) == all)
		snprintf(buf, DOMCONFIG_CPUS_MAX, "any cpu");
	else if ((map & all) == 0)
		snprintf(buf, DOMCONFIG_CPUS_MAX, "no cpus");
	else
		domconfig_format_cpus(map & all, buf);
}

/* xm's vcpu state: r/- running, b/- blocked, then '-'; "--p" when offline. */
static void vcpu_state(const xc_vcpuinfo_t *v, char s[4])
{
	s[0] = v->online ? (v->running ? 'r' : '-') : '-';
	s[1] = v->online ? (v->blocked ? 'b' : '-') : '-';
	s[2] = v->online ? '-' : 'p';
	s[3] = '\0';
}

int render_vcpus_text(const struct vcpu_row *r, size_t n, uint32_t nr_cpus, FILE *out)
{
	fprintf(out, "%-32s %5s %5s %5s %5s %9s %s\n", "Name", "ID", "VCPU", "CPU", "State",
	        "Time(s)", "CPU Affinity");
	for (size_t i = 0; i < n; i++) {
		char aff[DOMCONFIG_CPUS_MAX], st[4], cpu[16];

		affinity_text(r[i].affinity, nr_cpus, aff);
		vcpu_state(&r[i].info, st);
		if (r[i].info.online)
			snprintf(cpu, sizeof(cpu), "%u", r[i].info.cpu);
		else
			snprintf(cpu, sizeof(cpu), "-");
		fprintf(out, "%-32s %5u %5u %5s %5s  %8.1f %s\n", r[i].name, r[i].domid, r[i].vcpu,
		        cpu, st, (double)r[i].info.cpu_time / 1e9, aff);
	}
	return ferror(out) ? -1 : 0;
}

int render_vcpus_json(const struct vcpu_row *r, size_t n, FILE *out)
{
	struct jw j;

	if (!jw_init(&j))
		return -1;
	jw_arr_open(&j, NULL);
	for (size_t i = 0; i < n; i++) {
		char aff[DOMCONFIG_CPUS_MAX];

		domconfig_format_cpus(r[i].affinity, aff);
		jw_obj_open(&j, NULL);
		jw_str(&j, "name", r[i].name);
		jw_uint(&j, "domid", r[i].domid);
		jw_uint(&j, "vcpu", r[i].vcpu);
		jw_bool(&j, "online", r[i].info.online);
		jw_bool(&j, "running", r[i].info.running);
		jw_bool(&j, "blocked", r[i].info.blocked);
		jw_uint(&j, "cpu", r[i].info.cpu);
		jw_double(&j, "cpu_time", (double)r[i].info.cpu_time / 1e9);
		jw_str(&j, "affinity", aff);
		jw_obj_close(&j);
	}
	jw_arr_close(&j);
	return jw_finish(&j, out);
}
