#!/bin/sh
# tools/demo.sh BIN OUTDIR: what `make demo` runs after building: the built-in
# simulation and the built-in assessment, with their outputs in OUTDIR.
set -eu
bin=$1; out=$2
mkdir -p "$out"
for cmd in sim assess; do
	if "$bin" --help | grep -q "^  $cmd "; then :; else
		echo "mlopskit: demo: command '$cmd' is not built" >&2; exit 4
	fi
done
echo "== mlopskit sim (built-in default scenario)"
"$bin" sim --out "$out/sim"
echo
echo "== mlopskit assess (built-in example team)"
"$bin" assess --out "$out/assess"
echo
echo "outputs are in $out/"
