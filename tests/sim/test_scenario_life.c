/* tests/sim/test_scenario_life.c: the lifecycle part of a scenario
 * (sim/lifecycle.c, sim/scenario_life.c). Expected values are the numbers
 * documented in sim/lifecycle.h, docs/format-scenario.md and the presets
 * table of docs/methodology/lifecycle.md, typed here by hand. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/lifecycle.h"
#include "sim/scenario.h"

static sim_scenario *load(const char *rel)
{
	const char *root = getenv("MLOPSKIT_SRC");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", root && root[0] ? root : ".",
		 rel);
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	int st = sim_scenario_load_file(path, &sc, &err);
	ck_assert_msg(st == 0, "%s: %s (line %ld)", rel, err.msg, err.line);
	return sc;
}

/* The defaults of sim/lifecycle.h: nothing runs, nothing costs. */
static void check_defaults(const sim_lifecycle *lc)
{
	ck_assert_int_eq(lc->maturity, SIM_MATURITY_CUSTOM);
	ck_assert_int_eq(lc->stat.enabled, 0);
	ck_assert_int_eq(lc->stat.test, SIM_TEST_PSI);
	ck_assert_int_eq(lc->stat.bins, 10);
	ck_assert_double_eq(lc->stat.psi_threshold, 0.2);
	ck_assert_double_eq(lc->stat.alpha, 0.05);
	ck_assert_double_eq(lc->stat.drift_share, 0.5);
	ck_assert_int_eq(lc->stat.include_score, 1);
	ck_assert_int_eq(lc->stat.sample, 500);
	ck_assert_int_eq(lc->stat.every, 1);
	ck_assert_int_eq(lc->stat.reference_rows, 2000);
	ck_assert_int_eq(lc->perf.detector, SIM_PERF_NONE);
	ck_assert_int_eq(lc->perf.ddm.n_min, 30);
	ck_assert_double_eq(lc->perf.ddm.warning, 2.0);
	ck_assert_double_eq(lc->perf.ddm.drift, 3.0);
	ck_assert_int_eq(lc->perf.ph.min_instances, 30);
	ck_assert_double_eq(lc->perf.ph.delta, 0.005);
	ck_assert_double_eq(lc->perf.ph.lambda, 50.0);
	ck_assert_double_eq(lc->perf.ph.alpha, 0.9999);
	ck_assert_double_eq(lc->perf.adwin.delta, 0.002);
	ck_assert_int_eq(lc->perf.adwin.clock, 32);
	ck_assert_int_eq(lc->perf.adwin.max_buckets, 5);
	ck_assert_int_eq(lc->perf.adwin.min_window, 5);
	ck_assert_int_eq(lc->perf.adwin.grace, 10);
	ck_assert_double_eq(lc->perf.drop, 0.05);
	ck_assert_int_eq(lc->perf.min_labels, 1000);
	ck_assert_int_eq(lc->perf.baseline_labels, 500);
	ck_assert_int_eq(lc->review.every, 0);
	ck_assert_double_eq(lc->review.drop, 0.05);
	ck_assert_int_eq(lc->retrain.on_stat_alarm, 0);
	ck_assert_int_eq(lc->retrain.on_perf_alarm, 0);
	ck_assert_int_eq(lc->retrain.on_review, 0);
	ck_assert_int_eq(lc->retrain.min_interval, 0);
	ck_assert_int_eq(lc->retrain.window_kind, SIM_WINDOW_SLIDING);
	ck_assert_double_eq(lc->ops.lead_mean, 0.0);
	ck_assert_double_eq(lc->ops.lead_cv, 0.5);
	ck_assert_double_eq(lc->ops.engineer_hours, 0.0);
	ck_assert_double_eq(lc->ops.p_defect, 0.0);
	ck_assert_double_eq(lc->ops.p_catch, 0.0);
	ck_assert_double_eq(lc->ops.defect_noise, 3.0);
	ck_assert_double_eq(lc->ops.platform_cost, 0.0);
	ck_assert_double_eq(lc->ops.p_incident, 0.0);
	ck_assert_double_eq(lc->ops.incident_skew, 2.0);
	ck_assert_int_eq(lc->ops.incident_detect, 14);
	ck_assert_int_eq(lc->ops.compute_monitoring, 0);
	ck_assert_int_eq(lc->deploy.kind, SIM_DEPLOY_BASIC);
	ck_assert_int_eq(lc->deploy.shadow_steps, 7);
	ck_assert_double_eq(lc->deploy.shadow_margin, 0.01);
	ck_assert_int_eq(lc->deploy.canary_nweights, 4);
	ck_assert_double_eq(lc->deploy.canary_weights[0], 0.05);
	ck_assert_double_eq(lc->deploy.canary_weights[1], 0.25);
	ck_assert_double_eq(lc->deploy.canary_weights[2], 0.5);
	ck_assert_double_eq(lc->deploy.canary_weights[3], 1.0);
	ck_assert_int_eq(lc->deploy.canary_interval, 1);
	ck_assert_double_eq(lc->deploy.canary_max_drop, 0.05);
	ck_assert_int_eq(lc->deploy.canary_threshold, 1);
	ck_assert_int_eq(lc->deploy.canary_min_labels, 300);
	ck_assert_int_eq(lc->deploy.bluegreen_watch, 14);
	ck_assert_double_eq(lc->deploy.ab_split, 0.5);
	ck_assert_double_eq(lc->deploy.ab_alpha, 0.05);
	ck_assert_int_eq(lc->deploy.ab_max_steps, 28);
	ck_assert_int_eq(lc->deploy.ab_min_labels, 200);
	ck_assert_int_eq(lc->cost.use_matrix, 0);
	ck_assert_double_eq(lc->cost.value_correct, 0.0);
	ck_assert_double_eq(lc->cost.cost_error, 0.0);
	ck_assert_double_eq(lc->cost.compute_per_1000, 0.0);
	ck_assert_double_eq(lc->cost.latency_ms, 5.0);
	ck_assert_double_eq(lc->cost.train_per_1000_rows, 0.0);
	ck_assert_double_eq(lc->cost.label_cost, 0.0);
	ck_assert_double_eq(lc->cost.engineer_rate, 0.0);
	ck_assert_double_eq(lc->cost.incident_cost, 0.0);
}

