# tests/cli/doccheck.sh: checks that the figures a markdown document quotes
# are what the tool prints (sourced, after tests/cli/lib.sh, by
# tests/cli/t_workshop_docs.sh and tools/workshop_refresh.sh). Defines
#
#   doccheck DOC MIN_CHECKS MIN_COMMANDS
#
# which appends one line per problem to $TMP/problems and returns 0 (the
# caller decides when to fail, so that every problem of every document is
# listed). Outputs are cached in $TMP/doccache by command, so a command
# quoted by two documents runs once.
#
# The quoting convention:
#
#    - a figure from a run is written in bold on one line of the markdown
#      source (**0.8062**, **-5.306e+04**, **[0.7887, 0.7894]**, **78.5%**),
#      and on the SAME line a hidden marker says where it comes from:
#
#        <!-- check: COMMAND :: SELECTOR = VALUE -->
#
#      COMMAND is the reader's command as printed in the document
#      (`mlopskit sim scenarios/X.xml --seed 60 --runs 10`), optionally
#      preceded by NAME=VALUE environment settings; a `sim` command must
#      give --seed and --runs explicitly, and the command must appear in the
#      visible text of the document (outside comments). SELECTOR is one of
#        [variant "NAME"] metric METRIC FIELD
#            a row of the sim text table: FIELD is mean, sd, ci (the
#            bracketed "[lo, hi]"), p5, p50, p95, or n (replications in
#            which the metric is defined, "all" when every one); `variant`
#            names the "== variant K: NAME" section and is left out when
#            the scenario has one variant;
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
#    precision, and the document shows exactly what the reader will see.
#    The text output was chosen over the JSON because it is what a reader
#    sees and its layout is fixed by cli/cmd_sim.c: one metric per line
#    (`name mean sd [lo, hi] p5 p50 p95 [(n=K)]`, or `name -` when no
#    replication defines it, `sd` and the CI `-` for one value), variant
#    sections headed `== variant K: NAME`, ranking lines
#    `N. NAME MEAN DIFF [LO, HI]` or `N. NAME MEAN (reference)`; names may
#    hold blanks, so ranking lines are read from the end.
#
# A mismatch is reported as
#   DOC:LINE: quoted Q, but `COMMAND` prints G (KIND ...)
# in $TMP/problems, and as the tab-separated record DOC, LINE, RANK (of the
# marker among the check markers of its line), Q, G in $TMP/mismatches,
# which tools/workshop_refresh.sh reads to rewrite Q as G.

# doccheck_marks DOC: one tab-separated record per marker on stdout (line,
# the marker's rank among the check markers of its line (1, 2, ...),
# command, kind, variant, metric, field, text, value); lines starting with
# ERR are convention violations found while reading.
doccheck_marks() {
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
	line = $0; vis = ""; nm = 0; rank = 0
	while ((p = index(line, "<!--")) > 0) {
		vis = vis substr(line, 1, p - 1)
		rest = substr(line, p + 4); e = index(rest, "-->")
		if (e == 0) { bad("unterminated comment"); line = ""; break }
		body = trim(substr(rest, 1, e - 1)); line = substr(rest, e + 3)
		if (substr(body, 1, 6) != "check:") continue
		body = trim(substr(body, 7)); rank++
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
		print FNR "\t" rank "\t" cmd "\t" kind "\t" variant "\t" metric "\t" field "\t" text "\t" val
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
		if (index(alltext, shown) == 0) print "ERR\t" FILENAME ": command not shown in the document: " shown
	}
}' "$1"
}

# doccheck_output CMD WHERE: sets $dc_out to the path of CMD's output,
# blanks squeezed, running CMD the first time; a failure is a problem of
# WHERE (DOC:LINE).
doccheck_output() {
	dc_cmd=$1; dc_where=$2
	dc_out="$TMP/doccache/$(printf '%s' "$dc_cmd" | cksum | cut -d' ' -f1)"
	[ -e "$dc_out" ] && return 0
	mkdir -p "$TMP/doccache"
	# NAME=VALUE settings go through env; `mlopskit` is the binary under
	# test; the rest is split on blanks and globbed (from the source root)
	# as a shell would
	# shellcheck disable=SC2086
	set -- $dc_cmd
	dc_envs=""
	while [ "$1" != mlopskit ]; do dc_envs="$dc_envs $1"; shift; done
	shift
	dc_rc=0
	# shellcheck disable=SC2086
	case "$1" in
	sim) env $dc_envs "$MLOPSKIT" "$@" --quiet </dev/null >"$dc_out.raw" 2>"$dc_out.err" || dc_rc=$? ;;
	*) env $dc_envs "$MLOPSKIT" "$@" </dev/null >"$dc_out.raw" 2>"$dc_out.err" || dc_rc=$? ;;
	esac
	# drift exits 1 for a drifted dataset: a verdict, not a failure
	if [ "$dc_rc" -ne 0 ] && ! { [ "$1" = drift ] && [ "$dc_rc" -eq 1 ]; }; then
		echo "$dc_where: \`$dc_cmd\` exits $dc_rc: $(head -c 300 "$dc_out.err")" >>"$TMP/problems"
	fi
	sed 's/[ \t][ \t]*/ /g; s/^ //; s/ $//' "$dc_out.raw" >"$dc_out"
}

# doccheck DOC MIN_CHECKS MIN_COMMANDS: checks every marker of DOC (problems
# to $TMP/problems); DOC must hold at least MIN_CHECKS markers and
# MIN_COMMANDS distinct commands.
doccheck() {
	dc_doc=$1
	[ -s "$dc_doc" ] || { echo "$dc_doc missing or empty" >>"$TMP/problems"; return 0; }
	doccheck_marks "$dc_doc" >"$TMP/marks" || {
		echo "$dc_doc: awk failed" >>"$TMP/problems"; return 0; }
	grep '^ERR' "$TMP/marks" | cut -f2- >>"$TMP/problems"
	grep -v '^ERR' "$TMP/marks" >"$TMP/checks" || true
	nchecks=$(wc -l <"$TMP/checks")
	[ "$nchecks" -ge "$2" ] ||
		echo "$dc_doc: only $nchecks checked figures (want at least $2)" >>"$TMP/problems"
	ncmds=$(cut -f3 "$TMP/checks" | sort -u | wc -l)
	[ "$ncmds" -ge "$3" ] ||
		echo "$dc_doc: only $ncmds distinct commands checked (want at least $3)" >>"$TMP/problems"

	tab=$(printf '\t')
	while IFS="$tab" read -r ln rank cmd kind variant metric field text val; do
		doccheck_output "$cmd" "$dc_doc:$ln"
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
		END { print (found == "") ? "(not found)" : found }' "$dc_out")
		if [ "$kind" = contains ]; then
			[ "$got" = yes ] || echo "$dc_doc:$ln: \`$cmd\` prints no line holding \"$text\"" >>"$TMP/problems"
		elif [ "$got" != "$val" ]; then
			echo "$dc_doc:$ln: quoted $val, but \`$cmd\` prints $got ($kind${variant:+ \"$variant\"} $metric $field)" >>"$TMP/problems"
			printf '%s\t%s\t%s\t%s\t%s\n' "$dc_doc" "$ln" "$rank" "$val" "$got" >>"$TMP/mismatches"
		fi
	done <"$TMP/checks"
	return 0
}
