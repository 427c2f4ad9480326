/* sim/sim_report.c: the simulation report and its figures, built from a
 * "mlopskit.sim-result/1" document (docs/reports.md#simulation). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"
#include "sim/sim_report.h"
#include "sim/sim_report_int.h"

/* Per-variant accuracy charts up to this many variants; beyond, one chart
 * overlays them all. */
#define MAX_VARIANT_CHARTS 6
/* An event series (share of replications with the event at a step) is
 * marked where it reaches this share. */
#define EVENT_SHARE 0.5

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

static const char *drift_label(const json_t *d)
{
	const json_t *ch = json_object_get(d, "changes");
	for (size_t i = 0; i < json_array_size(ch); i++)
		if (!strcmp(json_string_value(json_array_get(ch, i)) ?
				    json_string_value(json_array_get(ch, i)) : "", "concept"))
			return "concept drift";
	for (size_t i = 0; i < json_array_size(ch); i++)
		if (!strcmp(json_string_value(json_array_get(ch, i)) ?
				    json_string_value(json_array_get(ch, i)) : "", "prior"))
			return "prior shift";
	return "data drift";
}

static int add_drift_events(const srp_result *r, report_chart *c,
			    common_error *err)
{
	const json_t *drifts = json_object_get(r->scenario, "drifts");
	for (size_t i = 0; i < json_array_size(drifts); i++) {
		const json_t *d = json_array_get(drifts, i);
		double s = common_json_num(d, "start");
		if (!isfinite(s) || s < 0 || s > (double)(r->steps - 1))
			continue;
		int st = report_chart_add_event(c, s, REPORT_EVENT_DRIFT,
						drift_label(d), err);
		if (st)
			return st;
	}
	return 0;
}

/* Marks the first step of every stretch where series `name` reaches
 * EVENT_SHARE. */
static int add_series_events(const srp_result *r, const srp_variant *v,
			     report_chart *c, const char *name,
			     enum report_event_kind kind, common_error *err)
{
	double *m = NULL;
	int st = srp_series(r, v, name, &m, NULL, NULL);
	if (st)
		return st == COMMON_EIO ? oom(err) : 0;
	int in = 0;
	for (long t = 0; t < r->steps && !st; t++) {
		int on = m[t] >= EVENT_SHARE;
		if (on && !in)
			st = report_chart_add_event(c, (double)t, kind, NULL, err);
		in = on;
	}
	free(m);
	return st;
}

static double *steps_x(long steps)
{
	double *x = malloc((size_t)steps * sizeof *x);
	for (long t = 0; x && t < steps; t++)
		x[t] = (double)t;
	return x;
}

