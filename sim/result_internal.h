/* sim/result_internal.h: how montecarlo.c fills a sim_result (libsim only). */
#ifndef SIM_RESULT_INTERNAL_H
#define SIM_RESULT_INTERNAL_H

#include "sim/sim.h"

/* Bytes a result for runs replications of sc's variants keeps: the
 * metrics, the per-step summaries and, when keep_series, every
 * replication's series (what SIM_MAX_RESULT_BYTES bounds). */
double sim_result_bytes(const sim_scenario *sc, long runs, int keep_series);
/* A result for the variants of sc (sc itself when it declares none), with
 * room for runs replications' metrics each, the per-step summaries and,
 * when keep_series, every replication's series; NULL when out of memory
 * (err filled). kind is only recorded. */
sim_result *sim_result_alloc(const sim_scenario *sc, long runs,
			     unsigned long long seed, int keep_series,
			     sim_engine_kind kind, common_error *err);
/* The scenario variant v runs (borrowed). */
const sim_scenario *sim_result_variant_scenario(const sim_result *r, int v);
/* Where replication rep of variant v writes its metrics (SIM_METRIC_N).
 * Every (variant, replication) writes disjoint memory. */
double *sim_result_metrics_of(sim_result *r, int v, long rep);
/* Adds replication rep's series of variant v (steps x SIM_SERIES_N,
 * borrowed) to the per-step summaries, and keeps a copy when the result
 * keeps series. Call it for every (v, rep) in job order, variant then
 * replication: the floating-point sums then do not depend on which
 * thread ran which replication. */
void sim_result_fold(sim_result *r, int v, long rep, const double *series);

#endif
