/* sim/datadrift_column.c: the statistics of one column and the test that
 * decides its drift (Evidently's default-test rule unless one is named).
 * Rules and sources: docs/methodology/drift-statistics.md. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/datadrift_impl.h"
#include "sim/stat.h"

/* Evidently bins a numeric column by value when its reference has at most
 * this many distinct values, by Sturges' equal-width bins otherwise. */
#define VALUE_BINS_MAX 20
/* New categories listed by name in the result. */
#define NEW_LISTED 20

static char *fmt_value(double v)
{
	char buf[40];
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof buf, "%.*g", prec, v);
		if (strtod(buf, NULL) == v)
			break;
	}
	return strdup(buf);
}

/* Builds the display histogram from k labelled bins: the largest
 * SIM_DRIFT_HIST_MAX_LABELS by total count (ties by label), the rest in
 * "(other)"; bins keep their input order otherwise. Takes ownership of
 * labels[] strings (frees those not kept). */
static int hist_labels(sim_drift_hist *h, char **labels, const double *ref,
		       const double *cur, size_t k)
{
	size_t keep = k <= SIM_DRIFT_HIST_MAX_LABELS ? k : SIM_DRIFT_HIST_MAX_LABELS;
	int other = k > keep;
	unsigned char *sel = calloc(k ? k : 1, 1);
	h->labels = calloc(keep + other + 1, sizeof *h->labels);
	h->ref = calloc(keep + other + 1, sizeof *h->ref);
	h->cur = calloc(keep + other + 1, sizeof *h->cur);
	if (!sel || !h->labels || !h->ref || !h->cur) {
		free(sel);
		for (size_t i = 0; i < k; i++)
			free(labels[i]);
		return -1;
	}
	if (other) {
		for (size_t s = 0; s < keep; s++) {
			size_t best = (size_t)-1;
			for (size_t i = 0; i < k; i++) {
				if (sel[i])
					continue;
				if (best == (size_t)-1)
					best = i;
				double a = ref[i] + cur[i], b = ref[best] + cur[best];
				if (a > b || (a == b && strcmp(labels[i], labels[best]) < 0))
					best = i;
			}
			sel[best] = 1;
		}
	} else {
		memset(sel, 1, k);
	}
	size_t j = 0;
	double oref = 0, ocur = 0;
	for (size_t i = 0; i < k; i++) {
		if (sel[i]) {
			h->labels[j] = labels[i];
			h->ref[j] = ref[i];
			h->cur[j] = cur[i];
			j++;
		} else {
			oref += ref[i];
			ocur += cur[i];
			free(labels[i]);
		}
	}
	if (other) {
		h->labels[j] = strdup("(other)");
		h->ref[j] = oref;
		h->cur[j] = ocur;
		j++;
	}
	h->nbins = j;
	free(sel);
	return 0;
}

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

