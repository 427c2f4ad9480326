/* sim/summary.c: across-replication summaries (see sim/summary.h). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "sim/summary.h"
#include "common/common.h"

/* Mean -+ t_{0.975, n-1} sd / sqrt(n); NaN for n < 2. */
static void ci95(sim_summary *out)
{
	if (out->n < 2) {
		out->sd = out->ci_lo = out->ci_hi = NAN;
		return;
	}
	double t = gsl_cdf_tdist_Pinv(0.975, (double)(out->n - 1));
	double half = t * out->sd / sqrt((double)out->n);
	out->ci_lo = out->mean - half;
	out->ci_hi = out->mean + half;
}

static void set_nan(sim_summary *out)
{
	out->mean = out->sd = out->ci_lo = out->ci_hi = NAN;
	out->p5 = out->p50 = out->p95 = NAN;
}

int sim_summary_compute(const double *x, size_t n, sim_summary *out)
{
	size_t m = 0;

	set_nan(out);
	out->n = 0;
	for (size_t i = 0; i < n; i++)
		m += !isnan(x[i]);
	if (m == 0)
		return COMMON_OK;
	double *v = malloc(m * sizeof *v);
	if (v == NULL)
		return COMMON_EIO;
	m = 0;
	for (size_t i = 0; i < n; i++)
		if (!isnan(x[i]))
			v[m++] = x[i];
	/* mean and sd in input order (two passes: accurate for any offset) */
	out->n = m;
	out->mean = gsl_stats_mean(v, 1, m);
	if (m > 1)
		out->sd = gsl_stats_sd_m(v, 1, m, out->mean);
	ci95(out);
	gsl_sort(v, 1, m);
	out->p5 = gsl_stats_quantile_from_sorted_data(v, 1, m, 0.05);
	out->p50 = gsl_stats_quantile_from_sorted_data(v, 1, m, 0.50);
	out->p95 = gsl_stats_quantile_from_sorted_data(v, 1, m, 0.95);
	free(v);
	return COMMON_OK;
}

struct sim_series {
	size_t steps, runs;
	size_t *count; /* non-missing values per step */
	double *mean;  /* running mean per step */
	double *m2;    /* running sum of squared deviations per step */
};

sim_series *sim_series_new(size_t steps)
{
	if (steps == 0)
		return NULL;
	sim_series *s = calloc(1, sizeof *s);
	if (s == NULL)
		return NULL;
	s->steps = steps;
	s->count = calloc(steps, sizeof *s->count);
	s->mean = calloc(steps, sizeof *s->mean);
	s->m2 = calloc(steps, sizeof *s->m2);
	if (!s->count || !s->mean || !s->m2) {
		sim_series_free(s);
		return NULL;
	}
	return s;
}

void sim_series_free(sim_series *s)
{
	if (s == NULL)
		return;
	free(s->count);
	free(s->mean);
	free(s->m2);
	free(s);
}

void sim_series_add(sim_series *s, const double *values)
{
	for (size_t t = 0; t < s->steps; t++) {
		double x = values[t];
		if (isnan(x))
			continue;
		/* Welford (1962): stable for long runs of similar values */
		double delta = x - s->mean[t];
		s->count[t]++;
		s->mean[t] += delta / (double)s->count[t];
		s->m2[t] += delta * (x - s->mean[t]);
	}
	s->runs++;
}

size_t sim_series_steps(const sim_series *s)
{
	return s->steps;
}

size_t sim_series_runs(const sim_series *s)
{
	return s->runs;
}

int sim_series_get(const sim_series *s, size_t t, sim_summary *out,
		   common_error *err)
{
	set_nan(out);
	out->n = 0;
	if (t >= s->steps)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"step %zu out of range (want < %zu)", t,
					s->steps);
	out->n = s->count[t];
	if (out->n == 0)
		return COMMON_OK;
	out->mean = s->mean[t];
	if (out->n > 1)
		out->sd = sqrt(s->m2[t] / (double)(out->n - 1));
	ci95(out);
	return COMMON_OK;
}
