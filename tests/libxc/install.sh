#!/bin/sh
# make install works for management software: install the library, the
# headers and libxc-ppc.pc into a scratch DESTDIR, build
# examples/list-domains.c from them with pkg-config alone, and run it
# against a real hypervisor.
set -eu
. "$abs_top_builddir/tests/libxc/compile.env"
hvdir=${NATIVE_BUILDDIR:-$abs_top_builddir}
hv="$hvdir/hypervisor/xenppc-hv"
[ -x "$hv" ] || hv="$hvdir/xenppc-hv"
[ -x "$hv" ] || { echo "SKIP: $hv not built"; exit 77; }
tmp=$(mktemp -d)
hvpid=
cleanup() {
	[ -n "$hvpid" ] && kill "$hvpid" 2>/dev/null && wait "$hvpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

make -s -C "$abs_top_builddir" DESTDIR="$tmp/root" install-libLTLIBRARIES \
	install-pkgincludeHEADERS install-xenppcincludeHEADERS install-pkgconfigDATA install-man3 \
	>"$tmp/install.log" 2>&1 || { cat "$tmp/install.log"; exit 1; }
test -f "$tmp/root$XCT_INCLUDEDIR/xenppc/xenctrl.h"
test -f "$tmp/root$XCT_INCLUDEDIR/xenppc/domctl.h"
test -f "$tmp/root$XCT_LIBDIR/pkgconfig/libxc-ppc.pc"
test -f "$tmp/root$XCT_MANDIR/man3/libxc-ppc.3"

flags=$(PKG_CONFIG_SYSROOT_DIR="$tmp/root" PKG_CONFIG_LIBDIR="$tmp/root$XCT_LIBDIR/pkgconfig" \
	pkg-config --cflags --libs libxc-ppc)
# Only the installed tree: no -I into the sources or the build.
case "$flags" in *"$abs_top_srcdir"*|*"$abs_top_builddir"*) echo "leaky flags: $flags"; exit 1;; esac
$XCT_CC -std=c11 -Wall -Wextra -Werror -o "$tmp/list-domains" \
	"$abs_top_srcdir/examples/list-domains.c" $flags

mkdir "$tmp/run"
"$hv" --foreground --rundir "$tmp/run" --memory 1G 2>"$tmp/hv.log" &
hvpid=$!
i=0
# "serving" is logged after listen(): the socket file alone comes earlier.
while ! grep -q serving "$tmp/hv.log" 2>/dev/null; do
	i=$((i + 1)); [ $i -lt 500 ] || { echo "hypervisor did not start"; cat "$tmp/hv.log"; exit 1; }
	sleep 0.01
done
# A sanitizer build's library pulls in libasan after the example's libc.
ASAN_OPTIONS=verify_asan_link_order=0 LD_LIBRARY_PATH="$tmp/root$XCT_LIBDIR" ${TEST_RUNNER:-} "$tmp/list-domains" "$tmp/run" > "$tmp/out"
cat "$tmp/out"
head -1 "$tmp/out" | grep -q '^Name  *ID  *Mem VCPUs  *State  *Time(s)$'
grep -q '^Domain-0  *0 ' "$tmp/out"
[ "$(wc -l < "$tmp/out")" -eq 2 ]
echo "install.sh: installed headers + pkg-config build and run list-domains"
