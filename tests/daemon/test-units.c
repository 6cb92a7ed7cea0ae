/*
 * Unit tests of the daemon's pure parts, linked from the same objects
 * xmctld runs: JSON-RPC parsing and limits, reply generation, the restart
 * limiter, domain records in XML, and the state directory.
 */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "domrec.h"
#include "jsonrpc.h"
#include "protocol.h"
#include "ratelimit.h"
#include "store.h"
#include "../check-run.h"

/* Parse a request text; returns the error code, 0 if it parsed. */
static int parse(const char *text, struct rpc_request *req)
{
	struct rpc_error err = { 0 };
	size_t len = strlen(text);
	char *line = malloc(len + 1);
	int rc;

	memcpy(line, text, len + 1);
	rc = rpc_parse(line, len, req, &err);
	free(line);     /* the tree owns copies of everything it holds */
	return rc == 0 ? 0 : err.code;
}

START_TEST(parse_table)
{
	/* One line per case: the text and the code it must give. */
	static const struct { const char *text; int code; } cases[] = {
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}", 0 },
		{ "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"a\",\"params\":{}}", 0 },
		{ "{\"jsonrpc\":\"2.0\",\"method\":\"a\"}", 0 },          /* notification */
		{ "", XMCTLD_E_PARSE },
		{ "{\"jsonrpc\":", XMCTLD_E_PARSE },
		{ "[]", XMCTLD_E_INVALID_REQUEST },
		{ "true", XMCTLD_E_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1}", XMCTLD_E_INVALID_REQUEST },
		{ "{\"jsonrpc\":2,\"id\":1,\"method\":\"a\"}", XMCTLD_E_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":[],\"method\":\"a\"}", XMCTLD_E_INVALID_REQUEST },
		{ "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a\",\"params\":3}", XMCTLD_E_INVALID_PARAMS },
		{ "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]", XMCTLD_E_TOO_LARGE },
	};
	struct rpc_request req;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = parse(cases[i].text, &req);

		ck_assert_msg(got == cases[i].code, "case %zu (%s): got %d", i, cases[i].text, got);
		rpc_request_free(&req);
	}
}
END_TEST

START_TEST(parse_fields)
{
	struct rpc_request req;

	ck_assert_int_eq(parse("{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"m\",\"params\":{\"a\":1}}",
	                       &req), 0);
	ck_assert_str_eq(req.method, "m");
	ck_assert(req.has_id && YAJL_IS_INTEGER(req.id) && YAJL_GET_INTEGER(req.id) == 42);
	ck_assert(YAJL_IS_OBJECT(req.params));
	rpc_request_free(&req);
	ck_assert_int_eq(parse("{\"jsonrpc\":\"2.0\",\"method\":\"m\"}", &req), 0);
	ck_assert(!req.has_id);
	rpc_request_free(&req);
}
END_TEST

START_TEST(string_limit)
{
	size_t n = XMCTLD_MAX_STRING + 50, p;
	char *text = malloc(n + 100);
	struct rpc_request req;

	/* Short enough raw to pass the shape scan, too long once decoded. */
	p = (size_t)sprintf(text, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"");
	memset(text + p, 'a', n);
	strcpy(text + p + n, "\"}");
	ck_assert_int_eq(parse(text, &req), XMCTLD_E_TOO_LARGE);
	rpc_request_free(&req);
	free(text);
}
END_TEST

START_TEST(reply_lines)
{
	struct buf out = { 0 };
	struct rpc_error err;
	yajl_gen g = rpc_gen_new();

	yajl_gen_bool(g, 1);
	ck_assert_int_eq(rpc_write_result(&out, NULL, g), 0);
	rpc_fail(&err, XMCTLD_E_NO_DOMAIN, "domain '%s' \"quoted\"", "x\n");
	ck_assert_int_eq(rpc_write_error(&out, NULL, &err), 0);
	ck_assert_int_eq(buf_append(&out, "", 1), 0);
	ck_assert_str_eq(buf_head(&out),
	                 "{\"jsonrpc\":\"2.0\",\"result\":true,\"id\":null}\n"
	                 "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,\"message\":"
	                 "\"domain 'x\\n' \\\"quoted\\\"\"},\"id\":null}\n");
	yajl_gen_free(g);
	buf_free(&out);
}
END_TEST

START_TEST(restart_limit)
{
	struct ratelimit rl;

	ratelimit_reset(&rl);
	/* Three in ten seconds, then no more until the oldest leaves the window. */
	ck_assert(ratelimit_allow(&rl, 1000, 3, 10000));
	ck_assert(ratelimit_allow(&rl, 2000, 3, 10000));
	ck_assert(ratelimit_allow(&rl, 3000, 3, 10000));
	ck_assert(!ratelimit_allow(&rl, 9000, 3, 10000));
	ck_assert(ratelimit_allow(&rl, 11001, 3, 10000));
	ck_assert(!ratelimit_allow(&rl, 11002, 3, 10000));
	ck_assert(!ratelimit_allow(&rl, 0, 0, 10000));
}
END_TEST

