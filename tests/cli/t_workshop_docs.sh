# tests/cli/t_workshop_docs.sh: the workshop material cannot drift from the
# code (issue 10).
#
# 1. Every file named in docs/concepts.md, docs/concepts.zh.md and
#    docs/workshop.md exists: scenarios/*.xml run (one replication each),
#    scenarios/teams/*.xml validate, docs/workshop/*.csv are there.
# 2. Every figure quoted in docs/workshop.md is what the tool prints for the
#    stated command and seed. The quoting convention:
#
#    - a figure from a run is written in bold on one line of the markdown
#      source (**0.8062**, **-5.306e+04**, **[0.7887, 0.7894]**, **78.5%**),
#      and on the SAME line a hidden marker says where it comes from:
#
#        <!-- check: COMMAND :: SELECTOR = VALUE -->
#
#      COMMAND is the facilitator's command as printed in the guide
#      (`mlopskit sim scenarios/X.xml --seed 60 --runs 10`), optionally
#      preceded by NAME=VALUE environment settings; a `sim` command must
#      give --seed and --runs explicitly, and the command must appear in the
#      visible text of the guide (outside comments). SELECTOR is one of
#        [variant "NAME"] metric METRIC FIELD
#            a row of the sim text table: FIELD is mean, sd, ci (the
#            bracketed "[lo, hi]"), p5, p50, p95, or n (replications in
#            which the metric is defined); `variant` names the
#            "== variant K: NAME" section and is left out when the scenario
#            has one variant;
#        ranking "NAME" FIELD
#            a line of the closing ranking block: mean, diff (the paired
#            difference against the reference) or ci (its "[lo, hi]");
#        contains "TEXT"
#            the output, blanks squeezed, holds TEXT on one line, and VALUE
#            is part of TEXT (for assess and drift output);
#      (`::`, not `|`, separates them, so a marker can sit in a
#      markdown table cell);
#    - the marker's VALUE must appear in bold on its line, and every bold
#      figure on a line must be the VALUE of a marker on that line.
#
#    Comparison is exact on the printed token: the text output prints 4
#    significant digits (%.4g), so an exact match is a match to the printed
#    precision, and the guide shows exactly what the facilitator will see.
#    The text output was chosen over the JSON because it is what the room
#    sees and its layout is fixed by cli/cmd_sim.c: one metric per line
#    (`name mean sd [lo, hi] p5 p50 p95 [(n=K)]`, or `name -` when no
#    replication defines it, `sd` and the CI `-` for one value), variant
#    sections headed `== variant K: NAME`, ranking lines
#    `N. NAME MEAN DIFF [LO, HI]` or `N. NAME MEAN (reference)`; names may
#    hold blanks, so ranking lines are read from the end.
#
#    Each distinct COMMAND runs once (outputs cached by command); all
#    mismatches are listed before the test fails.
. tests/cli/lib.sh

docs="docs/concepts.md docs/concepts.zh.md docs/workshop.md"
guide=docs/workshop.md
for d in $docs; do [ -s "$d" ] || fail "$d missing or empty"; done

# --- 1. named files exist and run ---------------------------------------
# shellcheck disable=SC2086
scen=$(grep -ohE 'scenarios/[A-Za-z0-9._-]+\.xml' $docs | sort -u)
[ -n "$scen" ] || fail "no scenario named in $docs"
nsc=0
for sc in $scen; do
	[ -f "$sc" ] || fail "$sc is named in the workshop docs but does not exist"
	run sim "$sc" --runs 1 --seed 1 --threads 1 --quiet --format json
	[ "$rc" -eq 0 ] || fail "$sc does not run (exit $rc): $(head -c 300 "$TMP/err")"
	nsc=$((nsc + 1))
done
[ "$nsc" -ge 15 ] || fail "only $nsc scenarios named in the workshop docs"
# shellcheck disable=SC2086
for f in $(grep -ohE 'scenarios/teams/[A-Za-z0-9._-]+\.xml|docs/workshop/[A-Za-z0-9._-]+\.csv' $docs | sort -u); do
	[ -f "$f" ] || fail "$f is named in the workshop docs but does not exist"
	case "$f" in
	*.xml) run validate "$f"; expect_rc 0 ;;
	esac
done

