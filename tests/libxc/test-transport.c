/*
 * The library's plumbing against a real hypervisor: the window allocator
 * and typed bounce buffers, the interface-version check, and the
 * robustness cases: refused clients, a client killed in the middle of its
 * calls, garbage on the socket.  White-box: built from the library
 * sources to reach xc_private.h.
 */
#include <config.h>

#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "xctest.h"
#include "xc_private.h"
#include "../check-run.h"

START_TEST(window_allocator)
{
	xc_interface *xch = xctest_open();
	size_t total = xc_hypercall_buffer_avail(xch);
	void *bufs[PRIVCMD_WINDOW_SIZE / XEN_PAGE_SIZE];
	uint64_t h, h2;
	int n = 0;

	ck_assert_uint_eq(total, PRIVCMD_WINDOW_SIZE);
	ck_assert_ptr_null(xc_hypercall_buffer_alloc(xch, XENCOMM_MAX_BYTES + 1, &h));
	ck_assert_int_eq(xc_get_last_error(xch)->code, E2BIG);
	ck_assert_ptr_null(xc_hypercall_buffer_alloc(xch, 0, &h));

	/* Small buffers take a page each, with their descriptor in front. */
	for (n = 0; n < (int)(total / XEN_PAGE_SIZE); n++) {
		bufs[n] = xc_hypercall_buffer_alloc(xch, 100, &h);
		ck_assert_ptr_nonnull(bufs[n]);
		ck_assert_uint_eq((uintptr_t)bufs[n] % 8, 0);
		ck_assert_uint_ne(h, 0);
	}
	ck_assert_ptr_null(xc_hypercall_buffer_alloc(xch, 100, &h));
	ck_assert_int_eq(xc_get_last_error(xch)->code, ENOMEM);
	for (int i = 0; i < n; i += 2)
		xc_hypercall_buffer_free(xch, bufs[i]);
	/* Fragmented: single pages fit, two contiguous pages do not. */
	ck_assert_ptr_null(xc_hypercall_buffer_alloc(xch, 2 * XEN_PAGE_SIZE, &h));
	void *one = xc_hypercall_buffer_alloc(xch, 64, &h);
	ck_assert_ptr_nonnull(one);
	xc_hypercall_buffer_free(xch, one);
	for (int i = 1; i < n; i += 2)
		xc_hypercall_buffer_free(xch, bufs[i]);
	xc_hypercall_buffer_free(xch, NULL);
	ck_assert_uint_eq(xc_hypercall_buffer_avail(xch), total);

	/* The largest buffer one descriptor describes, twice. */
	void *a = xc_hypercall_buffer_alloc(xch, XENCOMM_MAX_BYTES, &h);
	void *b = xc_hypercall_buffer_alloc(xch, XENCOMM_MAX_BYTES - 8, &h2);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	xc_hypercall_buffer_free(xch, a);
	xc_hypercall_buffer_free(xch, b);
	ck_assert_uint_eq(xc_hypercall_buffer_avail(xch), total);
	xc_interface_close(xch);
}
END_TEST

