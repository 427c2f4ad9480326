/* sim/monitor.h: the lifecycle's monitors (issue 3).
 *
 * Statistical monitoring compares a sample of each step's requests (every
 * feature, and the serving model's score when configured) with a reference
 * sample taken from the serving model's training data: PSI on the
 * reference's quantile bins, two-sample KS, or chi-square on the binned
 * counts (sim/stat.h). A column drifts when its test says so; the monitor
 * alarms when the share of drifted columns reaches drift_share.
 *
 * Performance monitoring consumes the outcomes (1 = wrong prediction) of
 * the labelled requests that ARRIVED in a step, in order: DDM, Page-Hinkley
 * (on the 0/1 error, an increase is a drift) or ADWIN (sim/detect.h), or a
 * plain threshold: accuracy over the last min_labels arrived labels below
 * the post-deployment baseline (the first baseline_labels labels after
 * sim_perfmon_reset) by more than drop. After an alarm a detector starts
 * afresh (River's behaviour), so a lasting drift alarms again later.
 *
 * Drift evaluation follows River's convention: an alarm at step a detects
 * the first drift onset o with o <= a < o + max_delay not yet detected;
 * other alarms are false alarms; onsets never detected are missed drifts;
 * detection delay = a - o.
 *
 * Ownership: *_new return objects freed with the matching *_free; configs
 * are copied; arrays passed in are borrowed for the call only. */
#ifndef SIM_MONITOR_H
#define SIM_MONITOR_H

#include <stddef.h>

#include "common/error.h"
#include "sim/lifecycle.h"

/* ---- statistical -------------------------------------------------------- */

typedef struct sim_statmon sim_statmon;

/* A monitor of d features (plus the score when cfg->include_score). */
int sim_statmon_new(const sim_statmon_config *cfg, int d, sim_statmon **out,
		    common_error *err);
void sim_statmon_free(sim_statmon *m);

/* Sets the reference: n rows X (row-major, n x d) and the serving model's
 * scores on them (NULL when the score is not monitored). Copies what it
 * needs. */
int sim_statmon_reference(sim_statmon *m, const double *X,
			  const double *score, size_t n, common_error *err);

/* Tests the current sample (n rows, scores as above) against the
 * reference. Returns 1 when the monitor alarms, 0 when not; fills, when
 * non-NULL, drifted_share with the share of drifted columns and stat (d+1
 * entries: features then score) with each column's statistic (PSI value,
 * KS p-value or chi-square p-value). No reference yet: returns 0. */
int sim_statmon_test(sim_statmon *m, const double *X, const double *score,
		     size_t n, double *drifted_share, double *stat);

/* For the aggregate engine, which draws bin counts instead of rows:
 * whether the test needs the sample's values (KS) rather than bin counts
 * (PSI, chi-square); the number of columns (d, plus 1 with the score);
 * column c's interior bin edges (borrowed; *n of them, so *n + 1 bins;
 * bin j holds edges[j-1] < v <= edges[j]); 0 edges before a reference is
 * set. */
int sim_statmon_needs_values(const sim_statmon *m);
int sim_statmon_ncols(const sim_statmon *m);
const double *sim_statmon_edges(const sim_statmon *m, int c, size_t *n);
/* As sim_statmon_test on a sample of n rows given by its bin counts:
 * counts[c * stride + j] is the count of column c in bin j; ncols is d
 * (features only) or sim_statmon_ncols. PSI and chi-square only (a KS
 * monitor returns 0). */
int sim_statmon_test_counts(sim_statmon *m, const double *counts,
			    size_t stride, int ncols, double *drifted_share,
			    double *stat);

/* ---- performance -------------------------------------------------------- */

typedef struct sim_perfmon sim_perfmon;

int sim_perfmon_new(const sim_perfmon_config *cfg, sim_perfmon **out,
		    common_error *err);
void sim_perfmon_free(sim_perfmon *m);
/* A new model serves: forget the stream and the baseline. */
void sim_perfmon_reset(sim_perfmon *m);
/* Feeds one step's arrived outcomes (errors[i] != 0: wrong), in order.
 * Returns 1 when an alarm fired during the step (the detector restarts
 * after it), else 0. */
int sim_perfmon_feed(sim_perfmon *m, const unsigned char *errors, size_t n);

/* ---- drift evaluation ---------------------------------------------------- */

typedef struct sim_drift_eval {
	int detected;        /* onsets detected */
	int missed;          /* onsets not detected within max_delay */
	int false_alarms;    /* alarms that detect nothing */
	double delay_sum;    /* sum of detection delays, steps */
	double first_delay;  /* delay of the first onset; NaN if missed or none */
} sim_drift_eval;

/* Scores alarm steps (increasing) against drift onsets (increasing) as
 * described above. */
void sim_drift_evaluate(const double *onsets, int nonsets, const long *alarms,
			int nalarms, long max_delay, sim_drift_eval *out);

#endif