/* Numeric: every statistic on the sorted samples. */
static int numeric(dd_col *c, const sim_drift_options *opt,
		   sim_drift_column *o, common_error *err)
{
	double *x = c->ref.v, *y = c->cur.v;
	size_t n = c->ref.n, m = c->cur.n;
	if (sim_stat_sort(x, n) || sim_stat_sort(y, m))
		return oom(err);
	o->ref_distinct = sim_stat_count_distinct_sorted(x, n);
	o->cur_distinct = sim_stat_count_distinct_sorted(y, m);
	sim_stat_mean_sd(x, n, &o->ref_mean, &o->ref_sd);
	sim_stat_mean_sd(y, m, &o->cur_mean, &o->cur_sd);
	if (!n || !m) {
		o->distinct = sim_stat_count_distinct_union_sorted(x, n, y, m);
		return 0;
	}
	/* KS, Wasserstein and the union's distinct values in one merge. */
	sim_stat_merged mg;
	int st = sim_stat_merge_sorted(x, n, y, m, SIM_KS_AUTO, &mg, err);
	if (st)
		return st;
	o->distinct = mg.distinct;
	o->ks_statistic = mg.ks.statistic;
	o->ks_pvalue = mg.ks.pvalue;
	o->ks_exact = mg.ks.method == SIM_KS_EXACT;
	o->wasserstein = mg.wasserstein;
	o->wasserstein_norm = o->wasserstein /
			      fmax(o->ref_sd, SIM_WASSERSTEIN_SD_FLOOR);
	/* PSI on reference quantile bins. */
	int bins = opt->psi_bins;
	double *edges = malloc((size_t)bins * sizeof *edges);
	double *pc = malloc(((size_t)bins + 1) * sizeof *pc);
	double *qc = malloc(((size_t)bins + 1) * sizeof *qc);
	if (!edges || !pc || !qc) {
		free(edges);
		free(pc);
		free(qc);
		return oom(err);
	}
	size_t ne;
	sim_stat_quantile_edges(x, n, bins, edges, &ne);
	sim_stat_bin_count_sorted(x, n, edges, ne, pc);
	sim_stat_bin_count_sorted(y, m, edges, ne, qc);
	o->psi = sim_stat_psi(pc, qc, ne + 1, SIM_PSI_EPSILON);
	free(edges);
	free(pc);
	free(qc);
	/* The shared binning of chi-square and Jensen-Shannon. */
	double *rc, *cc;
	size_t k;
	if (o->ref_distinct > VALUE_BINS_MAX) {
		double lo = fmin(x[0], y[0]), hi = fmax(x[n - 1], y[m - 1]);
		k = sim_stat_sturges_bins(n + m, lo, hi);
		o->hist.edges = malloc((k + 1) * sizeof *o->hist.edges);
		rc = o->hist.ref = malloc(k * sizeof *rc);
		cc = o->hist.cur = malloc(k * sizeof *cc);
		if (!o->hist.edges || !rc || !cc)
			return oom(err);
		sim_stat_linspace_edges(lo, hi, k, o->hist.edges);
		sim_stat_hist_count_sorted(x, n, o->hist.edges, k, rc);
		sim_stat_hist_count_sorted(y, m, o->hist.edges, k, cc);
		o->hist.nbins = k;
		o->binning = "sturges";
	} else {
		k = o->distinct;
		rc = calloc(k, sizeof *rc);
		cc = calloc(k, sizeof *cc);
		char **labels = calloc(k, sizeof *labels);
		if (!rc || !cc || !labels) {
			free(rc);
			free(cc);
			free(labels);
			return oom(err);
		}
		size_t i = 0, j = 0, b = 0;
		while (i < n || j < m) {
			double v = (j >= m || (i < n && x[i] <= y[j])) ? x[i] : y[j];
			while (i < n && x[i] == v) {
				rc[b]++;
				i++;
			}
			while (j < m && y[j] == v) {
				cc[b]++;
				j++;
			}
			labels[b++] = fmt_value(v);
		}
		o->binning = "values";
		st = 0;
		for (size_t t = 0; t < k; t++)
			if (!labels[t])
				st = -1;
		if (st) {
			for (size_t t = 0; t < k; t++)
				free(labels[t]);
		}
		if (st || hist_labels(&o->hist, labels, rc, cc, k)) {
			free(labels);
			free(rc);
			free(cc);
			return oom(err);
		}
		free(labels);
		/* rc/cc stay ours until the statistics are done */
		sim_chisq_result chi;
		st = sim_stat_chisq_counts(rc, cc, k, &chi, err);
		o->chisq_statistic = chi.statistic;
		o->chisq_pvalue = chi.pvalue;
		o->jensenshannon = sim_stat_jensenshannon(rc, cc, k);
		o->z_pvalue = sim_stat_ztest_2prop(rc[0], (double)n, cc[0], (double)m, NULL);
		free(rc);
		free(cc);
		return st;
	}
	sim_chisq_result chi;
	st = sim_stat_chisq_counts(rc, cc, k, &chi, err);
	o->chisq_statistic = chi.statistic;
	o->chisq_pvalue = chi.pvalue;
	o->jensenshannon = sim_stat_jensenshannon(rc, cc, k);
	/* z-test: the lowest value against the rest, as Evidently does */
	size_t x0 = 0, y0 = 0;
	double first = x[0] < y[0] ? x[0] : y[0];
	while (x0 < n && x[x0] == first)
		x0++;
	while (y0 < m && y[y0] == first)
		y0++;
	o->z_pvalue = sim_stat_ztest_2prop((double)x0, (double)n, (double)y0,
					   (double)m, NULL);
	return st;
}

