/*
 * Bad requests: a fixed table, each with the error it must get, and a
 * bounded random fuzz.  After every bad request the same connection must
 * still answer a ping: bad input costs the sender an error, nothing more.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "protocol.h"
#include "xdlib.h"
#include "xdtool.h"

#define REPLY_MS 5000
#define NO_REPLY 1          /* a notification: nothing comes back */

#define REQ(m, p) "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"" m "\",\"params\":" p "}"

static const struct { const char *why; const char *text; int code; } table[] = {
	/* Not JSON at all, or broken JSON. */
	{ "garbage", "garbage", XMCTLD_E_PARSE },
	{ "unterminated object", "{", XMCTLD_E_PARSE },
	{ "trailing garbage", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} x", XMCTLD_E_PARSE },
	{ "invalid UTF-8", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"\xff\xfe\"}", XMCTLD_E_PARSE },
	/* JSON, but not a request. */
	{ "batch", "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]", XMCTLD_E_INVALID_REQUEST },
	{ "number", "42", XMCTLD_E_INVALID_REQUEST },
	{ "string", "\"ping\"", XMCTLD_E_INVALID_REQUEST },
	{ "null", "null", XMCTLD_E_INVALID_REQUEST },
	{ "empty object", "{}", XMCTLD_E_INVALID_REQUEST },
	{ "wrong version", "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", XMCTLD_E_INVALID_REQUEST },
	{ "no method", "{\"jsonrpc\":\"2.0\",\"id\":1}", XMCTLD_E_INVALID_REQUEST },
	{ "method not a string", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}", XMCTLD_E_INVALID_REQUEST },
	{ "id an object", "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}", XMCTLD_E_INVALID_REQUEST },
	{ "unknown member", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"x\":1}", XMCTLD_E_INVALID_REQUEST },
	/* Requests with bad methods or params. */
	{ "unknown method", "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"domain.explode\"}", XMCTLD_E_NO_METHOD },
	{ "positional params", REQ("ping", "[1]"), XMCTLD_E_INVALID_PARAMS },
	{ "unknown param", REQ("ping", "{\"x\":1}"), XMCTLD_E_INVALID_PARAMS },
	{ "missing dom", REQ("domain.info", "{}"), XMCTLD_E_INVALID_PARAMS },
	{ "dom a bool", REQ("domain.info", "{\"dom\":true}"), XMCTLD_E_INVALID_PARAMS },
	{ "dom a float", REQ("domain.info", "{\"dom\":1.5}"), XMCTLD_E_INVALID_PARAMS },
	{ "no such domain", REQ("domain.info", "{\"dom\":\"nosuch\"}"), XMCTLD_E_NO_DOMAIN },
	{ "memory a string", REQ("domain.set_memory", "{\"dom\":\"0\",\"memory_mib\":\"lots\"}"),
	  XMCTLD_E_INVALID_PARAMS },
	{ "memory negative", REQ("domain.set_memory", "{\"dom\":\"0\",\"memory_mib\":-5}"),
	  XMCTLD_E_INVALID_PARAMS },
	{ "memory a float", REQ("domain.set_memory", "{\"dom\":\"0\",\"memory_mib\":1e3}"),
	  XMCTLD_E_INVALID_PARAMS },
	{ "memory overflowing", REQ("domain.set_memory",
	  "{\"dom\":\"0\",\"memory_mib\":99999999999999999999999}"), XMCTLD_E_INVALID_PARAMS },
	{ "vcpus zero", REQ("domain.set_vcpus", "{\"dom\":\"0\",\"vcpus\":0}"), XMCTLD_E_INVALID_PARAMS },
	{ "config not an object", REQ("domain.create", "{\"config\":5}"), XMCTLD_E_INVALID_PARAMS },
	{ "config without kernel", REQ("domain.create", "{\"config\":{\"name\":\"x\"}}"), XMCTLD_E_CONFIG },
	{ "config unknown key", REQ("domain.define", "{\"config\":{\"name\":\"x\",\"kernel\":\"/k\",\"memroy\":64}}"),
	  XMCTLD_E_CONFIG },
	{ "config bad name", REQ("domain.define", "{\"config\":{\"name\":\"a b\",\"kernel\":\"/k\"}}"),
	  XMCTLD_E_CONFIG },
	{ "paused not a bool", REQ("domain.start", "{\"dom\":\"x\",\"paused\":1}"), XMCTLD_E_INVALID_PARAMS },
	{ "relative save path", REQ("domain.save", "{\"dom\":\"0\",\"path\":\"x\"}"), XMCTLD_E_BAD_STATE },
	{ "missing image", REQ("domain.restore", "{\"path\":\"/nonexistent/image\"}"), XMCTLD_E_IO },
	{ "destroy domain 0", REQ("domain.destroy", "{\"dom\":0}"), XMCTLD_E_BAD_STATE },
	{ "undefine unmanaged", REQ("domain.undefine", "{\"dom\":0}"), XMCTLD_E_BAD_STATE },
	{ "notification", "{\"jsonrpc\":\"2.0\",\"method\":\"domain.explode\"}", NO_REPLY },
};

/* Answer the ping with this id; anything else before it must be a reply or event. */
static int ping_ok(int fd, unsigned n)
{
	char req[96], want[32];

	snprintf(req, sizeof(req), "{\"jsonrpc\":\"2.0\",\"id\":\"ping-%u\",\"method\":\"ping\"}", n);
	snprintf(want, sizeof(want), "\"ping-%u\"", n);
	if (xd_send(fd, req, strlen(req)) < 0)
		return -1;
	for (;;) {
		char *line = xd_recv(fd, REPLY_MS);
		int found;

		if (!line)
			return -1;
		found = strstr(line, want) != NULL && xd_reply_code(line) == 0;
		if (!found && xd_reply_code(line) == 1 && !strstr(line, "\"method\":\"event\"")) {
			fprintf(stderr, "not a JSON-RPC reply: %.200s\n", line);
			free(line);
			return -1;
		}
		free(line);
		if (found)
			return 0;
	}
}

