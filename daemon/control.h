/*
 * The control socket: creation with its mode and owner, and accept with
 * the SO_PEERCRED authority check (OpenBSD vmd's control.c is the model).
 */
#ifndef XMCTLD_CONTROL_H
#define XMCTLD_CONTROL_H

#include <sys/types.h>

struct control_opts {
	const char *path;       /* socket path */
	uid_t allow_uid;        /* besides root, may call mutating methods */
	int has_group;          /* the socket is 0660 and group may read */
	gid_t group;
};

/*
 * Create, bind (as PATH.tmp), listen, set owner and mode, rename to PATH,
 * and start accepting.  0 or negative errno.
 */
int control_open(const struct control_opts *o);
/* Stop listening and unlink the socket. */
void control_close(void);
/* Called when a connection closes: resume accepting if it was paused. */
void control_resume(void);

#endif /* XMCTLD_CONTROL_H */
