# tests/cli/t_plan.sh: `mlopskit sim --plan`: as-is against the roadmap,
# paired; bad plans are bad input with file and line.
. tests/cli/lib.sh

run sim scenarios/sudden-no-retrain.xml --plan tests/data/plan/monitor-first.xml \
	--runs 3 --quiet --format json
expect_rc 0
grep -q '"name": "as-is"' "$TMP/out" || fail "no as-is variant"
grep -q '"name": "with plan"' "$TMP/out" || fail "no with-plan variant"
[ "$(grep -c '"lifecycle"' "$TMP/out")" -eq 2 ] || fail "expected exactly 2 variants"

# the roadmap retrains after the day-90 drift; as-is never does
run sim scenarios/sudden-no-retrain.xml --plan tests/data/plan/monitor-first.xml \
	--runs 3 --quiet
expect_rc 0
awk '/^== variant 1: as-is/{v=1} /^== variant 2: with plan/{v=2}
     /^retrains /{r[v]=$2} END{exit !(r[1]==0 && r[2]>=1)}' "$TMP/out" ||
	fail "retrains: $(grep -E '^== variant|^retrains' "$TMP/out")"

run sim scenarios/sudden-no-retrain.xml --plan tests/data/plan/bad-param.xml --runs 1
expect_rc 3
expect_err "mlopskit: tests/data/plan/bad-param.xml:3: error: parameter 'labels.delay' cannot change during a run (only maturity, deployment, retrain.*, monitoring.*, ops.*, costs.*)"

run sim scenarios/sudden-no-retrain.xml --plan "$TMP/none.xml" --runs 1
expect_rc 4

# a plan is validated by its schema, also through `validate`
run validate tests/data/plan/monitor-first.xml
expect_rc 0
expect_out_has "valid (plan)"
