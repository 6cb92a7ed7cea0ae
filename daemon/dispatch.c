/*
 * Method dispatch (dispatch.h).  The table is indexed by the protocol's
 * method numbers, so protocol.h stays the one list of methods and this
 * file only adds each one's handler and flags.
 */
#include "config.h"

#include <string.h>

#include "conn.h"
#include "dispatch.h"
#include "killpoint.h"
#include "log.h"
#include "methods.h"
#include "params.h"
#include "protocol.h"

#define RO 0u
#define RW METHOD_MUTATES

static const struct method methods[XMCTLD_M_COUNT] = {
	[XMCTLD_M_PING]              = { "ping",              m_ping,              RO },
	[XMCTLD_M_DOMAIN_LIST]       = { "domain.list",       m_domain_list,       RO },
	[XMCTLD_M_DOMAIN_INFO]       = { "domain.info",       m_domain_info,       RO },
	[XMCTLD_M_DOMAIN_CREATE]     = { "domain.create",     m_domain_create,     RW },
	[XMCTLD_M_DOMAIN_DESTROY]    = { "domain.destroy",    m_domain_destroy,    RW },
	[XMCTLD_M_DOMAIN_SHUTDOWN]   = { "domain.shutdown",   m_domain_shutdown,   RW },
	[XMCTLD_M_DOMAIN_REBOOT]     = { "domain.reboot",     m_domain_reboot,     RW },
	[XMCTLD_M_DOMAIN_PAUSE]      = { "domain.pause",      m_domain_pause,      RW },
	[XMCTLD_M_DOMAIN_UNPAUSE]    = { "domain.unpause",    m_domain_unpause,    RW },
	[XMCTLD_M_DOMAIN_DEFINE]     = { "domain.define",     m_domain_define,     RW },
	[XMCTLD_M_DOMAIN_UNDEFINE]   = { "domain.undefine",   m_domain_undefine,   RW },
	[XMCTLD_M_DOMAIN_START]      = { "domain.start",      m_domain_start,      RW },
	[XMCTLD_M_DOMAIN_SET_MEMORY] = { "domain.set_memory", m_domain_set_memory, RW },
	[XMCTLD_M_DOMAIN_SET_VCPUS]  = { "domain.set_vcpus",  m_domain_set_vcpus,  RW },
	[XMCTLD_M_DOMAIN_SAVE]       = { "domain.save",       m_domain_save,       RW },
	[XMCTLD_M_DOMAIN_RESTORE]    = { "domain.restore",    m_domain_restore,    RW },
	[XMCTLD_M_HOST_INFO]         = { "host.info",         m_host_info,         RO },
	[XMCTLD_M_HOST_RMA_MAP]      = { "host.rma_map",      m_host_rma_map,      RO },
	[XMCTLD_M_EVENTS_SUBSCRIBE]  = { "events.subscribe",  m_events_subscribe,  RO },
	[XMCTLD_M_DOMAIN_SET_MAXMEM] = { "domain.set_maxmem", m_domain_set_maxmem, RW },
};

const struct method *dispatch_lookup(const char *name)
{
	size_t i;

	for (i = 0; i < XMCTLD_M_COUNT; i++)
		if (methods[i].name && strcmp(methods[i].name, name) == 0)
			return &methods[i];
	return NULL;
}

/* Run the method; 0 with the result in call->g, or -1 with call->err. */
static int run(struct conn *conn, struct call *call, const struct rpc_request *req)
{
	const struct method *m = dispatch_lookup(req->method);
	char q[65];

	if (!m) {
		param_quote(q, sizeof(q), req->method);
		return rpc_fail(&call->err, XMCTLD_E_NO_METHOD, "unknown method \"%s\"", q);
	}
	if ((m->flags & METHOD_MUTATES) && !conn->may_write)
		return rpc_fail(&call->err, XMCTLD_E_PERMISSION,
		                "permission denied: %s needs root or the allowed uid", m->name);
	call->g = rpc_gen_new();
	if (!call->g)
		return rpc_fail(&call->err, XMCTLD_E_INTERNAL, "out of memory");
	if (m->fn(call) < 0)
		return -1;
	/* Done, but the caller has no answer yet: the client sees a lost reply. */
	if (m->flags & METHOD_MUTATES)
		killpoint("reply.unsent");
	return 0;
}

void dispatch_line(struct conn *conn, char *line, size_t len)
{
	struct rpc_request req;
	struct call call;
	int rc;

	memset(&call, 0, sizeof(call));
	call.conn = conn;
	rc = rpc_parse(line, len, &req, &call.err);
	if (rc == 0) {
		call.params = req.params;
		rc = run(conn, &call, &req);
	}
	if (req.has_id) {
		if (rc == 0)
			rc = rpc_write_result(&conn->out, req.id, call.g);
		else
			rc = rpc_write_error(&conn->out, req.id, &call.err);
		if (rc < 0) {
			log_warn("out of memory queuing a reply: closing the connection");
			conn->closing = 1;
		}
	}
	if (call.g)
		yajl_gen_free(call.g);
	rpc_request_free(&req);
}
