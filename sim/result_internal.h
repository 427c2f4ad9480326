/* sim/result_internal.h: how montecarlo.c fills a sim_result (libsim only). */
#ifndef SIM_RESULT_INTERNAL_H
#define SIM_RESULT_INTERNAL_H

#include "sim/sim.h"

/* A result with room for runs replications; NULL when out of memory. */
sim_result *sim_result_alloc(const sim_scenario *sc, long runs,
			     unsigned long long seed, common_error *err);
/* Where replication rep writes its series (steps x SIM_SERIES_N) and its
 * metrics (SIM_METRIC_N). Replications write disjoint memory. */
double *sim_result_series_of(sim_result *r, long rep);
double *sim_result_metrics_of(sim_result *r, long rep);

#endif
