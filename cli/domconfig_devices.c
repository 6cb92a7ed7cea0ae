/*
 * domconfig: xm's disk and vif specs.  There is no virtual IO yet, but the
 * specs are checked as strictly as xend would, so a config that passes here
 * keeps working when block and network backends arrive.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include "domconfig.h"
#include "domconfig_int.h"

#define DEVSPEC_MAX_FIELDS 8   /* a vif has six keys; room to report extras */
#define DEVSPEC_BUF_MAX    1024 /* longest disk or vif spec */

/* Backend types xend's blkif knew on PowerPC. */
static const char *const disk_types[] = { "phy", "file", "tap:aio", "tap:sync", "tap:qcow" };

static char *trim(char *s)
{
	char *e;

	while (isspace((unsigned char)*s))
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* Splits a copy of spec at commas into trimmed fields; returns their count or -1. */
static int split_fields(const char *spec, char *buf, char *field[DEVSPEC_MAX_FIELDS])
{
	int n = 0;
	char *p;

	if (domconfig_copy(buf, DEVSPEC_BUF_MAX, spec) < 0)
		return -1;
	p = buf;
	for (;;) {
		char *comma = strchr(p, ',');

		if (n == DEVSPEC_MAX_FIELDS)
			return -1;
		if (comma != NULL)
			*comma = '\0';
		field[n++] = trim(p);
		if (comma == NULL)
			return n;
		p = comma + 1;
	}
}

/* "phy:/dev/sda1" -> type "phy", target "/dev/sda1"; "tap:aio:/img" -> "tap:aio". */
static int parse_uname(const char *uname, struct domconfig_disk *d, struct domconfig_error *err)
{
	const char *colon = strchr(uname, ':');
	size_t tlen;

	if (colon != NULL && strncmp(uname, "tap:", 4) == 0)
		colon = strchr(uname + 4, ':');
	if (colon == NULL)
		return domconfig_fail(err, "disk", "'%s' has no type (phy:, file: or tap:aio:)",
		                      uname);
	tlen = (size_t)(colon - uname);
	for (size_t i = 0; i < sizeof(disk_types) / sizeof(disk_types[0]); i++) {
		if (strlen(disk_types[i]) == tlen && strncmp(disk_types[i], uname, tlen) == 0) {
			memcpy(d->type, uname, tlen);
			d->type[tlen] = '\0';
		}
	}
	if (d->type[0] == '\0')
		return domconfig_fail(err, "disk", "'%.*s' is not a disk type (phy, file, tap:aio, "
		                      "tap:sync, tap:qcow)", (int)tlen, uname);
	if (colon[1] == '\0')
		return domconfig_fail(err, "disk", "'%s' names no device or file", uname);
	if (domconfig_copy(d->target, sizeof(d->target), colon + 1) < 0)
		return domconfig_fail(err, "disk", "path is longer than %d characters",
		                      DOMCONFIG_PATH_MAX - 1);
	if (strcmp(d->type, "phy") != 0 && d->target[0] != '/')
		return domconfig_fail(err, "disk", "image '%s' must be an absolute path", d->target);
	return 0;
}

/* "xvda1", "sdb", "hdc:cdrom": a prefix of letters, a disk letter, a partition. */
static int parse_vdev(const char *vdev, struct domconfig_disk *d, struct domconfig_error *err)
{
	static const char *const prefixes[] = { "xvd", "sd", "hd" };
	const char *colon = strchr(vdev, ':');
	size_t len = colon ? (size_t)(colon - vdev) : strlen(vdev);
	const char *p = NULL;

	if (colon != NULL && strcmp(colon, ":cdrom") != 0)
		return domconfig_fail(err, "disk", "'%s': only ':cdrom' may follow a device", vdev);
	if (len >= sizeof(d->vdev))
		return domconfig_fail(err, "disk", "virtual device '%s' is too long", vdev);
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(vdev, prefixes[i], strlen(prefixes[i])) == 0)
			p = vdev + strlen(prefixes[i]);
	if (p == NULL || !islower((unsigned char)*p))
		return domconfig_fail(err, "disk", "'%.*s' is not a virtual device like xvda1, "
		                      "sdb or hdc", (int)len, vdev);
	while (islower((unsigned char)*p))
		p++;
	while (isdigit((unsigned char)*p))
		p++;
	if (p != vdev + len)
		return domconfig_fail(err, "disk", "'%.*s' is not a virtual device like xvda1, "
		                      "sdb or hdc", (int)len, vdev);
	memcpy(d->vdev, vdev, len);
	d->vdev[len] = '\0';
	d->cdrom = colon != NULL;
	return 0;
}

static int parse_mode(const char *mode, struct domconfig_disk *d, struct domconfig_error *err)
{
	for (unsigned i = 0; i < DOMCONFIG_DISK_MODE_COUNT; i++) {
		if (strcmp(mode, domconfig_disk_mode_name((enum domconfig_disk_mode)i)) == 0) {
			d->mode = (enum domconfig_disk_mode)i;
			if (d->cdrom && d->mode != DOMCONFIG_DISK_RO)
				return domconfig_fail(err, "disk", "a cdrom is read-only: use mode 'r'");
			return 0;
		}
	}
	return domconfig_fail(err, "disk", "mode '%s' is not r, w or w!", mode);
}

