#!/bin/sh
# Recovery destroys a nameless, uuidless domain only as a half-restored one,
# i.e. while the restore marker (STATEDIR/restore.pending) a killed
# domain.restore leaves exists.  A nameless domain that another libxc
# client created survives daemon restarts, and a completed or failed
# restore leaves no marker behind.
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 2G
KERNEL=$(kernel)
start_daemon
bystander=$(xd hvcreate "$RUN") || fail "hvcreate"
# A restart (kill -9, as a crash) must leave it alone: no marker.
kill -9 "$d_pid"; wait "$d_pid" 2>/dev/null || :; d_pid=
start_daemon
xd hvexists "$RUN" "$bystander" || fail "a nameless domain of another client was destroyed"
grep -q "half-restored domain $bystander" "$T/daemon.log" && fail "rolled back without a marker"

# A restore that fails (not an image) and one that works remove the marker.
echo junk >"$T/junk.img"
call_err -32010 domain.restore "{\"path\":\"$T/junk.img\"}" >/dev/null
[ ! -e "$STATE/restore.pending" ] || fail "a failed restore left its marker"
call domain.create "$(cfg rm1)" >/dev/null
call domain.save "{\"dom\":\"rm1\",\"path\":\"$T/rm1.img\"}" >/dev/null
call domain.restore "{\"path\":\"$T/rm1.img\"}" >/dev/null
[ ! -e "$STATE/restore.pending" ] || fail "a restore left its marker"
xd hvexists "$RUN" "$bystander" || fail "a restore destroyed a nameless domain"

# With the marker of a killed restore, the nameless domain is taken for
# the half-restored one: destroyed, logged, and the marker dropped.
stop_daemon
: >"$STATE/restore.pending"
start_daemon
st=0; xd hvexists "$RUN" "$bystander" || st=$?
[ "$st" -eq 1 ] || fail "the half-restored domain was not rolled back (status $st)"
grep -q "rolling back half-restored domain $bystander" "$T/daemon.log" || fail "no log line"
[ ! -e "$STATE/restore.pending" ] || fail "recovery left the marker"
call domain.info '{"dom":"rm1"}' >/dev/null
stop_daemon
echo "restore-marker.sh: ok"
