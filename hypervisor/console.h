/*
 * The hypervisor console ring (Xen's conring): hypervisor messages and
 * dom0's console_io writes, read back by XEN_SYSCTL_readconsole.
 */
#ifndef HV_CONSOLE_H
#define HV_CONSOLE_H

#include <stdint.h>

#include <xenppc/console_io.h>

struct console {
	char ring[XENPPC_CONSOLE_RING_SIZE];
	uint64_t prod;               /* bytes ever written */
	uint64_t cons;               /* readconsole's start (advanced by clear) */
	uint64_t io_cons;            /* CONSOLEIO_read's loopback cursor */
};

void console_init(struct console *c);
void console_write(struct console *c, const char *buf, uint64_t len);
/* A line with Xen's "(XEN) " prefix, as printk would put in the ring. */
void console_printk(struct console *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bytes available to readconsole / CONSOLEIO_read, oldest first. */
uint64_t console_avail(const struct console *c, uint64_t from);
/* Copy up to len bytes starting at stream position from; returns count. */
uint64_t console_peek(const struct console *c, uint64_t from, char *buf, uint64_t len);

#endif /* HV_CONSOLE_H */
