/*
 * Typed, bounded access to a request's params object.  Each getter
 * returns 0 (found), 1 (absent and optional) or -1 with c->err set to an
 * INVALID_PARAMS error that names the member.
 */
#ifndef XMCTLD_PARAMS_H
#define XMCTLD_PARAMS_H

#include <stdint.h>
#include <yajl/yajl_tree.h>

#include "dispatch.h"

/* Reject members not in allowed (a NULL-terminated list). */
int params_only(struct call *c, const char *const *allowed);
/* A string of at most max bytes. */
int param_str(struct call *c, const char *key, int required, size_t max, const char **out);
/* An integer in [min, max]. */
int param_u64(struct call *c, const char *key, int required, uint64_t min, uint64_t max,
              uint64_t *out);
int param_bool(struct call *c, const char *key, int required, int *out);
/* An object member (e.g. a domain config). */
int param_obj(struct call *c, const char *key, int required, yajl_val *out);

/* Copy src into dst (n bytes) with anything but printable ASCII as '?'. */
void param_quote(char *dst, size_t n, const char *src);

#endif /* XMCTLD_PARAMS_H */