START_TEST(test_defaults)
{
	sim_lifecycle lc;
	memset(&lc, 0xff, sizeof lc); /* every field must be written */
	sim_lifecycle_defaults(&lc);
	check_defaults(&lc);
	ck_assert_int_eq(lc.retrain.every, 0);
	/* an old file without lifecycle elements gets exactly the defaults */
	sim_scenario *sc = load("tests/data/sim/good/minimal.xml");
	check_defaults(&sc->life);
	ck_assert_int_eq(sc->life.retrain.every, 0);
	ck_assert_str_eq(sc->compare_metric, "net_value");
	ck_assert_int_eq(sc->nvariants, 0);
	ck_assert_ptr_null(sc->variants);
	sim_scenario_free(sc);
	/* the old <periodic> still fills both views */
	sc = load("tests/data/sim/good/full.xml");
	ck_assert_int_eq(sc->life.retrain.every, 4);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_PERIODIC);
	ck_assert_int_eq(sc->retrain_every, 4);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* The presets table of docs/methodology/lifecycle.md, row by row. */
static const struct {
	int stat_enabled;
	sim_perf_detector perf;
	long review_every;
	int on_stat, on_perf, on_review;
	long min_interval;
	double lead_mean, lead_cv, hours, p_defect, p_catch, platform;
	long incident_detect;
	int compute;
	sim_deploy_kind deploy;
} preset_table[3] = {
	{0, SIM_PERF_NONE, 30, 0, 0, 1, 0, 21, 0.8, 40, 0.15, 0.3, 20, 14, 0,
	 SIM_DEPLOY_BASIC},
	{1, SIM_PERF_THRESHOLD, 0, 1, 1, 0, 7, 3, 0.6, 8, 0.08, 0.6, 80, 3, 0,
	 SIM_DEPLOY_BASIC},
	{1, SIM_PERF_ADWIN, 0, 1, 1, 0, 1, 0.17, 0.5, 1, 0.05, 0.95, 250, 1, 1,
	 SIM_DEPLOY_CANARY},
};

