#!/bin/sh
# xenppc-hv as a process: option errors and a busy run directory exit 2
# with one line, --help works, SIGTERM stops it cleanly (socket and pid
# file gone), it daemonizes without --foreground, SO_PEERCRED refuses
# a client whose uid is not allowed, and foreign mapping works end to end
# at the socket level.
. "$abs_top_srcdir/tests/hypervisor/lib.sh"
FUZZ="$abs_top_builddir/tests/hypervisor/hv-fuzz"
fail() { echo "FAIL: $*"; exit 1; }

expect_exit2() {
	out=$($HV_RUNNER "$HV" "$@" 2>&1 >/dev/null); rc=$?
	[ $rc -eq 2 ] || fail "'$*' exited $rc, not 2"
	[ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "'$*' printed more than one line: $out"
	case $out in xenppc-hv:*) ;; *) fail "'$*' message: $out" ;; esac
}

expect_exit2 --bogus
expect_exit2
expect_exit2 --rundir "$RUNDIR" --memory 12Q
expect_exit2 --rundir "$RUNDIR" --memory 99999999999999999999G
expect_exit2 --rundir "$RUNDIR" --rma-size 32M
expect_exit2 --rundir "$RUNDIR" --cpus 0
expect_exit2 --rundir "$RUNDIR" --dom0-memory 4G --memory 1G
expect_exit2 --rundir "$RUNDIR/missing"
$HV_RUNNER "$HV" --help | grep -q -- "--rundir DIR" || fail "--help"

# A running hypervisor owns its run directory.
start_hv || exit 1
[ "$(cat "$RUNDIR/xenppc-hv.pid")" -eq "$HV_PID" ] || fail "pid file"
expect_exit2 --rundir "$RUNDIR" --foreground
$TEST_RUNNER "$FUZZ" "$RUNDIR/privcmd.sock" probe | grep -q window || fail "root refused"
# Foreign mapping over the socket: MMAP/MAPPED with the machine fd once,
# holds that outlive the domain, MUNMAP, release on hang-up.
$TEST_RUNNER "$FUZZ" "$RUNDIR/privcmd.sock" fmap || fail "foreign mapping"
stop_hv || fail "SIGTERM: not a clean exit"
[ ! -e "$RUNDIR/privcmd.sock" ] || fail "socket left behind"
[ ! -e "$RUNDIR/xenppc-hv.pid" ] || fail "pid file left behind"

# Refusal of a uid that is not allowed, run as that uid where it can reach
# the build tree (not under a 0700 directory such as /root or mktemp -d).
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$abs_top_builddir"; then
	start_hv || exit 1
	chmod 0777 "$RUNDIR"; chmod 0666 "$RUNDIR/privcmd.sock"
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TEST_RUNNER "$FUZZ" "$RUNDIR/privcmd.sock" probe)
	[ "$out" = "refused 1" ] || fail "nobody was not refused: $out"
	stop_hv || fail "stop"
	start_hv --allow-uid 65534 || exit 1
	chmod 0666 "$RUNDIR/privcmd.sock"
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups $TEST_RUNNER "$FUZZ" "$RUNDIR/privcmd.sock" probe)
	[ "$out" = "window" ] || fail "--allow-uid 65534 not honoured: $out"
	stop_hv || fail "stop"
elif [ "$(id -u)" -ne 0 ]; then
	start_hv --allow-uid 4000000000 || exit 1
	out=$($TEST_RUNNER "$FUZZ" "$RUNDIR/privcmd.sock" probe)
	[ "$out" = "refused 1" ] || fail "own uid accepted despite --allow-uid: $out"
	stop_hv || fail "stop"
else
	# Root is always allowed, so refusal needs another uid, which cannot
	# reach a build tree under a 0700 directory.
	echo "note: uid refusal not tested: uid 65534 cannot reach $abs_top_builddir"
fi

# Without --foreground it daemonizes once the socket exists (not under
# valgrind, which would follow the fork).
if [ "${XENPPC_VALGRIND:-}" != 1 ]; then
	"$HV" --rundir "$RUNDIR" --memory 1G --dom0-memory 256M --log "$RUNDIR/hv.log" || fail "daemon start"
	[ -S "$RUNDIR/privcmd.sock" ] || fail "daemon: no socket"
	HV_PID=$(cat "$RUNDIR/xenppc-hv.pid")
	kill -0 "$HV_PID" || fail "daemon not running"
	kill -TERM "$HV_PID"
	for _ in $(seq 100); do kill -0 "$HV_PID" 2>/dev/null || break; sleep 0.1; done
	kill -0 "$HV_PID" 2>/dev/null && fail "daemon did not stop"
	HV_PID=
	[ ! -e "$RUNDIR/privcmd.sock" ] || fail "daemon left its socket"
fi
echo "process: ok"
