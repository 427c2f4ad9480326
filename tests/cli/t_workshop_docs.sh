# tests/cli/t_workshop_docs.sh: the workshop material cannot drift from the
# code (issue 10).
#
# 1. Every file named in docs/concepts.md, docs/concepts.zh.md and
#    docs/workshop.md exists: scenarios/*.xml run (one replication each),
#    scenarios/teams/*.xml validate, docs/workshop/*.csv are there.
# 2. Every figure quoted in docs/workshop.md (the facilitator's guide) and
#    docs/scenarios.md (the scenario catalogue) is what the tool prints for
#    the stated command and seed: each bold figure carries a hidden marker
#    `<!-- check: COMMAND :: SELECTOR = VALUE -->`; the convention and the
#    checker are in tests/cli/doccheck.sh. Each distinct command runs once
#    for both documents; all mismatches are listed before the test fails.
# 3. docs/scenarios.md has an entry for every scenarios/*.xml: a heading
#    naming the file and at least one checked figure of a command that runs
#    the file with its own seed (the <runs seed="..."> it declares).
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
. tests/cli/doccheck.sh
catalogue=docs/scenarios.md
: >"$TMP/problems"
doccheck "$guide" 30 8
doccheck "$catalogue" 60 22

# --- 3. the catalogue covers every shipped scenario ----------------------
for sc in scenarios/*.xml; do
	b=${sc#scenarios/}
	seed=$(sed -n 's/.*<runs [^>]*seed="\([0-9]*\)".*/\1/p' "$sc" | head -n 1)
	[ -n "$seed" ] || { echo "$sc: no <runs seed=...>" >>"$TMP/problems"; continue; }
	grep -q "^#.*\`$b\`" "$catalogue" ||
		echo "$catalogue: no heading names \`$b\`" >>"$TMP/problems"
	grep -qF "<!-- check: mlopskit sim $sc --seed $seed --runs " "$catalogue" ||
		echo "$catalogue: no checked figure of \`mlopskit sim $sc --seed $seed --runs N\`" >>"$TMP/problems"
done

if [ -s "$TMP/problems" ]; then
	cat "$TMP/problems" >&2
	fail "$(wc -l <"$TMP/problems") problem(s) in the workshop docs"
fi
