/* Helpers private to the domconfig library. */
#ifndef XMCTL_DOMCONFIG_INT_H
#define XMCTL_DOMCONFIG_INT_H

#include <stddef.h>
#include "domconfig.h"

/* Sets err->key (may be NULL) and a printf-formatted err->msg; returns -1. */
int domconfig_fail(struct domconfig_error *err, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Copies src into dst[size] if it fits; returns -1 (nothing copied) if not. */
int domconfig_copy(char *dst, size_t size, const char *src);

/* The "disk" and "vif" members of the JSON form (domconfig_json_devices.c). */
int domconfig_json_dec_devices(struct domconfig *cfg, const char *key, yajl_val v,
                               struct domconfig_error *err);

#endif /* XMCTL_DOMCONFIG_INT_H */
