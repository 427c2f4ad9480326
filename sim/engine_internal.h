/* sim/engine_internal.h: the per-request engine's state, shared by its
 * files (engine.c: the step loop; engine_serve.c: scoring a chunk;
 * engine_ops.c: retraining jobs, deployments and incidents;
 * engine_metrics.c: the per-replication metrics). libsim only. */
#ifndef SIM_ENGINE_INTERNAL_H
#define SIM_ENGINE_INTERNAL_H

#include <gsl/gsl_rng.h>

#include "sim/aggregate.h"
#include "sim/deploy.h"
#include "sim/drift.h"
#include "sim/engine.h"
#include "sim/lifecycle.h"
#include "sim/logreg.h"
#include "sim/monitor.h"
#include "sim/train_store.h"

/* The arrivals' verdict on a blue-green switch (beside sim/deploy.h's
 * CONTINUE, PROMOTE, ROLLBACK): switch back to the previous model. */
#define SIM_DEPLOY_SWITCH_BACK ((sim_deploy_decision)100)

/* Rows drawn per batch: 1024 rows of d = 10 doubles stay in L2 cache. */
#define SIM_ENGINE_CHUNK 1024

/* The labelled outcomes of one step, waiting for their arrival L steps
 * later. */
typedef struct sim_arrival {
	long step;            /* request step; -1 when empty */
	long gen;             /* production generation that served them */
	long rollout;         /* rollout id active then (0: none) */
	sim_arm_counts arms;  /* for the deployment strategy */
	double prod_n, prod_correct; /* production-served labelled rows */
	unsigned char *err;   /* production's errors on them, in order */
	size_t nerr;
} sim_arrival;

/* A model with what the engine knows about it. */
typedef struct sim_slot {
	sim_logreg *m;
	int defective;
	int failed;    /* its promotion counted as a change failure */
	long trigger;  /* step its job was triggered (-1: warm-up) */
} sim_slot;

/* Alarm steps of one source, in time order. */
typedef struct sim_alarm_list {
	long *at;
	int n, cap;
} sim_alarm_list;

enum {
	SIM_ALARM_ANY,
	SIM_ALARM_STAT,
	SIM_ALARM_PERF,
	SIM_ALARM_REVIEW,
	SIM_ALARM_SOURCES
};

/* Per-replication counters that become metrics. */
typedef struct sim_tally {
	double retrains, deployments, rollbacks, defects_caught,
		defects_shipped, exposure, exposure_rejected, pending_exposure,
		incidents, lead_sum, lead_n, failures, restore_sum, restore_n,
		labels;
	double value, cost_compute, cost_training, cost_labels, cost_people,
		cost_platform, cost_incidents, served, latency_sum;
	long failure_since; /* step a failure state began, -1 none */
	sim_alarm_list alarms[SIM_ALARM_SOURCES];
} sim_tally;

/* A cached set of model probabilities (aggregate engine): valid while
 * the law's version, the model's coefficients and the skew stay. */
#define SIM_AGG_CACHE 4
typedef struct sim_agg_entry {
	unsigned long version; /* law version; 0 = empty */
	unsigned long used;    /* for least-recently-used replacement */
	double shift;
	double *coef;          /* d coefficients, then the intercept */
	sim_agg_probs p;
} sim_agg_entry;

/* Per mixture component: a model's probabilities on it, or (coef NULL at
 * lookup) its P(y = 1). A gradual drift changes the law every step but
 * only through the weights: its components' entries stay valid. */
#define SIM_AGG_CCACHE 16
typedef struct sim_agg_centry {
	unsigned long used;    /* least-recently-used; 0 = empty */
	double *key;           /* noise, component, [coef, shift] */
	size_t nkey;
	sim_agg_comp_probs p;  /* model entries */
	double p1;             /* P(y = 1) entries */
} sim_agg_centry;

