/*
 * Reading domain records (domrec.h).  The XML is checked against the
 * schema (known elements, each at most once, known attributes), rewritten
 * as the config's JSON form and decoded by domconfig, which validates the
 * values exactly as it does for a JSON-RPC request.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <uuid/uuid.h>

#include "domrec.h"
#include "jsonrpc.h"

#define X(s) ((const xmlChar *)(s))
/* Largest record file read: a full config is a few KiB. */
#define DOMREC_XML_MAX (64 * 1024)

/* Config elements with a scalar value; 'S' string, 'I' integer. */
static const struct { const char *name; char kind; } scalars[] = {
	{ "name", 'S' }, { "uuid", 'S' }, { "memory", 'I' }, { "maxmem", 'I' },
	{ "vcpus", 'I' }, { "cpus", 'S' }, { "kernel", 'S' }, { "ramdisk", 'S' },
	{ "extra", 'S' }, { "root", 'S' }, { "rma", 'I' }, { "on_poweroff", 'S' },
	{ "on_reboot", 'S' }, { "on_crash", 'S' },
};
#define NR_SCALARS (sizeof(scalars) / sizeof(scalars[0]))

static const char *const disk_attrs[] = { "type", "target", "vdev", "mode", "cdrom", NULL };
static const char *const vif_attrs[] = { "mac", "bridge", "ip", "vifname", "model", "script", NULL };

struct reader {
	yajl_gen g;
	char *why;
	size_t why_len;
};

static int fail(struct reader *rd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(rd->why, rd->why_len, fmt, ap);
	va_end(ap);
	return -1;
}

static int gen_str(yajl_gen g, const char *s)
{
	return yajl_gen_string(g, X(s), strlen(s)) == yajl_gen_status_ok ? 0 : -1;
}

static int scalar(struct reader *rd, xmlNodePtr n, unsigned i)
{
	xmlChar *text = xmlNodeGetContent(n);
	const char *t = text ? (const char *)text : "";
	int rc = gen_str(rd->g, scalars[i].name);

	if (rc == 0 && scalars[i].kind == 'I') {
		size_t len = strlen(t);

		if (len == 0 || len > 19 || strspn(t, "0123456789") != len)
			rc = fail(rd, "<%s>: not a whole number", scalars[i].name);
		else if (yajl_gen_number(rd->g, t, len) != yajl_gen_status_ok)
			rc = -1;
	} else if (rc == 0) {
		rc = gen_str(rd->g, t);
	}
	xmlFree(text);
	return rc;
}

/* A device element: its attributes become one JSON object. */
static int device(struct reader *rd, xmlNodePtr n, const char *const *allowed)
{
	xmlAttrPtr a;
	size_t j;

	if (yajl_gen_map_open(rd->g) != yajl_gen_status_ok)
		return -1;
	for (a = n->properties; a; a = a->next) {
		xmlChar *v;
		int rc;

		for (j = 0; allowed[j] && strcmp(allowed[j], (const char *)a->name) != 0; j++)
			;
		if (!allowed[j])
			return fail(rd, "<%s>: unknown attribute", (const char *)n->name);
		v = xmlNodeListGetString(n->doc, a->children, 1);
		rc = gen_str(rd->g, allowed[j]);
		if (rc == 0 && strcmp(allowed[j], "cdrom") == 0)
			rc = yajl_gen_bool(rd->g, v && strcmp((char *)v, "yes") == 0) ==
			     yajl_gen_status_ok ? 0 : -1;
		else if (rc == 0)
			rc = gen_str(rd->g, v ? (const char *)v : "");
		xmlFree(v);
		if (rc < 0)
			return -1;
	}
	return yajl_gen_map_close(rd->g) == yajl_gen_status_ok ? 0 : -1;
}

static int devices(struct reader *rd, xmlNodePtr root, const char *name,
                   const char *const *attrs)
{
	xmlNodePtr n;

	if (gen_str(rd->g, name) < 0 || yajl_gen_array_open(rd->g) != yajl_gen_status_ok)
		return -1;
	for (n = root->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 &&
		    device(rd, n, attrs) < 0)
			return -1;
	return yajl_gen_array_close(rd->g) == yajl_gen_status_ok ? 0 : -1;
}

