/*
 * Test fixture: run a real xenppc-hv in a fresh run directory and stop it
 * afterwards, for the libxc integration tests and benchmarks.
 *
 * The hypervisor is always the native one: $XENPPC_HV if set, else
 * xenppc-hv (or hypervisor/xenppc-hv) in $NATIVE_BUILDDIR in a cross
 * build, else in $abs_top_builddir.  Cross-built (-m32, big-endian)
 * test programs thus drive the 64-bit hypervisor, which is the point.
 */
#ifndef TESTS_LIBXC_HVFIX_H
#define TESTS_LIBXC_HVFIX_H

#include <sys/types.h>

/* Longest argument list hv_start passes on (extra options included). */
#define HVFIX_MAX_ARGS 24
/* How long the hypervisor may take to create its socket. */
#define HVFIX_START_TIMEOUT_MS 10000

struct hvfix {
	pid_t pid;
	char rundir[128];
	char sock[160];
};

/*
 * Start xenppc-hv --foreground --rundir <fresh temp dir> --memory <memory>
 * plus extra (NULL-terminated, may be NULL) and wait for privcmd.sock.
 * Sets XENPPC_RUNDIR for the library's default open.  Returns 0, or -1
 * with a message on stderr (the test then fails).
 */
int hv_start(struct hvfix *hv, const char *memory, const char *const *extra);

/* Is there a hypervisor binary to run?  (Tests skip, exit 77, if not.) */
int hv_exists(void);

/* SIGTERM, wait (SIGKILL after a grace period), remove the run directory. */
void hv_stop(struct hvfix *hv);

/* Is the hypervisor process still alive? */
int hv_alive(struct hvfix *hv);

/* The hypervisor's resident set in KiB (VmRSS), or -1. */
long hv_rss_kb(const struct hvfix *hv);

#endif
