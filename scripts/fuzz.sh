#!/usr/bin/env bash
# Build every libFuzzer target in the tree with clang and run each for a
# bounded time.
#
# usage: scripts/fuzz.sh BUILDDIR [SECONDS-PER-TARGET]     (default 30)
#
# A fuzz target is any C file under tests/ or fuzz/ that defines
# LLVMFuzzerTestOneInput.  It is compiled with -DXENPPC_LIBFUZZER=1 (so a
# main() kept for a seeded-random driver must be weak or sit under
# #ifndef XENPPC_LIBFUZZER) and linked with the project's convenience
# libraries built by clang in BUILDDIR with
# -fsanitize=fuzzer-no-link,address,undefined: libxencomm.la, and the
# others only if a target does not link without them.  Beside target NAME.c:
#   NAME.corpus/   seed inputs (copied; the working corpus is BUILDDIR's)
#   NAME.crashes/  inputs that once crashed it: each must now run cleanly
#                  (regression cases, run before fuzzing, then seeds);
#                  a folder fuzz-regressions/ beside it counts the same
# A crash leaves its input in BUILDDIR/artifacts/; copy it into
# NAME.crashes/ once fixed.  Results go to BUILDDIR/fuzz-summary.log in
# automake's "# PASS:" form.  Exit 0 all clean, 1 a failure, 77 no clang
# libFuzzer on this machine.
set -u

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 BUILDDIR [SECONDS]" >&2; exit 2; }
dir=$1
secs=${2:-30}
CLANG=${CLANG:-clang}

mkdir -p "$dir/artifacts" "$dir/targets" "$dir/corpus"
dir=$(cd "$dir" && pwd)
summary=$dir/fuzz-summary.log
pass=0 fail=0

finish() {
	printf '# TOTAL: %d\n# PASS:  %d\n# SKIP:  0\n# FAIL:  %d\n' \
		$((pass + fail)) "$pass" "$fail" >"$summary"
	echo "fuzz: $pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

if ! command -v "$CLANG" >/dev/null 2>&1 ||
   ! echo 'int LLVMFuzzerTestOneInput(const unsigned char *d, unsigned long n) { (void)d; return (int)(n & 0); }' |
	"$CLANG" -x c -fsanitize=fuzzer -o "$dir/probe" - >/dev/null 2>&1; then
	rm -f "$summary"
	echo "no clang with libFuzzer (install clang and libclang-rt-14-dev)"
	exit 77
fi
rm -f "$dir/probe"

targets=$(grep -rlE 'LLVMFuzzerTestOneInput[[:space:]]*\(' --include='*.c' \
	"$top/tests" "$top/fuzz" 2>/dev/null | sort)
if [ -z "$targets" ]; then
	echo "no fuzz targets in tests/ or fuzz/"
	finish
fi

san="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
build=$dir/build
mkdir -p "$build"
args="CC=$CLANG CFLAGS=-g -O1 -fsanitize=fuzzer-no-link $san"
if [ ! -f "$build/config.status" ] || [ "$(cat "$build/.configure-args" 2>/dev/null)" != "$args" ]; then
	echo "== configure (clang, fuzzer-no-link)"
	(cd "$build" && "$top/configure" CC="$CLANG" CFLAGS="-g -O1 -fsanitize=fuzzer-no-link $san" \
		LDFLAGS="$san") || { echo "BUILD: configure failed"; fail=1; finish; }
	printf '%s' "$args" >"$build/.configure-args"
fi
# The targets link the project's convenience libraries.  Most need only
# libxencomm, so that is built first; the others (the hypervisor, the
# daemon, ...) are built only when a target fails to link without them.
all_libs=$(make -s -C "$build" -f Makefile -f - print-noinst-libs <<'EOF2'
print-noinst-libs:
	@echo XENPPC-LIBS: $(noinst_LTLIBRARIES)
EOF2
)
# (make may regenerate the Makefile first and talk about it.)
all_libs=$(printf "%s\n" "$all_libs" | sed -n "s/^XENPPC-LIBS: //p" | tail -1)
built_libs=""

# Build the libraries $@ (-k: one clang cannot build is a warning, the
# targets that need it fail to link and say so) and set $archives to every
# archive built so far.
build_libs() {
	echo "== make $*"
	make -k -C "$build" -j2 "$@" || echo "WARNING: some convenience libraries did not build with clang"
	built_libs="$built_libs $*"
	archives=""
	local l a
	for l in $built_libs; do
		a=$build/$(dirname "$l")/.libs/$(basename "$l" .la).a
		[ -f "$a" ] && archives="$archives $a"
	done
}
build_libs libxencomm.la
deplibs=$(PKG_CONFIG_PATH= pkg-config --libs libxml-2.0 yajl uuid zlib 2>/dev/null)

# Compile and link target $1 into $2 with the archives built so far.
link_target() {
	"$CLANG" -std=c11 -g -O1 -fsanitize=fuzzer $san -DXENPPC_LIBFUZZER=1 -D_GNU_SOURCE \
		-I"$top/include" -I"$build" -I"$top/libxencomm" -I"$(dirname "$1")" \
		-o "$2" "$1" -Wl,--start-group $archives -Wl,--end-group $deplibs
}

# link_target, building the other libraries and retrying when the first
# attempt fails; compiler messages go to $3.
link_any() {
	link_target "$1" "$2" 2>"$3" && return 0
	[ "$built_libs" = " libxencomm.la" ] || return 1
	build_libs $(echo " $all_libs " | sed "s/ libxencomm.la / /")
	link_target "$1" "$2" 2>"$3"
}


for src in $targets; do
	name=$(basename "$src" .c)
	exe=$dir/targets/$name
	echo "== $name ($src)"
	if ! link_any "$src" "$exe" "$dir/$name.link.log"; then
		cat "$dir/$name.link.log"
		echo "BUILD: $name did not compile"
		fail=$((fail + 1)); continue
	fi
	regress=""
	for r in "${src%.c}.crashes" "$(dirname "$src")/fuzz-regressions"; do
		[ -d "$r" ] && regress="$regress $r"
	done
	inputs=$( [ -n "$regress" ] && find $regress -type f | sort)
	if [ -n "$inputs" ]; then
		echo "-- $(echo "$inputs" | wc -l) regression inputs in$regress"
		if ! "$exe" $inputs >"$dir/$name.regress.log" 2>&1; then
			tail -30 "$dir/$name.regress.log"
			echo "FAIL: $name crashes on a regression input (log: $dir/$name.regress.log)"
			fail=$((fail + 1)); continue
		fi
	fi
	corpus=$dir/corpus/$name
	mkdir -p "$corpus"
	seeds=""
	[ -d "${src%.c}.corpus" ] && seeds=${src%.c}.corpus
	echo "-- fuzzing for ${secs}s"
	if "$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$dir/artifacts/$name-" "$corpus" $seeds $regress >"$dir/$name.fuzz.log" 2>&1; then
		grep -E '^stat::number_of_executed_units|^Done' "$dir/$name.fuzz.log"
		echo "PASS: $name"
		pass=$((pass + 1))
	else
		tail -40 "$dir/$name.fuzz.log"
		echo "FAIL: $name found a crash: $(ls -t "$dir/artifacts/$name-"* 2>/dev/null | head -1)"
		fail=$((fail + 1))
	fi
done
finish
