#!/bin/sh
# Crash consistency: the daemon SIGKILLs itself at every killpoint of
# define/start/undefine, create/destroy and the reboot and rename-restart
# policies (XMCTLD_KILL_AT), then at random moments; after each kill a new
# daemon must leave no orphan, no duplicate and no lost config.
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 2G
KERNEL=$(kernel)
# Under qemu every daemon start costs a few hundred ms: sample the points.
stride=1 randoms=20
case $RUNNER in *qemu*) stride=5 randoms=5 ;; esac
st=0
out=$($RUNNER "$B/tests/daemon/xdcrash" "$RUN" "$XMCTLD" "$KERNEL" "$T" $stride $randoms) || st=$?
echo "$out"
[ $st -eq 0 ] || fail "crash consistency"
n=$(echo "$out" | sed -n 's/^\([0-9]*\) kill points.*/\1/p')
[ "$stride" -gt 1 ] || [ "$n" -ge 200 ] || fail "only $n kill points"
