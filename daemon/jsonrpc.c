/*
 * JSON-RPC 2.0 request parsing and reply generation (jsonrpc.h).
 *
 * A request goes through three gates before any handler sees it: a raw
 * shape scan (depth, string length, NUL bytes), yajl's tree parser (which
 * also validates UTF-8), and a walk of the tree for the per-value limits.
 * Each gate answers with a typed JSON-RPC error, never a crash.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "jsonrpc.h"
#include "protocol.h"

int rpc_fail(struct rpc_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

int rpc_check_shape(const char *text, size_t len, struct rpc_error *err)
{
	/* A string of MAX_STRING characters is at most 6 bytes each raw (\uXXXX). */
	const size_t raw_max = (size_t)XMCTLD_MAX_STRING * 6;
	size_t i, depth = 0, slen = 0;
	int in_str = 0, esc = 0;

	for (i = 0; i < len; i++) {
		char ch = text[i];

		if (ch == '\0')
			return rpc_fail(err, XMCTLD_E_PARSE, "parse error: NUL byte in request");
		if (in_str) {
			if (++slen > raw_max)
				return rpc_fail(err, XMCTLD_E_TOO_LARGE,
				                "string longer than %d bytes", XMCTLD_MAX_STRING);
			if (esc)
				esc = 0;
			else if (ch == '\\')
				esc = 1;
			else if (ch == '"')
				in_str = 0;
			continue;
		}
		if (ch == '"') {
			in_str = 1;
			slen = 0;
		} else if (ch == '[' || ch == '{') {
			if (++depth > XMCTLD_MAX_DEPTH)
				return rpc_fail(err, XMCTLD_E_TOO_LARGE,
				                "nesting deeper than %d levels", XMCTLD_MAX_DEPTH);
		} else if ((ch == ']' || ch == '}') && depth > 0) {
			depth--;
		}
	}
	return 0;
}

/* The per-value limits, on the parsed tree (depth is already bounded). */
static int check_tree(yajl_val v, struct rpc_error *err)
{
	size_t i;

	if (YAJL_IS_STRING(v)) {
		if (strlen(v->u.string) > XMCTLD_MAX_STRING)
			return rpc_fail(err, XMCTLD_E_TOO_LARGE,
			                "string longer than %d bytes", XMCTLD_MAX_STRING);
	} else if (YAJL_IS_OBJECT(v)) {
		if (v->u.object.len > XMCTLD_MAX_MEMBERS)
			return rpc_fail(err, XMCTLD_E_TOO_LARGE,
			                "object with more than %d members", XMCTLD_MAX_MEMBERS);
		for (i = 0; i < v->u.object.len; i++) {
			if (strlen(v->u.object.keys[i]) > XMCTLD_MAX_STRING)
				return rpc_fail(err, XMCTLD_E_TOO_LARGE,
				                "key longer than %d bytes", XMCTLD_MAX_STRING);
			if (check_tree(v->u.object.values[i], err) < 0)
				return -1;
		}
	} else if (YAJL_IS_ARRAY(v)) {
		if (v->u.array.len > XMCTLD_MAX_MEMBERS)
			return rpc_fail(err, XMCTLD_E_TOO_LARGE,
			                "array with more than %d elements", XMCTLD_MAX_MEMBERS);
		for (i = 0; i < v->u.array.len; i++)
			if (check_tree(v->u.array.values[i], err) < 0)
				return -1;
	}
	return 0;
}

/* Pick the envelope members out of the request object. */
static int read_envelope(struct rpc_request *req, struct rpc_error *err)
{
	yajl_val o = req->root, version = NULL, method = NULL;
	size_t i;

	for (i = 0; i < o->u.object.len; i++) {
		const char *k = o->u.object.keys[i];
		yajl_val v = o->u.object.values[i];

		if (strcmp(k, "id") == 0 && (YAJL_IS_STRING(v) || YAJL_IS_NUMBER(v) ||
		                             YAJL_IS_NULL(v))) {
			req->id = v;
			req->has_id = 1;
		} else if (strcmp(k, "id") == 0) {
			req->has_id = 1;     /* answer, with a null id */
			return rpc_fail(err, XMCTLD_E_INVALID_REQUEST,
			                "invalid request: id must be a string, number or null");
		} else if (strcmp(k, "jsonrpc") == 0) {
			version = v;
		} else if (strcmp(k, "method") == 0) {
			method = v;
		} else if (strcmp(k, "params") == 0) {
			req->params = v;
		} else {
			return rpc_fail(err, XMCTLD_E_INVALID_REQUEST,
			                "invalid request: unknown member \"%.64s\"", k);
		}
	}
	if (!YAJL_IS_STRING(version) || strcmp(version->u.string, "2.0") != 0)
		return rpc_fail(err, XMCTLD_E_INVALID_REQUEST,
		                "invalid request: \"jsonrpc\" must be \"2.0\"");
	if (!YAJL_IS_STRING(method))
		return rpc_fail(err, XMCTLD_E_INVALID_REQUEST,
		                "invalid request: \"method\" must be a string");
	req->method = method->u.string;
	if (req->params && !YAJL_IS_OBJECT(req->params))
		return rpc_fail(err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: \"params\" must be an object");
	return 0;
}

