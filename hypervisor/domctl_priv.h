/*
 * domctl sub-commands, split over a few files by concern: lifecycle and
 * identity (domctl.c), vcpus (domctl_vcpu.c), memory views and copies
 * (domctl_mem.c, domctl_memcopy.c).  Each handler gets the copied-in
 * struct and, for rows that name a domain, the domain already looked up.
 */
#ifndef HV_DOMCTL_PRIV_H
#define HV_DOMCTL_PRIV_H

#include "domain.h"
#include "hcall.h"

typedef int (*domctl_fn)(struct hv_call *c, struct xen_domctl *op, struct domain *d);

int domctl_max_vcpus(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_setvcpucontext(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_getvcpucontext(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_getvcpuinfo(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_setvcpuaffinity(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_getvcpuaffinity(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_max_mem(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_getmemlist(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_getmemmap(struct hv_call *c, struct xen_domctl *op, struct domain *d);
int domctl_memcopy(struct hv_call *c, struct xen_domctl *op, struct domain *d);

#endif /* HV_DOMCTL_PRIV_H */
