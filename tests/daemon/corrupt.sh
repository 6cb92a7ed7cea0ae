#!/bin/sh
# Corrupt state files are moved aside with a logged error, never dropped
# silently, and never stop the daemon; good records next to them load.
. "$abs_top_srcdir/tests/daemon/lib.sh"

start_hv 2G
KERNEL=$(kernel)
start_daemon
call domain.define "$(cfg good)" >/dev/null
stop_daemon

D=$STATE/domains
printf '<domain version="1" persistent="yes"><name>x' >"$D/11111111-1111-4111-8111-111111111111.xml"
printf '<domain version="1" persistent="yes"><name>x</name><uuid>22222222-2222-4222-8222-222222222222</uuid><bogus/></domain>' \
	>"$D/22222222-2222-4222-8222-222222222222.xml"
printf '<domain version="1" persistent="yes"><name>y</name><uuid>44444444-4444-4444-8444-444444444444</uuid><kernel>/k</kernel></domain>' \
	>"$D/33333333-3333-4333-8333-333333333333.xml"
printf '<domain version="1" persistent="yes"><name>bad name</name><uuid>55555555-5555-4555-8555-555555555555</uuid><kernel>/k</kernel></domain>' \
	>"$D/55555555-5555-4555-8555-555555555555.xml"
echo junk >"$D/notes.txt"
: >"$D/.tmp-66666666-6666-4666-8666-666666666666.xml"

start_daemon
n=$(ls "$STATE/corrupt" | wc -l)
[ "$n" -eq 5 ] || fail "$n files moved aside, want 5: $(ls "$STATE/corrupt")"
[ "$(ls "$D")" = "$(ls "$D" | grep -v tmp)" ] || fail "temp file left"
for f in not\ well-formed "unknown element <bogus>" "its uuid does not match its file name" \
         "bad config" "not a <uuid>.xml record"; do
	grep -q "corrupt ($f" "$T/daemon.log" || fail "no log line for: $f"
done
call domain.info '{"dom":"good"}' >/dev/null
call domain.list | grep -q '"name":"x"' && fail "a corrupt record was loaded"
stop_daemon
