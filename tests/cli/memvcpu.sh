#!/bin/sh
# Memory and vcpu commands: mem-set, mem-max, vcpu-set, vcpu-pin, vcpu-list.
. "$abs_top_srcdir/tests/cli/lib.sh"
start_hv --cpus 4
make_kernel
ok create "$(make_cfg m 'memory = 256' 'maxmem = 512' 'vcpus = 4')"

ok mem-set m 384
ok list m
expect "mem-set grows" "$(awk 'NR==2{print $3}' "$OUT")" 384
ok mem-set m 128M
ok list m
expect "mem-set shrinks (units)" "$(awk 'NR==2{print $3}' "$OUT")" 128
err 1 "xmctl: mem-set: m: 1024 MiB is below the domain's RMA or above its maximum (see mem-max)" \
	mem-set m 1G
err 1 "xmctl: mem-set: m: 32 MiB is below the domain's RMA or above its maximum (see mem-max)" \
	mem-set m 32
ok mem-max m 1G
ok mem-set m 1G
ok list --json m
expect "mem-max then mem-set" "$(jsoncheck get 0 memory <"$OUT")" 1024
expect "maxmem shown" "$(jsoncheck get 0 maxmem <"$OUT")" 1024
err 1 "xmctl: mem-max: m: cannot lower the maximum to 256 MiB: on PowerPC the limit sizes the p2m, which cannot shrink" \
	mem-max m 256
err 2 "xmctl: mem-set: '12X' has an unknown unit 'X' (use K, M, G or T) (see 'xmctl help mem-set')" \
	mem-set m 12X

# vcpus: one online after create; vcpu-set brings more online, or takes
# them offline (xm's vcpu-set N: vcpus 0..N-1 online, the others not)
ok list m
expect "one vcpu online" "$(awk 'NR==2{print $4}' "$OUT")" 1
ok vcpu-set m 3
ok list m
expect "vcpu-set 3" "$(awk 'NR==2{print $4}' "$OUT")" 3
ok vcpu-set m 2
ok list m
expect "vcpu-set 2 (offline)" "$(awk 'NR==2{print $4}' "$OUT")" 2
ok vcpu-list m
expect "vcpu 1 online" "$(awk 'NR==3{print $5}' "$OUT")" -b-
expect "vcpu 2 offline" "$(awk 'NR==4{print $4, $5}' "$OUT")" "- --p"
ok vcpu-set m 4
ok vcpu-set m 1
ok list m
expect "vcpu-set 1 from 4" "$(awk 'NR==2{print $4}' "$OUT")" 1
ok vcpu-set m 3
ok list m
expect "vcpu-set 3 again" "$(awk 'NR==2{print $4}' "$OUT")" 3
# above the domain's count, vcpu-set grows it (PowerPC adds vcpus; the
# count never drops, vcpus only go offline)
ok vcpu-set m 5
ok list --json m
expect "vcpu-set 5 grows the count" "$(jsoncheck get 0 max_vcpus <"$OUT")" 5
expect "vcpu-set 5 online" "$(jsoncheck get 0 vcpus <"$OUT")" 5
ok vcpu-set m 3
ok list --json m
expect "vcpu-set 3 after the grow: the count stays" "$(jsoncheck get 0 max_vcpus <"$OUT")" 5
expect "vcpu-set 3 after the grow: online" "$(jsoncheck get 0 vcpus <"$OUT")" 3
err 2 "xmctl: vcpu-set: '33' is not a vcpu count in 1..32 (see 'xmctl help vcpu-set')" \
	vcpu-set m 33
err 2 "xmctl: vcpu-set: '0' is not a vcpu count in 1..32 (see 'xmctl help vcpu-set')" \
	vcpu-set m 0
err 1 "xmctl: vcpu-set: domain 0's vcpus cannot be changed" vcpu-set 0 1
err 1 "xmctl: vcpu-set: domain 'nosuch' does not exist" vcpu-set nosuch 1

# vcpu-pin and the affinity column
ok vcpu-pin m 1 2-3
ok vcpu-pin m 0 0
ok vcpu-list m
expect "vcpu 0 pinned" "$(awk 'NR==2{print $NF}' "$OUT")" 0
expect "vcpu 1 pinned" "$(awk 'NR==3{print $NF}' "$OUT")" 2-3
expect "vcpu 2 any" "$(awk 'NR==4{print $(NF-1), $NF}' "$OUT")" "any cpu"
ok vcpu-pin m all all
ok vcpu-list --json m
expect "vcpu-pin all all (the host has 4 cpus)" "$(jsoncheck get 1 affinity <"$OUT")" 0-3
err 2 "xmctl: vcpu-pin: '9' is not a vcpu of the domain (0..4 or all) (see 'xmctl help vcpu-pin')" \
	vcpu-pin m 9 0
err 2 "xmctl: vcpu-pin: 'x' is not a cpu list like \"0-3,^1\" (cpus 0..63) (see 'xmctl help vcpu-pin')" \
	vcpu-pin m 0 x
finish