START_TEST(test_presets)
{
	int m = _i + 1;
	sim_lifecycle lc;
	sim_lifecycle_defaults(&lc);
	/* values outside the bundle must survive the preset */
	lc.stat.test = SIM_TEST_KS;
	lc.stat.bins = 7;
	lc.ops.p_incident = 0.03;
	lc.cost.engineer_rate = 120;
	lc.deploy.canary_interval = 3;
	lc.retrain.window_kind = SIM_WINDOW_EXPANDING;
	lc.retrain.every = 9;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_lifecycle_preset(&lc, (sim_maturity)m, &err), 0);
	ck_assert_int_eq(lc.maturity, m);
	ck_assert_int_eq(lc.stat.enabled, preset_table[_i].stat_enabled);
	ck_assert_int_eq(lc.stat.test,
			 preset_table[_i].stat_enabled ? SIM_TEST_PSI
						       : SIM_TEST_KS);
	ck_assert_int_eq(lc.perf.detector, preset_table[_i].perf);
	ck_assert_int_eq(lc.review.every, preset_table[_i].review_every);
	ck_assert_double_eq(lc.review.drop, 0.05);
	ck_assert_int_eq(lc.retrain.every, 0);
	ck_assert_int_eq(lc.retrain.on_stat_alarm, preset_table[_i].on_stat);
	ck_assert_int_eq(lc.retrain.on_perf_alarm, preset_table[_i].on_perf);
	ck_assert_int_eq(lc.retrain.on_review, preset_table[_i].on_review);
	ck_assert_int_eq(lc.retrain.min_interval,
			 preset_table[_i].min_interval);
	ck_assert_double_eq(lc.ops.lead_mean, preset_table[_i].lead_mean);
	ck_assert_double_eq(lc.ops.lead_cv, preset_table[_i].lead_cv);
	ck_assert_double_eq(lc.ops.engineer_hours, preset_table[_i].hours);
	ck_assert_double_eq(lc.ops.p_defect, preset_table[_i].p_defect);
	ck_assert_double_eq(lc.ops.p_catch, preset_table[_i].p_catch);
	ck_assert_double_eq(lc.ops.platform_cost, preset_table[_i].platform);
	ck_assert_int_eq(lc.ops.incident_detect,
			 preset_table[_i].incident_detect);
	ck_assert_int_eq(lc.ops.compute_monitoring, preset_table[_i].compute);
	ck_assert_int_eq(lc.deploy.kind, preset_table[_i].deploy);
	ck_assert_int_eq(lc.stat.bins, 7);
	ck_assert_double_eq(lc.ops.p_incident, 0.03);
	ck_assert_double_eq(lc.cost.engineer_rate, 120);
	ck_assert_int_eq(lc.deploy.canary_interval, 3);
	ck_assert_int_eq(lc.retrain.window_kind, SIM_WINDOW_EXPANDING);
}
END_TEST

/* Higher maturity: faster, safer, dearer to run (the seed's point). */
START_TEST(test_presets_ordered)
{
	sim_lifecycle l[3];
	for (int m = 0; m < 3; m++) {
		sim_lifecycle_defaults(&l[m]);
		ck_assert_int_eq(sim_lifecycle_preset(&l[m], (sim_maturity)(m + 1),
						      NULL), 0);
	}
	for (int m = 1; m < 3; m++) {
		ck_assert(l[m].ops.lead_mean < l[m - 1].ops.lead_mean);
		ck_assert(l[m].ops.engineer_hours < l[m - 1].ops.engineer_hours);
		ck_assert(l[m].ops.p_defect < l[m - 1].ops.p_defect);
		ck_assert(l[m].ops.p_catch > l[m - 1].ops.p_catch);
		ck_assert(l[m].ops.platform_cost > l[m - 1].ops.platform_cost);
		ck_assert(l[m].ops.incident_detect <
			  l[m - 1].ops.incident_detect);
	}
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_lifecycle_preset(&l[0], SIM_MATURITY_CUSTOM, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "maturity level 0 is unknown; expected 1, 2 or 3");
	ck_assert_int_eq(sim_lifecycle_preset(&l[0], (sim_maturity)4, &err),
			 COMMON_EINPUT);
}
END_TEST

