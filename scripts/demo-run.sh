#!/usr/bin/env bash
# The demonstration: a 32-bit client builds xencomm descriptors, the 64-bit
# walker (the hypervisor's side) walks them, and both agree.
#
# usage: scripts/demo-run.sh NATIVE_BUILDDIR [M32_BUILDDIR]
#        scripts/demo-run.sh --targets    (the make targets it needs)
#
# NATIVE_BUILDDIR is a built native (64-bit) tree, M32_BUILDDIR a built
# -m32 tree, in which the --targets are built.
# scripts/demo.sh builds both and calls this.  Without M32_BUILDDIR the
# client side is the native build too, which shows less, and says so.
#
# It uses tests/xencomm/xencomm-image: `build FILE` describes a few buffers
# (mid-page, multi-page, page-sized, one byte either side of a page
# boundary, inline, empty) inside a window and writes the window and the
# handles to FILE, big-endian; `walk FILE` walks every handle with the
# walker and prints each descriptor, length and checksum.  Exits 0 when
# the 64-bit walker reads the 32-bit client's descriptors exactly as its
# own, 1 when they disagree, 2 on a usage error.
set -u

# The make targets this demo needs in each tree: scripts/demo.sh builds
# exactly these, so a component the demo does not use cannot stop it.
if [ "${1:-}" = --targets ]; then
	echo tests/xencomm/xencomm-image
	exit 0
fi
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 NATIVE_BUILDDIR [M32_BUILDDIR]" >&2; exit 2; }
native=$(cd "$1" && pwd) || exit 2
client=$(cd "${2:-$1}" && pwd) || exit 2
tool=tests/xencomm/xencomm-image
for t in "$native/$tool" "$client/$tool"; do
	[ -x "$t" ] || { echo "demo-run: $t is not built (make it in its tree)" >&2; exit 2; }
done
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT

# "32-bit" or "64-bit", from the ELF class byte of program $1.
elf_bits() {
	case $(od -An -tu1 -j4 -N1 "$1" | tr -d ' ') in
	1) echo 32-bit ;; 2) echo 64-bit ;; *) echo "unknown-width" ;;
	esac
}

cbits=$(elf_bits "$client/$tool")
nbits=$(elf_bits "$native/$tool")
[ "$client" = "$native" ] &&
	echo "demo: no -m32 build given: the client is the native build (pass an -m32 tree to see the point)"
echo "demo: client: $cbits $client/$tool"
echo "demo: walker: $nbits $native/$tool"
echo

echo "== 1. the $cbits client describes its buffers and writes the window"
"$client/$tool" build "$tmp/client.img" || { echo "demo: the client failed" >&2; exit 1; }
echo "   $(wc -c <"$tmp/client.img") bytes: $tmp/client.img"
echo
echo "== 2. the $nbits walker walks the client's descriptors"
"$native/$tool" walk "$tmp/client.img" >"$tmp/walk-client.out"
wrc=$?
cat "$tmp/walk-client.out"
echo
echo "== 3. the $nbits side describes the same buffers itself, and walks those"
"$native/$tool" build "$tmp/native.img" || { echo "demo: the native build step failed" >&2; exit 1; }
"$native/$tool" walk "$tmp/native.img" >"$tmp/walk-native.out"
nrc=$?

fail=0
echo
echo "== result"
if [ $wrc -eq 0 ] && [ $nrc -eq 0 ]; then
	echo "ok:   every walk succeeded and round-tripped its bytes"
else
	echo "FAIL: a walk failed (client image: exit $wrc, native image: exit $nrc)"; fail=1
fi
if cmp -s "$tmp/client.img" "$tmp/native.img"; then
	echo "ok:   the $cbits client and the $nbits side wrote byte-identical descriptors and windows"
else
	echo "FAIL: the two images differ:"; cmp "$tmp/client.img" "$tmp/native.img" | head -3; fail=1
fi
if cmp -s "$tmp/walk-client.out" "$tmp/walk-native.out"; then
	echo "ok:   the walker reads the $cbits client's descriptors exactly as its own"
else
	echo "FAIL: the walks differ:"; diff "$tmp/walk-native.out" "$tmp/walk-client.out" | head -20; fail=1
fi
[ $fail -eq 0 ] && echo "demo: the $cbits client and the $nbits walker agree"
exit $fail
