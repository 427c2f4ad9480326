/* sim/summary.h: summaries of a metric across Monte Carlo replications.
 *
 * sim_summary_compute: mean, sample sd, Student-t 95% CI of the mean and
 * the 5/50/95% quantiles of n values. sim_series: the same mean and CI
 * band per time step, fed one replication at a time in O(steps) memory.
 * NaN marks a missing value (e.g. no detection in that replication): it is
 * skipped and not counted. Definitions: docs/methodology/model.md.
 */
#ifndef SIM_SUMMARY_H
#define SIM_SUMMARY_H

#include <stddef.h>

#include "common/error.h"

typedef struct sim_summary {
	size_t n;     /* values used (NaN skipped) */
	double mean;  /* arithmetic mean */
	double sd;    /* sample standard deviation (divisor n - 1) */
	double ci_lo; /* mean -+ t_{0.975, n-1} sd / sqrt(n) */
	double ci_hi;
	double p5;    /* quantiles by linear interpolation between order */
	double p50;   /* statistics at position q (n - 1) (Hyndman and Fan's */
	double p95;   /* type 7; gsl_stats_quantile_from_sorted_data) */
} sim_summary;

/* Summarises x[0..n-1] (borrowed) into *out. With no usable value every
 * field but n is NaN; with one, sd and the CI are NaN (no spread can be
 * estimated) and mean and quantiles are that value. Returns 0, or
 * COMMON_EIO when memory for the sorted copy runs out (fields NaN). */
int sim_summary_compute(const double *x, size_t n, sim_summary *out);

/* Per-step accumulator: mean, sd and 95% CI per step across
 * replications, by Welford's update, so memory is O(steps) whatever the
 * number of replications. Feed replications in replication order: the
 * floating-point result then does not depend on which thread ran which. */
typedef struct sim_series sim_series;

/* An accumulator for steps >= 1 steps; caller frees with sim_series_free.
 * Returns NULL when steps is 0 or memory runs out. */
sim_series *sim_series_new(size_t steps);
/* Frees s; sim_series_free(NULL) is a no-op. */
void sim_series_free(sim_series *s);

/* Adds one replication's values[0..steps-1] (borrowed; NaN = missing). */
void sim_series_add(sim_series *s, const double *values);

size_t sim_series_steps(const sim_series *s);
/* Replications added so far. */
size_t sim_series_runs(const sim_series *s);

/* Step t's summary over the values added so far: n, mean, sd, ci_lo,
 * ci_hi as in sim_summary_compute; the quantiles are NaN (they need every
 * value). Returns 0, or COMMON_EINPUT (err filled) when t >= steps. */
int sim_series_get(const sim_series *s, size_t t, sim_summary *out,
		   common_error *err);

#endif
