/*
 * The run directory's pid file doubles as its lock: a second xenppc-hv on
 * the same directory finds it locked and stops (exit status 2).  flock()
 * locks belong to the open file, so the lock survives daemonizing.
 */
#ifndef HV_PIDFILE_H
#define HV_PIDFILE_H

#include <sys/types.h>

#define HV_PIDFILE_NAME "xenppc-hv.pid"

/* 0 and *fd, -EBUSY (in use; *holder = its pid if known), or -errno. */
int pidfile_lock(const char *rundir, int *fd, pid_t *holder);
/* Record pid in the locked file: 0 or -errno. */
int pidfile_write(int fd, pid_t pid);
void pidfile_remove(const char *rundir, int fd);

#endif /* HV_PIDFILE_H */
