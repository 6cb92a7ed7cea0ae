#!/usr/bin/env bash
# The README's main-job command: install what is missing, build, and run
# the demonstration (scripts/demo-run.sh).
#
# usage: scripts/demo.sh
#
# Builds the native tree (build/native, the same tree scripts/test.sh uses)
# and, when the i386 libraries can be installed, the -m32 tree (build/m32),
# then runs  scripts/demo-run.sh build/native [build/m32].
# XENPPC_SKIP_SETUP=1 installs nothing (what is missing is still detected).
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ "${XENPPC_SKIP_SETUP:-0}" = 1 ] && export XENPPC_DEPS_CHECK_ONLY=1
"$here/setup-deps.sh" native m32 || {
	echo "demo: the native build cannot be set up: $(deps_status native)" >&2; exit 1; }
bootstrap || exit 1

# Only the targets demo-run.sh names, so that a component the demo does
# not use cannot stop it.
targets=$("$here/demo-run.sh" --targets) || exit 1
build() {
	echo "== building $1: $targets (log: $B/demo-$1.log)"
	build_cfg "$1" $targets >"$B/demo-$1.log" 2>&1 || {
		tail -30 "$B/demo-$1.log"; echo "demo: the $1 build failed" >&2; return 1; }
}

build native || exit 1
trees=("$B/native")
st=$(deps_status m32)
if [ "$st" = ok ]; then
	build m32 || exit 1
	trees+=("$B/m32")
else
	echo "demo: no -m32 build: ${st#skip }"
fi
exec "$here/demo-run.sh" "${trees[@]}"
