#!/bin/sh
# Every method of the protocol against a real hypervisor and daemon,
# checking results and the state they leave (PROTOCOL.md).
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 4G
KERNEL=$(kernel)
start_daemon

# ping: versions
out=$(call ping)
echo "$out" | grep -q '"interface":"1.0"' || fail "ping: $out"
echo "$out" | grep -q '"hypervisor":"3.1"' || fail "ping: $out"

# host.info, domain.list with only domain 0
out=$(call host.info)
[ "$(echo "$out" | json_field total_memory_mib)" = 4096 ] || fail "host.info: $out"
echo "$out" | json_field scrub_memory_mib | grep -Eq '^[0-9]+$' || fail "host.info scrub: $out"
out=$(call domain.list)
echo "$out" | grep -q '"name":"Domain-0","domid":0' || fail "list: $out"

# define (xm new): a persistent record, listed inactive
out=$(call domain.define "$(cfg web ',"maxmem":256,"on_reboot":"restart","on_poweroff":"destroy"')")
uuid=$(echo "$out" | json_field uuid)
[ -f "$STATE/domains/$uuid.xml" ] || fail "define wrote no record"
grep -q '<name>web</name>' "$STATE/domains/$uuid.xml" || fail "record content"
out=$(call domain.list)
echo "$out" | grep -q '"name":"web","domid":null,"uuid":"'"$uuid"'","state":"inactive"' ||
	fail "list after define: $out"
call_err -32002 domain.define "$(cfg web ',"uuid":"11111111-2222-4333-8444-555555555555"')" >/dev/null
# redefinition by name keeps the uuid
out=$(call domain.define "$(cfg web ',"maxmem":256,"on_reboot":"restart","on_poweroff":"destroy","vcpus":2')")
[ "$(echo "$out" | json_field uuid)" = "$uuid" ] || fail "redefine changed the uuid"

# info: summary and config
out=$(call domain.info '{"dom":"web"}')
echo "$out" | grep -q '"config":{"name":"web"' || fail "info: $out"
echo "$out" | grep -q '"vcpus":2' || fail "info: $out"

# start, and start again
out=$(call domain.start '{"dom":"web"}')
web_id=$(echo "$out" | json_field domid)
[ -n "$web_id" ] && [ "$web_id" -gt 0 ] || fail "start: $out"
call_err -32003 domain.start '{"dom":"web"}' >/dev/null
out=$(call domain.info "{\"dom\":$web_id}")
echo "$out" | grep -q '"persistent":true' || fail "info by id: $out"
out=$(call domain.info "{\"dom\":\"$uuid\"}")
echo "$out" | grep -q "\"domid\":$web_id" || fail "info by uuid: $out"

# create: transient, recorded while it runs
out=$(call domain.create "$(cfg t1)")
t1_uuid=$(echo "$out" | json_field uuid)
[ -f "$STATE/domains/$t1_uuid.xml" ] || fail "create wrote no record"
grep -q 'persistent="no"' "$STATE/domains/$t1_uuid.xml" || fail "transient record"
call_err -32002 domain.create "$(cfg t1)" >/dev/null

# pause / unpause
call domain.pause '{"dom":"t1"}' >/dev/null
call domain.info '{"dom":"t1"}' | grep -q '"state":"paused"' || fail "not paused"
call domain.unpause '{"dom":"t1"}' >/dev/null
call domain.info '{"dom":"t1"}' | grep -q '"state":"paused"' && fail "still paused"
call_err -32003 domain.unpause '{"dom":"t1"}' >/dev/null

