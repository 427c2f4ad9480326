/* fuzz/fuzz_json.c: libFuzzer harness for reading result JSON back.
 *
 * mlopskit reads its own JSON results (summary.json, assessment and drift
 * results) with common_json_load_file, i.e. jansson with
 * JSON_REJECT_DUPLICATES. Each input is loaded the same way from memory;
 * when it loads, it is written with COMMON_JSON_FLAGS and read again, and
 * the two values must be equal (the writer's round-trip promise,
 * common/json.h). Built and run by `make fuzz` (fuzz/run.sh,
 * docs/hardening.md). */
#include <stdint.h>
#include <stdlib.h>

#include "common/common.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t je;
	json_t *v = json_loadb((const char *)data, size,
			       JSON_REJECT_DUPLICATES, &je);
	if (!v) {
		FUZZ_ASSERT(je.text[0] != '\0');
		return 0;
	}
	char *text = json_dumps(v, COMMON_JSON_FLAGS | JSON_ENCODE_ANY);
	FUZZ_ASSERT(text != NULL);
	json_t *back = json_loads(text, JSON_REJECT_DUPLICATES |
					      JSON_DECODE_ANY, &je);
	FUZZ_ASSERT(back != NULL);
	FUZZ_ASSERT(json_equal(v, back));
	json_decref(back);
	free(text);
	json_decref(v);
	return 0;
}
