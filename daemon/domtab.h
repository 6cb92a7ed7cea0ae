/*
 * The daemon's table of managed domains: every record of the state
 * directory, with the running instance (if any) that belongs to it.
 */
#ifndef XMCTLD_DOMTAB_H
#define XMCTLD_DOMTAB_H

#include <stdint.h>

#include "domrec.h"
#include "ratelimit.h"

#define DOMID_NONE UINT32_MAX

struct dom {
	struct domrec rec;
	uint32_t domid;            /* the running instance, or DOMID_NONE */
	struct ratelimit restarts; /* automatic restarts by policy */
	uint32_t policy_done;      /* domid whose shutdown was already handled */
	unsigned long listed;      /* domain.list's mark: seen running this time */
	struct dom *hnext;         /* uuid hash chain */
};

/* Add a copy of r (its uuid must be new).  NULL when out of memory. */
struct dom *domtab_add(const struct domrec *r);
void domtab_remove(struct dom *d);
struct dom *domtab_by_uuid(const uint8_t uuid[16]);
struct dom *domtab_by_name(const char *name);
struct dom *domtab_by_domid(uint32_t domid);
/* Iterate: for (i = 0; i < domtab_count(); i++) domtab_at(i). */
unsigned domtab_count(void);
struct dom *domtab_at(unsigned i);
void domtab_clear(void);

#endif /* XMCTLD_DOMTAB_H */
