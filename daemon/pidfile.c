/*
 * The pid file (pidfile.h).  The lock, not the file's existence, says
 * whether a daemon runs: a daemon killed with SIGKILL leaves the file but
 * its lock dies with it, so the next start takes over without help.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "pidfile.h"

static int pid_fd = -1;
static char pid_path[PATH_MAX];

int pidfile_update(void)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%ld\n", (long)getpid());

	if (ftruncate(pid_fd, 0) < 0 || pwrite(pid_fd, buf, (size_t)n, 0) != n)
		return -errno;
	return 0;
}

int pidfile_create(const char *path)
{
	struct flock fl;

	if (strlen(path) >= sizeof(pid_path))
		return -ENAMETOOLONG;
	pid_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (pid_fd < 0)
		return -errno;
	memset(&fl, 0, sizeof(fl));
	fl.l_type = F_WRLCK;
	fl.l_whence = SEEK_SET;
	if (fcntl(pid_fd, F_SETLK, &fl) < 0) {
		int rc = (errno == EAGAIN || errno == EACCES) ? -EEXIST : -errno;

		close(pid_fd);
		pid_fd = -1;
		return rc;
	}
	strcpy(pid_path, path);
	return pidfile_update();
}

void pidfile_remove(void)
{
	if (pid_fd < 0)
		return;
	(void)unlink(pid_path);
	close(pid_fd);
	pid_fd = -1;
}
