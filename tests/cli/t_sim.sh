# tests/cli/t_sim.sh: `mlopskit sim` outputs, options and output safety.
. tests/cli/lib.sh

sc=tests/data/sim/good/small.xml
[ -f "$sc" ] || sc=scenarios/stable.xml

# the built-in default runs from any directory
(cd "$TMP" && "$MLOPSKIT" sim --runs 2 --quiet > default.txt) || fail "default scenario"
grep -q "accuracy_mean" "$TMP/default.txt" || fail "no metrics table"

# --out writes summary.json and timeseries.csv; json on stdout is the same
run sim "$sc" --runs 3 --seed 11 --out "$TMP/a" --format json --threads 1 --quiet
expect_rc 0
expect_file "$TMP/a/summary.json"
expect_file "$TMP/a/timeseries.csv"
cmp -s "$TMP/out" "$TMP/a/summary.json" || fail "stdout JSON differs from summary.json"
grep -q '"format": "mlopskit.sim-result/1"' "$TMP/a/summary.json" || fail "format tag"
grep -q '"seed": "11"' "$TMP/a/summary.json" || fail "seed not recorded"
grep -q '"runs": 3' "$TMP/a/summary.json" || fail "runs not recorded"
for k in mean sd ci95 quantiles p5 p50 p95; do
	grep -q "\"$k\"" "$TMP/a/summary.json" || fail "summary lacks $k"
done
head -n 1 "$TMP/a/timeseries.csv" | grep -q '^step,accuracy_mean,accuracy_ci95_lo,accuracy_ci95_hi,' ||
	fail "timeseries header"
steps=$(sed -n 's/.*"steps": \([0-9]*\).*/\1/p' "$TMP/a/summary.json" | head -n 1)
[ "$(wc -l < "$TMP/a/timeseries.csv")" -eq $((steps + 1)) ] || fail "timeseries rows != steps + 1"

# byte-identical whatever the thread count
run sim "$sc" --runs 3 --seed 11 --out "$TMP/b" --threads 2 --quiet
expect_rc 0
cmp "$TMP/a/summary.json" "$TMP/b/summary.json" || fail "threads change summary.json"
cmp "$TMP/a/timeseries.csv" "$TMP/b/timeseries.csv" || fail "threads change timeseries.csv"

# bad options are usage errors naming the option
run sim "$sc" --runs 0
expect_rc 2
expect_err_has "mlopskit: sim: '--runs' is 0, outside [1, 100000]"
run sim "$sc" --seed -3
expect_rc 2
expect_err_has "'--seed' is not a non-negative integer: '-3'"
run sim "$sc" --format yaml
expect_rc 2
run sim "$sc" "$sc"
expect_rc 2
run sim "$sc" --runs
expect_rc 2
expect_err_has "needs a value"

# missing scenario file: I/O error, exit 4
run sim "$TMP/nope.xml"
expect_rc 4
expect_err "mlopskit: $TMP/nope.xml: error: cannot open file: No such file or directory"

# an unwritable destination is an I/O error and leaves the old file whole
mkdir "$TMP/ro" && echo previous > "$TMP/ro/summary.json"
chmod 555 "$TMP/ro"
if [ "$(id -u)" != 0 ]; then
	run sim "$sc" --runs 1 --out "$TMP/ro" --quiet
	expect_rc 4
	[ "$(cat "$TMP/ro/summary.json")" = previous ] || fail "summary.json clobbered"
fi
chmod 755 "$TMP/ro"
run sim "$sc" --runs 1 --out "$TMP/missing/deeper" --quiet
expect_rc 4
expect_err_has "cannot create directory"
run sim "$sc" --runs 1 --out /dev/full/x --quiet
expect_rc 4
ls "$TMP/ro" | grep -q tmp && fail "temporary file left behind"
# --engine: the choice is checked, auto resolves before the run, and the
# bench's workshop sweep loads whole (60 variants) and runs aggregated
run sim "$sc" --runs 1 --engine fast
expect_rc 2
expect_err_has "--engine must be 'auto', 'request' or 'aggregate', not 'fast'"
run sim scenarios/stable.xml --runs 1 --format json
expect_rc 0
expect_out_has '"engine": "aggregate"'
run sim scenarios/maturity-levels.xml --runs 1 --format json
expect_rc 0
expect_out_has '"engine": "request"'
run sim scenarios/maturity-levels.xml --runs 1 --engine aggregate
expect_rc 0
expect_out_has "1 replications, seed 60, 3 variants, aggregate engine"
run sim bench/sweep.xml --runs 1 --engine aggregate --quiet
expect_rc 0
expect_out_has "60 variants, aggregate engine"
true
