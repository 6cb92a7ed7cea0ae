/*
 * The command table.  It is also the help: `xmctl help` lists the rows,
 * `xmctl help CMD` and `xmctl CMD -h` print one.  Usage strings and
 * summaries are xm's where xm had the command.
 */
#include <string.h>
#include "xmctl.h"

#define JSON_OPT "  --json              Print the result as JSON\n"

const struct xmctl_cmd xmctl_commands[] = {
	{ "console", cmd_console, "[-q|--quiet] <Domain>",
	  "Attach to <Domain>'s console.",
	  "  -q, --quiet         Do not print an error if the domain does not exist\n"
	  JSON_OPT, CMD_JSON },
	{ "create", cmd_create, "<ConfigFile> [options] [vars]",
	  "Create a domain based on <ConfigFile>.",
	  "  -n, --dryrun        Print the resolved configuration as JSON; create nothing\n"
	  "  -p, --paused        Leave the domain paused after it is created\n"
	  "  -q, --quiet         Print nothing on success\n"
	  "  vars                key=value settings that override the file's\n", 0 },
	{ "delete", cmd_delete, "<DomainName>",
	  "Remove a domain from xmctld's domain management.", NULL, 0 },
	{ "destroy", cmd_destroy, "<Domain>", "Terminate a domain immediately.", NULL, 0 },
	{ "dmesg", cmd_dmesg, "[-c|--clear]", "Read and/or clear the hypervisor's message buffer.",
	  "  -c, --clear         Clear the buffer as well as printing it\n" JSON_OPT, CMD_JSON },
	{ "domid", cmd_domid, "<DomainName>", "Convert a domain name to domain id.",
	  JSON_OPT, CMD_JSON },
	{ "domname", cmd_domname, "<DomId>", "Convert a domain id to domain name.",
	  JSON_OPT, CMD_JSON },
	{ "dump-core", cmd_dump_core, "[-L|--live] [-C|--crash] <Domain> [Filename]",
	  "Dump core for a specific domain.",
	  "  -L, --live          Dump core without pausing the domain\n"
	  "  -C, --crash         Crash domain after dumping core\n", 0 },
	{ "help", cmd_help, "[Command]", "Display this message, or the help of one command.",
	  NULL, 0 },
	{ "info", cmd_info, "", "Get information about the hypervisor host.", JSON_OPT, CMD_JSON },
	{ "list", cmd_list, "[options] [Domain, ...]", "List information about all/some domains.",
	  "  -l, --long          Output all domain details\n"
	  "  --state=<state>     Select only domains with the specified state\n"
	  "                      (running, blocked, paused, shutdown, crashed, dying)\n"
	  JSON_OPT, CMD_JSON },
	{ "mem-max", cmd_mem_max, "<Domain> <Mem>",
	  "Set the maximum amount reservation for a domain.", NULL, 0 },
	{ "mem-set", cmd_mem_set, "<Domain> <Mem>",
	  "Set the current memory usage for a domain.", NULL, 0 },
	{ "new", cmd_new, "<ConfigFile> [vars]",
	  "Add a domain to xmctld's domain management.",
	  "  vars                key=value settings that override the file's\n", 0 },
	{ "pause", cmd_pause, "<Domain>", "Pause execution of a domain.", NULL, 0 },
	{ "reboot", cmd_reboot, "<Domain> [-wa]", "Reboot a domain.",
	  "  -a, --all           Reboot all domains\n"
	  "  -w, --wait          Wait for the reboot to complete\n", 0 },
	{ "restore", cmd_restore, "<CheckpointFile> [-p]", "Restore a domain from a saved state.",
	  "  -p, --paused        Do not unpause domain after restoring it\n", 0 },
	{ "rma", cmd_rma, "[--svg FILE] [--json]",
	  "Show the machine memory map: RMAs and extents per domain.",
	  "  --svg FILE          Draw the map as an SVG picture into FILE\n" JSON_OPT, CMD_JSON },
	{ "save", cmd_save, "[-c] [-z] <Domain> <CheckpointFile>",
	  "Save a domain state to restore later.",
	  "  -c, --checkpoint    Leave domain running after creating snapshot\n"
	  "  -z, --compress      Compress the image with zlib (3-4x smaller, ~8x slower)\n", 0 },
	{ "shutdown", cmd_shutdown, "<Domain> [-waRH]", "Shutdown a domain.",
	  "  -a, --all           Shutdown all domains\n"
	  "  -w, --wait          Wait for the domain(s) to finish shutting down\n"
	  "  -R, --reboot        Reboot rather than power off\n"
	  "  -H, --halt          Power off (the default)\n", 0 },
	{ "start", cmd_start, "<DomainName> [-p]", "Start an xmctld managed domain.",
	  "  -p, --paused        Do not unpause domain after starting it\n", 0 },
	{ "unpause", cmd_unpause, "<Domain>", "Unpause a paused domain.", NULL, 0 },
	{ "uptime", cmd_uptime, "[-s] [Domain, ...]", "Print uptime for all/some domains.",
	  "  -s, --short         Print one line per domain, like uptime(1)\n" JSON_OPT, CMD_JSON },
	{ "vcpu-list", cmd_vcpu_list, "[Domain, ...]", "List the VCPUs for all/some domains.",
	  JSON_OPT, CMD_JSON },
	{ "vcpu-pin", cmd_vcpu_pin, "<Domain> <VCPU|all> <CPUs|all>",
	  "Set which CPUs a VCPU can use.", NULL, 0 },
	{ "vcpu-set", cmd_vcpu_set, "<Domain> <vCPUs>",
	  "Set the number of active VCPUs for allowed for the domain.", NULL, 0 },
	{ NULL, NULL, NULL, NULL, NULL, 0 },
};

const struct xmctl_cmd *xmctl_find_command(const char *name)
{
	for (const struct xmctl_cmd *c = xmctl_commands; c->name != NULL; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

int xmctl_usage(FILE *out)
{
	fprintf(out, "Usage: xmctl [--rundir DIR] [--direct] <subcommand> [args]\n\n"
	        "Control, list, and manipulate Xen/PowerPC guest domains.\n\n");
	for (const struct xmctl_cmd *c = xmctl_commands; c->name != NULL; c++)
		if (!(c->flags & CMD_HIDDEN))
			fprintf(out, " %-10s %-32s %s\n", c->name, c->usage, c->summary);
	fprintf(out, "\n<Domain> can be the domain's name, id or UUID.\n"
	        "--rundir DIR (or $%s) names the hypervisor's run directory; "
	        "the default is %s.\n"
	        "For more help on 'xmctl' see xmctl(1); on config files, xmctl.cfg(5).\n",
	        XMCTL_RUNDIR_ENV, XMCTL_DEFAULT_RUNDIR);
	return ferror(out) ? XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
}

int xmctl_command_help(const struct xmctl_cmd *c, FILE *out)
{
	fprintf(out, "Usage: xmctl %s %s\n\n%s\n", c->name, c->usage, c->summary);
	if (c->options != NULL)
		fprintf(out, "\nOptions:\n%s", c->options);
	return ferror(out) ? XMCTL_EXIT_FAIL : XMCTL_EXIT_OK;
}

int cmd_help(struct xmctl *x, int argc, char **argv)
{
	const struct xmctl_cmd *c;

	if (argc < 2)
		return xmctl_usage(stdout);
	if (argc > 2)
		return xmctl_usage_error(x, "expects at most one command name");
	c = xmctl_find_command(argv[1]);
	if (c == NULL)
		return xmctl_fail("help", "'%s' is not an xmctl command", argv[1]);
	return xmctl_command_help(c, stdout);
}
