#!/bin/sh
# tests/run.sh: runs every Check runner given, then the CLI tests, and ends
# with one total line ("N passed, N failed") for CI to read.
set -u
total_pass=0; total_fail=0; status=0
for t in "$@"; do
	out=$("$t" 2>&1); rc=$?
	printf '%s\n' "$out" | grep -v '^[0-9]*%: Checks' | grep -E ':[EF]:' || true
	line=$(printf '%s\n' "$out" | grep -E '^[0-9]+%: Checks: ' | tail -n 1)
	echo "$(basename "$t"): ${line:-no summary (crashed?)}"
	checks=$(printf '%s' "$line" | sed -n 's/.*Checks: \([0-9]*\).*/\1/p')
	fails=$(printf '%s' "$line" | sed -n 's/.*Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2/p')
	if [ -z "$checks" ] || [ $rc -ne 0 ]; then status=1; fi
	f=0; for x in $fails; do f=$((f + x)); done
	total_pass=$((total_pass + ${checks:-0} - f)); total_fail=$((total_fail + f))
	[ -z "$line" ] && total_fail=$((total_fail + 1))
done
cli=$(sh "$(dirname "$0")/cli/run.sh"); rc=$?
printf '%s\n' "$cli"
[ $rc -ne 0 ] && status=1
p=$(printf '%s\n' "$cli" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\1/p')
f=$(printf '%s\n' "$cli" | sed -n 's/^cli: \([0-9]*\) passed, \([0-9]*\) failed$/\2/p')
total_pass=$((total_pass + ${p:-0})); total_fail=$((total_fail + ${f:-1}))
echo "total: $total_pass passed, $total_fail failed"
[ $total_fail -eq 0 ] || status=1
exit $status