struct sim_engine {
	const sim_scenario *sc;
	const sim_lifecycle *lc; /* &life */
	sim_lifecycle life;      /* in force now (a roadmap changes it) */
	int plan_next;           /* next roadmap step to apply */
	int deploy_stale;        /* the strategy changed during a rollout */
	size_t tx_rows;          /* rows of TX from the last fit */
	sim_law *law;
	sim_train_store *store;
	sim_slot prod, cand, prev, spare;
	gsl_rng *r_data, *r_feedback, *r_train, *r_drift, *r_ops;
	double *X, *zp, *zc, *zs; /* chunk rows; production's, the
				     candidate's and the served scores */
	unsigned char *y, *route; /* labels; 1 = served by the candidate */
	double *TX;            /* training rows */
	unsigned char *ty;
	size_t *rows;          /* subsample indices */
	size_t train_max;      /* capacity of TX */
	double *mon_X, *mon_s; /* the step's monitoring sample */
	size_t mon_n, mon_cap; /* sample taken; room for the largest */
	sim_statmon *stat;
	sim_perfmon *perf;
	sim_deploy *deploy;
	sim_arrival *queue;    /* label_delay + 1 slots */
	long nqueue;
	size_t err_cap;        /* error bits kept per step */
	/* replication state */
	long gen;              /* production generation */
	long rollout;          /* current rollout id, 0 when none */
	int job_active;
	long job_ready;        /* step the candidate becomes deployable */
	long last_trigger;
	int pending;           /* an alarm-triggered job waits for labels */
	int retry;             /* validation rejected a candidate: redo */
	long job_from;         /* first request step of the current job
				  (-1: the usual window) */
	double bg_ref;         /* blue-green: the old model's accuracy */
	double watch_n, watch_c; /* the new model's labels in the watch */
	long alarm_from;       /* ... of requests from this step on */
	long incident_end;     /* first step without the incident; -1 none */
	long incident_start;
	long rollout_seq;      /* rollouts started in this replication */
	long promoted_at;      /* step of the last promotion */
	size_t cand_nfit;      /* training rows of the candidate (in TX) */
	long reset_step;       /* expanding window start */
	double baseline_acc;   /* production's post-deployment accuracy */
	double base_n, base_c; /* labels behind it so far */
	double *review_n, *review_c; /* per-step arrived counts (review) */
	sim_tally tally;
	/* aggregate engine (engine_aggregate.c) */
	sim_engine_kind kind;
	sim_agg *agg;
	gsl_rng *r_rows;       /* training rows drawn when a fit needs them */
	gsl_rng *r_labels;     /* the step's positive-label counts */
	double agg_p1;         /* P(y = 1) of the law version agg_p1_version */
	unsigned long agg_p1_version;
	sim_law *law_rows;     /* the law of the step being drawn */
	const sim_walk *walk;  /* this replication's random walks */
	double *skew_at;       /* per step: the skew shift of x_1 */
	double *agg_snap, *agg_snap_new; /* law parameters, for versions */
	size_t agg_snap_len;
	unsigned long agg_law_version, agg_clock;
	sim_agg_entry agg_cache[SIM_AGG_CACHE];
	sim_agg_centry agg_ccache[SIM_AGG_CCACHE];
	double *agg_ckey;      /* lookup key scratch */
	double *agg_counts;    /* monitor sample bin counts, ncols x bins */
	double *agg_p;         /* bins probabilities */
	unsigned int *agg_n;   /* bins counts */
	int mon_counts;        /* the sample is in agg_counts, not mon_X */
	/* per store slot (step s at s % store keep): the training rows' cell
	 * counts (production, candidate: TP FP FN TN) and the two models'
	 * coefficients (d, then the intercept) that served them */
	double *tquota, *tcoef;
	/* sim_engine_draw_rows's scratch: a group of steps drawn together
	 * (store keep entries) and two law snapshots */
	struct sim_fill_dst *fill;
	double *fill_snap;
	size_t agg_snap_len_max; /* sim_engine_law_len of the scenario */
	sim_fit_hook hook;
	void *hook_ctx;
	/* shared warm-up fits (borrowed; NULL: fit every warm-up) and the
	 * key and state scratch for them */
	sim_warm_cache *warm;
	double *warm_buf;
	size_t warm_nkey;
};

