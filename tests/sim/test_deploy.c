/* tests/sim/test_deploy.c: the deployment strategies (sim/deploy.h).
 *
 * Two kinds of test:
 * - state transitions with hand-made arm counts, the expected decisions
 *   worked out by hand from the rules in sim/deploy.h (steps, weights,
 *   accuracies written next to each case);
 * - fixed-seed statistical tests: R = 200 rollouts with binomial correct
 *   counts (gsl_rng_taus2) for a clearly worse candidate (accuracy 0.70 vs
 *   production's 0.85) and a clearly better one (0.90 vs 0.85). The exact
 *   probabilities of the asserted events and the bounds come from
 *   tests/data/sim/deploy/error_rates.py (scipy 1.10): for every count the
 *   bounds leave a correct implementation a failure probability below 1e-6
 *   (tails of Binomial(200, p) below 5e-7 each); the seeds make each run
 *   deterministic anyway. */
#include <check.h>
#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/common.h"
#include "sim/deploy.h"

/* The defaults of sim/lifecycle.h, written out so the tests do not depend
 * on sim_lifecycle_defaults. */
static sim_deploy_config config(sim_deploy_kind kind)
{
	sim_deploy_config c;
	memset(&c, 0, sizeof c);
	c.kind = kind;
	c.shadow_steps = 7;
	c.shadow_margin = 0.01;
	c.canary_nweights = 4;
	c.canary_weights[0] = 0.05;
	c.canary_weights[1] = 0.25;
	c.canary_weights[2] = 0.50;
	c.canary_weights[3] = 1.00;
	c.canary_interval = 1;
	c.canary_max_drop = 0.02;
	c.canary_threshold = 1;
	c.canary_min_labels = 50;
	c.bluegreen_watch = 14;
	c.ab_split = 0.5;
	c.ab_alpha = 0.05;
	c.ab_max_steps = 28;
	c.ab_min_labels = 200;
	return c;
}

static sim_deploy *make(const sim_deploy_config *c)
{
	sim_deploy *d = NULL;
	common_error err;
	common_error_clear(&err);
	int st = sim_deploy_new(c, &d, &err);
	ck_assert_msg(st == 0, "sim_deploy_new: %s", err.msg);
	ck_assert_ptr_nonnull(d);
	return d;
}

static sim_arm_counts arms(double pn, double pc, double cn, double cc)
{
	sim_arm_counts a = { pn, pc, cn, cc };
	return a;
}

static sim_deploy_decision step(sim_deploy *d, long t, double pn, double pc,
				double cn, double cc)
{
	sim_arm_counts a = arms(pn, pc, cn, cc);
	return sim_deploy_step(d, t, &a);
}

/* ---- configuration ---------------------------------------------------- */

static void set_weights3(sim_deploy_config *c, double a, double b, double w)
{
	c->canary_nweights = 3;
	c->canary_weights[0] = a;
	c->canary_weights[1] = b;
	c->canary_weights[2] = w;
}

