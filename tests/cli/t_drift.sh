# tests/cli/t_drift.sh: `mlopskit drift` verdicts, exit codes, JSON and --out.
. tests/cli/lib.sh
D=tests/data/drift

# Identical files: no drift, exit 0.
run drift $D/same_ref.csv $D/same_cur.csv
expect_rc 0
expect_out_has "no dataset drift: 0 of 3 tested columns drifted"

# Every column moved: drift, exit 1; the table names the tests.
run drift $D/same_ref.csv $D/shift_cur.csv
expect_rc 1
expect_out_has "DATASET DRIFT: 3 of 3 tested columns drifted"
expect_out_has "ks"
expect_out_has "chisquare"

# JSON on stdout, and --out writes the JSON and the report.
run drift $D/same_ref.csv $D/shift_cur.csv --format json --out "$TMP/o"
expect_rc 1
expect_out_has '"format": "mlopskit.drift-result/1"'
expect_out_has '"dataset_drift": true'
expect_file "$TMP/o/drift.json"
expect_file "$TMP/o/report.pdf"
cmp -s "$TMP/out" "$TMP/o/drift.json" || fail "stdout JSON differs from drift.json"

# A chosen test and threshold, a higher drift share.
run drift $D/same_ref.csv $D/shift_cur.csv --test psi --threshold 0.5 --format json
expect_rc 1
expect_out_has '"test": "psi"'
run drift $D/same_ref.csv $D/same_cur.csv --drift-share 1 --categorical age --ignore income
expect_rc 0
expect_out_has "ignored: income"
