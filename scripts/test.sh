#!/usr/bin/env bash
# Install what is missing, build, and run every test in every configuration
# this machine can run.  This is the README's test command and what CI runs.
#
# usage: scripts/test.sh [STEP...]
#   steps (default: all, in this order):
#     native     --enable-werror --enable-sanitizers (ASan+UBSan), make check;
#                also the NATIVE_BUILDDIR of the cross configurations
#     m32        gcc -m32 with the i386 libraries, make check (under
#                qemu-i386 on a kernel without 32-bit mode: lib.sh, runs_m32)
#     s390x      big-endian, s390x-linux-gnu-gcc --sysroot=build/sysroot-s390x,
#                tests under qemu-s390x -L build/sysroot-s390x
#     valgrind   native without sanitizers, make check-valgrind
#     distcheck  make distcheck, running the tests that read the source tree's
#                data (DISTCHECK_TESTS in Makefile.am; native, no sanitizers)
#     fuzz       every libFuzzer target, for a bounded time (scripts/fuzz.sh)
# Build trees go to build/<step> under the source tree (XENPPC_BUILD_ROOT
# overrides), each step's output to build/<step>.log.
# Environment: XENPPC_SKIP_SETUP=1 installs nothing (scripts/setup-deps.sh
# still records what is missing, so such a configuration is skipped);
# XENPPC_FUZZ_SECONDS bounds each fuzz target (default 30).
#
# Prints one line per step with its PASS/FAIL/SKIP counts (from the
# step's test-suite.log, or its .trs files when the build failed and the
# tests that did build ran with make -k) and time, names each skipped
# configuration with the reason, and ends with one line of counts.  Exits 1 if anything failed.
# Only bash, make, awk, grep and sed: no python on a fresh machine.
set -u

here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

all_steps="native m32 s390x valgrind distcheck fuzz"
steps=${*:-$all_steps}

total_pass=0 total_fail=0 total_skip=0
summary=""      # one line per step
skipped=""      # "name: reason" lines
failed_steps=""

say() { printf '%s\n' "$*"; }
now() { date +%s; }

# Add a summary line for step $1: result $2 (ok/FAIL/skipped), counts $3 $4 $5,
# seconds $6, note $7.
report() {
	local line
	line=$(printf '%-10s %-7s pass %4s  fail %4s  skip %4s  %5ss  %s' "$1" "$2" "$3" "$4" "$5" "$6" "${7:-}")
	summary="$summary$line"$'\n'
	say "$line"
	total_pass=$((total_pass + $3)) total_fail=$((total_fail + $4)) total_skip=$((total_skip + $5))
	[ "$2" = FAIL ] && failed_steps="$failed_steps $1"
	return 0
}

skip_step() {
	skipped="$skipped  $1: $2"$'\n'
	summary="$summary$(printf '%-10s %-7s %s' "$1" skipped "$2")"$'\n'
	say "$1: skipped: $2"
}

# Counts "pass fail skip" from an automake test-suite log or a make output
# that carries the "# TOTAL:" summary (the last one wins).  XFAIL counts as
# a pass; ERROR and XPASS as failures.
counts_of() {
	[ -f "$1" ] || { echo "0 0 0"; return; }
	sed 's/\x1b\[[0-9;]*m//g' "$1" | awk '
		/^# TOTAL:/ { p = f = s = 0 }
		/^# PASS:/  { p += $3 } /^# XFAIL:/ { p += $3 }
		/^# FAIL:/  { f += $3 } /^# ERROR:/ { f += $3 } /^# XPASS:/ { f += $3 }
		/^# SKIP:/  { s += $3 }
		END { print p + 0, f + 0, s + 0 }'
}

# The tests that failed under directory $1, from their .trs files.
failed_tests_in() {
	find "$1" -name '*.trs' -print0 2>/dev/null |
		xargs -0 -r grep -l -E '^:test-result: (FAIL|ERROR|XPASS)' 2>/dev/null |
		sed "s|^$1/||; s|\.trs\$||"
}

