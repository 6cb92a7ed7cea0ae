#!/bin/sh
# Golden config tests: every tests/config/pass-<case>.cfg must give, with
# `xmctl create -n`, exactly pass-<case>.json on stdout (and that JSON must
# round-trip through the domain-config decoder); every fail-<case>.cfg must
# exit 1 with exactly fail-<case>.err on stderr.  A <case>.args file holds
# key=value overrides, one per line.  Runs without a hypervisor.
set -u
: "${abs_top_srcdir:?}" "${abs_top_builddir:?}"
xmctl="$abs_top_builddir/cli/xmctl"
jsoncheck="$abs_top_builddir/tests/cli/jsoncheck"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
cd "$abs_top_srcdir/tests/config" || exit 99

fails=0 n=0
for cfg in pass-*.cfg fail-*.cfg; do
	case=${cfg%.cfg}
	n=$((n + 1))
	set --
	if [ -f "$case.args" ]; then
		while IFS= read -r a; do set -- "$@" "$a"; done < "$case.args"
	fi
	$TEST_RUNNER "$xmctl" create -n "$cfg" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case $case in
	pass-*)
		if [ $rc -ne 0 ] || ! diff -u "$case.json" "$tmp/out" || [ -s "$tmp/err" ]; then
			echo "FAIL: $case (exit $rc): $(cat "$tmp/err")"; fails=$((fails + 1)); continue
		fi
		if ! $TEST_RUNNER "$jsoncheck" config <"$tmp/out" >"$tmp/rt" ||
		   ! diff -u "$case.json" "$tmp/rt"; then
			echo "FAIL: $case: the JSON does not round-trip"; fails=$((fails + 1)); continue
		fi ;;
	fail-*)
		if [ $rc -ne 1 ] || ! diff -u "$case.err" "$tmp/err" || [ -s "$tmp/out" ]; then
			echo "FAIL: $case (exit $rc)"; fails=$((fails + 1)); continue
		fi ;;
	esac
	echo "ok: $case"
done
echo "$n cases, $fails failed"
[ $fails -eq 0 ]
