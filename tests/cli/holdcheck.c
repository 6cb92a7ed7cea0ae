/*
 * holdcheck RUNDIR DOMID GNTDOMID: leave the machine map with a grant
 * table and a held block for `xmctl rma` to show.  Sets up two grant
 * frames for GNTDOMID, maps a page of DOMID and destroys DOMID under the
 * mapping, prints "held", and keeps the mapping until a line (or EOF)
 * arrives on stdin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <xenctrl.h>

static int domid_arg(const char *s, uint32_t *domid)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);

	*domid = (uint32_t)v;
	return *s != '\0' && *end == '\0' && v < DOMID_FIRST_RESERVED ? 0 : -1;
}

int main(int argc, char **argv)
{
	uint32_t domid, gnt;
	xc_interface *xch;
	void *m;
	char line[16];

	if (argc != 4 || domid_arg(argv[2], &domid) < 0 || domid_arg(argv[3], &gnt) < 0) {
		fprintf(stderr, "usage: holdcheck RUNDIR DOMID GNTDOMID\n");
		return 2;
	}
	if ((xch = xc_interface_open_rundir(argv[1], NULL, 0)) == NULL) {
		perror("holdcheck: xc_interface_open_rundir");
		return 1;
	}
	if (xc_gnttab_setup_table(xch, gnt, 2, NULL) < 0 ||
	    (m = xc_map_foreign_range(xch, domid, XEN_PAGE_SIZE, PROT_READ, 0)) == NULL ||
	    xc_domain_destroy(xch, domid) < 0) {
		fprintf(stderr, "holdcheck: %s\n", xc_get_last_error(xch)->message);
		xc_interface_close(xch);
		return 1;
	}
	printf("held\n");
	fflush(stdout);
	(void)fgets(line, sizeof(line), stdin);
	int rc = xc_unmap_foreign_range(xch, m, XEN_PAGE_SIZE);
	xc_interface_close(xch);
	return rc < 0;
}