START_TEST(test_bad_config)
{
	static const char *const want[] = {
		"bad deployment strategy 'kind' 9 (want basic, shadow, canary, "
		"blue-green or ab)",
		"bad shadow duration 'shadow_steps' 0 (want >= 1)",
		"bad shadow margin 'shadow_margin' -0.01 (want >= 0)",
		"bad shadow margin 'shadow_margin' nan (want >= 0)",
		"bad canary weight count 'canary_nweights' 0 (want 1..8)",
		"bad canary weight count 'canary_nweights' 9 (want 1..8)",
		"bad canary weight 'canary_weights[0]' 0 (want 0 < weight "
		"<= 1, strictly increasing)",
		"bad canary weight 'canary_weights[2]' 0.5 (want 0.5 < weight "
		"<= 1, strictly increasing)",
		"bad canary weight 'canary_weights[1]' 0.2 (want 0.3 < weight "
		"<= 1, strictly increasing)",
		"bad canary weight 'canary_weights[2]' 1.5 (want 0.5 < weight "
		"<= 1, strictly increasing)",
		"bad last canary weight 'canary_weights[2]' 0.9 (want 1: the "
		"candidate must end at full traffic)",
		"bad canary interval 'canary_interval' 0 (want >= 1)",
		"bad canary accuracy drop 'canary_max_drop' -0.1 (want >= 0)",
		"bad canary failure threshold 'canary_threshold' 0 (want >= 1)",
		"bad canary label minimum 'canary_min_labels' -1 (want >= 0)",
		"bad blue-green watch 'bluegreen_watch' -1 (want >= 0)",
		"bad a/b split 'ab_split' 1 (want 0 < split < 1)",
		"bad a/b split 'ab_split' 0 (want 0 < split < 1)",
		"bad a/b test level 'ab_alpha' 0 (want 0 < alpha < 1)",
		"bad a/b test level 'ab_alpha' 1 (want 0 < alpha < 1)",
		"bad a/b duration 'ab_max_steps' 0 (want >= 1)",
		"bad a/b label minimum 'ab_min_labels' -5 (want >= 0)",
	};
	const int n = (int)(sizeof want / sizeof want[0]);
	for (int i = 0; i < n; i++) {
		sim_deploy_config c = config(SIM_DEPLOY_CANARY);
		switch (i) {
		case 0: c.kind = (sim_deploy_kind)9; break;
		case 1: c.shadow_steps = 0; break;
		case 2: c.shadow_margin = -0.01; break;
		case 3: c.shadow_margin = NAN; break;
		case 4: c.canary_nweights = 0; break;
		case 5: c.canary_nweights = 9; break;
		case 6: c.canary_weights[0] = 0; break;
		case 7: set_weights3(&c, 0.1, 0.5, 0.5); break;
		case 8: set_weights3(&c, 0.3, 0.2, 1.0); break;
		case 9: set_weights3(&c, 0.1, 0.5, 1.5); break;
		case 10: set_weights3(&c, 0.1, 0.5, 0.9); break;
		case 11: c.canary_interval = 0; break;
		case 12: c.canary_max_drop = -0.1; break;
		case 13: c.canary_threshold = 0; break;
		case 14: c.canary_min_labels = -1; break;
		case 15: c.bluegreen_watch = -1; break;
		case 16: c.ab_split = 1; break;
		case 17: c.ab_split = 0; break;
		case 18: c.ab_alpha = 0; break;
		case 19: c.ab_alpha = 1; break;
		case 20: c.ab_max_steps = 0; break;
		case 21: c.ab_min_labels = -5; break;
		}
		sim_deploy *d = (sim_deploy *)(void *)&c; /* to be nulled */
		common_error err;
		common_error_clear(&err);
		ck_assert_int_eq(sim_deploy_new(&c, &d, &err), COMMON_EINPUT);
		ck_assert_ptr_null(d);
		ck_assert_int_eq(err.status, COMMON_EINPUT);
		ck_assert_msg(strcmp(err.msg, want[i]) == 0,
			      "case %d: got '%s'", i, err.msg);
	}
	/* the edges of the ranges are accepted: one weight of 1, zero margins
	 * and minimums, no watch */
	sim_deploy_config c = config(SIM_DEPLOY_BASIC);
	c.canary_nweights = 1;
	c.canary_weights[0] = 1;
	c.shadow_margin = 0;
	c.canary_max_drop = 0;
	c.canary_min_labels = 0;
	c.bluegreen_watch = 0;
	c.ab_min_labels = 0;
	sim_deploy *d = make(&c);
	sim_deploy_free(d);
	sim_deploy_free(NULL);
}
END_TEST

/* ---- basic and blue-green ------------------------------------------------ */

START_TEST(test_basic)
{
	sim_deploy_config c = config(SIM_DEPLOY_BASIC);
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_active(d), 0);
	/* no rollout: nothing to decide, nothing to route */
	ck_assert_int_eq(step(d, 3, 100, 90, 0, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(sim_deploy_start(d, 5), SIM_DEPLOY_PROMOTE);
	ck_assert_int_eq(sim_deploy_active(d), 0);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0);
	ck_assert_int_eq(sim_deploy_candidate_scores(d), 0);
	ck_assert_int_eq(sim_deploy_mirrors(d), 0);
	ck_assert_int_eq(sim_deploy_in_watch(d, 5), 0);
	ck_assert_int_eq(sim_deploy_alarm(d, 5), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 5, 100, 10, 100, 0), SIM_DEPLOY_CONTINUE);
	sim_deploy_free(d);
}
END_TEST

