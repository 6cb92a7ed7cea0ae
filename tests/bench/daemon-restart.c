/*
 * Restart of xmctld with 1000 managed domains, 100 of them running, from
 * exec to the first answered ping (target <= 200 ms): reading and
 * validating 1000 records, listing the hypervisor's domains, adopting the
 * running ones.  Baseline: the same restart with an empty state directory.
 * Then the same with 900 more domains running that other tools created,
 * so that the daemon learns 1001 domain names at its start (batched,
 * xc_domain_getnamelist).
 *
 * The 1000 records are written with the daemon's own serializer rather
 * than through domain.define, which would fsync each one: setting up is
 * not what is measured.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include <xenctrl.h>

#include "daemon-fix.h"
#include "domrec.h"

#define MANY 1000
#define RUNNING 100
#define UNMANAGED 900
#define REPS 7
/* 1000 64 MiB RMAs and dom0, sparse. */
#define MACHINE "80G"

static int write_records(struct dfix *f)
{
	char path[512], json[1024];
	struct domconfig_error e;
	struct domrec r;
	int i, fd;

	snprintf(path, sizeof(path), "%s/domains", f->state);
	mkdir(f->state, 0700);
	mkdir(path, 0700);
	for (i = 0; i < MANY; i++) {
		char u[37], *xml;
		size_t len;

		memset(&r, 0, sizeof(r));
		snprintf(json, sizeof(json), "{\"name\":\"r%d\",\"memory\":64,\"kernel\":\"%s\","
		         "\"disk\":[{\"type\":\"phy\",\"target\":\"/dev/vg/r%d\",\"vdev\":\"xvda1\","
		         "\"mode\":\"w\",\"cdrom\":false}]}", i, f->kernel, i);
		if (domconfig_from_json(&r.cfg, json, strlen(json), &e) < 0)
			return -1;
		uuid_generate_random(r.cfg.uuid);
		r.cfg.has_uuid = true;
		r.persistent = true;
		xml = domrec_to_xml(&r, &len);
		uuid_unparse_lower(r.cfg.uuid, u);
		snprintf(path, sizeof(path), "%s/domains/%s.xml", f->state, u);
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (!xml || fd < 0 || write(fd, xml, len) != (ssize_t)len)
			return -1;
		close(fd);
		free(xml);
	}
	return 0;
}

/*
 * Stop, restart and time exec -> first answered ping; also the CPU time
 * the daemon used to get there (the wall time depends on the machine's
 * load, the CPU time does not).
 */
static int restarts(struct dfix *f, uint64_t *t, double *cpu)
{
	int i;

	*cpu = 1e9;
	for (i = 0; i < REPS; i++) {
		uint64_t t0;
		double c;

		dfix_daemon_stop(f);
		t0 = dfix_now_ns();
		if (dfix_daemon_start(f) < 0)
			return -1;
		t[i] = dfix_now_ns() - t0;
		c = dfix_daemon_cpu_ms(f);
		if (c < *cpu)
			*cpu = c;
	}
	return 0;
}

/* Domains created behind the daemon's back, named as other tools name them. */
static int create_unmanaged(struct dfix *f)
{
	xc_interface *xch = xc_interface_open_rundir(f->hv.rundir, NULL, 0);
	char name[32];
	uint32_t domid;
	uuid_t u;
	int i, rc = 0;

	for (i = 0; xch && rc == 0 && i < UNMANAGED; i++) {
		uuid_generate_random(u);
		snprintf(name, sizeof(name), "u%d", i);
		domid = 0;
		rc = xc_domain_create(xch, 0, u, 0, 26, &domid);
		if (rc == 0)
			rc = xc_domain_setname(xch, domid, name);
	}
	xc_interface_close(xch);
	return xch && rc == 0 ? 0 : -1;
}

int main(void)
{
	static uint64_t t0s[REPS], t1s[REPS], t2s[REPS];
	double c0, c1, c2;
	char p[64];
	struct dfix f;
	int i, rc = 1;

	if (dfix_start(&f, MACHINE, 1) < 0 || restarts(&f, t0s, &c0) < 0)
		goto out;
	dfix_daemon_stop(&f);
	if (write_records(&f) < 0 || dfix_daemon_start(&f) < 0)
		goto out;
	for (i = 0; i < RUNNING; i++) {
		snprintf(p, sizeof(p), "{\"dom\":\"r%d\"}", i);
		if (dfix_call(&f, "domain.start", p) < 0)
			goto out;
	}
	if (restarts(&f, t1s, &c1) < 0 || create_unmanaged(&f) < 0 || restarts(&f, t2s, &c2) < 0)
		goto out;
	printf("restart, empty state directory:            p50 %.1f ms (daemon CPU %.0f ms)\n",
	       dfix_pct_us(t0s, REPS, 50) / 1e3, c0);
	printf("restart, %d managed (%d running) domains: p50 %.1f ms, max %.1f ms (daemon CPU %.0f ms)"
	       " (target <= 200 ms)\n", MANY, RUNNING, dfix_pct_us(t1s, REPS, 50) / 1e3,
	       dfix_pct_us(t1s, REPS, 99) / 1e3, c1);
	printf("  ... and %d unmanaged running (1001 names):  p50 %.1f ms, max %.1f ms "
	       "(daemon CPU %.0f ms)\n", UNMANAGED, dfix_pct_us(t2s, REPS, 50) / 1e3,
	       dfix_pct_us(t2s, REPS, 99) / 1e3, c2);
	rc = 0;
out:
	dfix_stop(&f);
	return rc;
}
