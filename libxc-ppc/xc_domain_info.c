/*
 * Domain information: getdomaininfo one domain at a time (Xen's
 * xc_domain_getinfo), the batched sysctl lists of records and of names,
 * and name lookup.  Records
 * are decoded into xc_dominfo_t here, once.
 */
#include <config.h>

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "xc_private.h"

void xc_dominfo_decode(const struct xen_domctl_getdomaininfo *in, xc_dominfo_t *out)
{
	uint32_t flags = be32_get(in->flags);
	uint32_t reason = (flags >> XEN_DOMINF_shutdownshift) & XEN_DOMINF_shutdownmask;
	int shut = !!(flags & XEN_DOMINF_shutdown);

	memset(out, 0, sizeof(*out));
	out->domid = be16_get(in->domain);
	out->ssidref = be32_get(in->ssidref);
	out->dying = !!(flags & XEN_DOMINF_dying);
	/* As libxc does: a crash is a shutdown with the crash reason. */
	out->crashed = shut && reason == SHUTDOWN_crash;
	out->shutdown = shut && reason != SHUTDOWN_crash;
	out->paused = !!(flags & XEN_DOMINF_paused);
	out->blocked = !!(flags & XEN_DOMINF_blocked);
	out->running = !!(flags & XEN_DOMINF_running);
	out->hvm = !!(flags & XEN_DOMINF_hvm_guest);
	out->shutdown_reason = shut ? reason : 0;
	out->nr_online_vcpus = be32_get(in->nr_online_vcpus);
	out->max_vcpu_id = be32_get(in->max_vcpu_id);
	out->nr_pages = be64_get(in->tot_pages);
	/* max_pages is in pages; the public field is KiB, as in Xen. */
	out->max_memkb = be64_get(in->max_pages) << (XEN_PAGE_SHIFT - 10);
	out->shared_info_frame = be64_get(in->shared_info_frame);
	out->cpu_time = be64_get(in->cpu_time);
	memcpy(out->handle, in->handle, sizeof(out->handle));
}

int xc_domain_getinfo(xc_interface *xch, uint32_t first_domid,
		      uint32_t max_doms, xc_dominfo_t *info)
{
	uint32_t next = first_domid, n = 0;
	struct xen_domctl d;
	int rc;

	if (max_doms && !info)
		return xc_seterror(xch, -EINVAL, "xc_domain_getinfo: info is NULL");
	/* The hypervisor answers with the first domain at or above the id. */
	while (n < max_doms && next < DOMID_FIRST_RESERVED) {
		d = xc_domctl_init(XEN_DOMCTL_getdomaininfo, next);
		rc = do_domctl(xch, &d);
		if (rc == -ESRCH) {
			xc_clear_last_error(xch);   /* the normal end of the list */
			break;
		}
		if (rc < 0)
			return n ? (int)n : rc;
		xc_dominfo_decode(&d.u.getdomaininfo, &info[n]);
		if (info[n].domid < next)
			return xc_seterror(xch, -EPROTO, "getdomaininfo went backwards");
		next = info[n].domid + 1;
		n++;
	}
	return (int)n;
}

int xc_domain_getinfo_one(xc_interface *xch, uint32_t domid, xc_dominfo_t *info)
{
	int rc;

	if ((rc = xc_check_domid(xch, domid, 0)) < 0)
		return rc;
	rc = xc_domain_getinfo(xch, domid, 1, info);
	if (rc < 0)
		return rc;
	if (rc == 0 || info->domid != domid)
		return xc_seterror(xch, -ESRCH, "domain %u: %s", domid,
				   xc_strerror(xch, ESRCH));
	return 0;
}

/*
 * The batched sysctl lists (records, names) share one walk.  Both
 * sysctls have one layout (sysctl.h: first_domain, max_domains, buffer,
 * num_domains at the same offsets), so a batch is filled through the
 * getdomaininfolist member for either; they differ in the wire element
 * (wire_size bytes each), how one is decoded into the caller's array
 * (decode: wire element i to slot at), and the domain id of a filled slot.
 */
struct domlist_walk {
	const char *what;
	uint32_t cmd;
	size_t wire_size;
	void (*decode)(const void *wire, uint32_t i, void *out, uint32_t at);
	uint32_t (*domid_at)(const void *out, uint32_t at);
};

_Static_assert(sizeof(struct xen_sysctl_getdomaininfolist) ==
	       sizeof(struct xen_sysctl_getdomainnamelist), "one list layout");
_Static_assert(offsetof(struct xen_sysctl_getdomaininfolist, num_domains) ==
	       offsetof(struct xen_sysctl_getdomainnamelist, num_domains), "one list layout");

