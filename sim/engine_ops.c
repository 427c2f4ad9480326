/* sim/engine_ops.c: what happens around the model: retraining jobs with
 * their lead time and defects, releases through the deployment strategy,
 * promotions, rollbacks and pipeline incidents (docs/methodology/
 * lifecycle.md). Every random draw here uses the OPS stream, so the
 * requests a replication sees do not depend on these events. */
#include "sim/engine_internal.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>

#include "sim/process.h"
#include "common/banned.h"

static void swap_slots(sim_slot *a, sim_slot *b)
{
	sim_slot t = *a;
	*a = *b;
	*b = t;
}

/* The statistical monitor's reference: the serving model's training rows
 * (the first reference_rows of them) and its scores on them. */
int sim_engine_set_reference(sim_engine *e, size_t n, common_error *err)
{
	if (!e->stat || n == 0)
		return COMMON_OK;
	size_t r = (size_t)e->lc->stat.reference_rows;
	if (r > n)
		r = n;
	if (r > e->train_max)
		r = e->train_max;
	size_t d = (size_t)e->sc->d;
	double *scores = malloc(r * sizeof *scores);
	if (!scores)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the monitor");
	for (size_t i = 0; i < r; i++)
		scores[i] = sim_logreg_decision(e->prod.m, e->TX + i * d);
	int st = sim_statmon_reference(e->stat, e->TX,
				       e->lc->stat.include_score ? scores : NULL,
				       r, err);
	free(scores);
	return st;
}

/* The warm-up fit of replication rep, or the same fit stored by another
 * variant of rep under the same key (sim/warm_cache.h). The rows are
 * drawn either way: the training stream must advance as if fitted, and
 * the statistical reference reads them. */
static int warmup_model(sim_engine *e, long rep, size_t n,
			common_error *err)
{
	const sim_scenario *sc = e->sc;
	double *key = e->warm_buf, *state = key + e->warm_nkey;
	size_t nkey = 0, nstate = sim_logreg_state_len(e->prod.m);
	if (e->warm) {
		key[0] = sc->d;
		key[1] = (double)n;
		key[2] = sc->l2;
		nkey = 3 + sim_engine_law_snapshot(e->law, key + 3);
		if (sim_warm_cache_get(e->warm, rep, key, nkey, state, nstate)) {
			sim_logreg_load(e->prod.m, state);
			return COMMON_OK;
		}
	}
	/* always cold: a warm start would carry the last replication's
	 * model into this one (and make results depend on scheduling) */
	sim_logreg_set_warm_start(e->prod.m, 0);
	int st = sim_logreg_fit(e->prod.m, e->TX, e->ty, n, sc->l2, err);
	if (!st && e->warm) {
		sim_logreg_save(e->prod.m, state);
		sim_warm_cache_put(e->warm, rep, key, nkey, state, nstate);
	}
	return st;
}

int sim_engine_fit_warmup(sim_engine *e, const sim_walk *walk, long rep,
			  common_error *err)
{
	const sim_scenario *sc = e->sc;
	sim_law_at(sc, walk, 0.0, e->law);
	size_t n = (size_t)sc->warmup_rows;
	/* from the training stream, so the requests do not depend on the
	 * warm-up size */
	sim_process_draw(e->law, e->r_train, n, e->TX, e->ty);
	int st = warmup_model(e, rep, n, err);
	sim_logreg_set_warm_start(e->prod.m, e->kind == SIM_ENGINE_AGGREGATE);
	if (st)
		return st;
	e->prod.defective = e->prod.failed = 0;
	e->prod.trigger = -1;
	if (e->hook)
		e->hook(e->hook_ctx, 0, -1, -1, n);
	e->tx_rows = n;
	return sim_engine_set_reference(e, n, err);
}

