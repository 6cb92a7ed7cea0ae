#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "options.h"

int parse_uint(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	uint64_t v = 0;

	if (!s || !*s)
		return -EINVAL;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -EINVAL;
		if (v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < min || v > max)
		return -ERANGE;
	*out = v;
	return 0;
}

int parse_size(const char *s, uint64_t max, uint64_t *out)
{
	char digits[32];
	size_t n = 0;
	unsigned shift = 0;

	if (!s)
		return -EINVAL;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	if (n == 0 || n >= sizeof(digits))
		return n == 0 ? -EINVAL : -ERANGE;
	memcpy(digits, s, n);
	digits[n] = '\0';
	switch (s[n]) {
	case '\0': break;
	case 'k': case 'K': shift = 10; break;
	case 'm': case 'M': shift = 20; break;
	case 'g': case 'G': shift = 30; break;
	case 't': case 'T': shift = 40; break;
	default: return -EINVAL;
	}
	if (s[n] != '\0' && s[n + 1] != '\0' && strcmp(s + n + 1, "iB") != 0 &&
	    strcmp(s + n + 1, "B") != 0)
		return -EINVAL;
	uint64_t v;
	int r = parse_uint(digits, 0, max >> shift, &v);
	if (r != 0)
		return r;
	*out = v << shift;
	return 0;
}
