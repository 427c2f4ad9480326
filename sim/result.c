/* sim/result.c: what a Monte Carlo run keeps, per variant: every
 * replication's metrics, per-step summaries of the series folded in as
 * replications finish (every replication's series only on request), and
 * the summaries and comparisons drawn from them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "sim/result_internal.h"
#include "sim/summary.h"
#include "common/banned.h"

/* One (step, series) summary across replications. The mean is GSL's
 * running mean, long double, in the same order as gsl_stats_mean over the
 * non-NaN values (sim_summary_compute), so it is the same number; m2 is
 * Welford's sum of squared deviations, in long double so that the sd
 * matches the two-pass one to the last digit or so. */
struct acc {
	long double mean, m2;
	long n; /* values folded in (NaN skipped) */
};

struct variant {
	const char *name;
	const sim_scenario *sc;
	struct acc *acc;  /* steps x SIM_SERIES_N */
	double *series;   /* runs x steps x SIM_SERIES_N, or NULL */
	double *metrics;  /* runs x SIM_METRIC_N */
};

struct sim_result {
	const sim_scenario *sc;
	long runs;
	unsigned long long seed;
	sim_engine_kind engine;
	int keep_series;
	int nvar;
	struct variant *var;
	double *scratch; /* runs values */
	int compare;     /* metric ranking the variants */
};

static const sim_scenario *variant_sc(const sim_scenario *sc, int v)
{
	return sc->nvariants > 0 ? sc->variants[v].sc : sc;
}

double sim_result_bytes(const sim_scenario *sc, long runs, int keep_series)
{
	int nvar = sc->nvariants > 0 ? sc->nvariants : 1;
	double bytes = (double)runs * sizeof(double); /* scratch */
	for (int v = 0; v < nvar; v++) {
		double cells = (double)variant_sc(sc, v)->steps * SIM_SERIES_N;
		bytes += (double)runs * SIM_METRIC_N * sizeof(double) +
			 cells * sizeof(struct acc);
		if (keep_series)
			bytes += (double)runs * cells * sizeof(double);
	}
	return bytes;
}

sim_result *sim_result_alloc(const sim_scenario *sc, long runs,
			     unsigned long long seed, int keep_series,
			     sim_engine_kind kind, common_error *err)
{
	sim_result *r = calloc(1, sizeof *r);
	int nvar = sc->nvariants > 0 ? sc->nvariants : 1;
	if (r) {
		r->sc = sc;
		r->runs = runs;
		r->seed = seed;
		r->engine = kind;
		r->keep_series = keep_series;
		r->nvar = nvar;
		r->var = calloc((size_t)nvar, sizeof *r->var);
		r->scratch = malloc((size_t)runs * sizeof *r->scratch);
		int m = sim_metric_by_name(sc->compare_metric[0]
						   ? sc->compare_metric
						   : "net_value");
		r->compare = m >= 0 ? m : SIM_M_NET_VALUE;
	}
	int bad = !r || !r->var || !r->scratch;
	for (int v = 0; !bad && v < nvar; v++) {
		struct variant *x = &r->var[v];
		x->sc = variant_sc(sc, v);
		x->name = sc->nvariants > 0 ? sc->variants[v].name : sc->name;
		size_t per = (size_t)x->sc->steps * SIM_SERIES_N;
		/* calloc: all-zero bits are 0.0L and 0 on every platform we
		 * build for (IEEE 754) */
		x->acc = calloc(per, sizeof *x->acc);
		if (keep_series)
			x->series = malloc((size_t)runs * per *
					   sizeof *x->series);
		x->metrics = malloc((size_t)runs * SIM_METRIC_N *
				    sizeof *x->metrics);
		bad = !x->acc || (keep_series && !x->series) || !x->metrics;
	}
	if (bad) {
		sim_result_free(r);
		common_error_set(err, COMMON_EIO, NULL, 0,
				 "out of memory for %d variants x %ld replications "
				 "of %ld steps",
				 nvar, runs, sc->steps);
		return NULL;
	}
	return r;
}

void sim_result_free(sim_result *r)
{
	if (!r)
		return;
	for (int v = 0; r->var && v < r->nvar; v++) {
		free(r->var[v].acc);
		free(r->var[v].series);
		free(r->var[v].metrics);
	}
	free(r->var);
	free(r->scratch);
	free(r);
}

const sim_scenario *sim_result_variant_scenario(const sim_result *r, int v)
{
	return r->var[v].sc;
}

double *sim_result_metrics_of(sim_result *r, int v, long rep)
{
	return r->var[v].metrics + (size_t)rep * SIM_METRIC_N;
}

void sim_result_fold(sim_result *r, int v, long rep, const double *series)
{
	struct variant *x = &r->var[v];
	size_t per = (size_t)x->sc->steps * SIM_SERIES_N;
	for (size_t i = 0; i < per; i++) {
		double d = series[i];
		if (isnan(d))
			continue;
		struct acc *a = &x->acc[i];
		long double delta = (long double)d - a->mean;
		a->n++;
		a->mean += delta / (long double)a->n;
		a->m2 += delta * ((long double)d - a->mean);
	}
	if (x->series)
		memcpy(x->series + (size_t)rep * per, series,
		       per * sizeof *series);
}

const sim_scenario *sim_result_scenario(const sim_result *r)
{
	return r->sc;
}

long sim_result_runs(const sim_result *r)
{
	return r->runs;
}

