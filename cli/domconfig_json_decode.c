/*
 * domconfig: decoding the JSON form.  Each member is a table row with its
 * own decoder; disks and vifs are turned back into xm specs and go through
 * the same parsers as config files, so both paths accept exactly the same
 * devices.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uuid/uuid.h>
#include "domconfig.h"
#include "domconfig_int.h"

typedef int (*member_fn)(struct domconfig *cfg, const char *key, yajl_val v,
                         struct domconfig_error *err);

static int want_string(const char *key, yajl_val v, bool nullable, struct domconfig_error *err)
{
	if (YAJL_IS_STRING(v) || (nullable && YAJL_IS_NULL(v)))
		return 0;
	return domconfig_fail(err, key, "%s: must be a string%s", key, nullable ? " or null" : "");
}

/* A string member stored in a char array; null and "" both mean unset. */
static int dec_text(char *dst, size_t size, const char *key, yajl_val v,
                    struct domconfig_error *err)
{
	if (want_string(key, v, true, err) < 0)
		return -1;
	if (YAJL_IS_NULL(v))
		return 0;
	if (domconfig_copy(dst, size, v->u.string) < 0)
		return domconfig_fail(err, key, "%s: longer than %zu characters", key, size - 1);
	return 0;
}

static int dec_uint(const char *key, yajl_val v, uint64_t lo, uint64_t hi, uint64_t *out,
                    struct domconfig_error *err)
{
	if (!YAJL_IS_INTEGER(v) || v->u.number.i < 0 || (uint64_t)v->u.number.i < lo ||
	    (uint64_t)v->u.number.i > hi)
		return domconfig_fail(err, key, "%s: must be an integer in %llu..%llu", key,
		                      (unsigned long long)lo, (unsigned long long)hi);
	*out = (uint64_t)v->u.number.i;
	return 0;
}

static int dec_name(struct domconfig *cfg, const char *key, yajl_val v, struct domconfig_error *err)
{
	if (want_string(key, v, false, err) < 0 || domconfig_check_name(v->u.string, err) < 0)
		return -1;
	return domconfig_copy(cfg->name, sizeof(cfg->name), v->u.string);
}

static int dec_uuid(struct domconfig *cfg, const char *key, yajl_val v, struct domconfig_error *err)
{
	if (want_string(key, v, true, err) < 0)
		return -1;
	if (YAJL_IS_NULL(v))
		return 0;
	if (uuid_parse(v->u.string, cfg->uuid) != 0)
		return domconfig_fail(err, key, "uuid: '%s' is not a UUID", v->u.string);
	cfg->has_uuid = true;
	return 0;
}

static int dec_memory(struct domconfig *cfg, const char *key, yajl_val v,
                      struct domconfig_error *err)
{
	uint64_t *dst = strcmp(key, "memory") == 0 ? &cfg->memory_mib : &cfg->maxmem_mib;

	return dec_uint(key, v, 1, DOMCONFIG_MEMORY_MAX_MIB, dst, err);
}

static int dec_vcpus(struct domconfig *cfg, const char *key, yajl_val v, struct domconfig_error *err)
{
	uint64_t n = 0;

	if (dec_uint(key, v, 1, DOMCONFIG_MAX_VCPUS, &n, err) < 0)
		return -1;
	cfg->vcpus = (unsigned)n;
	return 0;
}

static int dec_cpus(struct domconfig *cfg, const char *key, yajl_val v, struct domconfig_error *err)
{
	if (want_string(key, v, true, err) < 0)
		return -1;
	if (YAJL_IS_NULL(v))
		return 0;
	if (domconfig_parse_cpus(v->u.string, &cfg->cpumap, err) < 0)
		return -1;
	cfg->has_cpus = true;
	return 0;
}

static int dec_path(struct domconfig *cfg, const char *key, yajl_val v, struct domconfig_error *err)
{
	if (strcmp(key, "kernel") == 0)
		return dec_text(cfg->kernel, sizeof(cfg->kernel), key, v, err);
	if (strcmp(key, "ramdisk") == 0)
		return dec_text(cfg->ramdisk, sizeof(cfg->ramdisk), key, v, err);
	if (strcmp(key, "extra") == 0)
		return dec_text(cfg->extra, sizeof(cfg->extra), key, v, err);
	return dec_text(cfg->root, sizeof(cfg->root), key, v, err);
}

