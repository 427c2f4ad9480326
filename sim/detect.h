/* sim/detect.h: performance drift detectors on a stream of outcomes.
 *
 * DDM (Gama et al. 2004) on a 0/1 error stream; Page-Hinkley (Page 1954,
 * as in MOA and River) and ADWIN (Bifet and Gavalda 2007, exponential
 * histogram as in MOA and River) on any real stream (e.g. 0/1 errors or a
 * per-step error rate). Each is a small struct the caller embeds: x_init
 * validates the parameters (NULL = the defaults below), x_update feeds one
 * value and says what it sees, x_reset forgets everything. None allocates.
 * They follow River's code step for step (tests/sim/test_detect.c
 * reproduces the detection indices printed in River's documentation);
 * equations, defaults and sources: docs/methodology/detectors.md.
 * Callers read the fields through the accessors only.
 */
#ifndef SIM_DETECT_H
#define SIM_DETECT_H

#include <stddef.h>

#include "common/error.h"

/* What an update saw. */
enum sim_detect_signal {
	SIM_DETECT_NONE = 0,
	SIM_DETECT_WARNING = 1, /* DDM only */
	SIM_DETECT_DRIFT = 2,
};

/* ---- DDM ---------------------------------------------------------------- */

typedef struct sim_ddm_params {
	long n_min;     /* updates before any signal (River warm_start): 30 */
	double warning; /* warning at p + s > p_min + warning * s_min: 2 */
	double drift;   /* drift at p + s > p_min + drift * s_min: 3 */
} sim_ddm_params;

#define SIM_DDM_N_MIN 30
#define SIM_DDM_WARNING 2.0
#define SIM_DDM_DRIFT 3.0

typedef struct sim_ddm {
	sim_ddm_params par;
	double n, p;                 /* updates and error rate since reset */
	double p_min, s_min, ps_min; /* at the minimum of p + s */
	int drifted;                 /* last update signalled drift */
} sim_ddm;

/* Sets d up with par (borrowed; NULL = defaults). Returns 0, or
 * COMMON_EINPUT (err filled) when n_min < 0, warning <= 0 or
 * drift < warning. */
int sim_ddm_init(sim_ddm *d, const sim_ddm_params *par, common_error *err);
/* Forgets the stream; keeps the parameters. */
void sim_ddm_reset(sim_ddm *d);
/* Feeds one outcome (error != 0: a wrong prediction). The update after a
 * drift starts from a reset detector, as in River. */
enum sim_detect_signal sim_ddm_update(sim_ddm *d, int error);
/* Error rate since the last reset (0 before any update). */
double sim_ddm_error_rate(const sim_ddm *d);

/* ---- Page-Hinkley ----------------------------------------------------- */

typedef struct sim_ph_params {
	long min_instances; /* updates before any signal: 30 */
	double delta;       /* magnitude of changes tolerated: 0.005 */
	double lambda;      /* alarm threshold on the cumulative sum: 50 */
	double alpha;       /* forgetting factor of the sum: 1 - 0.0001 */
} sim_ph_params;

#define SIM_PH_MIN_INSTANCES 30
#define SIM_PH_DELTA 0.005
#define SIM_PH_LAMBDA 50.0
#define SIM_PH_ALPHA (1 - 0.0001)

typedef struct sim_ph {
	sim_ph_params par;
	long count;  /* River's sample_count: updates since reset + 1 */
	double mean; /* running mean of x */
	double sum;  /* m_T, the clipped cumulative deviation */
	int drifted;
} sim_ph;

/* Sets h up with par (borrowed; NULL = defaults). Returns 0, or
 * COMMON_EINPUT (err filled) when min_instances < 1, delta < 0,
 * lambda <= 0 or alpha outside (0, 1]. */
int sim_ph_init(sim_ph *h, const sim_ph_params *par, common_error *err);
void sim_ph_reset(sim_ph *h);
/* Feeds one value (an increase of its mean is a drift); NONE or DRIFT. The
 * update after a drift starts from a reset detector, as in River. */
enum sim_detect_signal sim_ph_update(sim_ph *h, double x);

/* ---- ADWIN ------------------------------------------------------------ */

/* Rows of the exponential histogram (row i holds buckets of 2^i values):
 * 64 rows hold more values than a double can count. */
#define SIM_ADWIN_ROWS 64
#define SIM_ADWIN_MAX_BUCKETS_LIMIT 16

typedef struct sim_adwin_params {
	double delta;     /* confidence of the cut test: 0.002 */
	long clock;       /* test for a cut every clock updates: 32 */
	int max_buckets;  /* buckets per row before merging (MOA M): 5 */
	long min_window;  /* values in each sub-window at least: 5 */
	long grace;       /* no test before the window exceeds this: 10 */
} sim_adwin_params;

#define SIM_ADWIN_DELTA 0.002
#define SIM_ADWIN_CLOCK 32
#define SIM_ADWIN_MAX_BUCKETS 5
#define SIM_ADWIN_MIN_WINDOW 5
#define SIM_ADWIN_GRACE 10

/* Bucket slots per row, a ring: a power of two above the
 * SIM_ADWIN_MAX_BUCKETS_LIMIT + 1 buckets a row holds before a merge. */
#define SIM_ADWIN_RING 32

typedef struct sim_adwin {
	sim_adwin_params par;
	int rows;                       /* rows in use (>= 1) */
	int len[SIM_ADWIN_ROWS];        /* buckets in each row */
	int head[SIM_ADWIN_ROWS];       /* slot of each row's oldest bucket */
	/* per bucket, oldest first from slot head[r] round the ring: sum of
	 * values, sum of squared deviations from the bucket's mean */
	double tot[SIM_ADWIN_ROWS][SIM_ADWIN_RING];
	double var[SIM_ADWIN_ROWS][SIM_ADWIN_RING];
	double width, total, variance; /* of the whole window */
	long tick;                      /* updates since the last cut test */
	long detections;
	/* a lower bound of the cut test's log term for any width from
	 * dp_width to 2 dp_width (see detect_adwin.c) */
	double dp_floor, dp_width;
} sim_adwin;

/* Sets a up with par (borrowed; NULL = defaults). Returns 0, or
 * COMMON_EINPUT (err filled) when delta is outside (0, 1), clock < 1,
 * max_buckets outside 2..SIM_ADWIN_MAX_BUCKETS_LIMIT, min_window < 1 or
 * grace < 0. */
int sim_adwin_init(sim_adwin *a, const sim_adwin_params *par,
		   common_error *err);
void sim_adwin_reset(sim_adwin *a);
/* Feeds one value; DRIFT when the window was cut (its older part
 * dropped), else NONE. */
enum sim_detect_signal sim_adwin_update(sim_adwin *a, double x);
/* Feeds x[0], x[1], ... (borrowed) in order, as many sim_adwin_update
 * calls would, until the window is cut or all n are in; faster. *used
 * gets the number fed. DRIFT when the window was cut at x[*used - 1]
 * (the rest not fed), else NONE with *used = n. */
enum sim_detect_signal sim_adwin_feed(sim_adwin *a, const double *x,
				      size_t n, size_t *used);
/* Values in the window, their mean (0 when empty), drifts so far. */
double sim_adwin_width(const sim_adwin *a);
double sim_adwin_mean(const sim_adwin *a);
long sim_adwin_detections(const sim_adwin *a);

#endif
