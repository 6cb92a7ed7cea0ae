/*
 * event_channel_op (hypercall 32): arg0 = EVTCHNOP_* command, arg1 = handle.
 * Xen 3.1 numbers and layouts.
 */
#ifndef XENPPC_EVENT_CHANNEL_H
#define XENPPC_EVENT_CHANNEL_H

#include "xen.h"

#define EVTCHNOP_bind_interdomain 0
#define EVTCHNOP_bind_virq        1
#define EVTCHNOP_close            3
#define EVTCHNOP_send             4
#define EVTCHNOP_status           5
#define EVTCHNOP_alloc_unbound    6
#define EVTCHNOP_unmask           9
/* Deviations of our own, numbered from 64 as domctl's and sysctl's are. */
#define EVTCHNOP_XENPPC_BASE     64
#define EVTCHNOP_status_list     64
#define EVTCHNOP_NR_CMDS         65

typedef be32_t evtchn_port_t;
/* Ports per domain (Xen: NR_EVENT_CHANNELS is 1024 on 64-bit guests). */
#define XENPPC_NR_EVENT_CHANNELS 1024

struct evtchn_alloc_unbound {
	xen_domid_t dom;
	xen_domid_t remote_dom;
	evtchn_port_t port;          /* out */
};
XENPPC_CHECK_SIZE(struct evtchn_alloc_unbound, 8);

struct evtchn_bind_interdomain {
	xen_domid_t remote_dom;
	uint8_t pad[2];
	evtchn_port_t remote_port;
	evtchn_port_t local_port;    /* out */
};
XENPPC_CHECK_SIZE(struct evtchn_bind_interdomain, 12);
XENPPC_CHECK_OFFSET(struct evtchn_bind_interdomain, remote_port, 4);
XENPPC_CHECK_OFFSET(struct evtchn_bind_interdomain, local_port, 8);

struct evtchn_bind_virq {
	be32_t virq;
	be32_t vcpu;
	evtchn_port_t port;          /* out */
};
XENPPC_CHECK_SIZE(struct evtchn_bind_virq, 12);

struct evtchn_port_arg {             /* close, send, unmask */
	evtchn_port_t port;
};
XENPPC_CHECK_SIZE(struct evtchn_port_arg, 4);

#define EVTCHNSTAT_closed       0
#define EVTCHNSTAT_unbound      1
#define EVTCHNSTAT_interdomain  2
#define EVTCHNSTAT_pirq         3
#define EVTCHNSTAT_virq         4
#define EVTCHNSTAT_ipi          5
struct evtchn_status {
	xen_domid_t dom;
	uint8_t pad0[2];
	evtchn_port_t port;
	be32_t status;               /* out */
	be32_t vcpu;                 /* out */
	union {
		xen_domid_t unbound_remote_dom;
		struct {
			xen_domid_t dom;
			uint8_t pad[2];
			evtchn_port_t port;
		} interdomain;
		be32_t virq;
	} u;                         /* out */
};
XENPPC_CHECK_SIZE(struct evtchn_status, 24);
XENPPC_CHECK_OFFSET(struct evtchn_status, status, 8);
XENPPC_CHECK_OFFSET(struct evtchn_status, u, 16);

/*
 * Deviation: status_list.  Xen 3.1 answers one port per EVTCHNOP_status,
 * so saving a domain cost one hypercall for each of its 1023 ports.
 * status_list writes an entry for every port of dom numbered first_port
 * or above that is not closed, in increasing port order, up to max_ports
 * entries (<= XENPPC_NR_EVENT_CHANNELS), into the array at ports;
 * nr_ports (out) is how many it wrote.  A caller that got max_ports
 * entries continues from the last port + 1.  Who may ask is as for
 * status: dom0 for any domain, others DOMID_SELF.  first_port 0 starts
 * at port 1 (port 0 is reserved); first_port or max_ports above
 * XENPPC_NR_EVENT_CHANNELS is -EINVAL.
 */
struct evtchn_status_entry {
	evtchn_port_t port;
	be32_t status;               /* EVTCHNSTAT_*, never closed */
	be32_t vcpu;
	xen_domid_t remote_dom;      /* unbound, interdomain; else 0 */
	uint8_t pad[2];
	evtchn_port_t remote_port;   /* interdomain; else 0 */
	be32_t virq;                 /* virq; else 0 */
};
XENPPC_CHECK_SIZE(struct evtchn_status_entry, 24);
XENPPC_CHECK_OFFSET(struct evtchn_status_entry, remote_dom, 12);
XENPPC_CHECK_OFFSET(struct evtchn_status_entry, remote_port, 16);
XENPPC_CHECK_OFFSET(struct evtchn_status_entry, virq, 20);

struct evtchn_status_list {
	xen_domid_t dom;
	uint8_t pad[2];
	evtchn_port_t first_port;
	be32_t max_ports;
	be32_t nr_ports;             /* out */
	xen_guest_handle_t ports;    /* struct evtchn_status_entry[max_ports] */
};
XENPPC_CHECK_SIZE(struct evtchn_status_list, 24);
XENPPC_CHECK_OFFSET(struct evtchn_status_list, first_port, 4);
XENPPC_CHECK_OFFSET(struct evtchn_status_list, nr_ports, 12);
XENPPC_CHECK_OFFSET(struct evtchn_status_list, ports, 16);

#endif /* XENPPC_EVENT_CHANNEL_H */
