/*
 * XEN_SYSCTL_getdomainnamelist (our deviation, see sysctl.h): the names of
 * the domains from first_domain on, in id order, by the rule of
 * getdomaininfolist, so a tool can pair the two lists by domid.
 */
#include <errno.h>
#include <string.h>

#include "domain.h"
#include "hcall.h"

/* Records copied out per hv_copy_to: 32 x 72 bytes stays small on the stack. */
#define NAMELIST_BATCH 32

int sysctl_namelist(struct hv_call *c, struct xen_sysctl *op);

static void name_record(const struct domain *d, struct xen_sysctl_domainname *r)
{
	memset(r, 0, sizeof(*r));
	r->domid = be16_mk(d->id);
	/* domain_set_name keeps it NUL-terminated; copy one byte less anyway. */
	memcpy(r->name, d->name, sizeof(r->name) - 1);
}

int sysctl_namelist(struct hv_call *c, struct xen_sysctl *op)
{
	struct xen_sysctl_getdomainnamelist *nl = &op->u.getdomainnamelist;
	struct xen_sysctl_domainname batch[NAMELIST_BATCH];
	uint32_t max = be32_get(nl->max_domains), n = 0, k = 0;
	uint64_t h = be64_get(nl->buffer);

	for (struct domain *d = domain_next(c->hv, be16_get(nl->first_domain));
	     d && n + k < max; d = domain_next(c->hv, d->id + 1U)) {
		name_record(d, &batch[k]);
		if (++k == NAMELIST_BATCH) {
			if (hv_copy_to(c, h, (uint64_t)n * sizeof(batch[0]), batch, sizeof(batch)) != 0)
				return -EFAULT;
			n += k;
			k = 0;
		}
	}
	if (k && hv_copy_to(c, h, (uint64_t)n * sizeof(batch[0]), batch, k * sizeof(batch[0])) != 0)
		return -EFAULT;
	nl->num_domains = be32_mk(n + k);
	return 0;
}
