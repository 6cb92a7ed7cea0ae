/*
 * jsoncheck: the JSON parser the shell tests use to read xmctl's --json
 * output back (yajl, so no python or jq is needed).
 *
 *   jsoncheck                 exit 0 if stdin is one valid JSON document
 *   jsoncheck get P1 P2 ...   print the scalar at that path (object keys,
 *                             or array indexes as numbers); exit 1 if absent
 *   jsoncheck len P1 ...      print the length of the array or object there
 *   jsoncheck config          decode stdin as a domain config (domconfig.h)
 *                             and print it re-encoded: a round trip
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_tree.h>
#include "domconfig.h"

#define INPUT_MAX (16 * 1024 * 1024)   /* the largest document read */

static char *slurp(size_t *len)
{
	char *buf = malloc(INPUT_MAX + 1);
	size_t n;

	if (buf == NULL)
		return NULL;
	n = fread(buf, 1, INPUT_MAX + 1, stdin);
	if (n > INPUT_MAX || ferror(stdin)) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Walks the path: a number indexes an array, anything else is an object key. */
static yajl_val walk(yajl_val v, char **path, int n)
{
	for (int i = 0; v != NULL && i < n; i++) {
		char *end;
		long idx = strtol(path[i], &end, 10);

		if (YAJL_IS_ARRAY(v) && *end == '\0' && idx >= 0 && (size_t)idx < v->u.array.len) {
			v = v->u.array.values[idx];
		} else if (YAJL_IS_OBJECT(v)) {
			yajl_val next = NULL;

			for (size_t k = 0; k < v->u.object.len; k++)
				if (strcmp(v->u.object.keys[k], path[i]) == 0)
					next = v->u.object.values[k];
			v = next;
		} else {
			v = NULL;
		}
	}
	return v;
}

static int print_scalar(yajl_val v)
{
	if (YAJL_IS_STRING(v))
		printf("%s\n", v->u.string);
	else if (YAJL_IS_NUMBER(v))
		printf("%s\n", v->u.number.r);
	else if (YAJL_IS_TRUE(v) || YAJL_IS_FALSE(v))
		printf("%s\n", YAJL_IS_TRUE(v) ? "true" : "false");
	else if (YAJL_IS_NULL(v))
		printf("null\n");
	else
		return fprintf(stderr, "jsoncheck: not a scalar\n"), 1;
	return 0;
}

static int round_trip(const char *text, size_t len)
{
	struct domconfig cfg;
	struct domconfig_error err;
	char *out;

	if (domconfig_from_json(&cfg, text, len, &err) < 0)
		return fprintf(stderr, "jsoncheck: config: %s\n", err.msg), 1;
	out = domconfig_to_json(&cfg, true);
	if (out == NULL)
		return 1;
	fputs(out, stdout);
	free(out);
	return 0;
}

int main(int argc, char **argv)
{
	char ebuf[256] = "";
	size_t len;
	char *text = slurp(&len);
	yajl_val root, v;
	int rc = 0;

	if (text == NULL)
		return fprintf(stderr, "jsoncheck: cannot read stdin\n"), 2;
	if (argc > 1 && strcmp(argv[1], "config") == 0) {
		rc = round_trip(text, len);
		free(text);
		return rc;
	}
	root = yajl_tree_parse(text, ebuf, sizeof(ebuf));
	free(text);
	if (root == NULL)
		return fprintf(stderr, "jsoncheck: invalid JSON: %s\n", ebuf), 1;
	if (argc > 1) {
		v = walk(root, argv + 2, argc - 2);
		if (v == NULL)
			rc = (fprintf(stderr, "jsoncheck: no such member\n"), 1);
		else if (strcmp(argv[1], "len") == 0)
			printf("%zu\n", YAJL_IS_ARRAY(v) ? v->u.array.len :
			       YAJL_IS_OBJECT(v) ? v->u.object.len : 0);
		else if (strcmp(argv[1], "get") == 0)
			rc = print_scalar(v);
		else
			rc = (fprintf(stderr, "jsoncheck: unknown command %s\n", argv[1]), 2);
	}
	yajl_tree_free(root);
	return rc;
}
