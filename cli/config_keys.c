/*
 * The config keys: one table row per key, each with the value types it
 * takes and its own parser.  Adding a key is adding a row.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <uuid/uuid.h>
#include "config_parse.h"
#include "domconfig_int.h"

typedef int (*key_fn)(struct domconfig *cfg, const char *key, const struct config_value *v,
                      struct domconfig_error *err);

struct config_key {
	const char *name;
	unsigned types;              /* enum config_type bits it accepts */
	key_fn parse;
};

/* Re-words a value parser's message as "key: message". */
static int prefixed(struct domconfig_error *err, const char *key)
{
	char msg[DOMCONFIG_ERR_MAX];

	snprintf(msg, sizeof(msg), "%s", err->msg);
	return domconfig_fail(err, key, "%s: %s", key, msg);
}

static int set_text(char *dst, size_t size, const char *key, const char *s,
                    struct domconfig_error *err)
{
	if (domconfig_copy(dst, size, s) < 0)
		return domconfig_fail(err, key, "%s: longer than %zu characters", key, size - 1);
	return 0;
}

static int key_name(struct domconfig *cfg, const char *key, const struct config_value *v,
                    struct domconfig_error *err)
{
	if (domconfig_check_name(v->str, err) < 0)
		return -1;
	return set_text(cfg->name, sizeof(cfg->name), key, v->str, err);
}

static int key_uuid(struct domconfig *cfg, const char *key, const struct config_value *v,
                    struct domconfig_error *err)
{
	if (uuid_parse(v->str, cfg->uuid) != 0)
		return domconfig_fail(err, key, "uuid: '%s' is not a UUID like "
		                      "8c8e1e0a-8b19-4f0c-9d2e-0123456789ab", v->str);
	cfg->has_uuid = true;
	return 0;
}

/* An integer is MiB; a string may carry a unit ("1G"). */
static int get_mib(const char *key, const struct config_value *v, uint64_t *mib,
                   struct domconfig_error *err)
{
	if (v->type == CONFIG_STRING)
		return domconfig_parse_mib(v->str, mib, err) < 0 ? prefixed(err, key) : 0;
	if (v->num <= 0 || (unsigned long long)v->num > DOMCONFIG_MEMORY_MAX_MIB)
		return domconfig_fail(err, key, "%s: %lld MiB is not in 1..%llu", key, v->num,
		                      (unsigned long long)DOMCONFIG_MEMORY_MAX_MIB);
	*mib = (uint64_t)v->num;
	return 0;
}

static int key_memory(struct domconfig *cfg, const char *key, const struct config_value *v,
                      struct domconfig_error *err)
{
	return get_mib(key, v, strcmp(key, "memory") == 0 ? &cfg->memory_mib : &cfg->maxmem_mib,
	               err);
}

static int key_rma(struct domconfig *cfg, const char *key, const struct config_value *v,
                   struct domconfig_error *err)
{
	uint64_t mib = 0;

	if (get_mib(key, v, &mib, err) < 0)
		return -1;
	return domconfig_rma_log_from_mib(mib, &cfg->rma_log, err) < 0 ? prefixed(err, key) : 0;
}

static int key_vcpus(struct domconfig *cfg, const char *key, const struct config_value *v,
                     struct domconfig_error *err)
{
	if (v->num < 1 || v->num > DOMCONFIG_MAX_VCPUS)
		return domconfig_fail(err, key, "vcpus: %lld is not in 1..%d", v->num,
		                      DOMCONFIG_MAX_VCPUS);
	cfg->vcpus = (unsigned)v->num;
	return 0;
}

/* cpus = "0-3,^1", or a single cpu number. */
static int key_cpus(struct domconfig *cfg, const char *key, const struct config_value *v,
                    struct domconfig_error *err)
{
	char buf[32];
	const char *s = v->str;

	if (v->type == CONFIG_INT) {
		snprintf(buf, sizeof(buf), "%lld", v->num);
		s = buf;
	}
	if (domconfig_parse_cpus(s, &cfg->cpumap, err) < 0)
		return prefixed(err, key);
	cfg->has_cpus = true;
	return 0;
}

static int key_text(struct domconfig *cfg, const char *key, const struct config_value *v,
                    struct domconfig_error *err)
{
	if (strcmp(key, "kernel") == 0)
		return set_text(cfg->kernel, sizeof(cfg->kernel), key, v->str, err);
	if (strcmp(key, "ramdisk") == 0)
		return set_text(cfg->ramdisk, sizeof(cfg->ramdisk), key, v->str, err);
	if (strcmp(key, "extra") == 0)
		return set_text(cfg->extra, sizeof(cfg->extra), key, v->str, err);
	return set_text(cfg->root, sizeof(cfg->root), key, v->str, err);
}

