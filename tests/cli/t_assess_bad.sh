#!/bin/sh
# tests/cli/t_assess_bad.sh: bad models and bad responses (fixtures under
# tests/data/assess/bad/): the exact message, line and exit code 3.
. tests/cli/lib.sh
d=tests/data/assess/bad

check() { # FILE-ARGS... -- EXPECTED-STDERR
	exp=$1; shift
	run assess "$@"
	expect_rc 3
	expect_err "$exp"
	[ -s "$TMP/out" ] && fail "stdout not empty for $*"
	return 0
}

check "mlopskit: $d/model-dup-question.xml:8: error: duplicate question id 'q1' (first at line 7)" --model $d/model-dup-question.xml
check "mlopskit: $d/model-bad-condition.xml:8: error: condition names unknown question 'online'" --model $d/model-bad-condition.xml
check "mlopskit: $d/model-bands-overlap.xml:11: error: bands 'low' and 'high' overlap" --model $d/model-bands-overlap.xml
check "mlopskit: $d/model-requirement-value.xml:12: error: value 'automated' is not on the scale of question 'q1'" --model $d/model-requirement-value.xml
check "mlopskit: $d/model-schema.xml:5: error: element 'dimension': This element is not expected. Expected is one of ( title, description, source, scoring )" --model $d/model-schema.xml

check "mlopskit: $d/resp-unknown-question.xml:6: error: answer to unknown question 'dep-07'" $d/resp-unknown-question.xml
check "mlopskit: $d/resp-duplicate.xml:6: error: duplicate answer to question 'dev-ci' (first at line 5)" $d/resp-duplicate.xml
check "mlopskit: $d/resp-off-scale.xml:5: error: value 'sometimes' is not on the scale of question 'dev-ci'" $d/resp-off-scale.xml
check "mlopskit: $d/resp-number-range.xml:5: error: value '-3' of question 'dq-timeliness' lies outside [0, 8760]" $d/resp-number-range.xml
check "mlopskit: $d/resp-na-not-allowed.xml:5: error: 'na' is not allowed for question 'dev-ci'" $d/resp-na-not-allowed.xml
check "mlopskit: $d/resp-model-mismatch.xml:3: error: responses answer model 'google-mlops', not 'mlops-seed'" --model mlops-seed $d/resp-model-mismatch.xml
check "mlopskit: $d/resp-version-mismatch.xml:3: error: responses answer version '7' of model 'mlops-seed', not version '1'" $d/resp-version-mismatch.xml
check "mlopskit: $d/resp-schema.xml:3: error: element 'responses', attribute 'date': 'last week' is not a valid value of the atomic type 'xs:date'" $d/resp-schema.xml
# a good file beside a bad one: nothing is written
check "mlopskit: $d/resp-off-scale.xml:5: error: value 'sometimes' is not on the scale of question 'dev-ci'" --out "$TMP/o" scenarios/teams/fraud-2024q3.xml $d/resp-off-scale.xml
expect_no_file "$TMP/o/assessment.json"
# one respondent in two files of the same team and date
cp scenarios/teams/fraud-2024q3.xml "$TMP/again.xml"
check "mlopskit: $TMP/again.xml: error: respondent 'ana' of team 'fraud' on 2024-09-30 also answers in scenarios/teams/fraud-2024q3.xml" scenarios/teams/fraud-2024q3.xml "$TMP/again.xml"
exit 0
