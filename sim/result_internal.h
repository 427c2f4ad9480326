/* sim/result_internal.h: how montecarlo.c fills a sim_result (libsim only). */
#ifndef SIM_RESULT_INTERNAL_H
#define SIM_RESULT_INTERNAL_H

#include "sim/sim.h"

/* A result for the variants of sc (sc itself when it declares none), with
 * room for runs replications each; NULL when out of memory. */
sim_result *sim_result_alloc(const sim_scenario *sc, long runs,
			     unsigned long long seed, common_error *err);
/* The scenario variant v runs (borrowed). */
const sim_scenario *sim_result_variant_scenario(const sim_result *r, int v);
/* Where replication rep of variant v writes its series
 * (steps x SIM_SERIES_N) and its metrics (SIM_METRIC_N). Every
 * (variant, replication) writes disjoint memory. */
double *sim_result_series_of(sim_result *r, int v, long rep);
double *sim_result_metrics_of(sim_result *r, int v, long rep);

#endif
