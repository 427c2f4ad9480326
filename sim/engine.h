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
#include "sim/warm_cache.h"

/* Per-step series of one replication, steps x SIM_SERIES_N doubles,
 * row-major by step. Served = what users received (production's or the
 * candidate's prediction, by the deployment strategy's routing). */
enum sim_series_id {
	SIM_S_ACCURACY,   /* share of served predictions that were right */
	SIM_S_LOG_LOSS,   /* mean log loss of the served predictions, nats */
	SIM_S_POS_RATE,   /* share of requests predicted positive */
	SIM_S_PREVALENCE, /* share of requests whose true label is 1 */
	SIM_S_RETRAIN,    /* 1 when a new model was promoted at this step */
	SIM_S_NET_VALUE,  /* value minus costs booked this step (money) */
	SIM_S_CUM_VALUE,  /* cumulative net value up to this step */
	SIM_S_CAND_SHARE, /* share of requests the candidate served */
	SIM_S_ALARM,      /* 1 when any monitor alarmed at this step */
	SIM_S_INCIDENT,   /* 1 when a pipeline incident was live */
	SIM_S_ROLLBACK,   /* 1 when a rollout or switch was rolled back */
	SIM_SERIES_N
};

/* Per-replication scalar metrics (docs/methodology/engine.md); NaN when
 * undefined in a replication (e.g. no drift to detect). */
enum sim_metric {
	SIM_M_ACCURACY_MEAN,  /* mean of the per-step accuracy */
	SIM_M_ACCURACY_FINAL, /* mean accuracy over the last tenth of steps */
	SIM_M_ACCURACY_MIN,   /* lowest per-step accuracy */
	SIM_M_LOG_LOSS_MEAN,  /* mean of the per-step log loss */
	SIM_M_POS_RATE_MEAN,  /* mean share predicted positive */
	SIM_M_SLO_BREACH,     /* share of steps with accuracy below the SLO */
	SIM_M_RETRAINS,       /* retraining jobs started */
	SIM_M_LABELS,         /* labels that arrived within the horizon */
	SIM_M_DEPLOYMENTS,    /* candidates promoted to production */
	SIM_M_ROLLBACKS,      /* rollouts or switches rolled back */
	SIM_M_DEFECTS_CAUGHT, /* defective candidates stopped by validation */
	SIM_M_DEFECTS_SHIPPED,/* defective models that reached full traffic */
	SIM_M_EXPOSURE,       /* predictions served by a defective model */
	SIM_M_EXPOSURE_REJECTED, /* predictions served by candidates later
				    rolled back */
	SIM_M_DETECTION_DELAY,/* steps from a drift onset to its detection
				 (mean over detected onsets) */
	SIM_M_FALSE_ALARMS,   /* alarms that detect no onset */
	SIM_M_MISSED_DRIFTS,  /* onsets never detected within the max delay */
	/* the same three per monitor: statistical, performance, review */
	SIM_M_DELAY_STAT, SIM_M_FALSE_STAT, SIM_M_MISSED_STAT,
	SIM_M_DELAY_PERF, SIM_M_FALSE_PERF, SIM_M_MISSED_PERF,
	SIM_M_DELAY_REVIEW, SIM_M_FALSE_REVIEW, SIM_M_MISSED_REVIEW,
	SIM_M_TIME_TO_RECOVER,/* steps from an onset until accuracy is back
				 (mean over onsets) */
	SIM_M_INCIDENTS,      /* pipeline incidents */
	SIM_M_DEPLOY_FREQ,    /* DORA: deployments per 30 steps */
	SIM_M_LEAD_TIME,      /* DORA: steps from trigger to promotion */
	SIM_M_CHANGE_FAILURE, /* DORA: share of promotions that failed */
	SIM_M_TIME_TO_RESTORE,/* DORA: steps from a failure to restoration */
	SIM_M_NET_VALUE,      /* value minus every cost, whole horizon */
	SIM_M_VALUE,          /* value of the served predictions */
	SIM_M_COST_COMPUTE,   /* inference compute */
	SIM_M_COST_TRAINING,  /* training compute */
	SIM_M_COST_LABELS,    /* labelling */
	SIM_M_COST_PEOPLE,    /* engineer hours x rate */
	SIM_M_COST_PLATFORM,  /* platform running cost */
	SIM_M_COST_INCIDENTS, /* incident cost */
	SIM_M_LATENCY,        /* mean latency per served prediction, ms */
	SIM_METRIC_N
};

/* Names used in JSON and CSV ("accuracy", "accuracy_mean", ...). */
const char *sim_series_name(int i);
const char *sim_metric_name(int i);
/* The metric called name, or -1. */
int sim_metric_by_name(const char *name);

/* Test hook: called at every fit with the step t for which it was made
 * (the first step its data could not include), the range of request steps
 * its rows came from and the number of rows (t = 0 is the warm-up fit:
 * lo = hi = -1). */
typedef void (*sim_fit_hook)(void *ctx, long t, long lo, long hi, size_t n);

typedef struct sim_engine sim_engine;

/* How a step's requests are simulated (docs/methodology/aggregate.md):
 * REQUEST draws every request (the reference); AGGREGATE draws the counts
 * the lifecycle consumes from their exact laws, and per row only what
 * needs rows (training rows, a KS monitor's sample, both models' outcomes
 * on the rows a shadow deployment mirrors); AUTO (sim_run's default) is
 * AGGREGATE where that is exact for the whole scenario, else REQUEST
 * (sim_engine_auto_kind). */
typedef enum sim_engine_kind {
	SIM_ENGINE_AUTO = 0,
	SIM_ENGINE_REQUEST = 1,
	SIM_ENGINE_AGGREGATE = 2
} sim_engine_kind;

/* "auto" / "request" / "aggregate"; NULL for an unknown kind. */
const char *sim_engine_kind_name(sim_engine_kind k);

/* What AUTO means for sc and all its variants: AGGREGATE unless a
 * lifecycle (the scenario's, a variant's or a roadmap step's) runs a
 * statistical monitor, whose sample the aggregate engine draws apart from
 * the step's other counts (the one part whose joint law it does not keep;
 * docs/methodology/aggregate.md). One kind for every variant keeps them
 * paired. */
sim_engine_kind sim_engine_auto_kind(const sim_scenario *sc);

int sim_engine_new(const sim_scenario *sc, sim_engine **out,
		   common_error *err);
void sim_engine_free(sim_engine *e);

/* Chooses the engine kind for the next runs (REQUEST when never set; AUTO
 * resolves with sim_engine_auto_kind of the engine's scenario);
 * returns COMMON_EINPUT (err filled) for an unknown kind, COMMON_EIO when
 * the aggregate workspace cannot be allocated. */
int sim_engine_set_kind(sim_engine *e, sim_engine_kind k, common_error *err);

/* Shares warm-up fits through c (sim/warm_cache.h; borrowed, must
 * outlive the runs; NULL: fit every warm-up). Results are the same either
 * way. Returns 0 or COMMON_EIO (err filled) when out of memory. */
int sim_engine_set_warm_cache(sim_engine *e, sim_warm_cache *c,
			      common_error *err);

/* Sets (or clears, with NULL) the fit hook. */
void sim_engine_set_fit_hook(sim_engine *e, sim_fit_hook hook, void *ctx);

/* Runs replication rep with the given seed, filling series
 * (steps x SIM_SERIES_N) and metrics (SIM_METRIC_N). */
int sim_engine_run(sim_engine *e, uint64_t seed, long rep, double *series,
		   double *metrics, common_error *err);

#endif
