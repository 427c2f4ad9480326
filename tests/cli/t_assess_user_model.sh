#!/bin/sh
# tests/cli/t_assess_user_model.sh: a model written by a user in a
# temporary directory (not built in) loads, validates and scores.
. tests/cli/lib.sh
cat > "$TMP/model.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<model xmlns="urn:mlopskit:model:1" id="our-model" version="3" languages="en zh">
  <title>Our platform checklist</title>
  <title xml:lang="zh">我们的平台检查表</title>
  <scoring questions="weighted-mean" dimensions="minimum"/>
  <dimension id="ops"><label>Operations</label><label xml:lang="zh">运维</label>
    <question id="alerts" weight="2"><text>Alerts reach an owner.</text><yesno/>
      <recommendation>Route alerts to an owner.</recommendation></question>
    <question id="runbook"><text>Every alert has a runbook.</text><yesno/></question>
  </dimension>
  <dimension id="data"><label>Data</label><label xml:lang="zh">数据</label>
    <question id="checks"><text>Data checks run on every load.</text><yesno/>
      <recommendation>Check the data on every load.</recommendation></question>
  </dimension>
  <bands>
    <band id="red" upper="0.5"><label>red</label></band>
    <band id="green" lower="0.5" upper="1" upper-closed="true"><label>green</label></band>
  </bands>
</model>
XML
cat > "$TMP/team.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<responses xmlns="urn:mlopskit:responses:1" model="our-model" model-version="3" team="blue" date="2024-10-01">
  <respondent id="me">
    <answer question="alerts" value="yes"/>
    <answer question="runbook" value="no"/>
    <answer question="checks" value="no"/>
  </respondent>
</responses>
XML
# ops = (2*1 + 0)/3 = 0.67, data = 0, overall = min = 0: only data pays
run assess --model "$TMP/model.xml" "$TMP/team.xml"
expect_rc 0
expect_out_has "model our-model 3: Our platform checklist"
expect_out_has "score      0.00  \"red\""
expect_out_has "1. +0.667  checks: Data checks run on every load."
run assess --model "$TMP/model.xml" --lang zh "$TMP/team.xml"
expect_out_has "我们的平台检查表"
# without --model the responses name a model that is not built in
run assess "$TMP/team.xml"
expect_rc 3
expect_err "mlopskit: $TMP/team.xml:2: error: responses answer model 'our-model', which is not built in (give it with --model FILE)"
exit 0
