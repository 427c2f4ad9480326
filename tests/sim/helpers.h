/* tests/sim/helpers.h: what several sim suites need: a scenario from an
 * XML string and a run with default options, failing the test on error. */
#ifndef TESTS_SIM_HELPERS_H
#define TESTS_SIM_HELPERS_H

#include "sim/sim.h"

/* Loads xml (named "test.xml" in messages); caller frees. */
sim_scenario *test_load_scenario(const char *xml);
/* Runs sc with default options; caller frees. */
sim_result *test_run(const sim_scenario *sc);
/* As test_run, keeping every replication's series (sim_options.keep_series)
 * for the tests that read them. */
sim_result *test_run_kept(const sim_scenario *sc);

#endif
