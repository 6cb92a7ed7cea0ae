/*
 * Socket fuzz client for xenppc-hv: speaks the privcmd wire directly and
 * sends random and mutated requests for every hypercall family for a
 * bounded time, with MMAP and MUNMAP mixed in.  Argument structs are random words with plausible values
 * mixed in -- valid and broken descriptors, inline handles, handles
 * outside the window, small domain ids -- so nested handles get walked
 * too.  Now and then a second connection sends a malformed packet (it
 * must be dropped) or hangs up with a request in flight.
 *
 * usage: hv-fuzz SOCKET SECONDS [SEED]
 *        hv-fuzz SOCKET probe   (prints "window" or "refused N"; exit 0 / 3)
 *        hv-fuzz SOCKET fmap    (foreign mapping through the socket; exit 0 / 1)
 * Exit 0 when the hypervisor answered every request with the right seq,
 * still answers xen_version at the end, and reports zero warnings.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include <xenppc/xenppc.h>
#include "xencomm.h"

#define ARG_AREA     0x0
#define ARG_AREA_LEN 0x10000
#define DESC_AREA    0x10000
#define DESC_AREA_LEN 0x10000
#define BUF_AREA     0x20000
#define MAX_DOMS_TOUCHED 8

struct client {
	int fd;
	uint8_t *win;
	struct xencomm_window w;
	uint64_t seq;
};

static uint64_t rng;
static uint64_t rnd64(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static uint32_t rnd(uint32_t n) { return n ? (uint32_t)(rnd64() % n) : 0; }

static void die(const char *what)
{
	fprintf(stderr, "hv-fuzz: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int connect_to(const char *path, struct client *c)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct privcmd_msg m;
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { &m, sizeof(m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = cbuf,
	                     .msg_controllen = sizeof(cbuf) };
	int memfd;

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	c->fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);
	if (c->fd < 0 || connect(c->fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		return -1;
	if (recvmsg(c->fd, &mh, 0) != (ssize_t)sizeof(m) ||
	    be16_get(m.hdr.type) != PRIVCMD_MSG_WINDOW || !CMSG_FIRSTHDR(&mh))
		return -1;
	memcpy(&memfd, CMSG_DATA(CMSG_FIRSTHDR(&mh)), sizeof(int));
	c->w.size = be64_get(m.u.window.window_size);
	c->w.gpa = be64_get(m.u.window.window_gpa);
	c->win = mmap(NULL, (size_t)c->w.size, PROT_READ | PROT_WRITE, MAP_SHARED, memfd, 0);
	close(memfd);
	if (c->win == MAP_FAILED)
		return -1;
	c->w.host = c->win;
	c->seq = 0;
	return 0;
}

static void disconnect(struct client *c)
{
	munmap(c->win, (size_t)c->w.size);
	close(c->fd);
}

/*
 * Send request m (type and body set; seq is stamped) and wait for its
 * reply, which replaces m; EVENTs are skipped.  *fd gets an fd the reply
 * carries (-1 if none; NULL: the reply must carry none).
 */
