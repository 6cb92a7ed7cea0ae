/* `list` on the daemon path (list_daemon.c). */
#ifndef XMCTL_LIST_DAEMON_H
#define XMCTL_LIST_DAEMON_H

#include "render.h"

/*
 * The domains named in argv[optind..] (or all, managed inactive ones
 * included) as views; with lng, recs holds their configs.  The caller
 * frees *views and *recs.  0, or -1 (reported).
 */
int list_daemon_views(struct xmctl *x, int argc, char **argv, bool lng,
                      struct dom_view **views, struct runrec **recs, size_t *n);

#endif /* XMCTL_LIST_DAEMON_H */
