/*
 * xg_err: the error record of the builder's pure-data helpers.
 *
 * ELF parsing, gunzip, the FDT writers and the save-stream codec work on
 * bytes only, so that unit tests can drive them without a hypervisor.  They
 * report failure as a negative errno plus a message naming the problem; the
 * entry points (xc_ppc_build, xc_domain_save/restore) copy that into the
 * handle's per-handle error.  Nothing here prints.
 */
#ifndef XG_ERR_H
#define XG_ERR_H

#include <stdarg.h>

/* Long enough for "kernel: segment 3 [0x...-0x...) lies ..." with a path. */
#define XG_ERR_MSG_MAX 512

struct xg_err {
	int code;                    /* negative errno, 0 when no error */
	char msg[XG_ERR_MSG_MAX];
};

/* Record an error and return code (a negative errno) for tail calls. */
int xg_err_set(struct xg_err *e, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Prefix an existing message with context ("kernel: ", "initrd: "), keeping
 * the code; returns the code.
 */
int xg_err_prefix(struct xg_err *e, const char *prefix);

#endif /* XG_ERR_H */
