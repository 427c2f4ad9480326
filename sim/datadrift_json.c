/* sim/datadrift_json.c: the "mlopskit.drift-result/1" document
 * (docs/drift.md, "JSON result"). Reals that are not finite or do not apply
 * are written as null. */
#include <math.h>

#include "common/common.h"
#include "sim/datadrift.h"

/* json_object_set_new that remembers a failure instead of returning it. */
static void put(json_t *o, const char *k, json_t *v, int *bad)
{
	if (!v || json_object_set_new(o, k, v))
		*bad = 1;
}

static json_t *strings(char *const *list, size_t n, int *bad)
{
	json_t *a = json_array();
	if (!a) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(a, json_string(list[i])))
			*bad = 1;
	return a;
}

static json_t *reals(const double *v, size_t n, int *bad)
{
	json_t *a = json_array();
	if (!a) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (json_array_append_new(a, common_json_real(v[i])))
			*bad = 1;
	return a;
}

static double rate(size_t part, size_t whole)
{
	return whole ? (double)part / (double)whole : NAN;
}

static json_t *side(const sim_drift_column *c, int cur, size_t rows, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	size_t values = cur ? c->cur_values : c->ref_values;
	size_t missing = cur ? c->cur_missing : c->ref_missing;
	put(o, "values", json_integer((json_int_t)values), bad);
	put(o, "missing", json_integer((json_int_t)missing), bad);
	put(o, "missing_rate", common_json_real(rate(missing, rows)), bad);
	put(o, "distinct", json_integer((json_int_t)(cur ? c->cur_distinct : c->ref_distinct)), bad);
	put(o, "mean", common_json_real(cur ? c->cur_mean : c->ref_mean), bad);
	put(o, "sd", common_json_real(cur ? c->cur_sd : c->ref_sd), bad);
	if (cur)
		put(o, "mismatched", json_integer((json_int_t)c->cur_mismatch), bad);
	return o;
}

static json_t *column(const sim_drift_result *r, const sim_drift_column *c,
		      int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	int num = c->type == SIM_DRIFT_NUMERIC;
	put(o, "name", json_string(c->name), bad);
	put(o, "type", json_string(num ? "numeric" : "categorical"), bad);
	put(o, "type_source", json_string(c->declared ? "declared" : "inferred"), bad);
	put(o, "tested", json_boolean(c->tested), bad);
	put(o, "untested_reason",
	    c->tested ? json_null() : json_string(c->untested_reason), bad);
	put(o, "test", c->tested ? json_string(sim_drift_test_name(c->test)) : json_null(), bad);
	put(o, "threshold", common_json_real(c->threshold), bad);
	put(o, "score", common_json_real(c->score), bad);
	put(o, "drifted", json_boolean(c->drifted), bad);
	put(o, "reference", side(c, 0, r->ref_rows, bad), bad);
	put(o, "current", side(c, 1, r->cur_rows, bad), bad);
	json_t *s = json_object();
	put(o, "statistics", s, bad);
	if (s) {
		put(s, "ks_statistic", common_json_real(c->ks_statistic), bad);
		put(s, "ks_pvalue", common_json_real(c->ks_pvalue), bad);
		put(s, "ks_method", isnan(c->ks_pvalue) ? json_null()
			: json_string(c->ks_exact ? "exact" : "asymptotic"), bad);
		put(s, "psi", common_json_real(c->psi), bad);
		put(s, "wasserstein", common_json_real(c->wasserstein), bad);
		put(s, "wasserstein_norm", common_json_real(c->wasserstein_norm), bad);
		put(s, "jensenshannon", common_json_real(c->jensenshannon), bad);
		put(s, "chisquare_statistic", common_json_real(c->chisq_statistic), bad);
		put(s, "chisquare_pvalue", common_json_real(c->chisq_pvalue), bad);
		put(s, "z_pvalue", common_json_real(c->z_pvalue), bad);
		put(s, "binning", c->binning[0] ? json_string(c->binning) : json_null(), bad);
	}
	if (!num) {
		json_t *n = json_object();
		put(o, "new_categories", n, bad);
		if (n) {
			put(n, "count", json_integer((json_int_t)c->n_new), bad);
			put(n, "most_frequent", strings(c->new_categories, c->n_new_listed, bad), bad);
		}
	}
	json_t *h = json_object();
	put(o, "histogram", h, bad);
	if (h) {
		if (c->hist.edges)
			put(h, "edges", reals(c->hist.edges, c->hist.nbins + 1, bad), bad);
		else
			put(h, "labels", strings(c->hist.labels, c->hist.labels ? c->hist.nbins : 0, bad), bad);
		put(h, "reference", reals(c->hist.ref, c->hist.ref ? c->hist.nbins : 0, bad), bad);
		put(h, "current", reals(c->hist.cur, c->hist.cur ? c->hist.nbins : 0, bad), bad);
	}
	return o;
}

static json_t *file(const char *name, size_t rows, long long bytes, int *bad)
{
	json_t *o = json_object();
	if (!o) {
		*bad = 1;
		return NULL;
	}
	put(o, "file", json_string(name), bad);
	put(o, "rows", json_integer((json_int_t)rows), bad);
	put(o, "bytes", json_integer((json_int_t)bytes), bad);
	return o;
}

