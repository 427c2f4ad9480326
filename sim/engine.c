/* sim/engine.c: one replication, step by step (order of events in
 * docs/methodology/engine.md): release a ready model, incidents, the
 * step's law, serve the requests, labels arrive, monitors, triggers. */
#include "sim/engine_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/rng.h"
#include "common/banned.h"

static const char *const series_names[SIM_SERIES_N] = {
	"accuracy", "log_loss", "positive_rate", "prevalence", "retrain",
	"net_value", "cumulative_value", "candidate_share", "alarm",
	"incident", "rollback",
};
static const char *const metric_names[SIM_METRIC_N] = {
	"accuracy_mean", "accuracy_final", "accuracy_min", "log_loss_mean",
	"positive_rate_mean", "slo_breach_share", "retrains", "labels",
	"deployments", "rollbacks", "defects_caught", "defects_shipped",
	"exposure_defective", "exposure_rejected", "detection_delay",
	"false_alarms", "missed_drifts",
	"detection_delay_statistical", "false_alarms_statistical",
	"missed_drifts_statistical", "detection_delay_performance",
	"false_alarms_performance", "missed_drifts_performance",
	"detection_delay_review", "false_alarms_review", "missed_drifts_review",
	"time_to_recover", "incidents",
	"deployments_per_30_steps", "lead_time", "change_failure_rate",
	"time_to_restore", "net_value", "value", "cost_compute",
	"cost_training", "cost_labels", "cost_people", "cost_platform",
	"cost_incidents", "latency_ms",
};

const char *sim_series_name(int i)
{
	return i >= 0 && i < SIM_SERIES_N ? series_names[i] : NULL;
}

const char *sim_metric_name(int i)
{
	return i >= 0 && i < SIM_METRIC_N ? metric_names[i] : NULL;
}

int sim_metric_by_name(const char *name)
{
	for (int i = 0; i < SIM_METRIC_N; i++)
		if (strcmp(metric_names[i], name) == 0)
			return i;
	return -1;
}

/* Rows kept per step so that a fit over the window sees at most
 * max_train_rows rows (at least one per step). */
static long rows_per_step(const sim_scenario *sc)
{
	long cap = sc->max_train_rows / sc->window;
	if (cap < 1)
		cap = 1;
	if (cap > sc->requests)
		cap = sc->requests;
	return cap;
}

static int slot_new(sim_slot *s, size_t d)
{
	s->m = sim_logreg_new(d);
	s->defective = 0;
	s->trigger = -1;
	return s->m ? 0 : -1;
}

