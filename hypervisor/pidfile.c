#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "pidfile.h"

#define PID_TEXT_MAX 32

static int path_of(const char *rundir, char *buf, size_t len)
{
	return snprintf(buf, len, "%s/%s", rundir, HV_PIDFILE_NAME) < (int)len ? 0 : -ENAMETOOLONG;
}

static pid_t read_pid(int fd)
{
	char buf[PID_TEXT_MAX] = { 0 };
	ssize_t n = pread(fd, buf, sizeof(buf) - 1, 0);
	long v = n > 0 ? strtol(buf, NULL, 10) : 0;
	return v > 0 && v < INT_MAX ? (pid_t)v : 0;
}

int pidfile_lock(const char *rundir, int *fd, pid_t *holder)
{
	char path[PATH_MAX];
	int r = path_of(rundir, path, sizeof(path));

	*holder = 0;
	if (r != 0)
		return r;
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0)
		return -errno;
	if (flock(*fd, LOCK_EX | LOCK_NB) != 0) {
		r = errno == EWOULDBLOCK ? -EBUSY : -errno;
		*holder = read_pid(*fd);
		close(*fd);
		*fd = -1;
		return r;
	}
	return 0;
}

int pidfile_write(int fd, pid_t pid)
{
	char buf[PID_TEXT_MAX];
	int n = snprintf(buf, sizeof(buf), "%d\n", (int)pid);

	if (ftruncate(fd, 0) != 0 || pwrite(fd, buf, (size_t)n, 0) != n)
		return -errno;
	return 0;
}

void pidfile_remove(const char *rundir, int fd)
{
	char path[PATH_MAX];

	if (path_of(rundir, path, sizeof(path)) == 0)
		unlink(path);
	if (fd >= 0)
		close(fd);
}
