/* sim/deploy.c: the deployment strategies of sim/deploy.h as small state
 * machines fed with labelled arm counts; rules, defaults and sources in
 * docs/methodology/deployment.md.
 *
 * Time is the step number t the engine passes: a rollout started at t0
 * covers steps t0, t0+1, ...; sim_deploy_step(t) is the end of step t.
 * Decisions compare thresholds with `>=` on step numbers, so a skipped call
 * only loses that step's labels. */
#include "sim/deploy.h"

#include <math.h>
#include <stdlib.h>

#include "common/common.h"
#include "sim/stat.h"

/* Accuracies within this distance of a margin count as on it (not worse):
 * x/n is rounded, and ties such as 42/50 - 0.02 = 0.82 are real. */
#define TIE_EPS 1e-12

/* Labelled outcomes summed over a window. */
typedef struct tally {
	double pn, pc; /* production: labels, correct */
	double cn, cc; /* candidate: labels, correct */
} tally;

struct sim_deploy {
	sim_deploy_config cfg;
	int active;      /* a rollout is in progress */
	long t0;         /* step the rollout (or blue-green switch) started */
	/* blue-green: the old model is warm while t < watch_end */
	int switched;
	long watch_end;
	/* canary: current weight index, step of its check, failed checks */
	int stage;
	long check_at;
	int failed;
	tally win;       /* canary: this check's labels; shadow, A/B: all */
	tally all;       /* every label since the rollout started */
};

static void tally_add(tally *a, const sim_arm_counts *c)
{
	a->pn += c->prod_n;
	a->pc += c->prod_correct;
	a->cn += c->cand_n;
	a->cc += c->cand_correct;
}

static void tally_clear(tally *a)
{
	a->pn = a->pc = a->cn = a->cc = 0;
}

/* ---- configuration ------------------------------------------------------ */

static int bad(common_error *err, const char *what, const char *field,
	       double v, const char *want)
{
	return common_error_set(err, COMMON_EINPUT, NULL, 0,
				"bad %s '%s' %g (want %s)", what, field, v,
				want);
}

static int check_weights(const sim_deploy_config *c, common_error *err)
{
	int k = c->canary_nweights;
	if (k < 1 || k > SIM_CANARY_MAX_STEPS)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad canary weight count "
					"'canary_nweights' %d (want 1..%d)", k,
					SIM_CANARY_MAX_STEPS);
	double prev = 0;
	for (int i = 0; i < k; i++) {
		double w = c->canary_weights[i];
		/* !(a < b) also rejects NaN */
		if (!(w > prev) || !(w <= 1))
			return common_error_set(err, COMMON_EINPUT, NULL, 0,
						"bad canary weight "
						"'canary_weights[%d]' %g (want "
						"%g < weight <= 1, strictly "
						"increasing)", i, w, prev);
		prev = w;
	}
	if (prev != 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad last canary weight "
					"'canary_weights[%d]' %g (want 1: the "
					"candidate must end at full traffic)",
					k - 1, prev);
	return COMMON_OK;
}

/* Every field is checked whatever the kind, so a file's mistake is found
 * even before the strategy is switched on. */
