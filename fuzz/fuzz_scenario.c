/* fuzz/fuzz_scenario.c: libFuzzer harness for the scenario loader.
 *
 * Feeds the input to sim_scenario_load_memory (XML safety, XSD validation,
 * every cross-field check, what-if variants and sweeps) and frees what it
 * built. A crash, leak, hang or out-of-memory is a bug; a refused input is
 * the expected answer and must carry a message. Built and run by `make
 * fuzz` (fuzz/run.sh, docs/hardening.md). */
#include <stdint.h>
#include <stdlib.h>

#include "common/common.h"
#include "fuzz/fuzz.h"
#include "sim/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	common_error err;
	common_error_clear(&err);
	sim_scenario *sc = NULL;
	int st = sim_scenario_load_memory((const char *)data, size, "fuzz.xml",
					  &sc, &err);
	if (st == 0) {
		FUZZ_ASSERT(sc != NULL);
		FUZZ_ASSERT(sc->steps >= 1 && sc->steps <= SIM_MAX_STEPS);
		FUZZ_ASSERT(sc->requests >= 1 && sc->requests <= SIM_MAX_REQUESTS);
		FUZZ_ASSERT((long long)sc->steps * sc->requests <=
			    SIM_MAX_ROWS_PER_RUN);
		FUZZ_ASSERT(sc->d >= 1 && sc->d <= SIM_MAX_FEATURES);
		sim_scenario_free(sc);
	} else {
		fuzz_check_error(st, &err);
		FUZZ_ASSERT(sc == NULL);
	}
	return 0;
}
