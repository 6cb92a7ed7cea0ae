/*
 * console_io (hypercall 18): arg0 = CONSOLEIO_* command, arg1 = byte count,
 * arg2 = handle to the bytes.  Only dom0 may use it.
 */
#ifndef XENPPC_CONSOLE_IO_H
#define XENPPC_CONSOLE_IO_H

#define CONSOLEIO_write 0
#define CONSOLEIO_read  1

/* The hypervisor's console ring (Xen: 16 KiB by default). */
#define XENPPC_CONSOLE_RING_SIZE (16U * 1024U)
/* One write is bounded like Xen's guest console writes. */
#define XENPPC_CONSOLE_WRITE_MAX 4096U

#endif /* XENPPC_CONSOLE_IO_H */
