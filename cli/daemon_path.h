/*
 * xmctl's daemon path: when xmctld answers ping on RUNDIR/xmctld.sock (and
 * --direct is not given), the lifecycle commands and list go through it,
 * so the daemon sees every change and keeps its configs and policies
 * (ARCHITECTURE D6).  Commands the daemon has no method for, and every
 * command when no daemon runs, use the direct path.
 */
#ifndef XMCTL_DAEMON_PATH_H
#define XMCTL_DAEMON_PATH_H

#include <stdbool.h>
#include "domconfig.h"
#include "xmctl.h"
#include "xmctld_client.h"

/* True when the daemon is to be used: not --direct, and it answers ping. */
bool xmctl_use_daemon(struct xmctl *x);
/* For new/delete/start: the same, but explains on stderr why not. */
bool xmctl_need_daemon(struct xmctl *x);

/*
 * Calls method with params (JSON text, NULL: none).  On success *res holds
 * the reply (free with xmctld_result_free) and 0 is returned; on failure
 * "xmctl: CMD[ subject]: message" is printed and -1 returned.
 */
int xmctl_daemon_call(struct xmctl *x, const char *method, const char *params,
                      const char *subject, xmctld_result **res);
/*
 * The error line names the subject unless the daemon's message names the
 * domain itself (NO_DOMAIN, BAD_STATE): then it reads as the direct
 * path's, e.g. "xmctl: pause: domain 'web' does not exist".
 */
/* {"dom": dom} for method; 0, or -1 (reported). */
int xmctl_daemon_dom(struct xmctl *x, const char *method, const char *dom);
/* {"dom": dom, key: value} for method (domain.set_memory...); 0, or -1 (reported). */
int xmctl_daemon_dom_u64(struct xmctl *x, const char *method, const char *dom, const char *key,
                         uint64_t value);
/* {"config": cfg, "paused": paused} for domain.create / domain.define. */
int xmctl_daemon_config(struct xmctl *x, const char *method, const struct domconfig *cfg,
                        bool paused, xmctld_result **res);
/* domain.start of dom; *res as xmctl_daemon_call's. */
int xmctl_daemon_start(struct xmctl *x, const char *dom, bool paused, xmctld_result **res);
/*
 * domain.save of dom into path, which must be absolute: the daemon has
 * its own working directory.  checkpoint: leave the domain running;
 * compress: zlib page batches (XC_SAVE_COMPRESS).
 */
int xmctl_daemon_save(struct xmctl *x, const char *dom, const char *path, bool checkpoint,
                      bool compress);
/* domain.restore of the image at path (absolute); paused: leave it paused. */
int xmctl_daemon_restore(struct xmctl *x, const char *path, bool paused);

void xmctl_daemon_close(struct xmctl *x);

#endif /* XMCTL_DAEMON_PATH_H */
