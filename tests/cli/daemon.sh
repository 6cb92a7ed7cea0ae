#!/bin/sh
# xmctl's daemon path: with xmctld answering on RUNDIR/xmctld.sock, create
# and the lifecycle commands go through it, list shows managed domains that
# are not running, rma reads the daemon's map, and new/delete/start work;
# --direct bypasses it, and new/delete/start say clearly that they need it.
. "$abs_top_srcdir/tests/cli/lib.sh"
native_prog xmctld daemon/xmctld >/dev/null || { echo "SKIP: no native xmctld"; exit 77; }
start_hv
make_kernel
ex="$abs_top_srcdir/examples"

# rma through the daemon (host.rma_map), from the line matching $2 on, is
# the hypervisor's own map (--direct); it stays in $RUNDIR/rma.daemon.
rma_matches_direct() { # $1 = what is compared, $2 = its first line (sed pattern)
	ok rma
	sed -n "/$2/,\$p" "$OUT" >"$RUNDIR/rma.daemon"
	ok --direct rma
	expect "$1: daemon = --direct" "$(cat "$RUNDIR/rma.daemon")" "$(sed -n "/$2/,\$p" "$OUT")"
}

# No daemon yet: new/delete/start explain, the rest works directly
err 1 "xmctl: new: needs the xmctld daemon, and none answers on $RUNDIR/xmctld.sock (start xmctld --rundir $RUNDIR)" \
	new "$ex/small.cfg" kernel="$RUNDIR/vmlinux"
err 1 "xmctl: start: needs the xmctld daemon, and --direct talks to the hypervisor only" --direct start small

start_xmctld
# the socket appears only once it listens (bound as .tmp, then renamed)
[ -e "$RUNDIR/xmctld.sock.tmp" ] && fail "xmctld left xmctld.sock.tmp"

ok create "$ex/web.cfg" kernel="$RUNDIR/vmlinux"
expect "create through the daemon" "$(cat "$OUT")" "Started domain web (id=1)"
ok new "$ex/small.cfg" kernel="$RUNDIR/vmlinux"
expect "new" "$(cat "$OUT")" "Defined domain small"
ok list
expect "list shows the managed, inactive domain (no id)" "$(awk '$1=="small"{print $2, $3, $4}' "$OUT")" "64 1 ------"
ok list --json
expect "inactive: domid null" "$(jsoncheck get 2 domid <"$OUT")" null
ok list -l small
grep -q '(kernel '"$RUNDIR"'/vmlinux)' "$OUT" || fail "list -l shows the managed config"
# rma through the daemon (host.rma_map): the same domains, RMAs and
# extents as the hypervisor's own map (free counts may move: scrubbing)
rma_matches_direct "rma" '^Map Name'
grep -q '^A   Domain-0 ' "$RUNDIR/rma.daemon" || fail "rma through the daemon: no Domain-0"
ok rma --json
expect "rma --json through the daemon: web's RMA" "$(jsoncheck get domains 1 rma_pages <"$OUT")" 16384
mv "$RUNDIR/privcmd.sock" "$RUNDIR/privcmd.hidden"
ok rma
mv "$RUNDIR/privcmd.hidden" "$RUNDIR/privcmd.sock"
ok --direct list
expect "--direct list: running domains only" "$(tail -n +2 "$OUT" | awk '{print $1}' | tr '\n' ' ')" \
	"Domain-0 web "

ok start small
ok list small
expect "start" "$(awk 'NR==2{print $2, $5}' "$OUT")" "2 -b----"
ok pause web
ok list web
expect "pause through the daemon" "$(awk 'NR==2{print $5}' "$OUT")" "--p---"
ok shutdown small
ok list small
expect "shutdown: the managed domain stays defined" "$(awk 'NR==2{print $2, $4}' "$OUT")" "64 ------"
err 1 "xmctl: destroy: domain 'small' is not running" destroy small
ok delete small
x list small
expect "delete" "$RC" 1
# Grant frames (web's) and a block a foreign mapping holds after its domain
# was destroyed: both maps show them alike, the held block as '#'.
ok create "$ex/small.cfg" kernel="$RUNDIR/vmlinux" name=doomed
doomed=$(sed -n 's/.*(id=\([0-9]*\)).*/\1/p' "$OUT")
mkfifo "$RUNDIR/hold.in"
$TEST_RUNNER "$abs_top_builddir/tests/cli/holdcheck" "$RUNDIR" "$doomed" 1 \
	<"$RUNDIR/hold.in" >"$RUNDIR/hold.out" 2>&1 &
hold_pid=$!
exec 9>"$RUNDIR/hold.in"
n=0
until grep -q held "$RUNDIR/hold.out"; do
	n=$((n + 1))
	[ $n -lt 300 ] || { exec 9>&-; fail "holdcheck: $(cat "$RUNDIR/hold.out")"; }
	sleep 0.1
done
rma_matches_direct "rma with grant frames and a held block" '^Map ('
grep -q '^Map (.*# = held by a foreign mapping)' "$RUNDIR/rma.daemon" || fail "rma: no held legend"
grep -q '|[^|]*#' "$RUNDIR/rma.daemon" || fail "rma: no held block on the map"
ok rma --json
grep -q '"kind": *"held"' "$OUT" || fail "rma --json: no held region"
grep -q '"kind": *"gnttab"' "$OUT" || fail "rma --json: no gnttab region"
echo >&9
exec 9>&-
wait $hold_pid || fail "holdcheck failed: $(cat "$RUNDIR/hold.out")"
ok rma
grep -q '# = held' "$OUT" && fail "rma: the held block outlived its mapping"
ok destroy web
ok list
expect "all gone" "$(tail -n +2 "$OUT" | awk '{print $1}')" "Domain-0"
# the daemon's messages name the domain: the same line as the direct path's
err 1 "xmctl: pause: domain 'nosuch' does not exist" pause nosuch
err 1 "xmctl: pause: domain 'nosuch' does not exist" --direct pause nosuch
finish
