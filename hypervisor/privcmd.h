/*
 * The privcmd server (ARCHITECTURE D3): RUNDIR/privcmd.sock.
 *
 * The contract with libxc-ppc, in full:
 *  - SOCK_SEQPACKET; every message is exactly PRIVCMD_MSG_SIZE bytes
 *    (struct privcmd_msg), magic PRIVCMD_MAGIC, version PRIVCMD_VERSION.
 *  - On accept the peer's SO_PEERCRED is checked: uid 0, the hypervisor's
 *    own uid (only when no --allow-uid/--allow-gid is given), each
 *    --allow-uid, and each --allow-gid (the peer's primary gid) are
 *    accepted.  Refused: one PRIVCMD_MSG_REFUSED (error XEN_EPERM), then
 *    close.  With PRIVCMD_MAX_CLIENTS connected, a new one gets REFUSED
 *    with XEN_EBUSY.
 *  - Accepted: one PRIVCMD_MSG_WINDOW carrying the client's own memory fd
 *    (PRIVCMD_WINDOW_SIZE bytes, SCM_RIGHTS), window_gpa =
 *    PRIVCMD_WINDOW_GPA_BASE + slot * PRIVCMD_WINDOW_SLOT_SIZE, domid 0.
 *    A fresh fd per connection: nobody sees a previous client's bytes.
 *  - HYPERCALL (op, six args) -> RESULT with the same seq; ret is the
 *    signed result (-XEN_E* on error).  The client acts as dom0, and every
 *    handle it passes may reference only its own window: any other
 *    guest-physical address is -EFAULT.
 *  - MMAP (domid, gpfn, count, flags) -> MAPPED with the same seq: ret =
 *    pages in the machine-contiguous run from gpfn (1..count), mfn of
 *    gpfn, map_id of the hold that keeps the run's machine pages from
 *    reuse, machine_size; or ret -ESRCH, -EINVAL (dom0, count, flags),
 *    -EFAULT (gpfn not populated), -ENOSPC (PRIVCMD_MAX_MAPS holds).  The
 *    first MAPPED with ret > 0 carries the machine memory fd (SCM_RIGHTS),
 *    later ones none.  Memory a domain frees under a hold stays allocated
 *    and unscrubbed until the last hold on it goes (fmap.h).
 *  - MUNMAP (map_id) -> RESULT: 0, or -ENOENT if not this connection's hold.
 *  - EVENT (port) whenever a dom0 port bound through this connection is
 *    notified; notifications of one port coalesce until sent.  EVENTs may
 *    precede the reply to the request in flight.
 *  - A malformed packet (size, magic, version, type) drops the connection;
 *    so does hanging up.  Its ports are closed, its holds released and its
 *    window slot is reused.  Other clients are unaffected.
 */
#ifndef HV_PRIVCMD_H
#define HV_PRIVCMD_H

#include <signal.h>
#include <stdbool.h>
#include <sys/types.h>

#include "hv.h"

/* --allow-uid / --allow-gid options that may be given. */
#define PRIVCMD_MAX_ALLOW 16

struct privcmd_acl {
	uint32_t uid[PRIVCMD_MAX_ALLOW];
	unsigned nr_uid;
	uint32_t gid[PRIVCMD_MAX_ALLOW];
	unsigned nr_gid;
};

struct privcmd_server;

/*
 * Create RUNDIR/privcmd.sock (mode 0660, any stale socket replaced) and
 * register as the hypervisor's event sink: 0 or -errno.
 */
int privcmd_open(struct privcmd_server **out, struct hv *hv, const char *rundir,
                 const struct privcmd_acl *acl);
/* Serve until *stop is set (a signal handler sets it): 0 or -errno. */
int privcmd_run(struct privcmd_server *s, volatile sig_atomic_t *stop);
/* Drop every client and unlink the socket.  NULL is fine. */
void privcmd_close(struct privcmd_server *s);

#endif /* HV_PRIVCMD_H */
