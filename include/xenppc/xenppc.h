/* The whole xenppc hypervisor interface in one include. */
#ifndef XENPPC_XENPPC_H
#define XENPPC_XENPPC_H

#include "byteorder.h"
#include "xen.h"
#include "xencomm.h"
#include "domctl.h"
#include "sysctl.h"
#include "memory.h"
#include "event_channel.h"
#include "grant_table.h"
#include "console_io.h"
#include "sched.h"
#include "vcpu.h"
#include "version.h"
#include "privcmd.h"

#endif /* XENPPC_XENPPC_H */
