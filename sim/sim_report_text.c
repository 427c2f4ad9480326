/* sim/sim_report_text.c: the findings of a simulation report, sentences
 * generated from the numbers of the result. A difference is called clear
 * only when its 95% CI excludes zero; otherwise the sentence says there is
 * no clear difference. docs/reports.md lists every sentence and its source. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"
#include "sim/sim_report_int.h"

/* At most this many sentences per kind (variants beyond are in the tables). */
#define MAX_PER_KIND 6
/* Steps before an onset averaged as "before" (fewer when the onset is
 * earlier). */
#define BEFORE_STEPS 14

struct list {
	char **s;
	size_t n, cap;
	int oom;
};

static void add(struct list *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add(struct list *l, const char *fmt, ...)
{
	if (l->oom)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 8;
		char **s = realloc(l->s, cap * sizeof *s);
		if (!s) {
			l->oom = 1;
			return;
		}
		l->s = s;
		l->cap = cap;
	}
	char buf[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	char *d = malloc(strlen(buf) + 1);
	if (!d) {
		l->oom = 1;
		return;
	}
	memcpy(d, buf, strlen(buf) + 1);
	l->s[l->n++] = d;
}

/* "3.5 (95% CI 2.1 to 4.9)", or the mean alone when the CI is undefined. */
static void ci_words(char *buf, size_t n, double m, double lo, double hi)
{
	char a[64], b[64], c[64];
	srp_fmt(a, sizeof a, m);
	if (!isfinite(lo) || !isfinite(hi) || lo == hi) {
		snprintf(buf, n, "%s", a);
		return;
	}
	srp_fmt(b, sizeof b, lo);
	srp_fmt(c, sizeof c, hi);
	snprintf(buf, n, "%s (95%% CI %s to %s)", a, b, c);
}

/* A variant's name in bold, escaped. */
static void vname(char *buf, size_t n, const char *name)
{
	snprintf(buf, n, "<b>");
	report_markup_append(buf, n, name);
	size_t l = strlen(buf);
	snprintf(buf + l, n - l, "</b>");
}

static const char *drift_kind(const json_t *d)
{
	const json_t *ch = json_object_get(d, "changes");
	int cov = 0, con = 0, pri = 0;
	for (size_t i = 0; i < json_array_size(ch); i++) {
		const char *k = json_string_value(json_array_get(ch, i));
		if (!k)
			continue;
		cov |= !strcmp(k, "covariate");
		con |= !strcmp(k, "concept");
		pri |= !strcmp(k, "prior");
	}
	if (con && (cov || pri))
		return "data and concept drift";
	if (con)
		return "concept drift";
	if (pri)
		return "prior shift";
	if (cov)
		return "data drift";
	return "drift";
}

/* Accuracy around each drift onset of the first variant. */
static void drift_sentences(const srp_result *r, struct list *l)
{
	const json_t *drifts = json_object_get(r->scenario, "drifts");
	size_t nd = json_array_size(drifts);
	double *acc = NULL;
	if (nd == 0 || srp_series(r, &r->var[0], "accuracy", &acc, NULL, NULL))
		return;
	char name[600];
	vname(name, sizeof name, r->var[0].name);
	for (size_t i = 0; i < nd && i < MAX_PER_KIND; i++) {
		const json_t *d = json_array_get(drifts, i);
		double start = common_json_num(d, "start");
		if (!(start >= 1) || start >= (double)r->steps)
			continue;
		long s = (long)ceil(start), end = r->steps;
		/* the window ends at the next onset */
		for (size_t k = 0; k < nd; k++) {
			double o = common_json_num(json_array_get(drifts, k), "start");
			if (o > start && o < (double)end)
				end = (long)ceil(o);
		}
		long b0 = s > BEFORE_STEPS ? s - BEFORE_STEPS : 0;
		double before = 0;
		long nb = 0, tlow = -1;
		for (long t = b0; t < s; t++)
			if (isfinite(acc[t])) {
				before += acc[t];
				nb++;
			}
		for (long t = s; t < end; t++)
			if (isfinite(acc[t]) && (tlow < 0 || acc[t] < acc[tlow]))
				tlow = t;
		if (!nb || tlow < 0)
			continue;
		before /= (double)nb;
		char a[64], b[64], st[64];
		srp_fmt_pct(a, sizeof a, before);
		srp_fmt_pct(b, sizeof b, acc[tlow]);
		srp_fmt(st, sizeof st, start);
		const char *pattern = common_json_str(d, "pattern");
		if (before - acc[tlow] < 0.01)
			add(l, "After the %s %s on %s %s, the mean accuracy of %s "
			       "stayed within one point of its level before "
			       "(%s over the %ld %ss before; lowest %s).",
			    pattern ? pattern : "", drift_kind(d), r->unit, st,
			    name, a, s - b0, r->unit, b);
		else
			add(l, "After the %s %s on %s %s, the mean accuracy of %s "
			       "fell from %s (mean of the %ld %ss before) to a "
			       "low of %s on %s %ld.",
			    pattern ? pattern : "", drift_kind(d), r->unit, st,
			    name, a, s - b0, r->unit, b, r->unit, tlow);
	}
	free(acc);
	for (size_t v = 0; v < r->nvar && v < MAX_PER_KIND; v++) {
		double lo, hi, m = srp_metric(&r->var[v], "time_to_recover", &lo, &hi);
		if (!isfinite(m))
			continue;
		char ci[400];
		vname(name, sizeof name, r->var[v].name);
		ci_words(ci, sizeof ci, m, lo, hi);
		add(l, "Accuracy of %s recovered %s %s%s after a drift onset, "
		       "on average over onsets and runs.", name, ci, r->unit,
		    m == 1 ? "" : "s");
	}
}

static const json_t *variant_metric_stat(const srp_result *r, const char *var,
					 const char *metric)
{
	for (size_t v = 0; v < r->nvar; v++)
		if (!strcmp(r->var[v].name, var))
			return json_object_get(r->var[v].metrics, metric);
	return NULL;
}

/* The ranking and every paired difference on the comparison metric. */
static void comparison_sentences(const srp_result *r, struct list *l)
{
	const json_t *c = r->comparison;
	const char *metric = common_json_str(c, "metric");
	const char *refname = common_json_str(c, "reference");
	const json_t *rank = json_object_get(c, "ranking");
	const json_t *diffs = json_object_get(c, "paired_differences");
	if (!metric || !refname || r->nvar < 2 || json_array_size(rank) < 2)
		return;
	int hib = json_is_true(json_object_get(c, "higher_is_better"));
	int exposure = !strcmp(metric, "exposure_defective");
	char first[600], second[600], ref[600], a[64], b[64];
	const json_t *r0 = json_array_get(rank, 0), *r1 = json_array_get(rank, 1);
	const char *n0 = common_json_str(r0, "variant"), *n1 = common_json_str(r1, "variant");
	if (n0 && n1) {
		vname(first, sizeof first, n0);
		vname(second, sizeof second, n1);
		srp_fmt(a, sizeof a, common_json_num(r0, "mean"));
		srp_fmt(b, sizeof b, common_json_num(r1, "mean"));
		add(l, "On <i>%s</i> (%s is better), %s ranks first with a mean of "
		       "%s, against %s for %s, second.",
		    metric, hib ? "higher" : "lower", first, a, b, second);
	}
	vname(ref, sizeof ref, refname);
	const json_t *rs = variant_metric_stat(r, refname, metric);
	double refmean = common_json_num(rs, "mean");
	for (size_t i = 0; i < json_array_size(diffs) && i < MAX_PER_KIND; i++) {
		const json_t *d = json_array_get(diffs, i);
		const char *vn = common_json_str(d, "variant");
		const json_t *ci = json_object_get(d, "ci95");
		double m = common_json_num(d, "mean");
		double lo = json_number_value(json_array_get(ci, 0));
		double hi = json_number_value(json_array_get(ci, 1));
		if (!vn || !isfinite(m))
			continue;
		if (!json_is_number(json_array_get(ci, 0)) ||
		    !json_is_number(json_array_get(ci, 1)))
			lo = hi = NAN;
		char who[600], dm[64], dl[64], dh[64], pct[64];
		vname(who, sizeof who, vn);
		srp_fmt(dm, sizeof dm, m);
		srp_fmt(dl, sizeof dl, lo);
		srp_fmt(dh, sizeof dh, hi);
		int clear = isfinite(lo) && isfinite(hi) && (lo > 0 || hi < 0);
		int known = isfinite(lo) && isfinite(hi);
		if (exposure && clear && refmean > 0 && hi < 0) {
			srp_fmt(pct, sizeof pct, -100 * m / refmean);
			add(l, "%s cut exposure to defective models by %s%% against "
			       "%s (paired difference %s predictions, 95%% CI %s "
			       "to %s).", who, pct, ref, dm, dl, dh);
		} else if (exposure && clear && refmean > 0) {
			srp_fmt(pct, sizeof pct, 100 * m / refmean);
			add(l, "%s raised exposure to defective models by %s%% "
			       "against %s (paired difference %s predictions, 95%% "
			       "CI %s to %s).", who, pct, ref, dm, dl, dh);
		} else if (clear) {
			int better = hib ? m > 0 : m < 0;
			add(l, "%s is clearly %s than %s on <i>%s</i>: paired "
			       "difference %s (95%% CI %s to %s).", who,
			    better ? "better" : "worse", ref, metric, dm, dl, dh);
		} else if (known) {
			add(l, "%s against %s: no clear difference on <i>%s</i> "
			       "(paired difference %s, 95%% CI %s to %s spans "
			       "zero).", who, ref, metric, dm, dl, dh);
		} else {
			add(l, "%s against %s on <i>%s</i>: paired difference %s; "
			       "its CI is undefined (too few replications).",
			    who, ref, metric, dm);
		}
	}
}

/* Mean detection delay and false alarms per variant that monitors. */
static void detection_sentences(const srp_result *r, struct list *l)
{
	for (size_t v = 0; v < r->nvar && v < MAX_PER_KIND; v++) {
		double lo, hi, m = srp_metric(&r->var[v], "detection_delay", &lo, &hi);
		if (!isfinite(m))
			continue;
		double fa = srp_metric(&r->var[v], "false_alarms", NULL, NULL);
		double missed = srp_metric(&r->var[v], "missed_drifts", NULL, NULL);
		char who[600], ci[400], f[64], mi[64];
		vname(who, sizeof who, r->var[v].name);
		ci_words(ci, sizeof ci, m, lo, hi);
		srp_fmt(f, sizeof f, fa);
		srp_fmt(mi, sizeof mi, missed);
		add(l, "Monitoring in %s detected a drift %s %s%s after its onset "
		       "on average, with %s false alarms and %s missed drifts "
		       "per run (means).", who, ci, r->unit, m == 1 ? "" : "s",
		    f, mi);
	}
}

int srp_findings(const srp_result *r, char ***out, size_t *n,
		 common_error *err)
{
	struct list l = {0};
	drift_sentences(r, &l);
	comparison_sentences(r, &l);
	detection_sentences(r, &l);
	if (l.oom) {
		srp_free_strings(l.s, l.n);
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	}
	*out = l.s;
	*n = l.n;
	return 0;
}
