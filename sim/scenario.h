/* sim/scenario.h: a what-if scenario (format urn:mlopskit:scenario:1).
 *
 * A scenario says how long the simulated production life lasts, what the
 * requests look like (the true data process and its drift schedule), how
 * ground truth comes back, how the model is trained and retrained, and how
 * many Monte Carlo replications to run. The file format is documented field
 * by field (unit, default, range) in docs/format-scenario.md; the equations
 * of the data process in docs/methodology/process.md.
 *
 * The struct is public so the engine reads it directly; it is filled and
 * checked by the loaders below and must be treated as read-only afterwards.
 * Time is measured in steps: step s (0-based) covers [s, s+1); drift
 * parameters (start, width, period) are in steps too. Features are numbered
 * 1..d in files and 0..d-1 in this struct.
 *
 * Ownership: a loader's *out belongs to the caller, who frees it with
 * sim_scenario_free; every pointer inside belongs to the scenario.
 */
#ifndef SIM_SCENARIO_H
#define SIM_SCENARIO_H

#include <stddef.h>

#include "common/error.h"
#include "sim/lifecycle.h"

/* Limits enforced when loading (documented in docs/format-scenario.md). */
#define SIM_MAX_FEATURES 1000
#define SIM_MAX_DRIFTS 64
#define SIM_MAX_CHANGES 16          /* changes inside one drift */
#define SIM_MAX_STEPS 100000L
#define SIM_MAX_REQUESTS 10000000L  /* requests per step */
#define SIM_MAX_ROWS_PER_RUN 10000000000LL /* steps x requests per step */
#define SIM_MAX_RUNS 100000L
#define SIM_MAX_TRAIN_ROWS 10000000L
#define SIM_MAX_LESSONS 8

/* The unit one step stands for; a label for outputs, it changes no number. */
typedef enum sim_step_unit {
	SIM_UNIT_MINUTE,
	SIM_UNIT_HOUR,
	SIM_UNIT_DAY,
	SIM_UNIT_WEEK,
	SIM_UNIT_MONTH,
} sim_step_unit;

/* How a drift's amount moves with time (docs/methodology/process.md). */
typedef enum sim_pattern {
	SIM_PATTERN_SUDDEN,      /* a(t) = 1[t >= start] */
	SIM_PATTERN_GRADUAL,     /* mixture: P(new) = 1/(1+exp(-4(t-start)/width)) */
	SIM_PATTERN_INCREMENTAL, /* a(t) = clamp((t-start)/width, 0, 1) */
	SIM_PATTERN_RECURRING,   /* a(t) = 1 during the first duty*period of each period */
	SIM_PATTERN_SEASONAL,    /* a(t) = sin(2 pi (t-start)/period), t >= start */
	SIM_PATTERN_RANDOM_WALK, /* a(t) = sd * sum of floor(t-start) N(0,1) steps */
} sim_pattern;

/* Which part of the process a change acts on. */
typedef enum sim_change_kind {
	SIM_CHANGE_COVARIATE, /* feature law mu, sigma: data drift */
	SIM_CHANGE_CONCEPT,   /* beta: concept drift */
	SIM_CHANGE_PRIOR,     /* beta0: prior (label) shift */
} sim_change_kind;

/* One change, applied with amount a (a = 1: fully applied, a = 0: none):
 *   covariate: mu[f] += a*shift[k], sigma[f] *= scale[k]^a for f = feat[k];
 *   concept:   rotation of (beta[plane[0]], beta[plane[1]]) by a*angle, or
 *              beta += a*(to - beta); then beta *= beta_scale^a;
 *   prior:     beta0 += a*beta0_shift. */
typedef struct sim_change {
	sim_change_kind kind;
	long line;        /* line of the element in the scenario file */
	/* covariate */
	int nfeat;        /* number of features affected */
	int *feat;        /* nfeat distinct 0-based feature indices */
	double *shift;    /* nfeat shifts of mu (feature units) */
	double *scale;    /* nfeat factors on sigma (> 0); 1 = unchanged */
	/* concept */
	int has_rotate;   /* 1: rotate in plane by angle */
	double angle;     /* radians (the file gives degrees) */
	int plane[2];     /* 0-based features spanning the rotation plane */
	double *to;       /* d target coefficients, or NULL */
	double beta_scale; /* factor on beta (> 0); 1 = unchanged */
	/* prior */
	double beta0_shift; /* log-odds units */
} sim_change;

/* One drift: a pattern in time and the changes it drives. */
typedef struct sim_drift {
	sim_pattern pattern;
	long line;       /* line of <drift> */
	int index;       /* 0-based position among the file's <drift>s */
	double start;    /* t0, steps */
	double width;    /* gradual, incremental: w > 0, steps */
	double period;   /* recurring, seasonal: P > 0, steps */
	double duty;     /* recurring: share of each period in the new state */
	double sd;       /* random walk: sd of one step's increment of a */
	int nchanges;
	sim_change *changes; /* applied in document order */
	int mix_rank;    /* gradual: 1..ngradual in time order; else 0 */
	int walk_index;  /* random walk: 0..nwalks-1 in time order; else -1 */
} sim_drift;

/* Retraining policy as issue 2 read it: none or periodic. Kept for old
 * readers; it always agrees with life.retrain.every (PERIODIC iff
 * every > 0). The triggers of issue 3 live in life.retrain. */
typedef enum sim_retrain_kind {
	SIM_RETRAIN_NONE,
	SIM_RETRAIN_PERIODIC, /* a new model at the start of steps k, 2k, ... */
} sim_retrain_kind;

#define SIM_MAX_VARIANTS 1000       /* variants after expanding sweeps */
#define SIM_METRIC_MAX 64           /* bytes of a <compare metric> name */

