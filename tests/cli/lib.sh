# tests/cli/lib.sh: helpers for CLI tests (sourced). Each helper prints what
# went wrong and exits 1, so a test script reads as a list of expectations.
# $MLOPSKIT is the binary, $TMP a fresh directory, cwd the source root.
set -u
: "${MLOPSKIT:?}" "${TMP:?}"

fail() { echo "FAIL: $*" >&2; exit 1; }

# run ARGS...: runs mlopskit, keeping stdout in $TMP/out, stderr in $TMP/err
# and the exit code in $rc.
run() {
	rc=0
	"$MLOPSKIT" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null || rc=$?
}

expect_rc() { [ "$rc" -eq "$1" ] || fail "expected exit $1, got $rc; stderr: $(head -c 600 "$TMP/err")"; }
# expect_err TEXT: stderr equals TEXT exactly (one line)
expect_err() { [ "$(cat "$TMP/err")" = "$1" ] || fail "stderr: expected [$1], got [$(cat "$TMP/err")]"; }
expect_err_has() { grep -qF -- "$1" "$TMP/err" || fail "stderr lacks [$1]: $(head -c 600 "$TMP/err")"; }
expect_out_has() { grep -qF -- "$1" "$TMP/out" || fail "stdout lacks [$1]: $(head -c 600 "$TMP/out")"; }
expect_no_file() { [ ! -e "$1" ] || fail "$1 exists but should not"; }
expect_file() { [ -s "$1" ] || fail "$1 missing or empty"; }
