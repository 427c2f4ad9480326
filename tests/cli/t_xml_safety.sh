# tests/cli/t_xml_safety.sh: the XML limits too big to keep as files
# (docs/formats.md#xml-safety), generated here: a file over 16 MiB, an
# element with 100 000 attributes (libxml2 2.9 alone would take minutes:
# refused at once, well inside the 20 s allowed), and 1 000 001 elements.
# The small cases (DOCTYPE, entities, depth, 300 attributes) are in the
# corpus (tests/corpus/xml/, t_corpus.sh).
. tests/cli/lib.sh

gen() { # gen FILE HEAD UNIT COUNT TAIL: HEAD, COUNT times UNIT, TAIL
	awk -v h="$2" -v u="$3" -v n="$4" -v t="$5" 'BEGIN {
		printf "%s", h; for (i = 0; i < n; i++) printf u, i; printf "%s\n", t }' > "$1"
}
within() { # within SECONDS ARGS...: run, failing if it takes longer
	limit=$1; shift
	start=$(date +%s)
	run "$@"
	took=$(($(date +%s) - start))
	[ $took -le "$limit" ] || fail "mlopskit $* took ${took}s (limit ${limit}s)"
}

head='<?xml version="1.0"?>
<scenario xmlns="urn:mlopskit:scenario:1"><description>'
gen "$TMP/huge.xml" "$head" 'xxxxxxxxxxxxxxxx' 1100000 '</description></scenario>'
[ "$(wc -c < "$TMP/huge.xml")" -gt 16777216 ] || fail "huge.xml is not over 16 MiB"
within 20 sim "$TMP/huge.xml" --runs 1 --quiet
expect_rc 3
expect_err "mlopskit: $TMP/huge.xml: error: file is larger than 16777216 bytes"
within 20 validate "$TMP/huge.xml"
expect_rc 1
expect_err "mlopskit: $TMP/huge.xml: error: file is larger than 16777216 bytes"
# a valid file of exactly 16 MiB passes (padded with 1 KiB comments, then
# blanks: libxml2 limits one comment to 10 MB)
awk 'BEGIN {
	h = "<?xml version=\"1.0\"?>\n<scenario xmlns=\"urn:mlopskit:scenario:1\">"
	t = "</scenario>\n"
	c = "<!--"; for (i = 0; i < 1016; i++) c = c "x"; c = c "-->\n"
	left = 16777216 - length(h) - length(t)
	printf "%s", h
	for (; left >= 1024; left -= 1024) printf "%s", c
	for (; left > 0; left--) printf " "
	printf "%s", t }' > "$TMP/limit.xml"
[ "$(wc -c < "$TMP/limit.xml")" -eq 16777216 ] || fail "limit.xml is not 16 MiB"
within 20 validate "$TMP/limit.xml"
expect_rc 0
expect_out_has "valid (scenario)"

gen "$TMP/attrs.xml" '<?xml version="1.0"?>
<scenario xmlns="urn:mlopskit:scenario:1">
<horizon' ' a%d="1"' 100000 '/></scenario>'
within 20 sim "$TMP/attrs.xml" --runs 1 --quiet
expect_rc 3
expect_err "mlopskit: $TMP/attrs.xml:3: error: element 'horizon' has more than 256 attributes"

gen "$TMP/elements.xml" '<?xml version="1.0"?>
<scenario xmlns="urn:mlopskit:scenario:1"><drifts>' '<drift/>' 1000001 '</drifts></scenario>'
within 20 validate "$TMP/elements.xml"
expect_rc 1
expect_err "mlopskit: $TMP/elements.xml:2: error: document has more than 1000000 elements"
