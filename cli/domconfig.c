/*
 * domconfig: defaults, cross-key validation and the names of enumerations.
 * The per-value parsers are in domconfig_values.c, JSON in domconfig_json.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "domconfig.h"
#include "domconfig_int.h"
#include "xenppc/domctl.h"

static const char *const action_names[DOMCONFIG_ACTION_COUNT] = {
	[DOMCONFIG_ACTION_DESTROY] = "destroy",
	[DOMCONFIG_ACTION_RESTART] = "restart",
	[DOMCONFIG_ACTION_PRESERVE] = "preserve",
	[DOMCONFIG_ACTION_RENAME_RESTART] = "rename-restart",
};

static const char *const mode_names[DOMCONFIG_DISK_MODE_COUNT] = {
	[DOMCONFIG_DISK_RO] = "r",
	[DOMCONFIG_DISK_RW] = "w",
	[DOMCONFIG_DISK_RW_SHARED] = "w!",
};

int domconfig_fail(struct domconfig_error *err, const char *key, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return -1;
	snprintf(err->key, sizeof(err->key), "%s", key ? key : "");
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int domconfig_copy(char *dst, size_t size, const char *src)
{
	size_t len = strlen(src);

	if (len >= size)
		return -1;
	memcpy(dst, src, len + 1);
	return 0;
}

void domconfig_init(struct domconfig *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->memory_mib = DOMCONFIG_DEFAULT_MEMORY_MIB;
	cfg->vcpus = DOMCONFIG_DEFAULT_VCPUS;
	cfg->rma_log = DOMCONFIG_DEFAULT_RMA_LOG;
	cfg->on_poweroff = DOMCONFIG_ACTION_DESTROY;
	cfg->on_reboot = DOMCONFIG_ACTION_RESTART;
	cfg->on_crash = DOMCONFIG_ACTION_RESTART;
}

const char *domconfig_action_name(enum domconfig_action a)
{
	return (unsigned)a < DOMCONFIG_ACTION_COUNT ? action_names[a] : NULL;
}

int domconfig_action_parse(const char *s, enum domconfig_action *a)
{
	for (unsigned i = 0; i < DOMCONFIG_ACTION_COUNT; i++) {
		if (strcmp(s, action_names[i]) == 0) {
			*a = (enum domconfig_action)i;
			return 0;
		}
	}
	return -1;
}

const char *domconfig_disk_mode_name(enum domconfig_disk_mode m)
{
	return (unsigned)m < DOMCONFIG_DISK_MODE_COUNT ? mode_names[m] : NULL;
}

/* Two disks on one virtual device, or two vifs with one MAC, can't both work. */
static int check_duplicates(const struct domconfig *cfg, struct domconfig_error *err)
{
	for (unsigned i = 0; i < cfg->nr_disks; i++)
		for (unsigned j = 0; j < i; j++)
			if (strcmp(cfg->disk[i].vdev, cfg->disk[j].vdev) == 0)
				return domconfig_fail(err, "disk",
				                      "disk: virtual device '%s' is used by two disks",
				                      cfg->disk[i].vdev);
	for (unsigned i = 0; i < cfg->nr_vifs; i++)
		for (unsigned j = 0; j < i; j++)
			if (cfg->vif[i].mac[0] != '\0' &&
			    strcmp(cfg->vif[i].mac, cfg->vif[j].mac) == 0)
				return domconfig_fail(err, "vif", "vif: MAC address %s is used by two vifs",
				                      cfg->vif[i].mac);
	return 0;
}

/* The kernel command line is "root=ROOT EXTRA"; it has to fit the guest's. */
static int check_cmdline(const struct domconfig *cfg, struct domconfig_error *err)
{
	size_t len = strlen(cfg->extra);

	if (cfg->root[0] != '\0')
		len += strlen("root= ") + strlen(cfg->root);
	if (len >= DOMCONFIG_EXTRA_MAX)
		return domconfig_fail(err, cfg->root[0] ? "root" : "extra",
		                      "kernel command line (root and extra) is %zu bytes, "
		                      "longer than %d", len, DOMCONFIG_EXTRA_MAX - 1);
	return 0;
}

static int check_memory(struct domconfig *cfg, struct domconfig_error *err)
{
	uint64_t rma = domconfig_rma_mib(cfg);

	if (cfg->maxmem_mib == 0)
		cfg->maxmem_mib = cfg->memory_mib;
	if (cfg->maxmem_mib < cfg->memory_mib)
		return domconfig_fail(err, "maxmem", "maxmem %llu MiB is less than memory %llu MiB",
		                      (unsigned long long)cfg->maxmem_mib,
		                      (unsigned long long)cfg->memory_mib);
	if (cfg->memory_mib < rma)
		return domconfig_fail(err, "memory",
		                      "memory %llu MiB is less than the RMA (%llu MiB), "
		                      "which is part of it",
		                      (unsigned long long)cfg->memory_mib,
		                      (unsigned long long)rma);
	return 0;
}

int domconfig_validate(struct domconfig *cfg, struct domconfig_error *err)
{
	if (cfg->name[0] == '\0')
		return domconfig_fail(err, "name", "no name given");
	if (cfg->kernel[0] == '\0')
		return domconfig_fail(err, "kernel", "no kernel given");
	if (cfg->vcpus < 1 || cfg->vcpus > DOMCONFIG_MAX_VCPUS)
		return domconfig_fail(err, "vcpus", "vcpus must be 1..%d", DOMCONFIG_MAX_VCPUS);
	if (cfg->has_cpus && cfg->cpumap == 0)
		return domconfig_fail(err, "cpus", "cpus names no cpu");
	if ((unsigned)cfg->on_poweroff >= DOMCONFIG_ACTION_COUNT ||
	    (unsigned)cfg->on_reboot >= DOMCONFIG_ACTION_COUNT ||
	    (unsigned)cfg->on_crash >= DOMCONFIG_ACTION_COUNT)
		return domconfig_fail(err, "on_crash", "unknown action");
	if (!XENPPC_RMA_LOG_IS_VALID(cfg->rma_log))
		return domconfig_fail(err, "rma", "RMA size is not one the 970 supports");
	if (cfg->nr_disks > DOMCONFIG_MAX_DISKS || cfg->nr_vifs > DOMCONFIG_MAX_VIFS)
		return domconfig_fail(err, "disk", "too many devices");
	if (check_memory(cfg, err) < 0 || check_cmdline(cfg, err) < 0)
		return -1;
	return check_duplicates(cfg, err);
}