static json_t *time_or_null(double t)
{
	if (!isfinite(t))
		return json_null();
	char buf[48];
	sim_drift_format_time(t, buf, sizeof buf);
	return json_string(buf);
}

static json_t *quality(const sim_drift_result *r, int *bad)
{
	json_t *q = json_object();
	if (!q) {
		*bad = 1;
		return NULL;
	}
	size_t rm = 0, cm = 0, tmis = 0, vmis = 0, cnew = 0, vnew = 0;
	for (size_t i = 0; i < r->ncolumns; i++) {
		const sim_drift_column *c = &r->columns[i];
		rm += c->ref_missing;
		cm += c->cur_missing;
		if (c->type == SIM_DRIFT_NUMERIC && c->cur_mismatch) {
			tmis++;
			vmis += c->cur_mismatch;
		}
		if (c->type == SIM_DRIFT_CATEGORICAL && c->n_new) {
			cnew++;
			vnew += c->cur_mismatch;
		}
	}
	double rr = rate(rm, r->ref_rows * r->ncolumns);
	double cr = rate(cm, r->cur_rows * r->ncolumns);
	json_t *c = json_object();
	put(q, "completeness", c, bad);
	if (c) {
		put(c, "reference_missing_rate", common_json_real(rr), bad);
		put(c, "current_missing_rate", common_json_real(cr), bad);
		put(c, "change", common_json_real(cr - rr), bad);
	}
	json_t *k = json_object();
	put(q, "consistency", k, bad);
	if (k) {
		put(k, "columns_with_type_mismatches", json_integer((json_int_t)tmis), bad);
		put(k, "values_with_type_mismatches", json_integer((json_int_t)vmis), bad);
		put(k, "columns_with_new_categories", json_integer((json_int_t)cnew), bad);
		put(k, "values_in_new_categories", json_integer((json_int_t)vnew), bad);
		put(k, "columns_only_in_one_file",
		    json_integer((json_int_t)(r->n_only_ref + r->n_only_cur)), bad);
	}
	if (r->has_time) {
		json_t *t = json_object();
		put(q, "timeliness", t, bad);
		if (t) {
			put(t, "column", json_string(r->time_column), bad);
			put(t, "reference_newest", time_or_null(r->ref_time_max), bad);
			put(t, "current_oldest", time_or_null(r->cur_time_min), bad);
			put(t, "current_newest", time_or_null(r->cur_time_max), bad);
			put(t, "now", time_or_null(r->now), bad);
			put(t, "lag_seconds", common_json_real(r->lag), bad);
			put(t, "gap_seconds", common_json_real(r->gap), bad);
			put(t, "reference_missing", json_integer((json_int_t)r->ref_time_missing), bad);
			put(t, "current_missing", json_integer((json_int_t)r->cur_time_missing), bad);
		}
	} else {
		put(q, "timeliness", json_null(), bad);
	}
	json_t *a = json_object();
	put(q, "accuracy", a, bad);
	if (a) {
		put(a, "measurable", json_false(), bad);
		put(a, "reason", json_string("accuracy needs ground truth (labels), "
					     "which the compared files do not carry"), bad);
	}
	return q;
}

json_t *sim_drift_result_json(const sim_drift_result *r)
{
	int bad = 0;
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "format", json_string("mlopskit.drift-result/1"), &bad);
	put(o, "reference", file(r->ref_name, r->ref_rows, r->ref_bytes, &bad), &bad);
	put(o, "current", file(r->cur_name, r->cur_rows, r->cur_bytes, &bad), &bad);
	json_t *op = json_object();
	put(o, "options", op, &bad);
	if (op) {
		put(op, "test", json_string(sim_drift_test_name(r->test)), &bad);
		put(op, "threshold", common_json_real(r->threshold), &bad);
		put(op, "drift_share", common_json_real(r->drift_share), &bad);
		put(op, "psi_bins", json_integer(r->psi_bins), &bad);
	}
	put(o, "dataset_drift", json_boolean(r->dataset_drift), &bad);
	put(o, "tested_columns", json_integer((json_int_t)r->n_tested), &bad);
	put(o, "drifted_columns", json_integer((json_int_t)r->n_drifted), &bad);
	put(o, "drifted_share", common_json_real(r->share), &bad);
	json_t *cols = json_array();
	put(o, "columns", cols, &bad);
	for (size_t i = 0; cols && i < r->ncolumns; i++)
		if (json_array_append_new(cols, column(r, &r->columns[i], &bad)))
			bad = 1;
	json_t *sc = json_object();
	put(o, "schema", sc, &bad);
	if (sc) {
		put(sc, "only_in_reference", strings(r->only_ref, r->n_only_ref, &bad), &bad);
		put(sc, "only_in_current", strings(r->only_cur, r->n_only_cur, &bad), &bad);
		put(sc, "ignored", strings(r->ignored, r->n_ignored, &bad), &bad);
	}
	put(o, "quality", quality(r, &bad), &bad);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
