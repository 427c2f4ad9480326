/* sim/datadrift.h: data drift and data quality between two tables (the
 * engine of `mlopskit drift`).
 *
 * Two CSV files with a header row are read once each, streaming (sim/csv.h).
 * Columns are matched by name. A column is numeric when every non-missing
 * reference value is a decimal number, categorical otherwise or when
 * declared so; missing values (empty, NA, NaN, nan, null, NULL, after
 * trimming blanks) are counted and left out of the tests. Per column every
 * applicable statistic of sim/stat.h is computed, and one test decides
 * drift: the one the options name, or Evidently's default for the column's
 * type, reference size and number of distinct values. The dataset drifts
 * when the share of drifted columns reaches drift_share.
 * Definitions, defaults and sources: docs/methodology/drift-statistics.md;
 * user guide and JSON format: docs/drift.md.
 *
 * Memory: numeric columns keep their non-missing values (8 bytes per value,
 * both files), categorical ones a table of distinct values with two counts;
 * nothing else grows with the file size.
 *
 * Ownership: options and their strings are borrowed for the call. The
 * result belongs to the caller (sim_drift_result_free); everything it points
 * to belongs to it.
 */
#ifndef SIM_DATADRIFT_H
#define SIM_DATADRIFT_H

#include <stddef.h>
#include <jansson.h>

#include "common/error.h"
#include "sim/csv.h"

enum sim_drift_type {
	SIM_DRIFT_NUMERIC = 0,
	SIM_DRIFT_CATEGORICAL = 1,
};

enum sim_drift_test {
	SIM_DRIFT_TEST_AUTO = 0,    /* Evidently's default per column */
	SIM_DRIFT_TEST_KS,          /* p-value, drift when p <= 0.05 */
	SIM_DRIFT_TEST_CHISQUARE,   /* p-value, drift when p < 0.05 */
	SIM_DRIFT_TEST_Z,           /* p-value, drift when p < 0.05 */
	SIM_DRIFT_TEST_PSI,         /* drift when PSI >= 0.1 */
	SIM_DRIFT_TEST_WASSERSTEIN, /* normalised W1, drift when >= 0.1 */
	SIM_DRIFT_TEST_JENSENSHANNON, /* drift when >= 0.1 */
	SIM_DRIFT_TEST_COUNT
};

/* Missing-value tokens, compared after trimming blanks (docs/drift.md). */
int sim_drift_is_missing(const char *s, size_t len);

/* Parses s[0..len) (blanks around allowed) as a decimal number
 * [+-](digits[.digits]|.digits)[(e|E)[+-]digits], rounding exactly as strtod
 * does. Returns 1 and sets *out, 0 when s is not of that form, -1 when it
 * is but overflows a double. s[len] must be readable (a NUL or any byte). */
int sim_drift_parse_number(const char *s, size_t len, double *out);

/* Parses a timestamp: epoch seconds as a decimal number, or ISO 8601
 * YYYY-MM-DD[(T| )hh:mm[:ss[.fff]]][Z|(+|-)hh[:]mm] (no zone = UTC). Returns
 * 1 and seconds since 1970-01-01T00:00:00Z in *out, or 0. */
int sim_drift_parse_time(const char *s, size_t len, double *out);

/* Short name ("ks", "chisquare", "z", "psi", "wasserstein",
 * "jensenshannon"; "auto") and the reverse (-1 when unknown). */
const char *sim_drift_test_name(int test);
int sim_drift_test_from_name(const char *name);
/* Default threshold of a test, and whether its score is a p-value (drift
 * below the threshold) rather than a distance (drift at or above it). */
double sim_drift_test_default_threshold(int test);
int sim_drift_test_is_pvalue(int test);
/* Whether the test applies to a column type (ks and wasserstein: numeric
 * only). */
int sim_drift_test_applies(int test, int type);

typedef struct sim_drift_options {
	const char *const *categorical; /* names declared categorical */
	size_t n_categorical;
	const char *const *ignore;      /* names left out */
	size_t n_ignore;
	const char *time_column;        /* NULL: no timeliness */
	int test;                       /* SIM_DRIFT_TEST_AUTO or one test */
	double threshold;               /* NaN: the test's default */
	double drift_share;             /* share of drifted columns, 0.5 */
	int psi_bins;                   /* reference quantile bins, 10 */
	double now;                     /* epoch seconds for the lag; NaN: none */
} sim_drift_options;

/* Defaults: no declarations, auto test, default thresholds, drift share
 * 0.5, 10 PSI bins, now = NaN. */
void sim_drift_options_init(sim_drift_options *o);

/* A histogram to draw: numeric columns have nbins+1 edges, categorical ones
 * (and numeric ones binned by value) a label per bin; the largest
 * SIM_DRIFT_HIST_MAX_LABELS bins are kept and the rest summed in a last bin
 * labelled "(other)". */
