/*
 * domconfig: the resolved configuration of one domain.
 *
 * This is the model shared by xmctl and xmctld.  The xm config-file parser
 * (config_parse.h) produces it, `xmctl create -n` prints it as JSON, and the
 * daemon takes the same JSON as the params of domain.create/domain.define
 * and stores it.  Everything here is pure data: no call touches the
 * hypervisor, prints, or aborts.
 *
 * The struct holds fixed-size arrays, so it can be copied by assignment and
 * needs no free function.  Every limit is a named #define below; a value
 * that does not fit is an error, never truncated.
 *
 * Units: memory sizes are MiB, as in xm.  The RMA size is kept as log2 of
 * bytes (the form the hypervisor takes); its JSON form is MiB.
 *
 * JSON form (the keys are the config-file keys; every key is always
 * written, null where an optional value is absent):
 *   { "name": "web", "uuid": "8c8e...-..." | null,
 *     "memory": 256, "maxmem": 256, "vcpus": 2, "cpus": "0-1,3" | null,
 *     "kernel": "/boot/vmlinux", "ramdisk": null, "extra": "console=hvc0",
 *     "root": "/dev/xvda1",
 *     "on_poweroff": "destroy", "on_reboot": "restart", "on_crash": "restart",
 *     "rma": 64,
 *     "disk": [ { "type": "phy", "target": "/dev/sda1", "vdev": "xvda1",
 *                 "mode": "w", "cdrom": false } ],
 *     "vif":  [ { "mac": "00:16:3e:00:00:01" | null, "bridge": "xenbr0" | null,
 *                 "ip": null, "vifname": null, "model": null, "script": null } ] }
 * The decoder accepts the same document; missing optional keys take their
 * defaults, unknown keys are errors.
 */
#ifndef XMCTL_DOMCONFIG_H
#define XMCTL_DOMCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <yajl/yajl_gen.h>
#include <yajl/yajl_tree.h>

/* Limits.  Each is the buffer size including the terminating NUL. */
#define DOMCONFIG_NAME_MAX    64    /* = XEN_DOMAIN_NAME_MAX: the hypervisor stores it */
#define DOMCONFIG_PATH_MAX    512   /* kernel, ramdisk, disk targets */
#define DOMCONFIG_EXTRA_MAX   512   /* PowerPC Linux COMMAND_LINE_SIZE */
#define DOMCONFIG_ROOT_MAX    128   /* root= device; joined to extra at build */
#define DOMCONFIG_CPUS_MAX    256   /* the normalised "0-3,5" form */
#define DOMCONFIG_VDEV_MAX    16    /* "xvda1" */
#define DOMCONFIG_DISKTYPE_MAX 16   /* "phy", "file", "tap:aio" */
#define DOMCONFIG_MAC_MAX     18    /* "00:16:3e:00:00:01" */
#define DOMCONFIG_IFNAME_MAX  16    /* = IFNAMSIZ: bridge and vifname */
#define DOMCONFIG_IP_MAX      64
#define DOMCONFIG_MODEL_MAX   32
#define DOMCONFIG_SCRIPT_MAX  128
#define DOMCONFIG_UUID_STR    37    /* 36 characters + NUL */

#define DOMCONFIG_MAX_DISKS   16    /* xvda..xvdp: one vbd controller's worth */
#define DOMCONFIG_MAX_VIFS    8
#define DOMCONFIG_MAX_VCPUS   32    /* = MAX_VIRT_CPUS */
#define DOMCONFIG_MAX_CPUS    64    /* physical cpus a cpus= mask can name */
#define DOMCONFIG_MEMORY_MAX_MIB (1ULL << 20)  /* 1 TiB: more than any JS2x blade */
#define DOMCONFIG_JSON_MAX    (64 * 1024)      /* longest JSON document decoded */
#define DOMCONFIG_ERR_MAX     256   /* longest error message */

/* Defaults, as xm's create.py. */
#define DOMCONFIG_DEFAULT_MEMORY_MIB 128
#define DOMCONFIG_DEFAULT_VCPUS      1
#define DOMCONFIG_DEFAULT_RMA_LOG    26  /* 64 MiB, = XENPPC_RMA_LOG_DEFAULT */

/* What the toolstack does when a domain powers off, reboots or crashes. */
enum domconfig_action {
	DOMCONFIG_ACTION_DESTROY,
	DOMCONFIG_ACTION_RESTART,
	DOMCONFIG_ACTION_PRESERVE,
	DOMCONFIG_ACTION_RENAME_RESTART,
	DOMCONFIG_ACTION_COUNT
};

enum domconfig_disk_mode {
	DOMCONFIG_DISK_RO,          /* "r" */
	DOMCONFIG_DISK_RW,          /* "w" */
	DOMCONFIG_DISK_RW_SHARED,   /* "w!": writable even if another domain has it */
	DOMCONFIG_DISK_MODE_COUNT
};

/* One xm disk spec: 'phy:/dev/sda1,xvda1,w'. */
struct domconfig_disk {
	char type[DOMCONFIG_DISKTYPE_MAX];
	char target[DOMCONFIG_PATH_MAX];
	char vdev[DOMCONFIG_VDEV_MAX];
	enum domconfig_disk_mode mode;
	bool cdrom;                 /* vdev given as "hdc:cdrom" */
};

