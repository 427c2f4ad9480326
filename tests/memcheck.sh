#!/bin/sh
# tests/memcheck.sh: the Check runners (CK_FORK=no) and the CLI memcheck list
# (tests/cli/memcheck.list: one mlopskit argument list per line) under
# valgrind ($VALGRIND). Fails on any definite leak or memory error.
set -u
status=0
for t in "$@"; do
	echo "memcheck: $(basename "$t")"
	$VALGRIND "$t" >/dev/null || { echo "memcheck: FAIL $t"; status=1; }
done
list=tests/cli/memcheck.list
if [ -f "$list" ]; then
	tmp=$(mktemp -d)
	while IFS= read -r args; do
		case "$args" in ''|'#'*) continue ;; esac
		args=$(printf '%s' "$args" | sed "s#@TMP@#$tmp#g")
		echo "memcheck: mlopskit $args"
		# shellcheck disable=SC2086
		$VALGRIND --error-exitcode=99 "$MLOPSKIT" $args >/dev/null 2>"$tmp/err"; rc=$?
		if [ $rc -eq 99 ]; then
			cat "$tmp/err"; echo "memcheck: FAIL mlopskit $args"; status=1
		fi
	done < "$list"
	rm -rf "$tmp"
fi
[ $status -eq 0 ] && echo "memcheck: clean"
exit $status
