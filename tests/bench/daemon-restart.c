/*
 * Restart of xmctld with 1000 managed domains, 100 of them running, from
 * exec to the first answered ping (target <= 200 ms): reading and
 * validating 1000 records, listing the hypervisor's domains, adopting the
 * running ones.  Baseline: the same restart with an empty state directory.
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

#include "daemon-fix.h"
#include "domrec.h"

#define MANY 1000
#define RUNNING 100
#define REPS 7

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

int main(void)
{
	static uint64_t t0s[REPS], t1s[REPS];
	double c0, c1;
	char p[64];
	struct dfix f;
	int i, rc = 1;

	if (dfix_start(&f, "16G", 1) < 0 || restarts(&f, t0s, &c0) < 0)
		goto out;
	dfix_daemon_stop(&f);
	if (write_records(&f) < 0 || dfix_daemon_start(&f) < 0)
		goto out;
	for (i = 0; i < RUNNING; i++) {
		snprintf(p, sizeof(p), "{\"dom\":\"r%d\"}", i);
		if (dfix_call(&f, "domain.start", p) < 0)
			goto out;
	}
	if (restarts(&f, t1s, &c1) < 0)
		goto out;
	printf("restart, empty state directory:            p50 %.1f ms (daemon CPU %.0f ms)\n",
	       dfix_pct_us(t0s, REPS, 50) / 1e3, c0);
	printf("restart, %d managed (%d running) domains: p50 %.1f ms, max %.1f ms (daemon CPU %.0f ms)"
	       " (target <= 200 ms)\n", MANY, RUNNING, dfix_pct_us(t1s, REPS, 50) / 1e3,
	       dfix_pct_us(t1s, REPS, 99) / 1e3, c1);
	rc = 0;
out:
	dfix_stop(&f);
	return rc;
}
