#!/bin/sh
# xmctl lifecycle on the direct path against a real xenppc-hv: create from
# the example configs (mixed memory and RMA sizes), list (golden text),
# pause/unpause, shutdown and reboot with their policies, destroy.
. "$abs_top_srcdir/tests/cli/lib.sh"
start_hv
make_kernel
ex="$abs_top_srcdir/examples"

ok create "$ex/web.cfg" kernel="$RUNDIR/vmlinux"
expect "create web" "$(cat "$OUT")" "Started domain web (id=1)"
expect "create web warns once" "$(cat "$ERR")" \
	"xmctl: warning: web: 2 disks and 1 vif recorded but not attached: xenppc has no virtual IO yet"
ok create -q "$ex/small.cfg" kernel="$RUNDIR/vmlinux"
expect "create -q is quiet" "$(cat "$OUT")$(cat "$ERR")" ""
ok create -p "$ex/db.cfg" kernel="$RUNDIR/vmlinux" ramdisk="$RUNDIR/initrd"

# The console and store ports live in the guest, unbound for dom0 (the
# device tree gives the guest its own port numbers), not in dom0.
expect "guest's own event channels" \
	"$($TEST_RUNNER "$abs_top_builddir/tests/cli/evtchncheck" "$RUNDIR" 3 | wc -l)" 2
expect "guest ports wait for dom0" \
	"$($TEST_RUNNER "$abs_top_builddir/tests/cli/evtchncheck" "$RUNDIR" 3 | cut -d: -f2 | sort -u)" 0

# list: xm's columns, exactly (domU times are 0.0: guests do not execute).
ok list web small db
cat >"$RUNDIR/want" <<'G'
Name                                      ID   Mem VCPUs      State   Time(s)
web                                        1   256     1     -b----      0.0
small                                      2    64     1     -b----      0.0
db                                         3   512     1     --p---      0.0
G
diff -u "$RUNDIR/want" "$OUT" || fail "list golden text"
ok list
expect "list shows dom0 first" "$(sed -n 2p "$OUT" | cut -c1-44)" "Domain-0                                   0"
expect "list has 5 lines" "$(wc -l <"$OUT")" 5
ok list --state=paused
expect "list --state=paused" "$(tail -n +2 "$OUT" | awk '{print $1}')" "db"

# pause / unpause, seen in the state letters
ok unpause db
ok pause web
ok list web db
expect "paused web" "$(awk '$1=="web"{print $5}' "$OUT")" "--p---"
expect "unpaused db" "$(awk '$1=="db"{print $5}' "$OUT")" "-b----"
ok unpause 1
ok list 1
expect "unpause by id" "$(awk '$1=="web"{print $5}' "$OUT")" "-b----"

# duplicate name and UUID are refused before anything is created
err 1 "xmctl: create: a domain named 'web' already exists (id 1)" \
	create "$ex/web.cfg" kernel="$RUNDIR/vmlinux"
err 1 "xmctl: create: UUID 3d7a4c1e-5b2f-4c8e-9a61-0f2d8e7b6c5a is already used by domain 3" \
	create "$ex/db.cfg" name=db2 kernel="$RUNDIR/vmlinux"

# shutdown: on_poweroff=destroy removes the domain
ok shutdown -w small
x list small
expect "shutdown destroyed small" "$RC $(cat "$ERR")" "1 xmctl: list: domain 'small' does not exist"

# reboot: on_reboot=restart rebuilds with the same UUID and name, a new id
ok list -l --json db
uuid=$(jsoncheck get 0 uuid <"$OUT")
ok reboot db
ok list --json db
expect "reboot keeps the UUID" "$(jsoncheck get 0 uuid <"$OUT")" "$uuid"
[ "$(jsoncheck get 0 domid <"$OUT")" != 3 ] || fail "reboot kept the old domain"
ok list -l --json web
t0=$(jsoncheck get 0 start_time <"$OUT")
ok shutdown -R web
ok list -l --json web
[ "$(jsoncheck get 0 start_time <"$OUT")" != "$t0" ] || fail "shutdown -R did not restart web"

# on_poweroff=preserve leaves the domain shut down, shown as 's'
cfg=$(make_cfg keep 'memory = 64' 'on_poweroff = "preserve"')
ok create "$cfg"
ok shutdown keep
ok list keep
expect "preserved after shutdown" "$(awk '$1=="keep"{print $5}' "$OUT")" "---s--"
ok destroy keep

# shutdown -a: every domain but 0 (web restarts: on_poweroff is destroy)
ok shutdown -a -w
ok list
expect "shutdown -a leaves dom0 only" "$(tail -n +2 "$OUT" | awk '{print $1}')" "Domain-0"

# destroy by UUID
cfg=$(make_cfg gone 'memory = 64' 'uuid = "11111111-2222-3333-4444-555555555555"')
ok create "$cfg"
ok destroy 11111111-2222-3333-4444-555555555555
x list gone
expect "destroy by UUID" "$RC" 1
[ ! -e "$RUNDIR/xmctl/11111111-2222-3333-4444-555555555555.json" ] || fail "destroy left the runtime record"
finish
