/* tests/report/helpers.h: shared by the libreport suites. */
#ifndef TESTS_REPORT_HELPERS_H
#define TESTS_REPORT_HELPERS_H

#include <stddef.h>

#include "report/report.h"

/* A fresh temporary directory (malloc'd path; remove with rp_rmtree). */
char *rpt_tmpdir(void);
/* Removes dir and the files in it (one level). */
void rpt_rmtree(char *dir);
/* dir/name, malloc'd. */
char *rpt_path(const char *dir, const char *name);
/* Whole file in a malloc'd NUL-terminated buffer; *len its size. NULL
 * when it cannot be read. */
char *rpt_slurp(const char *path, size_t *len);
/* Runs a shell command and returns its stdout (malloc'd), or NULL when it
 * could not run or exited nonzero. */
char *rpt_run(const char *cmd);
/* True when path exists. */
int rpt_exists(const char *path);

/* A sample multi-page handout exercising every block and chart kind; the
 * same input always (tests compare renders byte for byte). */
report_doc *rpt_sample_doc(void);
/* A 365-point, 3-series line chart with bands and events. */
report_chart *rpt_sample_line(void);

/* Renders the sample document to path in a fresh process (this test
 * binary re-executed with RPT_RENDER_TO set); 0 on success. */
int rpt_render_in_child(const char *path);

#endif