static int dec_action(struct domconfig *cfg, const char *key, yajl_val v,
                      struct domconfig_error *err)
{
	enum domconfig_action *dst = strcmp(key, "on_poweroff") == 0 ? &cfg->on_poweroff :
	                             strcmp(key, "on_reboot") == 0 ? &cfg->on_reboot :
	                             &cfg->on_crash;

	if (want_string(key, v, false, err) < 0)
		return -1;
	if (domconfig_action_parse(v->u.string, dst) < 0)
		return domconfig_fail(err, key, "%s: '%s' is not destroy, restart, preserve or "
		                      "rename-restart", key, v->u.string);
	return 0;
}

static int dec_rma(struct domconfig *cfg, const char *key, yajl_val v, struct domconfig_error *err)
{
	uint64_t mib = 0;

	if (dec_uint(key, v, 1, DOMCONFIG_MEMORY_MAX_MIB, &mib, err) < 0)
		return -1;
	return domconfig_rma_log_from_mib(mib, &cfg->rma_log, err);
}

static const struct {
	const char *key;
	member_fn fn;
} members[] = {
	{ "name", dec_name },         { "uuid", dec_uuid },
	{ "memory", dec_memory },     { "maxmem", dec_memory },
	{ "vcpus", dec_vcpus },       { "cpus", dec_cpus },
	{ "kernel", dec_path },       { "ramdisk", dec_path },
	{ "extra", dec_path },        { "root", dec_path },
	{ "on_poweroff", dec_action }, { "on_reboot", dec_action },
	{ "on_crash", dec_action },   { "rma", dec_rma },
	{ "disk", domconfig_json_dec_devices }, { "vif", domconfig_json_dec_devices },
};
#define NR_MEMBERS (sizeof(members) / sizeof(members[0]))
_Static_assert(NR_MEMBERS <= 32, "the seen mask is 32 bits");

/* One member: find its row, refuse repeats, decode. */
static int dec_member(struct domconfig *cfg, const char *key, yajl_val v, uint32_t *seen,
                      struct domconfig_error *err)
{
	for (size_t i = 0; i < NR_MEMBERS; i++) {
		if (strcmp(key, members[i].key) != 0)
			continue;
		if (*seen & (1U << i))
			return domconfig_fail(err, key, "%s: given twice", key);
		*seen |= 1U << i;
		return members[i].fn(cfg, key, v, err);
	}
	return domconfig_fail(err, NULL, "'%.40s' is not a domain config member", key);
}

int domconfig_from_json_value(struct domconfig *cfg, yajl_val obj, struct domconfig_error *err)
{
	uint32_t seen = 0;

	domconfig_init(cfg);
	if (!YAJL_IS_OBJECT(obj))
		return domconfig_fail(err, NULL, "a domain config must be a JSON object");
	for (size_t i = 0; i < obj->u.object.len; i++)
		if (dec_member(cfg, obj->u.object.keys[i], obj->u.object.values[i], &seen, err) < 0)
			return -1;
	return domconfig_validate(cfg, err);
}

int domconfig_from_json(struct domconfig *cfg, const char *text, size_t len,
                        struct domconfig_error *err)
{
	char ebuf[128] = "";
	char *copy;
	yajl_val v;
	int rc;

	if (len > DOMCONFIG_JSON_MAX)
		return domconfig_fail(err, NULL, "JSON config is longer than %d bytes",
		                      DOMCONFIG_JSON_MAX);
	if (memchr(text, '\0', len) != NULL)
		return domconfig_fail(err, NULL, "JSON config holds a NUL byte");
	/* yajl_tree_parse wants a C string; the input may not end in NUL. */
	copy = malloc(len + 1);
	if (copy == NULL)
		return domconfig_fail(err, NULL, "out of memory");
	memcpy(copy, text, len);
	copy[len] = '\0';
	v = yajl_tree_parse(copy, ebuf, sizeof(ebuf));
	free(copy);
	if (v == NULL) {
		ebuf[strcspn(ebuf, "\n")] = '\0';
		return domconfig_fail(err, NULL, "JSON config does not parse: %s",
		                      ebuf[0] ? ebuf : "out of memory");
	}
	rc = domconfig_from_json_value(cfg, v, err);
	yajl_tree_free(v);
	return rc;
}
