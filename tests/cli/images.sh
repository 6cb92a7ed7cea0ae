#!/bin/sh
# save, restore, save -c, save --compress and dump-core; progress bars
# stay off when stderr is not a terminal.
. "$abs_top_srcdir/tests/cli/lib.sh"
start_hv
make_kernel
ok create "$(make_cfg img 'memory = 128' 'vcpus = 1' \
	'uuid = "bbbbbbbb-0000-4000-8000-000000000002"' "disk = [ 'phy:/dev/sdb,xvda,w' ]" \
	'on_crash = "preserve"')"

ok pause img
ok save img "$RUNDIR/img.sav"
expect "save is quiet off a tty" "$(cat "$OUT")$(cat "$ERR")" ""
[ -s "$RUNDIR/img.sav" ] || fail "save wrote nothing"
x list img
expect "save destroyed the domain" "$RC" 1
ok restore "$RUNDIR/img.sav"
ok list -l --json img
expect "restore: same UUID" "$(jsoncheck get 0 uuid <"$OUT")" bbbbbbbb-0000-4000-8000-000000000002
expect "restore: memory" "$(jsoncheck get 0 memory <"$OUT")" 128
expect "restore: unpaused" "$(jsoncheck get 0 state <"$OUT")" "-b----"
expect "restore: the config came back" "$(jsoncheck get 0 config disk 0 vdev <"$OUT")" xvda

# on a terminal, save draws its progress bar (script(1) gives it a pty)
if command -v script >/dev/null 2>&1; then
	script -qc "$TEST_RUNNER '$XMCTL' --rundir '$RUNDIR' save -c img '$RUNDIR/tty.sav'" /dev/null \
		>"$OUT" 2>&1 </dev/null
	grep -q 'Saving \[#*\] 100%' "$OUT" || fail "no progress bar on a terminal: $(tr '\r' '\n' <"$OUT" | tail -2)"
fi
ok save -c img "$RUNDIR/img2.sav"
ok list img
expect "save -c leaves it running" "$(awk 'NR==2{print $5}' "$OUT")" "-b----"
ok destroy img
ok restore -p "$RUNDIR/img2.sav"
ok list img
expect "restore -p leaves it paused" "$(awk 'NR==2{print $5}' "$OUT")" "--p---"

# save --compress: zlib page batches.  The test kernel's pages deflate to
# about half, so the image must be strictly smaller than the raw save of
# the same paused domain (equal sizes: one of the two ignored the flag).
# Restoring it gives back the same domain: its raw save is byte for byte
# the first one.
ok save -c img "$RUNDIR/raw.sav"
ok save --compress img "$RUNDIR/z.sav"
x list img
expect "save --compress destroyed the domain" "$RC" 1
raw=$(wc -c <"$RUNDIR/raw.sav") z=$(wc -c <"$RUNDIR/z.sav")
[ "$z" -lt "$raw" ] || fail "save --compress is not smaller than save: $z >= $raw bytes"
ok restore -p "$RUNDIR/z.sav"
ok save -c img "$RUNDIR/raw2.sav"
cmp -s "$RUNDIR/raw.sav" "$RUNDIR/raw2.sav" || fail "the domain restored from save --compress differs"
# both options at once, short: a compressed checkpoint
ok save -cz img "$RUNDIR/z2.sav"
[ "$(wc -c <"$RUNDIR/z2.sav")" -lt "$raw" ] || fail "save -cz is not smaller than save"
ok list img
expect "save -cz leaves it paused" "$(awk 'NR==2{print $5}' "$OUT")" "--p---"

err 1 "xmctl: restore: $RUNDIR/nothing.sav: No such file or directory" restore "$RUNDIR/nothing.sav"
head -c 1000 "$RUNDIR/img.sav" >"$RUNDIR/short.sav"
x restore "$RUNDIR/short.sav"
[ $RC -eq 1 ] && [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q '^xmctl: restore: ' "$ERR" ||
	fail "a truncated stream is refused in one line"
x list
expect "a failed restore leaves nothing" "$(tail -n +2 "$OUT" | wc -l)" 2

# dump-core: an ELF64 big-endian PowerPC core with the domain's memory
ok dump-core img "$RUNDIR/img.core"
expect "dump-core message" "$(cat "$OUT")" "Dumped core of domain img to $RUNDIR/img.core"
expect "ELF magic, class 64, big-endian" "$(od -An -tx1 -N6 "$RUNDIR/img.core" | tr -d ' ')" \
	"7f454c460202"
expect "e_machine PPC64" "$(od -An -tx1 -j18 -N2 "$RUNDIR/img.core" | tr -d ' ')" "0015"
size=$(wc -c <"$RUNDIR/img.core")
[ "$size" -gt $((128 * 1024 * 1024)) ] || fail "core smaller than the domain's memory: $size"
ok list img
expect "dump-core leaves it paused as it was" "$(awk 'NR==2{print $5}' "$OUT")" "--p---"
ok dump-core -C img "$RUNDIR/img2.core"
ok list img
expect "dump-core -C crashes it (on_crash preserve)" "$(awk 'NR==2{print $5}' "$OUT")" "--p-c-"
finish