START_TEST(test_bluegreen)
{
	sim_deploy_config c = config(SIM_DEPLOY_BLUEGREEN);
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_alarm(d, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(sim_deploy_start(d, 5), SIM_DEPLOY_PROMOTE);
	ck_assert_int_eq(sim_deploy_active(d), 0);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0);
	ck_assert_int_eq(sim_deploy_candidate_scores(d), 0);
	/* watch 14 from step 5: steps 5..18 */
	ck_assert_int_eq(sim_deploy_in_watch(d, 4), 0);
	ck_assert_int_eq(sim_deploy_in_watch(d, 5), 1);
	ck_assert_int_eq(sim_deploy_in_watch(d, 18), 1);
	ck_assert_int_eq(sim_deploy_in_watch(d, 19), 0);
	/* labels do not decide anything: only an alarm does */
	ck_assert_int_eq(step(d, 6, 0, 0, 100, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(sim_deploy_alarm(d, 19), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(sim_deploy_alarm(d, 4), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(sim_deploy_alarm(d, 18), SIM_DEPLOY_ROLLBACK);
	/* the old model is back: nothing left to roll back to */
	ck_assert_int_eq(sim_deploy_in_watch(d, 18), 0);
	ck_assert_int_eq(sim_deploy_alarm(d, 18), SIM_DEPLOY_CONTINUE);
	/* a second switch opens a new window */
	ck_assert_int_eq(sim_deploy_start(d, 40), SIM_DEPLOY_PROMOTE);
	ck_assert_int_eq(sim_deploy_in_watch(d, 53), 1);
	ck_assert_int_eq(sim_deploy_alarm(d, 40), SIM_DEPLOY_ROLLBACK);
	/* reset forgets the window */
	ck_assert_int_eq(sim_deploy_start(d, 60), SIM_DEPLOY_PROMOTE);
	sim_deploy_reset(d);
	ck_assert_int_eq(sim_deploy_in_watch(d, 61), 0);
	ck_assert_int_eq(sim_deploy_alarm(d, 61), SIM_DEPLOY_CONTINUE);
	sim_deploy_free(d);

	/* watch 0: an instant switch that cannot be undone */
	c.bluegreen_watch = 0;
	d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 5), SIM_DEPLOY_PROMOTE);
	ck_assert_int_eq(sim_deploy_in_watch(d, 5), 0);
	ck_assert_int_eq(sim_deploy_alarm(d, 5), SIM_DEPLOY_CONTINUE);
	sim_deploy_free(d);
}
END_TEST

/* ---- canary ------------------------------------------------------------- */

/* Four passing checks with interval 1 from step 10: weights 5, 25, 50,
 * 100 % at steps 10..13, PROMOTE at the end of step 13. Candidate 0.90
 * against production 0.90 passes every check. */
START_TEST(test_canary_promotes)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	sim_deploy *d = make(&c);
	static const double w[4] = { 0.05, 0.25, 0.5, 1.0 };
	ck_assert_double_eq(sim_deploy_serve_share(d), 0);
	ck_assert_int_eq(sim_deploy_candidate_scores(d), 0);
	ck_assert_int_eq(sim_deploy_start(d, 10), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(sim_deploy_active(d), 1);
	ck_assert_int_eq(sim_deploy_candidate_scores(d), 1);
	ck_assert_int_eq(sim_deploy_mirrors(d), 0);
	ck_assert_int_eq(sim_deploy_in_watch(d, 10), 0);
	ck_assert_int_eq(sim_deploy_alarm(d, 10), SIM_DEPLOY_CONTINUE);
	for (int i = 0; i < 4; i++) {
		double cn = 1000 * w[i], pn = 1000 - cn;
		ck_assert_double_eq(sim_deploy_serve_share(d), w[i]);
		sim_deploy_decision r = step(d, 10 + i, pn, 0.9 * pn, cn,
					     0.9 * cn);
		ck_assert_int_eq(r, i < 3 ? SIM_DEPLOY_CONTINUE :
					    SIM_DEPLOY_PROMOTE);
	}
	ck_assert_int_eq(sim_deploy_active(d), 0);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0);
	ck_assert_int_eq(sim_deploy_candidate_scores(d), 0);
	/* decided: later labels change nothing */
	ck_assert_int_eq(step(d, 14, 0, 0, 1000, 0), SIM_DEPLOY_CONTINUE);
	sim_deploy_free(d);
}
END_TEST

/* interval 3: each weight holds three steps; the checks are at the ends of
 * steps 2, 5, 8, 11 of a rollout started at 0, on the interval's labels. */
START_TEST(test_canary_interval)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	c.canary_interval = 3;
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	for (long t = 0; t < 12; t++) {
		ck_assert_double_eq(sim_deploy_serve_share(d),
				    c.canary_weights[t / 3]);
		/* 20 candidate labels a step: 60 per interval >= 50 */
		sim_deploy_decision r = step(d, t, 100, 90, 20, 18);
		ck_assert_int_eq(r, t == 11 ? SIM_DEPLOY_PROMOTE :
					      SIM_DEPLOY_CONTINUE);
	}
	sim_deploy_free(d);
}
END_TEST

