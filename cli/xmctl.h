/*
 * xmctl internals: the command table, the connection, domain lookup and
 * the helpers every command uses.
 *
 * Each command is a function that parses its own options, fetches what it
 * needs into a result struct, and hands that to a renderer (render.h): the
 * text form xm printed, or JSON with --json.  A failure prints exactly one
 * line, "xmctl: <what>: <why>", and the command returns XMCTL_EXIT_FAIL.
 */
#ifndef XMCTL_XMCTL_H
#define XMCTL_XMCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <xenctrl.h>

#define XMCTL_EXIT_OK    0
#define XMCTL_EXIT_FAIL  1
#define XMCTL_EXIT_USAGE 2

/* Where the hypervisor's privcmd.sock (and later xmctld.sock) live. */
#define XMCTL_RUNDIR_ENV     "XMCTL_RUNDIR"
#define XMCTL_DEFAULT_RUNDIR XC_DEFAULT_RUNDIR   /* /run/xenppc */

#define XMCTL_MAX_DOMAINS    32768   /* every domid below DOMID_FIRST_RESERVED */
#define XMCTL_DOM_ARG_MAX    128     /* longest DOM argument echoed in messages */

/* Per-invocation state shared by the commands. */
struct xmctl {
	const char *rundir;          /* resolved: --rundir, $XMCTL_RUNDIR, default */
	bool direct;                 /* --direct: never ask the daemon */
	const char *cmd;             /* the command's name, for messages */
	xc_interface *xch;           /* opened by xmctl_connect() */
	struct xmctld_client *daemon; /* the daemon path (daemon_path.h), or NULL */
	bool daemon_checked;         /* whether the daemon was looked for yet */
};

/* Command flags. */
#define CMD_JSON   (1U << 0)     /* takes --json */
#define CMD_HIDDEN (1U << 1)     /* not in the short help */

struct xmctl_cmd {
	const char *name;
	int (*run)(struct xmctl *x, int argc, char **argv);
	const char *usage;           /* after "xmctl NAME ", as xm's */
	const char *summary;         /* one line, as xm's */
	const char *options;         /* option lines for `help NAME`, or NULL */
	unsigned flags;
};

/* The table (commands.c); NULL name ends it. */
extern const struct xmctl_cmd xmctl_commands[];
const struct xmctl_cmd *xmctl_find_command(const char *name);
int xmctl_usage(FILE *out);                          /* the short help */
int xmctl_command_help(const struct xmctl_cmd *c, FILE *out);

/* Prints "xmctl: <what>: <why>" (what NULL: "xmctl: <why>") to stderr; returns XMCTL_EXIT_FAIL. */
int xmctl_fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The same for a usage error, adding "(see 'xmctl help CMD')"; returns XMCTL_EXIT_USAGE. */
int xmctl_usage_error(const struct xmctl *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Reports the handle's last libxc error for "<cmd> <subject>"; returns XMCTL_EXIT_FAIL. */
int xmctl_fail_xc(const struct xmctl *x, const char *subject, int rc);

/*
 * Option parsing shared by the commands: getopt_long with -h/--help
 * handled (prints the command's help and sets *done) and unknown options
 * reported as one line.  Returns the option character, -1 at the end, or
 * '?' after printing the error (the caller returns XMCTL_EXIT_USAGE).
 */
struct option;
int xmctl_getopt(struct xmctl *x, int argc, char **argv, const char *shortopts,
                 const struct option *longopts);
/* Checks the number of positional arguments left after the options. */
int xmctl_nargs(struct xmctl *x, int argc, int min, int max);
/*
 * The options of a command with one flag, --NAME (and -SHORT_NAME unless
 * it is '\0': restore -p, list --json...) and min..max arguments
 * (max -1: any).  Returns 0 with *flag set, 1 after --help, or -1 after a
 * usage error was printed.
 */
int xmctl_flag_args(struct xmctl *x, int argc, char **argv, const char *name, char short_name,
                    bool *flag, int min, int max);

/*
 * file as an absolute path into buf (len bytes), for the daemon, which
 * does not share our working directory.  0, or -1 (reported).
 */
int xmctl_abs_path(struct xmctl *x, const char *file, char *buf, size_t len);

/* Opens the hypervisor connection (x->xch); on failure prints why. */
int xmctl_connect(struct xmctl *x);
void xmctl_disconnect(struct xmctl *x);

/*
 * DOM arguments: a name, an id or a UUID.  Resolves to the domain id,
 * or prints "xmctl: domain 'DOM': no such domain" and returns -1.
 */
int xmctl_lookup(struct xmctl *x, const char *dom, uint32_t *domid);

/* Bounded number parsing: decimal in [lo, hi]; -1 if not a number or out of range. */
int xmctl_parse_uint(const char *s, uint64_t lo, uint64_t hi, uint64_t *out);

/* Seconds since the epoch, with fractions, for start times and uptimes. */
double xmctl_now(void);

/* The commands. */
int cmd_create(struct xmctl *x, int argc, char **argv);
int cmd_destroy(struct xmctl *x, int argc, char **argv);
int cmd_shutdown(struct xmctl *x, int argc, char **argv);
int cmd_reboot(struct xmctl *x, int argc, char **argv);
int cmd_pause(struct xmctl *x, int argc, char **argv);
int cmd_unpause(struct xmctl *x, int argc, char **argv);
int cmd_list(struct xmctl *x, int argc, char **argv);
int cmd_domid(struct xmctl *x, int argc, char **argv);
int cmd_domname(struct xmctl *x, int argc, char **argv);
int cmd_uptime(struct xmctl *x, int argc, char **argv);
int cmd_info(struct xmctl *x, int argc, char **argv);
int cmd_dmesg(struct xmctl *x, int argc, char **argv);
int cmd_console(struct xmctl *x, int argc, char **argv);
int cmd_mem_set(struct xmctl *x, int argc, char **argv);
int cmd_mem_max(struct xmctl *x, int argc, char **argv);
int cmd_vcpu_set(struct xmctl *x, int argc, char **argv);
int cmd_vcpu_list(struct xmctl *x, int argc, char **argv);
int cmd_vcpu_pin(struct xmctl *x, int argc, char **argv);
int cmd_save(struct xmctl *x, int argc, char **argv);
int cmd_restore(struct xmctl *x, int argc, char **argv);
int cmd_dump_core(struct xmctl *x, int argc, char **argv);
int cmd_rma(struct xmctl *x, int argc, char **argv);
int cmd_help(struct xmctl *x, int argc, char **argv);
int cmd_new(struct xmctl *x, int argc, char **argv);
int cmd_delete(struct xmctl *x, int argc, char **argv);
int cmd_start(struct xmctl *x, int argc, char **argv);

#endif /* XMCTL_XMCTL_H */
