#!/bin/sh
# tools/demo.sh BIN OUTDIR: what `make demo` runs after building: the built-in
# simulation, the built-in assessment, a workshop over the example teams and
# one team's next steps valued in a scenario (docs/bridge.md), with their
# JSON, reports (PDF) and slide figures (SVG) in OUTDIR.
# Run from the source root (the workshop reads scenarios/teams/*.xml).
set -eu
bin=$1; out=$2
mkdir -p "$out"
for cmd in sim assess report; do
	if "$bin" --help | grep -q "^  $cmd "; then :; else
		echo "mlopskit: demo: command '$cmd' is not built" >&2; exit 4
	fi
done
echo "== mlopskit sim (built-in default scenario)"
"$bin" sim --quiet --out "$out/sim"
"$bin" report "$out/sim/summary.json" -o "$out/simulation.pdf"
"$bin" report "$out/sim/summary.json" -o "$out/accuracy.svg" --figure accuracy
echo
echo "== mlopskit assess (built-in example team)"
"$bin" assess --out "$out/assess"
"$bin" report "$out/assess/assessment.json" -o "$out/assessment.pdf"
"$bin" assess --lang zh --report "$out/assessment-zh.pdf" >/dev/null
echo
echo "== mlopskit assess (workshop: every example team, with a trend)"
"$bin" assess --out "$out/workshop" scenarios/teams/*.xml >/dev/null
"$bin" report "$out/workshop/assessment.json" -o "$out/workshop.pdf"
"$bin" report "$out/workshop/assessment.json" -o "$out/heatmap.svg" --figure heatmap
echo
echo "== mlopskit assess --scenario (what the next steps of one team are worth)"
"$bin" assess scenarios/teams/recsys-2024q3.xml --scenario scenarios/maturity-levels.xml \
	--runs 10 --out "$out/bridge" > "$out/bridge.txt"
sed -n '/^what each next step is worth/,$p' "$out/bridge.txt"
"$bin" report "$out/bridge/assessment.json" -o "$out/next-steps.svg" --figure bridge
echo
echo "outputs are in $out/:"
echo "  $out/simulation.pdf    simulation report (JSON and CSV in $out/sim/)"
echo "  $out/accuracy.svg      accuracy over time, a 16:9 slide figure"
echo "  $out/assessment.pdf    assessment of the built-in team (JSON in $out/assess/)"
echo "  $out/assessment-zh.pdf the same assessment in Chinese"
echo "  $out/workshop.pdf      workshop over the example teams (JSON in $out/workshop/)"
echo "  $out/heatmap.svg       teams x dimensions, a slide figure"
echo "  $out/bridge/report.pdf team recsys with its next steps valued in a scenario: the"
echo "                         last page, \"What the next steps are worth\" (full text in"
echo "                         $out/bridge.txt, JSON in $out/bridge/)"
echo "  $out/next-steps.svg    each next step's net value gained, a slide figure"
echo "workshop material: docs/workshop.md (90-minute and half-day plans, real figures), docs/concepts.md (zh: docs/concepts.zh.md), scenarios/*.xml"
