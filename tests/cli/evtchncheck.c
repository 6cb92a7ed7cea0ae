/*
 * evtchncheck RUNDIR DOMID: the unbound event-channel ports of a domain,
 * one "port:remote_dom" per line, for the shell tests to check which
 * domain the builder's console and store ports live in.
 */
#include <stdio.h>
#include <stdlib.h>
#include <xenctrl.h>

/* The builder's ports are the first ones allocated; no need to scan all 1024. */
#define SCAN_PORTS 64

int main(int argc, char **argv)
{
	xc_interface *xch;
	char *end;
	unsigned long domid;

	if (argc != 3 || (domid = strtoul(argv[2], &end, 10)) >= DOMID_FIRST_RESERVED || *end) {
		fprintf(stderr, "usage: evtchncheck RUNDIR DOMID\n");
		return 2;
	}
	xch = xc_interface_open_rundir(argv[1], NULL, 0);
	if (xch == NULL) {
		perror("evtchncheck: xc_interface_open_rundir");
		return 1;
	}
	for (uint32_t port = 0; port < SCAN_PORTS; port++) {
		xc_evtchn_status_t st;

		if (xc_evtchn_status(xch, (uint32_t)domid, port, &st) == 0 &&
		    st.status == EVTCHNSTAT_unbound)
			printf("%u:%u\n", port, st.remote_dom);
	}
	xc_interface_close(xch);
	return 0;
}
