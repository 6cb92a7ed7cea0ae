/*
 * The xmctld control protocol: every JSON-RPC method, every error code and
 * every limit, in one header shared by the daemon and its clients.
 * daemon/PROTOCOL.md is the prose spec of each method.
 *
 * Transport: a SOCK_STREAM UNIX socket (RUNDIR/xmctld.sock).  Each message
 * is one JSON-RPC 2.0 object encoded on a single line and terminated by
 * '\n' (JSON's own whitespace never needs a raw newline, and yajl generates
 * none), so framing is "read to the next newline".
 *
 * Never renumber a method or an error code: clients compiled against an
 * older header must keep meaning the same thing.  A retired entry leaves a
 * hole and a comment.
 */
#ifndef XMCTLD_PROTOCOL_H
#define XMCTLD_PROTOCOL_H

/* Version of this protocol, returned by ping as "interface". */
#define XMCTLD_PROTOCOL_MAJOR 1
#define XMCTLD_PROTOCOL_MINOR 0
#define XMCTLD_PROTOCOL_VERSION "1.0"

#define XMCTLD_SOCKET_NAME "xmctld.sock"
#define XMCTLD_PID_NAME    "xmctld.pid"

/* ---- limits ------------------------------------------------------------ */

/*
 * Largest request line, newline included.  The biggest legitimate request
 * is domain.create/define with a full config (a few KiB even with a long
 * command line and many disks); 64 KiB leaves room and bounds the buffer
 * each client can make the daemon hold.
 */
#define XMCTLD_MAX_REQUEST   (64 * 1024)
/* Deepest nesting of arrays and objects: configs need 4 levels. */
#define XMCTLD_MAX_DEPTH     16
/* Longest string value or key, in bytes (paths, kernel command lines). */
#define XMCTLD_MAX_STRING    4096
/* Most members of one object or elements of one array in a request. */
#define XMCTLD_MAX_MEMBERS   256
/*
 * Most simultaneous connections.  Each costs a descriptor and buffers; past
 * this the daemon stops accepting until one closes (it never spins).
 */
#define XMCTLD_MAX_CLIENTS   256
/*
 * Most reply bytes queued for one client.  A client that stops reading (a
 * stuck events subscriber) is disconnected when its queue passes this, so it
 * can never make the daemon grow without bound or block anyone else.
 * domain.list of 1000 domains is about 300 KiB.
 */
#define XMCTLD_MAX_OUTPUT    (16 * 1024 * 1024)
/* Longest domain name (the hypervisor's XEN_DOMAIN_NAME_MAX - 1). */
#define XMCTLD_MAX_NAME      63
/* Longest path the daemon accepts (save/restore images). */
#define XMCTLD_MAX_PATH      1024
/* Most managed (persisted) domains; bounds startup time and memory. */
#define XMCTLD_MAX_MANAGED   4096
/* Crash-loop limiter defaults: at most N automatic restarts in T seconds. */
#define XMCTLD_RESTART_BURST    5
#define XMCTLD_RESTART_WINDOW_S 60

/* ---- methods ----------------------------------------------------------- */

enum xmctld_method {
	XMCTLD_M_PING              = 0,
	XMCTLD_M_DOMAIN_LIST       = 1,
	XMCTLD_M_DOMAIN_INFO       = 2,
	XMCTLD_M_DOMAIN_CREATE     = 3,
	XMCTLD_M_DOMAIN_DESTROY    = 4,
	XMCTLD_M_DOMAIN_SHUTDOWN   = 5,
	XMCTLD_M_DOMAIN_REBOOT     = 6,
	XMCTLD_M_DOMAIN_PAUSE      = 7,
	XMCTLD_M_DOMAIN_UNPAUSE    = 8,
	XMCTLD_M_DOMAIN_DEFINE     = 9,
	XMCTLD_M_DOMAIN_UNDEFINE   = 10,
	XMCTLD_M_DOMAIN_START      = 11,
	XMCTLD_M_DOMAIN_SET_MEMORY = 12,
	XMCTLD_M_DOMAIN_SET_VCPUS  = 13,
	XMCTLD_M_DOMAIN_SAVE       = 14,
	XMCTLD_M_DOMAIN_RESTORE    = 15,
	XMCTLD_M_HOST_INFO         = 16,
	XMCTLD_M_HOST_RMA_MAP      = 17,
	XMCTLD_M_EVENTS_SUBSCRIBE  = 18,
	XMCTLD_M_DOMAIN_SET_MAXMEM = 19,
	XMCTLD_M_COUNT,
	XMCTLD_M_INVALID           = 0xffff
};