static int cmp_new(const void *a, const void *b, const dd_cat *t)
{
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	if (t->cur[i] != t->cur[j])
		return t->cur[i] > t->cur[j] ? -1 : 1;
	return strcmp(t->key[i], t->key[j]);
}

/* Categorical: tests on the category counts. */
static int categorical(dd_col *c, sim_drift_column *o, common_error *err)
{
	dd_cat *t = &c->cat;
	size_t k = t->n;
	double n = 0, m = 0;
	size_t first = 0;
	for (size_t i = 0; i < k; i++) {
		n += t->ref[i];
		m += t->cur[i];
		o->ref_distinct += t->ref[i] > 0;
		o->cur_distinct += t->cur[i] > 0;
		if (t->ref[i] == 0 && t->cur[i] > 0)
			o->n_new++;
		if (strcmp(t->key[i], t->key[first]) < 0)
			first = i;
	}
	o->distinct = k;
	o->ref_values = (size_t)n;
	o->cur_values = (size_t)m;
	o->binning = "categories";
	/* New categories, most frequent first (insertion sort: few listed). */
	if (o->n_new) {
		size_t listed = o->n_new < NEW_LISTED ? o->n_new : NEW_LISTED;
		size_t *idx = malloc(listed * sizeof *idx);
		o->new_categories = calloc(listed, sizeof *o->new_categories);
		if (!idx || !o->new_categories) {
			free(idx);
			return oom(err);
		}
		size_t have = 0;
		for (size_t i = 0; i < k; i++) {
			if (!(t->ref[i] == 0 && t->cur[i] > 0))
				continue;
			size_t pos = have;
			while (pos > 0 && cmp_new(&i, &idx[pos - 1], t) < 0)
				pos--;
			if (pos >= listed)
				continue;
			size_t last = have < listed ? have : listed - 1;
			memmove(idx + pos + 1, idx + pos, (last - pos) * sizeof *idx);
			idx[pos] = i;
			if (have < listed)
				have++;
		}
		for (size_t i = 0; i < have; i++)
			if (!(o->new_categories[i] = strdup(t->key[idx[i]]))) {
				free(idx);
				return oom(err);
			}
		o->n_new_listed = have;
		free(idx);
	}
	char **labels = calloc(k ? k : 1, sizeof *labels);
	if (!labels)
		return oom(err);
	for (size_t i = 0; i < k; i++)
		if (!(labels[i] = strdup(t->key[i]))) {
			for (size_t j = 0; j < i; j++)
				free(labels[j]);
			free(labels);
			return oom(err);
		}
	int st = hist_labels(&o->hist, labels, t->ref, t->cur, k);
	free(labels);
	if (st)
		return oom(err);
	if (!(n > 0) || !(m > 0))
		return 0;
	sim_chisq_result chi;
	st = sim_stat_chisq_counts(t->ref, t->cur, k, &chi, err);
	o->chisq_statistic = chi.statistic;
	o->chisq_pvalue = chi.pvalue;
	o->jensenshannon = sim_stat_jensenshannon(t->ref, t->cur, k);
	o->psi = sim_stat_psi(t->ref, t->cur, k, SIM_PSI_EPSILON);
	o->z_pvalue = sim_stat_ztest_2prop(t->ref[first], n, t->cur[first], m, NULL);
	return st;
}

