# Sourced by the daemon's shell tests: a real xenppc-hv and a real xmctld
# in a fresh temporary directory, both always stopped on exit.
#
# The hypervisor is the native one (NATIVE_BUILDDIR in a cross build) and
# runs outside valgrind; xmctld and the test client run through
# $TEST_RUNNER (qemu-user for a big-endian build, valgrind in the
# valgrind pass).
set -eu

B=${abs_top_builddir:?run through make check}
NB=${NATIVE_BUILDDIR:-}
[ -n "$NB" ] || NB=$B
HV=$NB/xenppc-hv
[ -x "$NB/hypervisor/xenppc-hv" ] && HV=$NB/hypervisor/xenppc-hv
XMCTLD=$B/xmctld
XDTOOL=$B/tests/daemon/xdtool
MKKERNEL=$B/tests/builder/mkkernel
# xmctld and the test tools link with -no-install, so they are real
# executables: drop the libtool --mode=execute prefix, which costs tens
# of milliseconds per start, and keep the runner after it (qemu, valgrind).
RUNNER=$(printf '%s\n' "${TEST_RUNNER:-}" | sed 's/^.*--mode=execute *//')
[ -x "$HV" ] || { echo "SKIP: no hypervisor at $HV"; exit 77; }
[ -x "$XMCTLD" ] || { echo "SKIP: xmctld not built"; exit 77; }

T=$(mktemp -d /tmp/xmctld-test.XXXXXX) || exit 1
chmod 755 "$T"
RUN=$T/run
STATE=$T/state
SOCK=$RUN/xmctld.sock
mkdir -p "$RUN" "$STATE"
chmod 755 "$RUN"
hv_pid=
d_pid=

cleanup() {
	[ -n "$d_pid" ] && kill "$d_pid" 2>/dev/null && wait "$d_pid" 2>/dev/null
	[ -n "$hv_pid" ] && kill "$hv_pid" 2>/dev/null && wait "$hv_pid" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT

# fail MESSAGE: on stderr too, since it may run inside $(...).
fail() {
	echo "FAIL: $*" >&2
	if [ -f "$T/daemon.log" ]; then echo "--- daemon log" >&2; tail -30 "$T/daemon.log" >&2; fi
	exit 1
}

start_hv() {
	"$HV" --foreground --rundir "$RUN" --memory "${1:-4G}" >"$T/hv.log" 2>&1 &
	hv_pid=$!
	for _ in $(seq 500); do
		[ -S "$RUN/privcmd.sock" ] && return 0
		sleep 0.01
	done
	fail "xenppc-hv did not start"
}

xd() { $RUNNER "$XDTOOL" "$@"; }

# start_daemon [xmctld options...]: start and wait until it answers ping.
start_daemon() {
	$RUNNER "$XMCTLD" --foreground --rundir "$RUN" --statedir "$STATE" "$@" \
		2>>"$T/daemon.log" &
	d_pid=$!
	for _ in $(seq 3000); do
		xd call "$SOCK" ping >/dev/null 2>&1 && return 0
		kill -0 "$d_pid" 2>/dev/null || fail "xmctld exited at start"
		sleep 0.01
	done
	fail "xmctld did not answer ping"
}

# stop_daemon: SIGTERM; the daemon must exit 0 (valgrind: 99 on errors).
stop_daemon() {
	kill "$d_pid"
	wait "$d_pid"
	st=$?
	d_pid=
	[ "$st" -eq 0 ] || fail "xmctld exited with status $st"
}

# call METHOD [PARAMS]: the result JSON on stdout; fails the test on error.
call() {
	out=$(xd call "$SOCK" "$@") || fail "$1 $*: $out"
	printf '%s\n' "$out"
}

# call_err CODE METHOD [PARAMS]: the call must fail with CODE.
call_err() {
	want=$1
	shift
	out=$(xd call "$SOCK" "$@") && fail "$1 should have failed with $want: $out"
	case $out in
	"error $want "*) ;;
	*) fail "$1: want error $want, got: $out" ;;
	esac
	printf '%s\n' "$out"
}

# json_field NAME: the first "NAME":value of stdin (strings without quotes).
json_field() {
	sed -n "s/.*\"$1\":\"\{0,1\}\([^\",}]*\).*/\1/p" | head -1
}

kernel() {
	$RUNNER "$MKKERNEL" "$T/vmlinux" >/dev/null || fail "mkkernel"
	echo "$T/vmlinux"
}

# cfg NAME [EXTRA]: a domain config as JSON params (64 MiB unless EXTRA says).
cfg() {
	case ${2:-} in
	*'"memory"'*) printf '{"config":{"name":"%s","kernel":"%s"%s}}' "$1" "$KERNEL" "$2" ;;
	*) printf '{"config":{"name":"%s","memory":64,"kernel":"%s"%s}}' "$1" "$KERNEL" "${2:-}" ;;
	esac
}
