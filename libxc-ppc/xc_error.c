/*
 * The per-handle last error and the optional logger (ARCHITECTURE D7,
 * STYLE 11).  The library never prints: a message goes to the handle and,
 * if the caller gave one, to its logger.
 */
#include <config.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

/*
 * Our own wording, so the messages do not depend on the C library's locale
 * and say what the value means coming from the hypervisor.
 */
static const struct { int code; const char *text; } xc_errtab[] = {
	{ 0,            "success" },
	{ EPERM,        "operation not permitted" },
	{ ENOENT,       "no such file or directory" },
	{ ESRCH,        "no such domain" },
	{ EINTR,        "interrupted" },
	{ E2BIG,        "argument list too long" },
	{ EAGAIN,       "try again" },
	{ ENOMEM,       "out of memory" },
	{ EACCES,       "permission denied (interface version mismatch?)" },
	{ EFAULT,       "bad address" },
	{ EBUSY,        "device or resource busy" },
	{ EEXIST,       "already exists" },
	{ EINVAL,       "invalid argument" },
	{ ENOSPC,       "no space left" },
	{ ERANGE,       "result out of range" },
	{ ENAMETOOLONG, "name too long" },
	{ ENOSYS,       "not implemented by the hypervisor" },
	{ ENODATA,      "no data available" },
	{ ENOBUFS,      "no buffer space available" },
	{ EPROTO,       "protocol error" },
	{ ECONNRESET,   "connection to the hypervisor lost" },
	{ ECONNREFUSED, "connection refused (is xenppc-hv running?)" },
	{ ETIMEDOUT,    "timed out" },
	{ EOVERFLOW,    "value too large" },
	{ EBADF,        "bad file descriptor" },
	{ EMFILE,       "too many open files" },
};

const char *xc_strerror(xc_interface *xch, int code)
{
	(void)xch;
	if (code < 0)
		code = -code;
	for (size_t i = 0; i < sizeof(xc_errtab) / sizeof(xc_errtab[0]); i++)
		if (xc_errtab[i].code == code)
			return xc_errtab[i].text;
	return "unknown error";
}

static void vlog(xc_interface *xch, int level, const char *fmt, va_list ap)
{
	char msg[XC_MAX_ERROR_MSG_LEN];

	if (!xch->have_logger || level < xch->logger.min_level)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	xch->logger.log(xch->logger.arg, level, msg);
}

void xc_log(xc_interface *xch, int level, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(xch, level, fmt, ap);
	va_end(ap);
}

int xc_seterror(xc_interface *xch, int code, const char *fmt, ...)
{
	va_list ap;

	if (code < 0)
		code = -code;
	if (code == 0)
		code = EINVAL;      /* a failure always carries a reason */
	xch->last_error.code = code;
	va_start(ap, fmt);
	vsnprintf(xch->last_error.message, sizeof(xch->last_error.message), fmt, ap);
	va_end(ap);
	if (xch->have_logger && XC_LOG_ERROR >= xch->logger.min_level)
		xch->logger.log(xch->logger.arg, XC_LOG_ERROR, xch->last_error.message);
	return -code;
}

const xc_error *xc_get_last_error(xc_interface *xch)
{
	return &xch->last_error;
}

void xc_clear_last_error(xc_interface *xch)
{
	xch->last_error.code = 0;
	xch->last_error.message[0] = '\0';
}

int xc_check_domid(xc_interface *xch, uint32_t domid, int allow_self)
{
	if (domid < DOMID_FIRST_RESERVED || (allow_self && domid == DOMID_SELF))
		return 0;
	return xc_seterror(xch, -EINVAL, "invalid domain id %u", domid);
}
