/* sim/lifecycle.h: the MLOps lifecycle a scenario simulates around its
 * model: monitoring, retraining triggers, maturity, deployment strategy,
 * operations and costs (issue 3). Plain configuration structs with
 * documented units and defaults; the engine reads them, the scenario loader
 * fills them (docs/format-scenario.md), sim_lifecycle_preset gives the
 * maturity levels' bundles (docs/methodology/lifecycle.md).
 *
 * Every field has a default (sim_lifecycle_defaults) that reproduces the
 * issue-2 behaviour: no monitors, retraining as configured, instant
 * deployment of every candidate, no costs. */
#ifndef SIM_LIFECYCLE_H
#define SIM_LIFECYCLE_H

#include "common/error.h"
#include "sim/detect.h"

/* ---- monitoring ----------------------------------------------------- */

/* Statistical test of a feature (or the score) against the reference. */
typedef enum sim_stat_test {
	SIM_TEST_PSI,   /* drifted when PSI >= psi_threshold */
	SIM_TEST_KS,    /* drifted when the KS p-value < alpha */
	SIM_TEST_CHISQ, /* chi-square on the reference's quantile bins, p < alpha */
} sim_stat_test;

typedef struct sim_statmon_config {
	int enabled;          /* 0/1 */
	sim_stat_test test;   /* default PSI */
	int bins;             /* quantile bins of the reference: 10 (2..100) */
	double psi_threshold; /* 0.2 (> 0) */
	double alpha;         /* KS / chi-square significance: 0.05 (0, 1) */
	double drift_share;   /* alarm when this share of the monitored
				 columns drift: 0.5 (0, 1] */
	int include_score;    /* monitor the model's score too: 1 */
	long sample;          /* requests per step the monitor sees: 500 */
	long every;           /* test every k steps: 1 */
	long reference_rows;  /* reference sample from the training data: 2000 */
} sim_statmon_config;

typedef enum sim_perf_detector {
	SIM_PERF_NONE,
	SIM_PERF_DDM,
	SIM_PERF_PH,
	SIM_PERF_ADWIN,
	SIM_PERF_THRESHOLD, /* accuracy on arrived labels below baseline - drop */
} sim_perf_detector;

typedef struct sim_perfmon_config {
	sim_perf_detector detector; /* default NONE */
	sim_ddm_params ddm;         /* defaults of sim/detect.h */
	sim_ph_params ph;
	sim_adwin_params adwin;
	double drop;                /* THRESHOLD: 0.05 accuracy points */
	long min_labels;            /* THRESHOLD: labels per evaluation: 1000 */
	long baseline_labels;       /* labels forming the post-deployment
				       baseline: 500 */
} sim_perfmon_config;

typedef struct sim_review_config {
	long every;  /* manual review every R steps; 0 = none */
	double drop; /* the reviewer notices an accuracy drop of: 0.05 */
} sim_review_config;

/* ---- retraining ------------------------------------------------------ */

typedef enum sim_window_kind {
	SIM_WINDOW_SLIDING,   /* the last W steps (default) */
	SIM_WINDOW_EXPANDING, /* every arrived step since the last drift alarm
				 or, without alarms, since step 0, capped by
				 the row budget */
} sim_window_kind;

typedef struct sim_retrain_config {
	long every;          /* periodic trigger every k steps; 0 = off */
	int on_stat_alarm;   /* 0/1 */
	int on_perf_alarm;   /* 0/1 */
	int on_review;       /* 0/1: the manual review may trigger */
	long min_interval;   /* steps between two triggers at least: 0 */
	sim_window_kind window_kind;
	/* A drift or performance alarm means the old data no longer describe
	 * the world: the job it triggers trains only on requests from the
	 * alarm step on, and waits until this many of their labels have
	 * arrived; <= 0 means 500 rows */
	long min_rows;
} sim_retrain_config;

/* ---- maturity and operations ---------------------------------------- */

typedef enum sim_maturity {
	SIM_MATURITY_CUSTOM = 0, /* no preset: every value from the file */
	SIM_MATURITY_1 = 1,      /* manual, no monitoring, no collaboration */
	SIM_MATURITY_2 = 2,      /* automated training, manual deployment,
				    basic monitoring */
	SIM_MATURITY_3 = 3,      /* automated training and deployment, full
				    monitoring, automatic retraining */
} sim_maturity;

