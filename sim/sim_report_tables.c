/* sim/sim_report_tables.c: the tables of the simulation report: variants'
 * lifecycles, the ranking on the comparison metric, key metrics and DORA
 * for models (docs/reports.md#simulation). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"
#include "sim/sim_report_int.h"

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

static report_table *table(size_t ncols, const char *const *heads,
			   const double *weights)
{
	report_table *t = report_table_new(ncols);
	for (size_t i = 0; t && i < ncols; i++)
		report_table_set_column(t, i, heads[i],
					i ? REPORT_ALIGN_RIGHT : REPORT_ALIGN_LEFT,
					weights[i]);
	return t;
}

static void retraining_words(const json_t *life, char *buf, size_t n)
{
	long every = (long)json_integer_value(json_object_get(life, "retrain_every"));
	int drift = json_is_true(json_object_get(life, "retrain_on_drift"));
	int perf = json_is_true(json_object_get(life, "retrain_on_performance"));
	long review = (long)json_integer_value(json_object_get(life, "review_every"));
	buf[0] = '\0';
	size_t l = 0;
	if (every > 0)
		l += (size_t)snprintf(buf + l, n - l, "every %ld", every);
	if (drift && l < n)
		l += (size_t)snprintf(buf + l, n - l, "%son drift alarm", l ? ", " : "");
	if (perf && l < n)
		l += (size_t)snprintf(buf + l, n - l, "%son accuracy alarm", l ? ", " : "");
	if (review > 0 && l < n)
		l += (size_t)snprintf(buf + l, n - l, "%sreview every %ld", l ? ", " : "", review);
	if (!l)
		snprintf(buf, n, "none");
}

int srp_variants_table(const srp_result *r, report_doc *d)
{
	static const char *const heads[] = {"variant", "maturity", "deployment",
					    "monitoring (data / accuracy)",
					    "retraining", "lead time"};
	static const double w[] = {1.8, 1.25, 1.55, 1.9, 2.2, 1.1};
	report_table *t = table(6, heads, w);
	if (!t)
		return COMMON_EIO;
	for (size_t i = 1; i < 5; i++)
		report_table_set_column(t, i, heads[i], REPORT_ALIGN_LEFT, w[i]);
	for (size_t v = 0; v < r->nvar; v++) {
		const json_t *life = r->var[v].life;
		char mat[64], dep[64], mon[160], ret[200], lead[400];
		if (!life) {
			const char *cells[6] = {r->var[v].name, "\u2013", "\u2013",
						"\u2013", "\u2013", "\u2013"};
			report_table_add_row(t, cells);
			continue;
		}
		long m = (long)json_integer_value(json_object_get(life, "maturity"));
		if (m > 0)
			snprintf(mat, sizeof mat, "level %ld", m);
		else
			snprintf(mat, sizeof mat, "custom");
		const char *s = common_json_str(life, "deployment");
		snprintf(dep, sizeof dep, "%s", s ? s : "\u2013");
		const char *ms = common_json_str(life, "statistical_monitoring");
		const char *mp = common_json_str(life, "performance_monitoring");
		snprintf(mon, sizeof mon, "%s / %s", ms ? ms : "\u2013", mp ? mp : "\u2013");
		retraining_words(life, ret, sizeof ret);
		char a[64];
		srp_fmt(a, sizeof a, common_json_num(life, "lead_time_mean"));
		snprintf(lead, sizeof lead, "%s %s%s", a, r->unit,
			 common_json_num(life, "lead_time_mean") == 1 ? "" : "s");
		const char *cells[6] = {r->var[v].name, mat, dep, mon, ret, lead};
		report_table_add_row(t, cells);
	}
	return report_doc_table(d, t);
}

static int ranking_table(const srp_result *r, report_doc *d)
{
	const json_t *rank = json_object_get(r->comparison, "ranking");
	const json_t *diffs = json_object_get(r->comparison, "paired_differences");
	const char *ref = common_json_str(r->comparison, "reference");
	const char *metric = common_json_str(r->comparison, "metric");
	if (!json_array_size(rank) || !ref || !metric)
		return 0;
	char h2[200], h3[300];
	snprintf(h2, sizeof h2, "%s, mean (95%% CI)", metric);
	snprintf(h3, sizeof h3, "minus %s, paired (95%% CI)", ref);
	const char *heads[] = {"rank", "variant", h2, h3};
	static const double w[] = {0.6, 2.4, 2.2, 2.4};
	report_table *t = table(4, heads, w);
	if (!t)
		return COMMON_EIO;
	report_table_set_column(t, 1, heads[1], REPORT_ALIGN_LEFT, w[1]);
	for (size_t i = 0; i < json_array_size(rank); i++) {
		const json_t *e = json_array_get(rank, i);
		const char *vn = common_json_str(e, "variant");
		const json_t *ci = json_object_get(e, "ci95");
		char rk[32], mean[200], diff[200];
		snprintf(rk, sizeof rk, "%zu", i + 1);
		srp_fmt_ci(mean, sizeof mean, common_json_num(e, "mean"),
			   json_is_number(json_array_get(ci, 0)) ? json_number_value(json_array_get(ci, 0)) : NAN,
			   json_is_number(json_array_get(ci, 1)) ? json_number_value(json_array_get(ci, 1)) : NAN, 0);
		snprintf(diff, sizeof diff, "reference");
		for (size_t k = 0; vn && k < json_array_size(diffs); k++) {
			const json_t *dd = json_array_get(diffs, k);
			const char *dv = common_json_str(dd, "variant");
			if (!dv || strcmp(dv, vn))
				continue;
			const json_t *dc = json_object_get(dd, "ci95");
			srp_fmt_ci(diff, sizeof diff, common_json_num(dd, "mean"),
				   json_is_number(json_array_get(dc, 0)) ? json_number_value(json_array_get(dc, 0)) : NAN,
				   json_is_number(json_array_get(dc, 1)) ? json_number_value(json_array_get(dc, 1)) : NAN, 0);
		}
		const char *cells[4] = {rk, vn ? vn : "?", mean, diff};
		report_table_add_row(t, cells);
	}
	return report_doc_table(d, t);
}

/* Key metrics: means over replications. */
static int metrics_table(const srp_result *r, report_doc *d)
{
	static const char *const names[] = {
		"accuracy_mean", "accuracy_min", "slo_breach_share", "retrains",
		"deployments", "rollbacks", "exposure_defective", "net_value"};
	static const char *const heads[] = {
		"variant", "mean accuracy", "lowest accuracy", "below SLO",
		"retrains", "deploys", "rollbacks", "defective exposure",
		"net value"};
	static const double w[] = {1.8, 1.25, 1.25, 1.15, 1.15, 1.15, 1.2, 1.35, 1.3};
	size_t nc = srp_priced(r) ? 9 : 8;
	report_table *t = table(nc, heads, w);
	if (!t)
		return COMMON_EIO;
	for (size_t v = 0; v < r->nvar; v++) {
		char cell[8][64];
		const char *cells[9] = {r->var[v].name};
		for (size_t k = 0; k + 1 < nc; k++) {
			double m = srp_metric(&r->var[v], names[k], NULL, NULL);
			if (k < 3)
				srp_fmt_pct(cell[k], sizeof cell[k], m);
			else
				srp_fmt(cell[k], sizeof cell[k], m);
			cells[k + 1] = cell[k];
		}
		report_table_add_row(t, cells);
	}
	return report_doc_table(d, t);
}

