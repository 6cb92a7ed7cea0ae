/*
 * domconfig: parsers for single values (sizes, cpu lists, names), shared by
 * the config-file keys, the JSON decoder and xmctl's arguments.
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include "domconfig.h"
#include "domconfig_int.h"
#include "xenppc/domctl.h"

/* All digits: such a name could not be told apart from a domain id. */
static bool all_digits(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* 8-4-4-4-12 hex: such a name could not be told apart from a UUID. */
static bool uuid_shaped(const char *s)
{
	static const char pattern[] = "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx";

	if (strlen(s) != sizeof(pattern) - 1)
		return false;
	for (size_t i = 0; pattern[i] != '\0'; i++) {
		if (pattern[i] == '-' ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return false;
	}
	return true;
}

int domconfig_check_name(const char *name, struct domconfig_error *err)
{
	size_t len = strlen(name);

	if (len == 0)
		return domconfig_fail(err, "name", "name is empty");
	if (len >= DOMCONFIG_NAME_MAX)
		return domconfig_fail(err, "name", "name is longer than %d characters",
		                      DOMCONFIG_NAME_MAX - 1);
	for (size_t i = 0; i < len; i++)
		if (name[i] <= ' ' || name[i] > '~')
			return domconfig_fail(err, "name",
			                      "name may hold only printable ASCII without spaces");
	if (all_digits(name))
		return domconfig_fail(err, "name", "name '%s' is a number, which reads as a domain id",
		                      name);
	if (uuid_shaped(name))
		return domconfig_fail(err, "name", "name '%s' reads as a UUID", name);
	return 0;
}

/* Decimal digits to *v without overflow; *end is left after the digits. */
static int parse_u64(const char *s, const char **end, uint64_t *v)
{
	uint64_t x = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	for (; isdigit((unsigned char)*s); s++) {
		unsigned d = (unsigned)(*s - '0');
		if (x > (UINT64_MAX - d) / 10)
			return -1;
		x = x * 10 + d;
	}
	*end = s;
	*v = x;
	return 0;
}

/* The KiB multiplier of a unit suffix ("", K, M, G, T, with optional "iB"/"B"). */
static int unit_kib(const char *u, uint64_t *kib)
{
	static const struct { char c; uint64_t kib; } units[] = {
		{ 'K', 1 }, { 'M', 1024 }, { 'G', 1024 * 1024 }, { 'T', 1024ULL * 1024 * 1024 },
	};

	if (*u == '\0') {
		*kib = 1024;    /* no unit: MiB, as xm */
		return 0;
	}
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (toupper((unsigned char)u[0]) != units[i].c)
			continue;
		if (u[1] == '\0' || strcmp(u + 1, "iB") == 0 || strcmp(u + 1, "B") == 0) {
			*kib = units[i].kib;
			return 0;
		}
	}
	return -1;
}

int domconfig_parse_mib(const char *s, uint64_t *mib, struct domconfig_error *err)
{
	const char *end;
	uint64_t n, kib;

	if (parse_u64(s, &end, &n) < 0)
		return domconfig_fail(err, NULL, "'%s' is not a size (a number of MiB, or with "
		                      "a unit K, M, G or T)", s);
	if (unit_kib(end, &kib) < 0)
		return domconfig_fail(err, NULL, "'%s' has an unknown unit '%s' (use K, M, G or T)",
		                      s, end);
	if (n > UINT64_MAX / kib)
		return domconfig_fail(err, NULL, "'%s' is too large", s);
	n *= kib;
	if (n % 1024 != 0)
		return domconfig_fail(err, NULL, "'%s' is not a whole number of MiB", s);
	n /= 1024;
	if (n == 0)
		return domconfig_fail(err, NULL, "'%s' is zero", s);
	if (n > DOMCONFIG_MEMORY_MAX_MIB)
		return domconfig_fail(err, NULL, "'%s' is more than %llu MiB", s,
		                      (unsigned long long)DOMCONFIG_MEMORY_MAX_MIB);
	*mib = n;
	return 0;
}

int domconfig_rma_log_from_mib(uint64_t mib, unsigned *log, struct domconfig_error *err)
{
	unsigned l = 20;

	while (l < 63 && ((uint64_t)1 << (l - 20)) < mib)
		l++;
	if (((uint64_t)1 << (l - 20)) != mib || !XENPPC_RMA_LOG_IS_VALID(l))
		return domconfig_fail(err, "rma", "RMA size %llu MiB is not one the 970 supports "
		                      "(64M, 128M, 256M, 1G, 16G, 256G)", (unsigned long long)mib);
	*log = l;
	return 0;
}

/* One cpu number below DOMCONFIG_MAX_CPUS. */
static int parse_cpu(const char **s, unsigned *cpu)
{
	uint64_t v;

	if (parse_u64(*s, s, &v) < 0 || v >= DOMCONFIG_MAX_CPUS)
		return -1;
	*cpu = (unsigned)v;
	return 0;
}

/* One item of a cpu list: "N", "N-M" or "^N"; adds to or removes from *map. */
static int parse_cpu_item(const char **s, uint64_t *map)
{
	bool exclude = false;
	unsigned lo, hi;

	if (**s == '^') {
		exclude = true;
		(*s)++;
	}
	if (parse_cpu(s, &lo) < 0)
		return -1;
	hi = lo;
	if (!exclude && **s == '-') {
		(*s)++;
		if (parse_cpu(s, &hi) < 0 || hi < lo)
			return -1;
	}
	for (unsigned c = lo; c <= hi; c++) {
		if (exclude)
			*map &= ~((uint64_t)1 << c);
		else
			*map |= (uint64_t)1 << c;
	}
	return 0;
}

int domconfig_parse_cpus(const char *s, uint64_t *map, struct domconfig_error *err)
{
	const char *p = s;
	uint64_t m = 0;

	for (;;) {
		while (*p == ' ')
			p++;
		if (parse_cpu_item(&p, &m) < 0)
			return domconfig_fail(err, "cpus", "'%s' is not a cpu list like \"0-3,^1\" "
			                      "(cpus 0..%d)", s, DOMCONFIG_MAX_CPUS - 1);
		while (*p == ' ')
			p++;
		if (*p == '\0')
			break;
		if (*p++ != ',')
			return domconfig_fail(err, "cpus", "'%s' is not a cpu list like \"0-3,^1\"", s);
	}
	if (m == 0)
		return domconfig_fail(err, "cpus", "'%s' names no cpu", s);
	*map = m;
	return 0;
}

void domconfig_format_cpus(uint64_t map, char *buf)
{
	size_t off = 0;

	buf[0] = '\0';
	for (unsigned c = 0; c < DOMCONFIG_MAX_CPUS; c++) {
		unsigned end = c;

		if (!(map & ((uint64_t)1 << c)))
			continue;
		while (end + 1 < DOMCONFIG_MAX_CPUS && (map & ((uint64_t)1 << (end + 1))))
			end++;
		/* 64 cpus as "n," or "n-m," fit DOMCONFIG_CPUS_MAX with room to spare. */
		if (end == c)
			off += (size_t)snprintf(buf + off, DOMCONFIG_CPUS_MAX - off, "%s%u",
			                        off ? "," : "", c);
		else
			off += (size_t)snprintf(buf + off, DOMCONFIG_CPUS_MAX - off, "%s%u-%u",
			                        off ? "," : "", c, end);
		c = end;
	}
}