/* Evidently's _get_default_stattest (registry.py). */
static int default_test(int type, size_t ref_n, size_t distinct)
{
	if (ref_n <= 1000) {
		if (type == SIM_DRIFT_NUMERIC && distinct > 5)
			return SIM_DRIFT_TEST_KS;
		return distinct > 2 ? SIM_DRIFT_TEST_CHISQUARE : SIM_DRIFT_TEST_Z;
	}
	if (type == SIM_DRIFT_NUMERIC && distinct > 5)
		return SIM_DRIFT_TEST_WASSERSTEIN;
	return SIM_DRIFT_TEST_JENSENSHANNON;
}

static double score_of(const sim_drift_column *o, int test)
{
	switch (test) {
	case SIM_DRIFT_TEST_KS:
		return o->ks_pvalue;
	case SIM_DRIFT_TEST_CHISQUARE:
		return o->chisq_pvalue;
	case SIM_DRIFT_TEST_Z:
		return o->z_pvalue;
	case SIM_DRIFT_TEST_PSI:
		return o->psi;
	case SIM_DRIFT_TEST_WASSERSTEIN:
		return o->wasserstein_norm;
	default:
		return o->jensenshannon;
	}
}

int dd_column_stats(dd_col *c, const sim_drift_options *opt,
		    sim_drift_column *o, common_error *err)
{
	o->type = c->type;
	o->declared = c->declared;
	o->ref_missing = c->ref_missing;
	o->cur_missing = c->cur_missing;
	o->cur_mismatch = c->cur_mismatch;
	o->ks_statistic = o->ks_pvalue = o->psi = o->wasserstein = NAN;
	o->wasserstein_norm = o->jensenshannon = o->chisq_statistic = NAN;
	o->chisq_pvalue = o->z_pvalue = o->score = o->threshold = NAN;
	o->ref_mean = o->cur_mean = o->ref_sd = o->cur_sd = NAN;
	o->severity = -DBL_MAX;
	o->binning = "";
	int st;
	if (c->type == SIM_DRIFT_NUMERIC) {
		o->ref_values = c->ref.n;
		o->cur_values = c->cur.n;
		st = numeric(c, opt, o, err);
	} else {
		st = categorical(c, o, err);
	}
	if (st)
		return st;
	if (o->ref_values == 0 || o->cur_values == 0) {
		o->untested_reason = o->ref_values == 0 && o->cur_values == 0
					     ? "no values in either file"
				     : o->ref_values == 0 ? "no values in the reference"
							  : "no values in the current data";
		return 0;
	}
	int test = opt->test;
	int chosen = test != SIM_DRIFT_TEST_AUTO && sim_drift_test_applies(test, c->type);
	if (!chosen)
		test = default_test(c->type, o->ref_values, o->distinct);
	o->test = test;
	o->threshold = chosen && !isnan(opt->threshold)
			       ? opt->threshold
			       : sim_drift_test_default_threshold(test);
	o->score = score_of(o, test);
	o->tested = 1;
	if (sim_drift_test_is_pvalue(test)) {
		/* Evidently: ks drifts at p <= threshold, chi-square and z
		 * below it. */
		o->drifted = test == SIM_DRIFT_TEST_KS ? o->score <= o->threshold
						       : o->score < o->threshold;
		o->severity = o->score > 0 ? log(o->score) / log(o->threshold)
					   : DBL_MAX;
	} else {
		o->drifted = o->score >= o->threshold;
		o->severity = o->score / o->threshold;
	}
	return 0;
}

void dd_column_release(sim_drift_column *c)
{
	free(c->name);
	for (size_t i = 0; i < c->n_new_listed; i++)
		free(c->new_categories[i]);
	free(c->new_categories);
	if (c->hist.labels)
		for (size_t i = 0; i < c->hist.nbins; i++)
			free(c->hist.labels[i]);
	free(c->hist.labels);
	free(c->hist.edges);
	free(c->hist.ref);
	free(c->hist.cur);
}
