/*
 * One privcmd connection: its socket, window, credentials and the events
 * and reply waiting to be sent.  Its foreign mappings' holds are in the
 * hypervisor's fmap, owned by the struct conn pointer.  privcmd.c owns the listening side and
 * the loop; this file's functions own a single connection.
 */
#ifndef HV_PRIVCMD_CONN_H
#define HV_PRIVCMD_CONN_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "hv.h"

struct conn {
	int fd;
	unsigned slot;
	uint8_t *win;                /* our mapping of the client's window */
	uint64_t gpa;                /* the window's guest-physical base */
	pid_t pid;
	uid_t uid;
	bool result_waiting;         /* RESULT/MAPPED not yet sent (socket full) */
	struct privcmd_msg result;
	bool result_fd;              /* it carries the machine fd (machine_fd) */
	int machine_fd;
	bool machine_fd_sent;        /* the first successful MAPPED went out */
	bool events_waiting;
	uint8_t pending[XENPPC_NR_EVENT_CHANNELS / 8];
};

/* Map a fresh window and send it: 0, or -errno (the caller closes fd). */
int conn_start(struct conn *cn, unsigned slot);
/* Read and serve one request: 0, or -1 to drop the connection. */
int conn_serve(struct conn *cn, struct hv *hv);
/* Send what is waiting (the reply first, then events): 0, or -1 to drop. */
int conn_flush(struct conn *cn);
/* Queue or send an EVENT for port. */
void conn_notify(struct conn *cn, uint32_t port);
/* Does the connection wait for POLLOUT? */
bool conn_wants_out(const struct conn *cn);
/* Close the socket and unmap the window. */
void conn_end(struct conn *cn);

/* Send one REFUSED with error (XEN_E*), ignoring failures. */
void privcmd_send_refused(int fd, uint32_t error);

#endif /* HV_PRIVCMD_CONN_H */
