/*
 * Memory operations through libxc-ppc: limits, populate, increase and
 * decrease, reservations, set-target, exhaustion that leaves nothing
 * half-made, and scrubbing (memory of a destroyed domain reads back as
 * zeros when reallocated).  White-box: built from the library sources so
 * it can issue DOMCTL_memcopy through do_domctl and a bounce buffer.
 */
#include <config.h>

#include "xctest.h"
#include "xc_private.h"
#include "../check-run.h"

#define PAGES(mib) (XCTEST_MIB(mib) >> XEN_PAGE_SHIFT)

/* Free pages once background scrubbing is done. */
static uint64_t free_pages(xc_interface *xch)
{
	xc_physinfo_t pi;
	xctest_settle(xch);
	XC_OK(xch, xc_physinfo(xch, &pi));
	return pi.free_pages;
}

static int domain_count(xc_interface *xch)
{
	static xc_dominfo_t info[1024];
	return xc_domain_getinfolist(xch, 0, 1024, info);
}

/* Copy len bytes between buf and the domain's guest-physical gpaddr. */
static int memcopy(xc_interface *xch, uint32_t domid, uint64_t gpaddr,
		   uint8_t *buf, uint64_t len, uint32_t dir)
{
	DECLARE_BOUNCE_BOTH(b, uint8_t, buf, len);
	struct xen_domctl d = xc_domctl_init(XEN_DOMCTL_memcopy, domid);
	int rc;

	if ((rc = xc_bounce_pre(xch, &b)) < 0)
		return rc;
	d.u.memcopy.gpaddr = be64_mk(gpaddr);
	d.u.memcopy.len = be64_mk(len);
	d.u.memcopy.buffer = be64_mk(b.handle);
	d.u.memcopy.flags = be32_mk(dir);
	rc = do_domctl(xch, &d);
	xc_bounce_post(xch, &b);
	return rc;
}

START_TEST(limits_and_reservations)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 256 * 1024, 64);
	uint64_t cur, max, mfn;
	xen_pfn_t got[2];
	xc_dominfo_t info;

	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.nr_pages, PAGES(128));
	ck_assert_uint_eq(info.max_memkb, 256 * 1024);
	XC_OK(xch, xc_domain_get_current_reservation(xch, domid, &cur));
	ck_assert_uint_eq(cur, PAGES(128));
	XC_OK(xch, xc_domain_get_maximum_reservation(xch, domid, &max));
	ck_assert_uint_eq(max, PAGES(256));
	XC_OK(xch, xc_maximum_ram_page(xch, &mfn));
	ck_assert_uint_eq(mfn, PAGES(2048));       /* Xen returns max_page: one past the last */

	/* The hypervisor picks the frames for an increase. */
	XC_OK(xch, xc_domain_memory_increase_reservation(xch, domid, 2, 0, 0, got));
	ck_assert_uint_ne(got[0], got[1]);
	XC_OK(xch, xc_domain_get_current_reservation(xch, domid, &cur));
	ck_assert_uint_eq(cur, PAGES(128) + 2);
	XC_OK(xch, xc_domain_memory_decrease_reservation(xch, domid, 2, 0, got));
	XC_OK(xch, xc_domain_get_current_reservation(xch, domid, &cur));
	ck_assert_uint_eq(cur, PAGES(128));

	/* The RMA cannot be released; a populated frame cannot be populated. */
	xen_pfn_t zero = 0, rma_end = PAGES(64);
	ck_assert_int_lt(xc_domain_memory_decrease_reservation(xch, domid, 1, 0, &zero), 0);
	ck_assert_int_lt(xc_domain_memory_populate_physmap(xch, domid, 1, 0, 0, &rma_end), 0);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

START_TEST(set_target)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 512 * 1024, 64);
	xc_dominfo_t info;

	XC_OK(xch, xc_domain_set_target_memkb(xch, domid, 320 * 1024));
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.nr_pages, PAGES(320));
	XC_OK(xch, xc_domain_set_target_memkb(xch, domid, 100 * 1024 + 4));
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.nr_pages, PAGES(100) + 1);
	XC_OK(xch, xc_domain_set_target_memkb(xch, domid, 512 * 1024));
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.nr_pages, PAGES(512));
	ck_assert_int_eq(xc_domain_set_target_memkb(xch, domid, 1024 * 1024), -EINVAL);
	ck_assert_int_eq(xc_domain_set_target_memkb(xch, domid, 1024), -EINVAL);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/* Creating and populating until memory runs out leaves no debris. */
START_TEST(exhaustion)
{
	xc_interface *xch = xctest_open();
	uint32_t ids[64], domid, n = 0;
	uint64_t before = free_pages(xch), mid;
	int doms, rc;
	xc_dominfo_t info;

	for (;;) {
		domid = 0;
		doms = domain_count(xch);
		rc = xc_domain_create(xch, 0, NULL, 0, 28, &domid);   /* 256 MiB RMAs */
		if (rc < 0)
			break;
		ck_assert_uint_lt(n, 64);
		ids[n++] = domid;
	}
	ck_assert_int_eq(rc, -ENOMEM);
	ck_assert_int_eq(domain_count(xch), doms);        /* no half-made domain */
	ck_assert_uint_gt(n, 0);

	/* Free one and over-populate it: all or nothing. */
	XC_OK(xch, xc_domain_destroy(xch, ids[--n]));
	domid = xctest_domain(xch, 4 * 1024 * 1024, 0);
	mid = free_pages(xch);
	{
		uint64_t want = (mid >> XENPPC_EXTENT_ORDER) + 2;
		xen_pfn_t *pfns = calloc((size_t)want, sizeof(*pfns));
		ck_assert(pfns != NULL);
		for (uint64_t i = 0; i < want; i++)
			pfns[i] = PAGES(64) + (i << XENPPC_EXTENT_ORDER);
		rc = xc_domain_memory_populate_physmap(xch, domid, want,
						       XENPPC_EXTENT_ORDER, 0, pfns);
		free(pfns);
	}
	ck_assert_int_eq(rc, -ENOMEM);
	ck_assert_uint_eq(free_pages(xch), mid);
	XC_OK(xch, xc_domain_getinfo_one(xch, domid, &info));
	ck_assert_uint_eq(info.nr_pages, PAGES(64));
	XC_OK(xch, xc_domain_destroy(xch, domid));
	for (uint32_t i = 0; i < n; i++)
		XC_OK(xch, xc_domain_destroy(xch, ids[i]));
	ck_assert_uint_eq(free_pages(xch), before);
	xc_interface_close(xch);
}
END_TEST