# --- 2. quoted figures ---------------------------------------------------
# One record per marker, tab-separated: line, command, kind, variant,
# metric, field, text, value. Lines starting with ERR are convention
# violations found while reading.
awk '
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function quoted(s,   q) {        # the "..." at the start of s -> QV, rest -> QR
	if (substr(s, 1, 1) != "\"") return 0
	q = index(substr(s, 2), "\"")
	if (q == 0) return 0
	QV = substr(s, 2, q - 1); QR = trim(substr(s, q + 2)); return 1
}
function bad(msg) { print "ERR\t" FILENAME ":" FNR ": " msg }
{
	line = $0; vis = ""; nm = 0
	while ((p = index(line, "<!--")) > 0) {
		vis = vis substr(line, 1, p - 1)
		rest = substr(line, p + 4); e = index(rest, "-->")
		if (e == 0) { bad("unterminated comment"); line = ""; break }
		body = trim(substr(rest, 1, e - 1)); line = substr(rest, e + 3)
		if (substr(body, 1, 6) != "check:") continue
		body = trim(substr(body, 7))
		bar = index(body, " :: ")
		eq = 0; t = body
		while ((k = index(t, " = ")) > 0) { eq += k + 2; t = substr(t, k + 3) }
		if (bar == 0 || eq == 0) { bad("marker needs COMMAND :: SELECTOR = VALUE: " body); continue }
		cmd = trim(substr(body, 1, bar - 1))
		sel = trim(substr(body, bar + 4, eq - 2 - (bar + 4)))
		val = trim(substr(body, eq + 1))
		variant = "-"; metric = "-"; field = "-"; text = "-"
		if (sel ~ /^variant /) {
			if (!quoted(trim(substr(sel, 8)))) { bad("variant needs a quoted name: " sel); continue }
			variant = QV; sel = QR
		}
		n = split(sel, w, " ")
		if (w[1] == "metric" && n == 3) { kind = "metric"; metric = w[2]; field = w[3] }
		else if (w[1] == "ranking" && quoted(trim(substr(sel, 8)))) {
			kind = "ranking"; variant = QV; field = QR
		} else if (w[1] == "contains" && quoted(trim(substr(sel, 9))) && QR == "") {
			kind = "contains"; text = QV
			if (index(text, val) == 0) bad("value " val " is not part of the text \"" text "\"")
		} else { bad("unknown selector: " sel); continue }
		if (cmd !~ /^([A-Z_][A-Z0-9_]*=[^ ]* )*mlopskit /) { bad("command must be [NAME=VALUE ...] mlopskit ARGS: " cmd); continue }
		if (cmd ~ /mlopskit sim / && (cmd !~ / --seed [0-9]/ || cmd !~ / --runs [0-9]/))
			bad("a sim command must give --seed and --runs: " cmd)
		cmds[cmd] = 1
		nm++; mval[nm] = val
		print FNR "\t" cmd "\t" kind "\t" variant "\t" metric "\t" field "\t" text "\t" val
	}
	vis = vis line; alltext = alltext "\n" vis
	for (i = 1; i <= nm; i++)
		if (index(vis, "**" mval[i] "**") == 0) bad("value " mval[i] " is not written in bold on its line")
	# every bold figure on the line is some marker value of the line
	t = vis
	while ((p = index(t, "**")) > 0) {
		t = substr(t, p + 2); e = index(t, "**")
		if (e == 0) break
		fig = substr(t, 1, e - 1); t = substr(t, e + 2)
		# a figure: a number, signed, bracketed, a range or a percentage
		if (fig !~ /^[-+[]?[0-9][-+0-9.,e% \]]*$/) continue
		ok = 0
		for (i = 1; i <= nm; i++) if (mval[i] == fig) ok = 1
		if (!ok) bad("bold figure " fig " has no check marker on its line")
	}
}
END {
	for (c in cmds) {
		shown = c; sub(/^([A-Z_][A-Z0-9_]*=[^ ]* )*/, "", shown)
		if (index(alltext, shown) == 0) print "ERR\t" FILENAME ": command not shown in the guide: " shown
	}
}' "$guide" >"$TMP/marks" || fail "awk failed on $guide"

