# tests/cli/t_engines_agree.sh: the aggregate engine (`sim --engine
# aggregate`) agrees with the per-request engine in distribution (issue 7).
# Every shipped scenario (scenarios/*.xml) runs R = 16 replications under
# each engine, with different seeds so that the two samples are
# independent; for every variant and summary metric the helper
# tests/cli/engines_agree.c checks that the two means differ by no more
# than their Monte Carlo error: Welch's t (each side with its own n, as a
# metric may be undefined in some replications), and for a metric undefined
# in some replications also the share of replications it is defined in; a
# metric constant under both engines must have one value. Family-wise
# false-alarm rate ALPHA = 0.001 by Bonferroni over about 1900 comparisons
# (t quantiles from GSL): a correct aggregate engine fails with probability
# at most 0.001 over the choice of seeds. The seeds are fixed, so a passing
# run keeps passing until a change moves the random streams.
#
# Calibration: A/A runs (request against request and aggregate against
# aggregate, seeds apart) at R = 10 and 16 never failed, and their largest
# |t| was 0.41 to 0.47 of its threshold, as in the A/B runs (0.42 to 0.48):
# the extreme of some 600 t-tests, |t| about 3.
#
# Power: the per-test threshold is |t| <= 6.6 at df 30 (higher where one
# engine's sample dominates), so a bias of (6.6 + 0.84) sqrt(2 / 16) = 2.6
# per-replication sds of the metric is caught with probability 0.8; e.g.
# 0.0026 in stable.xml's accuracy_mean (sd 0.001), 1.3 in
# deployment-strategies' false_alarms (sd 0.5 to 1.4). A wrong law, a
# missing term or a lost request shows; a bias only thousands of
# replications resolve does not. A constant pair that differs always fails:
# by chance that has probability below 5e-10 at 2 x 16 replications.
#
# Cost: about 57 s of CPU in all (the request engine about 60 % of it), 30 s
# on an idle 2-core machine. Sanitizer builds (make check SANITIZE=...,
# which make exports to this script) run R = 2: every scenario still goes
# through both engines and the helper at the same false-alarm rate, with
# no power to speak of; the statistics are the ordinary build's job.
#
# Last, the same seed gives byte-identical aggregate results with one and
# with two threads.
. tests/cli/lib.sh

helper=${MLOPSKIT%/bin/mlopskit}/tests/engines_agree
[ -x "$helper" ] || fail "$helper missing: 'make check-build' builds it"

if [ -n "${SANITIZE:-}" ]; then runs=2; else runs=16; fi
alpha=0.001

files=""
n=0
for sc in scenarios/*.xml; do
	base=$(basename "$sc" .xml)
	run sim "$sc" --format json -q --runs "$runs" --seed 1001 --engine request
	expect_rc 0
	mv "$TMP/out" "$TMP/$base.request.json"
	run sim "$sc" --format json -q --runs "$runs" --seed 2002 --engine aggregate
	expect_rc 0
	mv "$TMP/out" "$TMP/$base.aggregate.json"
	files="$files $TMP/$base.request.json $TMP/$base.aggregate.json"
	n=$((n + 1))
done
[ "$n" -ge 12 ] || fail "only $n scenarios in scenarios/ (want at least 12)"

# shellcheck disable=SC2086
"$helper" "$alpha" $files >"$TMP/agree" 2>&1 || {
	# the failures and the summary; run.sh shows a script's last 20 lines
	grep -v '^closest' "$TMP/agree" >&2
	fail "the engines disagree (runs $runs, seeds 1001 request, 2002 aggregate)"
}

# reproducibility: a scenario with six variants, one thread against two
sc=scenarios/ground-truth-delay.xml
run sim "$sc" --format json -q --runs 4 --seed 7 --engine aggregate --threads 1
expect_rc 0
mv "$TMP/out" "$TMP/t1.json"
run sim "$sc" --format json -q --runs 4 --seed 7 --engine aggregate --threads 2
expect_rc 0
cmp -s "$TMP/t1.json" "$TMP/out" ||
	fail "$sc: --engine aggregate --seed 7 differs between --threads 1 and 2"
grep -q '"engine": "aggregate"' "$TMP/out" || fail "$sc: engine not recorded as aggregate"
