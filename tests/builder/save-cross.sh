#!/bin/sh
# Save streams cross word sizes and byte orders: a stream written by this
# (cross: -m32 or big-endian) build restores with the native 64-bit build
# and the other way round, and both builds write byte-identical raw
# (uncompressed) streams for the same guest.  Compressed streams are not
# compared byte for byte: zlib's deflate output may differ between 32- and
# 64-bit builds of zlib itself (it does, by a few bytes), though both inflate
# to the same pages.  Skipped (77) in the native build, which has no other
# side.  The hypervisor is the native one; it is always stopped.
set -eu

if [ -z "${NATIVE_BUILDDIR:-}" ]; then
	echo "save-cross: native build, nothing to cross-check"
	exit 77
fi
native=$NATIVE_BUILDDIR/tests/builder/xg-saveimg
cross=$abs_top_builddir/tests/builder/xg-saveimg
hv=$NATIVE_BUILDDIR/xenppc-hv
for f in "$native" "$hv"; do
	if [ ! -x "$f" ]; then
		echo "save-cross: $f missing: run 'make check' in the native tree first"
		exit 77
	fi
done

dir=$(mktemp -d)
"$hv" --foreground --rundir "$dir" --memory 2G >"$dir/hv.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || :; wait $pid 2>/dev/null || :; rm -rf "$dir"' EXIT
i=0
while [ ! -S "$dir/privcmd.sock" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "save-cross: the hypervisor did not start:"; cat "$dir/hv.log"; exit 1
	fi
	sleep 0.1
done
XENPPC_RUNDIR=$dir
export XENPPC_RUNDIR

run() { # $1 = save|zlib|verify, $2 = file, $3... = command
	mode=$1 file=$2
	shift 2
	XG_SAVEIMG=$mode:$file "$@" >"$dir/out" 2>&1 || { cat "$dir/out"; echo "save-cross: $mode $file with $* failed"; exit 1; }
}
# shellcheck disable=SC2086  # TEST_RUNNER is a command prefix
run zlib "$dir/cross.img" $TEST_RUNNER "$cross"
run verify "$dir/cross.img" "$native"
run zlib "$dir/native.img" "$native"
# shellcheck disable=SC2086
run verify "$dir/native.img" $TEST_RUNNER "$cross"
# shellcheck disable=SC2086
run save "$dir/cross.raw" $TEST_RUNNER "$cross"
run save "$dir/native.raw" "$native"
run verify "$dir/cross.raw" "$native"
cmp "$dir/cross.raw" "$dir/native.raw"
echo "save-cross: streams restore both ways; $(wc -c <"$dir/cross.raw")-byte raw streams identical"
