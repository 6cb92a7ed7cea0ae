/*
 * The daemon's one event loop (epoll).  Every descriptor the daemon waits
 * on is a watch: the listening socket, each client, the hypervisor's event
 * channel, the signal pipe.  Handlers never block, so a slow client can
 * only delay itself.
 */
#ifndef XMCTLD_LOOP_H
#define XMCTLD_LOOP_H

#include <stdint.h>

struct watch;
typedef void watch_fn(struct watch *w, uint32_t events);

struct watch {
	int fd;
	uint32_t events;        /* EPOLLIN / EPOLLOUT currently wanted */
	watch_fn *fn;
};

/* Returns 0, or a negative errno. */
int loop_init(void);
void loop_fini(void);
int loop_add(struct watch *w);
int loop_mod(struct watch *w, uint32_t events);
/* Stop watching.  Safe inside a handler: pending events for w are dropped. */
void loop_del(struct watch *w);
/*
 * Wait up to timeout_ms (-1 = forever) and run the handlers of ready
 * watches.  Returns the number handled, or a negative errno (EINTR is 0).
 */
int loop_run_once(int timeout_ms);

#endif /* XMCTLD_LOOP_H */
