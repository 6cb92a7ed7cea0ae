/*
 * The state directory (store.h).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <uuid/uuid.h>

#include "killpoint.h"
#include "log.h"
#include "store.h"

#define STORE_SUFFIX ".xml"
#define STORE_TMP_PREFIX ".tmp-"
/* Largest record file read (a full config is a few KiB). */
#define STORE_FILE_MAX (64 * 1024)

static char domdir[PATH_MAX];
static char corruptdir[PATH_MAX];
static char restore_mark[PATH_MAX];
static int domdir_fd = -1;
static unsigned corrupt_count;

unsigned store_corrupt_count(void)
{
	return corrupt_count;
}

static int mkdir_p(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	return -errno;
}

/* Remove temp files a killed daemon left; they were never renamed in. */
static void remove_temps(void)
{
	DIR *d = opendir(domdir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
		if (strncmp(e->d_name, STORE_TMP_PREFIX, strlen(STORE_TMP_PREFIX)) == 0)
			(void)unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
}

int store_init(const char *statedir)
{
	int rc;

	if ((size_t)snprintf(domdir, sizeof(domdir), "%s/domains", statedir) >= sizeof(domdir) ||
	    (size_t)snprintf(corruptdir, sizeof(corruptdir), "%s/corrupt", statedir) >=
	            sizeof(corruptdir) ||
	    (size_t)snprintf(restore_mark, sizeof(restore_mark), "%s/restore.pending", statedir) >=
	            sizeof(restore_mark))
		return -ENAMETOOLONG;
	if ((rc = mkdir_p(statedir)) < 0 || (rc = mkdir_p(domdir)) < 0 ||
	    (rc = mkdir_p(corruptdir)) < 0)
		return rc;
	if (domdir_fd >= 0)
		close(domdir_fd);
	domdir_fd = open(domdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (domdir_fd < 0)
		return -errno;
	remove_temps();
	return 0;
}

int store_restore_begin(void)
{
	int fd = open(restore_mark, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

void store_restore_end(void)
{
	if (unlink(restore_mark) < 0 && errno != ENOENT)
		log_err("removing %s: %s", restore_mark, strerror(errno));
}

int store_restore_pending(void)
{
	return access(restore_mark, F_OK) == 0;
}

static void file_name(const uint8_t uuid[16], char *buf, size_t len)
{
	char u[37];

	uuid_unparse_lower(uuid, u);
	snprintf(buf, len, "%s%s", u, STORE_SUFFIX);
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Write, fsync and rename into place; the directory fsync is the caller's. */
static int write_atomic(const char *name, const char *data, size_t len, int durable)
{
	char tmp[NAME_MAX + 1];
	int fd, rc;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s%s", STORE_TMP_PREFIX, name) >= sizeof(tmp))
		return -ENAMETOOLONG;
	fd = openat(domdir_fd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	rc = write_all(fd, data, len);
	killpoint("store.written");
	if (rc == 0 && durable && fsync(fd) < 0)
		rc = -errno;
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && renameat(domdir_fd, tmp, domdir_fd, name) < 0)
		rc = -errno;
	if (rc < 0)
		(void)unlinkat(domdir_fd, tmp, 0);
	killpoint("store.renamed");
	return rc;
}

int store_save(const struct domrec *r)
{
	char name[NAME_MAX + 1];
	size_t len = 0;
	char *xml = domrec_to_xml(r, &len);
	int rc;

	if (!xml)
		return -ENOMEM;
	file_name(r->cfg.uuid, name, sizeof(name));
	rc = write_atomic(name, xml, len, r->persistent);
	free(xml);
	if (rc == 0 && r->persistent && fsync(domdir_fd) < 0)
		rc = -errno;
	return rc;
}

int store_delete(const uint8_t uuid[16], int durable)
{
	char name[NAME_MAX + 1];

	file_name(uuid, name, sizeof(name));
	if (unlinkat(domdir_fd, name, 0) < 0 && errno != ENOENT)
		return -errno;
	killpoint("store.deleted");
	if (durable && fsync(domdir_fd) < 0)
		return -errno;
	return 0;
}

/* Move a bad file out of the way, keeping it for the administrator. */
static void move_aside(const char *name, const char *why)
{
	char dst[PATH_MAX];

	corrupt_count++;
	if ((size_t)snprintf(dst, sizeof(dst), "%s/%s.%ld", corruptdir, name, (long)time(NULL)) >=
	            sizeof(dst) ||
	    renameat(domdir_fd, name, AT_FDCWD, dst) < 0) {
		log_err("state file %s/%s is corrupt (%s) and could not be moved aside: %s",
		        domdir, name, why, strerror(errno));
		return;
	}
	log_err("state file %s/%s is corrupt (%s): moved to %s", domdir, name, why, dst);
}

/* Read a whole record file into buf (STORE_FILE_MAX bytes). */
static int read_file(const char *name, char *buf, size_t *len)
{
	int fd = openat(domdir_fd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t got = 0;
	ssize_t n;

	if (fd < 0)
		return -errno;
	while (got < STORE_FILE_MAX) {
		n = read(fd, buf + got, STORE_FILE_MAX - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	if (got == STORE_FILE_MAX)
		return -EFBIG;
	*len = got;
	return 0;
}

static int load_one(const char *name, char *buf, struct domrec *r)
{
	char why[256], expect[NAME_MAX + 1];
	size_t len = 0;
	int rc = read_file(name, buf, &len);

	if (rc < 0) {
		snprintf(why, sizeof(why), "%s", strerror(-rc));
		goto bad;
	}
	if (domrec_from_xml(buf, len, r, why, sizeof(why)) < 0)
		goto bad;
	file_name(r->cfg.uuid, expect, sizeof(expect));
	if (strcmp(expect, name) != 0) {
		snprintf(why, sizeof(why), "its uuid does not match its file name");
		goto bad;
	}
	return 0;
bad:
	move_aside(name, why);
	return -1;
}

static int is_record_name(const char *n)
{
	size_t len = strlen(n);
	char u[37];
	uuid_t id;

	if (len != 36 + strlen(STORE_SUFFIX) || strcmp(n + 36, STORE_SUFFIX) != 0)
		return 0;
	memcpy(u, n, 36);
	u[36] = '\0';
	return uuid_parse(u, id) == 0;
}

int store_load(store_fn *fn, void *arg)
{
	struct domrec *r = malloc(sizeof(*r));
	char *buf = malloc(STORE_FILE_MAX);
	DIR *d = opendir(domdir);
	struct dirent *e;
	int count = 0;

	corrupt_count = 0;
	if (!r || !buf || !d) {
		count = d ? -ENOMEM : -errno;
		goto out;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (!is_record_name(e->d_name)) {
			move_aside(e->d_name, "not a <uuid>.xml record");
			continue;
		}
		if (load_one(e->d_name, buf, r) == 0) {
			fn(r, arg);
			count++;
		}
	}
out:
	if (d)
		closedir(d);
	free(buf);
	free(r);
	return count;
}
