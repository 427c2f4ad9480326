/* sim/sim_report_int.h: helpers shared by the simulation report files
 * (sim_report.c, sim_report_text.c, sim_report_drift.c); not public. */
#ifndef SIM_SIM_REPORT_INT_H
#define SIM_SIM_REPORT_INT_H

#include <stddef.h>
#include <jansson.h>

#include "common/error.h"

/* A validated result: borrowed pointers into the JSON document. */
typedef struct srp_variant {
	const char *name;
	const json_t *life;    /* object or NULL */
	const json_t *metrics; /* object */
	const json_t *series;  /* object */
} srp_variant;

typedef struct srp_result {
	const json_t *root, *scenario, *comparison; /* comparison may be NULL */
	const char *title, *unit, *lang;
	long steps;
	size_t nvar;
	srp_variant *var; /* malloc'd */
} srp_result;

/* Checks the structure the report needs and fills r (free with
 * srp_release). COMMON_EINPUT names the missing or wrong value. */
int srp_read(const json_t *root, const char *lang, const char *src,
	     srp_result *r, common_error *err);
void srp_release(srp_result *r);

/* Metric m of a variant: mean and 95% CI ends (NaN when absent). */
double srp_metric(const srp_variant *v, const char *m, double *lo,
		  double *hi);
/* Series `name` of a variant: its mean, ci95_lo and ci95_hi arrays (any
 * may be NULL) as steps doubles (malloc'd; NaN for null). 0 or -1 when the
 * series is absent, COMMON_EIO when out of memory. */
int srp_series(const srp_result *r, const srp_variant *v, const char *name,
	       double **mean, double **lo, double **hi);

/* Formatting: "9,333", "0.709", "-" for NaN; percent "70.9%". A true
 * minus sign (U+2212) for negatives. */
void srp_fmt(char *buf, size_t n, double v);
void srp_fmt_pct(char *buf, size_t n, double v);
/* "0.709 (0.701-0.716)" with the CI when it is finite. */
void srp_fmt_ci(char *buf, size_t n, double mean, double lo, double hi,
		int percent);

/* The lesson in lang (else "en", else the first one), or NULL. */
const char *srp_lesson(const srp_result *r);
/* The findings as pango-markup sentences (malloc'd strings, *n of them,
 * free with srp_free_strings). */
int srp_findings(const srp_result *r, char ***out, size_t *n,
		 common_error *err);
void srp_free_strings(char **s, size_t n);

struct report_doc;
/* Appends the variants, ranking, key-metrics and DORA tables
 * (sim_report_tables.c). */
int srp_doc_tables(const srp_result *r, struct report_doc *d,
		   common_error *err);
/* The variants' lifecycles as a table. */
int srp_variants_table(const srp_result *r, struct report_doc *d);
/* Whether the scenario priced anything (a net value not zero). */
int srp_priced(const srp_result *r);

#endif
