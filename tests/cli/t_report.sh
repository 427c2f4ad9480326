# tests/cli/t_report.sh: mlopskit report re-renders saved results (sim,
# assess, drift) to PDF, SVG and PNG, whole or one figure; errors and exit
# codes; sim/assess --out write report.pdf; --report/--figure.
. tests/cli/lib.sh

# "W x H" from a PNG's IHDR chunk (bytes 16-23, big-endian), with od: the
# file(1) command is not on every fresh Debian system
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{print $1*16777216+$2*65536+$3*256+$4 " x " $5*16777216+$6*65536+$7*256+$8}'
}

fix=tests/data/report/sim-two.json

# a simulation result to every format
run report "$fix" -o "$TMP/s.pdf"
expect_rc 0
expect_file "$TMP/s.pdf"
pdftotext "$TMP/s.pdf" - | grep -q "DORA for models" || fail "sim pdf lacks the DORA table"
run report "$fix" -o "$TMP/s.svg"
expect_rc 0
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$TMP/s.svg" || fail "s.svg is not well-formed"
fi
run report "$fix" -o "$TMP/s.png"
expect_rc 0
[ "$(png_size "$TMP/s.png")" = "1191 x 1684" ] || fail "page png: $(png_size "$TMP/s.png")"

# one figure on a 16:9 slide (960 x 540 pt, 2 px per point)
run report "$fix" -o "$TMP/f.png" --figure accuracy-2
expect_rc 0
[ "$(png_size "$TMP/f.png")" = "1920 x 1080" ] || fail "figure png: $(png_size "$TMP/f.png")"
run report "$fix" -o "$TMP/f.svg" -F comparison
expect_rc 0
grep -q "<svg" "$TMP/f.svg" || fail "figure svg"
run report "$fix" -o "$TMP/zh.pdf" --lang zh
expect_rc 0
pdftotext "$TMP/zh.pdf" - | grep -q "金丝雀发布" || fail "--lang zh lesson missing"

# the same JSON gives the same bytes
run report "$fix" -o "$TMP/s2.pdf"
cmp -s "$TMP/s.pdf" "$TMP/s2.pdf" || fail "re-render differs"

# assess --out writes the JSON and report.pdf; report re-renders it identically
run assess --out "$TMP/a" scenarios/teams/recsys-2024q3.xml
expect_rc 0
expect_file "$TMP/a/report.pdf"
run report "$TMP/a/assessment.json" -o "$TMP/a2.pdf"
expect_rc 0
cmp -s "$TMP/a/report.pdf" "$TMP/a2.pdf" || fail "assess report differs from re-render"
run report "$TMP/a/assessment.json" -o "$TMP/a.pdf" --lang zh
expect_rc 0
expect_err_has "its texts stay in 'en'"
run assess --report "$TMP/radar.svg" --figure radar scenarios/teams/recsys-2024q3.xml
expect_rc 0
expect_file "$TMP/radar.svg"
run assess --figure radar
expect_rc 2
expect_err_has "--figure needs --report FILE"
run assess --report "$TMP/x.txt"
expect_rc 2
expect_err_has "must end in .pdf, .svg or .png"

# sim --out writes report.pdf beside the JSON; --report picks another file
run sim tests/data/sim/good/minimal.xml --runs 2 --quiet --out "$TMP/o" --report "$TMP/o/acc.svg" --figure accuracy
expect_rc 0
expect_file "$TMP/o/summary.json"
expect_file "$TMP/o/acc.svg"
expect_no_file "$TMP/o/report.pdf"
run sim tests/data/sim/good/minimal.xml --runs 2 --quiet --out "$TMP/o2"
expect_rc 0
expect_file "$TMP/o2/report.pdf"
run report "$TMP/o2/summary.json" -o "$TMP/o2/again.pdf"
expect_rc 0
cmp -s "$TMP/o2/report.pdf" "$TMP/o2/again.pdf" || fail "sim report differs from re-render"

# a drift result re-renders
printf 'a,b\n1,x\n2,y\n3,x\n4,y\n5,x\n6,y\n7,x\n8,y\n' >"$TMP/r.csv"
printf 'a,b\n11,x\n12,x\n13,x\n14,x\n15,x\n16,x\n17,x\n18,x\n' >"$TMP/c.csv"
run drift "$TMP/r.csv" "$TMP/c.csv" --out "$TMP/d"
[ "$rc" -le 1 ] || fail "drift exit $rc"
run report "$TMP/d/drift.json" -o "$TMP/d2.pdf"
expect_rc 0
cmp -s "$TMP/d/report.pdf" "$TMP/d2.pdf" || fail "drift report differs from re-render"
run report "$TMP/d/drift.json" -o "$TMP/d2.svg" --figure x
expect_rc 2
expect_err_has "a drift result has no figures"

# errors
run report "$fix"
expect_rc 2
expect_err_has "missing -o FILE.{pdf,svg,png}"
run report "$fix" -o "$TMP/x.doc"
expect_rc 2
expect_err_has "must end in .pdf, .svg or .png"
run report "$fix" -o "$TMP/x.pdf" --figure pie
expect_rc 2
expect_err_has "unknown figure 'pie' for this result (accuracy, accuracy-1..accuracy-2, value, comparison)"
printf '{\n  "format": "mlopskit.sim-result/1",\n  "scenario": [\n' >"$TMP/bad.json"
run report "$TMP/bad.json" -o "$TMP/x.pdf"
expect_rc 3
expect_err_has "mlopskit: $TMP/bad.json:4: error:"
expect_no_file "$TMP/x.pdf"
printf '{\n  "format": "mlopskit.other/9"\n}\n' >"$TMP/other.json"
run report "$TMP/other.json" -o "$TMP/x.pdf"
expect_rc 3
expect_err "mlopskit: $TMP/other.json:2: error: unknown format 'mlopskit.other/9' (expected 'mlopskit.sim-result/1', 'mlopskit.assessment/1' or 'mlopskit.drift-result/1')"
printf '{"format": "mlopskit.sim-result/1", "scenario": {"title": "t", "steps": 3}, "runs": 2}\n' >"$TMP/miss.json"
run report "$TMP/miss.json" -o "$TMP/x.pdf"
expect_rc 3
expect_err "mlopskit: $TMP/miss.json: error: missing or empty array 'variants'"
expect_no_file "$TMP/x.pdf"
run report "$TMP/nope.json" -o "$TMP/x.pdf"
expect_rc 4
# unwritable output: exit 4, nothing left behind
mkdir "$TMP/ro"
run report "$fix" -o "$TMP/ro/missing/x.pdf"
expect_rc 4
expect_no_file "$TMP/ro/missing/x.pdf"
ls "$TMP/ro" | grep -q . && fail "partial files left in $TMP/ro"
exit 0
