# tests/cli/t_help_docs.sh: --help and the man page agree: every long
# option a command's --help lists is documented in docs/mlopskit.1, and
# every command has a section there.
. tests/cli/lib.sh

man=$(sed 's/\\-/-/g' docs/mlopskit.1)
for c in $("$MLOPSKIT" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	printf '%s\n' "$man" | grep -q "^\.BI \"$c" || fail "man page has no section for '$c'"
	for o in $("$MLOPSKIT" "$c" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		[ "$o" = "--help" ] && continue
		printf '%s\n' "$man" | grep -q -- "$o" ||
			fail "'mlopskit $c --help' lists $o, docs/mlopskit.1 does not"
	done
done
