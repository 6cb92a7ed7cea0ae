/*
 * The managed-domain table (domtab.h): a dense array for iteration and a
 * hash on the UUID, because every event and list entry from the hypervisor
 * is matched by UUID and the table may hold thousands of domains.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "domtab.h"
#include "ratelimit.h"

/* Hash buckets: a power of two above XMCTLD_MAX_MANAGED. */
#define DOMTAB_BUCKETS 8192

static struct dom **doms;
static unsigned ndoms, cap;
static struct dom *buckets[DOMTAB_BUCKETS];

static unsigned bucket(const uint8_t u[16])
{
	unsigned h = 2166136261u, i;

	for (i = 0; i < 16; i++)
		h = (h ^ u[i]) * 16777619u;
	return h & (DOMTAB_BUCKETS - 1);
}

struct dom *domtab_add(const struct domrec *r)
{
	struct dom *d;
	unsigned b;

	if (ndoms == cap) {
		unsigned ncap = cap ? cap * 2 : 64;
		struct dom **p = realloc(doms, ncap * sizeof(*p));

		if (!p)
			return NULL;
		doms = p;
		cap = ncap;
	}
	d = calloc(1, sizeof(*d));
	if (!d)
		return NULL;
	d->rec = *r;
	d->domid = DOMID_NONE;
	d->policy_done = DOMID_NONE;
	b = bucket(r->cfg.uuid);
	d->hnext = buckets[b];
	buckets[b] = d;
	doms[ndoms++] = d;
	return d;
}

void domtab_remove(struct dom *d)
{
	struct dom **pp = &buckets[bucket(d->rec.cfg.uuid)];
	unsigned i;

	while (*pp && *pp != d)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = d->hnext;
	for (i = 0; i < ndoms; i++) {
		if (doms[i] == d) {
			doms[i] = doms[--ndoms];
			break;
		}
	}
	free(d);
}

struct dom *domtab_by_uuid(const uint8_t uuid[16])
{
	struct dom *d;

	for (d = buckets[bucket(uuid)]; d; d = d->hnext)
		if (memcmp(d->rec.cfg.uuid, uuid, 16) == 0)
			return d;
	return NULL;
}

struct dom *domtab_by_name(const char *name)
{
	unsigned i;

	for (i = 0; i < ndoms; i++)
		if (strcmp(doms[i]->rec.cfg.name, name) == 0)
			return doms[i];
	return NULL;
}

struct dom *domtab_by_domid(uint32_t domid)
{
	unsigned i;

	for (i = 0; i < ndoms; i++)
		if (doms[i]->domid == domid)
			return doms[i];
	return NULL;
}

unsigned domtab_count(void)
{
	return ndoms;
}

struct dom *domtab_at(unsigned i)
{
	return i < ndoms ? doms[i] : NULL;
}

void domtab_clear(void)
{
	while (ndoms)
		domtab_remove(doms[0]);
	free(doms);
	doms = NULL;
	cap = 0;
}
