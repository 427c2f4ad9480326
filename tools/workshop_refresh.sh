#!/bin/sh
# tools/workshop_refresh.sh BIN: after a change that moves simulated numbers,
# rewrites every figure of docs/workshop.md that differs from what BIN now
# prints. Runs tests/cli/t_workshop_docs.sh, reads its mismatch lines
# ("docs/workshop.md:LINE: quoted Q, but `CMD` prints G (...)") and, on that
# line, replaces the bold **Q** of the marker for CMD and the marker's
# "= Q -->" by G. Then read the prose around each changed figure: the
# numbers are refreshed, their interpretation is yours to check.
# Run from the source root.
set -eu
bin=${1:?usage: tools/workshop_refresh.sh BIN}
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
guide=docs/workshop.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
MLOPSKIT=$bin TMP=$tmp/t sh -c 'mkdir -p "$TMP" && sh tests/cli/t_workshop_docs.sh' \
	>"$tmp/log" 2>&1 || :
grep "^$guide:[0-9]*: quoted .*, but \`.*\` prints " "$tmp/log" >"$tmp/fix" || {
	echo "workshop_refresh: no figure to refresh"; cat "$tmp/log"; exit 0; }
awk -v fixes="$tmp/fix" '
function rep1(s, old, new,   i) {  # first occurrence of old in s from pos
	i = index(s, old)
	return (i == 0) ? s : substr(s, 1, i - 1) new substr(s, i + length(old))
}
BEGIN {
	while ((getline f < fixes) > 0) {
		split(f, a, ":"); ln = a[2] + 0
		q = f; sub(/^[^:]*:[0-9]*: quoted /, "", q); sub(/, but `.*$/, "", q)
		c = f; sub(/^.*, but `/, "", c); sub(/` prints .*$/, "", c)
		g = f; sub(/^.*` prints /, "", g); sub(/ \((metric|ranking|contains) .*$/, "", g)
		n[ln]++; Q[ln, n[ln]] = q; C[ln, n[ln]] = c; G[ln, n[ln]] = g
	}
}
{
	for (k = 1; k <= n[FNR]; k++) {
		key = "**" Q[FNR, k] "**<!-- check: " C[FNR, k] " ::"
		i = index($0, key)
		if (i == 0) { print "workshop_refresh: line " FNR ": marker not found" > "/dev/stderr"; continue }
		head = substr($0, 1, i - 1); rest = substr($0, i)
		rest = rep1(rest, "**" Q[FNR, k] "**", "**" G[FNR, k] "**")
		rest = rep1(rest, "= " Q[FNR, k] " -->", "= " G[FNR, k] " -->")
		$0 = head rest
	}
	print
}' "$guide" >"$tmp/new"
cp "$tmp/new" "$guide"
echo "workshop_refresh: $(wc -l <"$tmp/fix") figure(s) rewritten in $guide; rerun the test"