/* One xm vif spec: 'mac=00:16:3e:00:00:01, bridge=xenbr0'.  "" = unset. */
struct domconfig_vif {
	char mac[DOMCONFIG_MAC_MAX];
	char bridge[DOMCONFIG_IFNAME_MAX];
	char ip[DOMCONFIG_IP_MAX];
	char vifname[DOMCONFIG_IFNAME_MAX];
	char model[DOMCONFIG_MODEL_MAX];
	char script[DOMCONFIG_SCRIPT_MAX];
};

/* Strings are "" when unset. */
struct domconfig {
	char name[DOMCONFIG_NAME_MAX];
	bool has_uuid;
	uint8_t uuid[16];
	uint64_t memory_mib;
	uint64_t maxmem_mib;
	unsigned vcpus;
	bool has_cpus;
	uint64_t cpumap;            /* bit n = physical cpu n may be used */
	char kernel[DOMCONFIG_PATH_MAX];
	char ramdisk[DOMCONFIG_PATH_MAX];
	char extra[DOMCONFIG_EXTRA_MAX];
	char root[DOMCONFIG_ROOT_MAX];
	enum domconfig_action on_poweroff, on_reboot, on_crash;
	unsigned rma_log;           /* log2 of the RMA size in bytes */
	unsigned nr_disks;
	struct domconfig_disk disk[DOMCONFIG_MAX_DISKS];
	unsigned nr_vifs;
	struct domconfig_vif vif[DOMCONFIG_MAX_VIFS];
};

/*
 * An error: the message, and the config key it is about ("" if none), so a
 * file parser can prefix the line where that key was set.
 */
struct domconfig_error {
	char key[32];
	char msg[DOMCONFIG_ERR_MAX];
};

/* Fills *cfg with xm's defaults: no name, no kernel, 128 MiB, 1 vcpu... */
void domconfig_init(struct domconfig *cfg);

/*
 * Checks what no single key can check alone: a name and a kernel are
 * present, maxmem >= memory, memory >= the RMA, cpus names enough cpus...
 * Fills maxmem from memory when it is 0.  Returns 0, or -1 with *err set.
 */
int domconfig_validate(struct domconfig *cfg, struct domconfig_error *err);

/*
 * Per-value checks, shared by the file parser, the JSON decoder and xmctl's
 * argument handling.  Each returns 0, or -1 with a message in err->msg.
 */
int domconfig_check_name(const char *name, struct domconfig_error *err);
/* "64", "64M", "1G", "65536K": whole MiB in 1..DOMCONFIG_MEMORY_MAX_MIB. */
int domconfig_parse_mib(const char *s, uint64_t *mib, struct domconfig_error *err);
/* An RMA size in MiB (64, 128, 256, 1024, 16384, 262144) to its log2 of bytes. */
int domconfig_rma_log_from_mib(uint64_t mib, unsigned *log, struct domconfig_error *err);
/* "0-3,5,^2" to a bitmap of cpus below DOMCONFIG_MAX_CPUS. */
int domconfig_parse_cpus(const char *s, uint64_t *map, struct domconfig_error *err);
/* The bitmap back to its shortest "0-3,5" form; buf has DOMCONFIG_CPUS_MAX bytes. */
void domconfig_format_cpus(uint64_t map, char *buf);
/* 'phy:/dev/sda1,xvda1,w' */
int domconfig_parse_disk(const char *spec, struct domconfig_disk *d, struct domconfig_error *err);
/* 'mac=00:16:3e:00:00:01, bridge=xenbr0' ("" is a vif with every default) */
int domconfig_parse_vif(const char *spec, struct domconfig_vif *v, struct domconfig_error *err);
/* Formats a disk back into xm's spec; buf has room for DOMCONFIG_DISK_SPEC_MAX. */
#define DOMCONFIG_DISK_SPEC_MAX (DOMCONFIG_DISKTYPE_MAX + DOMCONFIG_PATH_MAX + DOMCONFIG_VDEV_MAX + 16)
void domconfig_format_disk(const struct domconfig_disk *d, char *buf);

/* Names of actions and disk modes; NULL if out of range / -1 if unknown. */
const char *domconfig_action_name(enum domconfig_action a);
int domconfig_action_parse(const char *s, enum domconfig_action *a);
const char *domconfig_disk_mode_name(enum domconfig_disk_mode m);

/* The RMA size in MiB. */
static inline uint64_t domconfig_rma_mib(const struct domconfig *cfg)
{
	return (uint64_t)1 << (cfg->rma_log - 20);
}

/*
 * JSON.  domconfig_gen_json() writes the object (see the top of this file)
 * into a generator the caller owns, so it can be embedded in a larger
 * document (the daemon's replies); returns 0 or -1 on a generator error.
 * domconfig_to_json() returns a malloc'd NUL-terminated document (the
 * caller frees it), or NULL when out of memory.
 */
int domconfig_gen_json(const struct domconfig *cfg, yajl_gen g);
char *domconfig_to_json(const struct domconfig *cfg, bool pretty);

/*
 * domconfig_from_json_value() decodes a parsed object (e.g. the params of a
 * JSON-RPC request); domconfig_from_json() parses text of at most
 * DOMCONFIG_JSON_MAX bytes.  Both start from domconfig_init(), then run
 * domconfig_validate(); they return 0, or -1 with err->msg naming the
 * offending member ("disk[1].mode: ...").
 */
int domconfig_from_json_value(struct domconfig *cfg, yajl_val obj, struct domconfig_error *err);
int domconfig_from_json(struct domconfig *cfg, const char *text, size_t len,
                        struct domconfig_error *err);

#endif /* XMCTL_DOMCONFIG_H */
