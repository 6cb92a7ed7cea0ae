/* Every method handler; the table that routes to them is in dispatch.c. */
#ifndef XMCTLD_METHODS_H
#define XMCTLD_METHODS_H

#include "dispatch.h"

method_fn m_ping;
method_fn m_domain_list, m_domain_info;
method_fn m_domain_create, m_domain_destroy, m_domain_shutdown, m_domain_reboot;
method_fn m_domain_pause, m_domain_unpause;
method_fn m_domain_define, m_domain_undefine, m_domain_start;
method_fn m_domain_set_memory, m_domain_set_maxmem, m_domain_set_vcpus;
method_fn m_domain_save, m_domain_restore;
method_fn m_host_info, m_host_rma_map;
method_fn m_events_subscribe;

struct domconfig;
/*
 * Shared by create and define: decode params.config and check that its
 * name and uuid clash with no other domain (m_life.c).  by_name: a config
 * without a uuid naming a managed domain redefines that domain.
 */
int config_param(struct call *c, struct domconfig *cfg, int by_name);

#endif /* XMCTLD_METHODS_H */
