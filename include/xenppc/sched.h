/*
 * sched_op (hypercall 29): arg0 = SCHEDOP_* command, arg1 = handle.
 */
#ifndef XENPPC_SCHED_H
#define XENPPC_SCHED_H

#include "xen.h"

#define SCHEDOP_yield           0
#define SCHEDOP_block           1
#define SCHEDOP_shutdown        2
#define SCHEDOP_poll            3
#define SCHEDOP_remote_shutdown 4
#define SCHEDOP_NR_CMDS         5

struct sched_shutdown {
	be32_t reason;               /* SHUTDOWN_* */
};
XENPPC_CHECK_SIZE(struct sched_shutdown, 4);

struct sched_remote_shutdown {
	xen_domid_t domain_id;
	uint8_t pad[2];
	be32_t reason;
};
XENPPC_CHECK_SIZE(struct sched_remote_shutdown, 8);
XENPPC_CHECK_OFFSET(struct sched_remote_shutdown, reason, 4);

#endif /* XENPPC_SCHED_H */
