# tests/cli/t_output_safety.sh: outputs are atomic everywhere (common/
# outfile.h). A full disk (/dev/full for stdout; a file-size limit, which
# fails write(2) with EFBIG like a full file system would, for files), a
# directory nobody can write (under /proc, read-only even for root, as CI
# runs as root), a missing directory, and SIGINT/SIGTERM in the middle of a
# run: each gives its error (or dies by the signal) and leaves the previous
# files byte for byte, with no partial or temporary file beside them.
. tests/cli/lib.sh

S=scenarios/stable.xml
D=tests/data/drift

# ---- standard output on a full disk: exit 4 and a message ----------------
full() { # full EXPECTED-STDERR ARGS...
	exp=$1; shift
	rc=0
	"$MLOPSKIT" "$@" >/dev/full 2>"$TMP/err" </dev/null || rc=$?
	expect_rc 4
	expect_err "$exp"
}
full "mlopskit: error: cannot write to standard output" sim $S --runs 1 --quiet
full "mlopskit: <stdout>: error: cannot write JSON: No space left on device" sim $S --runs 1 --quiet --format json
full "mlopskit: <stdout>: error: cannot write JSON: No space left on device" assess --format json
full "mlopskit: <stdout>: error: cannot write JSON: No space left on device" drift $D/same_ref.csv $D/shift_cur.csv --format json
# a negative answer (drift found) the user never saw is an I/O error too
full "mlopskit: error: cannot write to standard output" drift $D/same_ref.csv $D/shift_cur.csv
full "mlopskit: error: cannot write to standard output" validate $S
full "mlopskit: error: cannot write to standard output" --help
full "mlopskit: error: cannot write to standard output" --version
full "mlopskit: error: cannot write to standard output" sim --help

