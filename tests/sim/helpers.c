/* tests/sim/helpers.c: see helpers.h. */
#include "tests/sim/helpers.h"

#include <check.h>
#include <string.h>

sim_scenario *test_load_scenario(const char *xml)
{
	common_error err;
	common_error_clear(&err);
	sim_scenario *sc = NULL;
	int st = sim_scenario_load_memory(xml, strlen(xml), "test.xml", &sc,
					  &err);
	ck_assert_msg(st == 0, "scenario: %s:%ld: %s", err.file, err.line,
		      err.msg);
	return sc;
}

static sim_result *run_with(const sim_scenario *sc, int keep)
{
	common_error err;
	common_error_clear(&err);
	sim_result *r = NULL;
	sim_options o = {.keep_series = keep};
	int st = sim_run(sc, &o, &r, &err);
	ck_assert_msg(st == 0, "run: %s", err.msg);
	return r;
}

sim_result *test_run(const sim_scenario *sc)
{
	return run_with(sc, 0);
}

sim_result *test_run_kept(const sim_scenario *sc)
{
	return run_with(sc, 1);
}
