#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "console.h"

#define CONSOLE_LINE_MAX 256

void console_init(struct console *c)
{
	memset(c, 0, sizeof(*c));
}

void console_write(struct console *c, const char *buf, uint64_t len)
{
	for (uint64_t i = 0; i < len; i++)
		c->ring[(c->prod + i) % XENPPC_CONSOLE_RING_SIZE] = buf[i];
	c->prod += len;
}

void console_printk(struct console *c, const char *fmt, ...)
{
	char line[CONSOLE_LINE_MAX];
	int n = snprintf(line, sizeof(line), "(XEN) ");
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	va_end(ap);
	strcat(line, "\n");
	console_write(c, line, strlen(line));
}

/* The oldest byte still in the ring. */
static uint64_t oldest(const struct console *c)
{
	return c->prod > XENPPC_CONSOLE_RING_SIZE ? c->prod - XENPPC_CONSOLE_RING_SIZE : 0;
}

uint64_t console_avail(const struct console *c, uint64_t from)
{
	if (from < oldest(c))
		from = oldest(c);
	return c->prod - from;
}

uint64_t console_peek(const struct console *c, uint64_t from, char *buf, uint64_t len)
{
	uint64_t n;

	if (from < oldest(c))
		from = oldest(c);
	n = c->prod - from;
	if (n > len)
		n = len;
	for (uint64_t i = 0; i < n; i++)
		buf[i] = c->ring[(from + i) % XENPPC_CONSOLE_RING_SIZE];
	return n;
}