START_TEST(bounce_directions)
{
	xc_interface *xch = xctest_open();
	const uint32_t in[4] = { 1, 2, 3, 4 };
	uint32_t out[4] = { 9, 9, 9, 9 }, both[4] = { 5, 6, 7, 8 };
	DECLARE_BOUNCE_IN(bi, uint32_t, in, 4);
	DECLARE_BOUNCE_OUT(bo, uint32_t, out, 4);
	DECLARE_BOUNCE_BOTH(bb, uint32_t, both, 4);
	DECLARE_BOUNCE_OUT(bz, uint32_t, out, 0);
	size_t total = xc_hypercall_buffer_avail(xch);

	ck_assert_int_eq(xc_bounce_pre(xch, &bi), 0);
	ck_assert_int_eq(xc_bounce_pre(xch, &bo), 0);
	ck_assert_int_eq(xc_bounce_pre(xch, &bb), 0);
	ck_assert_int_eq(xc_bounce_pre(xch, &bz), 0);
	ck_assert_uint_eq(bz.handle, 0);                  /* empty = NULL handle */
	ck_assert_int_eq(memcmp(bi.hbuf, in, sizeof(in)), 0);
	ck_assert_int_eq(((uint32_t *)bo.hbuf)[0], 0);     /* OUT starts zeroed */
	ck_assert_int_eq(memcmp(bb.hbuf, both, sizeof(both)), 0);
	((uint32_t *)bo.hbuf)[2] = 42;
	((uint32_t *)bb.hbuf)[3] = 43;
	xc_bounce_post(xch, &bi);
	xc_bounce_post(xch, &bo);
	xc_bounce_post(xch, &bb);
	xc_bounce_post(xch, &bz);
	xc_bounce_post(xch, &bb);                          /* twice is harmless */
	ck_assert_uint_eq(out[2], 42);
	ck_assert_uint_eq(both[3], 43);
	ck_assert_uint_eq(xc_hypercall_buffer_avail(xch), total);
	xc_interface_close(xch);
}
END_TEST

/* The hypervisor refuses a domctl from tools of another interface version. */
START_TEST(version_mismatch)
{
	xc_interface *xch = xctest_open();
	struct xen_domctl d = xc_domctl_init(XEN_DOMCTL_getdomaininfo, 0);
	DECLARE_BOUNCE_BOTH(b, struct xen_domctl, &d, 1);
	uint64_t args[PRIVCMD_NR_ARGS] = { 0 };

	d.interface_version = be32_mk(XEN_DOMCTL_INTERFACE_VERSION + 1);
	ck_assert_int_eq(xc_bounce_pre(xch, &b), 0);
	args[0] = b.handle;
	ck_assert_int_eq(xc_hypercall(xch, __HYPERVISOR_domctl, args), -EACCES);
	xc_bounce_post(xch, &b);
	/* And the library's own call still works afterwards. */
	d = xc_domctl_init(XEN_DOMCTL_getdomaininfo, 0);
	ck_assert_int_ge(do_domctl(xch, &d), 0);
	xc_interface_close(xch);
}
END_TEST

/* As another user, connecting must fail; the hypervisor is unaffected. */
START_TEST(unprivileged_refused)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (setgid(65534) != 0 || setuid(65534) != 0)
			_exit(3);
		errno = 0;
		xc_interface *xch = xc_interface_open(NULL, 0);
		_exit(xch == NULL && (errno == EPERM || errno == EACCES) ? 0 : 1);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		      "unprivileged client was not refused (status %#x)", status);
	xc_interface *xch = xctest_open();
	ck_assert_int_gt(xc_version(xch, XENVER_version, NULL), 0);
	xc_interface_close(xch);
}
END_TEST

