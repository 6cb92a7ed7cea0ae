/*
 * list-domains: print the hypervisor's domains the way `xm list` does,
 * using only the installed libxc-ppc.  Build it with
 *
 *   cc -o list-domains list-domains.c $(pkg-config --cflags --libs libxc-ppc)
 *
 * and run it with XENPPC_RUNDIR naming the hypervisor's run directory (or
 * give the directory as the only argument).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenppc/xenctrl.h>

/* Domains listed at most; more than a small host runs. */
#define MAX_DOMAINS 4096

/* xm's state column: running, blocked, paused, shutdown, crashed, dying. */
static void state(const xc_dominfo_t *d, char out[7])
{
	out[0] = d->running ? 'r' : '-';
	out[1] = d->blocked ? 'b' : '-';
	out[2] = d->paused ? 'p' : '-';
	out[3] = d->shutdown ? 's' : '-';
	out[4] = d->crashed ? 'c' : '-';
	out[5] = d->dying ? 'd' : '-';
	out[6] = '\0';
}

int main(int argc, char **argv)
{
	xc_interface *xch = xc_interface_open_rundir(argc > 1 ? argv[1] : NULL, NULL, 0);
	static xc_dominfo_t info[MAX_DOMAINS];
	char name[XC_DOMAIN_NAME_MAX], st[7];
	int n;

	if (!xch) {
		fprintf(stderr, "list-domains: cannot open the hypervisor: %s\n",
			xc_strerror(NULL, errno));
		return 1;
	}
	n = xc_domain_getinfolist(xch, 0, MAX_DOMAINS, info);
	if (n < 0) {
		fprintf(stderr, "list-domains: %s\n", xc_get_last_error(xch)->message);
		xc_interface_close(xch);
		return 1;
	}
	printf("%-40s %3s %5s %5s %10s %9s\n", "Name", "ID", "Mem", "VCPUs", "State", "Time(s)");
	for (int i = 0; i < n; i++) {
		if (xc_domain_getname(xch, info[i].domid, name, sizeof(name)) < 0 || !name[0])
			snprintf(name, sizeof(name), info[i].domid ? "Domain-%u" : "Domain-0",
				 info[i].domid);
		state(&info[i], st);
		printf("%-40s %3u %5llu %5u %10s %9.1f\n", name, info[i].domid,
		       (unsigned long long)(info[i].nr_pages >> (20 - XEN_PAGE_SHIFT)),
		       info[i].nr_online_vcpus, st, (double)info[i].cpu_time / 1e9);
	}
	xc_interface_close(xch);
	return 0;
}
