#!/bin/sh
# tests/cli/t_assess.sh: mlopskit assess on the built-in example teams:
# help, model list, text and JSON output, --out, languages, several teams.
. tests/cli/lib.sh

run assess --help
expect_rc 0
expect_out_has "usage: mlopskit assess [RESPONSES.xml...] [options]"

run assess --list-models
expect_rc 0
expect_out_has "mlops-seed         1            10        38      3  MLOps maturity (seed model) (default)"
expect_out_has "google-mlops"
expect_out_has "microsoft-mlops"

# no file: the built-in example team (with unknown answers: ranges)
run assess
expect_rc 0
expect_out_has "team recsys (Recommendations), 2024-09-26, 1 respondent"
expect_out_has "score      0.65..0.80"
expect_out_has "gaps to level 3"

# JSON: the format tag and every assessment
run assess --format json scenarios/teams/fraud-2024q3.xml
expect_rc 0
expect_out_has '"format": "mlopskit.assessment/1"'
grep -q '"team": "fraud"' "$TMP/out" || fail "no fraud team in JSON"

# --out writes assessment.json atomically; it equals --format json
run assess --out "$TMP/o" --format json scenarios/teams/fraud-2024q3.xml
expect_rc 0
expect_file "$TMP/o/assessment.json"
cmp -s "$TMP/out" "$TMP/o/assessment.json" || fail "assessment.json differs from stdout"
ls "$TMP/o" | grep -v '^assessment.json$' | grep -v '^report.pdf$' && fail "stray files in --out"

# Chinese texts
run assess --lang zh scenarios/teams/churn-2024q1.xml
expect_rc 0
expect_out_has "问题与价值"
run assess --lang fr scenarios/teams/churn-2024q1.xml
expect_rc 0
expect_err "mlopskit: warning: model 'mlops-seed' has no texts in 'fr'; using 'en'"

# several teams, two respondents, two dates: portfolio, agreement, trend
run assess scenarios/teams/*.xml
expect_rc 0
expect_out_has "portfolio of 4 teams"
expect_out_has "agreement of 2 respondents"
expect_out_has "trend of team churn over 2 assessments (2024-03-29 to 2024-09-27)"
run assess --format json scenarios/teams/*.xml
grep -q '"alpha_ordinal": ' "$TMP/out" || fail "no alpha in JSON"
grep -q '"portfolio": {' "$TMP/out" || fail "no portfolio in JSON"

# the other built-in models score their own answers only
run assess --model google-mlops scenarios/teams/fraud-2024q3.xml
expect_rc 3
expect_err "mlopskit: scenarios/teams/fraud-2024q3.xml:4: error: responses answer model 'mlops-seed', not 'google-mlops'"

# usage errors
run assess --format yaml
expect_rc 2
expect_err_has "mlopskit: assess: --format must be 'text' or 'json', not 'yaml'"
run assess --model nosuch
expect_rc 2
expect_err_has "unknown model 'nosuch'"
run assess --bogus
expect_rc 2
run assess "$TMP/missing.xml"
expect_rc 4
exit 0