/* engine_serve.c: draws and serves one step; fills the step's series
 * fields, books the labelled outcomes into the arrival queue and the
 * monitoring sample. */
int sim_engine_serve_step(sim_engine *e, long t, double *row,
			  common_error *err);

/* The arrival-queue slot of step t, emptied and stamped with the
 * production generation and (when a rollout is active) its id. */
sim_arrival *sim_engine_arrival_begin(sim_engine *e, long t, int active);

/* One labelled outcome of production (ok: its prediction was right)
 * into the arrival: production's arm, its labelled counts and its error
 * bits (for the performance detectors). */
static inline void sim_arrival_prod(const sim_engine *e, sim_arrival *a,
				    int ok)
{
	a->arms.prod_n += 1;
	a->arms.prod_correct += ok;
	a->prod_n += 1;
	a->prod_correct += ok;
	if (a->nerr < e->err_cap)
		a->err[a->nerr++] = (unsigned char)!ok;
}

/* The ledger of a step's served predictions (value, compute, labels,
 * served, latency) from its confusion counts and k labels; mirror: a
 * shadow scores every request twice. */
void sim_engine_book_served(sim_engine *e, double *row, double tp,
			    double fp, double fn, double tn, long k, int mirror);

/* Scores of rows X (n x d) under model m, clamped to the domain of
 * sim/fastmath.h (engine_serve.c). */
void sim_engine_score(const sim_logreg *m, const double *X, size_t n,
		      size_t d, double *z);

/* engine_aggregate.c: the step with the aggregate engine (same contract
 * as sim_engine_serve_step); the training rows of steps [lo, hi] that
 * were declared but not drawn yet; the length of a law snapshot. */
int sim_engine_serve_aggregate(sim_engine *e, long t, double *row,
			       common_error *err);
int sim_engine_draw_rows(sim_engine *e, long lo, long hi,
			 common_error *err);
size_t sim_engine_law_len(int d, int maxcomp);
/* Writes the law's parameters into snap (sim_engine_law_len doubles at
 * most); returns how many. */
size_t sim_engine_law_snapshot(const sim_law *law, double *snap);
/* Allocates the aggregate engine's workspace (once). */
int sim_engine_agg_alloc(sim_engine *e, common_error *err);
void sim_engine_agg_free(sim_engine *e);
void sim_engine_agg_reset(sim_engine *e);

/* engine_ops.c */
/* The statistical reference from the first rows of TX (the serving
 * model's training rows) and the serving model's scores on them. */
int sim_engine_set_reference(sim_engine *e, size_t n, common_error *err);
/* The initial model of replication rep (shared through e->warm). */
int sim_engine_fit_warmup(sim_engine *e, const sim_walk *walk, long rep,
			  common_error *err);
/* Starts a retraining job for step t (fits the candidate on the labels
 * arrived by then; draws lead time and defect); its costs are booked on
 * row (the step that decided it). */
int sim_engine_start_job(sim_engine *e, long t, long from, double *row,
			 common_error *err);
/* At the start of step t: a ready job is validated and rolled out. */
int sim_engine_release(sim_engine *e, long t, double *row,
		       common_error *err);
/* Makes the candidate production (at step t). */
int sim_engine_promote(sim_engine *e, long t, common_error *err);
/* Drops the candidate (rollout rolled back at step t). */
void sim_engine_rollback(sim_engine *e, long t);
/* Blue-green: the previous model comes back at step t. */
int sim_engine_switch_back(sim_engine *e, long t, common_error *err);
/* Incidents: start one with the configured probability at step t, end it
 * when found. */
void sim_engine_incidents(sim_engine *e, long t, double *row);
void sim_engine_tally_alarm(sim_engine *e, long t, int source);

/* engine_metrics.c: per-replication metrics from series and tally. */
void sim_engine_metrics(const sim_engine *e, const double *series,
			double *metrics);

#endif
