/* fuzz/fuzz_json.c: libFuzzer harness for reading result JSON back, as
 * `mlopskit report RESULT.json` does (cli/cmd_report.c).
 *
 * Each input is loaded like common_json_load_file (jansson,
 * JSON_REJECT_DUPLICATES) from memory. When it loads:
 *   - it is written with COMMON_JSON_FLAGS and read again, and the two
 *     values must be equal (the writer's round-trip promise, common/json.h);
 *   - when it is an object, its "format" picks the report builder the
 *     command would call (sim_report_build, assess_report_build,
 *     sim_drift_report_build_json), and every figure the result offers
 *     (sim_report_figure_names, assess_report_figure_names) is built too.
 *     Documents are built, not rendered: rendering reads nothing from the
 *     JSON and would only slow the search down.
 * Built and run by `make fuzz` (fuzz/run.sh, docs/hardening.md). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess_report.h"
#include "common/common.h"
#include "fuzz/fuzz.h"
#include "report/report.h"
#include "sim/sim_report.h"

static void built(int st, report_doc *d, const common_error *err)
{
	if (st == 0) {
		FUZZ_ASSERT(d != NULL);
		report_doc_free(d);
	} else {
		fuzz_check_error(st, err);
	}
}

/* Builds each figure named in the comma-separated list. */
static void figures(const json_t *js, const char *names, int assess)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", names);
	for (char *p = buf, *next; p && *p; p = next) {
		next = strchr(p, ',');
		if (next)
			*next++ = '\0';
		while (*p == ' ')
			p++;
		common_error err;
		common_error_clear(&err);
		report_chart *c = NULL;
		int st = assess ? assess_report_figure(js, p, "fuzz.json", &c, &err)
				: sim_report_figure(js, p, "en", "fuzz.json", &c,
						    &err);
		if (st == 0) {
			FUZZ_ASSERT(c != NULL);
			report_chart_free(c);
		} else {
			fuzz_check_error(st, &err);
		}
	}
}

static void reports(const json_t *js)
{
	const char *fmt = json_string_value(json_object_get(js, "format"));
	if (!fmt)
		return;
	common_error err;
	common_error_clear(&err);
	report_doc *d = NULL;
	char names[512];
	if (!strcmp(fmt, "mlopskit.sim-result/1")) {
		built(sim_report_build(js, "en", "fuzz.json", &d, &err), d, &err);
		sim_report_figure_names(js, names, sizeof names);
		figures(js, names, 0);
	} else if (!strcmp(fmt, "mlopskit.assessment/1")) {
		built(assess_report_build(js, "fuzz.json", &d, &err), d, &err);
		assess_report_figure_names(js, names, sizeof names);
		figures(js, names, 1);
	} else if (!strcmp(fmt, "mlopskit.drift-result/1")) {
		built(sim_drift_report_build_json(js, "fuzz.json", &d, &err), d,
		      &err);
	}
}

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
	if (json_is_object(v))
		reports(v);
	json_decref(v);
	return 0;
}
