#!/bin/sh
# The information commands, in text and --json (parsed back with yajl):
# list -l, domid, domname, uptime, info, dmesg, console, vcpu-list, rma.
. "$abs_top_srcdir/tests/cli/lib.sh"
start_hv
make_kernel
cfg=$(make_cfg alpha 'memory = 256' 'rma = "128M"' 'vcpus = 2' \
	'uuid = "aaaaaaaa-0000-4000-8000-000000000001"' 'extra = "console=hvc0"' \
	"disk = [ 'phy:/dev/sda1,xvda1,w', 'file:/img/b.img,xvdb,r' ]" \
	"vif = [ 'mac=00:16:3e:00:00:aa, bridge=xenbr0' ]")
ok create "$cfg"
ok create "$(make_cfg beta 'memory = 64')"

# list --json: an array of domains, dom0 first
ok list --json
jsoncheck <"$OUT" || fail "list --json is not JSON"
expect "list --json length" "$(jsoncheck len <"$OUT")" 3
expect "list --json dom0" "$(jsoncheck get 0 name <"$OUT")" "Domain-0"
expect "list --json alpha memory" "$(jsoncheck get 1 memory <"$OUT")" 256
expect "list --json alpha state" "$(jsoncheck get 1 state <"$OUT")" "-b----"

# list -l: the full record, with the stored disks and vifs
ok list -l alpha
grep -q '(uname phy:/dev/sda1)' "$OUT" || fail "list -l shows the disk"
grep -q '(mac 00:16:3e:00:00:aa)' "$OUT" || fail "list -l shows the vif"
grep -q '(rma 128)' "$OUT" || fail "list -l shows the RMA"
ok list -l --json alpha
expect "list -l --json disks" "$(jsoncheck len 0 config disk <"$OUT")" 2
expect "list -l --json disk mode" "$(jsoncheck get 0 config disk 1 mode <"$OUT")" r
expect "list -l --json vif" "$(jsoncheck get 0 config vif 0 bridge <"$OUT")" xenbr0
expect "list -l --json uuid" "$(jsoncheck get 0 uuid <"$OUT")" "aaaaaaaa-0000-4000-8000-000000000001"

# DOM as a name, an id or a UUID
ok domid alpha;  expect "domid name" "$(cat "$OUT")" 1
ok domname 2;    expect "domname id" "$(cat "$OUT")" beta
ok domname aaaaaaaa-0000-4000-8000-000000000001; expect "domname uuid" "$(cat "$OUT")" alpha
ok domid --json beta; expect "domid --json" "$(jsoncheck get domid <"$OUT")" 2
ok domname --json 1; expect "domname --json" "$(jsoncheck get name <"$OUT")" alpha

# uptime
ok uptime alpha
expect "uptime header" "$(sed -n 1p "$OUT")" "$(printf "%-33s %4s %s " Name ID Uptime)"
sed -n 2p "$OUT" | grep -Eq '^alpha +1  0:0[0-9]:[0-9][0-9]$' || fail "uptime line"
ok uptime -s beta
grep -Eq '^ [0-9:]{8} up  0:00, beta \(2\)$' "$OUT" || fail "uptime -s line"
ok uptime --json
expect "uptime --json" "$(jsoncheck len <"$OUT")" 3

# info
ok info
grep -Eq '^total_memory +: 2048$' "$OUT" || fail "info total_memory"
grep -Eq '^xen_caps +: ' "$OUT" || fail "info xen_caps"
grep -Eq '^scrub_memory +: [0-9]+$' "$OUT" || fail "info scrub_memory"
ok info --json
expect "info --json total" "$(jsoncheck get total_memory <"$OUT")" 2048
expect "info --json domains" "$(jsoncheck get nr_domains <"$OUT")" 3

# dmesg and dmesg -c
ok dmesg
grep -q "domain 1 created" "$OUT" || fail "dmesg shows the hypervisor's log"
ok dmesg --json
jsoncheck get dmesg <"$OUT" | grep -q "domain 2 created" || fail "dmesg --json"
ok dmesg -c
ok dmesg
expect "dmesg -c cleared the ring" "$(cat "$OUT")" ""

# console: the console ring as the guest left it (empty: no guest runs)
ok console alpha
expect "console ring" "$(cat "$OUT")" ""
ok console --json alpha
expect "console --json" "$(jsoncheck get console <"$OUT")" null
x console -q nosuch
expect "console -q: silent failure" "$RC:$(cat "$ERR")" "1:"

# vcpu-list
ok vcpu-list alpha
expect "vcpu-list header" "$(sed -n 1p "$OUT")" \
	"Name                                ID  VCPU   CPU State   Time(s) CPU Affinity"
expect "vcpu-list rows" "$(wc -l <"$OUT")" 3
expect "vcpu-list offline vcpu" "$(awk 'NR==3{print $4, $5}' "$OUT")" "- --p"
ok vcpu-list --json
expect "vcpu-list --json" "$(jsoncheck len <"$OUT")" 5

# rma: text map, JSON and SVG
ok rma
grep -q '^B   alpha  ' "$OUT" || fail "rma lists alpha"
grep -Eq '^B +alpha +1 +0x[0-9a-f]{12} +128 MiB' "$OUT" || fail "rma shows alpha's 128 MiB RMA"
ok rma --json
expect "rma --json domains" "$(jsoncheck len domains <"$OUT")" 3
expect "rma --json alpha rma" "$(jsoncheck get domains 1 rma_pages <"$OUT")" 32768
ok rma --svg "$RUNDIR/map.svg"
head -c 5 "$RUNDIR/map.svg" | grep -q '<?xml' || fail "rma --svg wrote no SVG"
grep -q '<title>alpha rma 128 MiB' "$RUNDIR/map.svg" || fail "the SVG shows alpha's RMA"

# help is the command table
ok help
grep -Eq '^ list +\[options\] \[Domain, \.\.\.\] +List information' "$OUT" || fail "help lists list"
ok help shutdown
expect "help shutdown" "$(sed -n 1p "$OUT")" "Usage: xmctl shutdown <Domain> [-waRH]"
ok list -h
expect "list -h" "$(sed -n 1p "$OUT")" "Usage: xmctl list [options] [Domain, ...]"
finish
