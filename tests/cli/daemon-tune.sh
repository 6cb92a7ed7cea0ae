#!/bin/sh
# mem-set, mem-max and vcpu-set through xmctld: a managed domain's record
# in the state directory follows them (which the direct path never
# touches), the errors are one line as clear as the direct path's, and
# --direct still goes straight to the hypervisor.
. "$abs_top_srcdir/tests/cli/lib.sh"
start_hv --cpus 4
make_kernel
start_xmctld
STATE=$RUNDIR/state/domains

ok new "$(make_cfg m 'memory = 256' 'maxmem = 512' 'vcpus = 2' 'cpus = "2-3"')"
ok start m
REC=$(grep -l '<name>m</name>' "$STATE"/*.xml) || fail "no record of m"
# in_rec ELEMENT VALUE: the daemon's record of m says so
in_rec() { grep -q "<$1>$2</$1>" "$REC"; }

# The route: with the hypervisor's socket out of xmctl's sight, only the
# daemon (connected since its start) can carry these out.
mv "$RUNDIR/privcmd.sock" "$RUNDIR/privcmd.hidden"
ok mem-set m 320
ok mem-max m 768
ok vcpu-set m 2
ok vcpu-set m 1
x --direct vcpu-set m 2
expect "--direct needs the hypervisor" "$RC" 1
mv "$RUNDIR/privcmd.hidden" "$RUNDIR/privcmd.sock"
grep -q "set m's online vcpus to 1$" "$RUNDIR/xmctld.log" || fail "xmctld did not log vcpu-set"

# mem-set: the domain and its record
ok mem-set m 384
ok list m
expect "mem-set grows" "$(awk 'NR==2{print $3}' "$OUT")" 384
in_rec memory 384 || fail "mem-set did not reach the daemon's record"
err 1 "xmctl: mem-set: m: 1024 MiB is above the domain's maxmem (768 MiB)" mem-set m 1G
err 1 "xmctl: mem-set: m: 32 MiB is below the domain's RMA (64 MiB)" mem-set m 32
err 2 "xmctl: mem-set: '12X' has an unknown unit 'X' (use K, M, G or T) (see 'xmctl help mem-set')" \
	mem-set m 12X
err 1 "xmctl: mem-set: domain 'nosuch' does not exist" mem-set nosuch 128
in_rec memory 384 || fail "a refused mem-set changed the record"

# mem-max: up, and then mem-set may follow; a running domain's never down
ok mem-max m 1G
in_rec maxmem 1024 || fail "mem-max did not reach the daemon's record"
ok mem-set m 1G
ok list --json m
expect "mem-max then mem-set" "$(jsoncheck get 0 memory <"$OUT")" 1024
expect "maxmem shown" "$(jsoncheck get 0 maxmem <"$OUT")" 1024
err 1 "xmctl: mem-max: domain m is running: its maxmem cannot drop from 1024 to 256 MiB (on PowerPC the limit sizes the p2m, which cannot shrink)" \
	mem-max m 256

# vcpu-set: exactly N online, growing the count above it, shrinking by
# taking vcpus offline; the record keeps N for the next start
ok list m
expect "one vcpu online after start" "$(awk 'NR==2{print $4}' "$OUT")" 1
ok vcpu-set m 2
ok list m
expect "vcpu-set 2" "$(awk 'NR==2{print $4}' "$OUT")" 2
ok vcpu-set m 4
ok list m
expect "vcpu-set 4 (grows the count)" "$(awk 'NR==2{print $4}' "$OUT")" 4
in_rec vcpus 4 || fail "vcpu-set did not reach the daemon's record"
ok vcpu-list m
expect "vcpus 2 and 3 came with the config's pinning" \
	"$(awk 'NR==4||NR==5{print $3, $NF}' "$OUT" | tr '\n' ' ')" "2 2-3 3 2-3 "
ok vcpu-set m 1
ok list m
expect "vcpu-set 1 (shrinks)" "$(awk 'NR==2{print $4}' "$OUT")" 1
ok list --json m
expect "vcpu-set 1: the count stays" "$(jsoncheck get 0 max_vcpus <"$OUT")" 4
in_rec vcpus 1 || fail "shrink not recorded"
ok vcpu-list m
expect "vcpus 1..3 offline" "$(awk 'NR>2{print $4}' "$OUT" | tr '\n' ' ')" "- - - "
ok vcpu-set m 3
ok list m
expect "vcpu-set 3 (back online)" "$(awk 'NR==2{print $4}' "$OUT")" 3
err 2 "xmctl: vcpu-set: '33' is not a vcpu count in 1..32 (see 'xmctl help vcpu-set')" \
	vcpu-set m 33
err 1 "xmctl: vcpu-set: domain 0's vcpus cannot be changed" vcpu-set 0 1
err 1 "xmctl: vcpu-set: domain 'nosuch' does not exist" vcpu-set nosuch 1

# --direct goes to the hypervisor alone: the record does not follow
ok --direct vcpu-set m 2
ok list m
expect "--direct vcpu-set" "$(awk 'NR==2{print $4}' "$OUT")" 2
in_rec vcpus 3 || fail "--direct vcpu-set went through the daemon"
ok --direct mem-set m 512
in_rec memory 1024 || fail "--direct mem-set went through the daemon"

# the next start has what the record kept
ok destroy m
ok start m
ok list --json m
expect "restart: memory from the record" "$(jsoncheck get 0 memory <"$OUT")" 1024
expect "restart: vcpus from the record" "$(jsoncheck get 0 max_vcpus <"$OUT")" 3
ok --direct list --json m
expect "restart: vcpus from the record (--direct)" "$(jsoncheck get 0 max_vcpus <"$OUT")" 3
ok destroy m

# an inactive managed domain: only its config changes, maxmem may drop
ok vcpu-set m 2
ok list m
expect "vcpu-set of an inactive domain" "$(awk 'NR==2{print $2, $3}' "$OUT")" "1024 2"
ok mem-set m 256
ok mem-max m 256
in_rec maxmem 256 || fail "mem-max of an inactive domain"
err 1 "xmctl: mem-max: m: 128 MiB is below the domain's memory (256 MiB)" mem-max m 128
finish
