/* xg_err: error records of the builder's pure-data helpers (see xg_err.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "xg_err.h"

int xg_err_set(struct xg_err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int xg_err_prefix(struct xg_err *e, const char *prefix)
{
	char old[XG_ERR_MSG_MAX];

	if (e == NULL)
		return -1;
	memcpy(old, e->msg, sizeof(old));
	snprintf(e->msg, sizeof(e->msg), "%s%s", prefix, old);
	return e->code;
}