static int check_config(const sim_deploy_config *c, common_error *err)
{
	switch (c->kind) {
	case SIM_DEPLOY_BASIC:
	case SIM_DEPLOY_SHADOW:
	case SIM_DEPLOY_CANARY:
	case SIM_DEPLOY_BLUEGREEN:
	case SIM_DEPLOY_AB:
		break;
	default:
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad deployment strategy 'kind' %d "
					"(want basic, shadow, canary, "
					"blue-green or ab)", (int)c->kind);
	}
	if (c->shadow_steps < 1)
		return bad(err, "shadow duration", "shadow_steps",
			   (double)c->shadow_steps, ">= 1");
	if (!(c->shadow_margin >= 0) || !isfinite(c->shadow_margin))
		return bad(err, "shadow margin", "shadow_margin",
			   c->shadow_margin, ">= 0");
	int st = check_weights(c, err);
	if (st)
		return st;
	if (c->canary_interval < 1)
		return bad(err, "canary interval", "canary_interval",
			   (double)c->canary_interval, ">= 1");
	if (!(c->canary_max_drop >= 0) || !isfinite(c->canary_max_drop))
		return bad(err, "canary accuracy drop", "canary_max_drop",
			   c->canary_max_drop, ">= 0");
	if (c->canary_threshold < 1)
		return bad(err, "canary failure threshold", "canary_threshold",
			   (double)c->canary_threshold, ">= 1");
	if (c->canary_min_labels < 0)
		return bad(err, "canary label minimum", "canary_min_labels",
			   (double)c->canary_min_labels, ">= 0");
	if (c->bluegreen_watch < 0)
		return bad(err, "blue-green watch", "bluegreen_watch",
			   (double)c->bluegreen_watch, ">= 0");
	if (!(c->ab_split > 0 && c->ab_split < 1))
		return bad(err, "a/b split", "ab_split", c->ab_split,
			   "0 < split < 1");
	if (!(c->ab_alpha > 0 && c->ab_alpha < 1))
		return bad(err, "a/b test level", "ab_alpha", c->ab_alpha,
			   "0 < alpha < 1");
	if (c->ab_max_steps < 1)
		return bad(err, "a/b duration", "ab_max_steps",
			   (double)c->ab_max_steps, ">= 1");
	if (c->ab_min_labels < 0)
		return bad(err, "a/b label minimum", "ab_min_labels",
			   (double)c->ab_min_labels, ">= 0");
	return COMMON_OK;
}

int sim_deploy_new(const sim_deploy_config *cfg, sim_deploy **out,
		   common_error *err)
{
	*out = NULL;
	int st = check_config(cfg, err);
	if (st)
		return st;
	sim_deploy *d = calloc(1, sizeof *d);
	if (!d)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the deployment "
					"strategy");
	d->cfg = *cfg;
	sim_deploy_reset(d);
	*out = d;
	return COMMON_OK;
}

void sim_deploy_free(sim_deploy *d)
{
	free(d);
}

void sim_deploy_reset(sim_deploy *d)
{
	d->active = 0;
	d->t0 = 0;
	d->switched = 0;
	d->watch_end = 0;
	d->stage = 0;
	d->check_at = 0;
	d->failed = 0;
	tally_clear(&d->win);
	tally_clear(&d->all);
}

/* ---- rollout life cycle ------------------------------------------------ */

sim_deploy_decision sim_deploy_start(sim_deploy *d, long t)
{
	/* a new candidate replaces any rollout still in progress */
	sim_deploy_reset(d);
	d->t0 = t;
	switch (d->cfg.kind) {
	case SIM_DEPLOY_BLUEGREEN:
		d->switched = 1;
		d->watch_end = t + d->cfg.bluegreen_watch;
		return SIM_DEPLOY_PROMOTE;
	case SIM_DEPLOY_CANARY:
		d->check_at = t + d->cfg.canary_interval - 1;
		d->active = 1;
		return SIM_DEPLOY_CONTINUE;
	case SIM_DEPLOY_SHADOW:
	case SIM_DEPLOY_AB:
		d->active = 1;
		return SIM_DEPLOY_CONTINUE;
	case SIM_DEPLOY_BASIC:
		break;
	}
	return SIM_DEPLOY_PROMOTE;
}

int sim_deploy_active(const sim_deploy *d)
{
	return d->active;
}

double sim_deploy_serve_share(const sim_deploy *d)
{
	if (!d->active)
		return 0;
	if (d->cfg.kind == SIM_DEPLOY_CANARY)
		return d->cfg.canary_weights[d->stage];
	if (d->cfg.kind == SIM_DEPLOY_AB)
		return d->cfg.ab_split;
	return 0;
}

int sim_deploy_candidate_scores(const sim_deploy *d)
{
	return d->active;
}

int sim_deploy_mirrors(const sim_deploy *d)
{
	return d->active && d->cfg.kind == SIM_DEPLOY_SHADOW;
}

/* ---- decisions ---------------------------------------------------------- */

/* Candidate worse than production by more than margin (ties are not). */
static int worse_by_more(double cand_acc, double prod_acc, double margin)
{
	return cand_acc - prod_acc < -margin - TIE_EPS;
}

/* Shadow: decide at the end of step t0+E-1 on every label that arrived;
 * with no label for either model yet, wait at most another E steps, then
 * give up (ROLLBACK: the candidate was not proven). */