START_TEST(test_names)
{
	static const char *const tests[] = {"psi", "ks", "chisq"};
	static const char *const perf[] = {"none", "ddm", "ph", "adwin",
					   "threshold"};
	static const char *const deploy[] = {"basic", "shadow", "canary",
					     "blue-green", "ab"};
	for (int i = 0; i < 3; i++)
		ck_assert_str_eq(sim_stat_test_name((sim_stat_test)i), tests[i]);
	for (int i = 0; i < 5; i++) {
		ck_assert_str_eq(sim_perf_detector_name((sim_perf_detector)i),
				 perf[i]);
		ck_assert_str_eq(sim_deploy_kind_name((sim_deploy_kind)i),
				 deploy[i]);
	}
	ck_assert_str_eq(sim_window_kind_name(SIM_WINDOW_SLIDING), "sliding");
	ck_assert_str_eq(sim_window_kind_name(SIM_WINDOW_EXPANDING), "expanding");
	ck_assert_ptr_null(sim_stat_test_name((sim_stat_test)3));
	ck_assert_ptr_null(sim_perf_detector_name((sim_perf_detector)5));
	ck_assert_ptr_null(sim_deploy_kind_name((sim_deploy_kind)5));
	ck_assert_ptr_null(sim_window_kind_name((sim_window_kind)2));
}
END_TEST

/* tests/data/sim/good/lifecycle.xml sets every attribute once. */
START_TEST(test_every_element)
{
	sim_scenario *sc = load("tests/data/sim/good/lifecycle.xml");
	const sim_lifecycle *lc = &sc->life;
	ck_assert_int_eq(lc->maturity, SIM_MATURITY_CUSTOM);
	ck_assert_int_eq(lc->stat.enabled, 1);
	ck_assert_int_eq(lc->stat.test, SIM_TEST_CHISQ);
	ck_assert_int_eq(lc->stat.bins, 8);
	ck_assert_double_eq(lc->stat.alpha, 0.01);
	ck_assert_double_eq(lc->stat.drift_share, 0.34);
	ck_assert_int_eq(lc->stat.include_score, 0);
	ck_assert_int_eq(lc->stat.sample, 150);
	ck_assert_int_eq(lc->stat.every, 2);
	ck_assert_int_eq(lc->stat.reference_rows, 900);
	ck_assert_int_eq(lc->perf.detector, SIM_PERF_ADWIN);
	ck_assert_double_eq(lc->perf.adwin.delta, 0.01);
	ck_assert_int_eq(lc->perf.adwin.clock, 16);
	ck_assert_int_eq(lc->perf.adwin.max_buckets, 4);
	ck_assert_int_eq(lc->perf.adwin.min_window, 8);
	ck_assert_int_eq(lc->perf.adwin.grace, 20);
	ck_assert_int_eq(lc->review.every, 10);
	ck_assert_double_eq(lc->review.drop, 0.1);
	ck_assert_int_eq(lc->retrain.every, 20);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_PERIODIC);
	ck_assert_int_eq(sc->retrain_every, 20);
	ck_assert_int_eq(lc->retrain.on_stat_alarm, 1);
	ck_assert_int_eq(lc->retrain.on_perf_alarm, 1);
	ck_assert_int_eq(lc->retrain.on_review, 1);
	ck_assert_int_eq(lc->retrain.min_interval, 5);
	ck_assert_int_eq(lc->retrain.window_kind, SIM_WINDOW_EXPANDING);
	ck_assert_double_eq(lc->ops.lead_mean, 2.5);
	ck_assert_double_eq(lc->ops.lead_cv, 0.3);
	ck_assert_double_eq(lc->ops.engineer_hours, 6);
	ck_assert_double_eq(lc->ops.p_defect, 0.1);
	ck_assert_double_eq(lc->ops.p_catch, 0.7);
	ck_assert_double_eq(lc->ops.defect_noise, 1.5);
	ck_assert_double_eq(lc->ops.platform_cost, 42);
	ck_assert_double_eq(lc->ops.p_incident, 0.02);
	ck_assert_double_eq(lc->ops.incident_skew, 1.5);
	ck_assert_int_eq(lc->ops.incident_detect, 4);
	ck_assert_int_eq(lc->ops.compute_monitoring, 1);
	ck_assert_int_eq(lc->deploy.kind, SIM_DEPLOY_CANARY);
	ck_assert_int_eq(lc->deploy.canary_nweights, 5);
	static const double w[5] = {0.1, 0.2, 0.4, 0.7, 1.0};
	for (int i = 0; i < 5; i++)
		ck_assert_double_eq_tol(lc->deploy.canary_weights[i], w[i],
					1e-15);
	ck_assert_int_eq(lc->deploy.canary_interval, 2);
	ck_assert_double_eq(lc->deploy.canary_max_drop, 0.03);
	ck_assert_int_eq(lc->deploy.canary_threshold, 2);
	ck_assert_int_eq(lc->deploy.canary_min_labels, 80);
	ck_assert_int_eq(lc->deploy.ab_min_labels, 200);
	ck_assert_int_eq(lc->cost.use_matrix, 0);
	ck_assert_double_eq(lc->cost.value_correct, 0.5);
	ck_assert_double_eq(lc->cost.cost_error, 2);
	ck_assert_double_eq(lc->cost.compute_per_1000, 0.04);
	ck_assert_double_eq(lc->cost.latency_ms, 12);
	ck_assert_double_eq(lc->cost.train_per_1000_rows, 0.3);
	ck_assert_double_eq(lc->cost.label_cost, 0.2);
	ck_assert_double_eq(lc->cost.engineer_rate, 90);
	ck_assert_double_eq(lc->cost.incident_cost, 300);
	ck_assert_str_eq(sc->compare_metric, "accuracy_mean");
	ck_assert_int_eq(sc->nvariants, 0);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* maturity 2, then single fields overridden; the rest stays the preset. */