# Show why step $1 failed: the failed tests with the tail of each log,
# or the tail of the build output.
explain_failure() {
	local dir=$1 log=$2 t n=0
	for t in $(failed_tests_in "$dir"); do
		n=$((n + 1))
		say "    FAILED TEST: $t  (log: $dir/$t.log)"
		[ -f "$dir/$t.log" ] && tail -15 "$dir/$t.log" | sed 's/^/      | /'
	done
	if [ $n -eq 0 ]; then
		say "    (no test failed: the build or the make target did; end of $log)"
		tail -25 "$log" | sed 's/^/      | /'
	fi
}

# A hung test must not hold CI until its own limit: each step gets
# XENPPC_STEP_TIMEOUT seconds (default 1200).  timeout(1) signals its whole
# process group, so the test programs go too.
step_timeout=${XENPPC_STEP_TIMEOUT:-1200}
with_timeout() {
	timeout --kill-after=30 "$step_timeout" bash -c '. "$1"; shift; "$@"' _ "$here/lib.sh" "$@"
}

# Run one make-based step and report it: $1 the configuration (and build
# tree) name, $2 the make target, $3 the test-suite log name (- for none).
run_step() {
	local name=$1 target=$2 suite=$3
	local log=$B/$name.log t0 rc c note=""
	say "== $name: configure and make $target (log: $log)"
	t0=$(now)
	# Results of an earlier run must not be counted as this one's.
	[ -d "$B/$name" ] && find "$B/$name" \( -name '*.trs' -o -name 'test-suite*.log' \) -delete
	{ with_timeout build_cfg "$name" "$target"; } >"$log" 2>&1
	rc=$?
	if [ "$suite" = - ]; then c=$(counts_of "$log"); else c=$(counts_of "$B/$name/$suite"); fi
	if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
		note="timed out after ${step_timeout}s (XENPPC_STEP_TIMEOUT)"
		c=$(counts_of_trs "$B/$name")
	elif [ $rc -ne 0 ] && [ "$target" = check ] && [ ! -f "$B/$name/$suite" ]; then
		# Something did not build, so make ran no test.  Build what can
		# be built and run those tests anyway (make -k), so that one
		# broken component does not hide every other result here.
		note="build failed; the tests that built ran with make -k"
		keep_going "$name" >>"$log" 2>&1
		c=$(counts_of_trs "$B/$name")
	fi
	set -- $c
	[ -n "$note" ] && set -- "$1" $(($2 + 1)) "$3"	# the build or the step itself failed
	if [ $rc -ne 0 ]; then
		[ "$2" -eq 0 ] && set -- "$1" 1 "$3"	# a build failure is a failure
		report "$name" FAIL "$1" "$2" "$3" $(($(now) - t0)) "make $target exited $rc${note:+; $note}"
		[ -n "$note" ] && grep -E ": (fatal )?error:|\*\*\* No rule" "$log" | sort -u | head -8 | sed "s/^/    BUILD ERROR: /"
		explain_failure "$B/$name" "$log"
	else
		[ $(($1 + $2 + $3)) -eq 0 ] && note="(no tests)"
		report "$name" ok "$1" "$2" "$3" $(($(now) - t0)) "$note"
	fi
}

