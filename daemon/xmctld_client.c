/*
 * The xmctld client module (xmctld_client.h).  Framing is the daemon's:
 * one JSON text per line.  Replies are matched by id; the daemon answers
 * in order, so anything else before ours is a protocol error, except
 * event notifications, which a subscribed connection reads with
 * xmctld_client_next_event().
 */
#include "config.h"

#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include <yajl/yajl_gen.h>

#include "xmctld_client.h"

/* Largest reply line accepted: the daemon's own output bound. */
#define CLIENT_MAX_REPLY XMCTLD_MAX_OUTPUT
#define CLIENT_READ_CHUNK 65536
/* How long to look for a refusal after the daemon closed on us. */
#define CLIENT_REFUSAL_MS 1000

struct xmctld_client {
	int fd;
	int timeout_ms;
	unsigned long next_id;
	char *in;
	size_t in_len, in_cap;
	struct xmctld_client_error err;
};

struct xmctld_result {
	yajl_val root;
	yajl_val value;
};

static int fail(xmctld_client *c, int rc, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static int fail(xmctld_client *c, int rc, int code, const char *fmt, ...)
{
	va_list ap;

	c->err.code = code;
	va_start(ap, fmt);
	vsnprintf(c->err.message, sizeof(c->err.message), fmt, ap);
	va_end(ap);
	return rc;
}

int xmctld_client_socket_path(const char *rundir, char *buf, size_t len)
{
	int n = snprintf(buf, len, "%s/%s", rundir, XMCTLD_SOCKET_NAME);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

xmctld_client *xmctld_client_open_path(const char *path)
{
	struct sockaddr_un sa;
	xmctld_client *c;
	int e;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(path) >= sizeof(sa.sun_path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	strcpy(sa.sun_path, path);
	c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->timeout_ms = XMCTLD_CLIENT_TIMEOUT_MS;
	c->next_id = 1;
	c->fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		e = errno;
		if (c->fd >= 0)
			close(c->fd);
		free(c);
		errno = e;
		return NULL;
	}
	return c;
}

xmctld_client *xmctld_client_open(const char *rundir)
{
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];

	if (xmctld_client_socket_path(rundir, path, sizeof(path)) < 0) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	return xmctld_client_open_path(path);
}

void xmctld_client_close(xmctld_client *c)
{
	if (!c)
		return;
	close(c->fd);
	free(c->in);
	free(c);
}

void xmctld_client_set_timeout(xmctld_client *c, int timeout_ms)
{
	c->timeout_ms = timeout_ms;
}

const struct xmctld_client_error *xmctld_client_error(const xmctld_client *c)
{
	return &c->err;
}

yajl_val xmctld_result_value(const xmctld_result *r)
{
	return r ? r->value : NULL;
}

void xmctld_result_free(xmctld_result *r)
{
	if (!r)
		return;
	yajl_tree_free(r->root);
	free(r);
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int send_all(xmctld_client *c, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(c->fd, p, n, MSG_NOSIGNAL);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return fail(c, -errno, 0, "sending to xmctld: %s", strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/*
 * Read one line (without its newline) into a malloc'd string.  Only new
 * bytes are searched for the newline and the buffer grows geometrically,
 * so a reply of a few hundred KiB (domain.list of 1000 domains) costs no
 * repeated scans or copies.
 */
static int read_line(xmctld_client *c, int timeout_ms, char **line)
{
	long long deadline = timeout_ms < 0 ? 0 : now_ms() + timeout_ms;
	size_t scanned = 0;

	for (;;) {
		char *nl = c->in_len > scanned ? memchr(c->in + scanned, '\n', c->in_len - scanned)
		                               : NULL;
		struct pollfd p = { .fd = c->fd, .events = POLLIN };
		ssize_t n;
		int left;

		if (nl) {
			size_t len = (size_t)(nl - c->in);

			*line = malloc(len + 1);
			if (!*line)
				return fail(c, -ENOMEM, 0, "out of memory");
			memcpy(*line, c->in, len);
			(*line)[len] = '\0';
			memmove(c->in, nl + 1, c->in_len - len - 1);
			c->in_len -= len + 1;
			return 0;
		}
		scanned = c->in_len;
		if (c->in_len >= CLIENT_MAX_REPLY)
			return fail(c, -EPROTO, 0, "reply from xmctld too large");
		if (c->in_cap - c->in_len < CLIENT_READ_CHUNK) {
			size_t cap = c->in_cap ? c->in_cap * 2 : CLIENT_READ_CHUNK;
			char *b = realloc(c->in, cap);

			if (!b)
				return fail(c, -ENOMEM, 0, "out of memory");
			c->in = b;
			c->in_cap = cap;
		}
		left = timeout_ms < 0 ? -1 : (int)(deadline - now_ms());
		if (timeout_ms >= 0 && left < 0)
			left = 0;
		n = poll(&p, 1, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return fail(c, -ETIMEDOUT, 0, "xmctld did not answer in time");
		n = recv(c->fd, c->in + c->in_len, c->in_cap - c->in_len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return fail(c, -ECONNRESET, 0, "xmctld closed the connection");
		c->in_len += (size_t)n;
	}
}

static yajl_val member(yajl_val obj, const char *key)
{
	const char *path[] = { key, NULL };

	return yajl_tree_get(obj, path, yajl_t_any);
}

/* Turn a reply line into a result, or an error. */
static int parse_reply(xmctld_client *c, char *line, unsigned long id, xmctld_result **out)
{
	char ebuf[128];
	yajl_val root = yajl_tree_parse(line, ebuf, sizeof(ebuf));
	yajl_val rid, res, err;
	xmctld_result *r;

	if (!root || !YAJL_IS_OBJECT(root)) {
		yajl_tree_free(root);
		return fail(c, -EPROTO, 0, "xmctld sent a reply that is not JSON-RPC");
	}
	rid = member(root, "id");
	res = member(root, "result");
	err = member(root, "error");
	if (err && YAJL_IS_OBJECT(err)) {
		yajl_val code = member(err, "code"), msg = member(err, "message");

		fail(c, -EREMOTEIO, code && YAJL_IS_INTEGER(code) ? (int)YAJL_GET_INTEGER(code) : 0,
		     "%s", msg && YAJL_IS_STRING(msg) ? msg->u.string : "error without a message");
		yajl_tree_free(root);
		return -EREMOTEIO;
	}
	if (!res || !rid || !YAJL_IS_INTEGER(rid) || (unsigned long)YAJL_GET_INTEGER(rid) != id) {
		yajl_tree_free(root);
		return fail(c, -EPROTO, 0, "xmctld sent an unexpected reply");
	}
	r = malloc(sizeof(*r));
	if (!r) {
		yajl_tree_free(root);
		return fail(c, -ENOMEM, 0, "out of memory");
	}
	r->root = root;
	r->value = res;
	*out = r;
	return 0;
}

/* The request line: {"jsonrpc":"2.0","id":N,"method":M,"params":P}\n */
static int send_request(xmctld_client *c, const char *method, const char *params, unsigned long id)
{
	size_t plen = params ? strlen(params) : 0, mlen = strlen(method);
	size_t cap = plen + mlen + 96;
	char *req;
	int n, rc;

	if (plen + mlen + 64 > XMCTLD_MAX_REQUEST || strchr(method, '"') ||
	    (params && strchr(params, '\n')))
		return fail(c, -E2BIG, 0, "request too large or malformed");
	req = malloc(cap);
	if (!req)
		return fail(c, -ENOMEM, 0, "out of memory");
	n = snprintf(req, cap, "{\"jsonrpc\":\"2.0\",\"id\":%lu,\"method\":\"%s\"%s%s}\n", id,
	             method, params ? ",\"params\":" : "", params ? params : "");
	rc = send_all(c, req, (size_t)n);
	free(req);
	return rc;
}

int xmctld_client_call(xmctld_client *c, const char *method, const char *params_json,
                       xmctld_result **out)
{
	unsigned long id = c->next_id++;
	char *line = NULL;
	int rc;

	*out = NULL;
	c->err.code = 0;
	c->err.message[0] = '\0';
	rc = send_request(c, method, params_json, id);
	if (rc == -EPIPE || rc == -ECONNRESET) {
		/* Refused at accept: the daemon's one error may be waiting to be read. */
		struct xmctld_client_error saved = c->err;

		if (read_line(c, CLIENT_REFUSAL_MS, &line) == 0) {
			rc = parse_reply(c, line, id, out);
			free(line);
			return rc;
		}
		c->err = saved;
	}
	while (rc == 0) {
		rc = read_line(c, c->timeout_ms, &line);
		if (rc < 0)
			break;
		/* Events for a subscribed connection are not replies: skip them. */
		if (strstr(line, "\"method\":\"" XMCTLD_EVENT_METHOD "\"") &&
		    !strstr(line, "\"id\":")) {
			free(line);
			continue;
		}
		rc = parse_reply(c, line, id, out);
		free(line);
		return rc;
	}
	return rc;
}

static void copy_str(char *dst, size_t n, yajl_val obj, const char *key)
{
	yajl_val v = member(obj, key);

	snprintf(dst, n, "%s", v && YAJL_IS_STRING(v) ? v->u.string : "");
}

int xmctld_client_ping(xmctld_client *c, struct xmctld_versions *v)
{
	xmctld_result *r;
	int rc = xmctld_client_call(c, "ping", NULL, &r);

	if (rc < 0)
		return rc;
	copy_str(v->daemon, sizeof(v->daemon), r->value, "daemon");
	copy_str(v->library, sizeof(v->library), r->value, "library");
	copy_str(v->interface, sizeof(v->interface), r->value, "interface");
	copy_str(v->hypervisor, sizeof(v->hypervisor), r->value, "hypervisor");
	xmctld_result_free(r);
	return 0;
}

int xmctld_client_next_event(xmctld_client *c, int timeout_ms, xmctld_result **out)
{
	char ebuf[128], *line = NULL;
	xmctld_result *r;
	yajl_val root, params;
	int rc;

	*out = NULL;
	rc = read_line(c, timeout_ms, &line);
	if (rc < 0)
		return rc;
	root = yajl_tree_parse(line, ebuf, sizeof(ebuf));
	free(line);
	params = root ? member(root, "params") : NULL;
	if (!params || !YAJL_IS_OBJECT(params)) {
		yajl_tree_free(root);
		return fail(c, -EPROTO, 0, "xmctld sent something that is not an event");
	}
	r = malloc(sizeof(*r));
	if (!r) {
		yajl_tree_free(root);
		return fail(c, -ENOMEM, 0, "out of memory");
	}
	r->root = root;
	r->value = params;
	*out = r;
	return 0;
}
