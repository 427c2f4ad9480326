/* sim/engine_metrics.c: one replication's metrics from its per-step series
 * and the engine's tallies (definitions: docs/methodology/engine.md). */
#include "sim/engine_internal.h"

#include <math.h>
#include <stdlib.h>

#include "common/banned.h"

static double acc_at(const double *series, long t)
{
	return series[(size_t)t * SIM_SERIES_N + SIM_S_ACCURACY];
}

/* Mean accuracy over steps [a, b) clipped to [0, steps). */
static double mean_acc(const double *series, long steps, long a, long b)
{
	if (a < 0)
		a = 0;
	if (b > steps)
		b = steps;
	double s = 0;
	for (long t = a; t < b; t++)
		s += acc_at(series, t);
	return b > a ? s / (double)(b - a) : NAN;
}

/* Recovery from the drift starting at step o: the first t >= o whose
 * 3-step mean accuracy is back within 0.02 of the 7 steps before o. A run
 * that never recovers counts until the end of the horizon (censored, as
 * time_to_restore), so it cannot make a slow team look fast; NaN when o
 * has no history. */
static double time_to_recover(const double *series, long steps, long o)
{
	if (o < 1)
		return NAN;
	double pre = mean_acc(series, steps, o - 7, o);
	for (long t = o; t < steps; t++)
		if (mean_acc(series, steps, t, t + 3) >= pre - 0.02)
			return (double)(t - o);
	return (double)(steps - o);
}

void sim_engine_metrics(const sim_engine *e, const double *series,
			double *metrics)
{
	const sim_scenario *sc = e->sc;
	const sim_lifecycle *lc = e->lc;
	const sim_tally *ty = &e->tally;
	long steps = sc->steps;
	double acc = 0, accmin = INFINITY, ll = 0, pr = 0, fin = 0;
	long tail = steps / 10 > 0 ? steps / 10 : 1;
	for (long t = 0; t < steps; t++) {
		const double *row = series + (size_t)t * SIM_SERIES_N;
		acc += row[SIM_S_ACCURACY];
		ll += row[SIM_S_LOG_LOSS];
		pr += row[SIM_S_POS_RATE];
		if (row[SIM_S_ACCURACY] < accmin)
			accmin = row[SIM_S_ACCURACY];
		if (t >= steps - tail)
			fin += row[SIM_S_ACCURACY];
	}
	double ns = (double)steps;
	metrics[SIM_M_ACCURACY_MEAN] = acc / ns;
	metrics[SIM_M_ACCURACY_FINAL] = fin / (double)tail;
	metrics[SIM_M_ACCURACY_MIN] = accmin;
	metrics[SIM_M_LOG_LOSS_MEAN] = ll / ns;
	metrics[SIM_M_POS_RATE_MEAN] = pr / ns;

	double slo = lc->slo > 0 ? lc->slo
				 : mean_acc(series, steps, 0, 7) - 0.05;
	double below = 0;
	for (long t = 0; t < steps; t++)
		below += acc_at(series, t) < slo;
	metrics[SIM_M_SLO_BREACH] = below / ns;

	metrics[SIM_M_RETRAINS] = ty->retrains;
	metrics[SIM_M_LABELS] = ty->labels;
	metrics[SIM_M_DEPLOYMENTS] = ty->deployments;
	metrics[SIM_M_ROLLBACKS] = ty->rollbacks;
	metrics[SIM_M_DEFECTS_CAUGHT] = ty->defects_caught;
	metrics[SIM_M_DEFECTS_SHIPPED] = ty->defects_shipped;
	metrics[SIM_M_EXPOSURE] = ty->exposure;
	metrics[SIM_M_EXPOSURE_REJECTED] = ty->exposure_rejected;
	metrics[SIM_M_INCIDENTS] = ty->incidents;

	/* drift onsets inside the horizon, in time order */
	double *onsets = malloc(((size_t)sc->ndrifts + 1) * sizeof *onsets);
	int non = 0;
	double ttr = 0;
	int nttr = 0;
	for (int i = 0; onsets && i < sc->ndrifts; i++) {
		double o = sc->drifts[i].start;
		if (o < 0 || o >= (double)steps)
			continue;
		onsets[non++] = o;
		double r = time_to_recover(series, steps, (long)ceil(o));
		if (!isnan(r)) {
			ttr += r;
			nttr++;
		}
	}
	long max_delay = lc->eval_max_delay > 0 ? lc->eval_max_delay : 30;
	/* all monitors together, then each alone (River's evaluation) */
	static const int first[SIM_ALARM_SOURCES] = {
		SIM_M_DETECTION_DELAY, SIM_M_DELAY_STAT, SIM_M_DELAY_PERF,
		SIM_M_DELAY_REVIEW};
	for (int src = 0; src < SIM_ALARM_SOURCES; src++) {
		sim_drift_eval ev = {0, 0, 0, 0, NAN};
		if (onsets)
			sim_drift_evaluate(onsets, non, ty->alarms[src].at,
					   ty->alarms[src].n, max_delay, &ev);
		int m = first[src];
		metrics[m] = ev.detected ? ev.delay_sum / ev.detected : NAN;
		metrics[m + 1] = ev.false_alarms;
		metrics[m + 2] = ev.missed;
	}
	free(onsets);
	metrics[SIM_M_TIME_TO_RECOVER] = nttr ? ttr / nttr : NAN;

	metrics[SIM_M_DEPLOY_FREQ] = ty->deployments / ns * 30.0;
	metrics[SIM_M_LEAD_TIME] = ty->lead_n ? ty->lead_sum / ty->lead_n : NAN;
	metrics[SIM_M_CHANGE_FAILURE] =
		ty->deployments ? ty->failures / ty->deployments : NAN;
	/* a failure still open at the end counts until the horizon */
	double rs = ty->restore_sum, rn = ty->restore_n;
	if (ty->failure_since >= 0) {
		rs += (double)(steps - ty->failure_since);
		rn += 1;
	}
	if (e->incident_end >= 0) {
		rs += (double)(steps - e->incident_start);
		rn += 1;
	}
	metrics[SIM_M_TIME_TO_RESTORE] = rn ? rs / rn : NAN;

	double costs = ty->cost_compute + ty->cost_training + ty->cost_labels +
		       ty->cost_people + ty->cost_platform + ty->cost_incidents;
	metrics[SIM_M_NET_VALUE] = ty->value - costs;
	metrics[SIM_M_VALUE] = ty->value;
	metrics[SIM_M_COST_COMPUTE] = ty->cost_compute;
	metrics[SIM_M_COST_TRAINING] = ty->cost_training;
	metrics[SIM_M_COST_LABELS] = ty->cost_labels;
	metrics[SIM_M_COST_PEOPLE] = ty->cost_people;
	metrics[SIM_M_COST_PLATFORM] = ty->cost_platform;
	metrics[SIM_M_COST_INCIDENTS] = ty->cost_incidents;
	metrics[SIM_M_LATENCY] = ty->served ? ty->latency_sum / ty->served : NAN;
}