static void transact(struct client *c, struct privcmd_msg *m, int *fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { m, sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	uint16_t type = be16_get(m->hdr.type);

	m->hdr.magic = be32_mk(PRIVCMD_MAGIC);
	m->hdr.version = be16_mk(PRIVCMD_VERSION);
	m->hdr.seq = be64_mk(++c->seq);
	if (send(c->fd, m, sizeof(*m), MSG_NOSIGNAL) != (ssize_t)sizeof(*m))
		die("send");
	for (;;) {
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		if (recvmsg(c->fd, &mh, MSG_CMSG_CLOEXEC) != (ssize_t)sizeof(*m))
			die("recv (hypervisor gone?)");
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		int got = -1;
		if (cm && cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_RIGHTS)
			memcpy(&got, CMSG_DATA(cm), sizeof(int));
		if (fd)
			*fd = got;
		else if (got >= 0) {
			fprintf(stderr, "hv-fuzz: an fd came with a message of type %u\n",
			        be16_get(m->hdr.type));
			exit(1);
		}
		if (be16_get(m->hdr.type) == PRIVCMD_MSG_EVENT)
			continue;
		uint16_t want = type == PRIVCMD_MSG_MMAP ? PRIVCMD_MSG_MAPPED : PRIVCMD_MSG_RESULT;
		if (be16_get(m->hdr.type) != want || be64_get(m->hdr.seq) != c->seq) {
			fprintf(stderr, "hv-fuzz: bad reply type %u seq %llu\n", be16_get(m->hdr.type),
			        (unsigned long long)be64_get(m->hdr.seq));
			exit(1);
		}
		return;
	}
}

/* Send one hypercall and wait for its RESULT. */
static int64_t call(struct client *c, uint64_t op, const uint64_t *arg)
{
	struct privcmd_msg m;

	memset(&m, 0, sizeof(m));
	m.hdr.type = be16_mk(PRIVCMD_MSG_HYPERCALL);
	m.u.hypercall.op = be64_mk(op);
	for (int i = 0; i < PRIVCMD_NR_ARGS; i++)
		m.u.hypercall.arg[i] = be64_mk(arg[i]);
	transact(c, &m, NULL);
	return be64_get_s(m.u.result.ret);
}

/* MMAP: the MAPPED reply in *out, an fd it carries in *fd (-1: none). */
static int64_t mmap_req(struct client *c, uint16_t domid, uint64_t gpfn, uint64_t count,
                        uint16_t flags, struct privcmd_mapped *out, int *fd)
{
	struct privcmd_msg m;

	memset(&m, 0, sizeof(m));
	m.hdr.type = be16_mk(PRIVCMD_MSG_MMAP);
	m.u.mmap.gpfn = be64_mk(gpfn);
	m.u.mmap.count = be64_mk(count);
	m.u.mmap.domid = be16_mk(domid);
	m.u.mmap.flags = be16_mk(flags);
	transact(c, &m, fd);
	*out = m.u.mapped;
	return be64_get_s(m.u.mapped.ret);
}

static int64_t munmap_req(struct client *c, uint64_t map_id)
{
	struct privcmd_msg m;

	memset(&m, 0, sizeof(m));
	m.hdr.type = be16_mk(PRIVCMD_MSG_MUNMAP);
	m.u.munmap.map_id = be64_mk(map_id);
	transact(c, &m, NULL);
	return be64_get_s(m.u.result.ret);
}

/* A descriptor for window bytes [off, off+len), possibly broken on purpose. */
static uint64_t make_desc(struct client *c, uint64_t off, uint64_t len)
{
	uint64_t h = 0;
	uint64_t doff = DESC_AREA + (rnd(DESC_AREA_LEN / 8) * 8);
	size_t room = (size_t)(DESC_AREA + DESC_AREA_LEN - doff);

	/* Keep the descriptor inside one page, as the format requires. */
	if (room > XEN_PAGE_SIZE - (doff % XEN_PAGE_SIZE))
		room = XEN_PAGE_SIZE - (doff % XEN_PAGE_SIZE);
	if (xencomm_build(&c->w, c->win + off, len, c->win + doff, room, &h) != 0)
		return c->w.gpa + doff;              /* stale bytes: a broken descriptor */
	if (rnd(8) == 0) {                         /* mutate one word of it */
		uint8_t *d = c->win + doff;
		size_t words = xencomm_desc_size(xencomm_nr_pages(c->w.gpa + off, len)) / 4;
		be32_put((be32_t *)(d + 4 * rnd((uint32_t)words)), (uint32_t)rnd64());
	}
	return h;
}

/* A handle: mostly plausible, sometimes hostile. */
static uint64_t plausible_handle(struct client *c)
{
	uint64_t max = c->w.size - BUF_AREA;
	uint64_t len = rnd(8) == 0 ? rnd(XENCOMM_MAX_BYTES) : rnd(2 * XEN_PAGE_SIZE) + 1;
	uint64_t off;

	if (len > max)
		len = max;
	off = BUF_AREA + rnd((uint32_t)(max - len + 1));
	switch (rnd(10)) {
	case 0: return 0;
	case 1: return rnd64();
	case 2: return XENCOMM_INLINE_FLAG | rnd64();
	case 3: return c->w.gpa - XEN_PAGE_SIZE;   /* just below the window */
	case 4:
	case 5: return XENCOMM_INLINE_FLAG | (c->w.gpa + off);
	default: return make_desc(c, off, len);
	}
}

static uint64_t plausible_word(struct client *c)
{
	switch (rnd(12)) {
	case 0: case 1: return plausible_handle(c);
	case 2: return rnd(MAX_DOMS_TOUCHED);
	case 3: return DOMID_SELF;
	case 4: return rnd(64);
	case 5: return UINT64_MAX - rnd(4);
	case 6: return XENPPC_EXTENT_ORDER;
	default: return rnd64();
	}
}

/* Fill an argument struct of len bytes with random, plausible words. */
static void fill_struct(struct client *c, uint8_t *p, size_t len)
{
	for (size_t i = 0; i + 8 <= len; i += 8) {
		uint64_t v = plausible_word(c);
		be64_put((be64_t *)(p + i), v);
		/* Small values also belong in the high half (be32/be16 fields). */
		if (rnd(3) == 0)
			be32_put((be32_t *)(p + i), (uint32_t)rnd(80));
		if (rnd(4) == 0)
			be16_put((be16_t *)(p + i), (uint16_t)rnd(MAX_DOMS_TOUCHED));
	}
}

static const uint32_t families[] = {
	__HYPERVISOR_domctl, __HYPERVISOR_sysctl, __HYPERVISOR_memory_op,
	__HYPERVISOR_xen_version, __HYPERVISOR_console_io, __HYPERVISOR_event_channel_op,
	__HYPERVISOR_grant_table_op, __HYPERVISOR_sched_op, __HYPERVISOR_vcpu_op,
	__HYPERVISOR_sched_op_compat,
};
#define NR_FAMILIES (sizeof(families) / sizeof(families[0]))

/* One random request of family f. */
static int64_t fuzz_one(struct client *c, uint32_t f)
{
	uint8_t *arg = c->win + ARG_AREA + rnd(ARG_AREA_LEN / 2) / 8 * 8;
	uint64_t a[PRIVCMD_NR_ARGS];
	uint64_t len = 256;

	fill_struct(c, arg, (size_t)len);
	for (int i = 0; i < PRIVCMD_NR_ARGS; i++)
		a[i] = plausible_word(c);
	if (f == __HYPERVISOR_domctl || f == __HYPERVISOR_sysctl) {
		be32_put((be32_t *)arg, rnd(4) ? rnd(70) : (uint32_t)rnd64());
		be32_put((be32_t *)(arg + 4), rnd(10) ? (f == __HYPERVISOR_domctl ?
		         XEN_DOMCTL_INTERFACE_VERSION : XEN_SYSCTL_INTERFACE_VERSION) : rnd(8));
		if (f == __HYPERVISOR_domctl)
			be16_put((be16_t *)(arg + 8), (uint16_t)(rnd(6) ? rnd(MAX_DOMS_TOUCHED) : rnd64()));
		a[0] = rnd(6) ? make_desc(c, (uint64_t)(arg - c->win), 160) : plausible_handle(c);
	} else {
		a[0] = rnd(5) ? rnd(12) : a[0];
		uint64_t h = rnd(5) ? make_desc(c, (uint64_t)(arg - c->win), len) :
		             XENCOMM_INLINE_FLAG | (c->w.gpa + (uint64_t)(arg - c->win));
		if (f == __HYPERVISOR_console_io || f == __HYPERVISOR_vcpu_op) {
			a[1] = rnd(4) ? rnd(5000) : a[1];
			a[2] = h;
		} else {
			a[1] = h;
			a[2] = rnd(4) ? rnd(4) : a[2];
		}
	}
	/* Never ask dom0 to shut down or anything to flood the machine forever. */
	return call(c, rnd(50) ? f : rnd(70), a);
}

/* Live holds of the fuzz loop, oldest released when full. */
#define FUZZ_HOLDS 16
static uint64_t holds[FUZZ_HOLDS];
static unsigned nr_holds;

/* A random MMAP or MUNMAP (their holds outlive recycled domains). */
static int64_t fuzz_map(struct client *c)
{
	struct privcmd_mapped r;
	int fd;

	if (rnd(3) == 0 && nr_holds && rnd(2)) {
		unsigned i = rnd(nr_holds);
		if (munmap_req(c, holds[i]) != 0) {
			fprintf(stderr, "hv-fuzz: MUNMAP of a live hold failed\n");
			exit(1);
		}
		holds[i] = holds[--nr_holds];
		return 0;
	}
	if (rnd(3) == 0)
		return munmap_req(c, rnd64() | (1ULL << 63));   /* nobody's: -ENOENT */
	uint64_t gpfn = rnd(2) ? rnd(0x6000) : rnd64();
	uint64_t count = rnd(4) ? rnd(0x5000) : rnd64();
	int64_t ret = mmap_req(c, (uint16_t)(rnd(8) ? rnd(MAX_DOMS_TOUCHED) : rnd64()), gpfn, count,
	                       (uint16_t)(rnd(8) ? rnd(2) : rnd64()), &r, &fd);
	if (fd >= 0)
		close(fd);
	if (ret <= 0)
		return ret;
	if (nr_holds == FUZZ_HOLDS) {
		if (munmap_req(c, holds[0]) != 0) {
			fprintf(stderr, "hv-fuzz: MUNMAP of a live hold failed\n");
			exit(1);
		}
		memmove(holds, holds + 1, sizeof(holds) - sizeof(holds[0]));
		nr_holds--;
	}
	holds[nr_holds++] = be64_get(r.map_id);
	return ret;
}

/* A domctl built properly (not fuzzed), for set-up and recycling. */
static int64_t domctl(struct client *c, uint32_t cmd, uint16_t dom)
{
	struct xen_domctl *op = (struct xen_domctl *)(c->win + ARG_AREA + ARG_AREA_LEN - 256);
	uint64_t a[PRIVCMD_NR_ARGS] = { 0 };

	memset(op, 0, sizeof(*op));
	op->cmd = be32_mk(cmd);
	op->interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION);
	op->domain = be16_mk(dom);
	if (cmd == XEN_DOMCTL_max_vcpus)
		op->u.max_vcpus.max = be32_mk(2);
	a[0] = XENCOMM_INLINE_FLAG | (c->w.gpa + (uint64_t)((uint8_t *)op - c->win));
	return call(c, __HYPERVISOR_domctl, a);
}

