#!/usr/bin/env bash
# The demonstration: xmctl drives a real xenppc-hv through libxc-ppc.
#
# usage: scripts/demo-run.sh NATIVE_BUILDDIR [M32_BUILDDIR]
#        scripts/demo-run.sh --targets    (the make targets it needs)
#
# NATIVE_BUILDDIR is a built native (64-bit) tree, M32_BUILDDIR a built
# -m32 tree, in which the --targets are built; scripts/demo.sh builds both
# and calls this.  It
#   1. starts xenppc-hv in a temporary run directory,
#   2. starts xmctld right after it: from then on xmctl goes through the
#      daemon (it answers ping on RUNDIR/xmctld.sock), which keeps the
#      domains' configs and policies,
#   3. generates a test kernel (tests/builder/mkkernel),
#   4. creates three domains from examples/*.cfg, with mixed memory and
#      RMA sizes (the kernel path overridden with key=value),
#   5. shows `xmctl list` and `xmctl rma`,
#   6. pauses, saves and restores one domain, and changes another's memory
#      and vcpus (mem-set, vcpu-set: vcpus go online and offline),
#   7. with an -m32 tree: the 32-bit xmctl drives the daemon and the
#      64-bit hypervisor,
#   8. keeps a managed domain defined while it is not running (new, list,
#      start, mem-max and mem-set kept in its config, destroy, start
#      again, delete),
#   9. shows that `xmctl --direct` still talks to the hypervisor alone,
#  10. destroys every domain and stops the daemon and the hypervisor,
# printing each command as it goes, and after the daemon steps what
# xmctld logged.  Exits 0 when every step worked, 1 at the first that did
# not, 2 on a usage error.
set -u

if [ "${1:-}" = --targets ]; then
	echo xenppc-hv xmctld cli/xmctl tests/builder/mkkernel
	exit 0
fi
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 NATIVE_BUILDDIR [M32_BUILDDIR]" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
native=$(cd "$1" && pwd) || exit 2
m32=
[ $# -eq 2 ] && { m32=$(cd "$2" && pwd) || exit 2; }

hv=$native/xenppc-hv
[ -x "$hv" ] || hv=$native/hypervisor/xenppc-hv
xmctld=$native/xmctld
[ -x "$xmctld" ] || xmctld=$native/daemon/xmctld
for p in "$hv" "$xmctld" "$native/cli/xmctl" "$native/tests/builder/mkkernel" \
	${m32:+"$m32/cli/xmctl"}; do
	[ -x "$p" ] || { echo "demo-run: $p is not built (make $("$0" --targets))" >&2; exit 2; }
done

run=$(mktemp -d "${TMPDIR:-/tmp}/xenppc-demo.XXXXXX") || exit 2
hv_pid= d_pid=
cleanup() {
	if [ -n "$d_pid" ]; then kill "$d_pid" 2>/dev/null; wait "$d_pid" 2>/dev/null; fi
	if [ -n "$hv_pid" ]; then kill "$hv_pid" 2>/dev/null; wait "$hv_pid" 2>/dev/null; fi
	rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# "32-bit" or "64-bit", from the ELF class byte of program $1.
elf_bits() {
	case $(od -An -tu1 -j4 -N1 "$1" | tr -d ' ') in
	1) echo 32-bit ;; 2) echo 64-bit ;; *) echo "unknown-width" ;;
	esac
}

step() { printf '\n== %s\n' "$*"; }
die() { echo "demo: FAILED: $*" >&2; exit 1; }

# Shows and runs one xmctl command (of the tree in $XMCTL_TREE, through
# that tree's TEST_RUNNER: qemu-i386 on a host that cannot run 32-bit
# programs itself).
XMCTL_TREE=$native
XMCTL_RUNNER=
xm() {
	echo "\$ xmctl $*"
	$XMCTL_RUNNER "$XMCTL_TREE/cli/xmctl" --rundir "$run" "$@" || die "xmctl $*"
}

# wait_sock NAME PID LOG: until $run/NAME.sock is there (5 s); the log of
# the program if it exits first.
wait_sock() {
	for _ in $(seq 100); do
		[ -S "$run/$1.sock" ] && return 0
		kill -0 "$2" 2>/dev/null || { cat "$3"; die "no $1.sock: the program exited"; }
		sleep 0.05
	done
	die "no $1.sock after 5 s"
}

# What xmctld logged since the last call: the daemon did the work.
log_seen=0
daemon_log() {
	local n
	n=$(wc -l <"$run/xmctld.log")
	if [ "$n" -gt "$log_seen" ]; then
		echo "(xmctld logged:)"
		tail -n +"$((log_seen + 1))" "$run/xmctld.log" | sed 's/^/    /'
	fi
	log_seen=$n
}

