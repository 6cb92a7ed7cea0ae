#!/bin/sh
# Lifecycle policies driven by VIRQ_DOM_EXC, with guests "crashing" and
# rebooting behind the daemon's back, and the crash-loop limit.
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 4G
KERNEL=$(kernel)
start_daemon --restart-limit 2/60

domid() { call domain.info "{\"dom\":\"$1\"}" | json_field domid; }
# starts NAME: how many times the daemon has started NAME
starts() { grep -c "started $1 (domain" "$T/daemon.log" || true; }
# wait_for CMD...: poll until CMD succeeds (5 s)
wait_for() {
	for _ in $(seq 500); do "$@" && return 0; sleep 0.01; done
	return 1
}
state_is() { call domain.info "{\"dom\":\"$1\"}" | grep -q "\"state\":\"$2\""; }
started_n() { [ "$(starts "$1")" -eq "$2" ] && state_is "$1" blocked; }

# reload: SIGHUP, and wait until the daemon serves again after it
reload() {
	n=$(grep -c "SIGHUP: re-reading" "$T/daemon.log" || true)
	kill -HUP "$d_pid"
	wait_for sh -c "[ \$(grep -c 'SIGHUP: re-reading' '$T/daemon.log') -gt $n ]" ||
		fail "no reload"
	call ping >/dev/null
}
limit_logged() { grep -c "loop: restarted 2 times within 60 s: crash loop" "$T/daemon.log" || true; }

# restart on crash, at most twice a minute; a reload (SIGHUP) between the
# crashes does not reset the count
call domain.create "$(cfg loop ',"on_crash":"restart"')" >/dev/null
for i in 2 3; do
	xd hvshutdown "$RUN" "$(domid loop)" crash || fail "hvshutdown"
	wait_for started_n loop $i || fail "crash $((i - 1)): loop not restarted"
done
reload
xd hvshutdown "$RUN" "$(domid loop)" crash
wait_for state_is loop crashed || fail "third crash: not left crashed"
sleep 0.2
[ "$(starts loop)" -eq 3 ] || fail "restarted past the limit (after a reload)"
state_is loop crashed || fail "restarted past the limit"
[ "$(limit_logged)" -eq 1 ] || fail "limit not logged"
# after another reload the crashed domain's shutdown is known to be
# handled: the next VIRQ_DOM_EXC (the crash below) does not apply it again
reload

# preserve: left crashed
call domain.create "$(cfg keep ',"on_crash":"preserve"')" >/dev/null
xd hvshutdown "$RUN" "$(domid keep)" crash
wait_for state_is keep crashed || fail "preserve"
[ "$(limit_logged)" -eq 1 ] || fail "a reload made the daemon handle loop's crash again"
[ "$(starts loop)" -eq 3 ] || fail "a reload restarted loop"

# rename-restart: the old instance is kept aside, unmanaged; a new one runs
call domain.define "$(cfg rr ',"on_crash":"rename-restart"')" >/dev/null
call domain.start '{"dom":"rr"}' >/dev/null
old=$(domid rr)
xd hvshutdown "$RUN" "$old" crash
wait_for started_n rr 2 || fail "rename-restart: no new instance"
out=$(call domain.info "{\"dom\":\"rr-$old\"}")
echo "$out" | grep -q '"state":"crashed"' || fail "old instance: $out"
echo "$out" | grep -q '"managed":false' || fail "old instance still managed: $out"

# poweroff with on_poweroff=destroy of a defined domain: inactive again
call domain.define "$(cfg off)" >/dev/null
call domain.start '{"dom":"off"}' >/dev/null
xd hvshutdown "$RUN" "$(domid off)" poweroff
wait_for state_is off inactive || fail "poweroff: not destroyed"

# a reload that cannot read the state directory keeps the records it had
mv "$STATE/domains" "$STATE/domains.away"
reload
mv "$STATE/domains.away" "$STATE/domains"
grep -q "reload failed; keeping the running state" "$T/daemon.log" || fail "reload did not fail"
call domain.info '{"dom":"off"}' | grep -q '"managed":true' || fail "a failed reload dropped the records"
call domain.info '{"dom":"rr"}' | grep -q '"state":"blocked","flags":"-b----"' ||
	fail "a failed reload lost rr"

# a domain that rebooted while no daemon ran is restarted at start
call domain.create "$(cfg late ',"on_reboot":"restart"')" >/dev/null
id=$(domid late)
stop_daemon
xd hvshutdown "$RUN" "$id" reboot
start_daemon --restart-limit 2/60
state_is late blocked || fail "reboot while the daemon was down"
[ "$(starts late)" -eq 2 ] || fail "late not restarted at start"
stop_daemon
