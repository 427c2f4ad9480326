# tests/cli/t_drift_errors.sh: `mlopskit drift` usage and input errors.
. tests/cli/lib.sh
D=tests/data/drift

run drift $D/same_ref.csv
expect_rc 2
expect_err_has "two CSV files needed"

run drift $D/same_ref.csv $D/same_cur.csv --test nope
expect_rc 2
expect_err_has "unknown test 'nope'"

run drift $D/same_ref.csv $D/same_cur.csv --threshold 0.1
expect_rc 2
expect_err_has "--threshold needs --test"

run drift $D/same_ref.csv $D/same_cur.csv --ignore nosuch
expect_rc 2
expect_err_has "--ignore names 'nosuch'"

# Ragged row: error with file and line.
run drift $D/csv/ragged.csv $D/same_cur.csv
expect_rc 3
expect_err "mlopskit: $D/csv/ragged.csv:3: error: row has 2 fields but the header has 3"

run drift $D/csv/empty.csv $D/same_cur.csv
expect_rc 3
expect_err "mlopskit: $D/csv/empty.csv: error: empty file: no header row"

run drift $D/csv/unterminated.csv $D/csv/unterminated.csv
expect_rc 3
expect_err_has "unterminated.csv:2: error: unterminated quoted field (column 2)"

# Header only: nothing to test is bad input.
run drift $D/csv/header_only.csv $D/csv/header_only.csv
expect_rc 3
expect_err_has "no column could be tested"

run drift $D/no-such.csv $D/same_cur.csv
expect_rc 4