int sim_engine_new(const sim_scenario *sc, sim_engine **out,
		   common_error *err)
{
	*out = NULL;
	sim_engine *e = calloc(1, sizeof *e);
	if (!e)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	e->sc = sc;
	e->kind = SIM_ENGINE_REQUEST;
	e->life = sc->life;
	e->lc = &e->life;
	const sim_lifecycle *lc = e->lc;
	size_t d = (size_t)sc->d;
	long cap = rows_per_step(sc);
	/* sized for the largest needs over the roadmap too */
	int expanding = lc->retrain.window_kind == SIM_WINDOW_EXPANDING;
	long sample = lc->stat.enabled ? lc->stat.sample : 0;
	for (int i = 0; i < sc->nplan; i++) {
		const sim_lifecycle *pl = &sc->plan[i].life;
		expanding |= pl->retrain.window_kind == SIM_WINDOW_EXPANDING;
		if (pl->stat.enabled && pl->stat.sample > sample)
			sample = pl->stat.sample;
	}
	long keep = expanding ? sc->steps + 1 : sc->window + sc->label_delay + 1;
	int st = sim_law_new(sc, &e->law, err);
	if (!st)
		st = sim_train_store_new(sc->d, keep, cap, &e->store, err);
	if (!st && lc->stat.enabled)
		st = sim_statmon_new(&lc->stat, sc->d, &e->stat, err);
	if (!st && lc->perf.detector != SIM_PERF_NONE)
		st = sim_perfmon_new(&lc->perf, &e->perf, err);
	if (!st)
		st = sim_deploy_new(&lc->deploy, &e->deploy, err);
	if (st) {
		sim_engine_free(e);
		return st;
	}
	e->train_max = (size_t)cap * (size_t)(expanding ? keep : sc->window);
	if ((size_t)sc->warmup_rows > e->train_max)
		e->train_max = (size_t)sc->warmup_rows;
	e->nqueue = sc->label_delay + 1;
	e->err_cap = (size_t)sc->requests;
	e->mon_cap = (size_t)sample;
	if (e->mon_cap > (size_t)sc->requests)
		e->mon_cap = (size_t)sc->requests;
	int bad = slot_new(&e->prod, d) | slot_new(&e->cand, d) |
		  slot_new(&e->prev, d) | slot_new(&e->spare, d);
	e->X = malloc(SIM_ENGINE_CHUNK * d * sizeof *e->X);
	e->zp = malloc(SIM_ENGINE_CHUNK * sizeof *e->zp);
	e->zc = malloc(SIM_ENGINE_CHUNK * sizeof *e->zc);
	e->zs = malloc(SIM_ENGINE_CHUNK * sizeof *e->zs);
	e->y = malloc(SIM_ENGINE_CHUNK);
	e->route = malloc(SIM_ENGINE_CHUNK);
	e->TX = malloc(e->train_max * d * sizeof *e->TX);
	e->ty = malloc(e->train_max);
	e->rows = malloc(e->train_max * sizeof *e->rows);
	e->mon_X = malloc((e->mon_cap + 1) * d * sizeof *e->mon_X);
	e->mon_s = malloc((e->mon_cap + 1) * sizeof *e->mon_s);
	e->queue = calloc((size_t)e->nqueue, sizeof *e->queue);
	e->review_n = calloc((size_t)sc->steps, sizeof *e->review_n);
	e->review_c = calloc((size_t)sc->steps, sizeof *e->review_c);
	int noalarms = 0;
	for (int i = 0; i < SIM_ALARM_SOURCES; i++) {
		e->tally.alarms[i].cap = 64;
		e->tally.alarms[i].at = malloc(64 * sizeof *e->tally.alarms[i].at);
		noalarms |= !e->tally.alarms[i].at;
	}
	if (bad || !e->X || !e->zp || !e->zc || !e->zs || !e->y || !e->route || !e->TX ||
	    !e->ty || !e->rows || !e->mon_X || !e->mon_s || !e->queue ||
	    !e->review_n || !e->review_c || noalarms) {
		sim_engine_free(e);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the engine");
	}
	for (long i = 0; i < e->nqueue; i++) {
		e->queue[i].err = malloc(e->err_cap ? e->err_cap : 1);
		if (!e->queue[i].err) {
			sim_engine_free(e);
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory for labels");
		}
	}
	e->r_data = sim_rng_stream(0, 0, SIM_RNG_DATA, err);
	e->r_feedback = sim_rng_stream(0, 0, SIM_RNG_FEEDBACK, err);
	e->r_train = sim_rng_stream(0, 0, SIM_RNG_TRAIN, err);
	e->r_drift = sim_rng_stream(0, 0, SIM_RNG_DRIFT, err);
	e->r_ops = sim_rng_stream(0, 0, SIM_RNG_OPS, err);
	if (!e->r_data || !e->r_feedback || !e->r_train || !e->r_drift ||
	    !e->r_ops) {
		sim_engine_free(e);
		return COMMON_EIO;
	}
	*out = e;
	return COMMON_OK;
}

void sim_engine_free(sim_engine *e)
{
	if (!e)
		return;
	sim_law_free(e->law);
	sim_train_store_free(e->store);
	sim_statmon_free(e->stat);
	sim_perfmon_free(e->perf);
	sim_deploy_free(e->deploy);
	sim_logreg_free(e->prod.m);
	sim_logreg_free(e->cand.m);
	sim_logreg_free(e->prev.m);
	sim_logreg_free(e->spare.m);
	gsl_rng *rs[] = {e->r_data, e->r_feedback, e->r_train, e->r_drift,
			 e->r_ops};
	for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++)
		if (rs[i])
			gsl_rng_free(rs[i]);
	free(e->X);
	free(e->zp);
	free(e->zc);
	free(e->zs);
	free(e->y);
	free(e->route);
	free(e->TX);
	free(e->ty);
	free(e->rows);
	free(e->mon_X);
	free(e->mon_s);
	if (e->queue)
		for (long i = 0; i < e->nqueue; i++)
			free(e->queue[i].err);
	free(e->queue);
	free(e->review_n);
	free(e->review_c);
	for (int i = 0; i < SIM_ALARM_SOURCES; i++)
		free(e->tally.alarms[i].at);
	sim_engine_agg_free(e);
	free(e->warm_buf);
	free(e);
}

