#!/usr/bin/env bash
# Build and run every benchmark of a build tree.
#
# usage: scripts/bench.sh [BUILDDIR]        (default: build/bench)
#
# Benchmarks are the programs in tests/bench/ (and bench/, if it grows),
# named in the BENCHMARKS variable of their Makefile.inc so that
# `make bench` builds them.  Without BUILDDIR a native tree without
# sanitizers is configured in build/bench, since ASan would distort the
# figures.  Each program runs once, with no arguments, through the tree's
# TEST_RUNNER (so a big-endian tree runs under qemu-user: its figures say
# little about speed).  Exits non-zero if a benchmark fails.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

if [ $# -ge 1 ]; then
	dir=$(cd "$1" && pwd) || exit 2
	make -C "$dir" -j2 bench >"$dir/bench-build.log" 2>&1 || {
		tail -20 "$dir/bench-build.log"; exit 1; }
else
	dir=$B/bench
	bootstrap || exit 1
	mkdir -p "$dir"
	if [ ! -f "$dir/config.status" ]; then
		(cd "$dir" && "$top/configure" --enable-werror) >"$B/bench-configure.log" 2>&1 || {
			tail -20 "$B/bench-configure.log"; exit 1; }
	fi
	make -C "$dir" -j2 bench >"$dir/bench-build.log" 2>&1 || {
		tail -20 "$dir/bench-build.log"; exit 1; }
fi

runner=$(sed -n 's/^TEST_RUNNER = //p' "$dir/Makefile")
found=0 failed=0
for d in tests/bench bench; do
	[ -d "$dir/$d" ] || continue
	for prog in "$dir/$d"/*; do
		[ -f "$prog" ] && [ -x "$prog" ] || continue
		case $prog in *.sh|*.o|*.log|*.trs) continue ;; esac
		found=$((found + 1))
		echo "== ${prog#"$dir"/}"
		if ! "$dir/libtool" --mode=execute $runner "$prog"; then
			echo "bench: ${prog#"$dir"/} failed" >&2
			failed=$((failed + 1))
		fi
	done
done
[ $found -gt 0 ] || echo "bench: no benchmark programs in $dir/tests/bench (none written yet?)"
[ $failed -eq 0 ]
