/*
 * Logging and recoverable warnings for xenppc-hv.
 *
 * Internal inconsistencies never abort (ARCHITECTURE D4): HV_WARN logs the
 * condition, counts it, and the caller fails the operation.  The count is
 * what XEN_SYSCTL_warnings reports, so tests can prove a run raised none.
 */
#ifndef HV_LOG_H
#define HV_LOG_H

#include <stdint.h>
#include <stdio.h>

enum hv_log_level { HV_LOG_ERR, HV_LOG_WARN, HV_LOG_INFO, HV_LOG_DEBUG };

/* Where log lines go; NULL (the default) means stderr. */
void hv_log_set_file(FILE *f);
void hv_log_set_level(enum hv_log_level lvl);

void hv_log(enum hv_log_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

void hv_warn_at(const char *func, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#define HV_WARN(...) hv_warn_at(__func__, __LINE__, __VA_ARGS__)

uint64_t hv_warn_count(void);

/*
 * Optional sink for hypervisor messages that Xen would printk into its
 * console ring (domain created, destroyed, ...): set by the core.
 */
typedef void (*hv_printk_fn)(void *ctx, const char *line);
void hv_log_set_printk(hv_printk_fn fn, void *ctx);

#endif /* HV_LOG_H */