int sim_engine_set_warm_cache(sim_engine *e, sim_warm_cache *c,
			      common_error *err)
{
	e->warm = NULL;
	if (!c)
		return COMMON_OK;
	if (!e->warm_buf) {
		/* key: d, rows, l2 and the law at t = 0; then the state */
		e->warm_nkey = 3 + sim_engine_law_len(e->sc->d, e->law->maxcomp);
		e->warm_buf = malloc((e->warm_nkey +
				      sim_logreg_state_len(e->prod.m)) *
				     sizeof *e->warm_buf);
		if (!e->warm_buf)
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory for the engine");
	}
	e->warm = c;
	return COMMON_OK;
}

const char *sim_engine_kind_name(sim_engine_kind k)
{
	switch (k) {
	case SIM_ENGINE_AUTO: return "auto";
	case SIM_ENGINE_REQUEST: return "request";
	case SIM_ENGINE_AGGREGATE: return "aggregate";
	}
	return NULL;
}

int sim_engine_set_kind(sim_engine *e, sim_engine_kind k, common_error *err)
{
	if (!sim_engine_kind_name(k))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"unknown engine kind %d", (int)k);
	if (k == SIM_ENGINE_AUTO)
		k = sim_engine_auto_kind(e->sc);
	if (k == SIM_ENGINE_AGGREGATE) {
		int st = sim_engine_agg_alloc(e, err);
		if (st)
			return st;
	}
	/* the aggregate engine refits warm (engine_ops.c); slots swap
	 * models, so every slot's model carries the setting */
	sim_logreg *ms[] = {e->prod.m, e->cand.m, e->prev.m, e->spare.m};
	for (int i = 0; i < 4; i++)
		sim_logreg_set_warm_start(ms[i], k == SIM_ENGINE_AGGREGATE);
	e->kind = k;
	return COMMON_OK;
}

void sim_engine_set_fit_hook(sim_engine *e, sim_fit_hook hook, void *ctx)
{
	e->hook = hook;
	e->hook_ctx = ctx;
}

/* Rebuilds the monitors and the strategy for the lifecycle in force
 * (replication start, or a roadmap step). */
static int rebuild(sim_engine *e, const sim_lifecycle *old,
		   common_error *err)
{
	const sim_lifecycle *lc = e->lc;
	int st = COMMON_OK;
	if (!old || memcmp(&old->stat, &lc->stat, sizeof lc->stat)) {
		sim_statmon_free(e->stat);
		e->stat = NULL;
		if (lc->stat.enabled)
			st = sim_statmon_new(&lc->stat, e->sc->d, &e->stat, err);
		if (!st && e->stat && e->tx_rows)
			st = sim_engine_set_reference(e, e->tx_rows, err);
	}
	if (!st && (!old || memcmp(&old->perf, &lc->perf, sizeof lc->perf))) {
		sim_perfmon_free(e->perf);
		e->perf = NULL;
		if (lc->perf.detector != SIM_PERF_NONE)
			st = sim_perfmon_new(&lc->perf, &e->perf, err);
	}
	if (!st && (!old || memcmp(&old->deploy, &lc->deploy, sizeof lc->deploy)))
		e->deploy_stale = 1;
	if (!st && e->deploy_stale && !e->rollout) {
		/* a strategy change waits for the rollout in progress */
		sim_deploy_free(e->deploy);
		e->deploy = NULL;
		e->deploy_stale = 0;
		st = sim_deploy_new(&lc->deploy, &e->deploy, err);
	}
	return st;
}

/* At the start of step t: the roadmap's lifecycle for t, if one is due.
 * A strategy change waits for a rollout in progress to end. */