/* One list sysctl for up to max domains from first on, into slots at.. of out. */
static int domlist_batch(xc_interface *xch, const struct domlist_walk *w, uint32_t first,
			 uint32_t max, void *out, uint32_t at)
{
	struct xen_sysctl s = xc_sysctl_init(w->cmd);
	struct xen_sysctl_getdomaininfolist *l = &s.u.getdomaininfolist;
	uint64_t handle;
	uint32_t num;
	void *buf;
	int rc;

	buf = xc_hypercall_buffer_alloc(xch, (size_t)max * w->wire_size, &handle);
	if (!buf)
		return -xch->last_error.code;
	l->first_domain = be16_mk((uint16_t)first);
	l->max_domains = be32_mk(max);
	l->buffer = be64_mk(handle);
	rc = do_sysctl(xch, &s);
	num = be32_get(l->num_domains);
	if (rc >= 0 && num > max)
		rc = xc_seterror(xch, -EPROTO, "%s returned %u of %u", w->what, num, max);
	for (uint32_t i = 0; rc >= 0 && i < num; i++)
		w->decode(buf, i, out, at + i);
	xc_hypercall_buffer_free(xch, buf);
	return rc < 0 ? rc : (int)num;
}

static int domlist_walk(xc_interface *xch, const struct domlist_walk *w,
			uint32_t first_domid, uint32_t max_doms, void *out)
{
	uint32_t n = 0, next = first_domid;
	int got;

	if (max_doms && !out)
		return xc_seterror(xch, -EINVAL, "%s: output array is NULL", w->what);
	if (max_doms > INT32_MAX)
		max_doms = INT32_MAX;
	while (n < max_doms && next < DOMID_FIRST_RESERVED) {
		uint32_t want = max_doms - n, last;

		if (want > XC_DOMINFO_BATCH)
			want = XC_DOMINFO_BATCH;
		got = domlist_batch(xch, w, next, want, out, n);
		if (got < 0)
			return got;
		if (got == 0)
			break;
		last = w->domid_at(out, n + (uint32_t)got - 1);
		if (last < next)
			return xc_seterror(xch, -EPROTO, "%s went backwards", w->what);
		next = last + 1;
		n += (uint32_t)got;
		if ((uint32_t)got < want)
			break;       /* a short batch: no more domains */
	}
	return (int)n;
}

static void info_decode(const void *wire, uint32_t i, void *out, uint32_t at)
{
	xc_dominfo_decode((const struct xen_domctl_getdomaininfo *)wire + i,
			  (xc_dominfo_t *)out + at);
}

static uint32_t info_domid_at(const void *out, uint32_t at)
{
	return ((const xc_dominfo_t *)out)[at].domid;
}

int xc_domain_getinfolist(xc_interface *xch, uint32_t first_domid,
			  uint32_t max_doms, xc_dominfo_t *info)
{
	static const struct domlist_walk w = {
		"getdomaininfolist", XEN_SYSCTL_getdomaininfolist,
		sizeof(struct xen_domctl_getdomaininfo), info_decode, info_domid_at,
	};

	return domlist_walk(xch, &w, first_domid, max_doms, info);
}

static void name_decode(const void *wire, uint32_t i, void *out, uint32_t at)
{
	const struct xen_sysctl_domainname *in = (const struct xen_sysctl_domainname *)wire + i;
	xc_domname_t *o = (xc_domname_t *)out + at;
	/* Trust nothing: the hypervisor's name may lack its NUL. */
	size_t n = strnlen(in->name, XC_DOMAIN_NAME_MAX - 1);

	o->domid = be16_get(in->domid);
	memcpy(o->name, in->name, n);
	o->name[n] = '\0';
}

static uint32_t name_domid_at(const void *out, uint32_t at)
{
	return ((const xc_domname_t *)out)[at].domid;
}

int xc_domain_getnamelist(xc_interface *xch, uint32_t first_domid,
			  uint32_t max_doms, xc_domname_t *names)
{
	static const struct domlist_walk w = {
		"getdomainnamelist", XEN_SYSCTL_getdomainnamelist,
		sizeof(struct xen_sysctl_domainname), name_decode, name_domid_at,
	};

	return domlist_walk(xch, &w, first_domid, max_doms, names);
}

int xc_domain_lookup_name(xc_interface *xch, const char *name, uint32_t *domid)
{
	xc_domname_t names[XC_DOMINFO_BATCH / 4];
	uint32_t next = 0;
	int n;

	if (!name || !*name || !domid)
		return xc_seterror(xch, -EINVAL, "xc_domain_lookup_name: no name");
	while ((n = xc_domain_getnamelist(xch, next, sizeof(names) / sizeof(names[0]), names)) > 0) {
		for (int i = 0; i < n; i++) {
			if (strcmp(names[i].name, name) == 0) {
				*domid = names[i].domid;
				return 0;
			}
		}
		next = names[n - 1].domid + 1;
	}
	if (n < 0)
		return n;
	return xc_seterror(xch, -ESRCH, "no domain is named \"%s\"", name);
}
