/*
 * The state directory: one XML file per managed domain, named by UUID
 * (STATEDIR/domains/<uuid>.xml).  Writes are atomic (temp file, fsync,
 * rename, fsync the directory), so a daemon killed at any moment leaves
 * either the old or the new record, never a torn one.
 */
#ifndef XMCTLD_STORE_H
#define XMCTLD_STORE_H

#include <stdint.h>

#include "domrec.h"

/* Create the directories if needed and remove temp files of a killed run. */
int store_init(const char *statedir);
/*
 * Write r atomically.  Persistent records are also made durable (fsync of
 * file and directory); running-only records skip the fsyncs, because the
 * domains they describe cannot outlive a host crash, while rename alone
 * already makes them safe against the daemon being killed.
 * Returns 0 or a negative errno.
 */
int store_save(const struct domrec *r);
/* Remove the record of uuid; ENOENT is success.  0 or negative errno. */
int store_delete(const uint8_t uuid[16], int durable);
/*
 * Read every record and call fn for each.  A file that cannot be read or
 * parsed is moved to STATEDIR/corrupt/ and logged, never dropped silently
 * and never fatal.  Returns the number of records loaded, or a negative
 * errno if the directory itself cannot be read (or out of memory): such a
 * failure comes before fn is called for any record.
 */
typedef void store_fn(struct domrec *r, void *arg);
int store_load(store_fn *fn, void *arg);
/*
 * The restore marker, STATEDIR/restore.pending, exists while
 * domain.restore runs.  A restore's domain exists with no name and no
 * uuid before the daemon can give it either; only the marker a killed
 * daemon leaves tells such a half-restored domain apart from a nameless
 * one that management software created through libxc, which recovery
 * must leave alone.  (A host crash takes the domains with it, so the
 * marker needs no fsync.)  begin returns 0 or a negative errno; end logs
 * a failure to remove it; pending says whether it exists.
 */
int store_restore_begin(void);
void store_restore_end(void);
int store_restore_pending(void);
/* Records moved aside by the last store_load(). */
unsigned store_corrupt_count(void);

#endif /* XMCTLD_STORE_H */
