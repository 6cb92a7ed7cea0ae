/*
 * Foreign mappings (fmap.c): MMAP's errors and runs, the per-connection
 * limit, the holds that keep freed machine memory from reuse until
 * MUNMAP or the connection's end releases them, and the machine fd of a
 * MAPPED reply that waits for a full socket.
 *
 * The guest: a fresh machine's first domain has its RMA at mfn 0x8000 and,
 * populated from the top gpfn down, four 16 MiB extents right after it, so
 * gpfns [0, 0x8000) are one machine run; gpfns from 0x8000 on are 2 MiB
 * extents placed elsewhere (checked, not assumed, by guest()).
 */
#include <check.h>
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fmap.h"
#include "harness.h"
#include "log.h"
#include "privcmd_conn.h"
#include "../check-run.h"

static struct harness H;
static void setup(void) { harness_init(&H, HARNESS_MEMORY); }
static void teardown(void) { harness_fini(&H); }
static void setup_async(void) { H.async = true; harness_init(&H, HARNESS_MEMORY); }
static void teardown_async(void) { harness_fini(&H); H.async = false; }

#define RMA_PAGES 0x4000U
#define EXT_PAGES 0x1000U
#define RUN_PAGES 0x8000U          /* RMA + four extents, one machine run */
#define SMALL_ORDER 9

/* Two fake connections. */
static int conn_a, conn_b;
#define A ((void *)&conn_a)
#define B ((void *)&conn_b)

static int64_t populate(uint32_t domid, uint64_t gpfn, unsigned order, uint32_t cmd)
{
	struct xen_memory_reservation *r = (void *)(H.win + 4096);
	be64_t *list = (void *)(H.win + 8192);

	memset(r, 0, sizeof(*r));
	list[0] = be64_mk(gpfn);
	r->extent_start = be64_mk(harness_handle(&H, list));
	r->nr_extents = be64_mk(1);
	r->extent_order = be32_mk(order);
	r->domid = be16_mk((uint16_t)domid);
	return harness_call(&H, 0, __HYPERVISOR_memory_op, cmd, harness_handle(&H, r), 0);
}

static void set_max_mem(uint32_t domid, uint64_t pages)
{
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	op.u.max_mem.max_memkb = be64_mk(pages * 4);
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_max_mem, domid, &op), 0);
}

static void destroy(uint32_t domid)
{
	struct xen_domctl op;
	memset(&op, 0, sizeof(op));
	ck_assert_int_eq(harness_domctl(&H, XEN_DOMCTL_destroydomain, domid, &op), 0);
}

/* physinfo's free pages, once the scrub worker (if any) is done. */
static uint64_t free_pages(void)
{
	struct xen_sysctl_physinfo pi;

	mm_scrub_sync(&H.hv);
	ck_assert_int_eq(harness_physinfo(&H, &pi), 0);
	return be64_get(pi.free_pages);
}

static uint64_t warnings(void)
{
	struct xen_sysctl sc;
	memset(&sc, 0, sizeof(sc));
	ck_assert_int_eq(harness_sysctl(&H, XEN_SYSCTL_warnings, &sc), 0);
	return be64_get(sc.u.warnings.count);
}

static uint64_t mfn_of(uint32_t domid, uint64_t gpfn)
{
	const struct p2m_extent *e = p2m_lookup(domain_get(&H.hv, domid), gpfn);
	ck_assert_ptr_nonnull(e);
	return e->mfn + (gpfn - e->gpfn);
}