static void sample(struct domrec *r)
{
	struct domconfig_error e;
	static const char json[] =
		"{\"name\":\"web\",\"uuid\":\"8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11\",\"memory\":256,"
		"\"maxmem\":512,\"vcpus\":2,\"cpus\":\"0-1\",\"kernel\":\"/boot/vmlinux\","
		"\"extra\":\"console=hvc0 <&>\",\"on_crash\":\"rename-restart\",\"rma\":128,"
		"\"disk\":[{\"type\":\"phy\",\"target\":\"/dev/sda1\",\"vdev\":\"xvda1\",\"mode\":\"w\",\"cdrom\":false}],"
		"\"vif\":[{\"mac\":\"00:16:3e:00:00:01\",\"bridge\":\"xenbr0\"}]}";

	memset(r, 0, sizeof(*r));
	ck_assert_msg(domconfig_from_json(&r->cfg, json, strlen(json), &e) == 0, "%s", e.msg);
	r->persistent = true;
}

START_TEST(record_roundtrip)
{
	struct domrec a, b;
	char why[256];
	size_t len;
	char *xml;

	sample(&a);
	a.pending = DOMREC_PENDING_SAVE;
	a.pending_domid = 7;
	strcpy(a.pending_path, "/tmp/x & y.img");
	xml = domrec_to_xml(&a, &len);
	ck_assert_ptr_nonnull(xml);
	ck_assert_msg(domrec_from_xml(xml, len, &b, why, sizeof(why)) == 0, "%s", why);
	ck_assert_int_eq(memcmp(&a.cfg, &b.cfg, sizeof(a.cfg)), 0);
	ck_assert(b.persistent && b.pending == DOMREC_PENDING_SAVE && b.pending_domid == 7);
	ck_assert_str_eq(b.pending_path, "/tmp/x & y.img");
	free(xml);
}
END_TEST

START_TEST(record_rejects)
{
	/* Each breaks one schema rule. */
	static const char *const bad[] = {
		"<domain",
		"<dom version=\"1\" persistent=\"yes\"/>",
		"<domain version=\"2\" persistent=\"yes\"><name>a</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel></domain>",
		"<domain version=\"1\" persistent=\"maybe\"><name>a</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel></domain>",
		"<domain version=\"1\" persistent=\"yes\"><name>a</name><kernel>/k</kernel></domain>",
		"<domain version=\"1\" persistent=\"yes\"><name>a</name><name>b</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel></domain>",
		"<domain version=\"1\" persistent=\"yes\"><name>a</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel><memory>-1</memory></domain>",
		"<domain version=\"1\" persistent=\"yes\"><name>a</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel><disk type=\"phy\" evil=\"1\"/></domain>",
		"<domain version=\"1\" persistent=\"yes\"><name>a</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel><pending op=\"fly\" domid=\"1\"/></domain>",
		"<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><domain version=\"1\" persistent=\"yes\"><name>&x;</name><uuid>8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11</uuid><kernel>/k</kernel></domain>",
	};
	struct domrec r;
	char why[256];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(domrec_from_xml(bad[i], strlen(bad[i]), &r, why, sizeof(why)) < 0,
		              "case %zu accepted", i);
}
END_TEST

static unsigned loaded;
static void count(struct domrec *r, void *arg)
{
	(void)r;
	(void)arg;
	loaded++;
}

START_TEST(store_files)
{
	char dir[] = "/tmp/xmctld-unit.XXXXXX", path[256], cmd[300];
	struct domrec r;
	struct stat st;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(store_init(dir), 0);
	sample(&r);
	ck_assert_int_eq(store_save(&r), 0);
	snprintf(path, sizeof(path), "%s/domains/8c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11.xml", dir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	/* A torn file is moved aside, the good one loads. */
	snprintf(path, sizeof(path), "%s/domains/9c8e0b6e-1d5f-4d52-9a43-3c4f2f1b2a11.xml", dir);
	f = fopen(path, "w");
	fputs("<domain version=\"1\"", f);
	fclose(f);
	loaded = 0;
	ck_assert_int_eq(store_load(count, NULL), 1);
	ck_assert_uint_eq(loaded, 1);
	ck_assert_uint_eq(store_corrupt_count(), 1);
	ck_assert_int_ne(stat(path, &st), 0);
	ck_assert_int_eq(store_delete(r.cfg.uuid, 1), 0);
	ck_assert_int_eq(store_delete(r.cfg.uuid, 1), 0);   /* already gone: fine */
	loaded = 0;
	ck_assert_int_eq(store_load(count, NULL), 0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("daemon-units");
	TCase *tc = tcase_create("units");

	tcase_add_test(tc, parse_table);
	tcase_add_test(tc, parse_fields);
	tcase_add_test(tc, string_limit);
	tcase_add_test(tc, reply_lines);
	tcase_add_test(tc, restart_limit);
	tcase_add_test(tc, record_roundtrip);
	tcase_add_test(tc, record_rejects);
	tcase_add_test(tc, store_files);
	suite_add_tcase(s, tc);
	return check_run(s);
}