static int dora_table(const srp_result *r, report_doc *d)
{
	static const char *const names[] = {"deployments_per_30_steps", "lead_time",
					    "change_failure_rate", "time_to_restore"};
	char h[4][120];
	snprintf(h[0], sizeof h[0], "deployments per 30 %ss", r->unit);
	snprintf(h[1], sizeof h[1], "lead time for changes (%ss)", r->unit);
	snprintf(h[2], sizeof h[2], "change failure rate");
	snprintf(h[3], sizeof h[3], "time to restore (%ss)", r->unit);
	const char *heads[] = {"variant", h[0], h[1], h[2], h[3]};
	static const double w[] = {2, 2, 2, 2, 2};
	report_table *t = table(5, heads, w);
	if (!t)
		return COMMON_EIO;
	for (size_t v = 0; v < r->nvar; v++) {
		char cell[4][200];
		const char *cells[5] = {r->var[v].name};
		for (size_t k = 0; k < 4; k++) {
			double lo, hi, m = srp_metric(&r->var[v], names[k], &lo, &hi);
			srp_fmt_ci(cell[k], sizeof cell[k], m, lo, hi, k == 2);
			cells[k + 1] = cell[k];
		}
		report_table_add_row(t, cells);
	}
	return report_doc_table(d, t);
}

int srp_doc_tables(const srp_result *r, report_doc *d, common_error *err)
{
	int st = 0;
	if (r->nvar > 1 && r->comparison) {
		st = ranking_table(r, d);
		if (!st)
			report_doc_note(d, "Ranking on the comparison metric; the "
					   "paired difference compares each variant "
					   "with the reference on the same data "
					   "streams.");
	}
	if (!st) {
		report_doc_heading(d, 1, "Key metrics");
		st = metrics_table(r, d);
	}
	if (!st) {
		char note[400];
		snprintf(note, sizeof note,
			 "Means over %ld replications. Exposure counts predictions "
			 "served by a defective model; the SLO is the scenario's "
			 "accuracy target.", (long)common_json_num(r->root, "runs"));
		report_doc_note(d, note);
		report_doc_heading(d, 1, "DORA for models");
		st = dora_table(r, d);
	}
	if (!st)
		report_doc_note(d, "DORA's four delivery metrics applied to models: "
				   "how often a new model reaches production, the "
				   "time from a retraining trigger to promotion, "
				   "the share of promotions that failed, and the "
				   "time from a failure to restoration. Mean with "
				   "95% CI in parentheses; \u2013 where no "
				   "replication had the event.");
	return st ? (st == COMMON_EIO ? oom(err) : st) : 0;
}