/* Destroy and recreate the fuzzed domains, so memory never runs dry. */
static void recycle(struct client *c)
{
	for (uint16_t d = 1; d < MAX_DOMS_TOUCHED; d++) {
		domctl(c, XEN_DOMCTL_destroydomain, d);
		if (d < MAX_DOMS_TOUCHED / 2 && domctl(c, XEN_DOMCTL_createdomain, d) == 0)
			domctl(c, XEN_DOMCTL_max_vcpus, d);
	}
}

/* A second connection that misbehaves: it must be dropped, nothing else. */
static void misbehave(const char *path)
{
	struct client b;
	uint8_t junk[PRIVCMD_MSG_SIZE * 2];
	struct privcmd_msg *m = (struct privcmd_msg *)junk;
	size_t len = sizeof(struct privcmd_msg);

	if (connect_to(path, &b) != 0)
		die("second connection");
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (uint8_t)rnd64();
	m->hdr.magic = be32_mk(PRIVCMD_MAGIC);
	m->hdr.version = be16_mk(PRIVCMD_VERSION);
	m->hdr.type = be16_mk(PRIVCMD_MSG_HYPERCALL);
	m->u.hypercall.op = be64_mk(__HYPERVISOR_domctl);
	switch (rnd(6)) {
	case 0: len = rnd(PRIVCMD_MSG_SIZE); break;            /* short */
	case 1: len = PRIVCMD_MSG_SIZE + 1 + rnd(60); break;   /* long */
	case 2: m->hdr.magic = be32_mk((uint32_t)rnd64()); break;
	case 3: m->hdr.version = be16_mk(2); break;
	case 4: m->hdr.type = be16_mk((uint16_t)rnd(0x10000) | 0x10); break;   /* no type */
	default: break;        /* a valid request, then hang up without reading */
	}
	if (send(b.fd, junk, len, MSG_NOSIGNAL) < 0 && errno != EPIPE)
		die("send junk");
	disconnect(&b);
}

