/* fuzz/fuzz_model.c: libFuzzer harness for the maturity-model loader.
 *
 * Feeds the input to assess_model_load_memory (XML safety, XSD validation,
 * levels, bands, rules, conditions) and frees what it built. Built and run
 * by `make fuzz` (fuzz/run.sh, docs/hardening.md). */
#include <stdint.h>
#include <stdlib.h>

#include "assess/assess.h"
#include "common/common.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	common_error err;
	common_error_clear(&err);
	assess_model *m = NULL;
	int st = assess_model_load_memory((const char *)data, size,
					  "fuzz.xml", &m, &err);
	if (st == 0) {
		FUZZ_ASSERT(m != NULL);
		assess_model_free(m);
	} else {
		fuzz_check_error(st, &err);
	}
	return 0;
}