/* A generated request: deep, long, wide or oversized. */
static char *generated(int kind, int *code)
{
	size_t i, n = 200000;
	char *s = calloc(1, n), *p = s;

	if (!s)
		return NULL;
	*code = XMCTLD_E_TOO_LARGE;
	p += sprintf(p, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":{\"a\":");
	if (kind == 0) {                 /* nesting past XMCTLD_MAX_DEPTH */
		for (i = 0; i < 40; i++) *p++ = '[';
		for (i = 0; i < 40; i++) *p++ = ']';
	} else if (kind == 1) {          /* a string past XMCTLD_MAX_STRING */
		*p++ = '"';
		for (i = 0; i < XMCTLD_MAX_STRING + 10; i++) *p++ = 'x';
		*p++ = '"';
	} else if (kind == 2) {          /* an array past XMCTLD_MAX_MEMBERS */
		*p++ = '[';
		for (i = 0; i < XMCTLD_MAX_MEMBERS + 10; i++) p += sprintf(p, "%s1", i ? "," : "");
		*p++ = ']';
	} else {                         /* the whole request past XMCTLD_MAX_REQUEST */
		*p++ = '"';
		for (i = 0; i < XMCTLD_MAX_REQUEST + 100; i++) *p++ = (i % 64) ? 'y' : ' ';
		*p++ = '"';
	}
	strcpy(p, "}}");
	return s;
}

int xd_badreq(const char *sock)
{
	int fd = xd_connect(sock), failed = 0, kind, code;
	size_t i;

	if (fd < 0)
		return 1;
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		char *line = NULL;
		int got = NO_REPLY;

		xd_send(fd, table[i].text, strlen(table[i].text));
		if (table[i].code != NO_REPLY) {
			line = xd_recv(fd, REPLY_MS);
			got = line ? xd_reply_code(line) : 0;
		}
		if (got != table[i].code || ping_ok(fd, (unsigned)i) < 0) {
			printf("FAIL %s: want %d, got %d (%s)\n", table[i].why, table[i].code, got,
			       line ? line : "no reply");
			failed++;
		}
		free(line);
	}
	for (kind = 0; kind < 4; kind++) {
		char *req = generated(kind, &code), *line;

		xd_send(fd, req, strlen(req));
		line = xd_recv(fd, REPLY_MS);
		if (!line || xd_reply_code(line) != code || ping_ok(fd, 1000 + (unsigned)kind) < 0) {
			printf("FAIL generated request %d: %.200s\n", kind, line ? line : "no reply");
			failed++;
		}
		free(line);
		free(req);
	}
	close(fd);
	printf("%zu bad requests, %d failed\n", i + 4, failed);
	return failed ? 1 : 0;
}

static const char *const seeds[] = {
	"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
	"{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"domain.list\",\"params\":{}}",
	"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"domain.info\",\"params\":{\"dom\":\"0\"}}",
	"{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"host.info\"}",
	"{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"domain.set_vcpus\",\"params\":{\"dom\":\"nosuch\",\"vcpus\":2}}",
	"{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"domain.create\",\"params\":{\"config\":{\"name\":\"fz\",\"memory\":64,\"kernel\":\"/nonexistent\",\"disk\":[\"phy:/dev/sda1,xvda1,w\"]}}}",
};

/* Mutate one seed: flips, insertions, deletions, a truncation. */
static size_t mutate(char *buf, size_t cap, unsigned *st)
{
	const char *s = seeds[(unsigned)rand_r(st) % (sizeof(seeds) / sizeof(seeds[0]))];
	size_t len = strlen(s), i, n = 1 + (unsigned)rand_r(st) % 6;
	static const char tokens[] = "{}[]\",:\\0123456789-.etrufalsn \x80\xc3";

	memcpy(buf, s, len);
	for (i = 0; i < n && len > 1 && len + 2 < cap; i++) {
		size_t at = (unsigned)rand_r(st) % len;

		switch (rand_r(st) % 4) {
		case 0: buf[at] = (char)(rand_r(st) & 0xff); break;
		case 1: buf[at] = tokens[(unsigned)rand_r(st) % (sizeof(tokens) - 1)]; break;
		case 2: memmove(buf + at + 1, buf + at, len - at);
		        buf[at] = tokens[(unsigned)rand_r(st) % (sizeof(tokens) - 1)]; len++; break;
		default: memmove(buf + at, buf + at + 1, len - at - 1); len--; break;
		}
	}
	if (rand_r(st) % 8 == 0)
		len = 1 + (unsigned)rand_r(st) % len;
	for (i = 0; i < len; i++)
		if (buf[i] == '\n')
			buf[i] = ' ';
	return len;
}

int xd_fuzz(const char *sock, unsigned seed, unsigned count)
{
	int fd = xd_connect(sock);
	unsigned i, st = seed;
	char buf[1024];

	if (fd < 0)
		return 1;
	for (i = 0; i < count; i++) {
		size_t len = mutate(buf, sizeof(buf), &st);

		if (xd_send(fd, buf, len) < 0 || ping_ok(fd, i) < 0) {
			printf("FAIL fuzz case %u (seed %u): %.*s\n", i, seed, (int)len, buf);
			close(fd);
			return 1;
		}
	}
	close(fd);
	printf("%u fuzzed requests, connection still answering\n", count);
	return 0;
}
