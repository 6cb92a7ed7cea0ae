/*
 * grant_table_op (hypercall 20): arg0 = GNTTABOP_* command,
 * arg1 = handle to an array of count structs, arg2 = count.
 * Xen 3.1 numbers and layouts.
 */
#ifndef XENPPC_GRANT_TABLE_H
#define XENPPC_GRANT_TABLE_H

#include "xen.h"

#define GNTTABOP_setup_table 2
#define GNTTABOP_query_size  6
#define GNTTABOP_NR_CMDS     7

#define GNTST_okay             0
#define GNTST_general_error  (-1)
#define GNTST_bad_domain     (-2)
#define GNTST_permission_denied (-8)

/* Frames per domain: Xen 3.1's default max_nr_grant_frames. */
#define XENPPC_MAX_GRANT_FRAMES 32

struct gnttab_setup_table {
	xen_domid_t dom;
	uint8_t pad0[2];
	be32_t nr_frames;
	be16_t status;               /* out: GNTST_*, two's complement */
	uint8_t pad1[6];
	xen_guest_handle_t frame_list; /* out: be64 frame numbers */
};
XENPPC_CHECK_SIZE(struct gnttab_setup_table, 24);
XENPPC_CHECK_OFFSET(struct gnttab_setup_table, nr_frames, 4);
XENPPC_CHECK_OFFSET(struct gnttab_setup_table, status, 8);
XENPPC_CHECK_OFFSET(struct gnttab_setup_table, frame_list, 16);

struct gnttab_query_size {
	xen_domid_t dom;
	uint8_t pad0[2];
	be32_t nr_frames;            /* out */
	be32_t max_nr_frames;        /* out */
	be16_t status;               /* out */
	uint8_t pad1[2];
};
XENPPC_CHECK_SIZE(struct gnttab_query_size, 16);
XENPPC_CHECK_OFFSET(struct gnttab_query_size, max_nr_frames, 8);
XENPPC_CHECK_OFFSET(struct gnttab_query_size, status, 12);

#endif /* XENPPC_GRANT_TABLE_H */