/* Method names on the wire, indexed by enum xmctld_method. */
#define XMCTLD_METHOD_NAMES { \
	[XMCTLD_M_PING]              = "ping", \
	[XMCTLD_M_DOMAIN_LIST]       = "domain.list", \
	[XMCTLD_M_DOMAIN_INFO]       = "domain.info", \
	[XMCTLD_M_DOMAIN_CREATE]     = "domain.create", \
	[XMCTLD_M_DOMAIN_DESTROY]    = "domain.destroy", \
	[XMCTLD_M_DOMAIN_SHUTDOWN]   = "domain.shutdown", \
	[XMCTLD_M_DOMAIN_REBOOT]     = "domain.reboot", \
	[XMCTLD_M_DOMAIN_PAUSE]      = "domain.pause", \
	[XMCTLD_M_DOMAIN_UNPAUSE]    = "domain.unpause", \
	[XMCTLD_M_DOMAIN_DEFINE]     = "domain.define", \
	[XMCTLD_M_DOMAIN_UNDEFINE]   = "domain.undefine", \
	[XMCTLD_M_DOMAIN_START]      = "domain.start", \
	[XMCTLD_M_DOMAIN_SET_MEMORY] = "domain.set_memory", \
	[XMCTLD_M_DOMAIN_SET_VCPUS]  = "domain.set_vcpus", \
	[XMCTLD_M_DOMAIN_SAVE]       = "domain.save", \
	[XMCTLD_M_DOMAIN_RESTORE]    = "domain.restore", \
	[XMCTLD_M_HOST_INFO]         = "host.info", \
	[XMCTLD_M_HOST_RMA_MAP]      = "host.rma_map", \
	[XMCTLD_M_EVENTS_SUBSCRIBE]  = "events.subscribe", \
	[XMCTLD_M_DOMAIN_SET_MAXMEM] = "domain.set_maxmem", \
}

/* The notification method the daemon sends to events subscribers. */
#define XMCTLD_EVENT_METHOD "event"

/* ---- error codes --------------------------------------------------------- */

/*
 * JSON-RPC 2.0's own codes, then ours in the implementation-defined server
 * range (-32000 .. -32099).  Every error object carries exactly one code and
 * one human-readable message (ARCHITECTURE D7); "data" is never used.
 */
enum xmctld_error {
	XMCTLD_E_PARSE           = -32700, /* not JSON */
	XMCTLD_E_INVALID_REQUEST = -32600, /* JSON, but not a JSON-RPC 2.0 request */
	XMCTLD_E_NO_METHOD       = -32601, /* unknown method */
	XMCTLD_E_INVALID_PARAMS  = -32602, /* missing, extra or wrongly typed params */
	XMCTLD_E_INTERNAL        = -32603, /* the daemon failed (out of memory, ...) */

	XMCTLD_E_PERMISSION      = -32000, /* caller's uid/gid may not do this */
	XMCTLD_E_NO_DOMAIN       = -32001, /* no such domain (name, id or uuid) */
	XMCTLD_E_EXISTS          = -32002, /* name or uuid already in use */
	XMCTLD_E_BAD_STATE       = -32003, /* not allowed in the domain's state */
	XMCTLD_E_NO_RMA          = -32004, /* no naturally aligned block for the RMA */
	XMCTLD_E_NO_MEMORY       = -32005, /* not enough free machine memory */
	XMCTLD_E_HYPERVISOR      = -32006, /* a hypervisor call failed */
	XMCTLD_E_STORE           = -32007, /* the state directory could not be written */
	XMCTLD_E_CONFIG          = -32008, /* the domain config is invalid */
	XMCTLD_E_TOO_LARGE       = -32009, /* request over XMCTLD_MAX_REQUEST or a limit */
	XMCTLD_E_IO              = -32010, /* a save/restore image could not be used */
	XMCTLD_E_BUSY            = -32011, /* another operation holds the domain */
};

#endif /* XMCTLD_PROTOCOL_H */