/* The guest described at the top; its id. */
static uint32_t guest(void)
{
	int id = harness_create(&H, 0);

	ck_assert_int_gt(id, 0);
	set_max_mem((uint32_t)id, RUN_PAGES + 2 * (1U << SMALL_ORDER));
	for (unsigned j = 4; j-- > 0;)
		ck_assert_int_eq(populate((uint32_t)id, RMA_PAGES + j * EXT_PAGES, XENPPC_EXTENT_ORDER,
		                          XENMEM_populate_physmap), 1);
	for (unsigned j = 0; j < 2; j++)
		ck_assert_int_eq(populate((uint32_t)id, RUN_PAGES + (j << SMALL_ORDER), SMALL_ORDER,
		                          XENMEM_populate_physmap), 1);
	uint64_t m0 = mfn_of((uint32_t)id, 0);
	for (uint64_t g = RMA_PAGES; g < RUN_PAGES; g += EXT_PAGES)
		ck_assert_uint_eq(mfn_of((uint32_t)id, g), m0 + g);          /* one run */
	ck_assert_uint_ne(mfn_of((uint32_t)id, RUN_PAGES), m0 + RUN_PAGES);  /* not after it */
	ck_assert_uint_ne(mfn_of((uint32_t)id, RUN_PAGES + (1U << SMALL_ORDER)),
	                  mfn_of((uint32_t)id, RUN_PAGES) + (1U << SMALL_ORDER));
	return (uint32_t)id;
}

static int64_t map(void *owner, uint32_t domid, uint64_t gpfn, uint64_t count,
                   uint64_t *mfn, uint64_t *id)
{
	uint64_t m, i;
	int64_t r = fmap_map(&H.hv, owner, domid, gpfn, count, PRIVCMD_MMAP_WRITE,
	                     mfn ? mfn : &m, id ? id : &i);
	return r;
}

/* Is machine block mfn on the held list?  Then it is allocated, nobody's. */
static int held(uint64_t mfn)
{
	const struct buddy_page *p = &H.hv.buddy.pg[mfn];

	for (size_t i = 0; i < H.hv.fmap.nr_held; i++) {
		if (H.hv.fmap.held[i].mfn != mfn)
			continue;
		ck_assert_uint_eq(p->order, H.hv.fmap.held[i].order);
		ck_assert_uint_eq(p->kind, BUDDY_SCRUB);
		ck_assert_uint_eq(p->owner, DOMID_INVALID);
		return 1;
	}
	return 0;
}

START_TEST(map_errors)
{
	uint32_t id = guest();
	uint64_t mfn, mid;

	ck_assert_int_eq(map(A, 0, 0, 1, NULL, NULL), -EINVAL);                 /* dom0 */
	ck_assert_int_eq(map(A, 999, 0, 1, NULL, NULL), -ESRCH);
	ck_assert_int_eq(map(A, DOMID_SELF, 0, 1, NULL, NULL), -ESRCH);
	ck_assert_int_eq(fmap_map(&H.hv, A, id, 0, 1, 2, &mfn, &mid), -EINVAL);  /* flags */
	ck_assert_int_eq(fmap_map(&H.hv, A, id, 0, 1, 0x8001, &mfn, &mid), -EINVAL);
	ck_assert_int_eq(fmap_map(&H.hv, A, id, 0, 1, 0, &mfn, &mid), 1);        /* read-only */
	ck_assert_int_eq(map(A, id, 0, 0, NULL, NULL), -EINVAL);                /* count */
	ck_assert_int_eq(map(A, id, 0, H.hv.mach.nr_pages + 1, NULL, NULL), -EINVAL);
	ck_assert_int_eq(map(A, id, 0, UINT64_MAX, NULL, NULL), -EINVAL);
	ck_assert_int_eq(map(A, id, 0, H.hv.mach.nr_pages, NULL, NULL), RUN_PAGES);
	ck_assert_int_eq(map(A, id, RUN_PAGES + 0x400, 1, NULL, NULL), -EFAULT);  /* not populated */
	ck_assert_int_eq(map(A, id, UINT64_MAX, 1, NULL, NULL), -EFAULT);
	ck_assert_uint_eq(fmap_count(&H.hv, A), 2);          /* failures hold nothing */
	/* MUNMAP: only the owner's own, live ids. */
	ck_assert_int_eq(map(A, id, 7, 1, &mfn, &mid), 1);
	ck_assert_uint_ne(mid, 0);
	ck_assert_int_eq(fmap_unmap(&H.hv, A, 0), -ENOENT);
	ck_assert_int_eq(fmap_unmap(&H.hv, A, mid + 1), -ENOENT);
	ck_assert_int_eq(fmap_unmap(&H.hv, B, mid), -ENOENT);
	ck_assert_int_eq(fmap_unmap(&H.hv, A, mid), 0);
	ck_assert_int_eq(fmap_unmap(&H.hv, A, mid), -ENOENT);
	ck_assert_uint_eq(fmap_count(&H.hv, A), 2);
	ck_assert_uint_eq(warnings(), 0);
}
END_TEST

