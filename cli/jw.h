/*
 * A thin JSON writer over yajl_gen for the --json renderers.  Errors are
 * sticky: calls after a failure do nothing, and jw_finish() reports it.
 */
#ifndef XMCTL_JW_H
#define XMCTL_JW_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <yajl/yajl_gen.h>

struct jw {
	yajl_gen g;
	bool failed;
};

/* Starts a pretty-printed document; false when out of memory. */
bool jw_init(struct jw *j);
/* Members of the current object (key non-NULL) or items of an array (key NULL). */
void jw_str(struct jw *j, const char *key, const char *v);   /* NULL or "" -> null */
void jw_uint(struct jw *j, const char *key, uint64_t v);
void jw_int(struct jw *j, const char *key, int64_t v);
void jw_double(struct jw *j, const char *key, double v);
void jw_bool(struct jw *j, const char *key, bool v);
void jw_obj_open(struct jw *j, const char *key);
void jw_obj_close(struct jw *j);
void jw_arr_open(struct jw *j, const char *key);
void jw_arr_close(struct jw *j);
/* The generator itself, for domconfig_gen_json(); key is written first. */
yajl_gen jw_raw(struct jw *j, const char *key);
void jw_raw_status(struct jw *j, int rc);
/* Writes the document and a newline to out and frees; 0, or -1 if anything failed. */
int jw_finish(struct jw *j, FILE *out);

#endif /* XMCTL_JW_H */