static int all_finite(const double *v, long n)
{
	for (long i = 0; v && i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return v != NULL;
}

/* Adds series `name` of variant v to a line chart, with its band. */
static int add_line(const srp_result *r, const srp_variant *v, report_chart *c,
		    const char *name, const double *x, int *any,
		    common_error *err)
{
	double *m = NULL, *lo = NULL, *hi = NULL;
	int st = srp_series(r, v, name, &m, &lo, &hi);
	if (st)
		return st == COMMON_EIO ? oom(err) : 0;
	int band = all_finite(lo, r->steps) && all_finite(hi, r->steps);
	st = report_chart_line_add(c, v->name, x, m, band ? lo : NULL,
				   band ? hi : NULL, (size_t)r->steps, 0, err);
	free(m);
	free(lo);
	free(hi);
	if (st >= 0) {
		*any = 1;
		st = 0;
	}
	return st;
}

static void event_note(const srp_result *r, char *buf, size_t n, int events)
{
	long runs = (long)common_json_num(r->root, "runs");
	snprintf(buf, n,
		 "Mean over %ld replications; the band is the 95%% confidence "
		 "interval of the mean.%s", runs,
		 events ? " Deployment (new model promoted), alarm and rollback "
			  "markers: steps where at least half of the replications "
			  "had the event (first step of each stretch). Drift "
			  "onsets as the scenario declares them." : "");
}

/* Accuracy over time: variant `only` (with its events), or every variant
 * (only < 0; events too when there is one variant). */
static int accuracy_chart(const srp_result *r, long only, int with_note,
			  report_chart **out, common_error *err)
{
	char title[600], note[600];
	if (only >= 0 && r->nvar > 1)
		snprintf(title, sizeof title, "Accuracy: %s", r->var[only].name);
	else
		snprintf(title, sizeof title, "Accuracy over time");
	report_chart *c = report_chart_line_new(title);
	double *x = steps_x(r->steps);
	if (!c || !x) {
		report_chart_free(c);
		free(x);
		return oom(err);
	}
	int st = 0, any = 0;
	for (size_t v = 0; v < r->nvar && !st; v++)
		if (only < 0 || (size_t)only == v)
			st = add_line(r, &r->var[v], c, "accuracy", x, &any, err);
	free(x);
	int events = only >= 0 || r->nvar == 1;
	if (!st)
		st = add_drift_events(r, c, err);
	if (!st && events) {
		const srp_variant *v = &r->var[only >= 0 ? (size_t)only : 0];
		st = add_series_events(r, v, c, "retrain", REPORT_EVENT_DEPLOY, err);
		if (!st)
			st = add_series_events(r, v, c, "alarm", REPORT_EVENT_ALARM, err);
		if (!st)
			st = add_series_events(r, v, c, "rollback", REPORT_EVENT_ROLLBACK, err);
	}
	if (!st) {
		report_chart_set_axis_labels(c, r->unit, "accuracy");
		report_chart_set_value_format(c, REPORT_NUM_PERCENT, 1);
		report_chart_line_set_band_label(c, "95% CI");
		event_note(r, note, sizeof note, events);
		if (with_note)
			report_chart_set_note(c, note);
		*out = c;
		return 0;
	}
	report_chart_free(c);
	return st;
}

int srp_priced(const srp_result *r)
{
	for (size_t v = 0; v < r->nvar; v++) {
		double lo, hi, m = srp_metric(&r->var[v], "net_value", &lo, &hi);
		if ((isfinite(m) && m != 0) || (isfinite(lo) && lo != hi))
			return 1;
	}
	return 0;
}

static int value_chart(const srp_result *r, report_chart **out,
		       common_error *err)
{
	report_chart *c = report_chart_line_new("Cumulative net value");
	double *x = steps_x(r->steps);
	if (!c || !x) {
		report_chart_free(c);
		free(x);
		return oom(err);
	}
	int st = 0, any = 0;
	for (size_t v = 0; v < r->nvar && !st; v++)
		st = add_line(r, &r->var[v], c, "cumulative_value", x, &any, err);
	free(x);
	if (!st && !any)
		st = common_error_set(err, COMMON_EUSAGE, NULL, 0,
				      "the result has no 'cumulative_value' series");
	if (!st)
		st = add_drift_events(r, c, err);
	if (!st)
		st = report_chart_add_reference(c, 0, NULL, err);
	if (st) {
		report_chart_free(c);
		return st;
	}
	report_chart_set_axis_labels(c, r->unit, "net value");
	report_chart_line_set_band_label(c, "95% CI");
	report_chart_set_note(c, "Value of served predictions minus every cost "
				 "booked up to each step; mean over replications.");
	*out = c;
	return 0;
}

/* Paired differences against the reference variant, with 95% CIs. */
static int comparison_chart(const srp_result *r, report_chart **out,
			    common_error *err)
{
	const json_t *diffs = json_object_get(r->comparison, "paired_differences");
	const char *metric = common_json_str(r->comparison, "metric");
	const char *ref = common_json_str(r->comparison, "reference");
	size_t n = json_array_size(diffs);
	if (!n || !metric || !ref)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"the result has no paired differences "
					"(one variant)");
	const char **cats = calloc(n, sizeof *cats);
	double *m = calloc(3 * n, sizeof *m);
	if (!cats || !m) {
		free(cats);
		free(m);
		return oom(err);
	}
	double *lo = m + n, *hi = m + 2 * n;
	for (size_t i = 0; i < n; i++) {
		const json_t *d = json_array_get(diffs, i);
		const json_t *ci = json_object_get(d, "ci95");
		cats[i] = common_json_str(d, "variant") ? common_json_str(d, "variant") : "?";
		m[i] = common_json_num(d, "mean");
		if (!isfinite(m[i]))
			m[i] = 0;
		lo[i] = json_is_number(json_array_get(ci, 0)) ? json_number_value(json_array_get(ci, 0)) : NAN;
		hi[i] = json_is_number(json_array_get(ci, 1)) ? json_number_value(json_array_get(ci, 1)) : NAN;
	}
	char title[700], note[900];
	snprintf(title, sizeof title, "Difference in %s against %s", metric, ref);
	report_chart *c = report_chart_bar_new(title, cats, n, 1);
	int st = c ? report_chart_bar_add(c, "paired difference (95% CI)", m, lo, hi, err)
		   : oom(err);
	if (st > 0)
		st = 0; /* the series index */
	if (!st)
		st = report_chart_add_reference(c, 0, NULL, err);
	free(cats);
	free(m);
	if (st) {
		report_chart_free(c);
		return st;
	}
	int hib = json_is_true(json_object_get(r->comparison, "higher_is_better"));
	snprintf(note, sizeof note,
		 "Each bar: the variant minus %s, paired by replication (common "
		 "random numbers); whiskers: 95%% CI. %s is better. An interval "
		 "that crosses zero shows no clear difference.", ref,
		 hib ? "Higher" : "Lower");
	report_chart_set_note(c, note);
	*out = c;
	return 0;
}