static int read_pending(struct reader *rd, xmlNodePtr n, struct domrec *r)
{
	xmlChar *op = xmlGetProp(n, X("op")), *domid = xmlGetProp(n, X("domid"));
	xmlChar *uuid = xmlGetProp(n, X("uuid")), *path = xmlGetProp(n, X("path"));
	xmlChar *paused = xmlGetProp(n, X("paused"));
	char *end = NULL;
	unsigned long id = 0;
	int rc = 0, p;

	r->pending = DOMREC_PENDING_NONE;
	for (p = DOMREC_PENDING_RESTART; p <= DOMREC_PENDING_SAVE; p++)
		if (op && strcmp((char *)op, domrec_pending_name(p)) == 0)
			r->pending = p;
	if (domid) {
		errno = 0;
		id = strtoul((char *)domid, &end, 10);
	}
	if (r->pending == DOMREC_PENDING_NONE)
		rc = fail(rd, "<pending>: unknown op");
	else if (!domid || errno || *end || id >= 0x7FF0)
		rc = fail(rd, "<pending>: bad domid");
	else if (r->pending == DOMREC_PENDING_RENAME_RESTART &&
	         (!uuid || uuid_parse((char *)uuid, r->pending_uuid) != 0))
		rc = fail(rd, "<pending>: bad uuid");
	else if (r->pending == DOMREC_PENDING_SAVE &&
	         (!path || strlen((char *)path) > XMCTLD_MAX_PATH))
		rc = fail(rd, "<pending>: bad path");
	if (rc == 0) {
		r->pending_domid = (uint32_t)id;
		if (path)
			snprintf(r->pending_path, sizeof(r->pending_path), "%s", (char *)path);
		r->pending_paused = paused && strcmp((char *)paused, "yes") == 0;
	}
	xmlFree(op); xmlFree(domid); xmlFree(uuid); xmlFree(path); xmlFree(paused);
	return rc;
}

/* The scalar elements, each at most once, and the record-level ones. */
static int walk(struct reader *rd, xmlNodePtr root, struct domrec *r)
{
	unsigned seen = 0, i;
	xmlNodePtr n;

	for (n = root->children; n; n = n->next) {
		const char *name = (const char *)n->name;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp(name, "disk") == 0 || strcmp(name, "vif") == 0)
			continue;
		if (strcmp(name, "pending") == 0) {
			if (read_pending(rd, n, r) < 0)
				return -1;
			continue;
		}
		for (i = 0; i < NR_SCALARS && strcmp(scalars[i].name, name) != 0; i++)
			;
		if (i == NR_SCALARS)
			return fail(rd, "unknown element <%.32s>", name);
		if (seen & (1u << i))
			return fail(rd, "<%s> appears twice", name);
		seen |= 1u << i;
		if (scalar(rd, n, i) < 0)
			return -1;
	}
	if (!(seen & 2u))
		return fail(rd, "<uuid> is missing");
	return 0;
}

static int check_root(struct reader *rd, xmlNodePtr root, struct domrec *r)
{
	xmlChar *ver, *pers;
	int rc = 0;

	if (!root || strcmp((const char *)root->name, "domain") != 0)
		return fail(rd, "root element is not <domain>");
	ver = xmlGetProp(root, X("version"));
	pers = xmlGetProp(root, X("persistent"));
	if (!ver || strcmp((char *)ver, "1") != 0)
		rc = fail(rd, "unsupported version");
	else if (!pers || (strcmp((char *)pers, "yes") && strcmp((char *)pers, "no")))
		rc = fail(rd, "persistent must be yes or no");
	else
		r->persistent = strcmp((char *)pers, "yes") == 0;
	xmlFree(ver);
	xmlFree(pers);
	return rc;
}

static int decode(struct reader *rd, struct domrec *r)
{
	const unsigned char *json;
	struct domconfig_error err;
	size_t len;

	if (yajl_gen_get_buf(rd->g, &json, &len) != yajl_gen_status_ok)
		return fail(rd, "out of memory");
	memset(&err, 0, sizeof(err));
	if (domconfig_from_json(&r->cfg, (const char *)json, len, &err) < 0)
		return fail(rd, "bad config: %s", err.msg);
	if (!r->cfg.has_uuid)
		return fail(rd, "<uuid> is missing");
	return 0;
}

int domrec_from_xml(const char *text, size_t len, struct domrec *r, char *why, size_t why_len)
{
	struct reader rd = { .why = why, .why_len = why_len };
	xmlDocPtr doc;
	xmlNodePtr root;
	int rc = -1;

	memset(r, 0, sizeof(*r));
	if (why_len > 0)
		why[0] = '\0';
	if (len > DOMREC_XML_MAX)
		return fail(&rd, "file too large");
	doc = xmlReadMemory(text, (int)len, "domain.xml", NULL,
	                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (!doc)
		return fail(&rd, "not well-formed XML");
	rd.g = rpc_gen_new();
	if (!rd.g) {
		fail(&rd, "out of memory");
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	if (check_root(&rd, root, r) < 0 ||
	    yajl_gen_map_open(rd.g) != yajl_gen_status_ok || walk(&rd, root, r) < 0 ||
	    devices(&rd, root, "disk", disk_attrs) < 0 || devices(&rd, root, "vif", vif_attrs) < 0 ||
	    yajl_gen_map_close(rd.g) != yajl_gen_status_ok || decode(&rd, r) < 0) {
		if (!why[0])
			fail(&rd, "schema error");
		goto out;
	}
	rc = 0;
out:
	if (rd.g)
		yajl_gen_free(rd.g);
	xmlFreeDoc(doc);
	return rc;
}