/* Runs: within the RMA, across the RMA and extents, stopping where the
 * frames stop following on or the p2m has a hole. */
START_TEST(map_runs)
{
	uint32_t id = guest();
	uint64_t m0 = mfn_of(id, 0), mfn, a, b;

	ck_assert_int_eq(map(A, id, 5, 10, &mfn, &a), 10);
	ck_assert_uint_eq(mfn, m0 + 5);
	ck_assert_int_eq(map(A, id, RMA_PAGES - 0x10, 0x20, &mfn, &b), 0x20);  /* RMA -> extent */
	ck_assert_uint_eq(mfn, m0 + RMA_PAGES - 0x10);
	ck_assert_uint_ne(a, b);
	ck_assert_int_eq(map(A, id, 0, RUN_PAGES + 1, &mfn, NULL), RUN_PAGES);  /* five blocks */
	ck_assert_uint_eq(mfn, m0);
	ck_assert_int_eq(map(A, id, RUN_PAGES - 0x10, 0x100, &mfn, NULL), 0x10); /* not contiguous */
	ck_assert_int_eq(map(A, id, RUN_PAGES, 0x1000, &mfn, NULL), 1 << SMALL_ORDER);
	ck_assert_uint_eq(mfn, mfn_of(id, RUN_PAGES));
	ck_assert_int_eq(map(A, id, RUN_PAGES + (2U << SMALL_ORDER) - 1, 5, &mfn, NULL), 1); /* hole */
	ck_assert_int_eq(map(A, id, RMA_PAGES + 3 * EXT_PAGES, EXT_PAGES, &mfn, NULL), EXT_PAGES);
	ck_assert_uint_eq(mfn, m0 + RMA_PAGES + 3 * EXT_PAGES);
	ck_assert_uint_eq(fmap_count(&H.hv, A), 7);
}
END_TEST

START_TEST(per_connection_limit)
{
	uint32_t id = guest();
	uint64_t first = 0, mid;

	for (unsigned i = 0; i < PRIVCMD_MAX_MAPS; i++) {
		ck_assert_int_eq(map(A, id, i % RUN_PAGES, 1, NULL, &mid), 1);
		first = first ? first : mid;
	}
	ck_assert_int_eq(map(A, id, 0, 1, NULL, NULL), -ENOSPC);
	ck_assert_int_eq(map(B, id, 0, 1, NULL, NULL), 1);             /* per connection */
	ck_assert_int_eq(fmap_unmap(&H.hv, A, first), 0);
	ck_assert_int_eq(map(A, id, 0, 1, NULL, NULL), 1);
	ck_assert_int_eq(map(A, id, 0, 1, NULL, NULL), -ENOSPC);
	fmap_release_owner(&H.hv, A);
	ck_assert_uint_eq(fmap_count(&H.hv, A), 0);
	ck_assert_uint_eq(fmap_count(&H.hv, B), 1);
}
END_TEST

/*
 * A destroyed domain's held extent stays allocated, unscrubbed and out of
 * physinfo's free pages; a domain created next cannot get it; MUNMAP
 * frees it (scrubbed) and the free count comes back.
 */