typedef struct sim_scenario sim_scenario;

/* One what-if variant: a name listing what it sets ("maturity=3,
 * deployment=canary, drift.pattern=gradual") and the fully resolved
 * scenario it runs (its own nvariants is 0). Both owned by the parent
 * scenario and freed by sim_scenario_free. */
typedef struct sim_variant {
	char *name;
	sim_scenario *sc;
} sim_variant;

/* A roadmap step: from request step `at` on, the lifecycle is `life`
 * (sim/plan.h builds these from a plan file). */
typedef struct sim_plan_step {
	long at;
	sim_lifecycle life;
	char *what; /* "param=value, ..." for outputs; owned */
} sim_plan_step;

/* A one-sentence text in a language ("en", "zh", ...). */
typedef struct sim_text {
	char *lang;
	char *text;
} sim_text;

typedef struct sim_scenario {
	char *source;      /* file name used in messages ("scenarios/default.xml" for the built-in) */
	char *name;        /* short name: @name or the file's base name */
	char *title;       /* one line; never NULL (defaults to name) */
	char *description; /* may be NULL */
	int nlessons;
	sim_text lessons[SIM_MAX_LESSONS];

	/* horizon */
	long steps;             /* number of steps, 1..SIM_MAX_STEPS */
	sim_step_unit unit;     /* what a step stands for */
	long requests;          /* requests (rows) per step, 1..SIM_MAX_REQUESTS */

	/* data: initial feature law x ~ N(mu0, diag(sigma0^2)) */
	int d;                  /* features, 1..SIM_MAX_FEATURES */
	double *mu0;            /* d means */
	double *sigma0;         /* d standard deviations (> 0) */

	/* concept: P(y=1|x) = logistic(beta.x + beta0), then label noise */
	double *beta;           /* d coefficients */
	double beta0;           /* intercept (log-odds) */
	double noise;           /* probability a label is flipped, [0, 0.5] */

	/* drift schedule, sorted by start (ties keep document order) */
	int ndrifts;
	sim_drift *drifts;
	int ngradual;           /* number of gradual (mixture) drifts */
	int nwalks;             /* number of random-walk drifts */

	/* labels (the feedback loop) */
	long label_delay;       /* L: labels of step s arrive at step s+L, steps */
	double coverage;        /* c: share of requests whose label arrives, (0, 1] */

	/* model */
	double l2;              /* L2 strength lambda >= 0 (sklearn C = 1/lambda) */
	long window;            /* training window, steps, 1..steps */
	long max_train_rows;    /* rows per fit at most (subsampled) */
	long warmup_rows;       /* labelled rows of the initial model, drawn at t = 0 */

	/* retraining (issue 2 view; equal to life.retrain.every) */
	sim_retrain_kind retrain;
	long retrain_every;     /* k for periodic, steps; 0 for none */

	/* the MLOps lifecycle around the model (sim/lifecycle.h): monitoring,
	 * retraining triggers, maturity, operations, deployment, costs;
	 * sim_lifecycle_defaults when the file says nothing */
	sim_lifecycle life;

	/* what-if variants (docs/format-scenario.md): nvariants = 0 means run
	 * the scenario itself; otherwise run variants[0..nvariants-1] */
	int nvariants;
	sim_variant *variants;
	/* roadmap (sim/plan.h): lifecycle changes at given steps, in step
	 * order; nplan = 0 for none */
	int nplan;
	sim_plan_step *plan;
	char compare_metric[SIM_METRIC_MAX]; /* metric ranking variants:
						"net_value" by default */

	/* Monte Carlo */
	long runs;              /* replications */
	unsigned long long seed;
} sim_scenario;

/* Loads and checks the scenario file at path (XSD validation, then range and
 * consistency checks). Errors name the file, line and field; status
 * COMMON_EINPUT for a bad file, COMMON_EIO when it cannot be read.
 * On success *out is the caller's (sim_scenario_free). */
int sim_scenario_load_file(const char *path, sim_scenario **out,
			   common_error *err);

/* Same for a buffer of len bytes; name is what messages call it. */
int sim_scenario_load_memory(const char *buf, size_t len, const char *name,
			     sim_scenario **out, common_error *err);

/* The built-in default scenario (embedded scenarios/default.xml). */
int sim_scenario_default(sim_scenario **out, common_error *err);

/* Frees sc and everything in it; no-op on NULL. */
void sim_scenario_free(sim_scenario *sc);

/* The lesson text in language lang, or NULL (borrowed from sc). */
const char *sim_scenario_lesson(const sim_scenario *sc, const char *lang);

/* Sets one what-if parameter of sc from its text value, as a <set> or
 * <sweep> would (the names and their meaning are listed in
 * docs/format-scenario.md, "Settable parameters"). "maturity" applies
 * the level's preset bundle to sc->life (the fields sim_lifecycle_preset
 * sets; other lifecycle values stay), so callers that combine several sets
 * apply maturity first (the loader re-reads the file's explicit lifecycle
 * elements after it). file and line name the element in messages. Returns
 * 0, or COMMON_EINPUT (err filled) for an unknown name or a value out of
 * range or inconsistent with sc; sc may then be partly changed. */
int sim_param_set(sim_scenario *sc, const char *param, const char *value,
		  const char *file, long line, common_error *err);

/* Names of enum values as written in files ("day", "gradual", ...). */
const char *sim_step_unit_name(sim_step_unit u);
const char *sim_pattern_name(sim_pattern p);
const char *sim_change_kind_name(sim_change_kind k);
const char *sim_retrain_kind_name(sim_retrain_kind k);

#endif