/* threshold 1: the first failed check rolls back at once. Candidate 0.70
 * against 0.85: worse by 0.15 > 0.02. */
START_TEST(test_canary_rollback)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 0, 950, 808, 50, 35), SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(sim_deploy_active(d), 0);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0);
	/* a failure at a later weight too */
	ck_assert_int_eq(sim_deploy_start(d, 20), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 20, 950, 855, 50, 45), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 21, 750, 675, 250, 225), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.5);
	ck_assert_int_eq(step(d, 22, 500, 450, 500, 400), SIM_DEPLOY_ROLLBACK);
	sim_deploy_free(d);
}
END_TEST

/* threshold 2: a failed check repeats the interval at the same weight on
 * fresh labels; the second failure rolls back; a pass in between advances
 * and does not forget the failure (Flagger counts failed checks per
 * rollout). */
START_TEST(test_canary_threshold)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	c.canary_threshold = 2;
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	/* fail (0.70 vs 0.90), stay at 5 % */
	ck_assert_int_eq(step(d, 0, 950, 855, 50, 35), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.05);
	/* the failed interval's labels are gone: 0.90 vs 0.90 passes although
	 * the two intervals together (80/100) would fail */
	ck_assert_int_eq(step(d, 1, 950, 855, 50, 45), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.25);
	/* second failure: rollback */
	ck_assert_int_eq(step(d, 2, 750, 675, 250, 200), SIM_DEPLOY_ROLLBACK);
	sim_deploy_free(d);
}
END_TEST

/* min_labels 50: a check with fewer candidate labels is extended one step
 * at a time, its labels kept; zero labels decide nothing. */
START_TEST(test_canary_extension)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	/* steps 0..2: no labels at all (label delay) */
	for (long t = 0; t < 3; t++) {
		ck_assert_int_eq(step(d, t, 0, 0, 0, 0), SIM_DEPLOY_CONTINUE);
		ck_assert_double_eq(sim_deploy_serve_share(d), 0.05);
	}
	/* 30 < 50 candidate labels, even though 0/30 is clearly worse */
	ck_assert_int_eq(step(d, 3, 570, 513, 30, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.05);
	/* 30 + 20 = 50: the check runs on 50 labels, 20/50 correct vs
	 * production 0.9: fail */
	ck_assert_int_eq(step(d, 4, 380, 342, 20, 20), SIM_DEPLOY_ROLLBACK);

	/* the same extension ending in a pass: 48/50 vs 0.9 */
	ck_assert_int_eq(sim_deploy_start(d, 10), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 10, 570, 513, 30, 28), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.05);
	ck_assert_int_eq(step(d, 11, 380, 342, 20, 20), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.25);
	sim_deploy_free(d);

	/* min_labels 0 still needs one candidate label */
	c.canary_min_labels = 0;
	d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 0, 100, 90, 0, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.05);
	ck_assert_int_eq(step(d, 1, 100, 90, 1, 1), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.25);
	sim_deploy_free(d);
}
END_TEST

/* The margin: worse by exactly max_drop passes (42/50 = 0.84 against
 * 0.86 = 817/950), by more fails (41/50 = 0.82). */
START_TEST(test_canary_margin)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 0, 950, 817, 50, 42), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.25);
	ck_assert_int_eq(sim_deploy_start(d, 5), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 5, 950, 817, 50, 41), SIM_DEPLOY_ROLLBACK);
	sim_deploy_free(d);
}
END_TEST

