/*
 * Runtime records of the direct path.  The hypervisor keeps each domain's
 * name and UUID, but not its config (disks, vifs, policies) nor when it
 * started; without the daemon, xmctl keeps those in RUNDIR/xmctl/UUID.json,
 * written atomically at create and removed at destroy.  A record is used
 * only while a domain with its UUID and id runs, so a stale one (the
 * domain was destroyed by another tool) is ignored and later swept.
 */
#ifndef XMCTL_RUNREC_H
#define XMCTL_RUNREC_H

#include <stdint.h>
#include "domconfig.h"

#define RUNREC_SUBDIR   "xmctl"
#define RUNREC_PATH_MAX 256     /* rundir (<= XC_RUNDIR_MAX) + "/xmctl/" + UUID + ".json" */
#define RUNREC_FILE_MAX (DOMCONFIG_JSON_MAX + 256)

struct runrec {
	uint32_t domid;
	double start_time;           /* seconds since the epoch */
	struct domconfig cfg;        /* has_uuid is always true */
};

/* Writes (replaces) the record of r->cfg.uuid.  0 or a negative errno. */
int runrec_write(const char *rundir, const struct runrec *r);
/* Reads the record of uuid.  0, -ENOENT, or -EINVAL for a corrupt one. */
int runrec_read(const char *rundir, const uint8_t uuid[16], struct runrec *r);
/* Removes it; a missing record is not an error. */
int runrec_remove(const char *rundir, const uint8_t uuid[16]);

#endif /* XMCTL_RUNREC_H */