typedef struct sim_ops_config {
	double lead_mean;      /* mean lead time trigger -> deployable model,
				  steps (lognormal): 0 = instant */
	double lead_cv;        /* its coefficient of variation: 0.5 */
	double engineer_hours; /* per retraining job */
	double p_defect;       /* a candidate is defective: 0 */
	double p_catch;        /* pre-deployment validation catches a
				  defective candidate: 0 */
	double defect_noise;   /* a defective model's coefficients get
				  N(0, defect_noise^2) noise: 3 */
	double platform_cost;  /* running cost per step (money) */
	double p_incident;     /* per step: a pipeline incident starts: 0 */
	double incident_skew;  /* an incident shifts the served features by
				  this many sd (training-serving skew): 2 */
	long incident_detect;  /* steps until an incident is found and fixed
				  without computational monitoring: 14 */
	int compute_monitoring;/* computational monitoring: incidents found
				  at the end of their first step: 0 */
} sim_ops_config;

/* ---- deployment strategies ------------------------------------------ */

typedef enum sim_deploy_kind {
	SIM_DEPLOY_BASIC,     /* candidate replaces production at once */
	SIM_DEPLOY_SHADOW,    /* mirrored traffic, promoted if not worse */
	SIM_DEPLOY_CANARY,    /* traffic steps, analysis, rollback */
	SIM_DEPLOY_BLUEGREEN, /* instant switch, instant rollback on alarm */
	SIM_DEPLOY_AB,        /* split, two-proportion z-test */
} sim_deploy_kind;

#define SIM_CANARY_MAX_STEPS 8

typedef struct sim_deploy_config {
	sim_deploy_kind kind;     /* default BASIC */
	/* shadow */
	long shadow_steps;        /* E: 7 */
	double shadow_margin;     /* promote unless worse by more: 0.01 */
	/* canary (Flagger/Argo style) */
	int canary_nweights;      /* 4 */
	double canary_weights[SIM_CANARY_MAX_STEPS]; /* 0.05 0.25 0.5 1.0 */
	long canary_interval;     /* steps per traffic weight: 1 */
	double canary_max_drop;   /* fail a check when the candidate's accuracy
				     is below production's by more: 0.05 */
	int canary_threshold;     /* failed checks before rollback: 1 */
	long canary_min_labels;   /* labels per check at least: 300 */
	/* blue-green */
	long bluegreen_watch;     /* steps after the switch during which an
				     alarm rolls back instantly: 14 */
	/* A/B */
	double ab_split;          /* share of traffic to the candidate: 0.5 */
	double ab_alpha;          /* two-sided test level: 0.05 */
	long ab_max_steps;        /* stop (keep production) after: 28 */
	long ab_min_labels;       /* per arm before testing: 200 */
} sim_deploy_config;

/* ---- costs and value ---------------------------------------------------- */

typedef struct sim_cost_config {
	int use_matrix;           /* 1: value per TP/FP/TN/FN below */
	double value_correct;     /* per correct prediction: 0 */
	double cost_error;        /* per wrong prediction: 0 */
	double v_tp, v_fp, v_tn, v_fn; /* value matrix (costs negative) */
	double compute_per_1000;  /* per 1,000 predictions per model: 0 */
	double latency_ms;        /* per prediction per model (reported): 5 */
	double train_per_1000_rows; /* training compute per fit: 0 */
	double label_cost;        /* per label obtained: 0 */
	double engineer_rate;     /* per engineer hour: 0 */
	double incident_cost;     /* per step an incident is live: 0 */
} sim_cost_config;

typedef struct sim_lifecycle {
	sim_maturity maturity;
	/* accuracy service level: a step below it breaches the SLO; <= 0
	 * means "0.05 below the replication's accuracy over its first 7
	 * steps" */
	double slo;
	/* drift evaluation: an alarm detects an onset at most this many steps
	 * after it (River's max delay); <= 0 means 30 */
	long eval_max_delay;
	sim_statmon_config stat;
	sim_perfmon_config perf;
	sim_review_config review;
	sim_retrain_config retrain;
	sim_ops_config ops;
	sim_deploy_config deploy;
	sim_cost_config cost;
} sim_lifecycle;

/* Fills lc with the defaults documented above. */
void sim_lifecycle_defaults(sim_lifecycle *lc);

/* Applies maturity level m's bundle to lc (monitors, retraining triggers,
 * lead time, labour, defect and catch odds, platform cost, deployment
 * strategy default); values a file sets explicitly are applied after it.
 * Returns 0 or COMMON_EINPUT for an unknown level. */
int sim_lifecycle_preset(sim_lifecycle *lc, sim_maturity m,
			 common_error *err);

/* Names as written in files ("psi", "ddm", "canary", ...); NULL if out of
 * range. */
const char *sim_stat_test_name(sim_stat_test t);
const char *sim_perf_detector_name(sim_perf_detector d);
const char *sim_deploy_kind_name(sim_deploy_kind k);
const char *sim_window_kind_name(sim_window_kind k);

#endif
