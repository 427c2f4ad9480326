/* sim/lifecycle.c: the lifecycle's defaults and the maturity presets.
 *
 * The defaults reproduce the simulator before issue 3 (no monitors, no
 * review, instant deployment of every candidate, no costs). The presets are
 * the seed's three maturity levels; every number, its source or the fact
 * that it is a judgement call, is in docs/methodology/lifecycle.md (the
 * table there and the values below must change together). Durations are in
 * steps and were calibrated for daily steps. */
#include "common/common.h"
#include "sim/lifecycle.h"

void sim_lifecycle_defaults(sim_lifecycle *lc)
{
	*lc = (sim_lifecycle){0};
	lc->maturity = SIM_MATURITY_CUSTOM;

	sim_statmon_config *s = &lc->stat;
	s->enabled = 0;
	s->test = SIM_TEST_PSI;
	s->bins = 10;
	s->psi_threshold = 0.2;
	s->alpha = 0.05;
	s->drift_share = 0.5;
	s->include_score = 1;
	s->sample = 500;
	s->every = 1;
	s->reference_rows = 2000;

	sim_perfmon_config *p = &lc->perf;
	p->detector = SIM_PERF_NONE;
	p->ddm = (sim_ddm_params){SIM_DDM_N_MIN, SIM_DDM_WARNING,
				  SIM_DDM_DRIFT};
	p->ph = (sim_ph_params){SIM_PH_MIN_INSTANCES, SIM_PH_DELTA,
				SIM_PH_LAMBDA, SIM_PH_ALPHA};
	p->adwin = (sim_adwin_params){SIM_ADWIN_DELTA, SIM_ADWIN_CLOCK,
				      SIM_ADWIN_MAX_BUCKETS,
				      SIM_ADWIN_MIN_WINDOW, SIM_ADWIN_GRACE};
	p->drop = 0.05;
	p->min_labels = 1000;
	p->baseline_labels = 500;

	lc->review.every = 0;
	lc->review.drop = 0.05;

	lc->retrain.every = 0;
	lc->retrain.on_stat_alarm = 0;
	lc->retrain.on_perf_alarm = 0;
	lc->retrain.on_review = 0;
	lc->retrain.min_interval = 0;
	lc->retrain.window_kind = SIM_WINDOW_SLIDING;

	sim_ops_config *o = &lc->ops;
	o->lead_mean = 0.0;
	o->lead_cv = 0.5;
	o->engineer_hours = 0.0;
	o->p_defect = 0.0;
	o->p_catch = 0.0;
	o->defect_noise = 3.0;
	o->platform_cost = 0.0;
	o->p_incident = 0.0;
	o->incident_skew = 2.0;
	o->incident_detect = 14;
	o->compute_monitoring = 0;

	sim_deploy_config *d = &lc->deploy;
	d->kind = SIM_DEPLOY_BASIC;
	d->shadow_steps = 7;
	d->shadow_margin = 0.01;
	d->canary_nweights = 4;
	d->canary_weights[0] = 0.05;
	d->canary_weights[1] = 0.25;
	d->canary_weights[2] = 0.50;
	d->canary_weights[3] = 1.00;
	d->canary_interval = 1;
	d->canary_max_drop = 0.05;
	d->canary_threshold = 1;
	d->canary_min_labels = 300;
	d->bluegreen_watch = 14;
	d->ab_split = 0.5;
	d->ab_alpha = 0.05;
	d->ab_max_steps = 28;
	d->ab_min_labels = 200;

	sim_cost_config *c = &lc->cost;
	c->use_matrix = 0;
	c->value_correct = 0.0;
	c->cost_error = 0.0;
	c->v_tp = c->v_fp = c->v_tn = c->v_fn = 0.0;
	c->compute_per_1000 = 0.0;
	c->latency_ms = 5.0;
	c->train_per_1000_rows = 0.0;
	c->label_cost = 0.0;
	c->engineer_rate = 0.0;
	c->incident_cost = 0.0;
}