/* At 100 % production serves nothing: with no production label in the
 * interval the check uses production's labels since the start (here 0.9
 * over 950 + 750 + 500 = 2200), so 0.88 passes and 0.87 fails. When the
 * interval has production labels (label delay), they are used. */
START_TEST(test_canary_full_weight)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	sim_deploy *d = make(&c);
	for (int k = 0; k < 3; k++) {
		long t0 = 10 * k;
		ck_assert_int_eq(sim_deploy_start(d, t0), SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(step(d, t0, 950, 855, 50, 45),
				 SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(step(d, t0 + 1, 750, 675, 250, 225),
				 SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(step(d, t0 + 2, 500, 450, 500, 450),
				 SIM_DEPLOY_CONTINUE);
		ck_assert_double_eq(sim_deploy_serve_share(d), 1.0);
		sim_deploy_decision r;
		if (k == 0)
			r = step(d, t0 + 3, 0, 0, 1000, 880);
		else if (k == 1)
			r = step(d, t0 + 3, 0, 0, 1000, 870);
		else /* delayed production labels at 0.95: 0.90 fails */
			r = step(d, t0 + 3, 200, 190, 800, 720);
		ck_assert_int_eq(r, k == 0 ? SIM_DEPLOY_PROMOTE :
					     SIM_DEPLOY_ROLLBACK);
	}
	sim_deploy_free(d);

	/* a single weight of 1 with no production label at all yet cannot
	 * be judged: extended until production has one */
	c.canary_nweights = 1;
	c.canary_weights[0] = 1;
	d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 0, 0, 0, 1000, 900), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 1, 100, 90, 1000, 900), SIM_DEPLOY_PROMOTE);
	sim_deploy_free(d);
}
END_TEST

/* A new start abandons the rollout in progress; reset forgets it. */
START_TEST(test_restart_reset)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	c.canary_threshold = 2;
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 0, 950, 855, 50, 45), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 1, 750, 675, 250, 100), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.25);
	/* new candidate: back to 5 %, failure count forgotten */
	ck_assert_int_eq(sim_deploy_start(d, 2), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.05);
	ck_assert_int_eq(step(d, 2, 950, 855, 50, 10), SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 3, 950, 855, 50, 10), SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(sim_deploy_start(d, 5), SIM_DEPLOY_CONTINUE);
	sim_deploy_reset(d);
	ck_assert_int_eq(sim_deploy_active(d), 0);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0);
	ck_assert_int_eq(sim_deploy_candidate_scores(d), 0);
	ck_assert_int_eq(step(d, 5, 950, 855, 50, 10), SIM_DEPLOY_CONTINUE);
	sim_deploy_free(d);
}
END_TEST

/* ---- shadow ------------------------------------------------------------- */

/* E = 3 from step 4: decide at the end of step 6 on all arrived labels;
 * margin 0.01: 0.89 vs 0.90 is on the margin (promote), 0.88 is not. */