START_TEST(hold_survives_destroy)
{
	uint32_t id = guest();
	uint64_t ext = RMA_PAGES + EXT_PAGES, mfn, mid;
	uint8_t *buf = H.win + 65536;
	uint64_t before = free_pages();

	memset(buf, 0x5a, 4096);
	ck_assert_int_eq(harness_memcopy(&H, id, (ext + 3) * 4096, 4096, XEN_MEMCOPY_to_guest,
	                                 buf, NULL), 0);
	ck_assert_int_eq(map(A, id, ext + 3, 2, &mfn, &mid), 2);
	destroy(id);
	uint64_t head = mfn - 3;
	ck_assert(held(head));
	ck_assert_uint_eq(H.hv.fmap.held_pages, EXT_PAGES);
	ck_assert_uint_eq(free_pages(), before + RUN_PAGES + (2U << SMALL_ORDER) - EXT_PAGES);
	ck_assert_uint_eq(machine_page(&H.hv.mach, mfn)[100], 0x5a);  /* what the tool sees */
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);

	/* A new domain takes every page it can: none of the held ones. */
	int n = harness_create(&H, 0);
	ck_assert_int_gt(n, 0);
	set_max_mem((uint32_t)n, H.hv.mach.nr_pages);
	for (unsigned o = XENPPC_EXTENT_ORDER + 1; o-- > 0;)
		while (populate((uint32_t)n, p2m_max_gpfn(domain_get(&H.hv, (uint32_t)n)), o,
		                XENMEM_populate_physmap) == 1)
			;
	ck_assert_uint_eq(free_pages(), 0);
	const struct domain *d = domain_get(&H.hv, (uint32_t)n);
	for (uint32_t i = 0; i < d->p2m_nr; i++)
		ck_assert(d->p2m[i].mfn + (1ULL << d->p2m[i].order) <= head ||
		          d->p2m[i].mfn >= head + EXT_PAGES);
	destroy((uint32_t)n);
	ck_assert(held(head));

	ck_assert_int_eq(fmap_unmap(&H.hv, A, mid), 0);
	ck_assert_uint_eq(H.hv.fmap.held_pages, 0);
	ck_assert_uint_eq(free_pages(), before + RUN_PAGES + (2U << SMALL_ORDER));
	ck_assert(!held(head));
	ck_assert_uint_eq(machine_page(&H.hv.mach, mfn)[100], 0);     /* scrubbed */
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
	ck_assert_uint_eq(warnings(), 0);
}
END_TEST

/* One hold over five blocks; the connection's end releases it. */
START_TEST(release_on_drop)
{
	uint32_t id = guest();
	uint64_t m0 = mfn_of(id, 0), before = free_pages();

	ck_assert_int_eq(map(A, id, 0, RUN_PAGES, NULL, NULL), RUN_PAGES);
	ck_assert_int_eq(map(A, id, RUN_PAGES, 1, NULL, NULL), 1);
	destroy(id);
	ck_assert(held(m0));
	for (uint64_t g = RMA_PAGES; g < RUN_PAGES; g += EXT_PAGES)
		ck_assert(held(m0 + g));
	ck_assert_uint_eq(H.hv.fmap.held_pages, RUN_PAGES + (1U << SMALL_ORDER));
	ck_assert_uint_eq(free_pages(), before + (1U << SMALL_ORDER));
	fmap_release_owner(&H.hv, B);                        /* not B's */
	ck_assert_uint_eq(H.hv.fmap.held_pages, RUN_PAGES + (1U << SMALL_ORDER));
	fmap_release_owner(&H.hv, A);
	ck_assert_uint_eq(H.hv.fmap.held_pages, 0);
	ck_assert_uint_eq(H.hv.fmap.nr_held, 0);
	ck_assert_uint_eq(free_pages(), before + RUN_PAGES + (2U << SMALL_ORDER));
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
}
END_TEST

/* Two holds on one block (two connections, then one): freed with the last. */
START_TEST(overlapping_holds)
{
	uint32_t id = guest();
	uint64_t ext = RMA_PAGES + 2 * EXT_PAGES, head = mfn_of(id, ext), a1, a2, b1;
	uint64_t before = free_pages();

	ck_assert_int_eq(map(A, id, ext, 0x10, NULL, &a1), 0x10);
	ck_assert_int_eq(map(A, id, ext + 0x800, 0x10, NULL, &a2), 0x10);
	ck_assert_int_eq(map(B, id, ext + 0x8, 0x10, NULL, &b1), 0x10);
	destroy(id);
	ck_assert(held(head));
	ck_assert_int_eq(fmap_unmap(&H.hv, A, a1), 0);
	ck_assert(held(head));
	fmap_release_owner(&H.hv, B);
	ck_assert(held(head));
	ck_assert_uint_eq(free_pages(), before + RUN_PAGES + (2U << SMALL_ORDER) - EXT_PAGES);
	ck_assert_int_eq(fmap_unmap(&H.hv, A, a2), 0);
	ck_assert(!held(head));
	ck_assert_uint_eq(free_pages(), before + RUN_PAGES + (2U << SMALL_ORDER));
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
}
END_TEST

