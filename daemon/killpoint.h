/*
 * Deterministic crash injection for the crash-consistency tests.
 *
 * Every place where a crash leaves a distinct state on disk or in the
 * hypervisor calls killpoint("what").  When the environment variable
 * XMCTLD_KILL_AT=N is set, the daemon SIGKILLs itself at the N-th
 * killpoint it reaches (counted from its start), exactly as `kill -9`
 * would at that moment.  Unset, a killpoint costs one branch.
 */
#ifndef XMCTLD_KILLPOINT_H
#define XMCTLD_KILLPOINT_H

/* Read XMCTLD_KILL_AT; call once at start. */
void killpoint_init(void);
void killpoint(const char *what);
/* Killpoints reached so far (the tests size their sweep with it). */
unsigned long killpoint_count(void);

#endif /* XMCTLD_KILLPOINT_H */