void sim_report_figure_names(const json_t *result, char *buf, size_t n)
{
	const json_t *vars = json_object_get(result, "variants");
	size_t nv = json_array_size(vars);
	snprintf(buf, n, "accuracy");
	size_t l = strlen(buf);
	if (nv > 1)
		snprintf(buf + l, n - l, ", accuracy-1..accuracy-%zu", nv);
	l = strlen(buf);
	snprintf(buf + l, n - l, ", value%s", nv > 1 ? ", comparison" : "");
}

int sim_report_figure(const json_t *result, const char *name,
		      const char *lang, const char *src,
		      report_chart **out, common_error *err)
{
	srp_result r;
	int st = srp_read(result, lang, src, &r, err);
	if (st)
		return st;
	long k = -2;
	if (!strcmp(name, "accuracy"))
		k = -1;
	else if (!strncmp(name, "accuracy-", 9)) {
		char *end;
		long v = strtol(name + 9, &end, 10);
		if (!*end && end != name + 9 && v >= 1 && (size_t)v <= r.nvar)
			k = v - 1;
	}
	if (k >= -1)
		st = accuracy_chart(&r, k, 1, out, err);
	else if (!strcmp(name, "value"))
		st = value_chart(&r, out, err);
	else if (!strcmp(name, "comparison") && r.nvar > 1)
		st = comparison_chart(&r, out, err);
	else {
		char names[200];
		sim_report_figure_names(result, names, sizeof names);
		st = common_error_set(err, COMMON_EUSAGE, NULL, 0,
				      "unknown figure '%s' for this result (%s)",
				      name, names);
	}
	srp_release(&r);
	return st;
}

/* ---- the document ------------------------------------------------------ */

/* The overview's variant line. A sweep's names ("a=1, b=x", "a=1, b=y",
 * ...: the same parameters in the same order) become "6 variants: a (1,
 * 2, 3) x b (x, y)"; other names are listed, separated by semicolons
 * because a name may hold commas. */
