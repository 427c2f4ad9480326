#!/bin/sh
# tests/cli/run.sh: runs every tests/cli/t_*.sh against the built binary
# ($MLOPSKIT), each in a fresh temporary directory ($TMP), from the source
# root. A script passes when it exits 0.
set -u
here=$(cd "$(dirname "$0")" && pwd)
pass=0; fail=0
for t in "$here"/t_*.sh; do
	[ -e "$t" ] || continue
	tmp=$(mktemp -d)
	if out=$(cd "$MLOPSKIT_SRC" && TMP=$tmp sh "$t" 2>&1); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $(basename "$t")"
		printf '%s\n' "$out" | tail -n 20 | sed 's/^/    /'
	fi
	rm -rf "$tmp"
done
echo "cli: $pass passed, $fail failed"
[ $fail -eq 0 ]