#define SIM_DRIFT_HIST_MAX_LABELS 30
typedef struct sim_drift_hist {
	size_t nbins;
	double *edges;  /* nbins + 1, or NULL */
	char **labels;  /* nbins, or NULL */
	double *ref, *cur; /* counts */
} sim_drift_hist;

typedef struct sim_drift_column {
	char *name;
	int type;       /* enum sim_drift_type */
	int declared;   /* 1 when --categorical named it */
	/* completeness and consistency */
	size_t ref_values, cur_values;   /* non-missing values tested */
	size_t ref_missing, cur_missing;
	size_t cur_mismatch; /* numeric: non-numbers; categorical: values of
				new categories (counted in cur_values too) */
	size_t ref_distinct, cur_distinct, distinct; /* distinct = union */
	size_t n_new;        /* categories absent from the reference */
	char **new_categories; /* up to 20, most frequent first */
	size_t n_new_listed;
	double ref_mean, cur_mean, ref_sd, cur_sd; /* numeric; NaN otherwise */
	/* the deciding test */
	int tested;            /* 0: see untested_reason */
	const char *untested_reason; /* static text */
	int test;
	double threshold, score;
	int drifted;
	double severity; /* score relative to threshold; sorts the table */
	/* every statistic; NaN when not applicable */
	double ks_statistic, ks_pvalue;
	int ks_exact;
	double psi, wasserstein, wasserstein_norm, jensenshannon;
	double chisq_statistic, chisq_pvalue, z_pvalue;
	const char *binning; /* shared binning of chisquare/JS: "sturges",
				"values" or "categories" */
	sim_drift_hist hist;
} sim_drift_column;

typedef struct sim_drift_result {
	char *ref_name, *cur_name;
	size_t ref_rows, cur_rows;
	long long ref_bytes, cur_bytes;
	size_t ncolumns;
	sim_drift_column *columns; /* sorted: drifted first, by severity */
	char **only_ref, **only_cur, **ignored;
	size_t n_only_ref, n_only_cur, n_ignored;
	/* options as applied */
	int test;
	double threshold, drift_share;
	int psi_bins;
	/* verdict */
	size_t n_tested, n_drifted;
	double share;
	int dataset_drift;
	/* timeliness (has_time = 0 without a time column) */
	int has_time;
	char *time_column;
	size_t ref_time_values, cur_time_values, ref_time_missing, cur_time_missing;
	double ref_time_max, cur_time_min, cur_time_max; /* epoch seconds */
	double now, lag;  /* lag = now - cur_time_max; NaN without now */
	double gap;       /* cur_time_max - ref_time_max */
} sim_drift_result;

/* Compares two CSV files. Errors: COMMON_EIO (cannot read), COMMON_EINPUT
 * (malformed CSV, ragged row, bad timestamp, invalid UTF-8, duplicate or
 * empty column name, empty file), COMMON_EUSAGE (an option names a column
 * neither file has). On success *out is the caller's. */
int sim_drift_compare_files(const char *ref_path, const char *cur_path,
			    const sim_drift_options *opt,
			    sim_drift_result **out, common_error *err);

/* Same on open readers (borrowed; read to the end, the reference possibly
 * twice: see docs/drift.md, "Column types"). */
int sim_drift_compare_csv(sim_csv *ref, sim_csv *cur,
			  const sim_drift_options *opt,
			  sim_drift_result **out, common_error *err);

/* Frees r; no-op on NULL. */
void sim_drift_result_free(sim_drift_result *r);

/* The result as a "mlopskit.drift-result/1" document (docs/drift.md). New
 * reference (json_decref), NULL when out of memory. */
json_t *sim_drift_result_json(const sim_drift_result *r);

/* ---- report (sim/datadrift_report.c, built with libreport) ---- */

struct report_doc;

/* Builds the drift report: verdict, table, data quality, and overlaid
 * reference/current histograms (shares of values) for every drifted
 * column. On success *out is the caller's (report_doc_free). */
int sim_drift_report_build(const sim_drift_result *r, struct report_doc **out,
			   common_error *err);

/* Builds the report and renders it to path (.pdf, .svg or .png). */
int sim_drift_report_write(const sim_drift_result *r, const char *path,
			   common_error *err);

/* Epoch seconds of 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the
 * range of four-digit years. A time column's epoch seconds must lie in
 * [MIN, MAX). */
#define SIM_DRIFT_TIME_MIN (-62167219200.0)
#define SIM_DRIFT_TIME_MAX 253402300800.0

/* Formats epoch seconds as ISO 8601 UTC ("2024-05-01T12:00:00Z", with
 * milliseconds when not whole) into buf; outside [SIM_DRIFT_TIME_MIN,
 * SIM_DRIFT_TIME_MAX) as the number of seconds ("%.15g"), "-" when not
 * finite. */
void sim_drift_format_time(double t, char *buf, size_t n);

#endif
