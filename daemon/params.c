/* Typed access to request params (params.h). */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "params.h"
#include "protocol.h"

void param_quote(char *dst, size_t n, const char *src)
{
	size_t i;

	if (n == 0)
		return;
	for (i = 0; i + 1 < n && src[i]; i++)
		dst[i] = (src[i] >= 0x20 && src[i] < 0x7f) ? src[i] : '?';
	dst[i] = '\0';
}

int params_only(struct call *c, const char *const *allowed)
{
	yajl_val p = c->params;
	size_t i, j;

	for (i = 0; p && i < p->u.object.len; i++) {
		const char *k = p->u.object.keys[i];

		for (j = 0; allowed[j] && strcmp(allowed[j], k) != 0; j++)
			;
		if (!allowed[j]) {
			char q[65];

			param_quote(q, sizeof(q), k);
			return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
			                "invalid params: unknown member \"%s\"", q);
		}
	}
	return 0;
}

static yajl_val find(struct call *c, const char *key)
{
	yajl_val p = c->params;
	size_t i;

	for (i = 0; p && i < p->u.object.len; i++)
		if (strcmp(p->u.object.keys[i], key) == 0)
			return p->u.object.values[i];
	return NULL;
}

static int absent(struct call *c, const char *key, int required)
{
	if (required)
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: \"%s\" is required", key);
	return 1;
}

static int wrong(struct call *c, const char *key, const char *what)
{
	return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
	                "invalid params: \"%s\" must be %s", key, what);
}

int param_str(struct call *c, const char *key, int required, size_t max, const char **out)
{
	yajl_val v = find(c, key);

	if (!v)
		return absent(c, key, required);
	if (!YAJL_IS_STRING(v))
		return wrong(c, key, "a string");
	if (strlen(v->u.string) > max)
		return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
		                "invalid params: \"%s\" is longer than %zu bytes", key, max);
	*out = v->u.string;
	return 0;
}

int param_u64(struct call *c, const char *key, int required, uint64_t min, uint64_t max,
              uint64_t *out)
{
	yajl_val v = find(c, key);
	const char *r;
	uint64_t x = 0;

	if (!v)
		return absent(c, key, required);
	if (!YAJL_IS_NUMBER(v))
		return wrong(c, key, "an integer");
	/* Read the digits ourselves: yajl's integer is signed 64-bit. */
	r = v->u.number.r;
	if (*r < '0' || *r > '9')
		goto range;
	for (; *r >= '0' && *r <= '9'; r++) {
		if (x > (UINT64_MAX - (uint64_t)(*r - '0')) / 10)
			goto range;
		x = x * 10 + (uint64_t)(*r - '0');
	}
	if (*r != '\0')
		return wrong(c, key, "an integer");
	if (x < min || x > max)
		goto range;
	*out = x;
	return 0;
range:
	return rpc_fail(&c->err, XMCTLD_E_INVALID_PARAMS,
	                "invalid params: \"%s\" must be an integer from %" PRIu64
	                " to %" PRIu64, key, min, max);
}

int param_bool(struct call *c, const char *key, int required, int *out)
{
	yajl_val v = find(c, key);

	if (!v)
		return absent(c, key, required);
	if (!YAJL_IS_TRUE(v) && !YAJL_IS_FALSE(v))
		return wrong(c, key, "true or false");
	*out = YAJL_IS_TRUE(v);
	return 0;
}

int param_obj(struct call *c, const char *key, int required, yajl_val *out)
{
	yajl_val v = find(c, key);

	if (!v)
		return absent(c, key, required);
	if (!YAJL_IS_OBJECT(v))
		return wrong(c, key, "an object");
	*out = v;
	return 0;
}
