#!/bin/sh
# save and restore through xmctld: the daemon writes and reads the images
# (relative paths are made absolute for it), a managed domain stays
# defined across a save and comes back under its config, a transient one
# comes back unmanaged; errors are one line; --direct still works;
# save --compress writes a smaller image on both paths.
. "$abs_top_srcdir/tests/cli/lib.sh"
start_hv
make_kernel
start_xmctld
STATE=$RUNDIR/state/domains
HERE=$(pwd)

ok new "$(make_cfg keep 'memory = 128' "disk = [ 'phy:/dev/sdb,xvda,w' ]")"
ok start keep
uuid=$(sed -n 's:.*<uuid>\(.*\)</uuid>.*:\1:p' "$(grep -l '<name>keep</name>' "$STATE"/*.xml)")
ok pause keep

# The route: with the hypervisor's socket out of xmctl's sight, only the
# daemon (connected since its start) can do these.
mv "$RUNDIR/privcmd.sock" "$RUNDIR/privcmd.hidden"
cd "$RUNDIR"
ok save keep keep.sav
cd "$HERE"
expect "save is quiet" "$(cat "$OUT")$(cat "$ERR")" ""
[ -s "$RUNDIR/keep.sav" ] || fail "save wrote nothing"
[ -e "$RUNDIR/keep.sav.tmp" ] && fail "save left its temp image"
ok list keep
expect "save: the managed domain stays defined, not running" "$(awk 'NR==2{print $2, $4}' "$OUT")" \
	"128 ------"
cd "$RUNDIR"
ok restore keep.sav
cd "$HERE"
x --direct list
expect "--direct needs the hypervisor" "$RC" 1
mv "$RUNDIR/privcmd.hidden" "$RUNDIR/privcmd.sock"
grep -q "saved keep (domain [0-9]*) to $RUNDIR/keep.sav$" "$RUNDIR/xmctld.log" ||
	fail "xmctld did not log the save"
grep -q "restored keep from $RUNDIR/keep.sav as domain [0-9]*$" "$RUNDIR/xmctld.log" ||
	fail "xmctld did not log the restore"

ok list -l --json keep
expect "restore: same UUID" "$(jsoncheck get 0 uuid <"$OUT")" "$uuid"
expect "restore: unpaused" "$(jsoncheck get 0 state <"$OUT")" "-b----"
expect "restore: under its config" "$(jsoncheck get 0 config disk 0 vdev <"$OUT")" xvda

# save -c: a checkpoint leaves the domain as it was; restore -p leaves it paused
ok save -c keep "$RUNDIR/keep2.sav"
ok list keep
expect "save -c leaves it running" "$(awk 'NR==2{print $5}' "$OUT")" "-b----"
err 1 "xmctl: restore: the domain of $RUNDIR/keep2.sav is already running" \
	restore "$RUNDIR/keep2.sav"
ok destroy keep
ok restore -p "$RUNDIR/keep2.sav"
ok list keep
expect "restore -p leaves it paused" "$(awk 'NR==2{print $5}' "$OUT")" "--p---"

# save --compress through the daemon (the hypervisor's socket hidden
# again): strictly smaller than the raw save of the same paused domain,
# and the domain restored from it saves raw byte for byte as before.
mv "$RUNDIR/privcmd.sock" "$RUNDIR/privcmd.hidden"
ok save -c keep "$RUNDIR/keep-raw.sav"
ok save --compress keep "$RUNDIR/keep-z.sav"
ok restore -p "$RUNDIR/keep-z.sav"
ok save -c keep "$RUNDIR/keep-raw2.sav"
mv "$RUNDIR/privcmd.hidden" "$RUNDIR/privcmd.sock"
raw=$(wc -c <"$RUNDIR/keep-raw.sav") z=$(wc -c <"$RUNDIR/keep-z.sav")
[ "$z" -lt "$raw" ] || fail "daemon save --compress is not smaller than save: $z >= $raw bytes"
cmp -s "$RUNDIR/keep-raw.sav" "$RUNDIR/keep-raw2.sav" ||
	fail "the domain the daemon restored from its save --compress differs"

# errors: the direct path's lines where both name the same thing
for how in "" --direct; do
	err 1 "xmctl: restore: $RUNDIR/nothing.sav: No such file or directory" \
		$how restore "$RUNDIR/nothing.sav"
	err 1 "xmctl: save: domain 0 cannot be saved" $how save 0 "$RUNDIR/d0.sav"
	err 1 "xmctl: save: domain 'nosuch' does not exist" $how save nosuch "$RUNDIR/x.sav"
done
echo "not an image" >"$RUNDIR/junk.sav"
err 1 "xmctl: restore: $RUNDIR/junk.sav is not a domain image" restore "$RUNDIR/junk.sav"
err 1 "xmctl: save: keep: creating $RUNDIR/none/k.sav.tmp: No such file or directory" \
	save keep "$RUNDIR/none/k.sav"
err 2 "xmctl: save: expects 2 arguments, got 1 (see 'xmctl help save')" save keep
err 2 "xmctl: restore: unknown option '-c' (see 'xmctl help restore')" restore -c x.sav
err 2 "xmctl: save: unknown option '--bogus' (see 'xmctl help save')" save --bogus keep x.sav
ok destroy keep

# a transient domain comes back unmanaged: its config went with the save
ok create "$(make_cfg tr 'memory = 64')"
ok save tr "$RUNDIR/tr.sav"
x list tr
expect "save: the transient domain is gone" "$RC" 1
ok restore "$RUNDIR/tr.sav"
ok list tr
expect "restore of a transient domain" "$(awk 'NR==2{print $1, $3}' "$OUT")" "tr 64"
grep -l '<name>tr</name>' "$STATE"/*.xml >/dev/null 2>&1 && fail "the restored tr is managed"

# --direct save and restore still work while the daemon runs; --direct
# save --compress is smaller than the raw save and restores the same domain
ok --direct pause tr
ok --direct save -c tr "$RUNDIR/tr-raw.sav"
ok --direct save --compress tr "$RUNDIR/tr2.sav"
x --direct list tr
expect "--direct save" "$RC" 1
raw=$(wc -c <"$RUNDIR/tr-raw.sav") z=$(wc -c <"$RUNDIR/tr2.sav")
[ "$z" -lt "$raw" ] || fail "--direct save --compress is not smaller than save: $z >= $raw bytes"
ok --direct restore -p "$RUNDIR/tr2.sav"
ok list tr
expect "--direct restore" "$(awk 'NR==2{print $1, $3}' "$OUT")" "tr 64"
ok --direct save -c tr "$RUNDIR/tr-raw2.sav"
cmp -s "$RUNDIR/tr-raw.sav" "$RUNDIR/tr-raw2.sav" ||
	fail "the domain restored from --direct save --compress differs"
finish
