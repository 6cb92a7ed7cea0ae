/*
 * The hypervisor console: the ring dom0 reads with XEN_SYSCTL_readconsole,
 * and console_io write/read as dom0.
 */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "xc_private.h"

/*
 * Bytes one readconsole call may ask for: the whole ring fits, and one
 * descriptor always can describe it.
 */
#define XC_CONSOLE_READ_MAX (4U * XENPPC_CONSOLE_RING_SIZE)

int xc_readconsolering(xc_interface *xch, char *buffer, uint32_t *pnr_chars, int clear)
{
	struct xen_sysctl s = xc_sysctl_init(XEN_SYSCTL_readconsole);
	uint32_t len, got;
	uint64_t h;
	char *buf;
	int rc;

	if (!buffer || !pnr_chars)
		return xc_seterror(xch, -EINVAL, "xc_readconsolering: NULL argument");
	len = *pnr_chars < XC_CONSOLE_READ_MAX ? *pnr_chars : XC_CONSOLE_READ_MAX;
	if (len == 0)
		return xc_seterror(xch, -EINVAL, "xc_readconsolering: empty buffer");
	if (!(buf = xc_hypercall_buffer_alloc(xch, len, &h)))
		return -xch->last_error.code;
	s.u.readconsole.clear = be32_mk(clear ? 1 : 0);
	s.u.readconsole.buffer = be64_mk(h);
	s.u.readconsole.count = be32_mk(len);
	rc = do_sysctl(xch, &s);
	got = be32_get(s.u.readconsole.count);
	if (rc >= 0 && got > len)
		rc = xc_seterror(xch, -EPROTO, "readconsole returned %u of %u bytes", got, len);
	if (rc >= 0) {
		memcpy(buffer, buf, got);
		*pnr_chars = got;
	}
	xc_hypercall_buffer_free(xch, buf);
	return rc < 0 ? rc : 0;
}

/* One console_io call on count bytes bounced in the given direction. */
static int64_t console_io(xc_interface *xch, uint32_t cmd, uint64_t handle, uint32_t count)
{
	uint64_t args[PRIVCMD_NR_ARGS] = { cmd, count, handle };
	int64_t ret = xc_hypercall(xch, __HYPERVISOR_console_io, args);

	if (ret < 0 && ret != -ECONNRESET && ret != -EPROTO)
		return xc_seterror(xch, (int)ret, "console_io %s: %s",
				   cmd == CONSOLEIO_write ? "write" : "read",
				   xc_strerror(xch, (int)ret));
	return ret;
}

int xc_console_write(xc_interface *xch, const char *buf, uint32_t len)
{
	if (len && !buf)
		return xc_seterror(xch, -EINVAL, "xc_console_write: buf is NULL");
	while (len) {
		uint32_t n = len < XENPPC_CONSOLE_WRITE_MAX ? len : XENPPC_CONSOLE_WRITE_MAX;
		DECLARE_BOUNCE_IN(b, char, buf, n);
		int64_t ret = xc_bounce_pre(xch, &b);
		if (ret == 0)
			ret = console_io(xch, CONSOLEIO_write, b.handle, n);
		xc_bounce_post(xch, &b);
		if (ret < 0)
			return (int)ret;
		buf += n;
		len -= n;
	}
	return 0;
}

int xc_console_read(xc_interface *xch, char *buf, uint32_t len)
{
	int64_t ret;

	if (!buf)
		return xc_seterror(xch, -EINVAL, "xc_console_read: buf is NULL");
	if (len > XENPPC_CONSOLE_RING_SIZE)
		len = XENPPC_CONSOLE_RING_SIZE;
	DECLARE_BOUNCE_OUT(b, char, buf, len);
	ret = xc_bounce_pre(xch, &b);
	if (ret == 0)
		ret = console_io(xch, CONSOLEIO_read, b.handle, len);
	if (ret > (int64_t)len)
		ret = xc_seterror(xch, -EPROTO, "console read returned %lld bytes", (long long)ret);
	xc_bounce_post(xch, &b);
	return (int)ret;
}
