# tests/cli/t_scenario_good.sh: every shipped scenario is valid
# (`mlopskit validate` exit 0) and the good fixtures are too.
. tests/cli/lib.sh

for f in scenarios/*.xml tests/data/sim/good/*.xml; do
	run validate "$f"
	expect_rc 0
done