START_TEST(test_shadow)
{
	sim_deploy_config c = config(SIM_DEPLOY_SHADOW);
	c.shadow_steps = 3;
	sim_deploy *d = make(&c);
	/* candidate correct per 100 over the 400 labels */
	static const double cand[3] = { 89, 88, 95 };
	static const int want[3] = { SIM_DEPLOY_PROMOTE, SIM_DEPLOY_ROLLBACK,
				     SIM_DEPLOY_PROMOTE };
	for (int k = 0; k < 3; k++) {
		ck_assert_int_eq(sim_deploy_start(d, 4), SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(sim_deploy_active(d), 1);
		ck_assert_double_eq(sim_deploy_serve_share(d), 0);
		ck_assert_int_eq(sim_deploy_candidate_scores(d), 1);
		ck_assert_int_eq(sim_deploy_mirrors(d), 1);
		/* 400 labels over three steps, production 360/400 = 0.90;
		 * the first two steps alone (candidate 80/100) would roll
		 * back: the decision waits for the E-th step */
		ck_assert_int_eq(step(d, 4, 50, 45, 50, 40),
				 SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(step(d, 5, 50, 45, 50, 40),
				 SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(step(d, 6, 300, 270, 300, 4 * cand[k] - 80),
				 want[k]);
		ck_assert_int_eq(sim_deploy_active(d), 0);
		ck_assert_int_eq(sim_deploy_mirrors(d), 0);
		ck_assert_int_eq(sim_deploy_candidate_scores(d), 0);
	}
	sim_deploy_free(d);
}
END_TEST

/* No candidate label by the end of the E steps (label delay): wait; decide
 * on the first labels; none within another E steps: ROLLBACK (not proven). */
START_TEST(test_shadow_waits)
{
	sim_deploy_config c = config(SIM_DEPLOY_SHADOW);
	c.shadow_steps = 3;
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 0), SIM_DEPLOY_CONTINUE);
	for (long t = 0; t < 4; t++)
		ck_assert_int_eq(step(d, t, 100, 90, 0, 0),
				 SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 4, 100, 90, 100, 95), SIM_DEPLOY_PROMOTE);

	ck_assert_int_eq(sim_deploy_start(d, 10), SIM_DEPLOY_CONTINUE);
	for (long t = 10; t < 15; t++)
		ck_assert_int_eq(step(d, t, 100, 90, 0, 0),
				 SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 15, 100, 90, 0, 0), SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(sim_deploy_active(d), 0);
	sim_deploy_free(d);
}
END_TEST

/* ---- A/B --------------------------------------------------------------- */

/* Pooled two-sided z-test on cumulative counts once both arms have 200
 * labels. Production 160/200 = 0.80; the candidate's p-values (scipy):
 * 175/200 p = 0.0421 (promote), 174/200 p = 0.0593 (go on),
 * 143/200 p = 0.0473 (roll back), 144/200 p = 0.0610 (go on). */
START_TEST(test_ab)
{
	static const struct {
		double cand, alpha;
		int want;
	} cases[] = {
		{ 175, 0.05, SIM_DEPLOY_PROMOTE },
		{ 174, 0.05, SIM_DEPLOY_CONTINUE },
		{ 174, 0.06, SIM_DEPLOY_PROMOTE },
		{ 143, 0.05, SIM_DEPLOY_ROLLBACK },
		{ 144, 0.05, SIM_DEPLOY_CONTINUE },
		{ 160, 0.05, SIM_DEPLOY_CONTINUE },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sim_deploy_config c = config(SIM_DEPLOY_AB);
		c.ab_alpha = cases[i].alpha;
		sim_deploy *d = make(&c);
		ck_assert_int_eq(sim_deploy_start(d, 7), SIM_DEPLOY_CONTINUE);
		ck_assert_double_eq(sim_deploy_serve_share(d), 0.5);
		ck_assert_int_eq(sim_deploy_candidate_scores(d), 1);
		ck_assert_int_eq(sim_deploy_mirrors(d), 0);
		/* 100 per arm: below min_labels whatever the counts */
		ck_assert_int_eq(step(d, 7, 100, 80, 100, 100),
				 SIM_DEPLOY_CONTINUE);
		ck_assert_int_eq(step(d, 8, 100, 80, 100,
				      cases[i].cand - 100),
				 cases[i].want);
		sim_deploy_free(d);
	}
}
END_TEST

/* No significant result: ROLLBACK at the end of step t0 + max_steps - 1;
 * arms short of labels never test; split other than one half is served. */
START_TEST(test_ab_max_steps)
{
	sim_deploy_config c = config(SIM_DEPLOY_AB);
	c.ab_max_steps = 5;
	c.ab_split = 0.2;
	sim_deploy *d = make(&c);
	ck_assert_int_eq(sim_deploy_start(d, 3), SIM_DEPLOY_CONTINUE);
	ck_assert_double_eq(sim_deploy_serve_share(d), 0.2);
	for (long t = 3; t < 7; t++)
		ck_assert_int_eq(step(d, t, 400, 320, 100, 81),
				 SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 7, 400, 320, 100, 81), SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(sim_deploy_active(d), 0);

	/* candidate arm short of labels: even 0 correct of 150 cannot roll
	 * back before max_steps */
	ck_assert_int_eq(sim_deploy_start(d, 20), SIM_DEPLOY_CONTINUE);
	for (long t = 20; t < 24; t++)
		ck_assert_int_eq(step(d, t, 1000, 900, t == 20 ? 150 : 0, 0),
				 SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 24, 1000, 900, 0, 0), SIM_DEPLOY_ROLLBACK);
	/* a significant result on the last step still counts: 200/200
	 * against 4500/5000 */
	ck_assert_int_eq(sim_deploy_start(d, 30), SIM_DEPLOY_CONTINUE);
	for (long t = 30; t < 34; t++)
		ck_assert_int_eq(step(d, t, 1000, 900, t == 30 ? 150 : 0,
				      t == 30 ? 150 : 0),
				 SIM_DEPLOY_CONTINUE);
	ck_assert_int_eq(step(d, 34, 1000, 900, 50, 50), SIM_DEPLOY_PROMOTE);
	sim_deploy_free(d);
}
END_TEST

