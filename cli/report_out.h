/* cli/report_out.h: rendering a result JSON to a report file, shared by
 * `mlopskit report` and the --out/--report options of `sim`, `assess` (the
 * code lives in cli/cmd_report.c). */
#ifndef CLI_REPORT_OUT_H
#define CLI_REPORT_OUT_H

#include <jansson.h>

#include "common/error.h"

/* Size of a single figure (--figure): a 16:9 slide, in points. */
#define CLI_FIGURE_WIDTH 960.0
#define CLI_FIGURE_HEIGHT 540.0

/* 1 when path ends in .pdf, .svg or .png. */
int cli_report_ext_ok(const char *path);

/* Renders js (a sim-result, assessment or drift-result document, borrowed)
 * to path: the whole report, or the chart `figure` (may be NULL). lang
 * (may be NULL) picks the scenario lesson of a simulation. src names the
 * JSON in errors (may be NULL). Returns 0 or a negative common_status with
 * err filled: COMMON_EINPUT for an unknown format or a document missing
 * what the report needs, COMMON_EUSAGE for an unknown figure, COMMON_EIO
 * when path cannot be written (no partial file is left). */
int cli_render_json(const json_t *js, const char *src, const char *path,
		    const char *figure, const char *lang, common_error *err);

#endif
