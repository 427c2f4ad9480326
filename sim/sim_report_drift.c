/* sim/sim_report_drift.c: the drift report of a saved
 * "mlopskit.drift-result/1" document (docs/drift.md): the document is read
 * back into a sim_drift_result whose strings point into the JSON, and
 * sim_drift_report_build draws it, so `mlopskit drift --out` and
 * `mlopskit report drift.json` give the same pages. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"
#include "sim/datadrift.h"
#include "sim/sim_report.h"
#include "sim/sim_report_int.h"

#define DRIFT_FORMAT "mlopskit.drift-result/1"

static size_t count(const json_t *o, const char *k)
{
	double v = common_json_num(o, k);
	return isfinite(v) && v > 0 ? (size_t)v : 0;
}

static double *reals(const json_t *a, size_t n, int *oom)
{
	double *v = malloc((n ? n : 1) * sizeof *v);
	if (!v) {
		*oom = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *x = json_array_get(a, i);
		v[i] = json_is_number(x) ? json_number_value(x) : NAN;
	}
	return v;
}

static double time_of(const json_t *o, const char *k)
{
	const char *s = common_json_str(o, k);
	double t;
	if (s && sim_drift_parse_time(s, strlen(s), &t) == 1)
		return t;
	return NAN;
}

/* The histogram of a column; shapes that do not match leave it empty. */
static void read_hist(const json_t *h, sim_drift_hist *out, int *oom)
{
	const json_t *edges = json_object_get(h, "edges");
	const json_t *labels = json_object_get(h, "labels");
	const json_t *ref = json_object_get(h, "reference");
	const json_t *cur = json_object_get(h, "current");
	size_t n = json_array_size(ref);
	if (!n || json_array_size(cur) != n ||
	    (json_is_array(edges) ? json_array_size(edges) != n + 1
				  : json_array_size(labels) != n))
		return;
	out->nbins = n;
	out->ref = reals(ref, n, oom);
	out->cur = reals(cur, n, oom);
	if (json_is_array(edges)) {
		out->edges = reals(edges, n + 1, oom);
	} else {
		out->labels = calloc(n, sizeof *out->labels);
		if (!out->labels)
			*oom = 1;
		for (size_t i = 0; out->labels && i < n; i++) {
			const char *s = json_string_value(json_array_get(labels, i));
			out->labels[i] = (char *)(s ? s : "");
		}
	}
	if (*oom || !out->ref || !out->cur)
		out->nbins = 0;
}

static void release(sim_drift_result *r)
{
	for (size_t i = 0; i < r->ncolumns; i++) {
		sim_drift_hist *h = &r->columns[i].hist;
		free(h->edges);
		free(h->labels);
		free(h->ref);
		free(h->cur);
	}
	free(r->columns);
}

static int read_column(const json_t *c, sim_drift_column *x, int *oom)
{
	const char *name = common_json_str(c, "name"), *type = common_json_str(c, "type");
	if (!name || !type)
		return -1;
	const json_t *ref = json_object_get(c, "reference");
	const json_t *cur = json_object_get(c, "current");
	const json_t *st = json_object_get(c, "statistics");
	x->name = (char *)name;
	x->type = strcmp(type, "numeric") ? SIM_DRIFT_CATEGORICAL : SIM_DRIFT_NUMERIC;
	x->tested = json_is_true(json_object_get(c, "tested"));
	x->untested_reason = common_json_str(c, "untested_reason");
	if (!x->untested_reason)
		x->untested_reason = "";
	const char *test = common_json_str(c, "test");
	x->test = test ? sim_drift_test_from_name(test) : SIM_DRIFT_TEST_AUTO;
	if (x->test < 0)
		x->test = SIM_DRIFT_TEST_AUTO;
	x->threshold = common_json_num(c, "threshold");
	x->score = common_json_num(c, "score");
	x->drifted = json_is_true(json_object_get(c, "drifted"));
	x->ref_values = count(ref, "values");
	x->cur_values = count(cur, "values");
	x->ref_missing = count(ref, "missing");
	x->cur_missing = count(cur, "missing");
	x->cur_mismatch = count(cur, "mismatched");
	x->n_new = count(json_object_get(c, "new_categories"), "count");
	x->ks_pvalue = common_json_num(st, "ks_pvalue");
	x->psi = common_json_num(st, "psi");
	x->wasserstein_norm = common_json_num(st, "wasserstein_norm");
	x->jensenshannon = common_json_num(st, "jensenshannon");
	x->chisq_pvalue = common_json_num(st, "chisquare_pvalue");
	x->binning = common_json_str(st, "binning") ? common_json_str(st, "binning") : "";
	read_hist(json_object_get(c, "histogram"), &x->hist, oom);
	return 0;
}

int sim_drift_report_build_json(const json_t *result, const char *src,
				report_doc **out, common_error *err)
{
	const char *fmt = common_json_str(result, "format");
	if (!fmt || strcmp(fmt, DRIFT_FORMAT))
		return common_error_set(err, COMMON_EINPUT, src, 0,
					"'format' is not '" DRIFT_FORMAT "'");
	const json_t *ref = json_object_get(result, "reference");
	const json_t *cur = json_object_get(result, "current");
	const json_t *cols = json_object_get(result, "columns");
	if (!common_json_str(ref, "file") || !common_json_str(cur, "file"))
		return common_error_set(err, COMMON_EINPUT, src, 0,
					"missing 'reference.file' or 'current.file'");
	if (!json_is_array(cols))
		return common_error_set(err, COMMON_EINPUT, src, 0,
					"missing array 'columns'");
	sim_drift_result r;
	memset(&r, 0, sizeof r);
	r.ref_name = (char *)common_json_str(ref, "file");
	r.cur_name = (char *)common_json_str(cur, "file");
	r.ref_rows = count(ref, "rows");
	r.cur_rows = count(cur, "rows");
	const json_t *opt = json_object_get(result, "options");
	r.drift_share = common_json_num(opt, "drift_share");
	r.threshold = common_json_num(opt, "threshold");
	r.dataset_drift = json_is_true(json_object_get(result, "dataset_drift"));
	r.n_tested = count(result, "tested_columns");
	r.n_drifted = count(result, "drifted_columns");
	r.share = common_json_num(result, "drifted_share");
	const json_t *schema = json_object_get(result, "schema");
	r.n_only_ref = json_array_size(json_object_get(schema, "only_in_reference"));
	r.n_only_cur = json_array_size(json_object_get(schema, "only_in_current"));
	const json_t *tl = json_object_get(json_object_get(result, "quality"), "timeliness");
	r.has_time = json_is_object(tl);
	r.time_column = (char *)common_json_str(tl, "column");
	if (!r.time_column)
		r.has_time = 0;
	r.ref_time_max = time_of(tl, "reference_newest");
	r.cur_time_max = time_of(tl, "current_newest");
	r.lag = common_json_num(tl, "lag_seconds");
	r.columns = calloc(json_array_size(cols) + 1, sizeof *r.columns);
	if (!r.columns)
		return common_error_set(err, COMMON_EIO, src, 0, "out of memory");
	int oom = 0;
	for (size_t i = 0; i < json_array_size(cols); i++) {
		if (read_column(json_array_get(cols, i), &r.columns[i], &oom)) {
			release(&r);
			return common_error_set(err, COMMON_EINPUT, src, 0,
						"missing 'name' or 'type' in 'columns[%zu]'", i);
		}
		r.ncolumns = i + 1;
	}
	int st = oom ? common_error_set(err, COMMON_EIO, src, 0, "out of memory")
		     : sim_drift_report_build(&r, out, err);
	release(&r);
	return st;
}
