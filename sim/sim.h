/* sim/sim.h: libsim's public interface for running scenarios.
 *
 * sim_run executes the Monte Carlo replications of a scenario (OpenMP over
 * replications) and keeps, per replication, the scalar metrics (sim/engine.h
 * lists them), and per step the summaries of the series across
 * replications, folded in as replications finish, so memory does not grow
 * with the series times the replications; every replication's series only
 * when asked (keep_series). Results are identical whatever the number of
 * threads: a replication depends only on (scenario, seed, replication) and
 * results are combined in job order (variant, then replication).
 *
 * Ownership: sim_run's *out belongs to the caller (sim_result_free); the
 * result borrows the scenario, which must outlive it. JSON values returned
 * are new references (json_decref). */
#ifndef SIM_SIM_H
#define SIM_SIM_H

#include <stdint.h>
#include <stdio.h>
#include <jansson.h>

#include "common/error.h"
#include "sim/engine.h"
#include "sim/scenario.h"

typedef struct sim_options {
	int has_seed;                 /* 1: seed overrides the scenario's */
	unsigned long long seed;
	long runs;                    /* > 0 overrides the scenario's */
	int threads;                  /* > 0 sets OpenMP threads; 0 = default */
	sim_engine_kind engine;       /* SIM_ENGINE_AUTO (0) by default */
	int keep_series;              /* 1: keep every replication's series
					 (sim_result_series_v); 0: only
					 their per-step summaries */
	/* Called on the calling thread's behalf, serialised, after each
	 * replication; may be NULL. */
	void (*progress)(void *ctx, long done, long total);
	void *progress_ctx;
} sim_options;

typedef struct sim_result sim_result;

/* Results kept in memory at most: 4 GiB, counting the metrics
 * (variants x replications x SIM_METRIC_N doubles), the per-step summaries
 * (variants x steps x SIM_SERIES_N) and, with keep_series, every
 * replication's series (variants x replications x steps x SIM_SERIES_N
 * doubles). sim_run refuses a larger run (COMMON_EINPUT) before allocating
 * anything. */
#define SIM_MAX_RESULT_BYTES (4.0 * 1073741824.0)

int sim_run(const sim_scenario *sc, const sim_options *opt, sim_result **out,
	    common_error *err);
void sim_result_free(sim_result *r);

const sim_scenario *sim_result_scenario(const sim_result *r);
long sim_result_runs(const sim_result *r);
unsigned long long sim_result_seed(const sim_result *r);
/* The engine kind the replications ran with. */
sim_engine_kind sim_result_engine(const sim_result *r);
/* True when the run kept every replication's series (keep_series). */
int sim_result_keeps_series(const sim_result *r);

/* Variants: the scenario's what-if variants, or the scenario alone (one
 * variant named after it). Variant v's scenario and name are borrowed. */
int sim_result_nvariants(const sim_result *r);
const char *sim_result_variant_name(const sim_result *r, int v);

/* Replication rep's value of metric m in variant v. */
double sim_result_metric_value(const sim_result *r, int v, long rep, int m);
/* Series value of variant v, replication rep, step t, series s; NaN when
 * the run did not keep series (sim_options.keep_series). */
double sim_result_series_v(const sim_result *r, int v, long rep, long t,
			   int s);
/* Variant 0's series (the scenario itself when it has no variants). */
double sim_result_series(const sim_result *r, long rep, long t, int s);

/* Summary of one metric across replications (NaN values skipped: n
 * counts the replications where it is defined). */
typedef struct sim_stat {
	double n, mean, sd, ci_lo, ci_hi, p5, p50, p95;
} sim_stat;
void sim_result_metric_stat(const sim_result *r, int v, int m,
			    sim_stat *out);
/* Per-step summary of series s of variant v across replications, folded
 * in replication by replication: n, mean, sd and CI are what
 * sim_result_metric_stat computes from all the values at once (the mean
 * exactly, sd and CI to rounding); the quantiles are NaN (they would need
 * every replication's value). Available whether or not series are kept. */
void sim_result_series_stat(const sim_result *r, int v, long t, int s,
			    sim_stat *out);
/* Paired difference variant v minus variant w on metric m, replication by
 * replication (common random numbers make it tight). */
void sim_result_paired_stat(const sim_result *r, int v, int w, int m,
			    sim_stat *out);

/* True when variant v (any variant when v < 0) books any money: a cost
 * or value metric that is defined and not identically 0. */
int sim_result_priced(const sim_result *r, int v);

/* True when a larger value of metric m is better (accuracy, value), false
 * when smaller is (loss, delays, exposure, costs). */
int sim_metric_higher_is_better(int m);
/* The metric the scenario ranks variants on. */
int sim_result_compare_metric(const sim_result *r);
/* Variants ranked best first on metric m: order[0..nvariants-1]. */
void sim_result_rank(const sim_result *r, int m, int *order);

/* The summary JSON ("format": "mlopskit.sim-result/1"); new reference,
 * NULL when memory runs out. */
json_t *sim_result_json(const sim_result *r);
/* timeseries.csv: one row per step (and variant), the mean and 95% CI
 * band of each series. */
int sim_result_write_csv(const sim_result *r, FILE *fp, const char *name,
			 common_error *err);

#endif
