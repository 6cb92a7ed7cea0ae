/*
 * Short forms for writing result objects with yajl.  Generator errors are
 * sticky in practice (a full or invalid generator keeps failing) and are
 * caught when the reply is taken from it, so these return nothing.
 */
#ifndef XMCTLD_GEN_H
#define XMCTLD_GEN_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <yajl/yajl_gen.h>

static inline void gen_str(yajl_gen g, const char *s)
{
	yajl_gen_string(g, (const unsigned char *)s, strlen(s));
}

static inline void gen_u64(yajl_gen g, uint64_t v)
{
	char num[24];

	snprintf(num, sizeof(num), "%" PRIu64, v);
	yajl_gen_number(g, num, strlen(num));
}

static inline void gen_kstr(yajl_gen g, const char *k, const char *v)
{
	gen_str(g, k);
	gen_str(g, v);
}

static inline void gen_ku64(yajl_gen g, const char *k, uint64_t v)
{
	gen_str(g, k);
	gen_u64(g, v);
}

static inline void gen_kbool(yajl_gen g, const char *k, int v)
{
	gen_str(g, k);
	yajl_gen_bool(g, v);
}

#endif /* XMCTLD_GEN_H */