# After a failed build in tree $1: forget earlier results, then build
# and test with make -k.
keep_going() {
	local d=$B/$1 vars
	echo "== test.sh: the build failed; going on with make -k"
	find "$d" -name '*.trs' -delete
	# check-am and check-TESTS stop at the first program that does not
	# build, so make the programs, the check programs (shell tests use
	# them) and then each test's log, each with -k: every test whose
	# program built runs.
	vars=$(make -s -C "$d" -f Makefile -f - xenppc-vars <<'MK' | sed -n 's/^XENPPC-VARS: //p' | tail -1
xenppc-vars:
	@echo XENPPC-VARS: $(check_PROGRAMS) $(check_LTLIBRARIES) $(dist_check_SCRIPTS) -- $(TEST_LOGS)
MK
)
	make -C "$d" -k -j2 all
	[ -z "${vars%%--*}" ] || make -C "$d" -k -j2 ${vars%%--*}
	(cd "$d" && rm -f ${vars#*--})
	[ -z "${vars#*--}" ] || make -C "$d" -k -j2 ${vars#*--}
}



# Counts "pass fail skip" from the .trs files under $1.
counts_of_trs() {
	find "$1" -name '*.trs' -print0 | xargs -0 -r cat | awk '
		$1 == ":test-result:" && ($2 == "PASS" || $2 == "XFAIL") { p++ }
		$1 == ":test-result:" && ($2 == "FAIL" || $2 == "ERROR" || $2 == "XPASS") { f++ }
		$1 == ":test-result:" && $2 == "SKIP" { s++ }
		END { print p + 0, f + 0, s + 0 }'
}


cross_ok() {
	local st
	st=$(deps_status "$1")
	case $st in
	ok) return 0 ;;
	"") skip_step "$2" "setup-deps did not check configuration $1"; return 1 ;;
	skip\ *) skip_step "$2" "${st#skip }"; return 1 ;;
	*) skip_step "$2" "$st"; return 1 ;;
	esac
}

t_start=$(now)
t0=$(now)
# With XENPPC_SKIP_SETUP=1 nothing is installed, but what is missing is
# still recorded, so that a configuration without its tools is skipped.
[ "${XENPPC_SKIP_SETUP:-0}" = 1 ] && export XENPPC_DEPS_CHECK_ONLY=1
"$here/setup-deps.sh" native m32 be
say "setup-deps: $(($(now) - t0))s"
if [ "$(deps_status native)" != ok ]; then
	say "test.sh: the native configuration cannot be set up: $(deps_status native)"
	say "xenppc: 0 passed, 1 failed, 0 skipped"
	exit 1
fi
bootstrap || { say "xenppc: 0 passed, 1 failed, 0 skipped"; exit 1; }

for step in $steps; do
	case $step in
	native)
		run_step native check test-suite.log ;;
	m32)
		cross_ok m32 m32 && run_step m32 check test-suite.log ;;
	s390x)
		cross_ok be s390x && run_step s390x check test-suite.log ;;
	valgrind)
		run_step valgrind check-valgrind test-suite-valgrind.log ;;
	distcheck)
		# Its own tree, so the unpacked copy's tests don't share logs with
		# the valgrind pass.  The counts come from the make output.
		run_step distcheck distcheck-data - ;;
	fuzz)
		say "== fuzz: libFuzzer targets (log: $B/fuzz.log)"
		t0=$(now)
		"$here/fuzz.sh" "$B/fuzz" "${XENPPC_FUZZ_SECONDS:-30}" >"$B/fuzz.log" 2>&1
		rc=$?
		set -- $(counts_of "$B/fuzz/fuzz-summary.log")
		if [ $rc -eq 77 ]; then
			skip_step fuzz "$(tail -1 "$B/fuzz.log")"
		elif [ $rc -ne 0 ]; then
			[ "$2" -eq 0 ] && set -- "$1" 1 "$3"
			report fuzz FAIL "$1" "$2" "$3" $(($(now) - t0)) "see $B/fuzz.log"
			grep -E '^(FAIL|ERROR|BUILD)' "$B/fuzz.log" | sed 's/^/    /'
			tail -15 "$B/fuzz.log" | sed 's/^/      | /'
		else
			report fuzz ok "$1" "$2" "$3" $(($(now) - t0)) "$( [ "$1" -eq 0 ] && echo '(no fuzz targets)')"
		fi ;;
	*) say "test.sh: unknown step $step (steps: $all_steps)"; exit 2 ;;
	esac
done

say ""
say "== results ($(($(now) - t_start))s in all)"
printf '%s' "$summary"
if [ -n "$skipped" ]; then
	say "skipped configurations:"
	printf '%s' "$skipped"
fi
[ -n "$failed_steps" ] && say "failed steps:$failed_steps"
say "xenppc: $total_pass passed, $total_fail failed, $total_skip skipped"
[ -z "$failed_steps" ]