/* One level's bundle: only these fields are touched by a preset. */
typedef struct preset {
	int stat_enabled;
	sim_perf_detector perf;
	long review_every;
	int on_stat, on_perf, on_review;
	long min_interval;
	double lead_mean, lead_cv, engineer_hours, p_defect, p_catch;
	double platform_cost;
	long incident_detect;
	int compute_monitoring;
	sim_deploy_kind deploy;
} preset;

/* docs/methodology/lifecycle.md, table "Maturity presets". */
static const preset presets[3] = {
	/* 1: manual; a monthly review is the only monitor */
	{0, SIM_PERF_NONE, 30, 0, 0, 1, 0,
	 21.0, 0.8, 40.0, 0.15, 0.30, 20.0, 14, 0, SIM_DEPLOY_BASIC},
	/* 2: automated training, manual deployment, basic monitoring */
	{1, SIM_PERF_THRESHOLD, 0, 1, 1, 0, 7,
	 3.0, 0.6, 8.0, 0.08, 0.60, 80.0, 3, 0, SIM_DEPLOY_BASIC},
	/* 3: automated training and deployment, full monitoring */
	{1, SIM_PERF_ADWIN, 0, 1, 1, 0, 1,
	 0.17, 0.5, 1.0, 0.05, 0.95, 250.0, 1, 1, SIM_DEPLOY_CANARY},
};

int sim_lifecycle_preset(sim_lifecycle *lc, sim_maturity m,
			 common_error *err)
{
	if (m < SIM_MATURITY_1 || m > SIM_MATURITY_3)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"maturity level %d is unknown; expected 1, 2 or 3",
					(int)m);
	const preset *p = &presets[m - 1];
	lc->maturity = m;
	lc->stat.enabled = p->stat_enabled;
	/* level 2 and 3 monitor with PSI, the most common production test */
	if (p->stat_enabled)
		lc->stat.test = SIM_TEST_PSI;
	lc->perf.detector = p->perf;
	lc->review.every = p->review_every;
	lc->retrain.every = 0;
	lc->retrain.on_stat_alarm = p->on_stat;
	lc->retrain.on_perf_alarm = p->on_perf;
	lc->retrain.on_review = p->on_review;
	lc->retrain.min_interval = p->min_interval;
	lc->ops.lead_mean = p->lead_mean;
	lc->ops.lead_cv = p->lead_cv;
	lc->ops.engineer_hours = p->engineer_hours;
	lc->ops.p_defect = p->p_defect;
	lc->ops.p_catch = p->p_catch;
	lc->ops.platform_cost = p->platform_cost;
	lc->ops.incident_detect = p->incident_detect;
	lc->ops.compute_monitoring = p->compute_monitoring;
	lc->deploy.kind = p->deploy;
	return 0;
}

const char *sim_stat_test_name(sim_stat_test t)
{
	switch (t) {
	case SIM_TEST_PSI: return "psi";
	case SIM_TEST_KS: return "ks";
	case SIM_TEST_CHISQ: return "chisq";
	}
	return NULL;
}

const char *sim_perf_detector_name(sim_perf_detector d)
{
	switch (d) {
	case SIM_PERF_NONE: return "none";
	case SIM_PERF_DDM: return "ddm";
	case SIM_PERF_PH: return "ph";
	case SIM_PERF_ADWIN: return "adwin";
	case SIM_PERF_THRESHOLD: return "threshold";
	}
	return NULL;
}

const char *sim_deploy_kind_name(sim_deploy_kind k)
{
	switch (k) {
	case SIM_DEPLOY_BASIC: return "basic";
	case SIM_DEPLOY_SHADOW: return "shadow";
	case SIM_DEPLOY_CANARY: return "canary";
	case SIM_DEPLOY_BLUEGREEN: return "blue-green";
	case SIM_DEPLOY_AB: return "ab";
	}
	return NULL;
}

const char *sim_window_kind_name(sim_window_kind k)
{
	switch (k) {
	case SIM_WINDOW_SLIDING: return "sliding";
	case SIM_WINDOW_EXPANDING: return "expanding";
	}
	return NULL;
}
