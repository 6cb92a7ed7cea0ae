#!/bin/sh
# The socket is the authority check: root may do everything, the
# configured group only read-only methods, anyone else is refused.
. "$abs_top_srcdir/tests/daemon/lib.sh"

[ "$(id -u)" -eq 0 ] || { echo "SKIP: needs root to run clients as other users"; exit 77; }
command -v setpriv >/dev/null || { echo "SKIP: no setpriv"; exit 77; }
as() { uid=$1; gid=$2; shift 2; setpriv --reuid="$uid" --regid="$gid" --clear-groups "$@"; }
# A clone under a 0700 directory (/root, mktemp -d) hides the build tree
# from other users, and then no client can be run as them.
as 65534 65534 test -x "$abs_top_builddir" ||
	{ echo "SKIP: uid 65534 cannot reach $abs_top_builddir"; exit 77; }

start_hv 2G
KERNEL=$(kernel)
chmod 755 "$T/vmlinux"
start_daemon --group 60001
mode=$(stat -c '%a %g' "$SOCK")
[ "$mode" = "660 60001" ] || fail "socket mode/group: $mode"

# A member of the group: read-only methods work, mutating ones are refused.
out=$(as 60000 60001 $RUNNER "$XDTOOL" call "$SOCK" ping) || fail "group ping: $out"
out=$(as 60000 60001 $RUNNER "$XDTOOL" call "$SOCK" domain.list) || fail "group list: $out"
out=$(as 60000 60001 $RUNNER "$XDTOOL" call "$SOCK" domain.create "$(cfg nope)") &&
	fail "group member created a domain"
case $out in "error -32000 "*) ;; *) fail "group create: $out" ;; esac

# Someone else: the file mode keeps them out...
out=$(as 60002 60002 $RUNNER "$XDTOOL" call "$SOCK" ping) && fail "stranger connected"
# ...and SO_PEERCRED does too if the file mode is opened up.
chmod 666 "$SOCK"
out=$(as 60002 60002 $RUNNER "$XDTOOL" call "$SOCK" ping) && fail "stranger served"
case $out in "error -32000 "*) ;; *) fail "stranger: $out" ;; esac
grep -q "refused connection from uid 60002" "$T/daemon.log" || fail "refusal not logged"
stop_daemon

# --allow-user: that uid may create, as root may.
start_daemon --allow-user 60003
[ "$(stat -c '%a %u' "$SOCK")" = "600 60003" ] || fail "allow-user socket owner"
out=$(as 60003 60003 $RUNNER "$XDTOOL" call "$SOCK" domain.create "$(cfg allowed)") ||
	fail "allowed user: $out"
call domain.destroy '{"dom":"allowed"}' >/dev/null
stop_daemon
