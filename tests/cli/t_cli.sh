# tests/cli/t_cli.sh: the command table, --help, --version, usage errors.
. tests/cli/lib.sh

run --version
expect_rc 0
expect_out_has "mlopskit 0."

run --help
expect_rc 0
for c in sim validate; do expect_out_has "  $c "; done
expect_out_has "exit codes: 0 ok, 1 negative answer"

run
expect_rc 2

run frobnicate
expect_rc 2
expect_err "mlopskit: 'frobnicate' is not a command; see 'mlopskit --help'"

# every command answers --help on stdout with exit 0, and `help CMD` too
for c in $("$MLOPSKIT" --help | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
	run "$c" --help
	expect_rc 0
	expect_out_has "usage: mlopskit $c"
	run help "$c"
	expect_rc 0
	expect_out_has "usage: mlopskit $c"
	run "$c" --no-such-option
	expect_rc 2
	expect_err_has "try 'mlopskit $c --help'"
done
