#!/bin/sh
# Every symbol libxc-ppc exports is listed in libxc-ppc.map, every symbol
# the map lists is exported, and nothing else leaks (the version script's
# "local: *" and -fvisibility=hidden at work).
set -eu
lib="$abs_top_builddir/.libs/libxc-ppc.so"
map="$abs_top_srcdir/libxc-ppc/libxc-ppc.map"
NM=${NM:-nm}
test -f "$lib" || { echo "symbols.sh: $lib not built"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$NM -D --defined-only "$lib" | awk '{print $3}' | sed 's/@.*//' |
	grep -v '^VERS_' | sort -u > "$tmp/exported"
sed -n 's/^[[:space:]]*\([A-Za-z_][A-Za-z0-9_]*\);.*/\1/p' "$map" |
	grep -v '^local$' | sort -u > "$tmp/mapped"
status=0
missing=$(comm -23 "$tmp/exported" "$tmp/mapped")
if [ -n "$missing" ]; then
	echo "exported but not in libxc-ppc.map:"; echo "$missing"; status=1
fi
unexported=$(comm -13 "$tmp/exported" "$tmp/mapped")
if [ -n "$unexported" ]; then
	echo "in libxc-ppc.map but not exported:"; echo "$unexported"; status=1
fi
n=$(wc -l < "$tmp/mapped")
[ "$n" -gt 50 ] || { echo "only $n symbols in the map?"; status=1; }
grep -q '^xc_interface_open$' "$tmp/exported" || { echo "xc_interface_open missing"; status=1; }
[ $status -eq 0 ] && echo "symbols.sh: $n symbols, map and exports agree"
exit $status