/* A sysctl with no arguments: its answer in the window, or NULL if it failed. */
static const struct xen_sysctl *sysctl(struct client *c, uint32_t cmd)
{
	struct xen_sysctl *op = (struct xen_sysctl *)(c->win + ARG_AREA);
	uint64_t a[PRIVCMD_NR_ARGS] = { 0 };

	memset(op, 0, sizeof(*op));
	op->cmd = be32_mk(cmd);
	op->interface_version = be32_mk(XEN_SYSCTL_INTERFACE_VERSION);
	a[0] = XENCOMM_INLINE_FLAG | c->w.gpa;
	return call(c, __HYPERVISOR_sysctl, a) == 0 ? op : NULL;
}

static uint64_t warnings(struct client *c)
{
	const struct xen_sysctl *op = sysctl(c, XEN_SYSCTL_warnings);
	return op ? be64_get(op->u.warnings.count) : UINT64_MAX;
}

static uint64_t free_pages(struct client *c)
{
	const struct xen_sysctl *op = sysctl(c, XEN_SYSCTL_physinfo);
	return op ? be64_get(op->u.physinfo.free_pages) : UINT64_MAX;
}

/* Wait (up to 5 s) for the free pages to be want again: 0, or -1. */
static int free_again(struct client *c, uint64_t want)
{
	for (int i = 0; i < 500; i++) {
		if (free_pages(c) == want)
			return 0;
		usleep(10000);
	}
	return -1;
}

