/*
 * layout-print: print the size and alignment of every interface struct in
 * include/xenppc/ and the offset and size of every field, one per line.
 *
 * ARCHITECTURE D2 says 32- and 64-bit builds, little- and big-endian, agree
 * on every byte of the interface.  The headers assert key offsets; this
 * program prints all of them, and layout.sh diffs the output against the
 * committed tests/xencomm/layout.expected and against the native build.
 * A struct added to include/xenppc/ must get rows here: layout.sh fails
 * while a header declares a struct this output does not name.
 *
 * Usage: layout-print   (no arguments; output on stdout)
 */
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

#include <xenppc/xenppc.h>

enum row_kind { ROW_STRUCT, ROW_FIELD, ROW_FLEX, ROW_TYPE, ROW_CONST, ROW_END };

struct row {
	enum row_kind kind;
	const char *name;
	uint64_t off;           /* field offset, or the constant's value */
	uint64_t size;
	uint64_t align;
};

#define STRUCT(T)   { ROW_STRUCT, #T, 0, sizeof(T), _Alignof(T) }
#define FIELD(T, f) { ROW_FIELD, #f, offsetof(T, f), sizeof(((T *)0)->f), 0 }
#define FLEX(T, f)  { ROW_FLEX, #f, offsetof(T, f), 0, 0 }    /* flexible array */
#define TYPE(T)     { ROW_TYPE, #T, 0, sizeof(T), _Alignof(T) }
#define CONST(c)    { ROW_CONST, #c, (uint64_t)(c), 0, 0 }
#define END         { ROW_END, NULL, 0, 0, 0 }

