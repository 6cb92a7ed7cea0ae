#!/bin/sh
# 50 clients at once, mixing reads and writes; the final state is checked
# exactly by xdtool (every even client's domain runs, no odd one).
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 6G
KERNEL=$(kernel)
start_daemon
xd concurrent "$SOCK" 50 "$KERNEL" || fail "concurrent clients"
# The records match: 25 transient domains, one record each.
n=$(ls "$STATE/domains" | wc -l)
[ "$n" -eq 25 ] || fail "$n records for 25 domains"
stop_daemon
