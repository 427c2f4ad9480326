/* sim/sim_report.h: report documents built from saved results, so that
 * `mlopskit sim --out DIR` and `mlopskit report RESULT.json` draw the same
 * pages from the same JSON (docs/reports.md).
 *
 * The builders read a parsed JSON document (jansson) and never invent a
 * number: every figure and sentence comes from a value in the document, or
 * from a mean, minimum or ratio of such values that the report names.
 *
 * Ownership: the JSON document and every string argument are borrowed for
 * the call. On success *out belongs to the caller (report_doc_free or
 * report_chart_free). `src` names the JSON file in error messages (may be
 * NULL); errors about the document's structure are COMMON_EINPUT with the
 * JSON path of the offending value in the message (parsed JSON keeps no
 * line numbers, so the line is 0).
 */
#ifndef SIM_SIM_REPORT_H
#define SIM_SIM_REPORT_H

#include <jansson.h>

#include "common/error.h"

struct report_doc;
struct report_chart;

/* The simulation report of a "mlopskit.sim-result/1" document: the
 * scenario in words with its lesson (in lang when the scenario has it,
 * else English, else the first), findings generated from the numbers,
 * accuracy over time per variant with its 95% band and events, cumulative
 * net value, the variant comparison with paired CIs, key metrics and the
 * DORA-for-models table. A4 pages. lang may be NULL ("en"). */
int sim_report_build(const json_t *result, const char *lang, const char *src,
		     struct report_doc **out, common_error *err);

/* One chart of that report, for slides. name is one of
 *   "accuracy"     accuracy of every variant (events too for one variant)
 *   "accuracy-K"   variant K (1-based) with its events
 *   "value"        cumulative net value of every variant
 *   "comparison"   paired differences against the reference variant
 *                  (needs two variants or more)
 *   "dora"         the four DORA-for-models metrics per variant
 * An unknown name, or one the result cannot draw, is COMMON_EUSAGE naming
 * the figures available. */
int sim_report_figure(const json_t *result, const char *name,
		      const char *lang, const char *src,
		      struct report_chart **out, common_error *err);

/* Names sim_report_figure accepts for this result, comma-separated, into
 * buf (always NUL-terminated). */
void sim_report_figure_names(const json_t *result, char *buf, size_t n);

/* The drift report (sim_drift_report_build) of a saved
 * "mlopskit.drift-result/1" document. */
int sim_drift_report_build_json(const json_t *result, const char *src,
				struct report_doc **out, common_error *err);

#endif
