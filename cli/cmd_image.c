/*
 * save and restore.  The save stream is libxc-ppc's (SAVE-FORMAT.md); the
 * domain's config stays in its runtime record, keyed by UUID, so restore
 * gets disks, vifs and policies back.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xenguest.h>
#include "dominfo.h"
#include "progress.h"
#include "runrec.h"
#include "xmctl.h"

/* The library's message when it names more than the errno does. */
static int fail_lib(struct xmctl *x, const char *subject, int rc)
{
	const xc_error *e = xc_get_last_error(x->xch);

	if (e->code != 0 && e->message[0] != '\0')
		return xmctl_fail(x->cmd, "%s: %s", subject, e->message);
	return xmctl_fail_xc(x, subject, rc);
}

int cmd_save(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "checkpoint", no_argument, NULL, 'c' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool checkpoint = false;
	struct dom_record d;
	struct progress p;
	uint32_t domid;
	const char *file;
	int c, fd, rc;

	while ((c = xmctl_getopt(x, argc, argv, "c", opts)) != -1) {
		if (c == 'h')
			return XMCTL_EXIT_OK;
		if (c != 'c')
			return XMCTL_EXIT_USAGE;
		checkpoint = true;
	}
	if (xmctl_nargs(x, argc, 2, 2) < 0)
		return XMCTL_EXIT_USAGE;
	file = argv[optind + 1];
	if (xmctl_lookup(x, argv[optind], &domid) < 0)
		return XMCTL_EXIT_FAIL;
	if (domid == 0)
		return xmctl_fail(x->cmd, "domain 0 cannot be saved");
	rc = dom_fetch_one(x, domid, &d);
	if (rc < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return xmctl_fail(x->cmd, "%s: %s", file, strerror(errno));
	xc_clear_last_error(x->xch);
	progress_start(&p, "Saving");
	rc = xc_domain_save(x->xch, fd, domid, checkpoint ? 0 : XC_SAVE_DESTROY, progress_update, &p);
	progress_end(&p);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc < 0) {
		unlink(file);   /* an incomplete stream could only be refused later */
		return fail_lib(x, argv[optind], rc);
	}
	/* A checkpoint leaves the domain as it was; the library left it paused. */
	if (checkpoint && !d.info.paused && (rc = xc_domain_unpause(x->xch, domid)) < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	return XMCTL_EXIT_OK;
}

/* The restored domain takes over its runtime record (same UUID), if one was kept. */
static void adopt_record(struct xmctl *x, uint32_t domid)
{
	struct runrec *rec = malloc(sizeof(*rec));
	xc_dominfo_t info;

	if (rec != NULL && xc_domain_getinfo_one(x->xch, domid, &info) == 0 &&
	    runrec_read(x->rundir, info.handle, rec) == 0) {
		rec->domid = domid;
		rec->start_time = xmctl_now();
		runrec_write(x->rundir, rec);
	}
	free(rec);
}

int cmd_restore(struct xmctl *x, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "paused", no_argument, NULL, 'p' }, { "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool paused = false;
	struct progress p;
	uint32_t domid;
	int c, fd, rc;

	while ((c = xmctl_getopt(x, argc, argv, "p", opts)) != -1) {
		if (c == 'h')
			return XMCTL_EXIT_OK;
		if (c != 'p')
			return XMCTL_EXIT_USAGE;
		paused = true;
	}
	if (xmctl_nargs(x, argc, 1, 1) < 0)
		return XMCTL_EXIT_USAGE;
	fd = open(argv[optind], O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return xmctl_fail(x->cmd, "%s: %s", argv[optind], strerror(errno));
	if (xmctl_connect(x) < 0) {
		close(fd);
		return XMCTL_EXIT_FAIL;
	}
	xc_clear_last_error(x->xch);
	progress_start(&p, "Restoring");
	rc = xc_domain_restore(x->xch, fd, &domid, 0, progress_update, &p);
	progress_end(&p);
	close(fd);
	if (rc < 0)
		return fail_lib(x, argv[optind], rc);
	adopt_record(x, domid);
	if (!paused && (rc = xc_domain_unpause(x->xch, domid)) < 0)
		return xmctl_fail_xc(x, argv[optind], rc);
	return XMCTL_EXIT_OK;
}