START_TEST(test_preset_then_override)
{
	sim_scenario *sc = load("tests/data/sim/good/maturity-override.xml");
	const sim_lifecycle *lc = &sc->life;
	ck_assert_int_eq(lc->maturity, SIM_MATURITY_2);
	ck_assert_int_eq(lc->stat.enabled, 1);
	ck_assert_int_eq(lc->stat.test, SIM_TEST_KS); /* overridden */
	ck_assert_double_eq(lc->stat.alpha, 0.01);
	ck_assert_int_eq(lc->perf.detector, SIM_PERF_THRESHOLD); /* preset */
	ck_assert_double_eq(lc->perf.drop, 0.08);                /* overridden */
	ck_assert_int_eq(lc->retrain.on_stat_alarm, 1); /* no trigger element: */
	ck_assert_int_eq(lc->retrain.on_perf_alarm, 1); /* the preset's stay */
	ck_assert_int_eq(lc->retrain.min_interval, 3);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_NONE);
	ck_assert_double_eq(lc->ops.lead_mean, 5);      /* overridden */
	ck_assert_double_eq(lc->ops.engineer_hours, 8); /* preset */
	ck_assert_double_eq(lc->ops.p_defect, 0.08);
	ck_assert_double_eq(lc->ops.p_catch, 0.6);
	ck_assert_double_eq(lc->ops.platform_cost, 80);
	ck_assert_int_eq(lc->deploy.kind, SIM_DEPLOY_SHADOW);
	ck_assert_int_eq(lc->deploy.shadow_steps, 3);
	ck_assert_double_eq(lc->deploy.shadow_margin, 0.02);
	ck_assert_int_eq(lc->cost.use_matrix, 1);
	ck_assert_double_eq(lc->cost.v_tp, 4);
	ck_assert_double_eq(lc->cost.v_fp, -1);
	ck_assert_double_eq(lc->cost.v_tn, 0);
	ck_assert_double_eq(lc->cost.v_fn, -10);
	ck_assert_double_eq(lc->cost.compute_per_1000, 0.1);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Trigger lists replace the preset's; <none/> clears them; test="off"
 * and detector="none" switch a preset's monitors off. */
