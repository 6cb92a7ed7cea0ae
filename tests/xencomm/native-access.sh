#!/bin/sh
# The wrapper types must make native access a compile error (ARCHITECTURE
# D2): each snippet below reads, writes or computes with a big-endian field
# without be*_get/put, and the compiler configure chose must reject it.  A
# positive control, the same code written with the helpers, must compile,
# so a broken compiler command cannot pass the test by failing everything.
set -u
: "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
. "$abs_top_builddir/tests/xencomm/compile.env" || exit 99
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT

# try NAME BODY: compile BODY inside a function; echo the exit status.
try() {
	cat > "$tmp/$1.c" <<SNIP
#include <stdint.h>
#include <xenppc/xenppc.h>
uint64_t snippet(struct xencomm_desc *d, be16_t a, be32_t b, be64_t c);
uint64_t snippet(struct xencomm_desc *d, be16_t a, be32_t b, be64_t c)
{
	(void)d; (void)a; (void)b; (void)c;
	$2
}
SNIP
	$XENCOMM_CC -std=c11 -I"$abs_top_srcdir/include" -c -o "$tmp/$1.o" "$tmp/$1.c" \
		> "$tmp/$1.log" 2>&1
}

fail=0
if ! try control 'be32_put(&d->nr_addrs, be32_get(b) + be16_get(a)); return be64_get(c);'; then
	echo "FAIL: the positive control does not compile:"; cat "$tmp/control.log"
	exit 1
fi

# name | body that must not compile
while IFS='|' read -r name body; do
	case $name in ''|'#'*) continue ;; esac
	if try "$name" "$body"; then
		echo "FAIL: $name compiled: $body"
		fail=1
	else
		echo "ok: $name is a compile error"
	fi
done <<'CASES'
# reading a wrapper into a native integer
read32|uint32_t y = b; return y;
# reading a descriptor field natively
readfield|return d->nr_addrs;
# assigning a native value to a wrapper
write64|c = 5; return 0;
# storing natively into a descriptor field
writefield|d->magic = 0x58434F4DU; return 0;
# arithmetic on wrappers
arith16|return a + 1;
# comparing wrappers as numbers
compare32|return b == b;
# passing a wrapper where a number is expected
argument|return (uint64_t)c;
CASES
exit $fail