/* Open as uid (gid 0, so the socket file lets it connect); 0 or errno. */
static int open_as_ids(uid_t uid, gid_t gid, const char *rundir)
{
	pid_t pid = fork();
	int status;

	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
			_exit(100);
		errno = 0;
		xc_interface *xch = xc_interface_open_rundir(rundir, NULL, 0);
		int e = errno;
		int ok = xch && xc_version(xch, XENVER_version, NULL) > 0;
		xc_interface_close(xch);   /* valgrind checks this child too */
		_exit(ok ? 0 : xch ? 101 : e);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

/* As uid in root's group, which the socket's mode lets in. */
static int open_as(uid_t uid, const char *rundir)
{
	return open_as_ids(uid, 0, rundir);
}

/*
 * --allow-uid: the allowed user gets a window; another user who can reach
 * the socket is refused by the hypervisor itself (SO_PEERCRED), which the
 * library reports as EPERM.
 */
START_TEST(allow_uid)
{
	static const char *const extra[] = { "--allow-uid", "65534", NULL };
	struct hvfix hv2;

	ck_assert_int_eq(hv_start(&hv2, "1G", extra), 0);
	setenv("XENPPC_RUNDIR", xctest_hv.rundir, 1);   /* CK_FORK=no: keep ours */
	ck_assert_int_eq(chmod(hv2.rundir, 0755), 0);
	ck_assert_int_eq(open_as(65534, hv2.rundir), 0);
	ck_assert_int_eq(open_as(65533, hv2.rundir), EPERM);
	ck_assert(hv_alive(&hv2));
	hv_stop(&hv2);
}
END_TEST

/*
 * The socket belongs to the allowed uid and gid (mode 0660), so they reach
 * it without root's group; a stranger outside both cannot reach it at all.
 */
START_TEST(allow_ids_own_socket)
{
	static const char *const extra[] = { "--allow-uid", "65534", "--allow-gid", "65532", NULL };
	struct hvfix hv2;
	char path[PATH_MAX];
	struct stat st;

	ck_assert_int_eq(hv_start(&hv2, "1G", extra), 0);
	setenv("XENPPC_RUNDIR", xctest_hv.rundir, 1);
	ck_assert_int_eq(chmod(hv2.rundir, 0755), 0);
	snprintf(path, sizeof(path), "%s/privcmd.sock", hv2.rundir);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_uid, 65534);
	ck_assert_uint_eq(st.st_gid, 65532);
	ck_assert_uint_eq(st.st_mode & 07777, 0660);
	/* Bound under a temporary name, renamed after listen(): none is left. */
	snprintf(path, sizeof(path), "%s/privcmd.sock.tmp", hv2.rundir);
	ck_assert_int_eq(stat(path, &st), -1);
	ck_assert_int_eq(open_as_ids(65534, 65534, hv2.rundir), 0);
	ck_assert_int_eq(open_as_ids(65531, 65532, hv2.rundir), 0);
	ck_assert_int_eq(open_as_ids(65533, 65533, hv2.rundir), EACCES);
	ck_assert(hv_alive(&hv2));
	hv_stop(&hv2);
}
END_TEST

