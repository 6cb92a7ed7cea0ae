/*
 * Runtime records (runrec.h): one small JSON file per domain, replaced
 * with write-to-temporary + rename so a reader never sees half a record.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uuid/uuid.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>
#include "runrec.h"
#include "xenppc/xen.h"

static int record_path(const char *rundir, const uint8_t uuid[16], const char *suffix,
                       char path[RUNREC_PATH_MAX])
{
	char u[DOMCONFIG_UUID_STR];
	int n;

	uuid_unparse_lower(uuid, u);
	n = snprintf(path, RUNREC_PATH_MAX, "%s/%s/%s.json%s", rundir, RUNREC_SUBDIR, u, suffix);
	return n < 0 || n >= RUNREC_PATH_MAX ? -ENAMETOOLONG : 0;
}

/* The record as JSON text (malloc'd into *out), or a negative errno. */
static int encode(const struct runrec *r, char **out, size_t *len)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	int rc = -ENOMEM;

	if (g == NULL)
		return -ENOMEM;
	if (yajl_gen_map_open(g) == yajl_gen_status_ok &&
	    yajl_gen_string(g, (const unsigned char *)"domid", 5) == yajl_gen_status_ok &&
	    yajl_gen_integer(g, r->domid) == yajl_gen_status_ok &&
	    yajl_gen_string(g, (const unsigned char *)"start_time", 10) == yajl_gen_status_ok &&
	    yajl_gen_double(g, r->start_time) == yajl_gen_status_ok &&
	    yajl_gen_string(g, (const unsigned char *)"config", 6) == yajl_gen_status_ok &&
	    domconfig_gen_json(&r->cfg, g) == 0 &&
	    yajl_gen_map_close(g) == yajl_gen_status_ok &&
	    yajl_gen_get_buf(g, &buf, len) == yajl_gen_status_ok) {
		*out = malloc(*len);
		if (*out != NULL) {
			memcpy(*out, buf, *len);
			rc = 0;
		}
	}
	yajl_gen_free(g);
	return rc;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int runrec_write(const char *rundir, const struct runrec *r)
{
	char dir[RUNREC_PATH_MAX], tmp[RUNREC_PATH_MAX], path[RUNREC_PATH_MAX];
	char *text = NULL;
	size_t len = 0;
	int fd, rc;

	if (snprintf(dir, sizeof(dir), "%s/%s", rundir, RUNREC_SUBDIR) >= (int)sizeof(dir) ||
	    record_path(rundir, r->cfg.uuid, ".tmp", tmp) < 0 ||
	    record_path(rundir, r->cfg.uuid, "", path) < 0)
		return -ENAMETOOLONG;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -errno;
	rc = encode(r, &text, &len);
	if (rc < 0)
		return rc;
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		free(text);
		return -errno;
	}
	rc = write_all(fd, text, len);
	free(text);
	if (close(fd) < 0 && rc == 0)
		rc = -errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -errno;
	if (rc < 0)
		unlink(tmp);
	return rc;
}

static int decode(const char *text, struct runrec *r)
{
	const char *p_domid[] = { "domid", NULL }, *p_start[] = { "start_time", NULL };
	const char *p_cfg[] = { "config", NULL };
	struct domconfig_error err;
	yajl_val root = yajl_tree_parse(text, NULL, 0), v;
	int rc = -EINVAL;

	if (root == NULL)
		return -EINVAL;
	v = yajl_tree_get(root, p_domid, yajl_t_number);
	if (v != NULL && YAJL_IS_INTEGER(v) && v->u.number.i >= 0 &&
	    v->u.number.i < DOMID_FIRST_RESERVED) {
		r->domid = (uint32_t)v->u.number.i;
		v = yajl_tree_get(root, p_start, yajl_t_number);
		r->start_time = v != NULL ? YAJL_GET_DOUBLE(v) : 0;
		v = yajl_tree_get(root, p_cfg, yajl_t_object);
		if (v != NULL && domconfig_from_json_value(&r->cfg, v, &err) == 0 && r->cfg.has_uuid)
			rc = 0;
	}
	yajl_tree_free(root);
	return rc;
}

int runrec_read(const char *rundir, const uint8_t uuid[16], struct runrec *r)
{
	char path[RUNREC_PATH_MAX];
	char *text;
	ssize_t n;
	int fd, rc;

	if (record_path(rundir, uuid, "", path) < 0)
		return -ENAMETOOLONG;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? -ENOENT : -errno;
	text = malloc(RUNREC_FILE_MAX + 1);
	if (text == NULL) {
		close(fd);
		return -ENOMEM;
	}
	do
		n = read(fd, text, RUNREC_FILE_MAX + 1);
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0 || n > RUNREC_FILE_MAX) {
		free(text);
		return -EINVAL;
	}
	text[n] = '\0';
	rc = decode(text, r);
	free(text);
	return rc;
}

int runrec_remove(const char *rundir, const uint8_t uuid[16])
{
	char path[RUNREC_PATH_MAX];

	if (record_path(rundir, uuid, "", path) < 0)
		return -ENAMETOOLONG;
	if (unlink(path) < 0 && errno != ENOENT)
		return -errno;
	return 0;
}