# ---- previous outputs, kept for comparison ---------------------------------
old="$TMP/old"
mkdir "$old"
printf 'previous summary\n' > "$old/summary.json"
printf 'previous series\n' > "$old/timeseries.csv"
printf 'previous report\n' > "$old/report.pdf"
printf 'previous drift\n' > "$old/drift.json"
printf 'previous assessment\n' > "$old/assessment.json"
fresh() { # fresh DIR: DIR holding copies of the previous files
	rm -rf "$1" && mkdir "$1" && cp "$old"/* "$1"/
}
intact() { # intact DIR: the previous files unchanged, nothing else there
	for f in "$old"/*; do
		cmp -s "$f" "$1/$(basename "$f")" || fail "$1/$(basename "$f") changed"
	done
	[ "$(ls -A "$1" | wc -l)" -eq "$(ls -A "$old" | wc -l)" ] ||
		fail "$1 holds more than before: $(ls -A "$1")"
}

# ---- a file system that refuses to grow (EFBIG at 4 KiB) --------------------
limited() { # limited DIR EXPECTED-STDERR ARGS...
	dir=$1 exp=$2; shift 2
	fresh "$dir"
	rc=0
	(trap '' XFSZ; ulimit -f 8; exec "$MLOPSKIT" "$@") >"$TMP/out" 2>"$TMP/err" </dev/null || rc=$?
	expect_rc 4
	expect_err "$exp"
	intact "$dir"
}
limited "$TMP/s" "mlopskit: $TMP/s/summary.json: error: cannot write JSON: File too large" \
	sim $S --runs 1 --quiet --out "$TMP/s"
limited "$TMP/d" "mlopskit: $TMP/d/drift.json: error: cannot write file: File too large" \
	drift $D/same_ref.csv $D/shift_cur.csv --format json --out "$TMP/d"
limited "$TMP/a" "mlopskit: $TMP/a/assessment.json: error: cannot write JSON: File too large" \
	assess --out "$TMP/a"
"$MLOPSKIT" sim $S --runs 1 --quiet --format json > "$TMP/result.json" || fail "sim --format json"
limited "$TMP/r" "mlopskit: $TMP/r/report.pdf: error: cannot write file: File too large" \
	report "$TMP/result.json" -o "$TMP/r/report.pdf"

# ---- directories that cannot be written or do not exist ---------------------
run sim $S --runs 1 --quiet --out /proc/mlopskit-test
expect_rc 4
expect_err "mlopskit: /proc/mlopskit-test: error: cannot create directory: No such file or directory"
run sim $S --runs 1 --quiet --out /proc/self
expect_rc 4
expect_err "mlopskit: /proc/self/summary.json: error: cannot create file: No such file or directory"
run assess --report /proc/mlopskit-test.pdf
expect_rc 4
expect_err "mlopskit: /proc/mlopskit-test.pdf: error: cannot create file: No such file or directory"
run report "$TMP/result.json" -o /proc/mlopskit-test.svg
expect_rc 4
expect_err "mlopskit: /proc/mlopskit-test.svg: error: cannot create file: No such file or directory"
run drift $D/same_ref.csv $D/same_cur.csv --out "$TMP/missing/deeper"
expect_rc 4
expect_err "mlopskit: $TMP/missing/deeper: error: cannot create directory: No such file or directory"
expect_no_file "$TMP/missing"
run report "$TMP/result.json" -o "$TMP/missing/r.pdf"
expect_rc 4
expect_err "mlopskit: $TMP/missing/r.pdf: error: cannot create file: No such file or directory"
expect_no_file "$TMP/missing"
# --out naming an existing file, not a directory
run sim $S --runs 1 --quiet --out "$old/summary.json"
expect_rc 4
expect_err "mlopskit: $old/summary.json: error: not a directory"
cmp -s "$old/summary.json" "$TMP/s/summary.json" || fail "--out FILE changed the file"

# ---- interrupted runs: SIGINT and SIGTERM -----------------------------------
# After each interrupted run every file is either the previous one or
# exactly what an uninterrupted run writes (runs are deterministic), and no
# temporary file is left. With strace the signal is delivered at chosen
# system calls of the output phase (strace -e inject=CALL:signal=SIG:when=N):
# the first, middle and last write, each fsync and each rename; without it
# (or where ptrace is not allowed) at fractions of the run's duration.
cat > "$TMP/long.xml" <<'XML'
<scenario xmlns="urn:mlopskit:scenario:1" name="long">
  <horizon steps="300" requests="500"/>
  <labels delay="1"/>
  <runs count="4" seed="7"/>
</scenario>
XML
sim_long() { "$@" "$MLOPSKIT" sim "$TMP/long.xml" --threads 1 --quiet --out "$dir" >/dev/null 2>"$TMP/err"; }
dir="$TMP/ref"
start=$(date +%s%N)
sim_long || fail "reference run failed: $(cat "$TMP/err")"
ms=$((($(date +%s%N) - start) / 1000000))
check_interrupted() { # check_interrupted WHAT: after a signalled run in $dir
	case $rc in
	0|130|143) ;;
	*) fail "$1: exit $rc: $(cat "$TMP/err")" ;;
	esac
	for f in summary.json timeseries.csv report.pdf; do
		cmp -s "$dir/$f" "$old/$f" || cmp -s "$dir/$f" "$TMP/ref/$f" ||
			fail "$1: $f is neither the previous file nor a complete new one"
	done
	leftover=$(ls -A "$dir" | grep -v '^\(summary.json\|timeseries.csv\|report.pdf\|drift.json\|assessment.json\)$' || true)
	[ -z "$leftover" ] || fail "$1: left $leftover"
}
i=0 killed=0
# LeakSanitizer cannot run under ptrace: no leak check in the traced runs of
# a sanitizer build (every other run checks leaks).
nolsan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
if strace -f -qq -o /dev/null true 2>/dev/null; then
	dir="$TMP/count"
	fresh "$dir"
	ASAN_OPTIONS=$nolsan strace -f -qq -o "$TMP/trace" -e trace=write "$MLOPSKIT" sim "$TMP/long.xml" \
		--threads 1 --quiet --out "$dir" >/dev/null 2>&1 || fail "traced run failed"
	writes=$(grep -c 'write(' "$TMP/trace")
	[ "$writes" -gt 10 ] || fail "only $writes writes traced"
	for sig in INT TERM; do
		for point in write:1 write:$((writes / 4)) write:$((writes / 2)) \
			write:$((writes - 1)) fsync:1 fsync:2 fsync:3 rename:1 rename:2 rename:3; do
			i=$((i + 1))
			dir="$TMP/sig$i"
			fresh "$dir"
			rc=0
			ASAN_OPTIONS=$nolsan sim_long strace -f -qq -o /dev/null -e trace="${point%:*}" \
				-e inject="${point%:*}:signal=$sig:when=${point#*:}" || rc=$?
			[ $rc -ne 0 ] && killed=$((killed + 1))
			check_interrupted "SIG$sig at $point"
		done
	done
else
	for sig in INT TERM; do
		for pct in 20 60 90 100; do
			i=$((i + 1))
			dir="$TMP/sig$i"
			fresh "$dir"
			"$MLOPSKIT" sim "$TMP/long.xml" --threads 1 --quiet --out "$dir" >/dev/null 2>"$TMP/err" &
			pid=$!
			sleep "$(awk -v ms="$ms" -v p="$pct" 'BEGIN { printf "%.3f", ms * p / 100000 }')"
			kill -s $sig $pid 2>/dev/null
			rc=0
			wait $pid || rc=$?
			[ $rc -ne 0 ] && killed=$((killed + 1))
			check_interrupted "SIG$sig at ${pct}% of ${ms} ms"
		done
	done
fi
[ $killed -gt 0 ] || fail "no run was interrupted: the signal tests tested nothing"