/* ---- fixed-seed statistical tests ---------------------------------------- */

#define ROLLOUTS 200
#define PROD_ACC 0.85

typedef struct outcome {
	int promoted, rolled_back, undecided;
	int first;  /* decisions at the rollout's first step */
} outcome;

/* Canary (defaults: 5/25/50/100 %, interval 1, max_drop 0.02, threshold 1,
 * min_labels 50) fed 1000 labels a step split by the served share, no
 * label delay; correct counts Binomial(n, accuracy). */
static outcome run_canary(double cand_acc, unsigned long seed, int want_first)
{
	sim_deploy_config c = config(SIM_DEPLOY_CANARY);
	sim_deploy *d = make(&c);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	ck_assert_ptr_nonnull(r);
	gsl_rng_set(r, seed);
	outcome o = { 0, 0, 0, 0 };
	for (int k = 0; k < ROLLOUTS; k++) {
		long t0 = 100L * k, t = t0;
		sim_deploy_decision res = sim_deploy_start(d, t0);
		/* at most 4 checks of one step each */
		while (res == SIM_DEPLOY_CONTINUE && t < t0 + 10) {
			unsigned cn = (unsigned)lround(
				1000 * sim_deploy_serve_share(d));
			unsigned pn = 1000 - cn;
			sim_arm_counts a = arms(
				pn, gsl_ran_binomial(r, PROD_ACC, pn), cn,
				gsl_ran_binomial(r, cand_acc, cn));
			res = sim_deploy_step(d, t++, &a);
		}
		o.promoted += res == SIM_DEPLOY_PROMOTE;
		o.rolled_back += res == SIM_DEPLOY_ROLLBACK;
		o.undecided += res == SIM_DEPLOY_CONTINUE;
		o.first += t == t0 + 1 && (int)res == want_first;
	}
	gsl_rng_free(r);
	sim_deploy_free(d);
	return o;
}

/* Worse candidate (0.70 vs 0.85). Exact pass probabilities of the four
 * checks (x_c/n_c - x_p/n_p >= -0.02 on n_c = 50, 250, 500, 1000 and
 * n_p = 950, 750, 500, 2200): 0.0210, 1.43e-5, 3.47e-7, 2.3e-16, so
 * P(promote) <= 1.04e-13 and any promotion among 200 has probability
 * < 2.1e-11: none allowed. P(rollback at the first check) = 0.978997:
 * at least 183 of 200 (P(fewer) < 5e-7). */
