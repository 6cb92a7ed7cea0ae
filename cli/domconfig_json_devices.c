/*
 * domconfig: the "disk" and "vif" members of the JSON form.  Each object is
 * turned back into its xm spec and parsed by domconfig_devices.c, so a
 * device is valid in JSON exactly when it is valid in a config file.
 */
#include <stdio.h>
#include <string.h>
#include "domconfig.h"
#include "domconfig_int.h"

#define SPEC_MAX 1024   /* = the longest spec domconfig_devices.c takes */

static const char *const disk_members[] = { "type", "target", "vdev", "mode", "cdrom" };
static const char *const vif_members[] = { "mac", "bridge", "ip", "vifname", "model", "script" };

/* The member of obj called name, or NULL; unknown members are an error. */
static int check_members(const char *what, unsigned idx, yajl_val obj,
                         const char *const *names, size_t nr, struct domconfig_error *err)
{
	if (!YAJL_IS_OBJECT(obj))
		return domconfig_fail(err, what, "%s[%u]: must be an object", what, idx);
	for (size_t i = 0; i < obj->u.object.len; i++) {
		size_t j = 0;

		while (j < nr && strcmp(obj->u.object.keys[i], names[j]) != 0)
			j++;
		if (j == nr)
			return domconfig_fail(err, what, "%s[%u]: '%.40s' is not a member", what, idx,
			                      obj->u.object.keys[i]);
	}
	return 0;
}

/* A string member, "" when absent or null; commas would split the spec. */
static int member_str(const char *what, unsigned idx, yajl_val obj, const char *name,
                      const char **out, struct domconfig_error *err)
{
	const char *path[] = { name, NULL };
	yajl_val v = yajl_tree_get(obj, path, yajl_t_any);

	*out = "";
	if (v == NULL || YAJL_IS_NULL(v))
		return 0;
	if (!YAJL_IS_STRING(v))
		return domconfig_fail(err, what, "%s[%u].%s: must be a string", what, idx, name);
	if (strchr(v->u.string, ',') != NULL)
		return domconfig_fail(err, what, "%s[%u].%s: may not hold a comma", what, idx, name);
	*out = v->u.string;
	return 0;
}

static int dec_disk(struct domconfig *cfg, unsigned idx, yajl_val obj, struct domconfig_error *err)
{
	const char *type, *target, *vdev, *mode;
	const char *path[] = { "cdrom", NULL };
	yajl_val cd = yajl_tree_get(obj, path, yajl_t_any);
	char spec[SPEC_MAX];

	if (check_members("disk", idx, obj, disk_members, 5, err) < 0 ||
	    member_str("disk", idx, obj, "type", &type, err) < 0 ||
	    member_str("disk", idx, obj, "target", &target, err) < 0 ||
	    member_str("disk", idx, obj, "vdev", &vdev, err) < 0 ||
	    member_str("disk", idx, obj, "mode", &mode, err) < 0)
		return -1;
	if (cd != NULL && !YAJL_IS_TRUE(cd) && !YAJL_IS_FALSE(cd))
		return domconfig_fail(err, "disk", "disk[%u].cdrom: must be true or false", idx);
	if ((size_t)snprintf(spec, sizeof(spec), "%s:%s,%s%s,%s", type, target, vdev,
	                     cd != NULL && YAJL_IS_TRUE(cd) ? ":cdrom" : "", mode) >= sizeof(spec))
		return domconfig_fail(err, "disk", "disk[%u]: too long", idx);
	if (domconfig_parse_disk(spec, &cfg->disk[idx], err) < 0) {
		char msg[DOMCONFIG_ERR_MAX];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		return domconfig_fail(err, "disk", "disk[%u]: %s", idx, msg);
	}
	return 0;
}

/* Appends ", name=value" to spec when value is set. */
static int append_kv(char *spec, size_t *off, const char *name, const char *value)
{
	int n;

	if (value[0] == '\0')
		return 0;
	n = snprintf(spec + *off, SPEC_MAX - *off, "%s%s=%s", *off ? "," : "", name, value);
	if (n < 0 || (size_t)n >= SPEC_MAX - *off)
		return -1;
	*off += (size_t)n;
	return 0;
}

static int dec_vif(struct domconfig *cfg, unsigned idx, yajl_val obj, struct domconfig_error *err)
{
	char spec[SPEC_MAX] = "";
	size_t off = 0;

	if (check_members("vif", idx, obj, vif_members, 6, err) < 0)
		return -1;
	for (size_t i = 0; i < 6; i++) {
		const char *v;

		if (member_str("vif", idx, obj, vif_members[i], &v, err) < 0)
			return -1;
		if (append_kv(spec, &off, vif_members[i], v) < 0)
			return domconfig_fail(err, "vif", "vif[%u]: too long", idx);
	}
	if (domconfig_parse_vif(spec, &cfg->vif[idx], err) < 0) {
		char msg[DOMCONFIG_ERR_MAX];

		snprintf(msg, sizeof(msg), "%s", err->msg);
		return domconfig_fail(err, "vif", "vif[%u]: %s", idx, msg);
	}
	return 0;
}

int domconfig_json_dec_devices(struct domconfig *cfg, const char *key, yajl_val v,
                               struct domconfig_error *err)
{
	bool disk = strcmp(key, "disk") == 0;
	unsigned max = disk ? DOMCONFIG_MAX_DISKS : DOMCONFIG_MAX_VIFS;

	if (!YAJL_IS_ARRAY(v))
		return domconfig_fail(err, key, "%s: must be an array", key);
	if (v->u.array.len > max)
		return domconfig_fail(err, key, "%s: more than %u entries", key, max);
	for (unsigned i = 0; i < v->u.array.len; i++) {
		int rc = disk ? dec_disk(cfg, i, v->u.array.values[i], err)
		              : dec_vif(cfg, i, v->u.array.values[i], err);
		if (rc < 0)
			return -1;
	}
	if (disk)
		cfg->nr_disks = (unsigned)v->u.array.len;
	else
		cfg->nr_vifs = (unsigned)v->u.array.len;
	return 0;
}