static void variants_line(const srp_result *r, char *out, size_t size)
{
	enum { MAXP = 16, MAXV = 64 };
	char keys[MAXP][64];
	const char *vals[MAXP][MAXV];
	size_t vlen[MAXP][MAXV];
	int nv[MAXP] = {0}, np = -1, sweep = r->nvar > 4;
	for (size_t v = 0; sweep && v < r->nvar; v++) {
		const char *p = r->var[v].name;
		int i = 0;
		while (sweep && *p) {
			const char *eq = strchr(p, '='), *end = strstr(p, ", ");
			if (!end)
				end = p + strlen(p);
			if (!eq || eq > end || i >= MAXP ||
			    (size_t)(eq - p) >= sizeof keys[0]) {
				sweep = 0;
				break;
			}
			size_t kl = (size_t)(eq - p);
			if (v == 0) {
				memcpy(keys[i], p, kl);
				keys[i][kl] = '\0';
			} else if (i >= np || strlen(keys[i]) != kl ||
				   memcmp(keys[i], p, kl)) {
				sweep = 0;
				break;
			}
			const char *val = eq + 1;
			size_t len = (size_t)(end - val);
			int seen = 0;
			for (int j = 0; j < nv[i] && !seen; j++)
				seen = vlen[i][j] == len &&
				       !memcmp(vals[i][j], val, len);
			if (!seen) {
				if (nv[i] >= MAXV) {
					sweep = 0;
					break;
				}
				vals[i][nv[i]] = val;
				vlen[i][nv[i]++] = len;
			}
			i++;
			p = *end ? end + 2 : end;
		}
		if (v == 0)
			np = i;
		else if (i != np)
			sweep = 0;
	}
	size_t l = 0;
	out[0] = '\0';
	if (sweep && np > 0) {
		l += (size_t)snprintf(out, size, "%zu variants: ", r->nvar);
		for (int i = 0; i < np && l < size; i++) {
			l += (size_t)snprintf(out + l, size - l, "%s%s (",
					      i ? " x " : "", keys[i]);
			for (int j = 0; j < nv[i] && l < size; j++)
				l += (size_t)snprintf(out + l, size - l, "%s%.*s",
						      j ? ", " : "",
						      (int)vlen[i][j], vals[i][j]);
			if (l < size)
				l += (size_t)snprintf(out + l, size - l, ")");
		}
		return;
	}
	for (size_t v = 0; v < r->nvar && l < size; v++)
		l += (size_t)snprintf(out + l, size - l, "%s%s", v ? "; " : "",
				      r->var[v].name);
}

static int add_overview(const srp_result *r, report_doc *d, common_error *err)
{
	char buf[4096] = "";
	const json_t *sc = r->scenario;
	const char *lesson = srp_lesson(r);
	int st = 0;
	if (lesson) {
		snprintf(buf, sizeof buf, "<b>Lesson.</b> ");
		report_markup_append(buf, sizeof buf, lesson);
		st = report_doc_callout(d, buf, err);
	}
	const char *desc = common_json_str(sc, "description");
	if (!st && desc)
		st = report_doc_paragraph(d, desc);
	char k[7][4096];
	const char *keys[7], *vals[7];
	size_t n = 0;
	double req = common_json_num(sc, "requests_per_step");
	char a[64], b[64];
	srp_fmt(a, sizeof a, req);
	snprintf(k[n], sizeof k[n], "%ld %ss, %s requests per %s", r->steps,
		 r->unit, a, r->unit);
	keys[n] = "Horizon";
	vals[n] = k[n];
	n++;
	double delay = common_json_num(sc, "label_delay"), cov = common_json_num(sc, "label_coverage");
	if (isfinite(delay) && isfinite(cov)) {
		srp_fmt_pct(a, sizeof a, cov);
		srp_fmt(b, sizeof b, delay);
		snprintf(k[n], sizeof k[n], "%s of requests get their label, %s %s%s later",
			 a, b, r->unit, delay == 1 ? "" : "s");
		keys[n] = "Ground truth";
		vals[n] = k[n];
		n++;
	}
	const json_t *drifts = json_object_get(sc, "drifts");
	k[n][0] = '\0';
	for (size_t i = 0; i < json_array_size(drifts); i++) {
		const json_t *dr = json_array_get(drifts, i);
		const char *pat = common_json_str(dr, "pattern");
		size_t l = strlen(k[n]);
		srp_fmt(a, sizeof a, common_json_num(dr, "start"));
		snprintf(k[n] + l, sizeof k[n] - l, "%s%s %s from %s %s", i ? "; " : "",
			 pat ? pat : "", drift_label(dr), r->unit, a);
	}
	keys[n] = "Drifts";
	vals[n] = json_array_size(drifts) ? k[n] : "none";
	n++;
	const char *seed = common_json_str(r->root, "seed");
	const char *engine = common_json_str(r->root, "engine");
	snprintf(k[n], sizeof k[n], "%ld, seed %s%s%s%s",
		 (long)common_json_num(r->root, "runs"), seed ? seed : "\u2013",
		 engine ? ", " : "", engine ? engine : "",
		 engine ? " engine" : "");
	keys[n] = "Replications";
	vals[n] = k[n];
	n++;
	variants_line(r, k[n], sizeof k[n]);
	keys[n] = r->nvar > 1 ? "Variants" : "Variant";
	vals[n] = k[n];
	n++;
	const char *source = common_json_str(sc, "source");
	if (source) {
		keys[n] = "Scenario file";
		vals[n] = source;
		n++;
	}
	if (!st)
		st = report_doc_keyvalue(d, keys, vals, n);
	return st;
}

