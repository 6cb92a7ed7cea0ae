/* Crash injection (killpoint.h). */
#include "config.h"

#include <signal.h>
#include <stdlib.h>

#include "killpoint.h"
#include "log.h"

static unsigned long kill_at;
static unsigned long reached;

void killpoint_init(void)
{
	const char *s = getenv("XMCTLD_KILL_AT");
	char *end;

	if (!s || !*s)
		return;
	kill_at = strtoul(s, &end, 10);
	if (*end)
		kill_at = 0;
	else
		log_info("crash injection armed: killed at killpoint %lu", kill_at);
}

void killpoint(const char *what)
{
	reached++;
	if (kill_at && reached == kill_at) {
		log_info("crash injection: killed at killpoint %lu (%s)", reached, what);
		raise(SIGKILL);
	}
}

unsigned long killpoint_count(void)
{
	return reached;
}