static const struct row rows[] = {
	/* byteorder.h, xen.h, event_channel.h: the scalar wire types */
	TYPE(be16_t),
	TYPE(be32_t),
	TYPE(be64_t),
	TYPE(xen_domid_t),
	TYPE(xen_guest_handle_t),
	TYPE(xen_domain_handle_t),
	TYPE(evtchn_port_t),
	CONST(XEN_PAGE_SIZE),
	CONST(XENCOMM_MAX_ADDRS),
	CONST(XENCOMM_MAX_BYTES),
	CONST(PRIVCMD_MSG_SIZE),

	/* xencomm.h */
	STRUCT(struct xencomm_desc),
	FIELD(struct xencomm_desc, magic),
	FIELD(struct xencomm_desc, nr_addrs),
	FLEX(struct xencomm_desc, address),
	END,

	/* domctl.h */
	STRUCT(struct xen_domctl_createdomain),
	FIELD(struct xen_domctl_createdomain, ssidref),
	FIELD(struct xen_domctl_createdomain, handle),
	FIELD(struct xen_domctl_createdomain, flags),
	FIELD(struct xen_domctl_createdomain, rma_log),
	END,
	STRUCT(struct xen_domctl_getdomaininfo),
	FIELD(struct xen_domctl_getdomaininfo, domain),
	FIELD(struct xen_domctl_getdomaininfo, pad0),
	FIELD(struct xen_domctl_getdomaininfo, flags),
	FIELD(struct xen_domctl_getdomaininfo, tot_pages),
	FIELD(struct xen_domctl_getdomaininfo, max_pages),
	FIELD(struct xen_domctl_getdomaininfo, shared_info_frame),
	FIELD(struct xen_domctl_getdomaininfo, cpu_time),
	FIELD(struct xen_domctl_getdomaininfo, nr_online_vcpus),
	FIELD(struct xen_domctl_getdomaininfo, max_vcpu_id),
	FIELD(struct xen_domctl_getdomaininfo, ssidref),
	FIELD(struct xen_domctl_getdomaininfo, handle),
	FIELD(struct xen_domctl_getdomaininfo, pad1),
	END,
	STRUCT(struct xen_domctl_getmemlist),
	FIELD(struct xen_domctl_getmemlist, max_pfns),
	FIELD(struct xen_domctl_getmemlist, start_pfn),
	FIELD(struct xen_domctl_getmemlist, buffer),
	FIELD(struct xen_domctl_getmemlist, num_pfns),
	END,
	STRUCT(struct xen_domctl_max_mem),
	FIELD(struct xen_domctl_max_mem, max_memkb),
	END,
	STRUCT(struct xen_domctl_vcpucontext),
	FIELD(struct xen_domctl_vcpucontext, vcpu),
	FIELD(struct xen_domctl_vcpucontext, pad),
	FIELD(struct xen_domctl_vcpucontext, ctxt),
	END,
	STRUCT(struct xen_domctl_getvcpuinfo),
	FIELD(struct xen_domctl_getvcpuinfo, vcpu),
	FIELD(struct xen_domctl_getvcpuinfo, online),
	FIELD(struct xen_domctl_getvcpuinfo, blocked),
	FIELD(struct xen_domctl_getvcpuinfo, running),
	FIELD(struct xen_domctl_getvcpuinfo, pad0),
	FIELD(struct xen_domctl_getvcpuinfo, cpu_time),
	FIELD(struct xen_domctl_getvcpuinfo, cpu),
	FIELD(struct xen_domctl_getvcpuinfo, pad1),
	END,
	STRUCT(struct xenctl_cpumap),
	FIELD(struct xenctl_cpumap, bitmap),
	FIELD(struct xenctl_cpumap, nr_cpus),
	FIELD(struct xenctl_cpumap, pad),
	END,
	STRUCT(struct xen_domctl_vcpuaffinity),
	FIELD(struct xen_domctl_vcpuaffinity, vcpu),
	FIELD(struct xen_domctl_vcpuaffinity, pad),
	FIELD(struct xen_domctl_vcpuaffinity, cpumap),
	END,
	STRUCT(struct xen_domctl_max_vcpus),
	FIELD(struct xen_domctl_max_vcpus, max),
	END,
	STRUCT(struct xen_domctl_setdomainhandle),
	FIELD(struct xen_domctl_setdomainhandle, handle),
	END,
	STRUCT(struct xen_domctl_domainname),
	FIELD(struct xen_domctl_domainname, name),
	END,
	STRUCT(struct xen_domctl_shutdown),
	FIELD(struct xen_domctl_shutdown, reason),
	END,
	STRUCT(struct xen_domctl_memextent),
	FIELD(struct xen_domctl_memextent, gpfn),
	FIELD(struct xen_domctl_memextent, mfn),
	FIELD(struct xen_domctl_memextent, order),
	FIELD(struct xen_domctl_memextent, pad),
	END,
	STRUCT(struct xen_domctl_getmemmap),
	FIELD(struct xen_domctl_getmemmap, rma_mfn),
	FIELD(struct xen_domctl_getmemmap, rma_log),
	FIELD(struct xen_domctl_getmemmap, max_extents),
	FIELD(struct xen_domctl_getmemmap, extents),
	FIELD(struct xen_domctl_getmemmap, nr_extents),
	FIELD(struct xen_domctl_getmemmap, pad),
	END,
	STRUCT(struct xen_domctl_memcopy),
	FIELD(struct xen_domctl_memcopy, gpaddr),
	FIELD(struct xen_domctl_memcopy, len),
	FIELD(struct xen_domctl_memcopy, buffer),
	FIELD(struct xen_domctl_memcopy, zero_map),
	FIELD(struct xen_domctl_memcopy, flags),
	FIELD(struct xen_domctl_memcopy, pad),
	END,
	STRUCT(struct xen_domctl),
	FIELD(struct xen_domctl, cmd),
	FIELD(struct xen_domctl, interface_version),
	FIELD(struct xen_domctl, domain),
	FIELD(struct xen_domctl, pad),
	FIELD(struct xen_domctl, u),
	FIELD(struct xen_domctl, u.createdomain),
	FIELD(struct xen_domctl, u.getdomaininfo),
	FIELD(struct xen_domctl, u.getmemlist),
	FIELD(struct xen_domctl, u.max_mem),
	FIELD(struct xen_domctl, u.vcpucontext),
	FIELD(struct xen_domctl, u.getvcpuinfo),
	FIELD(struct xen_domctl, u.vcpuaffinity),
	FIELD(struct xen_domctl, u.max_vcpus),
	FIELD(struct xen_domctl, u.setdomainhandle),
	FIELD(struct xen_domctl, u.domainname),
	FIELD(struct xen_domctl, u.shutdown),
	FIELD(struct xen_domctl, u.getmemmap),
	FIELD(struct xen_domctl, u.memcopy),
	FIELD(struct xen_domctl, u.pad),
	END,

	/* sysctl.h */
	STRUCT(struct xen_sysctl_readconsole),
	FIELD(struct xen_sysctl_readconsole, clear),
	FIELD(struct xen_sysctl_readconsole, pad0),
	FIELD(struct xen_sysctl_readconsole, buffer),
	FIELD(struct xen_sysctl_readconsole, count),
	FIELD(struct xen_sysctl_readconsole, pad1),
	END,
	STRUCT(struct xen_sysctl_physinfo),
	FIELD(struct xen_sysctl_physinfo, threads_per_core),
	FIELD(struct xen_sysctl_physinfo, cores_per_socket),
	FIELD(struct xen_sysctl_physinfo, sockets_per_node),
	FIELD(struct xen_sysctl_physinfo, nr_nodes),
	FIELD(struct xen_sysctl_physinfo, cpu_khz),
	FIELD(struct xen_sysctl_physinfo, pad),
	FIELD(struct xen_sysctl_physinfo, total_pages),
	FIELD(struct xen_sysctl_physinfo, free_pages),
	FIELD(struct xen_sysctl_physinfo, scrub_pages),
	FIELD(struct xen_sysctl_physinfo, hw_cap),
	END,
	STRUCT(struct xen_sysctl_sched_id),
	FIELD(struct xen_sysctl_sched_id, sched_id),
	END,
	STRUCT(struct xen_sysctl_getdomaininfolist),
	FIELD(struct xen_sysctl_getdomaininfolist, first_domain),
	FIELD(struct xen_sysctl_getdomaininfolist, pad0),
	FIELD(struct xen_sysctl_getdomaininfolist, max_domains),
	FIELD(struct xen_sysctl_getdomaininfolist, buffer),
	FIELD(struct xen_sysctl_getdomaininfolist, num_domains),
	FIELD(struct xen_sysctl_getdomaininfolist, pad1),
	END,
	STRUCT(struct xen_memmap_region),
	FIELD(struct xen_memmap_region, mfn),
	FIELD(struct xen_memmap_region, order),
	FIELD(struct xen_memmap_region, kind),
	FIELD(struct xen_memmap_region, domid),
	END,
	STRUCT(struct xen_sysctl_memmap),
	FIELD(struct xen_sysctl_memmap, total_pages),
	FIELD(struct xen_sysctl_memmap, free_pages),
	FIELD(struct xen_sysctl_memmap, free_per_order),
	FIELD(struct xen_sysctl_memmap, nr_orders),
	FIELD(struct xen_sysctl_memmap, max_regions),
	FIELD(struct xen_sysctl_memmap, regions),
	FIELD(struct xen_sysctl_memmap, nr_regions),
	FIELD(struct xen_sysctl_memmap, max_order),
	END,
	STRUCT(struct xen_sysctl_warnings),
	FIELD(struct xen_sysctl_warnings, count),
	END,
	STRUCT(struct xen_sysctl_domainname),
	FIELD(struct xen_sysctl_domainname, domid),
	FIELD(struct xen_sysctl_domainname, pad),
	FIELD(struct xen_sysctl_domainname, name),
	END,
	STRUCT(struct xen_sysctl_getdomainnamelist),
	FIELD(struct xen_sysctl_getdomainnamelist, first_domain),
	FIELD(struct xen_sysctl_getdomainnamelist, pad0),
	FIELD(struct xen_sysctl_getdomainnamelist, max_domains),
	FIELD(struct xen_sysctl_getdomainnamelist, buffer),
	FIELD(struct xen_sysctl_getdomainnamelist, num_domains),
	FIELD(struct xen_sysctl_getdomainnamelist, pad1),
	END,
	STRUCT(struct xen_sysctl),
	FIELD(struct xen_sysctl, cmd),
	FIELD(struct xen_sysctl, interface_version),
	FIELD(struct xen_sysctl, u),
	FIELD(struct xen_sysctl, u.readconsole),
	FIELD(struct xen_sysctl, u.physinfo),
	FIELD(struct xen_sysctl, u.sched_id),
	FIELD(struct xen_sysctl, u.getdomaininfolist),
	FIELD(struct xen_sysctl, u.memmap),
	FIELD(struct xen_sysctl, u.warnings),
	FIELD(struct xen_sysctl, u.getdomainnamelist),
	FIELD(struct xen_sysctl, u.pad),
	END,

	/* memory.h */
	STRUCT(struct xen_memory_reservation),
	FIELD(struct xen_memory_reservation, extent_start),
	FIELD(struct xen_memory_reservation, nr_extents),
	FIELD(struct xen_memory_reservation, extent_order),
	FIELD(struct xen_memory_reservation, address_bits),
	FIELD(struct xen_memory_reservation, domid),
	FIELD(struct xen_memory_reservation, pad),
	END,

	/* event_channel.h */
	STRUCT(struct evtchn_alloc_unbound),
	FIELD(struct evtchn_alloc_unbound, dom),
	FIELD(struct evtchn_alloc_unbound, remote_dom),
	FIELD(struct evtchn_alloc_unbound, port),
	END,
	STRUCT(struct evtchn_bind_interdomain),
	FIELD(struct evtchn_bind_interdomain, remote_dom),
	FIELD(struct evtchn_bind_interdomain, pad),
	FIELD(struct evtchn_bind_interdomain, remote_port),
	FIELD(struct evtchn_bind_interdomain, local_port),
	END,
	STRUCT(struct evtchn_bind_virq),
	FIELD(struct evtchn_bind_virq, virq),
	FIELD(struct evtchn_bind_virq, vcpu),
	FIELD(struct evtchn_bind_virq, port),
	END,
	STRUCT(struct evtchn_port_arg),
	FIELD(struct evtchn_port_arg, port),
	END,
	STRUCT(struct evtchn_status),
	FIELD(struct evtchn_status, dom),
	FIELD(struct evtchn_status, pad0),
	FIELD(struct evtchn_status, port),
	FIELD(struct evtchn_status, status),
	FIELD(struct evtchn_status, vcpu),
	FIELD(struct evtchn_status, u),
	FIELD(struct evtchn_status, u.unbound_remote_dom),
	FIELD(struct evtchn_status, u.interdomain),
	FIELD(struct evtchn_status, u.interdomain.dom),
	FIELD(struct evtchn_status, u.interdomain.pad),
	FIELD(struct evtchn_status, u.interdomain.port),
	FIELD(struct evtchn_status, u.virq),
	END,
	STRUCT(struct evtchn_status_entry),
	FIELD(struct evtchn_status_entry, port),
	FIELD(struct evtchn_status_entry, status),
	FIELD(struct evtchn_status_entry, vcpu),
	FIELD(struct evtchn_status_entry, remote_dom),
	FIELD(struct evtchn_status_entry, pad),
	FIELD(struct evtchn_status_entry, remote_port),
	FIELD(struct evtchn_status_entry, virq),
	END,
	STRUCT(struct evtchn_status_list),
	FIELD(struct evtchn_status_list, dom),
	FIELD(struct evtchn_status_list, pad),
	FIELD(struct evtchn_status_list, first_port),
	FIELD(struct evtchn_status_list, max_ports),
	FIELD(struct evtchn_status_list, nr_ports),
	FIELD(struct evtchn_status_list, ports),
	END,

	/* grant_table.h */
	STRUCT(struct gnttab_setup_table),
	FIELD(struct gnttab_setup_table, dom),
	FIELD(struct gnttab_setup_table, pad0),
	FIELD(struct gnttab_setup_table, nr_frames),
	FIELD(struct gnttab_setup_table, status),
	FIELD(struct gnttab_setup_table, pad1),
	FIELD(struct gnttab_setup_table, frame_list),
	END,
	STRUCT(struct gnttab_query_size),
	FIELD(struct gnttab_query_size, dom),
	FIELD(struct gnttab_query_size, pad0),
	FIELD(struct gnttab_query_size, nr_frames),
	FIELD(struct gnttab_query_size, max_nr_frames),
	FIELD(struct gnttab_query_size, status),
	FIELD(struct gnttab_query_size, pad1),
	END,

	/* sched.h */
	STRUCT(struct sched_shutdown),
	FIELD(struct sched_shutdown, reason),
	END,
	STRUCT(struct sched_remote_shutdown),
	FIELD(struct sched_remote_shutdown, domain_id),
	FIELD(struct sched_remote_shutdown, pad),
	FIELD(struct sched_remote_shutdown, reason),
	END,

	/* vcpu.h */
	STRUCT(struct cpu_user_regs),
	FIELD(struct cpu_user_regs, gprs),
	FIELD(struct cpu_user_regs, lr),
	FIELD(struct cpu_user_regs, ctr),
	FIELD(struct cpu_user_regs, srr0),
	FIELD(struct cpu_user_regs, srr1),
	FIELD(struct cpu_user_regs, pc),
	FIELD(struct cpu_user_regs, msr),
	FIELD(struct cpu_user_regs, fpscr),
	FIELD(struct cpu_user_regs, xer),
	FIELD(struct cpu_user_regs, hid4),
	FIELD(struct cpu_user_regs, dar),
	FIELD(struct cpu_user_regs, dsisr),
	FIELD(struct cpu_user_regs, cr),
	FIELD(struct cpu_user_regs, pad),
	FIELD(struct cpu_user_regs, entry_vector),
	END,
	STRUCT(struct vcpu_guest_context),
	FIELD(struct vcpu_guest_context, user_regs),
	FIELD(struct vcpu_guest_context, sdr1),
	END,
	STRUCT(struct vcpu_runstate_info),
	FIELD(struct vcpu_runstate_info, state),
	FIELD(struct vcpu_runstate_info, pad),
	FIELD(struct vcpu_runstate_info, state_entry_time),
	FIELD(struct vcpu_runstate_info, time),
	END,

	/* version.h */
	STRUCT(struct xen_extraversion),
	FIELD(struct xen_extraversion, extraversion),
	END,
	STRUCT(struct xen_compile_info),
	FIELD(struct xen_compile_info, compiler),
	FIELD(struct xen_compile_info, compile_by),
	FIELD(struct xen_compile_info, compile_domain),
	FIELD(struct xen_compile_info, compile_date),
	END,
	STRUCT(struct xen_capabilities_info),
	FIELD(struct xen_capabilities_info, caps),
	END,
	STRUCT(struct xen_changeset_info),
	FIELD(struct xen_changeset_info, changeset),
	END,
	STRUCT(struct xen_platform_parameters),
	FIELD(struct xen_platform_parameters, virt_start),
	END,
	STRUCT(struct xen_feature_info),
	FIELD(struct xen_feature_info, submap_idx),
	FIELD(struct xen_feature_info, submap),
	END,

	/* privcmd.h */
	STRUCT(struct privcmd_hdr),
	FIELD(struct privcmd_hdr, magic),
	FIELD(struct privcmd_hdr, version),
	FIELD(struct privcmd_hdr, type),
	FIELD(struct privcmd_hdr, seq),
	END,
	STRUCT(struct privcmd_window),
	FIELD(struct privcmd_window, window_gpa),
	FIELD(struct privcmd_window, window_size),
	FIELD(struct privcmd_window, domid),
	FIELD(struct privcmd_window, pad),
	END,
	STRUCT(struct privcmd_refused),
	FIELD(struct privcmd_refused, error),
	FIELD(struct privcmd_refused, pad),
	END,
	STRUCT(struct privcmd_hypercall),
	FIELD(struct privcmd_hypercall, op),
	FIELD(struct privcmd_hypercall, arg),
	END,
	STRUCT(struct privcmd_result),
	FIELD(struct privcmd_result, ret),
	END,
	STRUCT(struct privcmd_event),
	FIELD(struct privcmd_event, port),
	FIELD(struct privcmd_event, pad),
	END,
	STRUCT(struct privcmd_msg),
	FIELD(struct privcmd_msg, hdr),
	FIELD(struct privcmd_msg, u),
	FIELD(struct privcmd_msg, u.window),
	FIELD(struct privcmd_msg, u.refused),
	FIELD(struct privcmd_msg, u.hypercall),
	FIELD(struct privcmd_msg, u.result),
	FIELD(struct privcmd_msg, u.event),
	END,
};

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		const struct row *r = &rows[i];

		switch (r->kind) {
		case ROW_STRUCT:
			printf("%s: size %" PRIu64 " align %" PRIu64 "\n", r->name, r->size, r->align);
			break;
		case ROW_FIELD:
			printf("  %-28s @%-4" PRIu64 " size %" PRIu64 "\n", r->name, r->off, r->size);
			break;
		case ROW_FLEX:
			printf("  %-28s @%-4" PRIu64 " flexible\n", r->name, r->off);
			break;
		case ROW_TYPE:
			printf("type %s: size %" PRIu64 " align %" PRIu64 "\n", r->name, r->size, r->align);
			break;
		case ROW_CONST:
			printf("const %s = %" PRIu64 "\n", r->name, r->off);
			break;
		case ROW_END:
			printf("\n");
			break;
		}
	}
	return fflush(stdout) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