int rpc_parse(char *line, size_t len, struct rpc_request *req, struct rpc_error *err)
{
	char ebuf[128];

	memset(req, 0, sizeof(*req));
	/* Until the id is known, errors are answered with a null id. */
	req->has_id = 1;
	if (rpc_check_shape(line, len, err) < 0)
		return -1;
	line[len] = '\0';
	req->root = yajl_tree_parse(line, ebuf, sizeof(ebuf));
	if (!req->root) {
		/* yajl's message spans lines and quotes input: keep its first line. */
		ebuf[strcspn(ebuf, "\n")] = '\0';
		return rpc_fail(err, XMCTLD_E_PARSE, "parse error: %s", ebuf);
	}
	if (check_tree(req->root, err) < 0)
		return -1;
	if (YAJL_IS_ARRAY(req->root))
		return rpc_fail(err, XMCTLD_E_INVALID_REQUEST,
		                "invalid request: batch requests are not supported");
	if (!YAJL_IS_OBJECT(req->root))
		return rpc_fail(err, XMCTLD_E_INVALID_REQUEST,
		                "invalid request: not a JSON object");
	req->has_id = 0;
	if (read_envelope(req, err) < 0) {
		/* An invalid request is answered even without an id (JSON-RPC 2.0 §5). */
		if (err->code == XMCTLD_E_INVALID_REQUEST)
			req->has_id = 1;
		return -1;
	}
	return 0;
}

void rpc_request_free(struct rpc_request *req)
{
	yajl_tree_free(req->root);
	memset(req, 0, sizeof(*req));
}

yajl_gen rpc_gen_new(void)
{
	yajl_gen g = yajl_gen_alloc(NULL);

	if (g)
		yajl_gen_config(g, yajl_gen_validate_utf8, 1);
	return g;
}

/* Append the JSON text of an id value (or null). */
static int write_id(struct buf *out, yajl_val id)
{
	const unsigned char *text;
	size_t n;
	yajl_gen g;
	int rc = -1;

	if (!id || YAJL_IS_NULL(id))
		return buf_append_str(out, "null");
	g = rpc_gen_new();
	if (!g)
		return -1;
	if (YAJL_IS_STRING(id))
		yajl_gen_string(g, (const unsigned char *)id->u.string, strlen(id->u.string));
	else
		yajl_gen_number(g, id->u.number.r, strlen(id->u.number.r));
	if (yajl_gen_get_buf(g, &text, &n) == yajl_gen_status_ok)
		rc = buf_append(out, text, n);
	yajl_gen_free(g);
	return rc;
}

/* Append a generator's whole output. */
static int write_gen(struct buf *out, yajl_gen g)
{
	const unsigned char *text;
	size_t n;

	if (yajl_gen_get_buf(g, &text, &n) != yajl_gen_status_ok || n == 0)
		return -1;
	return buf_append(out, text, n);
}

int rpc_write_result(struct buf *out, yajl_val id, yajl_gen result_gen)
{
	size_t mark = out->len;

	if (buf_append_str(out, "{\"jsonrpc\":\"2.0\",\"result\":") < 0 ||
	    write_gen(out, result_gen) < 0 ||
	    buf_append_str(out, ",\"id\":") < 0 || write_id(out, id) < 0 ||
	    buf_append_str(out, "}\n") < 0) {
		out->len = mark;       /* never leave half a line queued */
		return -1;
	}
	return 0;
}

int rpc_write_error(struct buf *out, yajl_val id, const struct rpc_error *err)
{
	size_t mark = out->len;
	yajl_gen g = rpc_gen_new();
	int rc = -1;

	if (!g)
		return -1;
	/* The message came from us, but may quote user bytes: let yajl escape it. */
	yajl_gen_config(g, yajl_gen_validate_utf8, 0);
	if (yajl_gen_map_open(g) == yajl_gen_status_ok &&
	    yajl_gen_string(g, (const unsigned char *)"code", 4) == yajl_gen_status_ok &&
	    yajl_gen_integer(g, err->code) == yajl_gen_status_ok &&
	    yajl_gen_string(g, (const unsigned char *)"message", 7) == yajl_gen_status_ok &&
	    yajl_gen_string(g, (const unsigned char *)err->message,
	                    strlen(err->message)) == yajl_gen_status_ok &&
	    yajl_gen_map_close(g) == yajl_gen_status_ok &&
	    buf_append_str(out, "{\"jsonrpc\":\"2.0\",\"error\":") == 0 &&
	    write_gen(out, g) == 0 && buf_append_str(out, ",\"id\":") == 0 &&
	    write_id(out, id) == 0 && buf_append_str(out, "}\n") == 0)
		rc = 0;
	if (rc < 0)
		out->len = mark;
	yajl_gen_free(g);
	return rc;
}

int rpc_write_notification(struct buf *out, const char *method, yajl_gen params_gen)
{
	size_t mark = out->len;

	if (buf_append_str(out, "{\"jsonrpc\":\"2.0\",\"method\":\"") < 0 ||
	    buf_append_str(out, method) < 0 ||
	    buf_append_str(out, "\",\"params\":") < 0 || write_gen(out, params_gen) < 0 ||
	    buf_append_str(out, "}\n") < 0) {
		out->len = mark;
		return -1;
	}
	return 0;
}