# set_memory / set_maxmem / set_vcpus update the instance and the record
# (web: 64 MiB, a 64 MiB RMA, maxmem 256, 2 vcpus)
rec=$STATE/domains/$uuid.xml
info_has() { call domain.info "{\"dom\":\"$1\"}" | grep -q "$2"; }
call domain.set_memory '{"dom":"web","memory_mib":96}' >/dev/null
out=$(call_err -32602 domain.set_memory '{"dom":"web","memory_mib":512}')
echo "$out" | grep -q "512 MiB is above the domain's maxmem (256 MiB)" || fail "set_memory: $out"
out=$(call_err -32602 domain.set_memory '{"dom":"web","memory_mib":32}')
echo "$out" | grep -q "32 MiB is below the domain's RMA (64 MiB)" || fail "set_memory: $out"
info_has web '"memory_mib":96' || fail "set_memory"
grep -q '<memory>96</memory>' "$rec" || fail "set_memory record"
call domain.set_maxmem '{"dom":"web","maxmem_mib":512}' >/dev/null
info_has web '"maxmem_mib":512' || fail "set_maxmem"
grep -q '<maxmem>512</maxmem>' "$rec" || fail "set_maxmem record"
call domain.set_memory '{"dom":"web","memory_mib":512}' >/dev/null
call domain.set_memory '{"dom":"web","memory_mib":96}' >/dev/null
out=$(call_err -32003 domain.set_maxmem '{"dom":"web","maxmem_mib":256}')
echo "$out" | grep -q "domain web is running: its maxmem cannot drop from 512 to 256 MiB" ||
	fail "set_maxmem down: $out"
# set_vcpus: exactly N online; above the count it grows, below it vcpus go offline
call domain.set_vcpus '{"dom":"web","vcpus":3}' >/dev/null
info_has web '"vcpus":3' || fail "set_vcpus 3 (grow)"
grep -q '<vcpus>3</vcpus>' "$rec" || fail "set_vcpus record"
call domain.set_vcpus '{"dom":"web","vcpus":1}' >/dev/null
info_has web '"vcpus":1,"max_vcpus":3' || fail "set_vcpus 1 (shrink: offline, the count stays)"
grep -q '<vcpus>1</vcpus>' "$rec" || fail "set_vcpus shrink record"
call domain.set_vcpus '{"dom":"web","vcpus":3}' >/dev/null
info_has web '"vcpus":3' || fail "set_vcpus 3 (back online)"
call_err -32003 domain.set_vcpus '{"dom":0,"vcpus":1}' >/dev/null
call_err -32602 domain.set_vcpus '{"dom":"web","vcpus":33}' >/dev/null

# host.rma_map: the RMAs of both domains
out=$(call host.rma_map)
echo "$out" | grep -q '"kind":"rma","domid":'"$web_id"',"name":"web"' || fail "rma_map: $out"

# RMA check: a 16 GiB RMA cannot be placed, and the error says why
out=$(call_err -32004 domain.create "$(cfg big ',"memory":16384,"rma":16384')")
echo "$out" | grep -q 'largest free naturally aligned block' || fail "rma message: $out"

# events: reboot -> policy restart (new instance, same uuid)
xd events "$SOCK" 3 10000 >"$T/events" &
ev_pid=$!
for _ in $(seq 500); do grep -q subscribed "$T/events" 2>/dev/null && break; sleep 0.01; done
call domain.reboot '{"dom":"web"}' >/dev/null
wait $ev_pid || fail "events: $(cat "$T/events")"
grep -q '^shutdown web' "$T/events" || fail "no shutdown event: $(cat "$T/events")"
grep -q '^started web' "$T/events" || fail "no started event: $(cat "$T/events")"
grep -q '^stopped web' "$T/events" || fail "no stopped event: $(cat "$T/events")"
out=$(call domain.info '{"dom":"web"}')
echo "$out" | grep -q '"state":"blocked"' || fail "web not restarted: $out"
echo "$out" | grep -q "\"uuid\":\"$uuid\"" || fail "restart changed the uuid"

# shutdown -> on_poweroff destroy: t1 and its record go
call domain.shutdown '{"dom":"t1"}' >/dev/null
for _ in $(seq 500); do [ -f "$STATE/domains/$t1_uuid.xml" ] || break; sleep 0.01; done
[ -f "$STATE/domains/$t1_uuid.xml" ] && fail "t1 record left after poweroff"
call_err -32001 domain.info '{"dom":"t1"}' >/dev/null

