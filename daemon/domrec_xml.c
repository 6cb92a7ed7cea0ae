/*
 * Domain records as XML (domrec.h).  Writing walks the struct; reading
 * turns the XML into the config's JSON form and hands it to the shared
 * domconfig decoder, so files and requests are validated by one piece of
 * code.  Element and attribute names are the config keys (PROTOCOL.md).
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <uuid/uuid.h>

#include "domrec.h"
#include "jsonrpc.h"

#define DOMREC_XML_VERSION "1"



static const char *const pending_names[] = {
	[DOMREC_PENDING_NONE] = NULL,
	[DOMREC_PENDING_RESTART] = "restart",
	[DOMREC_PENDING_RENAME_RESTART] = "rename-restart",
	[DOMREC_PENDING_SAVE] = "save",
};

const char *domrec_pending_name(enum domrec_pending p)
{
	if ((unsigned)p >= sizeof(pending_names) / sizeof(pending_names[0]))
		return NULL;
	return pending_names[p];
}

/* ---- writing ------------------------------------------------------------ */

#define X(s) ((const xmlChar *)(s))

static int add_text(xmlNodePtr parent, const char *name, const char *val)
{
	return xmlNewTextChild(parent, NULL, X(name), X(val)) ? 0 : -1;
}

static int add_uint(xmlNodePtr parent, const char *name, uint64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRIu64, v);
	return add_text(parent, name, num);
}

static int add_opt(xmlNodePtr parent, const char *name, const char *val)
{
	return val[0] ? add_text(parent, name, val) : 0;
}

static int add_attr(xmlNodePtr n, const char *name, const char *val)
{
	return xmlNewProp(n, X(name), X(val)) ? 0 : -1;
}

static int add_devices(xmlNodePtr root, const struct domconfig *c)
{
	unsigned i;
	int rc = 0;

	for (i = 0; i < c->nr_disks && rc == 0; i++) {
		const struct domconfig_disk *d = &c->disk[i];
		xmlNodePtr n = xmlNewChild(root, NULL, X("disk"), NULL);

		rc = !n || add_attr(n, "type", d->type) || add_attr(n, "target", d->target) ||
		     add_attr(n, "vdev", d->vdev) ||
		     add_attr(n, "mode", domconfig_disk_mode_name(d->mode)) ||
		     add_attr(n, "cdrom", d->cdrom ? "yes" : "no");
	}
	for (i = 0; i < c->nr_vifs && rc == 0; i++) {
		const struct domconfig_vif *v = &c->vif[i];
		xmlNodePtr n = xmlNewChild(root, NULL, X("vif"), NULL);

		rc = !n || (v->mac[0] && add_attr(n, "mac", v->mac)) ||
		     (v->bridge[0] && add_attr(n, "bridge", v->bridge)) ||
		     (v->ip[0] && add_attr(n, "ip", v->ip)) ||
		     (v->vifname[0] && add_attr(n, "vifname", v->vifname)) ||
		     (v->model[0] && add_attr(n, "model", v->model)) ||
		     (v->script[0] && add_attr(n, "script", v->script));
	}
	return rc ? -1 : 0;
}

static int add_pending(xmlNodePtr root, const struct domrec *r)
{
	char num[16], uuid[37];
	xmlNodePtr n;

	if (r->pending == DOMREC_PENDING_NONE)
		return 0;
	n = xmlNewChild(root, NULL, X("pending"), NULL);
	snprintf(num, sizeof(num), "%" PRIu32, r->pending_domid);
	if (!n || add_attr(n, "op", domrec_pending_name(r->pending)) || add_attr(n, "domid", num))
		return -1;
	if (r->pending == DOMREC_PENDING_RENAME_RESTART) {
		uuid_unparse_lower(r->pending_uuid, uuid);
		return add_attr(n, "uuid", uuid);
	}
	if (r->pending == DOMREC_PENDING_SAVE)
		return add_attr(n, "path", r->pending_path) ||
		       add_attr(n, "paused", r->pending_paused ? "yes" : "no") ? -1 : 0;
	return 0;
}

static int add_config(xmlNodePtr root, const struct domconfig *c)
{
	char uuid[37], cpus[DOMCONFIG_CPUS_MAX];

	uuid_unparse_lower(c->uuid, uuid);
	domconfig_format_cpus(c->cpumap, cpus);
	if (add_text(root, "name", c->name) || add_text(root, "uuid", uuid) ||
	    add_uint(root, "memory", c->memory_mib) || add_uint(root, "maxmem", c->maxmem_mib) ||
	    add_uint(root, "vcpus", c->vcpus) || (c->has_cpus && add_text(root, "cpus", cpus)) ||
	    add_opt(root, "kernel", c->kernel) || add_opt(root, "ramdisk", c->ramdisk) ||
	    add_opt(root, "extra", c->extra) || add_opt(root, "root", c->root) ||
	    add_uint(root, "rma", domconfig_rma_mib(c)) ||
	    add_text(root, "on_poweroff", domconfig_action_name(c->on_poweroff)) ||
	    add_text(root, "on_reboot", domconfig_action_name(c->on_reboot)) ||
	    add_text(root, "on_crash", domconfig_action_name(c->on_crash)))
		return -1;
	return add_devices(root, c);
}

char *domrec_to_xml(const struct domrec *r, size_t *len)
{
	xmlDocPtr doc = xmlNewDoc(X("1.0"));
	xmlNodePtr root;
	xmlChar *mem = NULL;
	char *out = NULL;
	int n = 0;

	if (!doc)
		return NULL;
	root = xmlNewDocNode(doc, NULL, X("domain"), NULL);
	if (!root)
		goto done;
	xmlDocSetRootElement(doc, root);
	if (add_attr(root, "version", DOMREC_XML_VERSION) ||
	    add_attr(root, "persistent", r->persistent ? "yes" : "no") ||
	    add_config(root, &r->cfg) || add_pending(root, r))
		goto done;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &n, "UTF-8", 1);
	if (mem && n > 0 && (out = malloc((size_t)n)) != NULL) {
		memcpy(out, mem, (size_t)n);
		*len = (size_t)n;
	}
done:
	xmlFree(mem);
	xmlFreeDoc(doc);
	return out;
}
