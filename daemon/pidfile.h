/* The pid file: created, locked for the daemon's lifetime, removed at exit. */
#ifndef XMCTLD_PIDFILE_H
#define XMCTLD_PIDFILE_H

/*
 * Create path, lock it and write our pid.  Returns 0, -EEXIST when
 * another live daemon holds the lock, or another negative errno.
 */
int pidfile_create(const char *path);
/* Rewrite the pid (after daemonizing). */
int pidfile_update(void);
void pidfile_remove(void);

#endif /* XMCTLD_PIDFILE_H */
