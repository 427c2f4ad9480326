#!/bin/sh
# tools/demo.sh BIN OUTDIR: what `make demo` runs after building: the built-in
# simulation, the built-in assessment and a workshop over the example teams,
# with their JSON, reports (PDF) and slide figures (SVG) in OUTDIR.
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
echo "outputs are in $out/:"
echo "  $out/simulation.pdf    simulation report (JSON and CSV in $out/sim/)"
echo "  $out/accuracy.svg      accuracy over time, a 16:9 slide figure"
echo "  $out/assessment.pdf    assessment of the built-in team (JSON in $out/assess/)"
echo "  $out/assessment-zh.pdf the same assessment in Chinese"
echo "  $out/workshop.pdf      workshop over the example teams (JSON in $out/workshop/)"
echo "  $out/heatmap.svg       teams x dimensions, a slide figure"
