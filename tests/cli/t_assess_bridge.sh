# tests/cli/t_assess_bridge.sh: `mlopskit assess RESPONSES --scenario
# SCENARIO` (issue 9): the team's next steps valued in a scenario, as
# `sim --team` does; "bridge" in the assessment JSON; the report page
# "What the next steps are worth" (docs/bridge.md, docs/reports.md).
. tests/cli/lib.sh

sc=tests/data/bridge/drift.xml
team=tests/data/bridge/no-monitoring.xml

# text: the assessment, then the ranked actions (as sim --team prints them)
run assess "$team" --scenario "$sc" --runs 4 --seed 4242 --threads 1
expect_rc 0
expect_out_has "team ads"
expect_out_has "what each next step is worth: paired difference against as-is, 95% CI; ranked on net_value (higher is better)"
expect_out_has "mon-performance -> automated   (assessment's #21)"
expect_out_has "assessment vs simulation: Kendall's tau"

# JSON: the assessment with the bridge object, the same object sim --team
# writes, whatever the thread count
run assess "$team" --scenario "$sc" --runs 4 --seed 4242 --threads 1 --format json
expect_rc 0
cp "$TMP/out" "$TMP/a1"
for k in '"format": "mlopskit.assessment/1"' '"bridge": {' \
	'"title": "Sudden concept drift on day 60 (bridge test)"' \
	'"runs": 4' '"seed": "4242"' '"rank_metric": "net_value"' \
	'"kendall_tau":' '"name": "mon-performance -> automated"'; do
	grep -qF -- "$k" "$TMP/a1" || fail "assessment JSON lacks $k"
done
run assess "$team" --scenario "$sc" --runs 4 --seed 4242 --threads 2 --format json
expect_rc 0
cmp -s "$TMP/out" "$TMP/a1" || fail "threads change the assessment's bridge JSON"
run sim "$sc" --team "$team" --runs 4 --seed 4242 --threads 1 --format json
expect_rc 0
python3 - "$TMP/a1" "$TMP/out" <<'PY' || fail "assess --scenario and sim --team give different bridge objects"
import json, sys
a = json.load(open(sys.argv[1]))["bridge"]
s = json.load(open(sys.argv[2]))["bridge"]
sys.exit(0 if a == s else 1)
PY

# the report page: its heading, an action id, the agreement, from a
# fixed-seed small run; `report` draws the same page from the saved JSON
run assess "$team" --scenario "$sc" --runs 4 --seed 4242 --threads 1 --out "$TMP/o"
expect_rc 0
expect_file "$TMP/o/assessment.json"
expect_file "$TMP/o/report.pdf"
pdftotext "$TMP/o/report.pdf" "$TMP/o/report.txt" || fail "pdftotext"
for k in "What the next steps are worth" "Net value gained by each action (95% CI)" \
	"mon-performance -> automated" "Accuracy, detection and exposure" \
	"Kendall's tau between the assessment's order and the simulation's"; do
	grep -qF -- "$k" "$TMP/o/report.txt" || fail "report page lacks [$k]"
done
run report "$TMP/o/assessment.json" -o "$TMP/again.pdf"
expect_rc 0
pdftotext "$TMP/again.pdf" - | grep -qF "What the next steps are worth" ||
	fail "report from the saved JSON lacks the page"
run report "$TMP/o/assessment.json" -o "$TMP/bridge.svg" --figure bridge
expect_rc 0
expect_file "$TMP/bridge.svg"
# without --scenario there is no page
run assess "$team" --report "$TMP/plain.pdf"
expect_rc 0
pdftotext "$TMP/plain.pdf" - | grep -qF "What the next steps are worth" &&
	fail "a page without a scenario"
# Chinese headings
run assess "$team" --scenario "$sc" --runs 2 --lang zh --report "$TMP/zh.pdf"
expect_rc 0
pdftotext "$TMP/zh.pdf" - | grep -qF "下一步行动的价值" || fail "no Chinese heading"

# nothing priced: ranked on mean accuracy, and the page says so
sed 's|<costs .*/>|<operations platform-cost="0"/>|' "$sc" > "$TMP/free.xml"
run assess "$team" --scenario "$TMP/free.xml" --runs 2 --report "$TMP/free.pdf"
expect_rc 0
pdftotext "$TMP/free.pdf" - | tr '\n' ' ' > "$TMP/free.txt"
grep -qF "Nothing in this scenario is priced" "$TMP/free.txt" || fail "no unpriced note"
grep -qF "Gain in mean accuracy by each action" "$TMP/free.txt" || fail "no accuracy chart"

# a bad scenario: its file and line, exit 3, nothing written
sed 's/steps="160"/steps="many"/' "$sc" > "$TMP/bad.xml"
line=$(grep -n 'steps="many"' "$TMP/bad.xml" | cut -d: -f1)
run assess "$team" --scenario "$TMP/bad.xml" --out "$TMP/bad"
expect_rc 3
expect_err_has "mlopskit: $TMP/bad.xml:$line: error: "
expect_no_file "$TMP/bad/assessment.json"
run assess "$team" --scenario "$TMP/none.xml"
expect_rc 4
# a model without a mapping
sed '/<simulation>/,/<\/simulation>/d' assess/models/mlops-seed.xml > "$TMP/plain.xml"
run assess "$team" --model "$TMP/plain.xml" --scenario "$sc" --runs 2
expect_rc 3
expect_err_has "maps no answer to simulation parameters"

# usage
run assess "$team" --runs 4
expect_rc 2
expect_err_has "--runs, --seed, --threads and --engine need --scenario FILE"
run assess "$team" --engine request
expect_rc 2
expect_err_has "--runs, --seed, --threads and --engine need --scenario FILE"
run assess scenarios/teams/churn-2024q1.xml scenarios/teams/churn-2024q3.xml --scenario "$sc"
expect_rc 2
expect_err_has "give one RESPONSES.xml, got 2"
run assess --scenario "$sc"
expect_rc 2
run assess "$team" --scenario "$sc" --runs 0
expect_rc 2
exit 0
