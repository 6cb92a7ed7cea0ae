/*
 * xg_blob: a kernel or initrd image in memory, read from a file or taken
 * from the caller, gunzipped when it starts with the gzip magic.  Both the
 * file and the decompressed result are bounded (see XC_PPC_IMAGE_MAX_BYTES).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xg_build.h"
#include "xg_gunzip.h"
#include "xg_pace.h"

static int read_all(int fd, uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = read(fd, buf + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			return -ENODATA;     /* the file shrank under us */
		done += (size_t)n;
	}
	return 0;
}

static int read_file(struct xg_blob *b, const char *path, uint64_t cap, struct xg_err *e)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return xg_err_set(e, -errno, "cannot open %s: %s", path, strerror(errno));
	if (fstat(fd, &st) < 0) {
		rc = -errno;
		close(fd);
		return xg_err_set(e, rc, "cannot stat %s: %s", path, strerror(-rc));
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return xg_err_set(e, -EINVAL, "%s is not a regular file", path);
	}
	if ((uint64_t)st.st_size > cap) {
		close(fd);
		return xg_err_set(e, -EFBIG, "%s has %" PRIu64 " bytes, above the cap of %" PRIu64,
		                  path, (uint64_t)st.st_size, cap);
	}
	b->owned = malloc(st.st_size > 0 ? (size_t)st.st_size : 1);
	if (b->owned == NULL) {
		close(fd);
		return xg_err_set(e, -ENOMEM, "out of memory reading %s", path);
	}
	rc = read_all(fd, b->owned, (size_t)st.st_size);
	close(fd);
	if (rc < 0)
		return xg_err_set(e, rc, "cannot read %s: %s", path, strerror(-rc));
	b->data = b->owned;
	b->len = (size_t)st.st_size;
	return 0;
}

int xg_blob_load(struct xg_blob *b, const char *what, const char *path,
                 const void *bytes, size_t len, uint64_t cap, uint64_t *ns,
                 struct xg_err *e)
{
	uint8_t *out;
	size_t out_len;
	uint64_t t0;
	int rc;

	memset(b, 0, sizeof(*b));
	if (path != NULL) {
		if ((rc = read_file(b, path, cap, e)) < 0)
			return xg_err_prefix(e, what[0] == 'k' ? "kernel: " : "initrd: ");
	} else {
		if ((uint64_t)len > cap)
			return xg_err_set(e, -EFBIG, "%s: %zu bytes, above the cap of %" PRIu64, what, len, cap);
		b->data = bytes;
		b->len = len;
	}
	if (!xg_is_gzip(b->data, b->len))
		return 0;
	t0 = xg_now_ns();
	rc = xg_gunzip(b->data, b->len, (size_t)cap, &out, &out_len, e);
	*ns += xg_now_ns() - t0;
	if (rc < 0)
		return xg_err_prefix(e, what[0] == 'k' ? "kernel: " : "initrd: ");
	free(b->owned);
	b->owned = out;
	b->data = out;
	b->len = out_len;
	return 0;
}

void xg_blob_free(struct xg_blob *b)
{
	free(b->owned);
	memset(b, 0, sizeof(*b));
}