/* decrease_reservation under a hold: the domain loses the pages, the
 * machine keeps them until the hold goes; pages beside it are freed. */
START_TEST(decrease_held_extent)
{
	uint32_t id = guest();
	uint64_t ext = RMA_PAGES + EXT_PAGES, whole = RMA_PAGES + 3 * EXT_PAGES;
	uint64_t pm = mfn_of(id, ext + 3), wm = mfn_of(id, whole), a, b;
	uint64_t before = free_pages(), tot = domain_get(&H.hv, id)->tot_pages;

	ck_assert_int_eq(map(A, id, ext + 3, 1, NULL, &a), 1);
	ck_assert_int_eq(map(A, id, whole + 0x123, 1, NULL, &b), 1);
	ck_assert_int_eq(populate(id, ext + 3, 0, XENMEM_decrease_reservation), 1);   /* held */
	ck_assert_int_eq(populate(id, ext + 4, 0, XENMEM_decrease_reservation), 1);   /* not */
	ck_assert_int_eq(populate(id, whole, XENPPC_EXTENT_ORDER, XENMEM_decrease_reservation), 1);
	ck_assert_uint_eq(domain_get(&H.hv, id)->tot_pages, tot - 2 - EXT_PAGES);
	ck_assert_ptr_null(p2m_lookup(domain_get(&H.hv, id), ext + 3));
	ck_assert(held(pm));
	ck_assert(held(wm));
	ck_assert_uint_eq(H.hv.fmap.held_pages, 1 + EXT_PAGES);
	ck_assert_uint_eq(free_pages(), before + 1);
	ck_assert_int_eq(map(A, id, ext + 3, 1, NULL, NULL), -EFAULT);  /* gone from the p2m */
	ck_assert_int_eq(fmap_unmap(&H.hv, A, a), 0);
	ck_assert_uint_eq(free_pages(), before + 2);
	ck_assert_int_eq(fmap_unmap(&H.hv, A, b), 0);
	ck_assert_uint_eq(free_pages(), before + 2 + EXT_PAGES);
	ck_assert_uint_eq(H.hv.fmap.nr_held, 0);
	ck_assert_int_eq(buddy_check(&H.hv.buddy), 0);
	ck_assert_uint_eq(warnings(), 0);
}
END_TEST

/* Fill the hypervisor's end of a connection until a send would block. */
static void fill_socket(int fd)
{
	struct privcmd_msg m;
	int n = 0;

	memset(&m, 0, sizeof(m));
	m.hdr = privcmd_hdr_mk(PRIVCMD_MSG_EVENT, 0);
	while (send(fd, &m, sizeof(m), MSG_DONTWAIT) == (ssize_t)sizeof(m))
		n++;
	ck_assert_int_gt(n, 0);
}

/*
 * Read one message from the client's end without waiting: its type (0 if
 * there is none), and an fd it carried in *passed (-1: none).
 */
static uint16_t recv_one(int fd, struct privcmd_msg *m, int *passed)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
	                     .msg_controllen = sizeof(cbuf) };
	struct cmsghdr *cm;
	ssize_t n = recvmsg(fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);

	*passed = -1;
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		return 0;
	ck_assert_int_eq(n, (ssize_t)sizeof(*m));
	cm = CMSG_FIRSTHDR(&mh);
	if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
		memcpy(passed, CMSG_DATA(cm), sizeof(int));
	return be16_get(m->hdr.type);
}

/* An MMAP request for the client to send. */
static void send_mmap(int fd, uint32_t domid, uint64_t gpfn, uint64_t count, uint64_t seq)
{
	struct privcmd_msg m;

	memset(&m, 0, sizeof(m));
	m.hdr = privcmd_hdr_mk(PRIVCMD_MSG_MMAP, seq);
	m.u.mmap.domid = be16_mk((uint16_t)domid);
	m.u.mmap.gpfn = be64_mk(gpfn);
	m.u.mmap.count = be64_mk(count);
	ck_assert_int_eq(send(fd, &m, sizeof(m), 0), (ssize_t)sizeof(m));
}

