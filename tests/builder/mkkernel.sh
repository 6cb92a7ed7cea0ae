#!/bin/sh
# mkkernel's command line, and its output is the same in every build: in a
# cross build (-m32, big-endian under qemu) every variant, plain and
# gzipped, is compared byte for byte with the native build's.
set -eu

mk=$abs_top_builddir/tests/builder/mkkernel
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

# shellcheck disable=SC2086  # TEST_RUNNER is a command prefix
run() { $TEST_RUNNER "$mk" "$@"; }

# usage errors exit 2, a bad variant 1, --list names every variant
if run >/dev/null 2>&1; then echo "mkkernel: no OUT accepted"; exit 1; fi
set +e
run --size 12X "$dir/x" 2>/dev/null; [ $? -eq 2 ] || { echo "mkkernel: bad --size not a usage error"; exit 1; }
run --variant nosuch "$dir/x" 2>"$dir/err"; [ $? -eq 1 ] || { echo "mkkernel: unknown variant accepted"; exit 1; }
set -e
grep -q "unknown variant 'nosuch'" "$dir/err"
variants=$(run --list | awk '{print $1}')
[ "$(echo "$variants" | wc -l)" -ge 20 ]

for v in $variants; do
	size=
	[ "$v" = gzip-bomb ] && size="--size 1M"
	# shellcheck disable=SC2086
	run --variant "$v" $size "$dir/$v"
	# shellcheck disable=SC2086
	run --variant "$v" $size --gzip "$dir/$v.gz"
	case $v in
	not-elf|initrd|gzip-*) ;;
	*) [ "$(head -c 4 "$dir/$v" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] || { echo "mkkernel: $v is not ELF"; exit 1; } ;;
	esac
	[ "$(head -c 2 "$dir/$v.gz" | od -An -tx1 | tr -d ' ')" = 1f8b ] || { echo "mkkernel: $v.gz is not gzip"; exit 1; }
done
run --variant exec --size 64K - | cmp -s - "$dir/exec" && { echo "mkkernel: --size ignored"; exit 1; }

if [ -n "${NATIVE_BUILDDIR:-}" ] && [ -x "$NATIVE_BUILDDIR/tests/builder/mkkernel" ]; then
	for v in $variants; do
		size=
		[ "$v" = gzip-bomb ] && size="--size 1M"
		# shellcheck disable=SC2086
		"$NATIVE_BUILDDIR/tests/builder/mkkernel" --variant "$v" $size "$dir/native"
		cmp "$dir/native" "$dir/$v" || { echo "mkkernel: $v differs from the native build's"; exit 1; }
	done
	echo "mkkernel: every variant identical to the native build's"
fi
