/*
 * Fetching domain state from the hypervisor into plain records, which the
 * renderers print.  Nothing here prints except through xmctl_fail().
 */
#ifndef XMCTL_DOMINFO_H
#define XMCTL_DOMINFO_H

#include <stdbool.h>
#include <stddef.h>
#include "xmctl.h"

#define DOMINFO_BATCH 1024   /* domains fetched per getinfolist call */

struct dom_record {
	xc_dominfo_t info;
	char name[XC_DOMAIN_NAME_MAX];
};

struct dom_list {
	size_t n, cap;
	struct dom_record *d;
};

/* Every domain in id order; names too when with_names.  0, or -1 (reported). */
int dom_fetch_all(struct xmctl *x, struct dom_list *l, bool with_names);
/* One domain by id, with its name. 0, or a negative errno (not reported). */
int dom_fetch_one(struct xmctl *x, uint32_t domid, struct dom_record *r);
/* Appends a record; -1 when out of memory (reported). */
int dom_list_add(struct dom_list *l, const struct dom_record *r);
void dom_list_free(struct dom_list *l);

/* xm's six state letters "rbpscd", '-' for each flag that is off; buf[7]. */
void dom_state_letters(const xc_dominfo_t *info, char buf[7]);
/* The state as one word: running, blocked, paused, shutdown, crashed, dying. */
const char *dom_state_word(const xc_dominfo_t *info);
/* Memory in MiB from the pages a domain owns. */
uint64_t dom_mem_mib(const xc_dominfo_t *info);

#endif /* XMCTL_DOMINFO_H */
