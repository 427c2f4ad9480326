#!/bin/sh
# tools/workshop_refresh.sh BIN [DOC...]: after a change that moves simulated
# numbers, rewrites every quoted figure of each DOC (default:
# docs/workshop.md docs/scenarios.md) that differs from what BIN now prints.
# Checks each DOC with tests/cli/doccheck.sh (the checker of
# tests/cli/t_workshop_docs.sh; the quoting convention is described there),
# reads its mismatches (marker by marker: doc, line, rank of the marker on
# its line, quoted Q, printed G) and replaces, in that marker, "= Q -->" by
# "= G -->" and the bold **Q** nearest before it (after the previous
# comment) by **G**. Problems it cannot fix (a `contains` text no
# longer printed, a figure no longer found, a command that fails, a broken
# marker) are listed for a hand edit. Then read the prose around each
# changed figure (`git diff DOC`): the numbers are refreshed, their
# interpretation is yours to check; rerun the test.
# Run from the source root.
set -eu
bin=${1:?usage: tools/workshop_refresh.sh BIN [DOC...]}
shift
case "$bin" in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "workshop_refresh: $bin is not an executable" >&2; exit 2; }
[ $# -gt 0 ] || set -- docs/workshop.md docs/scenarios.md
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/t"
MLOPSKIT=$bin TMP=$tmp/t sh -c '
	. tests/cli/lib.sh
	. tests/cli/doccheck.sh
	: >"$TMP/problems"
	for d in "$@"; do doccheck "$d" 0 0; done' sh "$@"
problems=$tmp/t/problems
mism=$tmp/t/mismatches
touch "$mism"
for doc in "$@"; do
	# figures to rewrite: DOC LINE RANK Q G, G a figure the tool printed
	awk -F '\t' -v d="$doc" '$1 == d && $5 != "(not found)" && $5 != "?field"' \
		"$mism" >"$tmp/fix"
	# everything else is for a hand edit
	grep -F "$doc" "$problems" | grep -v "^$doc:[0-9]*: quoted .*, but \`.*\` prints " \
		>"$tmp/hand" || :
	grep "^$doc:[0-9]*: quoted .*, but \`.*\` prints \((not found)\|?field\) (" \
		"$problems" >>"$tmp/hand" || :
	if [ -s "$tmp/fix" ]; then
		awk -v fixes="$tmp/fix" '
		BEGIN {
			FS = "\t"
			while ((getline f < fixes) > 0) {
				split(f, a, "\t")
				Q[a[2] + 0, a[3] + 0] = a[4]; G[a[2] + 0, a[3] + 0] = a[5]
			}
			FS = " "
		}
		# the marker of rank k on the line: its bold figure is the last
		# **Q** between the end of the previous comment and the marker
		{
			out = ""; rest = $0; k = 0; seg = ""
			while ((p = index(rest, "<!--")) > 0) {
				seg = seg substr(rest, 1, p - 1); rest = substr(rest, p)
				e = index(rest, "-->")
				if (e == 0) break
				com = substr(rest, 1, e + 2); rest = substr(rest, e + 3)
				if (com ~ /^<!--[ \t]*check:/) {
					k++
					if ((FNR, k) in Q) {
						q = "**" Q[FNR, k] "**"; g = "**" G[FNR, k] "**"
						i = 0; t = seg
						while ((j = index(t, q)) > 0) { i += j; t = substr(t, j + 1) }
						vq = "= " Q[FNR, k] " -->"
						if (i == 0 || substr(com, length(com) - length(vq) + 1) != vq)
							printf "workshop_refresh: %s:%d: marker %d: **%s** or its value not found\n", FILENAME, FNR, k, Q[FNR, k] > "/dev/stderr"
						else {
							seg = substr(seg, 1, i - 1) g substr(seg, i + length(q))
							com = substr(com, 1, length(com) - length(vq)) "= " G[FNR, k] " -->"
						}
					}
				}
				out = out seg com; seg = ""
			}
			print out seg rest
		}' "$doc" >"$tmp/new"
		cp "$tmp/new" "$doc"
	fi
	echo "workshop_refresh: $(wc -l <"$tmp/fix") figure(s) rewritten in $doc"
	if [ -s "$tmp/hand" ]; then
		echo "workshop_refresh: $(wc -l <"$tmp/hand") problem(s) in $doc need a hand edit:"
		sed 's/^/  /' "$tmp/hand"
	fi
done
echo "workshop_refresh: now read the prose around each change (git diff $*) and rerun tests/cli/t_workshop_docs.sh"
