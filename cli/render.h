/*
 * Renderers: each result struct has a text form (xm's) and a JSON form.
 * Renderers only print; the commands fetch.  Each returns 0, or -1 when
 * the output could not be written (reported by the caller).
 */
#ifndef XMCTL_RENDER_H
#define XMCTL_RENDER_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/utsname.h>
#include "dominfo.h"
#include "runrec.h"

/* One domain as `list` shows it; rec is set for -l when a runtime record exists. */
struct dom_view {
	struct dom_record r;
	const struct runrec *rec;    /* NULL: no record (not created by xmctl) */
	bool inactive;               /* a managed domain that is not running (daemon path) */
	double start_time;           /* seconds since the epoch, < 0 when unknown */
	double up_time;              /* seconds, < 0 when unknown */
};

int render_list_text(const struct dom_view *v, size_t n, FILE *out);
int render_list_long_text(const struct dom_view *v, size_t n, FILE *out);
int render_list_json(const struct dom_view *v, size_t n, bool lng, FILE *out);

int render_uptime_text(const struct dom_view *v, size_t n, bool shrt, FILE *out);
int render_uptime_json(const struct dom_view *v, size_t n, FILE *out);

struct vcpu_row {
	uint32_t domid;
	const char *name;
	uint32_t vcpu;
	xc_vcpuinfo_t info;
	uint64_t affinity;
};
int render_vcpus_text(const struct vcpu_row *r, size_t n, uint32_t nr_cpus, FILE *out);
int render_vcpus_json(const struct vcpu_row *r, size_t n, FILE *out);

struct host_info {
	struct utsname uts;
	xc_physinfo_t phys;
	unsigned xen_major, xen_minor;
	char xen_extra[XC_EXTRAVERSION_LEN];
	char xen_caps[XC_CAPABILITIES_LEN];
	char changeset[XC_CHANGESET_LEN];
	xc_compile_info_t cc;
	unsigned pagesize;
	uint32_t sched_id;
	uint64_t largest_free_pages;  /* the largest free block: the biggest RMA possible */
	uint32_t nr_domains;
};
int render_info_text(const struct host_info *h, FILE *out);
int render_info_json(const struct host_info *h, FILE *out);

#endif /* XMCTL_RENDER_H */
