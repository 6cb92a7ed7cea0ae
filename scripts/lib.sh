# Shared by scripts/test.sh and scripts/demo.sh (sourced, not run): where
# the build trees live, how each configuration is configured, and how a
# tree is (re)configured and made.  Bash only.

# $top is the source tree, $B the root of the build trees (build/ under
# the source tree, ignored by git; XENPPC_BUILD_ROOT overrides).
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
B=${XENPPC_BUILD_ROOT:-$top/build}
mkdir -p "$B" && B=$(cd "$B" && pwd)
export XENPPC_DEPS_STATUS=$B/deps.status

# The configure arguments of configuration $1, one per line.  The native
# tree is also the NATIVE_BUILDDIR of the cross configurations: their tests
# start its xenppc-hv and compare with its output.
config_args() {
	case $1 in
	native) printf '%s\n' --enable-werror --enable-sanitizers ;;
	m32) printf '%s\n' --enable-werror --host=i686-linux-gnu "CC=gcc -m32" \
		PKG_CONFIG_LIBDIR=/usr/lib/i386-linux-gnu/pkgconfig:/usr/share/pkgconfig \
		"NATIVE_BUILDDIR=$B/native"
		[ "$(runs_m32)" = yes ] || printf '%s\n' "TEST_RUNNER=qemu-i386 -L /" ;;
	s390x) local sr=$B/sysroot-s390x	# made by scripts/sysroot.sh
		printf '%s\n' --enable-werror --host=s390x-linux-gnu "CC=s390x-linux-gnu-gcc --sysroot=$sr" \
		"PKG_CONFIG_LIBDIR=$sr/usr/lib/s390x-linux-gnu/pkgconfig:$sr/usr/share/pkgconfig" \
		"PKG_CONFIG_SYSROOT_DIR=$sr" \
		"TEST_RUNNER=qemu-s390x -L $sr" "NATIVE_BUILDDIR=$B/native" ;;
	valgrind|distcheck) printf '%s\n' --enable-werror ;;
	*) return 1 ;;
	esac
}

# Can this host run the -m32 build's programs itself?  "yes" or "no".  An
# amd64 kernel may lack 32-bit mode (seen here: a VM whose kernel refuses
# i386 ELF files with ENOEXEC although it has CONFIG_IA32_EMULATION); the
# -m32 tests then run under qemu-i386, which still proves the 32-bit
# programs' side of every interface.  Asked once per shell.
runs_m32() {
	if [ -z "${XENPPC_RUNS_M32:-}" ]; then
		local d
		d=$(mktemp -d) || return 1
		printf 'int main(void) { return 0; }\n' >"$d/t.c"
		XENPPC_RUNS_M32=yes
		if gcc -m32 -o "$d/t" "$d/t.c" 2>/dev/null && ! "$d/t" 2>/dev/null; then
			XENPPC_RUNS_M32=no
		fi
		rm -rf "$d"
		export XENPPC_RUNS_M32
	fi
	echo "$XENPPC_RUNS_M32"
}

# The setup-deps configuration a build configuration needs.
deps_cfg_of() {
	case $1 in m32) echo m32 ;; s390x) echo be ;; *) echo native ;; esac
}

# What setup-deps recorded for configuration $1: "ok", "skip <reason>",
# or nothing.
deps_status() {
	awk -v c="$1" '$1 == c { $1 = ""; sub(/^ /, ""); print; exit }' "$XENPPC_DEPS_STATUS" 2>/dev/null
}

# Generate configure when it is missing or older than its inputs (make
# regenerates it too, but a fresh clone has none).
bootstrap() {
	local stale
	if [ -x "$top/configure" ]; then
		stale=$(find "$top" -path "$B" -prune -o -path "$top/.git" -prune -o \
			\( -name configure.ac -o -name Makefile.am -o -name '*.inc' \) \
			-newer "$top/configure" -print | head -1)
		[ -z "$stale" ] && return 0
	fi
	echo "autoreconf -fi"
	(cd "$top" && autoreconf -fi) >"$B/autoreconf.log" 2>&1 || {
		tail -20 "$B/autoreconf.log"; return 1; }
}

# Configure $B/$1 as configuration $1 (unless it already is, with the same
# arguments), then make the targets $2... in it.
build_cfg() {
	local name=$1; shift
	local dir=$B/$name args
	args=$(config_args "$name") || { echo "unknown configuration $name" >&2; return 2; }
	mkdir -p "$dir"
	if [ ! -f "$dir/config.status" ] || [ "$(cat "$dir/.configure-args" 2>/dev/null)" != "$args" ]; then
		local -a argv
		mapfile -t argv <<<"$args"
		(cd "$dir" && "$top/configure" "${argv[@]}") || return 1
		printf '%s' "$args" >"$dir/.configure-args"
	fi
	make -C "$dir" -j2 "$@"
}
