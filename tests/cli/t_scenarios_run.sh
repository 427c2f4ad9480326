# tests/cli/t_scenarios_run.sh: every shipped scenario (scenarios/*.xml)
# runs with two replications, exits 0, and its JSON result carries exactly
# one variant per variant the file declares: the explicit <variant>s (one
# when there are none) times the number of values of each <sweep>.
. tests/cli/lib.sh

# declared FILE: prints the number of variants FILE declares. Reads the
# <variant name=...> and <sweep ... values="..."> tags, each on one line as
# the shipped files write them.
declared() {
	awk '
	/<variant[ \t>]/ { nexp++ }
	/<sweep[ \t]/ {
		if (match($0, /values="[^"]*"/)) {
			v = substr($0, RSTART + 8, RLENGTH - 9)
			prod *= split(v, parts, /[ \t]+/)
		}
	}
	BEGIN { nexp = 0; prod = 1 }
	END { print (nexp > 0 ? nexp : 1) * prod }
	' "$1"
}

n=0
for sc in scenarios/*.xml; do
	run sim "$sc" --runs 2 --quiet --format json
	expect_rc 0
	want=$(declared "$sc")
	# each variant object carries one "lifecycle" member, nothing else does
	got=$(grep -c '"lifecycle": {' "$TMP/out")
	[ "$got" -eq "$want" ] ||
		fail "$sc: $got variants in the JSON, $want declared"
	grep -q '"runs": 2' "$TMP/out" || fail "$sc: runs not recorded as 2"
	n=$((n + 1))
done
[ "$n" -ge 12 ] || fail "only $n scenarios in scenarios/ (want at least 12)"