grep '^ERR' "$TMP/marks" | cut -f2- >"$TMP/problems"
grep -v '^ERR' "$TMP/marks" >"$TMP/checks" || true
nchecks=$(wc -l <"$TMP/checks")
[ "$nchecks" -ge 30 ] || echo "$guide: only $nchecks checked figures (want at least 30)" >>"$TMP/problems"

mkdir -p "$TMP/cache"
ncmd=0
tab=$(printf '\t')
while IFS="$tab" read -r ln cmd kind variant metric field text val; do
	key=$(printf '%s' "$cmd" | cksum | cut -d' ' -f1)
	out="$TMP/cache/$key"
	if [ ! -e "$out" ]; then
		# NAME=VALUE settings go through env; `mlopskit` is the binary
		# under test; the rest is split on blanks and globbed (from the
		# source root) as a shell would
		# shellcheck disable=SC2086
		set -- $cmd
		envs=""
		while [ "$1" != mlopskit ]; do envs="$envs $1"; shift; done
		shift
		rc=0
		# shellcheck disable=SC2086
		case "$1" in
		sim) env $envs "$MLOPSKIT" "$@" --quiet </dev/null >"$out.raw" 2>"$out.err" || rc=$? ;;
		*) env $envs "$MLOPSKIT" "$@" </dev/null >"$out.raw" 2>"$out.err" || rc=$? ;;
		esac
		# drift exits 1 for a drifted dataset: a verdict, not a failure
		if [ "$rc" -ne 0 ] && ! { [ "$1" = drift ] && [ "$rc" -eq 1 ]; }; then
			echo "$guide:$ln: \`$cmd\` exits $rc: $(head -c 300 "$out.err")" >>"$TMP/problems"
		fi
		sed 's/[ \t][ \t]*/ /g; s/^ //; s/ $//' "$out.raw" >"$out"
		ncmd=$((ncmd + 1))
	fi
	got=$(awk -v kind="$kind" -v variant="$variant" -v metric="$metric" \
		-v field="$field" -v text="$text" '
	BEGIN { sec = (variant == "-" || kind == "ranking") ? 1 : 0; found = "" }
	kind == "contains" { if (index($0, text)) found = "yes"; next }
	/^== variant [0-9]+: / {
		name = $0; sub(/^== variant [0-9]+: /, "", name)
		sec = (variant == "-") ? 0 : (name == variant); next
	}
	/^ranking on / { inrank = 1; next }
	kind == "ranking" && inrank && /^[0-9]+\. / {
		if ($NF == "(reference)") { last = NF - 2; mean = $(NF - 1); diff = "(reference)"; ci = "-" }
		else { last = NF - 4; mean = $(NF - 3); diff = $(NF - 2); ci = $(NF - 1) " " $NF }
		name = $2; for (i = 3; i <= last; i++) name = name " " $i
		if (name == variant)
			found = (field == "mean") ? mean : (field == "diff") ? diff : (field == "ci") ? ci : "?field"
		next
	}
	kind == "metric" && sec && $1 == metric && found == "" {
		if ($2 == "-") { found = "-"; next }
		nn = "all"
		if ($NF ~ /^\(n=[0-9]+\)$/) { nn = substr($NF, 4, length($NF) - 4) }
		if ($3 == "-") { sd = "-"; ci = "-"; b = 4 } else { sd = $3; ci = $4 " " $5; b = 6 }
		v["mean"] = $2; v["sd"] = sd; v["ci"] = ci
		v["p5"] = $b; v["p50"] = $(b + 1); v["p95"] = $(b + 2); v["n"] = nn
		found = (field in v) ? v[field] : "?field"
	}
	END { print (found == "") ? "(not found)" : found }' "$out")
	if [ "$kind" = contains ]; then
		[ "$got" = yes ] || echo "$guide:$ln: \`$cmd\` prints no line holding \"$text\"" >>"$TMP/problems"
	elif [ "$got" != "$val" ]; then
		echo "$guide:$ln: quoted $val, but \`$cmd\` prints $got ($kind${variant:+ \"$variant\"} $metric $field)" >>"$TMP/problems"
	fi
done <"$TMP/checks"

if [ -s "$TMP/problems" ]; then
	cat "$TMP/problems" >&2
	fail "$(wc -l <"$TMP/problems") problem(s) in the workshop docs"
fi
[ "$ncmd" -ge 8 ] || fail "only $ncmd distinct commands checked in $guide"