/*
 * The first MAPPED of a connection carries the machine fd, also when the
 * client's socket is full and the reply has to wait: the fd goes out with
 * it once there is room, and only with it.
 */
START_TEST(mapped_fd_waits_with_its_reply)
{
	uint32_t id = guest();
	struct conn cn;
	struct privcmd_msg m;
	struct stat st;
	int sv[2], fd, events = 0;

	ck_assert_int_eq(socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv), 0);
	memset(&cn, 0, sizeof(cn));
	cn.fd = sv[0];
	cn.machine_fd = -1;
	fill_socket(sv[0]);
	send_mmap(sv[1], id, 0, 4, 1);
	ck_assert_int_eq(conn_serve(&cn, &H.hv), 0);
	ck_assert(cn.result_waiting);                /* the socket is full: MAPPED waits */
	ck_assert(cn.result_fd);
	ck_assert_int_eq(conn_flush(&cn), 0);        /* still full: nothing lost */
	ck_assert(cn.result_waiting && cn.result_fd && !cn.machine_fd_sent);
	while (recv_one(sv[1], &m, &fd) == PRIVCMD_MSG_EVENT) {
		ck_assert_int_lt(fd, 0);                 /* the filler carries nothing */
		events++;
	}
	ck_assert_int_gt(events, 0);
	ck_assert_int_eq(conn_flush(&cn), 0);        /* room now: MAPPED goes, with the fd */
	ck_assert(!cn.result_waiting && cn.machine_fd_sent);
	ck_assert_uint_eq(recv_one(sv[1], &m, &fd), PRIVCMD_MSG_MAPPED);
	ck_assert_int_eq(be64_get_s(m.u.mapped.ret), 4);
	ck_assert_uint_eq(be64_get(m.u.mapped.mfn), mfn_of(id, 0));
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_uint_eq((uint64_t)st.st_size, be64_get(m.u.mapped.machine_size));
	close(fd);
	/* The next MAPPED goes at once and carries no fd. */
	send_mmap(sv[1], id, 8, 1, 2);
	ck_assert_int_eq(conn_serve(&cn, &H.hv), 0);
	ck_assert(!cn.result_waiting);
	ck_assert_uint_eq(recv_one(sv[1], &m, &fd), PRIVCMD_MSG_MAPPED);
	ck_assert_int_eq(be64_get_s(m.u.mapped.ret), 1);
	ck_assert_int_lt(fd, 0);
	fmap_release_owner(&H.hv, &cn);
	close(sv[0]);
	close(sv[1]);
	destroy(id);
}
END_TEST

/* Holds and held blocks left at shutdown: hv_fini frees them (no leak, no
 * warning under the sanitizers). */
START_TEST(fini_with_holds)
{
	uint32_t id = guest();

	ck_assert_int_eq(map(A, id, 0, RUN_PAGES, NULL, NULL), RUN_PAGES);
	ck_assert_int_eq(map(B, id, RUN_PAGES, 3, NULL, NULL), 3);
	destroy(id);
	ck_assert_uint_gt(H.hv.fmap.nr_held, 0);
}
END_TEST

static void add_tests(TCase *tc)
{
	tcase_add_test(tc, map_errors);
	tcase_add_test(tc, map_runs);
	tcase_add_test(tc, per_connection_limit);
	tcase_add_test(tc, hold_survives_destroy);
	tcase_add_test(tc, release_on_drop);
	tcase_add_test(tc, overlapping_holds);
	tcase_add_test(tc, decrease_held_extent);
	tcase_add_test(tc, fini_with_holds);
	tcase_add_test(tc, mapped_fd_waits_with_its_reply);
}

int main(void)
{
	Suite *s = suite_create("fmap");
	TCase *tc = tcase_create("sync scrub");
	TCase *ta = tcase_create("async scrub");

	hv_log_set_level(HV_LOG_ERR);
	tcase_add_checked_fixture(tc, setup, teardown);
	add_tests(tc);
	suite_add_tcase(s, tc);
	tcase_add_checked_fixture(ta, setup_async, teardown_async);
	add_tests(ta);
	suite_add_tcase(s, ta);
	return check_run(s);
}
