/*
 * Domain state from the hypervisor: the records and the names in batches
 * (the hypervisor keeps names, ARCHITECTURE D6).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "dominfo.h"

int dom_list_add(struct dom_list *l, const struct dom_record *r)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		struct dom_record *d = realloc(l->d, cap * sizeof(*d));

		if (d == NULL) {
			xmctl_fail(NULL, "out of memory");
			return -1;
		}
		l->d = d;
		l->cap = cap;
	}
	l->d[l->n++] = *r;
	return 0;
}

void dom_list_free(struct dom_list *l)
{
	free(l->d);
	memset(l, 0, sizeof(*l));
}

/* Bounce space for one batch: the records and, when asked, their names. */
struct fetch_buf {
	xc_dominfo_t info[DOMINFO_BATCH];
	xc_domname_t names[DOMINFO_BATCH];
	int nnames;
};

/*
 * The name of domid from the batched list (one hypercall for the batch,
 * not one per domain).  A domain created between the two lists, or
 * past the names the list had room for, falls back to its own getname:
 * 0, -ESRCH when it is gone meanwhile, or another error.
 */
static int batch_name(struct xmctl *x, const struct fetch_buf *b, int *j,
                      uint32_t domid, char *name, size_t len)
{
	while (*j < b->nnames && b->names[*j].domid < domid)
		(*j)++;
	if (*j < b->nnames && b->names[*j].domid == domid) {
		snprintf(name, len, "%s", b->names[*j].name);
		return 0;
	}
	return xc_domain_getname(x->xch, domid, name, len);
}

/* One batch of records from id first on; returns the count or -1 (reported). */
static int fetch_batch(struct xmctl *x, uint32_t first, struct fetch_buf *b,
                       struct dom_list *l, bool with_names)
{
	int n = xc_domain_getinfolist(x->xch, first, DOMINFO_BATCH, b->info), j = 0;

	if (n < 0)
		return xmctl_fail_xc(x, "", n), -1;
	b->nnames = 0;
	if (with_names && n > 0 &&
	    (b->nnames = xc_domain_getnamelist(x->xch, first, (uint32_t)n, b->names)) < 0)
		return xmctl_fail_xc(x, "", b->nnames), -1;
	for (int i = 0; i < n; i++) {
		struct dom_record r = { .info = b->info[i] };
		int rc = 0;

		if (with_names)
			rc = batch_name(x, b, &j, b->info[i].domid, r.name, sizeof(r.name));
		if (rc == -ESRCH)
			continue;    /* destroyed between the calls */
		if (rc < 0)
			return xmctl_fail_xc(x, "", rc), -1;
		if (dom_list_add(l, &r) < 0)
			return -1;
	}
	return n;
}

int dom_fetch_all(struct xmctl *x, struct dom_list *l, bool with_names)
{
	struct fetch_buf *b = malloc(sizeof(*b));
	uint32_t first = 0;
	int n;

	memset(l, 0, sizeof(*l));
	if (b == NULL)
		return xmctl_fail(NULL, "out of memory"), -1;
	if (xmctl_connect(x) < 0) {
		free(b);
		return -1;
	}
	do {
		n = fetch_batch(x, first, b, l, with_names);
		if (n > 0)
			first = b->info[n - 1].domid + 1;
	} while (n == DOMINFO_BATCH && first < DOMID_FIRST_RESERVED);
	free(b);
	if (n < 0) {
		dom_list_free(l);
		return -1;
	}
	return 0;
}

int dom_fetch_one(struct xmctl *x, uint32_t domid, struct dom_record *r)
{
	int rc;

	memset(r, 0, sizeof(*r));
	rc = xc_domain_getinfo_one(x->xch, domid, &r->info);
	if (rc == 0)
		rc = xc_domain_getname(x->xch, domid, r->name, sizeof(r->name));
	return rc;
}

void dom_state_letters(const xc_dominfo_t *info, char buf[7])
{
	buf[0] = info->running ? 'r' : '-';
	buf[1] = info->blocked ? 'b' : '-';
	buf[2] = info->paused ? 'p' : '-';
	buf[3] = info->shutdown ? 's' : '-';
	buf[4] = info->crashed ? 'c' : '-';
	buf[5] = info->dying ? 'd' : '-';
	buf[6] = '\0';
}

const char *dom_state_word(const xc_dominfo_t *info)
{
	if (info->dying)
		return "dying";
	if (info->crashed)
		return "crashed";
	if (info->shutdown)
		return "shutdown";
	if (info->paused)
		return "paused";
	if (info->blocked)
		return "blocked";
	if (info->running)
		return "running";
	return "idle";
}

uint64_t dom_mem_mib(const xc_dominfo_t *info)
{
	return info->nr_pages >> (20 - 12);
}
