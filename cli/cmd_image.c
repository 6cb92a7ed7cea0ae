/*
 * save and restore.  The save stream is libxc-ppc's (SAVE-FORMAT.md).
 * With xmctld running both go through it (it keeps managed domains'
 * configs across the save); on the direct path the domain's config stays
 * in its runtime record, keyed by UUID, so restore gets disks, vifs and
 * policies back.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xenguest.h>
#include "daemon_path.h"
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

/* save's options: -c leaves the domain as it was, -z compresses the image. */
struct save_opts {
	bool checkpoint;
	bool compress;
};

/* As xmctl_flag_args: 0 with *o set, 1 after --help, -1 after a usage error. */
static int save_args(struct xmctl *x, int argc, char **argv, struct save_opts *o)
{
	static const struct option opts[] = {
		{ "checkpoint", no_argument, NULL, 'c' }, { "compress", no_argument, NULL, 'z' },
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 },
	};
	int c;

	*o = (struct save_opts){ .checkpoint = false, .compress = false };
	while ((c = xmctl_getopt(x, argc, argv, "cz", opts)) != -1) {
		switch (c) {
		case 'c': o->checkpoint = true; break;
		case 'z': o->compress = true; break;
		case 'h': return 1;
		default: return -1;
		}
	}
	return xmctl_nargs(x, argc, 2, 2);
}

/* Save through xmctld: it writes the image (path.tmp, renamed when complete). */
static int save_by_daemon(struct xmctl *x, const char *dom, const char *file,
                          const struct save_opts *o)
{
	char path[PATH_MAX];

	if (xmctl_abs_path(x, file, path, sizeof(path)) < 0 ||
	    xmctl_daemon_save(x, dom, path, o->checkpoint, o->compress) < 0)
		return XMCTL_EXIT_FAIL;
	return XMCTL_EXIT_OK;
}

/* xc_domain_save's flags: the library leaves a checkpoint paused, not destroyed. */
static unsigned int save_flags(const struct save_opts *o)
{
	return (o->checkpoint ? 0 : XC_SAVE_DESTROY) | (o->compress ? XC_SAVE_COMPRESS : 0);
}

int cmd_save(struct xmctl *x, int argc, char **argv)
{
	struct save_opts o;
	struct dom_record d;
	struct progress p;
	uint32_t domid;
	const char *file;
	int fd, rc = save_args(x, argc, argv, &o);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	file = argv[optind + 1];
	if (xmctl_use_daemon(x))
		return save_by_daemon(x, argv[optind], file, &o);
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
	rc = xc_domain_save(x->xch, fd, domid, save_flags(&o), progress_update, &p);
	progress_end(&p);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc < 0) {
		unlink(file);   /* an incomplete stream could only be refused later */
		return fail_lib(x, argv[optind], rc);
	}
	/* A checkpoint leaves the domain as it was; the library left it paused. */
	if (o.checkpoint && !d.info.paused && (rc = xc_domain_unpause(x->xch, domid)) < 0)
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

/* Restore through xmctld: a managed domain comes back under its config. */
static int restore_by_daemon(struct xmctl *x, const char *file, bool paused)
{
	char path[PATH_MAX];

	if (xmctl_abs_path(x, file, path, sizeof(path)) < 0 ||
	    xmctl_daemon_restore(x, path, paused) < 0)
		return XMCTL_EXIT_FAIL;
	return XMCTL_EXIT_OK;
}

int cmd_restore(struct xmctl *x, int argc, char **argv)
{
	bool paused;
	struct progress p;
	uint32_t domid;
	int fd, rc = xmctl_flag_args(x, argc, argv, "paused", 'p', &paused, 1, 1);

	if (rc != 0)
		return rc > 0 ? XMCTL_EXIT_OK : XMCTL_EXIT_USAGE;
	if (xmctl_use_daemon(x))
		return restore_by_daemon(x, argv[optind], paused);
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
