/*
 * A hypervisor that answers MMAP wrongly: the library maps the machine fd
 * where MAPPED says, so every answer is checked before it is trusted (a
 * run the fd does not hold would fault on first touch).  The fake
 * hypervisor here speaks just enough of the privcmd wire (privcmd.h): the
 * window, then MAPPED as the case says, RESULT 0 to MUNMAP.  Whatever it
 * says, the client is left with no more open fds than it started with.
 */
#include <config.h>

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <xenctrl.h>
#include <xenppc/privcmd.h>
#include "../check-run.h"

#define PG 4096U
#define MACHINE_PAGES 16U
#define PATTERN_PAGE 3U

struct lie {
	const char *what;
	int64_t ret;                 /* MAPPED's ret for a one-page MMAP */
	uint64_t mfn;
	uint64_t machine_size;
	int attach_fd;
	int err;                     /* what xc_map_foreign_range says (0: maps) */
	int event_fd;                /* an EVENT carrying an fd comes before MAPPED */
};

static const struct lie lies[] = {
	{ "honest", 1, PATTERN_PAGE, MACHINE_PAGES * PG, 1, 0, 0 },
	{ "longer run than asked", 2, PATTERN_PAGE, MACHINE_PAGES * PG, 1, EPROTO, 0 },
	{ "empty run", 0, PATTERN_PAGE, MACHINE_PAGES * PG, 1, EPROTO, 0 },
	{ "no machine fd", 1, PATTERN_PAGE, MACHINE_PAGES * PG, 0, EPROTO, 0 },
	{ "run past machine memory", 1, MACHINE_PAGES, MACHINE_PAGES * PG, 1, EPROTO, 0 },
	{ "machine size not whole pages", 1, 0, MACHINE_PAGES * PG + 1, 1, EPROTO, 0 },
	{ "machine size 0", 1, 0, 0, 1, EPROTO, 0 },
	{ "absurd error", -100000, 0, 0, 0, EPROTO, 0 },
	{ "its own error", -ESRCH, 0, 0, 0, ESRCH, 0 },
	{ "an fd on an EVENT first", 1, PATTERN_PAGE, MACHINE_PAGES * PG, 1, 0, 1 },
};

static void msg_init(struct privcmd_msg *m, uint16_t type, uint64_t seq)
{
	memset(m, 0, sizeof(*m));
	m->hdr = privcmd_hdr_mk(type, seq);
}

static void send_fd(int s, const struct privcmd_msg *m, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))];
	struct iovec iov = { .iov_base = (void *)m, .iov_len = sizeof(*m) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };

	if (fd >= 0) {
		memset(cbuf, 0, sizeof(cbuf));
		mh.msg_control = cbuf;
		mh.msg_controllen = sizeof(cbuf);
		struct cmsghdr *cm = CMSG_FIRSTHDR(&mh);
		cm->cmsg_level = SOL_SOCKET;
		cm->cmsg_type = SCM_RIGHTS;
		cm->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(cm), &fd, sizeof(int));
	}
	if (sendmsg(s, &mh, MSG_NOSIGNAL) != (ssize_t)sizeof(*m))
		_exit(3);
}

static int memfd_of(uint64_t size, uint8_t fill_page_byte)
{
	int fd = memfd_create("fake", 0);
	uint8_t page[PG];

	if (fd < 0 || ftruncate(fd, (off_t)size) != 0)
		_exit(3);
	memset(page, fill_page_byte, sizeof(page));
	if (fill_page_byte && pwrite(fd, page, PG, (off_t)PATTERN_PAGE * PG) != PG)
		_exit(3);
	return fd;
}

