/*
 * Domain operations that span several hypercalls and the state directory.
 * Each is ordered so that a daemon killed between any two steps can be
 * finished or rolled back by ops_recover() at its next start (see
 * PROTOCOL.md, "Restart safety").
 */
#ifndef XMCTLD_OPS_H
#define XMCTLD_OPS_H

#include <stdint.h>

#include "domtab.h"
#include "jsonrpc.h"

/*
 * The UUID a domain carries while it is being built.  Setting the real
 * UUID is the last step of a start, so a domain that still carries its
 * building UUID after a crash is known to be half-built and is destroyed.
 */
void ops_building_uuid(const uint8_t uuid[16], uint8_t out[16]);

/* Can an RMA of 2^rma_log bytes and memory_mib MiB be placed now? */
int ops_rma_check(unsigned rma_log, uint64_t memory_mib, struct rpc_error *err);

/* Create, build and (unless paused) unpause d.  0, or -1 with err. */
int ops_start(struct dom *d, int paused, struct rpc_error *err);
/* Destroy domid; a running-only record of d (may be NULL) goes with it. */
int ops_destroy(struct dom *d, uint32_t domid, struct rpc_error *err);
/*
 * Finish d's pending restart or rename-restart (recorded in d->rec): move
 * the old instance out of the way, start a new one unless one already
 * runs, and clear the record.  Used by the policies and by recovery.
 * May remove d (a running-only domain that could not be restarted).
 */
void ops_finish_restart(struct dom *d);
/* Refresh the snapshot and apply the lifecycle policies to domains that shut down. */
void ops_run_policies(void);
/* Reconcile records and the hypervisor after a start.  0 or -1. */
int ops_recover(void);
/*
 * SIGHUP: ops_recover again, keeping what only memory holds (restart
 * limiters, handled shutdowns) for the domains it already knew.  0 or -1.
 */
int ops_reload(void);
/* Store a record change; -1 with a STORE error. */
int ops_save_record(struct dom *d, struct rpc_error *err);

#endif /* XMCTLD_OPS_H */
