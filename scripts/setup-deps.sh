#!/usr/bin/env bash
# Install the Debian packages each build configuration needs.
#
# usage: scripts/setup-deps.sh [native|m32|be]...     (default: all three)
#
# Quick when nothing is missing: every package is checked with dpkg-query
# first, and apt-get update runs only when something must be installed.
# A configuration whose packages cannot be installed (not root, no network,
# a foreign-architecture version skew that no pin resolves) is not an error
# here: it is recorded as skipped, with the reason, in the status file
# (XENPPC_DEPS_STATUS, default build/deps.status under the source tree),
# one line per configuration:  "<cfg> ok"  or  "<cfg> skip <reason>".
# scripts/test.sh reads that file and reports skipped configurations by
# name.  XENPPC_DEPS_CHECK_ONLY=1 checks and records without installing.
# The exit status is 0 unless the native configuration is unusable,
# since nothing can be built without it.
#
# Needs only bash, dpkg and apt: no python on a fresh machine.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
status_file=${XENPPC_DEPS_STATUS:-$top/build/deps.status}

native_pkgs="build-essential autoconf automake libtool pkg-config libxml2-dev
libyajl-dev uuid-dev zlib1g-dev check libfdt-dev valgrind clang
libclang-rt-14-dev"
# gcc-12-multilib, not gcc-multilib: the metapackage conflicts with every
# cross gcc, so installing gcc-s390x-linux-gnu would remove it.  libfdt-dev
# is native only (its :i386 twin conflicts with it).  libc6-dbg:i386 lets
# valgrind start 32-bit programs.  qemu-user runs them where the kernel
# cannot (scripts/lib.sh, runs_m32).
m32_pkgs="gcc-12-multilib libxml2-dev:i386 libyajl-dev:i386 uuid-dev:i386
zlib1g-dev:i386 check:i386 libc6-dbg:i386 qemu-user"
# The big-endian build's libraries are not installed: scripts/sysroot.sh
# unpacks them into $sysroot_s390x (see there why).  Only the cross
# compiler and qemu, native packages, go through dpkg.
be_pkgs="gcc-s390x-linux-gnu qemu-user"
be_sysroot_pkgs="libxml2-dev libyajl-dev uuid-dev zlib1g-dev check"
sysroot_s390x=$(dirname "$status_file")/sysroot-s390x

native_arch=$(dpkg --print-architecture 2>/dev/null || echo unknown)
updated=no

log() { printf 'setup-deps: %s\n' "$*"; }

# True when package $1 ("name" or "name:arch") is installed.  A bare name
# must be installed for the native architecture or be arch-independent.
is_installed() {
	local p=$1
	case $p in
	*:*) dpkg-query -W -f='${db:Status-Abbrev}\n' "$p" 2>/dev/null | grep -q '^ii' ;;
	*) dpkg-query -W -f='${db:Status-Abbrev} ${Architecture}\n' "$p" 2>/dev/null |
		grep -Eq "^ii +($native_arch|all)\$" ;;
	esac
}

missing_of() {
	local p out=""
	for p in $1; do
		is_installed "$p" || out="$out $p"
	done
	printf '%s' "${out# }"
}

has_foreign_arch() {
	dpkg --print-foreign-architectures 2>/dev/null | grep -qx "$1"
}

# apt-get update, once per run.  A partial failure is common (a mirror
# whose i386 security index is mid-sync, say) and the other indexes are
# still fine, so it is a warning: the install that follows decides, and
# its failure then carries this warning in the reason.
update_warn=""
apt_update_once() {
	[ "$updated" = yes ] && return 0
	log "apt-get update"
	local out=/tmp/xenppc-apt-update.$$
	if ! apt-get update -q >"$out" 2>&1; then
		update_warn=$(grep -E '^(E|Err):' "$out" | grep -v 'Some index files' | head -1 | tr -s ' ' | cut -c1-200)
		log "warning: apt-get update failed in part: ${update_warn:-see apt-get update}"
	fi
	rm -f "$out"
	updated=yes
}


# Record the outcome for configuration $1 in the status file.
record() {
	local cfg=$1; shift
	local tmp
	mkdir -p "$(dirname "$status_file")"
	tmp=$status_file.tmp.$$
	{ [ -f "$status_file" ] && grep -v "^$cfg " "$status_file"; echo "$cfg $*"; } >"$tmp"
	mv "$tmp" "$status_file"
	log "$cfg: $*"
}

