/*
 * Domain state-change events for events.subscribe: computed by comparing
 * successive hypervisor snapshots, so changes made by any tool are seen.
 */
#ifndef XMCTLD_EVENTS_H
#define XMCTLD_EVENTS_H

#include "hv.h"

/* The hv.c change hook. */
void events_on_change(const struct hvsnap *old, const struct hvsnap *cur);
/* Configuration events ("defined", "undefined") that no snapshot shows. */
void events_config(const char *event, const char *name, const uint8_t uuid[16]);

#endif /* XMCTLD_EVENTS_H */