/* A client that dies at any point of its calls leaves a healthy hypervisor. */
START_TEST(client_killed_mid_call)
{
	for (int round = 0; round < 5; round++) {
		pid_t pid = fork();
		ck_assert_int_ge(pid, 0);
		if (pid == 0) {
			xc_interface *xch = xc_interface_open(NULL, 0);
			static xc_dominfo_t info[64];
			for (;;) {
				uint32_t domid = 0;
				if (!xch || xc_domain_create(xch, 0, NULL, 0, 0, &domid) < 0)
					_exit(1);
				xc_domain_getinfolist(xch, 0, 64, info);
				xc_domain_destroy(xch, domid);
			}
		}
		usleep(20000 + 15000 * round);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	ck_assert(hv_alive(&xctest_hv));
	xc_interface *xch = xctest_open();
	static xc_dominfo_t info[64];
	uint64_t warnings = 1;
	int n = xc_domain_getinfolist(xch, 0, 64, info);
	ck_assert_int_ge(n, 1);
	for (int i = 1; i < n; i++)     /* a create may have finished before the kill */
		XC_OK(xch, xc_domain_destroy(xch, info[i].domid));
	XC_OK(xch, xc_warnings_count(xch, &warnings));
	ck_assert_uint_eq(warnings, 0);
	xc_interface_close(xch);
}
END_TEST

/* Garbage messages get the sender dropped, not the hypervisor hurt. */
START_TEST(garbage_client)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char junk[PRIVCMD_MSG_SIZE + 9];
	int fd = socket(AF_UNIX, SOCK_SEQPACKET, 0);

	ck_assert_uint_lt(strlen(xctest_hv.sock), sizeof(sa.sun_path));
	memcpy(sa.sun_path, xctest_hv.sock, strlen(xctest_hv.sock) + 1);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(connect(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	for (size_t len = 1; len < sizeof(junk); len += 7) {
		memset(junk, (int)len, sizeof(junk));
		if (send(fd, junk, len, MSG_NOSIGNAL) < 0)
			break;
	}
	close(fd);
	xc_interface *xch = xctest_open();
	ck_assert_int_gt(xc_version(xch, XENVER_version, NULL), 0);
	xc_interface_close(xch);
	ck_assert(hv_alive(&xctest_hv));
}
END_TEST

START_TEST(open_errors)
{
	xc_interface *xch;
	char longdir[XC_RUNDIR_MAX + 2];

	xch = xc_interface_open_rundir("/nonexistent-xenppc", NULL, 0);
	ck_assert_ptr_null(xch);
	ck_assert_int_eq(errno, ENOENT);
	xch = xc_interface_open(NULL, 1);
	ck_assert_ptr_null(xch);
	ck_assert_int_eq(errno, EINVAL);
	memset(longdir, 'd', sizeof(longdir) - 1);
	longdir[sizeof(longdir) - 1] = '\0';
	ck_assert_ptr_null(xc_interface_open_rundir(longdir, NULL, 0));
	ck_assert_int_eq(errno, ENAMETOOLONG);
	ck_assert_int_eq(xc_interface_close(NULL), 0);
	xch = xctest_open();
	ck_assert_str_eq(xc_interface_rundir(xch), xctest_hv.rundir);
	xc_interface_close(xch);
}
END_TEST

/* The logger sees errors, and nothing at all below its level. */
struct logbuf { int n; int level; char last[XC_MAX_ERROR_MSG_LEN]; };
static void logfn(void *arg, int level, const char *msg)
{
	struct logbuf *lb = arg;
	lb->n++;
	lb->level = level;
	snprintf(lb->last, sizeof(lb->last), "%s", msg);
}

/*
 * Held spans (the builder's and restore's way into a domain): both ways of
 * writing, zeros, unaligned ranges across runs, and nothing outside.
 */
START_TEST(span_write)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 131072, 16);
	const uint64_t pg = XEN_PAGE_SIZE, first = XCTEST_MIB(64) / pg - 2, gpa = first * pg;
	struct xc_foreign_span s;
	uint8_t want[3 * 4096];

	/* Two pages of RMA and two of the extent after it. */
	XC_OK(xch, xc_foreign_span_hold(xch, domid, first, 4, &s));
	const uint8_t *m = xc_map_foreign_range(xch, domid, 4 * pg, PROT_READ, first);
	ck_assert_ptr_nonnull(m);
	for (int how = XC_FOREIGN_BY_PWRITE; how <= XC_FOREIGN_BY_MAP; how++) {
		for (size_t i = 0; i < sizeof(want); i++)
			want[i] = (uint8_t)(i * 13 + (size_t)how);
		ck_assert_int_eq(xc_foreign_span_write(&s, gpa + 100, want, sizeof(want), how), 0);
		ck_assert_int_eq(memcmp(m + 100, want, sizeof(want)), 0);
		ck_assert_int_eq(xc_foreign_span_write(&s, gpa + 200, NULL, 5000, how), 0);
		for (size_t i = 0; i < 5000; i++)
			ck_assert_uint_eq(m[200 + i], 0);
		ck_assert_uint_eq(m[199], want[99]);
		ck_assert_uint_eq(m[5200], want[5100]);
	}
	ck_assert_int_eq(xc_foreign_span_write(&s, gpa - 1, want, 2, XC_FOREIGN_BY_PWRITE), -EFAULT);
	ck_assert_int_eq(xc_foreign_span_write(&s, gpa + 4 * pg - 1, want, 2, XC_FOREIGN_BY_MAP), -EFAULT);
	ck_assert_int_eq(xc_foreign_span_write(&s, gpa + 5 * pg, want, 1, XC_FOREIGN_BY_PWRITE), -EFAULT);
	xc_foreign_span_release(xch, &s);
	ck_assert_uint_eq(s.nr_runs, 0);
	/* Holding what is not populated holds nothing. */
	ck_assert_int_eq(xc_foreign_span_hold(xch, domid, XCTEST_MIB(80) / pg - 1, 2, &s), -EFAULT);
	ck_assert_uint_eq(s.nr_runs, 0);
	XC_OK(xch, xc_unmap_foreign_range(xch, (void *)m, 4 * pg));
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/*
 * A long write through a mapping (the builder's helper thread): x86-64
 * streams it past the cache from the first 16-byte boundary; every byte,
 * the unaligned head and the tail included, lands, and nothing beside it.
 */
START_TEST(span_write_long)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 131072, 16);
	/* in the extent after the RMA: one machine run, so one copy */
	const uint64_t pg = XEN_PAGE_SIZE, first = XCTEST_MIB(64) / pg + 8, n = 80;
	const size_t len = (300U << 10) + 77;
	struct xc_foreign_span s;
	uint8_t *want = malloc(len);

	ck_assert_ptr_nonnull(want);
	for (size_t i = 0; i < len; i++)
		want[i] = (uint8_t)(i * 31 + (i >> 9) + 1);
	XC_OK(xch, xc_foreign_span_hold(xch, domid, first, n, &s));
	ck_assert_uint_eq(s.nr_runs, 1);
	const uint8_t *m = xc_map_foreign_range(xch, domid, n * pg, PROT_READ, first);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(xc_foreign_span_write(&s, first * pg + 9, want, len, XC_FOREIGN_BY_MAP), 0);
	ck_assert_int_eq(memcmp(m + 9, want, len), 0);
	for (size_t i = 0; i < 9; i++)
		ck_assert_uint_eq(m[i], 0);
	ck_assert_uint_eq(m[9 + len], 0);
	XC_OK(xch, xc_unmap_foreign_range(xch, (void *)m, n * pg));
	xc_foreign_span_release(xch, &s);
	free(want);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

