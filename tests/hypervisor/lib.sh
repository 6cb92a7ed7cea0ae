# Helpers for the hypervisor's shell tests: which xenppc-hv to run, and
# starting it in a temporary run directory that is always cleaned up.

# Cross builds (-m32, big-endian) test against the native hypervisor.
if [ -n "${NATIVE_BUILDDIR:-}" ]; then
	HV="$NATIVE_BUILDDIR/xenppc-hv"
	HV_RUNNER=""
else
	HV="$abs_top_builddir/xenppc-hv"
	HV_RUNNER="${TEST_RUNNER:-}"
fi

RUNDIR=$(mktemp -d "${TMPDIR:-/tmp}/xenppc-hv-test.XXXXXX") || exit 99
HV_PID=
cleanup() {
	if [ -n "$HV_PID" ] && kill -0 "$HV_PID" 2>/dev/null; then
		kill -TERM "$HV_PID" 2>/dev/null
		wait "$HV_PID" 2>/dev/null
	fi
	rm -rf "$RUNDIR"
}
trap cleanup EXIT

# Start the hypervisor in the foreground, in the background of this shell,
# and wait (up to 10 s) for its socket.  Extra options follow.
start_hv() {
	$HV_RUNNER "$HV" --rundir "$RUNDIR" --foreground --memory 1G --dom0-memory 256M \
		--log "$RUNDIR/hv.log" "$@" &
	HV_PID=$!
	for _ in $(seq 100); do
		[ -S "$RUNDIR/privcmd.sock" ] && return 0
		kill -0 "$HV_PID" 2>/dev/null || break
		sleep 0.1
	done
	echo "xenppc-hv did not start"; cat "$RUNDIR/hv.log" 2>/dev/null
	return 1
}

# Stop it with SIGTERM; fail unless it exits 0 within 10 s.
stop_hv() {
	kill -TERM "$HV_PID" || return 1
	for _ in $(seq 100); do
		kill -0 "$HV_PID" 2>/dev/null || break
		sleep 0.1
	done
	wait "$HV_PID"
	local rc=$?
	HV_PID=
	return $rc
}
