#!/usr/bin/env bash
# The demonstration: a 32-bit client and a 64-bit walker agree on a
# xencomm descriptor.
#
# usage: scripts/demo-run.sh NATIVE_BUILDDIR [M32_BUILDDIR]
#
# NATIVE_BUILDDIR is a built native (64-bit) tree, M32_BUILDDIR a built
# -m32 tree (`make check TESTS=` builds the test tools used here).
# scripts/demo.sh builds both and calls this.  Without M32_BUILDDIR the
# client side runs natively, which shows less.  Exits non-zero if the two
# sides disagree.
set -u
[ $# -ge 1 ] || { echo "usage: $0 NATIVE_BUILDDIR [M32_BUILDDIR]" >&2; exit 2; }
native=$(cd "$1" && pwd) || exit 2
client=${2:-$1}
client=$(cd "$client" && pwd) || exit 2

tool=tests/xencomm/xencomm-image
for t in "$native/$tool" "$client/$tool"; do
	if [ ! -x "$t" ]; then
		echo "demo-run: $t is not built: the descriptor image tool (tests/xencomm) is not in the tree yet" >&2
		exit 1
	fi
done
echo "demo-run: the image tool exists but this script does not drive it yet" >&2
exit 1
