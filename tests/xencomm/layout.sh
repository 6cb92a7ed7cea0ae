#!/bin/sh
# Layout test (ARCHITECTURE D2): every interface struct's size and field
# offsets, as this build sees them, must equal the committed golden file,
# and (in a cross build) the native 64-bit build's output.  Also fails when
# a header in include/xenppc/ declares a struct layout-print does not list,
# so a new struct cannot slip past the test.
set -u
: "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

$TEST_RUNNER "$abs_top_builddir/tests/xencomm/layout-print" > "$tmp/this" || {
	echo "layout-print failed"; exit 1; }
if ! diff -u "$abs_top_srcdir/tests/xencomm/layout.expected" "$tmp/this"; then
	echo "FAIL: layout differs from tests/xencomm/layout.expected"
	echo "      (an intended change: review the diff, then in the native build run"
	echo "       tests/xencomm/layout-print > \$srcdir/tests/xencomm/layout.expected)"
	fail=1
fi

grep -ho '^struct [a-z_0-9]* {' "$abs_top_srcdir"/include/xenppc/*.h |
	sed 's/ {$//' | sort -u > "$tmp/declared"
grep -o '^struct [a-z_0-9]*' "$tmp/this" | sort -u > "$tmp/printed"
missing=$(comm -23 "$tmp/declared" "$tmp/printed")
if test -n "$missing"; then
	echo "FAIL: structs missing from tests/xencomm/layout-print.c:" $missing
	echo "      (add STRUCT/FIELD rows for them, then regenerate layout.expected)"
	fail=1
fi

if test -n "${NATIVE_BUILDDIR:-}"; then
	native="$NATIVE_BUILDDIR/tests/xencomm/layout-print"
	if ! test -x "$native"; then
		echo "FAIL: $native not built (build the native tree first)"
		fail=1
	elif ! "$native" > "$tmp/native" || ! diff -u "$tmp/native" "$tmp/this"; then
		echo "FAIL: layout differs from the native build ($NATIVE_BUILDDIR)"
		fail=1
	else
		echo "layout identical to the native build"
	fi
fi
test $fail = 0 && echo "layout: $(grep -c '^struct' "$tmp/this") structs match"
exit $fail