START_TEST(test_triggers_and_off)
{
	static const char xml[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'>"
		"<maturity level='3'/>"
		"<monitoring><statistical test='off'/>"
		"<performance detector='none'/></monitoring>"
		"<retraining><on-review/></retraining></scenario>";
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_scenario_load_memory(xml, sizeof xml - 1, "t.xml",
						  &sc, &err), 0);
	ck_assert_int_eq(sc->life.stat.enabled, 0);
	ck_assert_int_eq(sc->life.perf.detector, SIM_PERF_NONE);
	ck_assert_int_eq(sc->life.retrain.on_stat_alarm, 0);
	ck_assert_int_eq(sc->life.retrain.on_perf_alarm, 0);
	ck_assert_int_eq(sc->life.retrain.on_review, 1);
	ck_assert_int_eq(sc->life.retrain.min_interval, 1); /* preset */
	ck_assert_int_eq(sc->life.deploy.kind, SIM_DEPLOY_CANARY);
	sim_scenario_free(sc);
	static const char none[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'>"
		"<maturity level='1'/>"
		"<retraining><none/></retraining>"
		"<deployment strategy='ab' split='20' alpha='0.1' max-steps='9' min-labels='30'/>"
		"</scenario>";
	ck_assert_int_eq(sim_scenario_load_memory(none, sizeof none - 1, "n.xml",
						  &sc, &err), 0);
	ck_assert_int_eq(sc->life.retrain.on_review, 0);
	ck_assert_int_eq(sc->life.review.every, 30); /* the review still runs */
	ck_assert_double_eq(sc->life.deploy.ab_split, 0.2);
	ck_assert_double_eq(sc->life.deploy.ab_alpha, 0.1);
	ck_assert_int_eq(sc->life.deploy.ab_max_steps, 9);
	ck_assert_int_eq(sc->life.deploy.ab_min_labels, 30);
	ck_assert_int_eq(sc->life.deploy.canary_min_labels, 300);
	sim_scenario_free(sc);
	static const char bg[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'>"
		"<monitoring><performance detector='ph' min-instances='10' delta='0.01' lambda='20' alpha='0.99'/></monitoring>"
		"<deployment strategy='blue-green' watch='5'/></scenario>";
	ck_assert_int_eq(sim_scenario_load_memory(bg, sizeof bg - 1, "b.xml",
						  &sc, &err), 0);
	ck_assert_int_eq(sc->life.perf.detector, SIM_PERF_PH);
	ck_assert_int_eq(sc->life.perf.ph.min_instances, 10);
	ck_assert_double_eq(sc->life.perf.ph.delta, 0.01);
	ck_assert_double_eq(sc->life.perf.ph.lambda, 20);
	ck_assert_double_eq(sc->life.perf.ph.alpha, 0.99);
	ck_assert_int_eq(sc->life.deploy.kind, SIM_DEPLOY_BLUEGREEN);
	ck_assert_int_eq(sc->life.deploy.bluegreen_watch, 5);
	sim_scenario_free(sc);
	static const char ddm[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'>"
		"<monitoring><statistical threshold='0.1' bins='20'/>"
		"<performance detector='ddm' n-min='50' warning='1.5' drift='2.5'/>"
		"<review drop='0.2'/></monitoring></scenario>";
	ck_assert_int_eq(sim_scenario_load_memory(ddm, sizeof ddm - 1, "d.xml",
						  &sc, &err), 0);
	ck_assert_int_eq(sc->life.stat.enabled, 1);
	ck_assert_int_eq(sc->life.stat.test, SIM_TEST_PSI);
	ck_assert_double_eq(sc->life.stat.psi_threshold, 0.1);
	ck_assert_int_eq(sc->life.stat.bins, 20);
	ck_assert_int_eq(sc->life.perf.ddm.n_min, 50);
	ck_assert_double_eq(sc->life.perf.ddm.warning, 1.5);
	ck_assert_double_eq(sc->life.perf.ddm.drift, 2.5);
	ck_assert_int_eq(sc->life.review.every, 0);
	ck_assert_double_eq(sc->life.review.drop, 0.2);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

Suite *test_scenario_life_suite(void)
{
	Suite *s = suite_create("scenario_life");
	TCase *tc = tcase_create("lifecycle");
	tcase_add_test(tc, test_defaults);
	tcase_add_loop_test(tc, test_presets, 0, 3);
	tcase_add_test(tc, test_presets_ordered);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_every_element);
	tcase_add_test(tc, test_preset_then_override);
	tcase_add_test(tc, test_triggers_and_off);
	suite_add_tcase(s, tc);
	return s;
}
