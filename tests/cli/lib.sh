# Sourced by the xmctl integration tests: start a real xenppc-hv in a
# temporary run directory (always the native one, never under
# $TEST_RUNNER), stop it on exit, and run xmctl through $TEST_RUNNER
# (qemu-user for the big-endian build, valgrind in the valgrind pass).
#
# In a cross build (-m32, s390x) the hypervisor and the kernel generator
# come from $NATIVE_BUILDDIR, so the cross-built xmctl drives the 64-bit
# hypervisor: that is the point of those configurations.

: "${abs_top_builddir:?}" "${abs_top_srcdir:?}"
XMCTL="$abs_top_builddir/cli/xmctl"
JSONCHECK="$abs_top_builddir/tests/cli/jsoncheck"
HV_MEMORY=${HV_MEMORY:-2G}

# A native program of the given path relative to a build tree.
native_prog() {
	for d in "${NATIVE_BUILDDIR:-}" "$abs_top_builddir"; do
		[ -n "$d" ] || continue
		for p in "$@"; do
			[ -x "$d/$p" ] && { echo "$d/$p"; return 0; }
		done
		# A cross tree's own programs cannot run here: only NATIVE_BUILDDIR.
		[ -z "$TEST_RUNNER_IS_CROSS" ] || return 1
	done
	return 1
}

# Cross builds run through qemu; their own hypervisor can't be used natively.
case "${TEST_RUNNER:-}" in *qemu*) TEST_RUNNER_IS_CROSS=1 ;; *) TEST_RUNNER_IS_CROSS= ;; esac
if [ -n "$TEST_RUNNER_IS_CROSS" ] || [ "$(od -An -tu1 -j4 -N1 "$XMCTL" | tr -d ' ')" = 1 ]; then
	[ -n "${NATIVE_BUILDDIR:-}" ] || { echo "SKIP: cross build without NATIVE_BUILDDIR"; exit 77; }
	TEST_RUNNER_IS_CROSS=1
fi

HV=$(native_prog xenppc-hv hypervisor/xenppc-hv) || { echo "SKIP: no native xenppc-hv"; exit 77; }
MKKERNEL=$(native_prog tests/builder/mkkernel) || { echo "SKIP: no native mkkernel"; exit 77; }

RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/xmctl-test.XXXXXX") || exit 99
HV_PID=
stop_hv() {
	if [ -n "$HV_PID" ]; then
		kill "$HV_PID" 2>/dev/null
		wait "$HV_PID" 2>/dev/null
		HV_PID=
	fi
}
cleanup() {
	stop_xmctld
	stop_hv
	rm -rf "$RUNDIR"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# wait_socket NAME PID LOG: until RUNDIR/NAME.sock is there (10 s), or
# fail the test with the program's log if it exits first.
wait_socket() {
	i=0
	while [ ! -S "$RUNDIR/$1.sock" ]; do
		i=$((i + 1))
		if [ $i -gt 200 ] || ! kill -0 "$2" 2>/dev/null; then
			echo "FAIL: no $1.sock: the program did not start"; cat "$3"; exit 99
		fi
		sleep 0.05
	done
}

start_hv() {
	"$HV" --rundir "$RUNDIR" --foreground --memory "$HV_MEMORY" --log "$RUNDIR/hv.log" "$@" &
	HV_PID=$!
	wait_socket privcmd "$HV_PID" "$RUNDIR/hv.log"
}

# start_xmctld [options]: the native xmctld on this run directory, state in
# $RUNDIR/state, log in $RUNDIR/xmctld.log; waits until its socket is
# there and stops it on exit.  Skips the test when no native xmctld is
# built.
D_PID=
start_xmctld() {
	XMCTLD=$(native_prog xmctld daemon/xmctld) || { echo "SKIP: no native xmctld"; exit 77; }
	mkdir -p "$RUNDIR/state"
	"$XMCTLD" --rundir "$RUNDIR" --statedir "$RUNDIR/state" --foreground "$@" \
		2>>"$RUNDIR/xmctld.log" &
	D_PID=$!
	wait_socket xmctld "$D_PID" "$RUNDIR/xmctld.log"
}
stop_xmctld() {
	if [ -n "$D_PID" ]; then
		kill "$D_PID" 2>/dev/null
		wait "$D_PID" 2>/dev/null
		D_PID=
	fi
}

# xmctl against this run directory; the output is in $OUT and $ERR, the
# exit status in $RC.
OUT="$RUNDIR/out"
ERR="$RUNDIR/err"
x() {
	$TEST_RUNNER "$XMCTL" --rundir "$RUNDIR" "$@" >"$OUT" 2>"$ERR"
	RC=$?
}

jsoncheck() {
	$TEST_RUNNER "$JSONCHECK" "$@"
}

FAILS=0
fail() {
	echo "FAIL: $*"
	echo "  stdout: $(head -c 600 "$OUT")"
	echo "  stderr: $(head -c 600 "$ERR")"
	FAILS=$((FAILS + 1))
}

# ok CMD...: xmctl must succeed with nothing on stderr (warnings aside).
ok() {
	x "$@"
	if [ $RC -ne 0 ]; then
		fail "xmctl $* exited $RC"
		return 1
	fi
	return 0
}

# err STATUS "expected stderr line" CMD...: xmctl must fail with exactly one line.
err() {
	want_rc=$1 want=$2
	shift 2
	x "$@"
	if [ $RC -ne "$want_rc" ]; then
		fail "xmctl $* exited $RC, expected $want_rc"
	elif [ "$(wc -l <"$ERR")" -ne 1 ] || [ "$(cat "$ERR")" != "$want" ]; then
		fail "xmctl $*: expected the one line '$want'"
	elif [ -s "$OUT" ]; then
		fail "xmctl $*: printed on stdout while failing"
	fi
}

# expect "what" A B: A must equal B.
expect() {
	[ "$2" = "$3" ] || fail "$1: got '$2', expected '$3'"
}

# A test kernel for the examples and ad-hoc configs.
make_kernel() {
	"$MKKERNEL" "$RUNDIR/vmlinux" >/dev/null || { echo "FAIL: mkkernel"; exit 99; }
	"$MKKERNEL" --variant initrd "$RUNDIR/initrd" >/dev/null || { echo "FAIL: mkkernel initrd"; exit 99; }
}

# A config file with the given extra lines; prints its path.
make_cfg() {
	name=$1
	shift
	f="$RUNDIR/$name.cfg"
	{ echo "name = \"$name\""; echo "kernel = \"$RUNDIR/vmlinux\""; printf '%s\n' "$@"; } >"$f"
	echo "$f"
}

finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$FAILS check(s) failed"
		echo "--- hypervisor log (tail)"; tail -20 "$RUNDIR/hv.log"
		if [ -f "$RUNDIR/xmctld.log" ]; then
			echo "--- xmctld log (tail)"; tail -20 "$RUNDIR/xmctld.log"
		fi
		exit 1
	fi
	echo "all checks passed"
	exit 0
}