int sim_engine_start_job(sim_engine *e, long t, long from, double *row,
			 common_error *err)
{
	const sim_scenario *sc = e->sc;
	const sim_lifecycle *lc = e->lc;
	long lo, hi;
	sim_train_range(t, sc->label_delay, sc->window, &lo, &hi);
	if (lc->retrain.window_kind == SIM_WINDOW_EXPANDING)
		lo = e->reset_step;
	if (from > lo) /* after an alarm: only data from the alarm on */
		lo = from;
	if (lo < 0)
		lo = 0;
	if (hi < lo)
		return COMMON_OK; /* no label has arrived: nothing to learn */
	if (e->kind == SIM_ENGINE_AGGREGATE) {
		int dst = sim_engine_draw_rows(e, lo, hi, err);
		if (dst)
			return dst;
		/* Newton from production's coefficients: the same optimum
		 * (to the solver's tolerance) in about 40 % fewer steps */
		int cst = sim_logreg_copy(e->cand.m, e->prod.m, err);
		if (cst)
			return cst;
	}
	size_t n = sim_train_store_gather(e->store, lo, hi, e->TX, e->ty,
					  e->train_max);
	if (n == 0)
		return COMMON_OK;
	int st;
	size_t used = n;
	if (n > (size_t)sc->max_train_rows) {
		/* expanding windows outgrow the budget: a uniform subsample */
		used = (size_t)sc->max_train_rows;
		for (size_t i = 0; i < n; i++)
			e->rows[i] = i;
		gsl_ran_choose(e->r_train, e->rows, used, e->rows, n,
			       sizeof *e->rows);
		st = sim_logreg_fit_rows(e->cand.m, e->TX, e->ty, e->rows, used,
					 sc->l2, err);
	} else {
		st = sim_logreg_fit(e->cand.m, e->TX, e->ty, n, sc->l2, err);
	}
	if (st)
		return st;
	e->cand_nfit = n;
	e->cand.failed = 0;
	e->cand.trigger = t;
	e->cand.defective = lc->ops.p_defect > 0 &&
			    gsl_rng_uniform(e->r_ops) < lc->ops.p_defect;
	if (e->cand.defective) {
		/* a broken model: its coefficients are off by N(0, s^2) */
		size_t d = (size_t)sc->d;
		double *w = malloc(d * sizeof *w);
		if (!w)
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory");
		const double *c = sim_logreg_coef(e->cand.m);
		for (size_t j = 0; j < d; j++)
			w[j] = c[j] + gsl_ran_gaussian(e->r_ops,
						       lc->ops.defect_noise);
		sim_logreg_set_coef(e->cand.m, w,
				    sim_logreg_intercept(e->cand.m));
		free(w);
	}
	long lead = 0;
	if (lc->ops.lead_mean > 0) {
		/* lognormal with the configured mean and coefficient of
		 * variation: sigma^2 = ln(1 + cv^2), mu = ln(mean) - sigma^2/2;
		 * a model is released at the first step boundary after it */
		double s2 = log(1.0 + lc->ops.lead_cv * lc->ops.lead_cv);
		double mu = log(lc->ops.lead_mean) - s2 / 2;
		lead = (long)ceil(gsl_ran_lognormal(e->r_ops, mu, sqrt(s2)));
	}
	e->job_active = 1;
	e->job_from = from;
	e->job_ready = t + lead;
	e->last_trigger = t;
	e->tally.retrains += 1;
	double people = lc->ops.engineer_hours * lc->cost.engineer_rate;
	double training = (double)used / 1000.0 * lc->cost.train_per_1000_rows;
	e->tally.cost_people += people;
	e->tally.cost_training += training;
	row[SIM_S_NET_VALUE] -= people + training;
	if (e->hook)
		e->hook(e->hook_ctx, t, lo, hi, used);
	return COMMON_OK;
}

int sim_engine_release(sim_engine *e, long t, double *row, common_error *err)
{
	e->job_active = 0;
	if (e->cand.defective && e->lc->ops.p_catch > 0 &&
	    gsl_rng_uniform(e->r_ops) < e->lc->ops.p_catch) {
		e->tally.defects_caught += 1; /* validation stopped it */
		e->retry = 1; /* the team fixes the pipeline and runs it again */
		return COMMON_OK;
	}
	e->rollout = ++e->rollout_seq;
	e->tally.pending_exposure = 0;
	if (sim_deploy_start(e->deploy, t) == SIM_DEPLOY_PROMOTE) {
		row[SIM_S_RETRAIN] = 1;
		return sim_engine_promote(e, t, err);
	}
	return COMMON_OK;
}

