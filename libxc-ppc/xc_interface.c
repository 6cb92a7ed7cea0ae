/*
 * Opening and closing a control handle: find the run directory, connect
 * through the transport, set up the window allocator.
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

/* Explicit argument, then $XENPPC_RUNDIR, then the documented default. */
static const char *pick_rundir(const char *rundir)
{
	const char *env;

	if (rundir && *rundir)
		return rundir;
	env = getenv(XC_RUNDIR_ENV);
	if (env && *env)
		return env;
	return XC_DEFAULT_RUNDIR;
}

/* Report an open failure to the logger only: there is no handle yet. */
static void open_failed(const xc_logger *logger, const char *msg)
{
	if (logger && logger->log && XC_LOG_ERROR >= logger->min_level)
		logger->log(logger->arg, XC_LOG_ERROR, msg);
}

xc_interface *xc_interface_open_rundir(const char *rundir,
				       const xc_logger *logger, unsigned int flags)
{
	char err[XC_MAX_ERROR_MSG_LEN] = "";
	xc_interface *xch;
	int rc;

	rundir = pick_rundir(rundir);
	if (flags != 0 || strlen(rundir) > XC_RUNDIR_MAX) {
		rc = flags ? -EINVAL : -ENAMETOOLONG;
		open_failed(logger, flags ? "xc_interface_open: unknown flags"
				    : "xc_interface_open: run directory path too long");
		errno = -rc;
		return NULL;
	}
	xch = calloc(1, sizeof(*xch));
	if (!xch) {
		open_failed(logger, "xc_interface_open: out of memory");
		errno = ENOMEM;
		return NULL;
	}
	strcpy(xch->rundir, rundir);
	if (logger && logger->log) {
		xch->logger = *logger;
		xch->have_logger = 1;
	}
	rc = xc_transport_open(rundir, &xch->tp, err, sizeof(err));
	if (rc == 0) {
		rc = xc_window_alloc_init(xch);
		if (rc < 0)
			strcpy(err, "out of memory");
	}
	if (rc < 0) {
		open_failed(logger, err);
		xc_transport_close(xch->tp);
		free(xch);
		errno = -rc;
		return NULL;
	}
	return xch;
}

xc_interface *xc_interface_open(const xc_logger *logger, unsigned int flags)
{
	return xc_interface_open_rundir(NULL, logger, flags);
}

int xc_interface_close(xc_interface *xch)
{
	int rc;

	if (!xch)
		return 0;
	xc_window_alloc_fini(xch);
	xc_foreign_unmap_all(xch);
	rc = xc_transport_close(xch->tp);
	free(xch);
	return rc;
}

const char *xc_interface_rundir(const xc_interface *xch)
{
	return xch->rundir;
}
