#!/bin/sh
# fuzz/run.sh: runs each libFuzzer harness given for $FUZZ_SECONDS seconds
# (default 60) from a seed corpus built from the test fixtures, and fails
# when any harness reports a crash, leak, hang (-timeout) or excess memory
# (-rss_limit_mb). Called by `make fuzz` from the source root; $MLOPSKIT is
# the ordinary binary, used to write fresh result JSON as seeds.
#
# Layout under build/fuzz/run/NAME/: seeds/ (rebuilt every time), corpus/
# (what libFuzzer found interesting, kept between runs), artifacts/ (the
# inputs that failed: copy them to tests/data/bad/ as regression tests,
# docs/hardening.md), log.
set -u
secs=${FUZZ_SECONDS:-60}
# FUZZ_RUNS=N: N inputs per harness from a fixed seed (FUZZ_SEED, default 1)
# and a fresh corpus instead of a time budget: the same result on every
# run of the same build, which is what CI needs
limit="-max_total_time=$secs"
if [ -n "${FUZZ_RUNS:-}" ]; then
	limit="-runs=$FUZZ_RUNS -seed=${FUZZ_SEED:-1}"
fi
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}
top=build/fuzz/run
mkdir -p "$top"

# Every fixture file holding one of the given strings.
fixtures() {
	find tests/data tests/corpus scenarios assess/models -type f \
		-name '*.xml' 2>/dev/null | sort | while read -r f; do
		grep -qF "$1" "$f" && printf '%s\n' "$f"
	done
}

# An XML dictionary: element and attribute names from the schemas.
xml_dict() {
	sed -n 's/.*name="\([A-Za-z0-9_:-]*\)".*/\1/p' scenarios/*.xsd |
		sort -u | while read -r w; do
		printf '"<%s"\n"%s=\\"\\""\n' "$w" "$w"
	done
	printf '"<!DOCTYPE"\n"<!ENTITY"\n"SYSTEM"\n"&amp;"\n"xmlns=\\""\n'
	printf '"urn:mlopskit:scenario:1"\n"urn:mlopskit:model:1"\n'
	printf '"urn:mlopskit:responses:1"\n"NaN"\n"inf"\n"-1"\n"1e308"\n'
}

seed_xml() { # seed_xml DIR NAMESPACE
	for f in $(fixtures "$2"); do
		cp "$f" "$1/$(printf '%s' "$f" | tr '/' '_')"
	done
}

seed_csv() {
	d=$1
	for f in $(find tests/data tests/corpus -name '*.csv' 2>/dev/null | sort); do
		cp "$f" "$d/$(printf '%s' "$f" | tr '/' '_')"
	done
	# reference, NUL, current: the pairs the drift tests compare
	for ref in $(find tests/data tests/corpus -name '*ref*.csv' 2>/dev/null | sort); do
		for cur in "$(dirname "$ref")"/*cur*.csv; do
			[ -f "$cur" ] || continue
			{ cat "$ref"; printf '\000'; cat "$cur"; } > \
				"$d/pair_$(basename "$ref" .csv)_$(basename "$cur" .csv)"
		done
	done
	printf 'time,x,c\n2024-01-01T00:00:00Z,1.5,a\n2024-01-02,2e3,b\n\000time,x,c\n1704067200,1.5,a\n1704153600,-7,"c,d"\n' > "$d/pair_time"
}

seed_json() {
	d=$1
	for f in $(find tests/data tests/corpus -name '*.json' 2>/dev/null | sort); do
		cp "$f" "$d/$(printf '%s' "$f" | tr '/' '_')"
	done
	"$MLOPSKIT" sim scenarios/stable.xml --runs 2 --format json -q \
		> "$d/sim.json" 2>/dev/null
	"$MLOPSKIT" assess --format json > "$d/assess.json" 2>/dev/null
	"$MLOPSKIT" drift tests/data/drift/same_ref.csv \
		tests/data/drift/shift_cur.csv --format json \
		> "$d/drift.json" 2>/dev/null
	for f in "$d"/*.json; do [ -s "$f" ] || rm -f "$f"; done
}

status=0
xml_dict > "$top/xml.dict"
for bin in "$@"; do
	name=$(basename "$bin"); name=${name#fuzz_}
	dir=$top/$name
	rm -rf "$dir/seeds" "$dir/artifacts"
	mkdir -p "$dir/seeds" "$dir/corpus" "$dir/artifacts"
	dict=""
	case $name in
	scenario) seed_xml "$dir/seeds" 'urn:mlopskit:scenario:1'; dict=$top/xml.dict ;;
	model) seed_xml "$dir/seeds" 'urn:mlopskit:model:1'; dict=$top/xml.dict ;;
	responses) seed_xml "$dir/seeds" 'urn:mlopskit:responses:1'; dict=$top/xml.dict ;;
	csv) seed_csv "$dir/seeds" ;;
	json) seed_json "$dir/seeds" ;;
	*) echo "fuzz: no seeds for '$name'"; status=1; continue ;;
	esac
	[ -n "${FUZZ_RUNS:-}" ] && rm -rf "$dir/corpus" && mkdir -p "$dir/corpus"
	echo "fuzz: $name: $(ls "$dir/seeds" | wc -l) seeds, $limit"
	# shellcheck disable=SC2086
	"$bin" $limit -timeout="$timeout" \
		-rss_limit_mb="$rss" -malloc_limit_mb="$rss" \
		-print_final_stats=1 -artifact_prefix="$dir/artifacts/" \
		${dict:+-dict="$dict"} "$dir/corpus" "$dir/seeds" \
		> "$dir/log" 2>&1
	rc=$?
	summary=$(grep -E '^stat::number_of_executed_units|^Done [0-9]+ runs' "$dir/log" | tail -n 1)
	if [ $rc -ne 0 ] || [ -n "$(ls "$dir/artifacts")" ]; then
		status=1
		echo "fuzz: FAIL $name (exit $rc); inputs in $dir/artifacts/, log $dir/log:"
		grep -E 'ERROR|SUMMARY|invariant|runtime error|Test unit written' "$dir/log" | head -n 20 | sed 's/^/    /'
	else
		echo "fuzz: $name: clean ($summary)"
	fi
done
[ $status -eq 0 ] && echo "fuzz: all clean"
exit $status