int domconfig_parse_disk(const char *spec, struct domconfig_disk *d, struct domconfig_error *err)
{
	char buf[DEVSPEC_BUF_MAX];
	char *f[DEVSPEC_MAX_FIELDS];
	int n = split_fields(spec, buf, f);

	memset(d, 0, sizeof(*d));
	if (n != 3)
		return domconfig_fail(err, "disk", "'%s' is not a disk spec like "
		                      "'phy:/dev/sda1,xvda1,w'", spec);
	if (parse_uname(f[0], d, err) < 0 || parse_vdev(f[1], d, err) < 0)
		return -1;
	return parse_mode(f[2], d, err);
}

void domconfig_format_disk(const struct domconfig_disk *d, char *buf)
{
	snprintf(buf, DOMCONFIG_DISK_SPEC_MAX, "%s:%s,%s%s,%s", d->type, d->target, d->vdev,
	         d->cdrom ? ":cdrom" : "", domconfig_disk_mode_name(d->mode));
}

/* 00:16:3e:xx:xx:xx; a multicast address can't be a NIC's. */
static int check_mac(const char *mac, struct domconfig_error *err)
{
	for (int i = 0; i < 17; i++) {
		bool ok = (i % 3 == 2) ? mac[i] == ':' : isxdigit((unsigned char)mac[i]) != 0;
		if (!ok)
			return domconfig_fail(err, "vif", "'%s' is not a MAC address like "
			                      "00:16:3e:00:00:01", mac);
	}
	if (mac[17] != '\0')
		return domconfig_fail(err, "vif", "'%s' is not a MAC address like 00:16:3e:00:00:01",
		                      mac);
	if (strtol((char[]){ mac[0], mac[1], '\0' }, NULL, 16) & 1)
		return domconfig_fail(err, "vif", "MAC address %s is a multicast address", mac);
	return 0;
}

/* Interface names: what Linux accepts for a netdev, below IFNAMSIZ. */
static int check_ifname(const char *what, const char *s, struct domconfig_error *err)
{
	for (const char *p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && strchr("_.-", *p) == NULL)
			return domconfig_fail(err, "vif", "%s '%s' is not an interface name", what, s);
	return 0;
}

/* ip= is a space-separated list of IPv4 addresses. */
static int check_ips(const char *s, struct domconfig_error *err)
{
	char buf[DOMCONFIG_IP_MAX];
	char *save = NULL;
	struct in_addr a;

	snprintf(buf, sizeof(buf), "%s", s);
	for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save))
		if (inet_pton(AF_INET, t, &a) != 1)
			return domconfig_fail(err, "vif", "'%s' is not an IPv4 address", t);
	return 0;
}

/* The vif keys: where each is stored and how it is checked. */
struct vif_key {
	const char *name;
	size_t offset, size;
	int (*check)(const char *value, struct domconfig_error *err);
};

static int check_bridge(const char *s, struct domconfig_error *err)
{
	return check_ifname("bridge", s, err);
}

static int check_vifname(const char *s, struct domconfig_error *err)
{
	return check_ifname("vifname", s, err);
}

static int check_model(const char *s, struct domconfig_error *err)
{
	for (const char *p = s; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-')
			return domconfig_fail(err, "vif", "model '%s' is not a NIC model name", s);
	return 0;
}

static int check_script(const char *s, struct domconfig_error *err)
{
	(void)s;
	(void)err;
	return 0;   /* any file name: xend looked it up in its scripts directory */
}

#define VIF_KEY(k, fn) { #k, offsetof(struct domconfig_vif, k), \
	sizeof(((struct domconfig_vif *)0)->k), fn }
static const struct vif_key vif_keys[] = {
	VIF_KEY(mac, check_mac),
	VIF_KEY(bridge, check_bridge),
	VIF_KEY(ip, check_ips),
	VIF_KEY(vifname, check_vifname),
	VIF_KEY(model, check_model),
	VIF_KEY(script, check_script),
};

/* One "key=value" of a vif spec. */
static int parse_vif_field(char *field, struct domconfig_vif *v, struct domconfig_error *err)
{
	char *eq = strchr(field, '=');
	const char *value;

	if (eq == NULL)
		return domconfig_fail(err, "vif", "'%s' is not key=value", field);
	*eq = '\0';
	value = trim(eq + 1);
	field = trim(field);
	for (size_t i = 0; i < sizeof(vif_keys) / sizeof(vif_keys[0]); i++) {
		char *dst = (char *)v + vif_keys[i].offset;

		if (strcmp(field, vif_keys[i].name) != 0)
			continue;
		if (dst[0] != '\0')
			return domconfig_fail(err, "vif", "'%s' is given twice", field);
		if (value[0] == '\0')
			return domconfig_fail(err, "vif", "'%s' is empty", field);
		if (domconfig_copy(dst, vif_keys[i].size, value) < 0)
			return domconfig_fail(err, "vif", "%s '%s' is longer than %zu characters",
			                      field, value, vif_keys[i].size - 1);
		return vif_keys[i].check(dst, err);
	}
	return domconfig_fail(err, "vif", "'%s' is not a vif key (mac, bridge, ip, vifname, "
	                      "model, script)", field);
}

int domconfig_parse_vif(const char *spec, struct domconfig_vif *v, struct domconfig_error *err)
{
	char buf[DEVSPEC_BUF_MAX];
	char *f[DEVSPEC_MAX_FIELDS];
	int n = split_fields(spec, buf, f);

	memset(v, 0, sizeof(*v));
	if (n < 0)
		return domconfig_fail(err, "vif", "vif spec is too long or has too many keys");
	if (n == 1 && f[0][0] == '\0')
		return 0;   /* '' : a vif with every default, as in xm */
	for (int i = 0; i < n; i++)
		if (parse_vif_field(f[i], v, err) < 0)
			return -1;
	return 0;
}
