/*
 * Client connections: buffered non-blocking I/O, newline framing, the
 * authority each peer was given at accept, and the events subscribers.
 */
#ifndef XMCTLD_CONN_H
#define XMCTLD_CONN_H

#include <sys/types.h>
#include <yajl/yajl_gen.h>

#include "buf.h"
#include "loop.h"

struct conn {
	struct watch w;
	struct conn *next, *prev;      /* all connections */
	uid_t uid;
	gid_t gid;
	pid_t pid;
	unsigned may_write : 1;        /* root or the allowed uid */
	unsigned subscribed : 1;       /* events.subscribe was called */
	unsigned discarding : 1;       /* skipping the rest of an oversized line */
	unsigned closing : 1;          /* close once the output drains */
	unsigned ready : 1;            /* complete lines wait in `in`: serve next round */
	unsigned blocked : 1;          /* lines wait until the client reads its replies */
	struct buf in, out;
};

/*
 * Take over an accepted, authorized socket.  Returns 0, or a negative
 * errno (the socket is closed either way on failure).
 */
int conn_new(int fd, uid_t uid, gid_t gid, pid_t pid, int may_write);
/* Queue bytes already in c->out for sending; closes c on a write error. */
void conn_flush(struct conn *c);
/* Close and free (deferred to the end of the loop round). */
void conn_close(struct conn *c);
/* Send a notification to every subscriber; slow ones are dropped. */
void conn_broadcast(const char *method, yajl_gen params);
/* Handle requests already buffered (fairness round); returns 1 if more wait. */
int conn_run_ready(void);
/* Free connections closed during this round. */
void conn_reap(void);
void conn_close_all(void);
unsigned conn_count(void);

#endif /* XMCTLD_CONN_H */