static int add_findings(const srp_result *r, report_doc *d, common_error *err)
{
	char **f = NULL;
	size_t n = 0;
	int st = srp_findings(r, &f, &n, err);
	if (st)
		return st;
	report_doc_heading(d, 1, "Findings");
	if (n)
		st = report_doc_list(d, (const char *const *)f, n, 0, err);
	else
		st = report_doc_paragraph(d, "No drift onset, comparison or "
					     "detection in this result to report on.");
	srp_free_strings(f, n);
	if (!st) {
		report_doc_heading(d, 1, r->nvar > 1 ? "Variants" : "Lifecycle");
		st = srp_variants_table(r, d);
		if (!st)
			report_doc_note(d, "Lead time: mean time from a retraining "
					   "trigger to a deployable model.");
	}
	return st;
}

static int add_charts(const srp_result *r, report_doc *d, common_error *err)
{
	report_chart *c = NULL;
	int st = 0;
	char note[600];
	report_doc_heading(d, 1, "Accuracy over time");
	event_note(r, note, sizeof note, 1);
	if (r->nvar == 1 || r->nvar > MAX_VARIANT_CHARTS) {
		st = accuracy_chart(r, -1, 0, &c, err);
		if (!st)
			st = report_doc_chart(d, c, 0);
	} else {
		for (size_t v = 0; v < r->nvar && !st; v++) {
			st = accuracy_chart(r, (long)v, 0, &c, err);
			if (!st)
				st = report_doc_chart(d, c, 178);
		}
	}
	if (st)
		return st;
	report_doc_note(d, note);
	report_doc_heading(d, 1, "Cumulative net value");
	if (!srp_priced(r)) {
		report_doc_paragraph(d, "This scenario puts no price on predictions "
					"or costs (every net value is zero), so there "
					"is no value curve.");
	} else {
		st = value_chart(r, &c, err);
		if (st == COMMON_EUSAGE)
			st = report_doc_paragraph(d, "The result has no cumulative "
						     "value series.");
		else if (!st)
			st = report_doc_chart(d, c, 0);
	}
	if (st || r->nvar < 2)
		return st;
	report_doc_heading(d, 1, "Variant comparison");
	st = comparison_chart(r, &c, err);
	if (!st)
		st = report_doc_chart(d, c, r->nvar > 8 ? 0 : 60 + 28.0 * (double)r->nvar);
	else if (st == COMMON_EUSAGE)
		st = report_doc_paragraph(d, "The result has no paired differences.");
	return st;
}

int sim_report_build(const json_t *result, const char *lang, const char *src,
		     report_doc **out, common_error *err)
{
	srp_result r;
	int st = srp_read(result, lang, src, &r, err);
	if (st)
		return st;
	report_doc *d = report_doc_new(REPORT_PAGE_A4, "mlopskit simulation");
	if (!d) {
		srp_release(&r);
		return oom(err);
	}
	char sub[600];
	const char *name = common_json_str(r.scenario, "name");
	snprintf(sub, sizeof sub, "%s%s%ld runs", name ? name : "",
		 name ? " \u00b7 " : "", (long)common_json_num(result, "runs"));
	report_doc_set_subtitle(d, sub);
	report_doc_heading(d, 0, r.title);
	st = add_overview(&r, d, err);
	if (!st)
		st = add_findings(&r, d, err);
	if (!st)
		st = add_charts(&r, d, err);
	if (!st)
		st = srp_doc_tables(&r, d, err);
	srp_release(&r);
	if (st) {
		report_doc_free(d);
		return st;
	}
	*out = d;
	return 0;
}
