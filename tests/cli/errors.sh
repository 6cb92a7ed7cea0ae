#!/bin/sh
# Every failure is one line, "xmctl: <what>: <why>", and a non-zero exit:
# usage errors exit 2, everything else 1.
. "$abs_top_srcdir/tests/cli/lib.sh"
make_kernel

# No hypervisor yet: unreachable
err 1 "xmctl: list: cannot connect to the hypervisor in $RUNDIR: no hypervisor is listening there (is xenppc-hv running? --rundir or \$XMCTL_RUNDIR name its run directory)" list
XMCTL_RUNDIR="$RUNDIR/nowhere"; export XMCTL_RUNDIR
x info
unset XMCTL_RUNDIR
# (x passes --rundir, which wins over the environment)
grep -q "^xmctl: info: cannot connect to the hypervisor in $RUNDIR: no " "$ERR" ||
	fail "--rundir wins over \$XMCTL_RUNDIR"
XMCTL_RUNDIR=$RUNDIR $TEST_RUNNER "$XMCTL" list >"$OUT" 2>"$ERR"
grep -q "^xmctl: list: cannot connect to the hypervisor in $RUNDIR: no " "$ERR" ||
	fail "\$XMCTL_RUNDIR is used"

start_hv --memory 512M --dom0-memory 192M
ok create "$(make_cfg one 'memory = 64')"

# usage errors
err 2 "xmctl: frobnicate: not an xmctl command (see 'xmctl help')" frobnicate
err 2 "xmctl: list: unknown option '--frob' (see 'xmctl help list')" list --frob
err 2 "xmctl: list: unknown option '-z' (see 'xmctl help list')" list -z
err 2 "xmctl: rma: option '--svg' needs a value (see 'xmctl help rma')" rma --svg
err 2 "xmctl: destroy: expects 1 argument, got 0 (see 'xmctl help destroy')" destroy
err 2 "xmctl: pause: expects 1 argument, got 2 (see 'xmctl help pause')" pause one two
err 2 "xmctl: save: unknown option '--bogus' (see 'xmctl help save')" save --bogus one "$RUNDIR/x"
err 2 "xmctl: save: unknown option '-x' (see 'xmctl help save')" save -zx one "$RUNDIR/x"
err 2 "xmctl: save: expects 2 arguments, got 1 (see 'xmctl help save')" save --compress one
err 2 "xmctl: list: 'sleepy' is not a state (running, blocked, paused, shutdown, crashed, dying) (see 'xmctl help list')" list --state=sleepy
err 1 "xmctl: help: 'frob' is not an xmctl command" help frob
err 2 "xmctl: --frob: unknown global option (see 'xmctl help')" --frob list

# domains that do not exist, by name, id and UUID
err 1 "xmctl: destroy: domain 'nosuch' does not exist" destroy nosuch
err 1 "xmctl: pause: domain '42' does not exist" pause 42
err 1 "xmctl: list: domain '01234567-89ab-cdef-0123-456789abcdef' does not exist" \
	list 01234567-89ab-cdef-0123-456789abcdef
err 1 "xmctl: domid: domain 'nosuch' does not exist" domid nosuch

# what domain 0 cannot do
err 1 "xmctl: destroy: domain 0 cannot be destroyed" destroy 0
err 1 "xmctl: pause: domain 0 cannot be paused" pause Domain-0
err 1 "xmctl: shutdown: domain 0 is the host: it cannot be shut down from here" shutdown 0
err 1 "xmctl: save: domain 0 cannot be saved" save 0 "$RUNDIR/x"
err 1 "xmctl: console: domain 0's console is the hypervisor's: use 'xmctl dmesg'" console 0

# create failures
err 1 "xmctl: create: $RUNDIR/none.cfg: No such file or directory" create "$RUNDIR/none.cfg"
cfg=$(make_cfg bad 'memroy = 64')
err 1 "xmctl: create: $cfg:3: unknown key 'memroy' (did you mean 'memory'?)" create "$cfg"
cfg=$(make_cfg nokernel 'memory = 64')
err 1 "xmctl: create: nokernel: cannot load its kernel: build: kernel: cannot open $RUNDIR/missing: No such file or directory" \
	create "$cfg" kernel="$RUNDIR/missing"
x list nokernel
expect "a failed create leaves nothing behind" "$RC" 1
printf 'not an ELF file' >"$RUNDIR/junk"
x create "$cfg" kernel="$RUNDIR/junk"
[ $RC -eq 1 ] && [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "^xmctl: create: nokernel: cannot load its kernel: " "$ERR" ||
	fail "a bad kernel image is one line"
# out of memory: 512 MiB machine, 192 MiB dom0, 64 MiB used
cfg=$(make_cfg huge 'memory = 1024')
x create "$cfg"
[ $RC -eq 1 ] && [ "$(wc -l <"$ERR")" -eq 1 ] && grep -q "^xmctl: create: huge: cannot give it memory: " "$ERR" ||
	fail "out of memory is one line"
cfg=$(make_cfg bigrma 'memory = 1024' 'rma = "1G"')
x create "$cfg"
grep -Eq "^xmctl: create: bigrma: no room for its 1024 MiB RMA: [0-9]+ MiB free, the largest free aligned block is [0-9]+ MiB$" "$ERR" ||
	fail "no room for an RMA says why: $(cat "$ERR")"
x list
expect "failed creates leave nothing behind" "$(tail -n +2 "$OUT" | awk '{print $1}' | tr '\n' ' ')" "Domain-0 one "

# permission denied: the hypervisor refuses a user it does not know
# (Only where uid 65534 can reach the build tree: a clone under a 0700
# directory such as /root or a mktemp -d would make the refusal untestable.)
if command -v setpriv >/dev/null 2>&1 && [ "$(id -u)" = 0 ] && [ -z "${XENPPC_VALGRIND:-}" ] &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$abs_top_builddir"; then
	chmod 755 "$RUNDIR"
	setpriv --reuid=65534 --regid=65534 --clear-groups $TEST_RUNNER "$XMCTL" --rundir "$RUNDIR" list \
		>"$OUT" 2>"$ERR"
	RC=$?
	expect "refused user: exit" "$RC" 1
	expect "refused user: one line" "$(wc -l <"$ERR")" 1
	grep -q "^xmctl: list: cannot connect to the hypervisor in $RUNDIR: permission denied" "$ERR" ||
		fail "refused user: $(cat "$ERR")"
fi
finish
