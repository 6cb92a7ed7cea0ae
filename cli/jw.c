/* The --json writer (jw.h). */
#include <string.h>
#include "jw.h"

#define OK(j, x) do { if (!(j)->failed && (x) != yajl_gen_status_ok) (j)->failed = true; } while (0)

bool jw_init(struct jw *j)
{
	j->failed = false;
	j->g = yajl_gen_alloc(NULL);
	if (j->g == NULL)
		return false;
	yajl_gen_config(j->g, yajl_gen_beautify, 1);
	yajl_gen_config(j->g, yajl_gen_indent_string, "  ");
	return true;
}

static void key(struct jw *j, const char *k)
{
	if (k != NULL && !j->failed)
		OK(j, yajl_gen_string(j->g, (const unsigned char *)k, strlen(k)));
}

void jw_str(struct jw *j, const char *k, const char *v)
{
	key(j, k);
	if (j->failed)
		return;
	if (v == NULL || v[0] == '\0')
		OK(j, yajl_gen_null(j->g));
	else
		OK(j, yajl_gen_string(j->g, (const unsigned char *)v, strlen(v)));
}

void jw_uint(struct jw *j, const char *k, uint64_t v)
{
	key(j, k);
	if (!j->failed)
		OK(j, yajl_gen_integer(j->g, (long long)v));
}

void jw_int(struct jw *j, const char *k, int64_t v)
{
	key(j, k);
	if (!j->failed)
		OK(j, yajl_gen_integer(j->g, (long long)v));
}

void jw_double(struct jw *j, const char *k, double v)
{
	key(j, k);
	if (!j->failed)
		OK(j, yajl_gen_double(j->g, v));
}

void jw_bool(struct jw *j, const char *k, bool v)
{
	key(j, k);
	if (!j->failed)
		OK(j, yajl_gen_bool(j->g, v));
}

void jw_obj_open(struct jw *j, const char *k)
{
	key(j, k);
	if (!j->failed)
		OK(j, yajl_gen_map_open(j->g));
}

void jw_obj_close(struct jw *j)
{
	if (!j->failed)
		OK(j, yajl_gen_map_close(j->g));
}

void jw_arr_open(struct jw *j, const char *k)
{
	key(j, k);
	if (!j->failed)
		OK(j, yajl_gen_array_open(j->g));
}

void jw_arr_close(struct jw *j)
{
	if (!j->failed)
		OK(j, yajl_gen_array_close(j->g));
}

yajl_gen jw_raw(struct jw *j, const char *k)
{
	key(j, k);
	return j->g;
}

void jw_raw_status(struct jw *j, int rc)
{
	if (rc != 0)
		j->failed = true;
}

int jw_finish(struct jw *j, FILE *out)
{
	const unsigned char *buf;
	size_t len;
	int rc = -1;

	if (!j->failed && yajl_gen_get_buf(j->g, &buf, &len) == yajl_gen_status_ok) {
		/* beautify ends the top level with a newline already */
		if (fwrite(buf, 1, len, out) == len && (len > 0 && buf[len - 1] == '\n' ?
		                                       0 : fputc('\n', out)) != EOF)
			rc = 0;
	}
	yajl_gen_free(j->g);
	j->g = NULL;
	return rc;
}