/* XEN_DOMCTL_memcopy of len bytes at gpa through window bytes at BUF_AREA. */
static int64_t memcopy(struct client *c, uint16_t dom, uint64_t gpa, uint64_t len, uint32_t flags)
{
	struct xen_domctl *op = (struct xen_domctl *)(c->win + ARG_AREA);
	uint64_t a[PRIVCMD_NR_ARGS] = { 0 };

	memset(op, 0, sizeof(*op));
	op->cmd = be32_mk(XEN_DOMCTL_memcopy);
	op->interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION);
	op->domain = be16_mk(dom);
	op->u.memcopy.gpaddr = be64_mk(gpa);
	op->u.memcopy.len = be64_mk(len);
	op->u.memcopy.buffer = be64_mk(XENCOMM_INLINE_FLAG | (c->w.gpa + BUF_AREA));
	op->u.memcopy.flags = be32_mk(flags);
	a[0] = XENCOMM_INLINE_FLAG | c->w.gpa;
	return call(c, __HYPERVISOR_domctl, a);
}

#define FMAP_DOM 9
#define FMAP_PAGES 16

static int fail(const char *what)
{
	fprintf(stderr, "hv-fuzz fmap: %s\n", what);
	return 1;
}

/*
 * The privcmd side of foreign mapping: MMAP -> MAPPED, the machine fd on
 * the first successful one only, the mapping shows the domain's memory
 * and keeps showing it after the domain is destroyed, MUNMAP, errors,
 * and a hold released by hanging up.
 */