static int apply_plan(sim_engine *e, long t, common_error *err)
{
	const sim_scenario *sc = e->sc;
	sim_lifecycle old = e->life;
	int changed = 0;
	while (e->plan_next < sc->nplan && sc->plan[e->plan_next].at <= t) {
		e->life = sc->plan[e->plan_next].life;
		e->plan_next++;
		changed = 1;
	}
	if (!changed && !(e->deploy_stale && !e->rollout))
		return COMMON_OK;
	/* a monitor whose configuration changed starts afresh (the
	 * statistical one from the serving model's training rows) */
	return rebuild(e, &old, err);
}

static void reset_replication(sim_engine *e)
{
	sim_train_store_reset(e->store);
	for (long i = 0; i < e->nqueue; i++) {
		e->queue[i].step = -1;
		e->queue[i].nerr = 0;
	}
	sim_alarm_list lists[SIM_ALARM_SOURCES];
	memcpy(lists, e->tally.alarms, sizeof lists);
	memset(&e->tally, 0, sizeof e->tally);
	memcpy(e->tally.alarms, lists, sizeof lists);
	for (int i = 0; i < SIM_ALARM_SOURCES; i++)
		e->tally.alarms[i].n = 0;
	e->tally.failure_since = -1;
	e->gen = 0;
	e->rollout = 0;
	e->job_active = 0;
	e->job_ready = 0;
	e->last_trigger = -1000000000L;
	e->pending = 0;
	e->alarm_from = 0;
	e->retry = 0;
	e->job_from = -1;
	e->bg_ref = NAN;
	e->watch_n = e->watch_c = 0;
	e->incident_end = -1;
	e->reset_step = 0;
	e->baseline_acc = NAN;
	e->base_n = e->base_c = 0;
	memset(e->review_n, 0, (size_t)e->sc->steps * sizeof *e->review_n);
	memset(e->review_c, 0, (size_t)e->sc->steps * sizeof *e->review_c);
	e->plan_next = 0;
	e->tx_rows = 0;
	if (e->sc->nplan) { /* back to the scenario's own lifecycle */
		e->life = e->sc->life;
		common_error ignore;
		e->deploy_stale = 1;
		rebuild(e, NULL, &ignore); /* built once already: fails only
					      for memory, caught below */
	}
	if (e->deploy)
		sim_deploy_reset(e->deploy);
	if (e->perf)
		sim_perfmon_reset(e->perf);
}

/* The labels that arrive at step t (requests of step t - L): production's
 * errors feed the performance monitor and the baseline; both arms' counts
 * feed a rollout in progress. Returns 1 when the performance monitor
 * alarmed. */
static int arrivals(sim_engine *e, long t, sim_deploy_decision *dec)
{
	long s = t - e->sc->label_delay;
	*dec = SIM_DEPLOY_CONTINUE;
	sim_arm_counts none = {0, 0, 0, 0};
	const sim_arrival *a = NULL;
	if (s >= 0) {
		a = &e->queue[s % e->nqueue];
		if (a->step != s)
			a = NULL;
	}
	int alarm = 0;
	if (a && a->gen == e->gen) {
		/* blue-green watch: the new model against the old one's
		 * accuracy, with the canary's max-drop and min-labels */
		const sim_deploy_config *dc = &e->lc->deploy;
		if (sim_deploy_in_watch(e->deploy, t) && !isnan(e->bg_ref)) {
			e->watch_n += a->prod_n;
			e->watch_c += a->prod_correct;
			long need = dc->canary_min_labels > 0 ? dc->canary_min_labels : 1;
			if (e->watch_n >= (double)need &&
			    e->watch_c / e->watch_n < e->bg_ref - dc->canary_max_drop)
				*dec = SIM_DEPLOY_ROLLBACK;
		}
		if (e->perf)
			alarm = sim_perfmon_feed(e->perf, a->err, a->nerr);
		e->review_n[t] = a->prod_n;
		e->review_c[t] = a->prod_correct;
		if (isnan(e->baseline_acc)) {
			e->base_n += a->prod_n;
			e->base_c += a->prod_correct;
			if (e->base_n >= (double)e->lc->perf.baseline_labels &&
			    e->base_n > 0)
				e->baseline_acc = e->base_c / e->base_n;
		}
	}
	if (e->rollout && sim_deploy_active(e->deploy))
		*dec = sim_deploy_step(e->deploy, t,
				       a && a->rollout == e->rollout ? &a->arms
								     : &none);
	else if (*dec == SIM_DEPLOY_ROLLBACK)
		*dec = sim_deploy_alarm(e->deploy, t) == SIM_DEPLOY_ROLLBACK
			       ? SIM_DEPLOY_SWITCH_BACK
			       : SIM_DEPLOY_CONTINUE;
	return alarm;
}