unsigned long long sim_result_seed(const sim_result *r)
{
	return r->seed;
}

sim_engine_kind sim_result_engine(const sim_result *r)
{
	return r->engine;
}

int sim_result_keeps_series(const sim_result *r)
{
	return r->keep_series;
}

int sim_result_nvariants(const sim_result *r)
{
	return r->nvar;
}

const char *sim_result_variant_name(const sim_result *r, int v)
{
	return r->var[v].name;
}

int sim_result_compare_metric(const sim_result *r)
{
	return r->compare;
}

double sim_result_metric_value(const sim_result *r, int v, long rep, int m)
{
	return r->var[v].metrics[(size_t)rep * SIM_METRIC_N + (size_t)m];
}

double sim_result_series_v(const sim_result *r, int v, long rep, long t,
			   int s)
{
	const struct variant *x = &r->var[v];
	if (!x->series)
		return NAN;
	return x->series[((size_t)rep * (size_t)x->sc->steps + (size_t)t) *
				 SIM_SERIES_N + (size_t)s];
}

double sim_result_series(const sim_result *r, long rep, long t, int s)
{
	return sim_result_series_v(r, 0, rep, t, s);
}

static void stat_of(const double *x, long n, sim_stat *out)
{
	sim_summary sm;
	sim_summary_compute(x, (size_t)n, &sm);
	out->n = (double)sm.n;
	out->mean = sm.mean;
	out->sd = sm.sd;
	out->ci_lo = sm.ci_lo;
	out->ci_hi = sm.ci_hi;
	out->p5 = sm.p5;
	out->p50 = sm.p50;
	out->p95 = sm.p95;
}

void sim_result_metric_stat(const sim_result *r, int v, int m, sim_stat *out)
{
	for (long i = 0; i < r->runs; i++)
		r->scratch[i] = sim_result_metric_value(r, v, i, m);
	stat_of(r->scratch, r->runs, out);
}

/* The same numbers as stat_of over the replications' values:
 * sim_summary_compute's mean, its sd (gsl_stats_sd_m: the mean squared
 * deviation scaled by n / (n - 1), in that rounding order) and its
 * Student-t 95% CI. */
void sim_result_series_stat(const sim_result *r, int v, long t, int s,
			    sim_stat *out)
{
	const struct acc *a =
		&r->var[v].acc[(size_t)t * SIM_SERIES_N + (size_t)s];
	out->n = (double)a->n;
	out->mean = out->sd = out->ci_lo = out->ci_hi = NAN;
	out->p5 = out->p50 = out->p95 = NAN;
	if (a->n == 0)
		return;
	out->mean = (double)a->mean;
	if (a->n < 2)
		return;
	double n = (double)a->n;
	double var = (double)(a->m2 / (long double)a->n) * (n / (n - 1.0));
	out->sd = sqrt(var);
	double half = gsl_cdf_tdist_Pinv(0.975, n - 1.0) * out->sd / sqrt(n);
	out->ci_lo = out->mean - half;
	out->ci_hi = out->mean + half;
}

void sim_result_paired_stat(const sim_result *r, int v, int w, int m,
			    sim_stat *out)
{
	for (long i = 0; i < r->runs; i++)
		r->scratch[i] = sim_result_metric_value(r, v, i, m) -
				sim_result_metric_value(r, w, i, m);
	stat_of(r->scratch, r->runs, out);
}

int sim_result_priced(const sim_result *r, int v)
{
	int lo = v < 0 ? 0 : v, hi = v < 0 ? r->nvar - 1 : v;
	for (int w = lo; w <= hi; w++)
		for (int m = SIM_M_NET_VALUE; m <= SIM_M_COST_INCIDENTS; m++) {
			sim_stat s;
			sim_result_metric_stat(r, w, m, &s);
			if (s.n > 0 && (s.mean != 0 || s.sd != 0))
				return 1;
		}
	return 0;
}

int sim_metric_higher_is_better(int m)
{
	switch (m) {
	case SIM_M_ACCURACY_MEAN:
	case SIM_M_ACCURACY_FINAL:
	case SIM_M_ACCURACY_MIN:
	case SIM_M_LABELS:
	case SIM_M_DEPLOYMENTS:
	case SIM_M_DEFECTS_CAUGHT:
	case SIM_M_DEPLOY_FREQ:
	case SIM_M_NET_VALUE:
	case SIM_M_VALUE:
		return 1;
	default:
		return 0;
	}
}

/* Ranking: by mean, best first; NaN means last; ties keep declaration
 * order (a stable insertion sort: variants are few). */
void sim_result_rank(const sim_result *r, int m, int *order)
{
	double *mean = malloc((size_t)r->nvar * sizeof *mean);
	int hib = sim_metric_higher_is_better(m);
	for (int v = 0; v < r->nvar; v++) {
		sim_stat s;
		sim_result_metric_stat(r, v, m, &s);
		if (mean)
			mean[v] = s.mean;
		order[v] = v;
	}
	for (int i = 1; mean && i < r->nvar; i++) {
		int x = order[i], j = i;
		while (j > 0) {
			double a = mean[x], b = mean[order[j - 1]];
			int better = !isnan(a) &&
				     (isnan(b) || (hib ? a > b : a < b));
			if (!better)
				break;
			order[j] = order[j - 1];
			j--;
		}
		order[j] = x;
	}
	free(mean);
}
