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
stop_daemon
