/* assess/assess_report.h: report documents built from a saved assessment
 * ("mlopskit.assessment/1", docs/assess.md), so `mlopskit assess --out DIR`
 * and `mlopskit report assessment.json` draw the same pages from the same
 * JSON (docs/reports.md#assessment).
 *
 * What the document holds follows what the run holds: one assessment gives
 * the team report (cover with level badge and radar, dimensions, gaps,
 * next-best actions, contradictions, agreement, evidence); a portfolio
 * gives the workshop report (heatmap of teams x dimensions, the
 * distribution per dimension, then a section per team); trends add
 * per-dimension lines over the dates; a "bridge" object (assess
 * --scenario) adds the page "What the next steps are worth". Texts and headings are in the
 * document's "lang" (English and Chinese headings are built in; other
 * languages get English headings around the model's texts).
 *
 * Ownership: the JSON document and strings are borrowed for the call; on
 * success *out belongs to the caller (report_doc_free / report_chart_free).
 * src names the file in error messages (may be NULL). Structure errors are
 * COMMON_EINPUT naming the JSON path (line 0: parsed JSON has no lines).
 */
#ifndef ASSESS_ASSESS_REPORT_H
#define ASSESS_ASSESS_REPORT_H

#include <jansson.h>

#include "common/error.h"

struct report_doc;
struct report_chart;

/* The report of a run (A4 pages). */
int assess_report_build(const json_t *run, const char *src,
			struct report_doc **out, common_error *err);

/* One chart, for slides. name is one of
 *   "badge"       level badge of the latest assessment (needs levels)
 *   "radar"       dimension radar of the latest assessment (>= 3
 *                 dimensions)
 *   "dimensions"  dimension scores (ranges) of the latest assessment
 *   "heatmap"     teams x dimensions (needs a portfolio)
 *   "portfolio"   distribution per dimension (needs a portfolio)
 *   "trend"       per-dimension scores over the dates of the first trend
 *   "bridge"      what each next step is worth (needs a "bridge" object
 *                 with at least one simulated action)
 * Anything else, or a figure the run cannot draw, is COMMON_EUSAGE naming
 * the figures available. */
int assess_report_figure(const json_t *run, const char *name, const char *src,
			 struct report_chart **out, common_error *err);

/* Names assess_report_figure accepts for this run, comma-separated, into
 * buf (always NUL-terminated). */
void assess_report_figure_names(const json_t *run, char *buf, size_t n);

#endif