static int key_action(struct domconfig *cfg, const char *key, const struct config_value *v,
                      struct domconfig_error *err)
{
	enum domconfig_action *dst = strcmp(key, "on_poweroff") == 0 ? &cfg->on_poweroff :
	                             strcmp(key, "on_reboot") == 0 ? &cfg->on_reboot :
	                             &cfg->on_crash;

	if (domconfig_action_parse(v->str, dst) < 0)
		return domconfig_fail(err, key, "%s: '%s' is not destroy, restart, preserve or "
		                      "rename-restart", key, v->str);
	return 0;
}

static int key_disk(struct domconfig *cfg, const char *key, const struct config_value *v,
                    struct domconfig_error *err)
{
	if (v->nr_items > DOMCONFIG_MAX_DISKS)
		return domconfig_fail(err, key, "disk: more than %d disks", DOMCONFIG_MAX_DISKS);
	for (size_t i = 0; i < v->nr_items; i++)
		if (domconfig_parse_disk(v->items[i], &cfg->disk[i], err) < 0)
			return prefixed(err, key);
	cfg->nr_disks = (unsigned)v->nr_items;
	return 0;
}

static int key_vif(struct domconfig *cfg, const char *key, const struct config_value *v,
                   struct domconfig_error *err)
{
	if (v->nr_items > DOMCONFIG_MAX_VIFS)
		return domconfig_fail(err, key, "vif: more than %d vifs", DOMCONFIG_MAX_VIFS);
	for (size_t i = 0; i < v->nr_items; i++)
		if (domconfig_parse_vif(v->items[i], &cfg->vif[i], err) < 0)
			return prefixed(err, key);
	cfg->nr_vifs = (unsigned)v->nr_items;
	return 0;
}

#define S CONFIG_STRING
#define I CONFIG_INT
#define L CONFIG_LIST
static const struct config_key keys[] = {
	{ "name",        S,     key_name },
	{ "uuid",        S,     key_uuid },
	{ "memory",      S | I, key_memory },
	{ "maxmem",      S | I, key_memory },
	{ "vcpus",       I,     key_vcpus },
	{ "cpus",        S | I, key_cpus },
	{ "kernel",      S,     key_text },
	{ "ramdisk",     S,     key_text },
	{ "extra",       S,     key_text },
	{ "root",        S,     key_text },
	{ "on_poweroff", S,     key_action },
	{ "on_reboot",   S,     key_action },
	{ "on_crash",    S,     key_action },
	{ "rma",         S | I, key_rma },
	{ "disk",        L,     key_disk },
	{ "vif",         L,     key_vif },
};
#undef S
#undef I
#undef L
#define NR_KEYS (sizeof(keys) / sizeof(keys[0]))

const char *config_key_name(size_t i)
{
	return i < NR_KEYS ? keys[i].name : NULL;
}

/* Edit distance, for "did you mean"; keys are short, so the O(n*m) table is tiny. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t row[CONFIG_KEY_MAX + 1];

	if (la > CONFIG_KEY_MAX || lb > CONFIG_KEY_MAX)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

/* The nearest key within a third of the word (at least 2 edits), or "". */
static void nearest(const char *key, char suggest[CONFIG_KEY_MAX])
{
	size_t best = SIZE_MAX, limit = strlen(key) / 3 > 2 ? strlen(key) / 3 : 2;

	suggest[0] = '\0';
	for (size_t i = 0; i < NR_KEYS; i++) {
		size_t d = distance(key, keys[i].name);

		if (d <= limit && d < best) {
			best = d;
			snprintf(suggest, CONFIG_KEY_MAX, "%s", keys[i].name);
		}
	}
}

static const char *type_name(enum config_type t)
{
	return t == CONFIG_STRING ? "a string" : t == CONFIG_INT ? "a number" : "a list";
}

/* "a string or a number" for a key's accepted types. */
static void types_text(unsigned types, char *buf, size_t size)
{
	const enum config_type all[] = { CONFIG_STRING, CONFIG_INT, CONFIG_LIST };
	size_t off = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < 3; i++)
		if (types & all[i])
			off += (size_t)snprintf(buf + off, size - off, "%s%s", off ? " or " : "",
			                        type_name(all[i]));
}

int config_key_apply(const char *key, const struct config_value *value,
                     struct domconfig *cfg, struct domconfig_error *dcerr,
                     char suggest[CONFIG_KEY_MAX])
{
	char want[64];

	for (size_t i = 0; i < NR_KEYS; i++) {
		if (strcmp(key, keys[i].name) != 0)
			continue;
		if (!(keys[i].types & value->type)) {
			types_text(keys[i].types, want, sizeof(want));
			return domconfig_fail(dcerr, key, "%s: expected %s, not %s", key, want,
			                      type_name(value->type));
		}
		return keys[i].parse(cfg, key, value, dcerr);
	}
	nearest(key, suggest);
	return -2;
}