int sim_engine_promote(sim_engine *e, long t, common_error *err)
{
	sim_tally *ty = &e->tally;
	ty->lead_sum += (double)(t - e->cand.trigger);
	ty->lead_n += 1;
	ty->deployments += 1;
	if (e->lc->deploy.kind == SIM_DEPLOY_BLUEGREEN) {
		swap_slots(&e->prev, &e->prod); /* the old model stays warm */
		/* the watch compares the new model with the old one's
		 * accuracy on its own recent labels */
		e->bg_ref = !isnan(e->baseline_acc) ? e->baseline_acc
			    : e->base_n > 0	     ? e->base_c / e->base_n
						     : NAN;
		e->watch_n = e->watch_c = 0;
	}
	swap_slots(&e->prod, &e->cand);
	e->promoted_at = t;
	e->gen++;
	e->rollout = 0;
	ty->pending_exposure = 0;
	if (e->perf)
		sim_perfmon_reset(e->perf);
	e->baseline_acc = NAN;
	e->base_n = e->base_c = 0;
	if (e->prod.defective) {
		ty->defects_shipped += 1;
		ty->failures += 1;
		e->prod.failed = 1;
		if (ty->failure_since < 0)
			ty->failure_since = t;
	} else if (ty->failure_since >= 0) {
		ty->restore_sum += (double)(t - ty->failure_since);
		ty->restore_n += 1;
		ty->failure_since = -1;
	}
	e->tx_rows = e->cand_nfit;
	return sim_engine_set_reference(e, e->cand_nfit, err);
}

void sim_engine_rollback(sim_engine *e, long t)
{
	(void)t;
	e->tally.rollbacks += 1;
	e->tally.exposure_rejected += e->tally.pending_exposure;
	e->tally.pending_exposure = 0;
	e->rollout = 0;
	e->cand.defective = 0;
}

int sim_engine_switch_back(sim_engine *e, long t, common_error *err)
{
	(void)err;
	sim_tally *ty = &e->tally;
	swap_slots(&e->prod, &e->prev);
	e->gen++;
	ty->rollbacks += 1;
	if (!e->prev.failed) { /* the switch failed though the model was sound */
		ty->failures += 1;
		e->prev.failed = 1;
	}
	long since = ty->failure_since >= 0 ? ty->failure_since : e->promoted_at;
	ty->restore_sum += (double)(t + 1 - since);
	ty->restore_n += 1;
	ty->failure_since = e->prod.defective ? t + 1 : -1;
	if (e->perf)
		sim_perfmon_reset(e->perf);
	e->baseline_acc = NAN;
	e->base_n = e->base_c = 0;
	/* the statistical reference stays: the old model's training rows are
	 * gone, and its data law was the one the reference describes */
	return COMMON_OK;
}

void sim_engine_incidents(sim_engine *e, long t, double *row)
{
	const sim_ops_config *op = &e->lc->ops;
	sim_tally *ty = &e->tally;
	if (e->incident_end >= 0 && t >= e->incident_end) {
		ty->restore_sum += (double)(e->incident_end - e->incident_start);
		ty->restore_n += 1;
		e->incident_end = -1;
	}
	if (e->incident_end < 0 && op->p_incident > 0 &&
	    gsl_rng_uniform(e->r_ops) < op->p_incident) {
		ty->incidents += 1;
		e->incident_start = t;
		long found = op->compute_monitoring ? 1 : op->incident_detect;
		e->incident_end = t + (found > 0 ? found : 1);
	}
	if (e->incident_end > t)
		row[SIM_S_INCIDENT] = 1;
}

void sim_engine_tally_alarm(sim_engine *e, long t, int source)
{
	sim_alarm_list *l = &e->tally.alarms[source];
	if (l->n == l->cap) {
		long *p = realloc(l->at, 2 * (size_t)l->cap * sizeof *p);
		if (!p)
			return; /* keeps the first alarms: metrics stay sound */
		l->at = p;
		l->cap *= 2;
	}
	l->at[l->n++] = t;
}
