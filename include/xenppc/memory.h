/*
 * memory_op (hypercall 12): arg0 = XENMEM_* command, arg1 = handle.
 * Xen 3.1 numbers and layouts.
 */
#ifndef XENPPC_MEMORY_H
#define XENPPC_MEMORY_H

#include "xen.h"

#define XENMEM_increase_reservation 0
#define XENMEM_decrease_reservation 1
#define XENMEM_maximum_ram_page     2   /* no argument; returns the value */
#define XENMEM_current_reservation  3   /* arg: handle to a domid_t */
#define XENMEM_maximum_reservation  4   /* arg: handle to a domid_t */
#define XENMEM_populate_physmap     6
#define XENMEM_NR_CMDS              7

/*
 * increase/decrease_reservation and populate_physmap.
 * extent_start lists be64 frame numbers: in for decrease (gpfns to free)
 * and populate (gpfns to fill), out for increase (the gpfns chosen).
 * Returns the number of extents done, which may be fewer than asked.
 */
struct xen_memory_reservation {
	xen_guest_handle_t extent_start;
	be64_t nr_extents;
	be32_t extent_order;
	be32_t address_bits;         /* 0 = no restriction */
	xen_domid_t domid;
	uint8_t pad[6];
};
XENPPC_CHECK_SIZE(struct xen_memory_reservation, 32);
XENPPC_CHECK_OFFSET(struct xen_memory_reservation, nr_extents, 8);
XENPPC_CHECK_OFFSET(struct xen_memory_reservation, extent_order, 16);
XENPPC_CHECK_OFFSET(struct xen_memory_reservation, address_bits, 20);
XENPPC_CHECK_OFFSET(struct xen_memory_reservation, domid, 24);

/* Extents are 16 MiB where possible (PowerPC: order 12). */
#define XENPPC_EXTENT_ORDER 12

#endif /* XENPPC_MEMORY_H */
