# tests/cli/t_validate.sh: `mlopskit validate` finds the format by namespace.
. tests/cli/lib.sh

run validate scenarios/default.xml
expect_rc 0
expect_out_has "scenarios/default.xml: valid (scenario)"

for f in scenarios/*.xml bench/*.xml; do
	run validate --quiet "$f"
	expect_rc 0
done

printf '<scenario xmlns="urn:mlopskit:scenario:1"><nonsense/></scenario>\n' > "$TMP/bad.xml"
run validate "$TMP/bad.xml"
expect_rc 1
expect_err_has "mlopskit: $TMP/bad.xml:1: error: element 'nonsense'"

printf '<x xmlns="urn:elsewhere"/>\n' > "$TMP/other.xml"
run validate "$TMP/other.xml"
expect_rc 1
expect_err "mlopskit: $TMP/other.xml:1: error: unknown document namespace 'urn:elsewhere'"

printf '<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY a "b">]>\n<s/>\n' > "$TMP/dtd.xml"
run validate "$TMP/dtd.xml"
expect_rc 1
expect_err_has "a DOCTYPE is not allowed"

run validate "$TMP/none.xml"
expect_rc 4

run validate
expect_rc 2