/* The manual review (maturity level 1) at the end of step t: production's
 * accuracy on the labels that arrived over the last R steps against its
 * post-deployment baseline. A live incident is found by the review too. */
static int review(sim_engine *e, long t)
{
	const sim_review_config *rv = &e->lc->review;
	if (rv->every <= 0 || (t + 1) % rv->every != 0)
		return 0;
	if (e->incident_end > t + 1)
		e->incident_end = t + 1;
	if (isnan(e->baseline_acc))
		return 0;
	double n = 0, c = 0;
	for (long s = t - rv->every + 1; s <= t; s++) {
		if (s < 0)
			continue;
		n += e->review_n[s];
		c += e->review_c[s];
	}
	return n > 0 && c / n < e->baseline_acc - rv->drop;
}

/* Retraining triggers, evaluated at the end of step t for step next =
 * t + 1. A periodic or review trigger starts a job on the usual window at
 * once; a drift or performance alarm makes a job pending that trains on
 * requests from the alarm step on, once min_rows of their labels have
 * arrived (docs/methodology/lifecycle.md). Returns the first request step
 * the job may use (-1: the usual window) or -2 when no job starts. */
static long trigger(sim_engine *e, long t, int stat_alarm, int perf_alarm,
		    int review_alarm)
{
	const sim_retrain_config *rc = &e->lc->retrain;
	long next = t + 1;
	if (e->retry && !e->job_active && !e->rollout) {
		e->retry = 0; /* a rejected candidate's job runs again */
		return e->job_from;
	}
	if ((rc->on_stat_alarm && stat_alarm) || (rc->on_perf_alarm && perf_alarm)) {
		if (!e->pending || e->job_active || e->rollout)
			e->alarm_from = t;
		e->pending = 1;
	}
	if (e->job_active || e->rollout ||
	    next - e->last_trigger < rc->min_interval)
		return -2;
	if (e->pending) {
		long lo, hi;
		sim_train_range(next, e->sc->label_delay, e->sc->window, &lo, &hi);
		long need = rc->min_rows > 0 ? rc->min_rows : 500;
		if (need > e->sc->max_train_rows)
			need = e->sc->max_train_rows;
		if (hi >= e->alarm_from &&
		    (long)sim_train_store_count(e->store, e->alarm_from, hi) >= need) {
			e->pending = 0;
			return e->alarm_from;
		}
	}
	if ((rc->every > 0 && next % rc->every == 0) ||
	    (rc->on_review && review_alarm))
		return -1;
	return -2;
}