/* The new domain got exactly the machine blocks the old one had. */
static void same_blocks(const xc_machine_memmap_t *a, const xc_machine_memmap_t *b,
			uint32_t domid)
{
	ck_assert_uint_eq(a->nr_regions, b->nr_regions);
	for (uint32_t i = 0; i < a->nr_regions; i++) {
		ck_assert_uint_eq(a->regions[i].mfn, b->regions[i].mfn);
		ck_assert_uint_eq(a->regions[i].kind, b->regions[i].kind);
		if (b->regions[i].domid == domid)
			ck_assert_uint_ne(a->regions[i].domid, DOMID_INVALID);
	}
}

/* A page pattern in every 16th page of a domain; then scrub is checked. */
#define SCRUB_STRIDE (16 * XEN_PAGE_SIZE)
#define SCRUB_MIB 128

START_TEST(destroyed_memory_is_zero)
{
	xc_interface *xch = xctest_open();
	static uint8_t page[XEN_PAGE_SIZE], back[XEN_PAGE_SIZE], zero[XEN_PAGE_SIZE];
	uint32_t domid = xctest_domain(xch, SCRUB_MIB * 1024, SCRUB_MIB - 64);
	xc_machine_memmap_t *before, *after;

	memset(page, 0xa5, sizeof(page));
	for (uint64_t a = 0; a < XCTEST_MIB(SCRUB_MIB); a += SCRUB_STRIDE) {
		XC_OK(xch, memcopy(xch, domid, a, page, sizeof(page), XEN_MEMCOPY_to_guest));
		XC_OK(xch, memcopy(xch, domid, a, back, sizeof(back), XEN_MEMCOPY_from_guest));
		ck_assert_int_eq(memcmp(page, back, sizeof(page)), 0);
	}
	XC_OK(xch, xc_machine_memmap(xch, &before));
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xctest_settle(xch);      /* the blocks are back, scrubbed, for reuse */

	/* The allocator hands the same blocks to the next domain of that size. */
	domid = xctest_domain(xch, SCRUB_MIB * 1024, SCRUB_MIB - 64);
	XC_OK(xch, xc_machine_memmap(xch, &after));
	ck_assert_uint_eq(before->free_pages, after->free_pages);
	same_blocks(before, after, domid);
	for (uint64_t a = 0; a < XCTEST_MIB(SCRUB_MIB); a += SCRUB_STRIDE) {
		memset(back, 0x5a, sizeof(back));
		XC_OK(xch, memcopy(xch, domid, a, back, sizeof(back), XEN_MEMCOPY_from_guest));
		ck_assert_msg(memcmp(back, zero, sizeof(back)) == 0,
			      "stale data at guest address %#llx", (unsigned long long)a);
	}
	xc_machine_memmap_free(before);
	xc_machine_memmap_free(after);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

START_TEST(memmap_decoded)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 128 * 1024, 64);
	xc_machine_memmap_t *m;
	uint64_t pages = 0, free_sum = 0, rma = 0, ext = 0;

	XC_OK(xch, xc_machine_memmap(xch, &m));
	for (uint32_t i = 0; i < m->nr_regions; i++) {
		const xc_memmap_region_t *r = &m->regions[i];
		pages += 1ULL << r->order;
		if (i)
			ck_assert_uint_gt(r->mfn, m->regions[i - 1].mfn);
		ck_assert_uint_eq(r->mfn & ((1ULL << r->order) - 1), 0);  /* natural */
		if (r->kind == XEN_MEMMAP_free) {
			free_sum += 1ULL << r->order;
			ck_assert_uint_eq(r->domid, DOMID_INVALID);
		}
		if (r->domid == domid && r->kind == XEN_MEMMAP_rma)
			rma += 1ULL << r->order;
		if (r->domid == domid && r->kind == XEN_MEMMAP_extent)
			ext += 1ULL << r->order;
	}
	ck_assert_uint_eq(pages, m->total_pages);
	ck_assert_uint_eq(free_sum, m->free_pages);
	ck_assert_uint_eq(rma, PAGES(64));
	ck_assert_uint_eq(ext, PAGES(64));
	xc_machine_memmap_free(m);
	xc_machine_memmap_free(NULL);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-memory");
	TCase *tc = tcase_create("hv");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_add_test(tc, limits_and_reservations);
	tcase_add_test(tc, set_target);
	tcase_add_test(tc, exhaustion);
	tcase_add_test(tc, destroyed_memory_is_zero);
	tcase_add_test(tc, memmap_decoded);
	suite_add_tcase(s, tc);
	return check_run(s);
}
