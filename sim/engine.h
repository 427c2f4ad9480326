/* sim/engine.h: one replication of a scenario, request by request.
 *
 * The per-request engine is the reference: every request's features and
 * outcome are drawn, the serving model scores it, and per-step metrics are
 * accumulated. One replication depends only on (scenario, seed,
 * replication): its streams come from sim/rng.h, so replications can run on
 * any thread in any order.
 *
 * Ownership: sim_engine_new returns a per-thread workspace freed with
 * sim_engine_free; it borrows the scenario, which must outlive it. */
#ifndef SIM_ENGINE_H
#define SIM_ENGINE_H

#include <stdint.h>

#include "common/error.h"
#include "sim/scenario.h"

/* Per-step series of one replication, steps x SIM_SERIES_N doubles,
 * row-major by step. */
enum sim_series_id {
	SIM_S_ACCURACY,   /* share of requests the serving model got right */
	SIM_S_LOG_LOSS,   /* mean log loss of the serving model, nats */
	SIM_S_POS_RATE,   /* share of requests predicted positive */
	SIM_S_PREVALENCE, /* share of requests whose true label is 1 */
	SIM_S_RETRAIN,    /* 1 when a new model started serving this step */
	SIM_SERIES_N
};

/* Per-replication scalar metrics. */
enum sim_metric {
	SIM_M_ACCURACY_MEAN,  /* mean of the per-step accuracy */
	SIM_M_ACCURACY_FINAL, /* mean accuracy over the last tenth of steps */
	SIM_M_ACCURACY_MIN,   /* lowest per-step accuracy */
	SIM_M_LOG_LOSS_MEAN,  /* mean of the per-step log loss */
	SIM_M_POS_RATE_MEAN,  /* mean share predicted positive */
	SIM_M_RETRAINS,       /* models trained after the initial one */
	SIM_M_LABELS,         /* labels that arrived within the horizon */
	SIM_METRIC_N
};

/* Names used in JSON and CSV ("accuracy", "accuracy_mean", ...). */
const char *sim_series_name(int i);
const char *sim_metric_name(int i);

/* Test hook: called at every fit with the step t at whose start the new
 * model serves, the range of request steps its rows came from and the
 * number of rows (t = 0 is the warm-up fit: lo = hi = -1). */
typedef void (*sim_fit_hook)(void *ctx, long t, long lo, long hi, size_t n);

typedef struct sim_engine sim_engine;

int sim_engine_new(const sim_scenario *sc, sim_engine **out,
		   common_error *err);
void sim_engine_free(sim_engine *e);

/* Sets (or clears, with NULL) the fit hook. */
void sim_engine_set_fit_hook(sim_engine *e, sim_fit_hook hook, void *ctx);

/* Runs replication rep with the given seed, filling series
 * (steps x SIM_SERIES_N) and metrics (SIM_METRIC_N). */
int sim_engine_run(sim_engine *e, uint64_t seed, long rep, double *series,
		   double *metrics, common_error *err);

#endif
