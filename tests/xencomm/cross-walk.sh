#!/bin/sh
# Cross walk (issue 4): descriptors built by this build must be walked by
# the native 64-bit build with the same result, and the other way round.
# Images are big-endian and deterministic, so every build must also write
# byte-identical images.  Without NATIVE_BUILDDIR (the native build itself)
# this build walks its own image, checked against the same expected text.
set -u
: "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
tool="$abs_top_builddir/tests/xencomm/xencomm-image"
expected="$abs_top_srcdir/tests/xencomm/cross-walk.expected"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

# check WHAT FILE: FILE must equal the expected walk output.
check() {
	if diff -u "$expected" "$2" > "$tmp/diff"; then
		echo "ok: $1"
	else
		echo "FAIL: $1"; cat "$tmp/diff"; fail=1
	fi
}

$TEST_RUNNER "$tool" build "$tmp/this.img" || { echo "FAIL: build"; exit 1; }
$TEST_RUNNER "$tool" walk "$tmp/this.img" > "$tmp/this.out"
check "this build walks its own image" "$tmp/this.out"

if test -n "${NATIVE_BUILDDIR:-}"; then
	native="$NATIVE_BUILDDIR/tests/xencomm/xencomm-image"
	test -x "$native" || { echo "FAIL: $native not built (build the native tree first)"; exit 1; }
	"$native" walk "$tmp/this.img" > "$tmp/native-walks-this.out"
	check "native walker, this build's descriptors" "$tmp/native-walks-this.out"
	"$native" build "$tmp/native.img" || { echo "FAIL: native build"; exit 1; }
	$TEST_RUNNER "$tool" walk "$tmp/native.img" > "$tmp/this-walks-native.out"
	check "this walker, native descriptors" "$tmp/this-walks-native.out"
	if cmp "$tmp/native.img" "$tmp/this.img"; then
		echo "ok: images are byte-identical"
	else
		echo "FAIL: this build and the native build write different images"; fail=1
	fi
fi
exit $fail