static sim_deploy_decision shadow_step(sim_deploy *d, long t)
{
	const long e = d->cfg.shadow_steps;
	const tally *a = &d->all;
	if (t < d->t0 + e - 1)
		return SIM_DEPLOY_CONTINUE;
	if (a->cn > 0 && a->pn > 0)
		return worse_by_more(a->cc / a->cn, a->pc / a->pn,
				     d->cfg.shadow_margin) ?
			       SIM_DEPLOY_ROLLBACK :
			       SIM_DEPLOY_PROMOTE;
	return t >= d->t0 + 2 * e - 1 ? SIM_DEPLOY_ROLLBACK :
					SIM_DEPLOY_CONTINUE;
}

/* Canary: a check at the end of each interval. Production's accuracy is
 * taken over the same interval; when production got no label in it (the
 * 100 % weight with immediate labels) over the whole rollout instead. A
 * check without enough candidate labels, or without any production label
 * at all, is extended by one step. A failed check below the threshold
 * repeats the interval at the same weight (Flagger). */
static sim_deploy_decision canary_step(sim_deploy *d, long t)
{
	const sim_deploy_config *c = &d->cfg;
	const tally *w = &d->win;
	if (t < d->check_at)
		return SIM_DEPLOY_CONTINUE;
	double need = c->canary_min_labels > 0 ? (double)c->canary_min_labels :
						 1;
	const tally *base = w->pn > 0 ? w : &d->all;
	if (w->cn < need || !(base->pn > 0)) {
		d->check_at = t + 1;
		return SIM_DEPLOY_CONTINUE;
	}
	int fail = worse_by_more(w->cc / w->cn, base->pc / base->pn,
				 c->canary_max_drop);
	tally_clear(&d->win);
	d->check_at = t + c->canary_interval;
	if (fail) {
		if (++d->failed >= c->canary_threshold)
			return SIM_DEPLOY_ROLLBACK;
		return SIM_DEPLOY_CONTINUE;
	}
	if (d->stage + 1 >= c->canary_nweights)
		return SIM_DEPLOY_PROMOTE;
	d->stage++;
	return SIM_DEPLOY_CONTINUE;
}

/* A/B: the pooled two-proportion z-test on every label since the start,
 * at each step once both arms have min_labels (at least 1). */
static sim_deploy_decision ab_step(sim_deploy *d, long t)
{
	const sim_deploy_config *c = &d->cfg;
	const tally *a = &d->all;
	double need = c->ab_min_labels > 0 ? (double)c->ab_min_labels : 1;
	if (a->cn >= need && a->pn >= need) {
		double z;
		double p = sim_stat_ztest_2prop(a->cc, a->cn, a->pc, a->pn, &z);
		if (p < c->ab_alpha && z > 0)
			return SIM_DEPLOY_PROMOTE;
		if (p < c->ab_alpha && z < 0)
			return SIM_DEPLOY_ROLLBACK;
	}
	return t >= d->t0 + c->ab_max_steps - 1 ? SIM_DEPLOY_ROLLBACK :
						  SIM_DEPLOY_CONTINUE;
}

sim_deploy_decision sim_deploy_step(sim_deploy *d, long t,
				    const sim_arm_counts *c)
{
	if (!d->active)
		return SIM_DEPLOY_CONTINUE;
	tally_add(&d->win, c);
	tally_add(&d->all, c);
	sim_deploy_decision r = SIM_DEPLOY_CONTINUE;
	switch (d->cfg.kind) {
	case SIM_DEPLOY_SHADOW:
		r = shadow_step(d, t);
		break;
	case SIM_DEPLOY_CANARY:
		r = canary_step(d, t);
		break;
	case SIM_DEPLOY_AB:
		r = ab_step(d, t);
		break;
	case SIM_DEPLOY_BASIC:
	case SIM_DEPLOY_BLUEGREEN:
		break;
	}
	if (r != SIM_DEPLOY_CONTINUE)
		d->active = 0;
	return r;
}

int sim_deploy_in_watch(const sim_deploy *d, long t)
{
	return d->switched && t >= d->t0 && t < d->watch_end;
}

sim_deploy_decision sim_deploy_alarm(sim_deploy *d, long t)
{
	if (!sim_deploy_in_watch(d, t))
		return SIM_DEPLOY_CONTINUE;
	/* the old model is back; the new one is gone, and with it the watch */
	d->switched = 0;
	return SIM_DEPLOY_ROLLBACK;
}
