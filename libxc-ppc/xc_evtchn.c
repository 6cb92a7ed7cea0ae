/*
 * Event channels.  The dom0-wide operations (alloc_unbound, status) go
 * through a control handle; an xc_evtchn handle owns a connection of its
 * own, so the ports bound through it notify that connection only and its
 * fd carries nothing but their notifications (xenstored's and xend's
 * VIRQ_DOM_EXC watcher is the model user).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "xc_private.h"

struct xc_evtchn {
	xc_interface *xch;     /* the connection the ports are bound through */
};

static int check_port(xc_interface *xch, uint32_t port)
{
	if (port < XENPPC_NR_EVENT_CHANNELS)
		return 0;
	return xc_seterror(xch, -EINVAL, "invalid event channel port %u", port);
}

int xc_evtchn_alloc_unbound(xc_interface *xch, uint32_t dom, uint32_t remote_dom,
			    uint32_t *port)
{
	struct evtchn_alloc_unbound op;
	int rc;

	if ((rc = xc_check_domid(xch, dom, 1)) < 0 ||
	    (rc = xc_check_domid(xch, remote_dom, 1)) < 0)
		return rc;
	if (!port)
		return xc_seterror(xch, -EINVAL, "xc_evtchn_alloc_unbound: port is NULL");
	memset(&op, 0, sizeof(op));
	op.dom = be16_mk((uint16_t)dom);
	op.remote_dom = be16_mk((uint16_t)remote_dom);
	if ((rc = do_evtchn_op(xch, EVTCHNOP_alloc_unbound, &op, sizeof(op))) < 0)
		return rc;
	*port = be32_get(op.port);
	return 0;
}

int xc_evtchn_status(xc_interface *xch, uint32_t dom, uint32_t port,
		     xc_evtchn_status_t *status)
{
	struct evtchn_status op;
	int rc;

	if ((rc = xc_check_domid(xch, dom, 1)) < 0 || (rc = check_port(xch, port)) < 0)
		return rc;
	if (!status)
		return xc_seterror(xch, -EINVAL, "xc_evtchn_status: status is NULL");
	memset(&op, 0, sizeof(op));
	op.dom = be16_mk((uint16_t)dom);
	op.port = be32_mk(port);
	if ((rc = do_evtchn_op(xch, EVTCHNOP_status, &op, sizeof(op))) < 0)
		return rc;
	memset(status, 0, sizeof(*status));
	status->status = be32_get(op.status);
	status->vcpu = be32_get(op.vcpu);
	switch (status->status) {
	case EVTCHNSTAT_unbound:
		status->remote_dom = be16_get(op.u.unbound_remote_dom);
		break;
	case EVTCHNSTAT_interdomain:
		status->remote_dom = be16_get(op.u.interdomain.dom);
		status->remote_port = be32_get(op.u.interdomain.port);
		break;
	case EVTCHNSTAT_virq:
		status->virq = be32_get(op.u.virq);
		break;
	}
	return 0;
}

xc_evtchn *xc_evtchn_open_rundir(const char *rundir, const xc_logger *logger,
				 unsigned int flags)
{
	xc_evtchn *xce = calloc(1, sizeof(*xce));

	if (!xce) {
		errno = ENOMEM;
		return NULL;
	}
	xce->xch = xc_interface_open_rundir(rundir, logger, flags);
	if (!xce->xch) {
		int e = errno;
		free(xce);
		errno = e;
		return NULL;
	}
	return xce;
}

xc_evtchn *xc_evtchn_open(const xc_logger *logger, unsigned int flags)
{
	return xc_evtchn_open_rundir(NULL, logger, flags);
}

int xc_evtchn_close(xc_evtchn *xce)
{
	int rc;

	if (!xce)
		return 0;
	/* The hypervisor closes this connection's ports when it goes. */
	rc = xc_interface_close(xce->xch);
	free(xce);
	return rc;
}

const xc_error *xc_evtchn_get_last_error(xc_evtchn *xce)
{
	return xc_get_last_error(xce->xch);
}

int xc_evtchn_fd(xc_evtchn *xce)
{
	return xc_transport_fd(xce->xch->tp);
}

int xc_evtchn_bind_virq(xc_evtchn *xce, uint32_t virq, uint32_t *port)
{
	struct evtchn_bind_virq op;
	int rc;

	if (virq >= NR_VIRQS || !port)
		return xc_seterror(xce->xch, -EINVAL, "bind_virq: invalid virq %u", virq);
	memset(&op, 0, sizeof(op));
	op.virq = be32_mk(virq);
	if ((rc = do_evtchn_op(xce->xch, EVTCHNOP_bind_virq, &op, sizeof(op))) < 0)
		return rc;
	*port = be32_get(op.port);
	return 0;
}

int xc_evtchn_bind_interdomain(xc_evtchn *xce, uint32_t domid, uint32_t remote_port,
			       uint32_t *port)
{
	struct evtchn_bind_interdomain op;
	int rc;

	if ((rc = xc_check_domid(xce->xch, domid, 1)) < 0 ||
	    (rc = check_port(xce->xch, remote_port)) < 0)
		return rc;
	if (!port)
		return xc_seterror(xce->xch, -EINVAL, "bind_interdomain: port is NULL");
	memset(&op, 0, sizeof(op));
	op.remote_dom = be16_mk((uint16_t)domid);
	op.remote_port = be32_mk(remote_port);
	if ((rc = do_evtchn_op(xce->xch, EVTCHNOP_bind_interdomain, &op, sizeof(op))) < 0)
		return rc;
	*port = be32_get(op.local_port);
	return 0;
}

int xc_evtchn_bind_unbound_port(xc_evtchn *xce, uint32_t domid, uint32_t *port)
{
	return xc_evtchn_alloc_unbound(xce->xch, DOMID_SELF, domid, port);
}

/* close, send and unmask take just the port. */
static int port_op(xc_evtchn *xce, uint32_t cmd, uint32_t port)
{
	struct evtchn_port_arg op = { be32_mk(port) };
	int rc;

	if ((rc = check_port(xce->xch, port)) < 0)
		return rc;
	rc = do_evtchn_op(xce->xch, cmd, &op, sizeof(op));
	return rc < 0 ? rc : 0;
}

int xc_evtchn_notify(xc_evtchn *xce, uint32_t port)
{
	return port_op(xce, EVTCHNOP_send, port);
}

int xc_evtchn_unbind(xc_evtchn *xce, uint32_t port)
{
	int rc = port_op(xce, EVTCHNOP_close, port);

	if (rc == 0)
		xc_transport_drop_event(xce->xch->tp, port);
	return rc;
}

int xc_evtchn_unmask(xc_evtchn *xce, uint32_t port)
{
	return port_op(xce, EVTCHNOP_unmask, port);
}

int xc_evtchn_wait(xc_evtchn *xce, int timeout_ms, uint32_t *port)
{
	int rc;

	if (!port)
		return xc_seterror(xce->xch, -EINVAL, "xc_evtchn_pending: port is NULL");
	rc = xc_transport_event(xce->xch->tp, timeout_ms, port);
	if (rc < 0 && rc != -EAGAIN && rc != -ETIMEDOUT)
		return xc_seterror(xce->xch, rc, "waiting for an event: %s",
				   xc_strerror(xce->xch, rc));
	return rc;
}

int xc_evtchn_pending(xc_evtchn *xce, uint32_t *port)
{
	return xc_evtchn_wait(xce, 0, port);
}
