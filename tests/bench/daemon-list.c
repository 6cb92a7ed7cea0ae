/*
 * domain.list through xmctld with 1000 domains (target p50 <= 10 ms),
 * against the hypervisor's own getdomaininfolist of the same domains
 * through libxc-ppc in the same run.  Half the domains are managed by the
 * daemon (created through it), half were created behind its back, as
 * other tools would.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include <xenctrl.h>

#include "daemon-fix.h"

#define MANY 1000
#define REPS 50
/* 1000 64 MiB RMAs and dom0, sparse. */
#define MACHINE "80G"

static int populate(struct dfix *f, xc_interface *xch)
{
	char p[1024], name[32];
	uuid_t u;
	uint32_t domid;
	int i;

	for (i = 0; i < MANY; i++) {
		if (i % 2) {
			snprintf(p, sizeof(p), "{\"config\":{\"name\":\"m%d\",\"memory\":64,"
			         "\"kernel\":\"%s\"}}", i, f->kernel);
			if (dfix_call(f, "domain.create", p) < 0)
				return -1;
			continue;
		}
		uuid_generate_random(u);
		snprintf(name, sizeof(name), "u%d", i);
		domid = 0;
		if (xc_domain_create(xch, 0, u, 0, 26, &domid) < 0 ||
		    xc_domain_setname(xch, domid, name) < 0)
			return -1;
	}
	return 0;
}

/* Request to last byte of the reply on a raw socket: what the daemon costs. */
static int raw_list(struct dfix *f)
{
	static const char req[] = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"domain.list\"}\n";
	static char buf[1 << 20];
	static int fd = -1;
	size_t got = 0;

	if (fd < 0 && (fd = xd_connect(f->sock)) < 0)
		return -1;
	if (write(fd, req, sizeof(req) - 1) != (ssize_t)sizeof(req) - 1)
		return -1;
	for (;;) {
		ssize_t n = read(fd, buf + got, sizeof(buf) - got);

		if (n <= 0)
			return -1;
		got += (size_t)n;
		if (buf[got - 1] == '\n')
			return 0;
		if (got == sizeof(buf))
			got = 0;
	}
}

int main(void)
{
	static uint64_t tl[REPS], th[REPS], tp[REPS];
	static xc_dominfo_t info[MANY + 1];
	xc_interface *xch = NULL;
	struct dfix f;
	int i, rc = 1;

	if (dfix_start(&f, MACHINE, 1) < 0 || !(xch = xc_interface_open_rundir(f.hv.rundir, NULL, 0)) ||
	    populate(&f, xch) < 0)
		goto out;
	for (i = 0; i < REPS; i++) {
		uint64_t t0 = dfix_now_ns();

		if (xc_domain_getinfolist(xch, 0, MANY + 1, info) != MANY + 1)
			goto out;
		th[i] = dfix_now_ns() - t0;
	}
	dfix_call(&f, "domain.list", NULL);      /* the first list learns the names */
	for (i = 0; i < REPS; i++) {
		uint64_t t0 = dfix_now_ns();

		if (raw_list(&f) < 0)
			goto out;
		tl[i] = dfix_now_ns() - t0;
		t0 = dfix_now_ns();
		if (dfix_call(&f, "domain.list", NULL) < 0)
			goto out;
		tp[i] = dfix_now_ns() - t0;
	}
	printf("libxc getdomaininfolist, %d domains: p50 %.2f ms\n", MANY + 1,
	       dfix_pct_us(th, REPS, 50) / 1e3);
	printf("xmctld domain.list, %d domains:      p50 %.2f ms, p99 %.2f ms (target <= 10 ms)\n",
	       MANY + 1, dfix_pct_us(tl, REPS, 50) / 1e3, dfix_pct_us(tl, REPS, 99) / 1e3);
	printf("  ... plus parsing the reply in the client module: p50 %.2f ms\n",
	       dfix_pct_us(tp, REPS, 50) / 1e3);
	rc = 0;
out:
	xc_interface_close(xch);
	dfix_stop(&f);
	return rc;
}
