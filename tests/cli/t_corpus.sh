# tests/cli/t_corpus.sh: the bad-input corpus (tests/corpus/, table in
# tests/corpus/expected.tsv): every file makes mlopskit exit with the code
# and print the exact one-line message of its row, writes nothing in the
# output directory it was given (@TMP@), and, except `drift` (which prints
# its verdict before deciding), nothing on stdout. Every corpus file must
# have a row, and the corpus must keep at least 40 files.
. tests/cli/lib.sh

table=tests/corpus/expected.tsv
tab=$(printf '\t')
n=0
while IFS="$tab" read -r file args code msg; do
	case $file in ''|'#'*) continue ;; esac
	n=$((n + 1))
	[ -e "$file" ] || fail "$table: no file '$file'"
	out="$TMP/case$n"
	mkdir "$out"
	a=$(printf '%s' "$args" | sed "s#@F@#$file#g; s#@TMP@#$out#g")
	m=$(printf '%s' "$msg" | sed "s#@TMP@#$out#g")
	# shellcheck disable=SC2086
	run $a
	[ "$rc" -eq "$code" ] || fail "$file ($args): exit $rc, expected $code; stderr: $(cat "$TMP/err")"
	[ "$(cat "$TMP/err")" = "$m" ] || fail "$file ($args): stderr [$(cat "$TMP/err")], expected [$m]"
	[ -z "$(ls -A "$out")" ] || fail "$file ($args): left $(ls -A "$out") in the output directory"
	case $args in
	drift*) ;;
	*) [ ! -s "$TMP/out" ] || fail "$file ($args): wrote to stdout: $(head -c 200 "$TMP/out")" ;;
	esac
done < "$table"
[ $n -ge 40 ] || fail "only $n cases in $table"

files=0
for f in $(find tests/corpus -type f ! -name expected.tsv | sort); do
	files=$((files + 1))
	case $f in tests/corpus/csv/good_*) continue ;; esac
	cut -f1 "$table" | grep -qxF "$f" || fail "$f has no row in $table"
done
[ $files -ge 40 ] || fail "only $files files under tests/corpus"