# save / restore of a managed domain
call domain.define "$(cfg sv)" >/dev/null
call domain.start '{"dom":"sv"}' >/dev/null
call_err -32602 domain.save '{"dom":"sv","path":"relative"}' >/dev/null
# a checkpoint leaves the domain running and managed
call domain.save "{\"dom\":\"sv\",\"path\":\"$T/sv-cp.img\",\"checkpoint\":true}" >/dev/null
[ -s "$T/sv-cp.img" ] || fail "no checkpoint image"
call domain.info '{"dom":"sv"}' | grep -q '"state":"blocked"' || fail "sv stopped by a checkpoint"
grep -q '<pending' "$STATE"/domains/*.xml && fail "a checkpoint left a pending save"
# "compress" must be a boolean, and is refused before anything is written
out=$(call_err -32602 domain.save \
	"{\"dom\":\"sv\",\"path\":\"$T/sv-bad.img\",\"checkpoint\":true,\"compress\":\"yes\"}")
echo "$out" | grep -q '"compress"' || fail "compress type error does not name it: $out"
[ -e "$T/sv-bad.img" ] || [ -e "$T/sv-bad.img.tmp" ] && fail "a refused save wrote an image"
# compressed (zlib batches): strictly smaller than the raw checkpoint above
call domain.save \
	"{\"dom\":\"sv\",\"path\":\"$T/sv-z.img\",\"checkpoint\":true,\"compress\":true}" >/dev/null
[ "$(wc -c <"$T/sv-z.img")" -lt "$(wc -c <"$T/sv-cp.img")" ] ||
	fail "compress: $(wc -c <"$T/sv-z.img") bytes, not below the raw $(wc -c <"$T/sv-cp.img")"
call domain.save \
	"{\"dom\":\"sv\",\"path\":\"$T/sv-cp0.img\",\"checkpoint\":true,\"compress\":false}" >/dev/null
cmp -s "$T/sv-cp.img" "$T/sv-cp0.img" || fail "compress false is not the default (raw)"
call_err -32003 domain.save "{\"dom\":0,\"path\":\"$T/d0.img\"}" >/dev/null
call domain.save "{\"dom\":\"sv\",\"path\":\"$T/sv.img\"}" >/dev/null
[ -s "$T/sv.img" ] || fail "no image"
[ -f "$T/sv.img.tmp" ] && fail "temp image left"
call domain.info '{"dom":"sv"}' | grep -q '"state":"inactive"' || fail "sv still runs after save"
out=$(call domain.restore "{\"path\":\"$T/sv.img\"}")
echo "$out" | grep -q '"managed":true' || fail "restore: $out"
call domain.info '{"dom":"sv"}' | grep -q '"state":"blocked"' || fail "sv not restored"
# the compressed image restores the same domain: its raw checkpoint is the first one
call domain.destroy '{"dom":"sv"}' >/dev/null
out=$(call domain.restore "{\"path\":\"$T/sv-z.img\"}")
echo "$out" | grep -q '"managed":true' || fail "restore of the compressed image: $out"
call domain.save "{\"dom\":\"sv\",\"path\":\"$T/sv-cp2.img\",\"checkpoint\":true}" >/dev/null
cmp -s "$T/sv-cp.img" "$T/sv-cp2.img" || fail "the domain restored from the compressed image differs"
out=$(call_err -32010 domain.restore "{\"path\":\"$T/none.img\"}")
echo "$out" | grep -q "$T/none.img: No such file or directory" || fail "restore: $out"
call domain.destroy '{"dom":"sv"}' >/dev/null
call domain.undefine '{"dom":"sv"}' >/dev/null

# destroy, undefine
call_err -32003 domain.undefine '{"dom":"web"}' >/dev/null
call domain.destroy '{"dom":"web"}' >/dev/null
call domain.info '{"dom":"web"}' | grep -q '"state":"inactive"' || fail "destroy"
# tuning an inactive domain changes its config only; its maxmem may drop
call domain.set_vcpus '{"dom":"web","vcpus":4}' >/dev/null
info_has web '"vcpus":4' || fail "set_vcpus inactive"
call domain.set_maxmem '{"dom":"web","maxmem_mib":128}' >/dev/null
grep -q '<maxmem>128</maxmem>' "$rec" || fail "set_maxmem inactive record"
out=$(call_err -32602 domain.set_maxmem '{"dom":"web","maxmem_mib":64}')
echo "$out" | grep -q "64 MiB is below the domain's memory (96 MiB)" || fail "set_maxmem: $out"
call domain.undefine '{"dom":"web"}' >/dev/null
[ -f "$STATE/domains/$uuid.xml" ] && fail "undefine left the record"
call_err -32001 domain.info '{"dom":"web"}' >/dev/null

# SIGHUP re-reads the state directory; SIGTERM stops cleanly (exit 0)
kill -HUP "$d_pid"
call ping >/dev/null
stop_daemon
[ -S "$SOCK" ] && fail "socket left behind"
echo "all methods passed"