START_TEST(test_canary_stat_worse)
{
	outcome o = run_canary(0.70, 20240601UL, SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(o.undecided, 0);
	ck_assert_int_eq(o.promoted, 0);
	ck_assert_int_eq(o.rolled_back, ROLLOUTS);
	ck_assert_int_ge(o.first, 183);
}
END_TEST

/* Better candidate (0.90 vs 0.85): pass probabilities 0.93700, 0.99848,
 * 0.99968, 1 - 1.05e-8, so P(promote) = 0.935287 (to 1e-8): at least 167
 * promotions of 200 (P(fewer) < 5e-7). P(rollback at the first check) =
 * 0.0630: at most 32 of 200 (P(more) < 5e-7). */
START_TEST(test_canary_stat_better)
{
	outcome o = run_canary(0.90, 20240602UL, SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(o.undecided, 0);
	ck_assert_int_ge(o.promoted, 167);
	ck_assert_int_le(o.first, 32);
	ck_assert_int_eq(o.promoted + o.rolled_back, ROLLOUTS);
}
END_TEST

/* A/B (defaults: split 0.5, alpha 0.05, min_labels 200, max_steps 28) fed
 * 200 labels per arm per step. */
static outcome run_ab(double cand_acc, unsigned long seed, int want_first)
{
	sim_deploy_config c = config(SIM_DEPLOY_AB);
	sim_deploy *d = make(&c);
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	ck_assert_ptr_nonnull(r);
	gsl_rng_set(r, seed);
	outcome o = { 0, 0, 0, 0 };
	for (int k = 0; k < ROLLOUTS; k++) {
		long t0 = 100L * k, t = t0;
		sim_deploy_decision res = sim_deploy_start(d, t0);
		while (res == SIM_DEPLOY_CONTINUE && t < t0 + 40) {
			ck_assert_double_eq(sim_deploy_serve_share(d), 0.5);
			sim_arm_counts a = arms(
				200, gsl_ran_binomial(r, PROD_ACC, 200), 200,
				gsl_ran_binomial(r, cand_acc, 200));
			res = sim_deploy_step(d, t++, &a);
		}
		o.promoted += res == SIM_DEPLOY_PROMOTE;
		o.rolled_back += res == SIM_DEPLOY_ROLLBACK;
		o.undecided += res == SIM_DEPLOY_CONTINUE;
		o.first += t == t0 + 1 && (int)res == want_first;
	}
	gsl_rng_free(r);
	sim_deploy_free(d);
	return o;
}

/* Worse candidate (0.70 vs 0.85). The rollout does not end in ROLLBACK
 * only if some look r < k promotes or look k does not roll back; the
 * best k bounds P(not rollback) <= 1.1e-8, so at most 1 of 200 (P(more)
 * < 5e-7). Look 1 (200 per arm) rolls back with probability 0.953928:
 * at least 173 of 200. */
START_TEST(test_ab_stat_worse)
{
	outcome o = run_ab(0.70, 20240603UL, SIM_DEPLOY_ROLLBACK);
	ck_assert_int_eq(o.undecided, 0);
	ck_assert_int_ge(o.rolled_back, ROLLOUTS - 1);
	ck_assert_int_ge(o.first, 173);
}
END_TEST

/* Better candidate (0.90 vs 0.85): by the same argument P(not promote)
 * <= 7.54e-4 (mostly look 1 rolling back, 2.5e-4), so at most 5 of 200
 * not promoted. Look 1 promotes with probability 0.325933 (a power of a
 * third on 200 labels per arm): between 34 and 99 of 200. */
START_TEST(test_ab_stat_better)
{
	outcome o = run_ab(0.90, 20240604UL, SIM_DEPLOY_PROMOTE);
	ck_assert_int_eq(o.undecided, 0);
	ck_assert_int_ge(o.promoted, ROLLOUTS - 5);
	ck_assert_int_ge(o.first, 34);
	ck_assert_int_le(o.first, 99);
}
END_TEST

Suite *test_deploy_suite(void)
{
	Suite *s = suite_create("deploy");
	TCase *tc = tcase_create("transitions");
	tcase_add_test(tc, test_bad_config);
	tcase_add_test(tc, test_basic);
	tcase_add_test(tc, test_bluegreen);
	tcase_add_test(tc, test_canary_promotes);
	tcase_add_test(tc, test_canary_interval);
	tcase_add_test(tc, test_canary_rollback);
	tcase_add_test(tc, test_canary_threshold);
	tcase_add_test(tc, test_canary_extension);
	tcase_add_test(tc, test_canary_margin);
	tcase_add_test(tc, test_canary_full_weight);
	tcase_add_test(tc, test_restart_reset);
	tcase_add_test(tc, test_shadow);
	tcase_add_test(tc, test_shadow_waits);
	tcase_add_test(tc, test_ab);
	tcase_add_test(tc, test_ab_max_steps);
	suite_add_tcase(s, tc);
	TCase *st = tcase_create("statistical");
	tcase_add_test(st, test_canary_stat_worse);
	tcase_add_test(st, test_canary_stat_better);
	tcase_add_test(st, test_ab_stat_worse);
	tcase_add_test(st, test_ab_stat_better);
	suite_add_tcase(s, st);
	return s;
}