static int fmap_check(const char *path)
{
	struct client c, b;
	struct privcmd_mapped r;
	int fd, fd2;
	uint64_t base;

	if (connect_to(path, &c) != 0 || connect_to(path, &b) != 0)
		die("connect");
	base = free_pages(&c);
	if (domctl(&c, XEN_DOMCTL_createdomain, FMAP_DOM) != 0)
		return fail("createdomain");
	memset(c.win + BUF_AREA, 0xa5, 4096);
	if (memcopy(&c, FMAP_DOM, 3 * 4096, 4096, XEN_MEMCOPY_to_guest) != 0)
		return fail("memcopy to guest");
	if (mmap_req(&c, FMAP_DOM, 0, FMAP_PAGES, PRIVCMD_MMAP_WRITE, &r, &fd) != FMAP_PAGES ||
	    fd < 0)
		return fail("first MAPPED: not the run, or no fd");
	uint64_t id1 = be64_get(r.map_id), size = be64_get(r.machine_size);
	off_t off = (off_t)(be64_get(r.mfn) * 4096);
	if (id1 == 0 || lseek(fd, 0, SEEK_END) != (off_t)size)
		return fail("map_id or machine_size");
	uint8_t *p = mmap(NULL, FMAP_PAGES * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	close(fd);
	if (p == MAP_FAILED)
		die("mmap of the machine fd");
	if (p[3 * 4096] != 0xa5 || p[3 * 4096 + 4095] != 0xa5 || p[0] != 0)
		return fail("the mapping does not show the domain's memory");
	p[5 * 4096 + 7] = 0x3c;                  /* and writes reach the domain */
	if (memcopy(&c, FMAP_DOM, 5 * 4096, 4096, XEN_MEMCOPY_from_guest) != 0 ||
	    c.win[BUF_AREA + 7] != 0x3c)
		return fail("a write through the mapping did not reach the domain");
	if (mmap_req(&c, FMAP_DOM, 2, 1, 0, &r, &fd2) != 1 || fd2 >= 0)
		return fail("second MAPPED: carries an fd");
	uint64_t id2 = be64_get(r.map_id);
	if (mmap_req(&c, 0, 0, 1, 0, &r, &fd2) != -EINVAL || fd2 >= 0 ||
	    mmap_req(&c, 999, 0, 1, 0, &r, &fd2) != -ESRCH ||
	    mmap_req(&c, FMAP_DOM, 1ULL << 40, 1, 0, &r, &fd2) != -EFAULT ||
	    mmap_req(&c, FMAP_DOM, 0, 1, 4, &r, &fd2) != -EINVAL)
		return fail("MMAP errors");
	/* The held pages outlive the domain: still the same bytes. */
	if (domctl(&c, XEN_DOMCTL_destroydomain, FMAP_DOM) != 0)
		return fail("destroydomain");
	if (p[3 * 4096] != 0xa5 || free_pages(&c) >= base)
		return fail("held memory was scrubbed or freed");
	if (munmap_req(&b, id1) != -ENOENT)
		return fail("another connection's MUNMAP");
	if (munmap_req(&c, id1) != 0 || munmap_req(&c, id1) != -ENOENT || munmap_req(&c, id2) != 0)
		return fail("MUNMAP");
	munmap(p, FMAP_PAGES * 4096);
	if (free_again(&c, base) != 0)
		return fail("memory not back after MUNMAP");
	/* A hold released by hanging up; b's first MAPPED carries its own fd. */
	if (domctl(&c, XEN_DOMCTL_createdomain, FMAP_DOM) != 0 ||
	    mmap_req(&b, FMAP_DOM, 0, 4, 0, &r, &fd) != 4 || fd < 0)
		return fail("MMAP on the second connection");
	close(fd);
	if (domctl(&c, XEN_DOMCTL_destroydomain, FMAP_DOM) != 0 || free_pages(&c) >= base)
		return fail("destroy under the second connection's hold");
	disconnect(&b);
	if (free_again(&c, base) != 0)
		return fail("memory not back after the connection closed");
	disconnect(&c);
	printf("fmap: ok\n");
	return 0;
}

/* Connect once and report the first message: the process test uses it. */
static int probe(const char *path)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	struct privcmd_msg m;
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0);

	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	if (fd < 0 || connect(fd, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		die("connect");
	if (recv(fd, &m, sizeof(m), 0) != (ssize_t)sizeof(m))
		die("recv");
	close(fd);
	if (be16_get(m.hdr.type) == PRIVCMD_MSG_WINDOW) {
		printf("window\n");
		return 0;
	}
	printf("refused %u\n", be32_get(m.u.refused.error));
	return 3;
}

int main(int argc, char **argv)
{
	struct client c;
	uint64_t a[PRIVCMD_NR_ARGS] = { XENVER_version };
	uint64_t n = 0, ok = 0, nmap = 0, per[NR_FAMILIES] = { 0 };
	time_t end;

	if (argc < 3) {
		fprintf(stderr, "usage: hv-fuzz SOCKET SECONDS [SEED]\n");
		return 2;
	}
	if (strcmp(argv[2], "probe") == 0)
		return probe(argv[1]);
	if (strcmp(argv[2], "fmap") == 0)
		return fmap_check(argv[1]);
	rng = argc > 3 ? strtoull(argv[3], NULL, 0) : (uint64_t)time(NULL);
	rng |= 1;
	printf("hv-fuzz: seed %llu\n", (unsigned long long)rng);
	end = time(NULL) + atoi(argv[2]);
	if (connect_to(argv[1], &c) != 0)
		die("connect");
	recycle(&c);
	while (time(NULL) < end) {
		for (int i = 0; i < 200; i++, n++) {
			if (rnd(20) == 0) {
				nmap++;
				ok += fuzz_map(&c) >= 0;
				continue;
			}
			uint32_t f = rnd(NR_FAMILIES);
			per[f]++;
			ok += fuzz_one(&c, families[f]) >= 0;
		}
		misbehave(argv[1]);
		recycle(&c);
	}
	int64_t v = call(&c, __HYPERVISOR_xen_version, a);
	uint64_t w = warnings(&c);
	printf("hv-fuzz: %llu requests (%llu succeeded), xen_version %#llx, warnings %llu\n",
	       (unsigned long long)n, (unsigned long long)ok, (unsigned long long)v,
	       (unsigned long long)w);
	for (size_t f = 0; f < NR_FAMILIES; f++)
		printf("  hypercall %2u: %llu\n", families[f], (unsigned long long)per[f]);
	printf("  mmap/munmap: %llu\n", (unsigned long long)nmap);
	disconnect(&c);
	if (v != ((XENPPC_VERSION_MAJOR << 16) | XENPPC_VERSION_MINOR) || w != 0)
		return 1;
	return 0;
}
