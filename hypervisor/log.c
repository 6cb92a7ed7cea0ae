/*
 * Log lines carry a timestamp and level; warnings also go to the console
 * ring (as Xen's printk would) and bump the counter read by
 * XEN_SYSCTL_warnings.
 */
#include <stdarg.h>
#include <time.h>

#include "log.h"

#define HV_LOG_LINE_MAX 512

static FILE *log_file;
static enum hv_log_level log_level = HV_LOG_INFO;
static uint64_t warn_count;
static hv_printk_fn printk_fn;
static void *printk_ctx;

void hv_log_set_file(FILE *f) { log_file = f; }
void hv_log_set_level(enum hv_log_level lvl) { log_level = lvl; }
uint64_t hv_warn_count(void) { return warn_count; }

void hv_log_set_printk(hv_printk_fn fn, void *ctx)
{
	printk_fn = fn;
	printk_ctx = ctx;
}

static void emit(enum hv_log_level lvl, const char *line)
{
	static const char *const names[] = { "error", "warning", "info", "debug" };
	FILE *f = log_file ? log_file : stderr;
	struct timespec ts;

	if (lvl <= HV_LOG_WARN && printk_fn)
		printk_fn(printk_ctx, line);
	if (lvl > log_level)
		return;
	if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
		ts.tv_sec = 0, ts.tv_nsec = 0;
	fprintf(f, "%lld.%03ld xenppc-hv %s: %s\n", (long long)ts.tv_sec,
	        ts.tv_nsec / 1000000L, names[lvl], line);
	fflush(f);
}

void hv_log(enum hv_log_level lvl, const char *fmt, ...)
{
	char line[HV_LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	emit(lvl, line);
}

void hv_warn_at(const char *func, int line_no, const char *fmt, ...)
{
	char msg[HV_LOG_LINE_MAX];
	char line[HV_LOG_LINE_MAX + 64];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warn_count++;
	snprintf(line, sizeof(line), "WARN %s:%d: %s", func, line_no, msg);
	emit(HV_LOG_WARN, line);
}
