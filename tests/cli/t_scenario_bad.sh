# tests/cli/t_scenario_bad.sh: every bad scenario fixture
# (tests/data/sim/bad/*.xml) makes `mlopskit sim` fail with
# "mlopskit: FILE:LINE: error: ..." on stderr, exit 3, nothing on stdout
# and no output directory or file. The expected line of each fixture is
# checked by tests/sim/test_scenario.c; here the CLI contract.
. tests/cli/lib.sh

n=0
for f in tests/data/sim/bad/*.xml; do
	n=$((n + 1))
	out="$TMP/o$n"
	run sim "$f" --out "$out" --runs 1 --quiet
	expect_rc 3
	[ "$(wc -l < "$TMP/err")" -eq 1 ] || fail "$f: expected one line on stderr, got: $(cat "$TMP/err")"
	grep -Eq "^mlopskit: $f:[1-9][0-9]*: error: [^ ]" "$TMP/err" ||
		fail "$f: stderr is not 'mlopskit: $f:LINE: error: ...': $(cat "$TMP/err")"
	[ ! -s "$TMP/out" ] || fail "$f: wrote to stdout: $(head -c 300 "$TMP/out")"
	expect_no_file "$out/summary.json"
	expect_no_file "$out/timeseries.csv"
	expect_no_file "$out"
done
[ $n -ge 20 ] || fail "only $n bad fixtures found"

# The format=json path fails the same way before writing anything.
run sim tests/data/sim/bad/feature-12.xml --format json --quiet
expect_rc 3
expect_err "mlopskit: tests/data/sim/bad/feature-12.xml:6: error: 'covariate/@features[2]' is 12, outside [1, 10]"
[ ! -s "$TMP/out" ] || fail "json: wrote to stdout"