/*
 * Views and their reads (save's way out of a domain): holes, pages written
 * with zeros (allocated, still zero), data in the first or only the last
 * byte, across the RMA's end into an extent (two runs), the same answer
 * each way of scanning, the data read, and the views' bounds.
 */
START_TEST(span_view_read)
{
	xc_interface *xch = xctest_open();
	uint32_t domid = xctest_domain(xch, 131072, 16);
	const uint64_t pg = XEN_PAGE_SIZE, first = XCTEST_MIB(64) / pg - 8, n = 16;
	const unsigned data[] = { 1, 2, 7, 8, 13 }, zeros[] = { 4, 9 };
	/* the last: a kernel whose mincore tells nothing must not make data holes */
	const unsigned hows[] = { 0, XC_VIEW_SCAN_NO_SWAP, XC_VIEW_SCAN_NO_MINCORE,
	                          XC_VIEW_SCAN_NO_SWAP | XC_VIEW_SCAN_BLIND_MINCORE };
	struct xc_foreign_span w, s;
	struct xc_foreign_view v;
	uint8_t page[4096], zmap[2], *buf = malloc(n * pg);

	ck_assert_ptr_nonnull(buf);
	XC_OK(xch, xc_foreign_span_hold(xch, domid, first, n, &w));
	for (unsigned i = 0; i < sizeof(data) / sizeof(data[0]); i++) {
		memset(page, 0, sizeof(page));
		page[i == 4 ? sizeof(page) - 1 : 0] = (uint8_t)(i + 1);   /* page 13: last byte */
		ck_assert_int_eq(xc_foreign_span_write(&w, (first + data[i]) * pg, page, pg,
						       XC_FOREIGN_BY_PWRITE), 0);
	}
	for (unsigned i = 0; i < 2; i++)
		ck_assert_int_eq(xc_foreign_span_write(&w, (first + zeros[i]) * pg, NULL, pg,
						       i ? XC_FOREIGN_BY_MAP : XC_FOREIGN_BY_PWRITE), 0);
	xc_foreign_span_release(xch, &w);

	XC_OK(xch, xc_foreign_span_hold_ro(xch, domid, first, n, &s));
	ck_assert_uint_eq(s.nr_runs, 2);
	ck_assert_int_eq(xc_foreign_view_map(&s, first + 1, n, PROT_READ, &v), -EINVAL);
	ck_assert_int_eq(xc_foreign_view_map(&s, first - 1, 2, PROT_READ, &v), -EINVAL);
	ck_assert_int_eq(xc_foreign_view_map(&s, first, 0, PROT_READ, &v), -EINVAL);
	ck_assert_int_eq(xc_foreign_view_map(&s, first, n, PROT_READ, &v), 0);
	for (unsigned h = 0; h < 4; h++) {
		memset(zmap, 0xa5, sizeof(zmap));
		memset(buf, 0xee, n * pg);
		ck_assert_int_eq(xc_foreign_view_scan(&v, hows[h], buf, zmap), 5);
		/* zero: 0 3 4 5 6 9 10 11 12 14 15; data: 1 2 7 8 13 */
		ck_assert_uint_eq(zmap[0], 0x79);
		ck_assert_uint_eq(zmap[1], 0xde);
		for (unsigned i = 0; i < sizeof(data) / sizeof(data[0]); i++) {
			const uint8_t *p = buf + data[i] * pg;
			ck_assert_uint_eq(p[i == 4 ? pg - 1 : 0], i + 1);
			ck_assert_uint_eq(p[i == 4 ? 0 : pg - 1], 0);
		}
	}
	memset(zmap, 0, sizeof(zmap));
	ck_assert_int_eq(xc_foreign_view_read(&v, buf, zmap), 5);
	ck_assert_uint_eq(zmap[0] | zmap[1] << 8, 0xde79);
	xc_foreign_view_unmap(&v);
	ck_assert_ptr_null(v.addr);
	/* A view of part of the span: the extent's pages only, bits from 0. */
	ck_assert_int_eq(xc_foreign_view_map(&s, first + 8, 8, PROT_READ, &v), 0);
	ck_assert_int_eq(xc_foreign_view_read(&v, buf, zmap), 2);
	ck_assert_uint_eq(zmap[0], 0xde);
	ck_assert_uint_eq(buf[5 * pg + pg - 1], 5);
	xc_foreign_view_unmap(&v);
	xc_foreign_span_release(xch, &s);
	free(buf);
	XC_OK(xch, xc_domain_destroy(xch, domid));
	xc_interface_close(xch);
}
END_TEST

