/*
 * console_io (hypercall 18): arg0 = CONSOLEIO_*, arg1 = count, arg2 = handle.
 * dom0 only (the dispatcher checks).
 *
 * CONSOLEIO_write appends to the hypervisor console ring, as Xen's guest
 * console writes do.  There is no serial line, so CONSOLEIO_read -- Xen's
 * "read serial input" -- returns ring bytes that no CONSOLEIO_read has
 * returned yet, as if the line were looped back; it returns the count.
 */
#include <errno.h>

#include "domain.h"
#include "hcall.h"

static int64_t cio_write(struct hv_call *c)
{
	char buf[XENPPC_CONSOLE_WRITE_MAX];
	uint64_t n = c->arg[1];

	if (n > XENPPC_CONSOLE_WRITE_MAX)
		return -EINVAL;
	if (hv_copy_from(c, buf, c->arg[2], 0, n) != 0)
		return -EFAULT;
	console_write(&c->hv->console, buf, n);
	return 0;
}

static int64_t cio_read(struct hv_call *c)
{
	char buf[XENPPC_CONSOLE_WRITE_MAX];
	struct console *con = &c->hv->console;
	uint64_t want = c->arg[1] < sizeof(buf) ? c->arg[1] : sizeof(buf);
	uint64_t got = console_peek(con, con->io_cons, buf, want);

	if (got && hv_copy_to(c, c->arg[2], 0, buf, got) != 0)
		return -EFAULT;
	con->io_cons = con->prod - console_avail(con, con->io_cons) + got;
	return (int64_t)got;
}

static const struct subcmd_row console_cmds[] = {
	[CONSOLEIO_write] = { "write", cio_write },
	[CONSOLEIO_read]  = { "read", cio_read },
};

int64_t do_console_io(struct hv_call *c)
{
	if (c->arg[0] >= sizeof(console_cmds) / sizeof(console_cmds[0]))
		return -ENOSYS;
	return console_cmds[c->arg[0]].fn(c);
}
