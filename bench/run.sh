#!/bin/sh
# bench/run.sh: runs every benchmark program; each prints its figures beside
# their references and targets. Uses public tools only.
set -u
status=0
for b in "$@"; do
	echo "== $(basename "$b")"
	"$b" || status=1
done
exit $status
