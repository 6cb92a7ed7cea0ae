/*
 * domconfig: the JSON form (see domconfig.h), written with yajl_gen.
 * Decoding is in domconfig_json_decode.c.
 */
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "domconfig.h"
#include "domconfig_int.h"

#define GEN_OK(x) do { if ((x) != yajl_gen_status_ok) return -1; } while (0)

static int gen_str(yajl_gen g, const char *s)
{
	GEN_OK(yajl_gen_string(g, (const unsigned char *)s, strlen(s)));
	return 0;
}

/* "" is written as null: the value is absent. */
static int gen_opt_str(yajl_gen g, const char *key, const char *s)
{
	if (gen_str(g, key) < 0)
		return -1;
	if (s[0] == '\0')
		GEN_OK(yajl_gen_null(g));
	else if (gen_str(g, s) < 0)
		return -1;
	return 0;
}

static int gen_uint(yajl_gen g, const char *key, uint64_t v)
{
	if (gen_str(g, key) < 0)
		return -1;
	GEN_OK(yajl_gen_integer(g, (long long)v));
	return 0;
}

static int gen_disk(yajl_gen g, const struct domconfig_disk *d)
{
	GEN_OK(yajl_gen_map_open(g));
	if (gen_opt_str(g, "type", d->type) < 0 || gen_opt_str(g, "target", d->target) < 0 ||
	    gen_opt_str(g, "vdev", d->vdev) < 0 ||
	    gen_opt_str(g, "mode", domconfig_disk_mode_name(d->mode)) < 0 ||
	    gen_str(g, "cdrom") < 0)
		return -1;
	GEN_OK(yajl_gen_bool(g, d->cdrom));
	GEN_OK(yajl_gen_map_close(g));
	return 0;
}

static int gen_vif(yajl_gen g, const struct domconfig_vif *v)
{
	GEN_OK(yajl_gen_map_open(g));
	if (gen_opt_str(g, "mac", v->mac) < 0 || gen_opt_str(g, "bridge", v->bridge) < 0 ||
	    gen_opt_str(g, "ip", v->ip) < 0 || gen_opt_str(g, "vifname", v->vifname) < 0 ||
	    gen_opt_str(g, "model", v->model) < 0 || gen_opt_str(g, "script", v->script) < 0)
		return -1;
	GEN_OK(yajl_gen_map_close(g));
	return 0;
}

static int gen_devices(yajl_gen g, const struct domconfig *cfg)
{
	if (gen_str(g, "disk") < 0)
		return -1;
	GEN_OK(yajl_gen_array_open(g));
	for (unsigned i = 0; i < cfg->nr_disks; i++)
		if (gen_disk(g, &cfg->disk[i]) < 0)
			return -1;
	GEN_OK(yajl_gen_array_close(g));
	if (gen_str(g, "vif") < 0)
		return -1;
	GEN_OK(yajl_gen_array_open(g));
	for (unsigned i = 0; i < cfg->nr_vifs; i++)
		if (gen_vif(g, &cfg->vif[i]) < 0)
			return -1;
	GEN_OK(yajl_gen_array_close(g));
	return 0;
}

static int gen_actions(yajl_gen g, const struct domconfig *cfg)
{
	const char *p = domconfig_action_name(cfg->on_poweroff);
	const char *r = domconfig_action_name(cfg->on_reboot);
	const char *c = domconfig_action_name(cfg->on_crash);

	if (p == NULL || r == NULL || c == NULL)
		return -1;
	if (gen_opt_str(g, "on_poweroff", p) < 0 || gen_opt_str(g, "on_reboot", r) < 0 ||
	    gen_opt_str(g, "on_crash", c) < 0)
		return -1;
	return 0;
}

int domconfig_gen_json(const struct domconfig *cfg, yajl_gen g)
{
	char uuid[DOMCONFIG_UUID_STR] = "";
	char cpus[DOMCONFIG_CPUS_MAX] = "";

	if (cfg->has_uuid)
		uuid_unparse_lower(cfg->uuid, uuid);
	if (cfg->has_cpus)
		domconfig_format_cpus(cfg->cpumap, cpus);
	GEN_OK(yajl_gen_map_open(g));
	if (gen_opt_str(g, "name", cfg->name) < 0 || gen_opt_str(g, "uuid", uuid) < 0 ||
	    gen_uint(g, "memory", cfg->memory_mib) < 0 ||
	    gen_uint(g, "maxmem", cfg->maxmem_mib) < 0 || gen_uint(g, "vcpus", cfg->vcpus) < 0 ||
	    gen_opt_str(g, "cpus", cpus) < 0 || gen_opt_str(g, "kernel", cfg->kernel) < 0 ||
	    gen_opt_str(g, "ramdisk", cfg->ramdisk) < 0 ||
	    gen_opt_str(g, "extra", cfg->extra) < 0 || gen_opt_str(g, "root", cfg->root) < 0 ||
	    gen_actions(g, cfg) < 0 || gen_uint(g, "rma", domconfig_rma_mib(cfg)) < 0 ||
	    gen_devices(g, cfg) < 0)
		return -1;
	GEN_OK(yajl_gen_map_close(g));
	return 0;
}

char *domconfig_to_json(const struct domconfig *cfg, bool pretty)
{
	yajl_gen g = yajl_gen_alloc(NULL);
	const unsigned char *buf;
	size_t len;
	char *out = NULL;

	if (g == NULL)
		return NULL;
	if (pretty) {
		yajl_gen_config(g, yajl_gen_beautify, 1);
		yajl_gen_config(g, yajl_gen_indent_string, "  ");
	}
	if (domconfig_gen_json(cfg, g) == 0 &&
	    yajl_gen_get_buf(g, &buf, &len) == yajl_gen_status_ok) {
		out = malloc(len + 1);
		if (out != NULL) {
			memcpy(out, buf, len);
			out[len] = '\0';
		}
	}
	yajl_gen_free(g);
	return out;
}
