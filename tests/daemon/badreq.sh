#!/bin/sh
# Malformed, oversized, unknown and wrongly typed requests: a fixed table
# with the error each must get, then a bounded random fuzz.  The daemon
# must answer each with an error and keep the connection usable.
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 2G
start_daemon
xd badreq "$SOCK" || fail "bad request table"
xd fuzz "$SOCK" 1 2000 || fail "fuzz"
xd fuzz "$SOCK" 2 2000 || fail "fuzz"
# A client sending half a request and stalling blocks nobody.
( printf '{"jsonrpc":"2.0","id":1,"method":"pi'; sleep 3 ) | \
	$RUNNER "$XDTOOL" call "$SOCK" ping >/dev/null 2>&1 &
call ping >/dev/null
call domain.list >/dev/null
# A client that pipelines thousands of requests and reads nothing only
# stalls itself: others are answered at once, and the daemon stays small.
xd flood "$SOCK" 5000 4 >"$T/flood" &
flood_pid=$!
for _ in $(seq 500); do grep -q sent "$T/flood" 2>/dev/null && break; sleep 0.01; done
for _ in 1 2 3 4 5; do call ping >/dev/null; call domain.list >/dev/null; done
wait $flood_pid
call ping >/dev/null
stop_daemon
