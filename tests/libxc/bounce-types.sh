#!/bin/sh
# The direction-typed bounce buffers reject wrong pointers at compile time
# (STYLE 9): an OUT or BOTH bounce of a const buffer, or a bounce whose
# pointer is not of the declared element type, must not compile; the
# correct uses must.  Compiled with the configured compiler.
set -eu
. "$abs_top_builddir/tests/libxc/compile.env"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
inc="-I$abs_top_srcdir/include -I$abs_top_srcdir/libxc-ppc -I$abs_top_builddir"

try() {   # try <expect: ok|fail> <name> <body>
	cat > "$tmp/t.c" <<EOC
#include "xc_private.h"
void probe(xc_interface *xch);
void probe(xc_interface *xch)
{
	struct xen_domctl dc = { .cmd = { 0 } };
	const struct xen_domctl cdc = { .cmd = { 0 } };
	uint64_t native[4] = { 0 };
	(void)dc; (void)cdc; (void)native;
	$3
}
EOC
	if $XCT_CC -std=c11 -D_GNU_SOURCE -Werror $inc -c -o "$tmp/t.o" "$tmp/t.c" 2>"$tmp/err"; then
		got=ok
	else
		got=fail
	fi
	if [ "$got" != "$1" ]; then
		echo "bounce-types: '$2' should $1 to compile"; cat "$tmp/err"; exit 1
	fi
	# A failure must come from the type check, not from some other mistake.
	if [ "$got" = fail ] && ! grep -q "association" "$tmp/err"; then
		echo "bounce-types: '$2' failed for another reason:"; cat "$tmp/err"; exit 1
	fi
	echo "ok: $2 (expected: $1)"
}

try ok   "IN of a const struct"     'DECLARE_BOUNCE_IN(b, struct xen_domctl, &cdc, 1); xc_bounce_pre(xch, &b); xc_bounce_post(xch, &b);'
try ok   "BOTH of a struct"         'DECLARE_BOUNCE_BOTH(b, struct xen_domctl, &dc, 1); xc_bounce_pre(xch, &b); xc_bounce_post(xch, &b);'
try ok   "OUT of big-endian words"  'be64_t w[2]; DECLARE_BOUNCE_OUT(b, be64_t, w, 2); xc_bounce_pre(xch, &b); xc_bounce_post(xch, &b);'
try fail "OUT of a const struct"    'DECLARE_BOUNCE_OUT(b, struct xen_domctl, &cdc, 1); xc_bounce_pre(xch, &b);'
try fail "BOTH of a const struct"   'DECLARE_BOUNCE_BOTH(b, struct xen_domctl, &cdc, 1); xc_bounce_pre(xch, &b);'
try fail "native words as be64_t"   'DECLARE_BOUNCE_OUT(b, be64_t, native, 4); xc_bounce_pre(xch, &b);'
try fail "a struct as another type" 'DECLARE_BOUNCE_IN(b, struct xen_sysctl, &dc, 1); xc_bounce_pre(xch, &b);'