/* The child: one client, served until it hangs up. */
static void fake_hv(int lfd, const struct lie *l)
{
	struct privcmd_msg m, r;
	int c = accept(lfd, NULL, NULL), mach = memfd_of(MACHINE_PAGES * PG, 0xa7);

	if (c < 0)
		_exit(3);
	msg_init(&r, PRIVCMD_MSG_WINDOW, 0);
	r.u.window.window_gpa = be64_mk(PRIVCMD_WINDOW_GPA_BASE);
	r.u.window.window_size = be64_mk(PRIVCMD_WINDOW_SIZE);
	send_fd(c, &r, memfd_of(PRIVCMD_WINDOW_SIZE, 0));
	while (recv(c, &m, sizeof(m), 0) == (ssize_t)sizeof(m)) {
		uint64_t seq = be64_get(m.hdr.seq);
		switch (be16_get(m.hdr.type)) {
		case PRIVCMD_MSG_MMAP:
			if (l->event_fd) {
				msg_init(&r, PRIVCMD_MSG_EVENT, 0);
				r.u.event.port = be32_mk(1);
				send_fd(c, &r, memfd_of(PG, 0));
			}
			msg_init(&r, PRIVCMD_MSG_MAPPED, seq);
			be64_put_s(&r.u.mapped.ret, l->ret);
			r.u.mapped.mfn = be64_mk(l->mfn);
			r.u.mapped.map_id = be64_mk(7);
			r.u.mapped.machine_size = be64_mk(l->machine_size);
			send_fd(c, &r, l->attach_fd ? mach : -1);
			break;
		case PRIVCMD_MSG_MUNMAP:
			msg_init(&r, PRIVCMD_MSG_RESULT, seq);
			send_fd(c, &r, -1);
			break;
		default:
			msg_init(&r, PRIVCMD_MSG_RESULT, seq);
			be64_put_s(&r.u.result.ret, -ENOSYS);
			send_fd(c, &r, -1);
		}
	}
	_exit(0);
}

/* How many fds this process has open. */
static int open_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

START_TEST(mapped_is_checked)
{
	const struct lie *l = &lies[_i];
	char dir[] = "/tmp/xenppc-badhv.XXXXXX", path[sizeof(dir) + 32];
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	int lfd, status;
	pid_t pid;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/%s", dir, PRIVCMD_SOCKET_NAME);
	snprintf(sa.sun_path, sizeof(sa.sun_path), "%s", path);
	lfd = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	ck_assert_int_ge(lfd, 0);
	ck_assert_int_eq(bind(lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	ck_assert_int_eq(listen(lfd, 1), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		fake_hv(lfd, l);
	close(lfd);

	int fds = open_fds();
	xc_interface *xch = xc_interface_open_rundir(dir, NULL, 0);
	ck_assert_ptr_nonnull(xch);
	errno = 0;
	const uint8_t *p = xc_map_foreign_range(xch, 1, PG, PROT_READ, 0);
	if (l->err == 0) {
		ck_assert_msg(p != NULL, "%s: %s", l->what, xc_get_last_error(xch)->message);
		ck_assert_uint_eq(p[0], 0xa7);           /* the page MAPPED named */
		ck_assert_uint_eq(p[PG - 1], 0xa7);
		ck_assert_int_eq(xc_unmap_foreign_range(xch, (void *)p, PG), 0);
	} else {
		ck_assert_msg(p == NULL, "%s: mapped", l->what);
		ck_assert_msg(errno == l->err, "%s: errno %d, want %d", l->what, errno, l->err);
		ck_assert(xc_get_last_error(xch)->message[0] != '\0');
	}
	xc_interface_close(xch);
	ck_assert_msg(open_fds() == fds, "%s: %d fds open after, %d before", l->what, open_fds(), fds);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "%s: fake hypervisor failed", l->what);
	unlink(path);
	rmdir(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("libxc-badhv");
	TCase *tc = tcase_create("mapped");

	tcase_add_loop_test(tc, mapped_is_checked, 0, (int)(sizeof(lies) / sizeof(lies[0])));
	suite_add_tcase(s, tc);
	return check_run(s);
}