START_TEST(logger)
{
	struct logbuf lb = { 0 };
	xc_logger lg = { logfn, &lb, XC_LOG_ERROR };
	xc_interface *xch = xc_interface_open(&lg, 0);

	ck_assert_ptr_nonnull(xch);
	ck_assert_int_gt(xc_version(xch, XENVER_version, NULL), 0);
	ck_assert_int_eq(lb.n, 0);
	ck_assert_int_eq(xc_domain_pause(xch, 4000), -ESRCH);
	ck_assert_int_eq(lb.n, 1);
	ck_assert_int_eq(lb.level, XC_LOG_ERROR);
	ck_assert_str_eq(lb.last, xc_get_last_error(xch)->message);
	xc_interface_close(xch);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-transport");
	TCase *tc = tcase_create("hv");

	tcase_add_unchecked_fixture(tc, xctest_hv_setup, xctest_hv_teardown);
	tcase_add_test(tc, window_allocator);
	tcase_add_test(tc, bounce_directions);
	tcase_add_test(tc, version_mismatch);
	tcase_add_test(tc, unprivileged_refused);
	tcase_add_test(tc, allow_uid);
	tcase_add_test(tc, allow_ids_own_socket);
	tcase_add_test(tc, client_killed_mid_call);
	tcase_add_test(tc, garbage_client);
	tcase_add_test(tc, open_errors);
	tcase_add_test(tc, logger);
	tcase_add_test(tc, span_write);
	tcase_add_test(tc, span_write_long);
	tcase_add_test(tc, span_view_read);
	suite_add_tcase(s, tc);
	return check_run(s);
}