int sim_engine_run(sim_engine *e, uint64_t seed, long rep, double *series,
		   double *metrics, common_error *err)
{
	const sim_scenario *sc = e->sc;
	const sim_lifecycle *lc = e->lc;
	int st = 0;
	st |= sim_rng_stream_init(e->r_data, seed, (uint64_t)rep,
				  SIM_RNG_DATA, err);
	st |= sim_rng_stream_init(e->r_feedback, seed, (uint64_t)rep,
				  SIM_RNG_FEEDBACK, err);
	st |= sim_rng_stream_init(e->r_train, seed, (uint64_t)rep,
				  SIM_RNG_TRAIN, err);
	st |= sim_rng_stream_init(e->r_drift, seed, (uint64_t)rep,
				  SIM_RNG_DRIFT, err);
	st |= sim_rng_stream_init(e->r_ops, seed, (uint64_t)rep, SIM_RNG_OPS,
				  err);
	if (e->kind == SIM_ENGINE_AGGREGATE) {
		st |= sim_rng_stream_init(e->r_rows, seed, (uint64_t)rep,
					  SIM_RNG_ROWS, err);
		st |= sim_rng_stream_init(e->r_labels, seed, (uint64_t)rep,
					  SIM_RNG_LABELS, err);
	}
	if (st)
		return COMMON_EIO;
	sim_walk *walk = NULL;
	st = sim_walk_new(sc, e->r_drift, &walk, err);
	if (st)
		return st;
	reset_replication(e);
	e->walk = walk;
	if (e->kind == SIM_ENGINE_AGGREGATE)
		sim_engine_agg_reset(e);
	st = sim_engine_fit_warmup(e, walk, rep, err);
	double cum = 0;
	for (long t = 0; !st && t < sc->steps; t++) {
		double *row = series + (size_t)t * SIM_SERIES_N;
		memset(row, 0, SIM_SERIES_N * sizeof *row);
		if ((e->plan_next < sc->nplan || e->deploy_stale) &&
		    (st = apply_plan(e, t, err)))
			break;
		if (!e->deploy) {
			st = common_error_set(err, COMMON_EIO, NULL, 0,
					      "out of memory for the strategy");
			break;
		}
		if (e->job_active && e->job_ready <= t) {
			st = sim_engine_release(e, t, row, err);
			if (st)
				break;
		}
		sim_engine_incidents(e, t, row);
		sim_law_at(sc, walk, (double)t, e->law);
		st = e->kind == SIM_ENGINE_AGGREGATE
			     ? sim_engine_serve_aggregate(e, t, row, err)
			     : sim_engine_serve_step(e, t, row, err);
		if (st)
			break;
		sim_deploy_decision dec;
		int perf_alarm = arrivals(e, t, &dec);
		if (dec == SIM_DEPLOY_PROMOTE) {
			st = sim_engine_promote(e, t, err);
			row[SIM_S_RETRAIN] = 1;
		} else if (dec == SIM_DEPLOY_ROLLBACK) {
			sim_engine_rollback(e, t);
			row[SIM_S_ROLLBACK] = 1;
		} else if (dec == SIM_DEPLOY_SWITCH_BACK) {
			st = sim_engine_switch_back(e, t, err);
			row[SIM_S_ROLLBACK] = 1;
		}
		if (st)
			break;
		int stat_alarm = 0;
		if (e->stat && e->mon_n > 0)
			stat_alarm = e->mon_counts
				? sim_statmon_test_counts(
					  e->stat, e->agg_counts,
					  (size_t)lc->stat.bins,
					  sim_statmon_ncols(e->stat), NULL, NULL)
				: sim_statmon_test(e->stat, e->mon_X, e->mon_s,
						   e->mon_n, NULL, NULL);
		int review_alarm = review(e, t);
		if (stat_alarm || perf_alarm || review_alarm) {
			row[SIM_S_ALARM] = 1;
			sim_engine_tally_alarm(e, t, SIM_ALARM_ANY);
			if (stat_alarm)
				sim_engine_tally_alarm(e, t, SIM_ALARM_STAT);
			if (perf_alarm)
				sim_engine_tally_alarm(e, t, SIM_ALARM_PERF);
			if (review_alarm)
				sim_engine_tally_alarm(e, t, SIM_ALARM_REVIEW);
			e->reset_step = t + 1;
			if (sim_deploy_alarm(e->deploy, t) ==
			    SIM_DEPLOY_ROLLBACK) {
				st = sim_engine_switch_back(e, t, err);
				row[SIM_S_ROLLBACK] = 1;
				if (st)
					break;
			}
		}
		long from = trigger(e, t, stat_alarm, perf_alarm, review_alarm);
		if (from > -2 && t + 1 < sc->steps) {
			st = sim_engine_start_job(e, t + 1, from, row, err);
			if (st)
				break;
		}
		double fixed = lc->ops.platform_cost +
			       (row[SIM_S_INCIDENT] ? lc->cost.incident_cost : 0);
		e->tally.cost_platform += lc->ops.platform_cost;
		if (row[SIM_S_INCIDENT])
			e->tally.cost_incidents += lc->cost.incident_cost;
		row[SIM_S_NET_VALUE] -= fixed;
		cum += row[SIM_S_NET_VALUE];
		row[SIM_S_CUM_VALUE] = cum;
	}
	if (!st)
		sim_engine_metrics(e, series, metrics);
	e->walk = NULL;
	sim_walk_free(walk);
	return st;
}
