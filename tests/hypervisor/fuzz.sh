#!/bin/sh
# Socket fuzz: random and mutated requests for every hypercall family
# through a real xenppc-hv for a few seconds.  Passes when the hypervisor
# survives (no crash, no sanitizer report: it would exit non-zero), still
# answers, and counted no warnings.  FUZZ_SECONDS and FUZZ_SEED override.
. "$abs_top_srcdir/tests/hypervisor/lib.sh"

start_hv || exit 1
$TEST_RUNNER "$abs_top_builddir/tests/hypervisor/hv-fuzz" "$RUNDIR/privcmd.sock" \
	"${FUZZ_SECONDS:-5}" ${FUZZ_SEED:-} || { echo "fuzz client failed"; tail -20 "$RUNDIR/hv.log"; exit 1; }
stop_hv || { echo "xenppc-hv did not stop cleanly"; tail -20 "$RUNDIR/hv.log"; exit 1; }
if grep -q "WARN\|ERROR: AddressSanitizer\|runtime error" "$RUNDIR/hv.log"; then
	echo "warnings or sanitizer reports in the log:"; grep "WARN\|Sanitizer\|runtime error" "$RUNDIR/hv.log" | head
	exit 1
fi
echo "fuzz: ok"