# Install what configuration $1 lacks; $2 is its package list, $3 the
# foreign architecture it needs (empty for native).
setup() {
	local cfg=$1 pkgs=$2 arch=$3 missing
	missing=$(missing_of "$pkgs")
	if [ -n "$arch" ] && ! has_foreign_arch "$arch"; then
		missing=${missing:-"(architecture $arch)"}
	fi
	if [ -z "$missing" ]; then
		record "$cfg" ok
		return 0
	fi
	if [ "${XENPPC_DEPS_CHECK_ONLY:-0}" = 1 ]; then
		record "$cfg" skip "missing packages ($missing); XENPPC_DEPS_CHECK_ONLY=1 forbids installing"
		return 1
	fi
	if [ "$(id -u)" != 0 ]; then
		record "$cfg" skip "missing packages ($missing) and not root: run as root to install them"
		return 1
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		record "$cfg" skip "missing packages ($missing) and no apt-get on this machine"
		return 1
	fi
	if [ -n "$arch" ] && ! has_foreign_arch "$arch"; then
		log "dpkg --add-architecture $arch"
		dpkg --add-architecture "$arch"
		updated=no	# the new architecture's index must be fetched
	fi
	apt_update_once
	missing=$(missing_of "$pkgs")
	log "$cfg: installing $missing"
	local t0=$SECONDS
	local out=/tmp/xenppc-apt-install.$$
	if [ -n "$arch" ]; then
		DEBIAN_FRONTEND=noninteractive "$here/apt-pin-install.sh" "$arch" $missing >"$out" 2>&1
	else
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >"$out" 2>&1
	fi
	local rc=$?
	missing=$(missing_of "$pkgs")
	if [ $rc -ne 0 ] || [ -n "$missing" ]; then
		tail -8 "$out" >&2
		local why
		why=$(grep -E '^E:|Depends:' "$out" | head -1 | tr -s ' ' | cut -c1-160)
		rm -f "$out"
		record "$cfg" skip "cannot install ${missing:-packages}: ${why:-apt-get failed}${update_warn:+ (after apt-get update: $update_warn)}"
		return 1
	fi
	rm -f "$out"
	record "$cfg" ok
	log "$cfg: installed in $((SECONDS - t0))s"
}

# The big-endian configuration: its native tools, then its sysroot.
setup_be() {
	setup be "$be_pkgs" s390x || return 1
	"$here/sysroot.sh" --check s390x "$sysroot_s390x" $be_sysroot_pkgs && return 0
	if [ "${XENPPC_DEPS_CHECK_ONLY:-0}" = 1 ]; then
		record be skip "no sysroot in $sysroot_s390x; XENPPC_DEPS_CHECK_ONLY=1 forbids making it"
		return 1
	fi
	if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
		# The s390x index may be missing even when the tools were
		# installed earlier (architecture added by hand, say).
		apt-cache show libc6:s390x >/dev/null 2>&1 || { updated=no; apt_update_once; }
	fi
	local t0=$SECONDS why
	if ! why=$("$here/sysroot.sh" s390x "$sysroot_s390x" $be_sysroot_pkgs 2>&1); then
		record be skip "$(printf '%s' "$why" | tail -1 | cut -c1-200)${update_warn:+ (after apt-get update: $update_warn)}"
		return 1
	fi
	log "$why"
	log "be: sysroot in $((SECONDS - t0))s"
}

# Add every foreign architecture that will be needed before the first
# apt-get update, so that one update fetches all the indexes.
add_archs() {
	local cfg arch
	[ "$(id -u)" = 0 ] && [ "${XENPPC_DEPS_CHECK_ONLY:-0}" != 1 ] || return 0
	command -v apt-get >/dev/null 2>&1 || return 0
	for cfg in "$@"; do
		case $cfg in
		m32) arch=i386 ;;
		be|s390x) arch=s390x ;;
		*) continue ;;
		esac
		[ "$arch" != "$native_arch" ] || continue
		has_foreign_arch "$arch" && continue
		[ "$cfg" != m32 ] || [ "$native_arch" = amd64 ] || continue
		log "dpkg --add-architecture $arch"
		dpkg --add-architecture "$arch"
	done
}

cfgs=("$@")
[ ${#cfgs[@]} -gt 0 ] || cfgs=(native m32 be)
add_archs "${cfgs[@]}"
rc=0
for cfg in "${cfgs[@]}"; do
	case $cfg in
	native) setup native "$native_pkgs" "" || rc=1 ;;
	m32)
		if [ "$native_arch" != amd64 ]; then
			record m32 skip "the -m32 build needs an amd64 host (this is $native_arch)"
		else
			setup m32 "$m32_pkgs" i386
		fi ;;
	be|s390x)
		if [ "$native_arch" = s390x ]; then
			record be skip "the host is already big-endian: the native build covers it"
		else
			setup_be
		fi ;;
	*) echo "usage: $0 [native|m32|be]..." >&2; exit 2 ;;
	esac
done
exit $rc