step "1. start xenppc-hv ($(elf_bits "$hv")) in $run"
echo "\$ xenppc-hv --rundir $run --foreground --memory 2G"
"$hv" --rundir "$run" --foreground --memory 2G --log "$run/hv.log" &
hv_pid=$!
wait_sock privcmd "$hv_pid" "$run/hv.log"
echo "listening on $run/privcmd.sock"

step "2. start xmctld: from now on xmctl goes through the daemon"
mkdir "$run/state"
echo "\$ xmctld --rundir $run --statedir $run/state --foreground"
"$xmctld" --rundir "$run" --statedir "$run/state" --foreground 2>"$run/xmctld.log" &
d_pid=$!
wait_sock xmctld "$d_pid" "$run/xmctld.log"
daemon_log

step "3. generate a test kernel (an ELF64 big-endian PowerPC vmlinux) and an initrd"
echo "\$ mkkernel $run/vmlinux; mkkernel --variant initrd $run/initrd"
"$native/tests/builder/mkkernel" "$run/vmlinux" >/dev/null || die "mkkernel"
"$native/tests/builder/mkkernel" --variant initrd "$run/initrd" >/dev/null || die "mkkernel initrd"
ls -l "$run/vmlinux" "$run/initrd" | awk '{print $5, $NF}'

step "4. create three domains from examples/*.cfg"
for cfg in web db small; do
	echo "--- examples/$cfg.cfg:"
	grep -E '^(name|memory|maxmem|rma|vcpus) ' "$top/examples/$cfg.cfg"
done
xm create "$top/examples/web.cfg" kernel="$run/vmlinux"
xm create "$top/examples/db.cfg" kernel="$run/vmlinux" ramdisk="$run/initrd"
xm create "$top/examples/small.cfg" kernel="$run/vmlinux"
daemon_log

step "5. the domains and the machine memory map"
xm list
xm rma

step "6. pause, save and restore a domain; change another's memory and vcpus"
xm pause small
xm list small
xm save small "$run/small.sav"
echo "($(wc -c <"$run/small.sav") bytes, written by xmctld; the domain is gone:)"
xm list
xm restore "$run/small.sav"
xm list small
xm mem-set db 768
xm vcpu-set db 2
xm list db
xm vcpu-set db 1
echo "(vcpu 1 is offline again:)"
xm vcpu-list db
daemon_log

if [ -n "$m32" ]; then
	step "7. the $(elf_bits "$m32/cli/xmctl") xmctl drives xmctld and the $(elf_bits "$hv") hypervisor"
	XMCTL_TREE=$m32
	XMCTL_RUNNER=$(sed -n 's/^TEST_RUNNER = //p' "$m32/Makefile")
	[ -z "$XMCTL_RUNNER" ] || echo "(run as: $XMCTL_RUNNER xmctl ...: this host cannot run 32-bit programs itself)"
	xm list
	xm create "$top/examples/small.cfg" name=small32 memory=128 kernel="$run/vmlinux"
	xm vcpu-set small32 2
	xm list -l small32
	xm rma
	xm destroy small32
	XMCTL_TREE=$native XMCTL_RUNNER=
	daemon_log
else
	step "7. (no -m32 tree given: pass one to see a 32-bit xmctl drive the daemon and the 64-bit hypervisor)"
fi

step "8. a managed domain: defined in xmctld while it is not running"
xm new "$top/examples/small.cfg" name=managed kernel="$run/vmlinux"
echo "(a managed domain that is not running has no id:)"
xm list
xm start managed
xm mem-max managed 128
xm mem-set managed 96
xm destroy managed
echo "(still defined, with the memory mem-set gave it kept in its config:)"
xm list managed
xm start managed
xm list managed
xm destroy managed
xm delete managed
daemon_log

step "9. --direct: xmctl talks to the hypervisor alone (managed domains are not its business)"
xm new "$top/examples/small.cfg" name=managed kernel="$run/vmlinux"
xm --direct list
xm --direct pause web
xm --direct vcpu-set web 2
xm --direct list web
xm --direct unpause web
xm delete managed

step "10. destroy every domain and stop the daemon and the hypervisor"
for d in web db small; do xm destroy "$d"; done
xm list
daemon_log
echo "\$ kill $d_pid    # xmctld"
kill "$d_pid" && wait "$d_pid" 2>/dev/null
d_pid=
echo "\$ kill $hv_pid    # xenppc-hv"
kill "$hv_pid" && wait "$hv_pid" 2>/dev/null
hv_pid=
echo
echo "demo: done: xmctl created, listed, mapped, saved, restored, resized and destroyed domains"
echo "      on xenppc-hv through xmctld, kept a managed domain, and still works with --direct"
