#!/bin/sh
# Differential test: the fixed hypercall sequence of libxc-diff leaves the
# state in diff.expected; in a cross build (-m32, big-endian) the native
# build's libxc-diff, run against its own fresh hypervisor, must print
# byte-for-byte the same.  Each program starts and stops its hypervisor.
# The golden file pins the allocator's placement too: after an intended
# change to the hypervisor's allocation policy, regenerate it from a
# native build with `tests/libxc/libxc-diff > $srcdir/tests/libxc/diff.expected`
# and review the diff.
set -eu
here="$abs_top_builddir/tests/libxc"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
hvdir=${NATIVE_BUILDDIR:-$abs_top_builddir}
hv="$hvdir/hypervisor/xenppc-hv"
[ -x "$hv" ] || hv="$hvdir/xenppc-hv"
[ -x "$hv" ] || { echo "SKIP: $hv not built"; exit 77; }

${TEST_RUNNER:-} "$here/libxc-diff" > "$tmp/this"
if ! diff -u "$abs_top_srcdir/tests/libxc/diff.expected" "$tmp/this"; then
	echo "diff.sh: state differs from the golden file"; exit 1
fi
if [ -n "${NATIVE_BUILDDIR:-}" ]; then
	"$NATIVE_BUILDDIR/tests/libxc/libxc-diff" > "$tmp/native"
	if ! diff -u "$tmp/native" "$tmp/this"; then
		echo "diff.sh: this build's client left another state than the native one"; exit 1
	fi
	echo "diff.sh: $HOST_ENDIAN-endian cross client and native client agree"
fi
echo "diff.sh: $(grep -c '^dom ' "$tmp/this") domains, $(grep -c '^region' "$tmp/this") regions match"
