# tests/cli/t_bridge.sh: `mlopskit sim SCENARIO --team RESPONSES` (issue 9):
# the team as it is, each next-best action and the top three, paired; the
# mapping checked against the scenario; errors with lines and exit codes.
. tests/cli/lib.sh

sc=tests/data/bridge/drift.xml
team=tests/data/bridge/no-monitoring.xml

run sim "$sc" --team "$team" --quiet --threads 1
expect_rc 0
expect_out_has "team ads (2024-10-01), model mlops-seed version 1"
expect_out_has "as-is: retrain.every=0, retrain.on-drift=no, retrain.on-performance=no, retrain.on-review=yes, monitoring.review=30, monitoring.statistical=off, monitoring.performance=none"
expect_out_has "ranked on net_value (higher is better)"
expect_out_has "mon-performance -> automated   (assessment's #21)"
expect_out_has "together:   top 3: rt-trigger + dep-strategy + dep-rollback"
expect_out_has "not simulated: dev-feature-eng (#1, no mapping)"
expect_out_has "assessment vs simulation: Kendall's tau"

# the team without monitoring gains detection speed from the monitoring
# action (fixed seed 4242, 4 runs): the paired difference in detection
# delay and its whole 95% CI are negative
awk '/mon-performance -> automated/ { f = 1; next }
     f && /detection_delay/ { gsub(/[][,]/, " "); print $2, $4; exit }' \
	"$TMP/out" > "$TMP/delay"
read -r mean hi < "$TMP/delay" || fail "no detection delay for the monitoring action"
case "$mean$hi" in
-*-*) ;;
*) fail "detection delay of the monitoring action: mean $mean, CI upper $hi" ;;
esac

# JSON: the bridge object, byte-identical whatever the thread count
run sim "$sc" --team "$team" --quiet --format json --threads 1
expect_rc 0
cp "$TMP/out" "$TMP/j1"
for k in '"bridge": {' '"rank_metric": "net_value"' '"as_is": {' \
	'"scenario_values_kept": []' '"actions": [' '"simulation_rank": 1' \
	'"assessment_rank": 21' '"combined": {' '"not_simulated": [' \
	'"kendall_tau":' '"disagreements": [' '"significant": true' \
	'"name": "mon-performance -> automated"'; do
	grep -qF -- "$k" "$TMP/j1" || fail "bridge JSON lacks $k"
done
run sim "$sc" --team "$team" --quiet --format json --threads 2
expect_rc 0
cmp -s "$TMP/out" "$TMP/j1" || fail "threads change the bridge JSON"

# the file's own variants are replaced, and said so
run sim scenarios/maturity-levels.xml --team "$team" --runs 2 --quiet
expect_rc 0
expect_out_has "(the scenario's 3 variants are replaced by the team's)"

# --model: a built-in id, or a file; a user model's bad parameter is
# reported at its line in the model file
run sim "$sc" --team "$team" --model mlops-seed --runs 2 --quiet
expect_rc 0
sed 's/param="monitoring.performance" value="adwin"/param="monitoring.perf" value="adwin"/' \
	assess/models/mlops-seed.xml > "$TMP/m.xml"
line=$(grep -n 'param="monitoring.perf"' "$TMP/m.xml" | cut -d: -f1)
run sim "$sc" --team "$team" --model "$TMP/m.xml" --runs 2 --quiet
expect_rc 3
expect_err_has "mlopskit: $TMP/m.xml:$line: error: "
expect_err_has "monitoring.perf"
sed 's/param="deployment" value="canary"/param="deployment" value="rainbow"/' \
	assess/models/mlops-seed.xml > "$TMP/m2.xml"
line=$(grep -n 'value="rainbow"' "$TMP/m2.xml" | cut -d: -f1)
run sim "$sc" --team "$team" --model "$TMP/m2.xml" --runs 2 --quiet
expect_rc 3
expect_err_has "mlopskit: $TMP/m2.xml:$line: error: 'deployment' is 'rainbow'; expected"

# a model without a mapping cannot value actions
sed '/<simulation>/,/<\/simulation>/d' assess/models/mlops-seed.xml > "$TMP/plain.xml"
run sim "$sc" --team "$team" --model "$TMP/plain.xml" --runs 2 --quiet
expect_rc 3
expect_err "mlopskit: $TMP/plain.xml: error: model 'mlops-seed' maps no answer to simulation parameters (no 'simulation' element)"

# usage and input errors
run sim "$sc" --model mlops-seed
expect_rc 2
expect_err_has "--model needs --team FILE"
run sim "$sc" --team "$TMP/none.xml"
expect_rc 4
run sim "$sc" --team "$team" --model no-such-model
expect_rc 3
expect_err_has "unknown built-in model 'no-such-model'"

# every shipped team runs against the built-in mapping
for t in scenarios/teams/*.xml; do
	run sim "$sc" --team "$t" --runs 2 --quiet
	expect_rc 0
done

# every built-in model ships a mapping that this scenario accepts (each
# <set> of every answer is checked before anything runs), and its example
# team runs; the as-is line shows the model's own parameters
# (docs/methodology/bridge.md)
for m in google-mlops microsoft-mlops; do
	for t in scenarios/teams/$m/*.xml; do
		run sim "$sc" --team "$t" --runs 2 --quiet --format json
		expect_rc 0
		expect_out_has "\"id\": \"$m\""
	done
done
run sim "$sc" --team scenarios/teams/google-mlops/vision-2024q3.xml --runs 2 --quiet
expect_rc 0
expect_out_has "model google-mlops version 1"
expect_out_has "as-is: retrain.every=0, retrain.on-drift=no, retrain.on-performance=no, retrain.on-review=yes, monitoring.review=30, monitoring.statistical=off, monitoring.performance=none, ops.lead-time=21, ops.engineer-hours=1, ops.p-catch=0.3, ops.p-defect=0.05, ops.incident-detect=3"
expect_out_has "g-ct -> yes   (assessment's #2)"
expect_out_has "not simulated: g-metadata (#1, no mapping)"
run sim "$sc" --team scenarios/teams/microsoft-mlops/claims-2024q3.xml --runs 2 --quiet
expect_rc 0
expect_out_has "model microsoft-mlops version 1"
expect_out_has "as-is: retrain.every=0, retrain.on-drift=no, retrain.on-performance=no, retrain.on-review=yes, monitoring.review=30, ops.lead-time=21, ops.engineer-hours=40, ops.p-catch=0.3, ops.p-defect=0.15, ops.incident-detect=14"
expect_out_has "together:   top 3: ms-mc-versioning + ms-mr-scoring-tests + ms-mr-owner"
# a bad parameter in either model is reported at its line
for m in google-mlops microsoft-mlops; do
	sed '0,/param="ops.p-catch"/s//param="ops.p-katch"/' assess/models/$m.xml > "$TMP/$m.xml"
	line=$(grep -n 'param="ops.p-katch"' "$TMP/$m.xml" | cut -d: -f1)
	run sim "$sc" --team scenarios/teams/$m/*.xml --model "$TMP/$m.xml" --runs 2 --quiet
	expect_rc 3
	expect_err_has "mlopskit: $TMP/$m.xml:$line: error: "
done
