/* Settings of the running daemon, shared by its modules. */
#ifndef XMCTLD_XMCTLD_H
#define XMCTLD_XMCTLD_H

#include <stdint.h>

struct xmctld_settings {
	const char *rundir;         /* the hypervisor's (and our socket's) run directory */
	const char *statedir;       /* managed-domain records */
	unsigned restart_burst;     /* crash-loop limit: restarts ... */
	unsigned restart_window_s;  /* ... per this many seconds */
};

extern struct xmctld_settings xmctld;

/* Monotonic milliseconds. */
uint64_t xmctld_now_ms(void);

#endif /* XMCTLD_XMCTLD_H */
