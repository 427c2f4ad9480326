/* tests/sim/test_scenario_variants.c: the what-if parameter registry
 * (sim/scenario_param.c) and variant expansion (sim/scenario_variants.c).
 * Every settable name is set once on tests/data/sim/good/full.xml (60
 * steps, 6 drifts) and read back through an independent field map; every
 * kind of bad value gives its exact documented message; sweeps expand to
 * the cartesian product in the documented order and names. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
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

/* The drift that was the i-th <drift> of the file (0-based). */
static const sim_drift *doc_drift(const sim_scenario *sc, int i)
{
	for (int k = 0; k < sc->ndrifts; k++)
		if (sc->drifts[k].index == i)
			return &sc->drifts[k];
	return NULL;
}

/* The field each parameter names, written out independently of the
 * registry's tables. */
static double get(const sim_scenario *sc, const char *p)
{
	const sim_lifecycle *l = &sc->life;
	static const struct {
		const char *name;
		size_t off;
		int is_long;
	} f[] = {
#define D(n, m) {n, offsetof(sim_lifecycle, m), 0}
#define L(n, m) {n, offsetof(sim_lifecycle, m), 1}
		L("retrain.every", retrain.every),
		L("retrain.min-interval", retrain.min_interval),
		L("monitoring.review", review.every),
		D("ops.lead-time", ops.lead_mean),
		D("ops.lead-time-cv", ops.lead_cv),
		D("ops.engineer-hours", ops.engineer_hours),
		D("ops.p-defect", ops.p_defect),
		D("ops.p-catch", ops.p_catch),
		D("ops.defect-noise", ops.defect_noise),
		D("ops.platform-cost", ops.platform_cost),
		D("ops.p-incident", ops.p_incident),
		D("ops.incident-skew", ops.incident_skew),
		L("ops.incident-detect", ops.incident_detect),
		D("costs.value-correct", cost.value_correct),
		D("costs.cost-error", cost.cost_error),
		D("costs.compute", cost.compute_per_1000),
		D("costs.latency", cost.latency_ms),
		D("costs.training", cost.train_per_1000_rows),
		D("costs.label", cost.label_cost),
		D("costs.engineer-rate", cost.engineer_rate),
		D("costs.incident", cost.incident_cost),
		D("costs.tp", cost.v_tp),
		D("costs.fp", cost.v_fp),
		D("costs.tn", cost.v_tn),
		D("costs.fn", cost.v_fn),
#undef D
#undef L
	};
	for (size_t i = 0; i < sizeof f / sizeof f[0]; i++)
		if (strcmp(f[i].name, p) == 0) {
			const char *b = (const char *)l + f[i].off;
			if (f[i].is_long) {
				long v;
				memcpy(&v, b, sizeof v);
				return (double)v;
			}
			double v;
			memcpy(&v, b, sizeof v);
			return v;
		}
	if (!strcmp(p, "maturity")) return l->maturity;
	if (!strcmp(p, "deployment")) return l->deploy.kind;
	if (!strcmp(p, "retrain.on-drift")) return l->retrain.on_stat_alarm;
	if (!strcmp(p, "retrain.on-performance")) return l->retrain.on_perf_alarm;
	if (!strcmp(p, "retrain.on-review")) return l->retrain.on_review;
	if (!strcmp(p, "retrain.window")) return l->retrain.window_kind;
	if (!strcmp(p, "monitoring.statistical"))
		return l->stat.enabled ? (double)l->stat.test : -1.0;
	if (!strcmp(p, "monitoring.performance")) return l->perf.detector;
	if (!strcmp(p, "ops.compute-monitoring")) return l->ops.compute_monitoring;
	if (!strcmp(p, "labels.delay")) return (double)sc->label_delay;
	if (!strcmp(p, "labels.coverage")) return sc->coverage;
	if (!strcmp(p, "model.window")) return (double)sc->window;
	if (!strcmp(p, "model.l2")) return sc->l2;
	if (!strcmp(p, "requests")) return (double)sc->requests;
	if (!strcmp(p, "drift.pattern")) return doc_drift(sc, 3)->pattern;
	if (!strcmp(p, "drift.start")) return doc_drift(sc, 3)->start;
	if (!strcmp(p, "drift[1].pattern")) return doc_drift(sc, 0)->pattern;
	if (!strcmp(p, "drift[2].start")) return doc_drift(sc, 1)->start;
	ck_abort_msg("no field for '%s'", p);
	return 0;
}

/* Every settable name: the value set and the field value it must give. */
static const struct {
	const char *file;
	const char *param;
	const char *value;
	double want;
} params[] = {
	{"full", "maturity", "2", 2},
	{"full", "deployment", "blue-green", SIM_DEPLOY_BLUEGREEN},
	{"full", "retrain.every", "12", 12},
	{"full", "retrain.on-drift", "yes", 1},
	{"full", "retrain.on-performance", "yes", 1},
	{"full", "retrain.on-review", "yes", 1},
	{"full", "retrain.min-interval", "4", 4},
	{"full", "retrain.window", "expanding", SIM_WINDOW_EXPANDING},
	{"full", "labels.delay", "5", 5},
	{"full", "labels.coverage", "0.4", 0.4},
	{"full", "monitoring.statistical", "chisq", SIM_TEST_CHISQ},
	{"full", "monitoring.statistical", "off", -1},
	{"full", "monitoring.performance", "ph", SIM_PERF_PH},
	{"full", "monitoring.review", "15", 15},
	{"full", "ops.lead-time", "3.5", 3.5},
	{"full", "ops.lead-time-cv", "0.9", 0.9},
	{"full", "ops.engineer-hours", "12", 12},
	{"full", "ops.p-defect", "0.2", 0.2},
	{"full", "ops.p-catch", "0.4", 0.4},
	{"full", "ops.defect-noise", "2", 2},
	{"full", "ops.platform-cost", "99", 99},
	{"full", "ops.p-incident", "0.01", 0.01},
	{"full", "ops.incident-skew", "3", 3},
	{"full", "ops.incident-detect", "6", 6},
	{"full", "ops.compute-monitoring", "yes", 1},
	{"full", "drift.pattern", "incremental", SIM_PATTERN_INCREMENTAL},
	{"full", "drift.start", "12", 12},
	{"full", "drift[1].pattern", "sudden", SIM_PATTERN_SUDDEN},
	{"full", "drift[2].start", "33", 33},
	{"full", "model.window", "9", 9},
	{"full", "model.l2", "0.25", 0.25},
	{"full", "requests", "777", 777},
	{"full", "costs.value-correct", "0.7", 0.7},
	{"full", "costs.cost-error", "3", 3},
	{"full", "costs.compute", "0.05", 0.05},
	{"full", "costs.latency", "8", 8},
	{"full", "costs.training", "0.6", 0.6},
	{"full", "costs.label", "0.02", 0.02},
	{"full", "costs.engineer-rate", "150", 150},
	{"full", "costs.incident", "1000", 1000},
	{"maturity-override", "costs.tp", "5", 5},
	{"maturity-override", "costs.fp", "-2", -2},
	{"maturity-override", "costs.tn", "0.5", 0.5},
	{"maturity-override", "costs.fn", "-30", -30},
};

START_TEST(test_param)
{
	char rel[256];
	snprintf(rel, sizeof rel, "tests/data/sim/good/%s.xml",
		 params[_i].file);
	sim_scenario *sc = load(rel);
	common_error err;
	common_error_clear(&err);
	int st = sim_param_set(sc, params[_i].param, params[_i].value, "v.xml",
			       7, &err);
	ck_assert_msg(st == 0, "%s=%s: %s", params[_i].param, params[_i].value,
		      err.msg);
	double got = get(sc, params[_i].param);
	ck_assert_msg(got == params[_i].want, "%s=%s: got %g, want %g",
		      params[_i].param, params[_i].value, got, params[_i].want);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Side effects the table cannot show. */
START_TEST(test_param_effects)
{
	sim_scenario *sc = load("tests/data/sim/good/full.xml");
	common_error err;
	common_error_clear(&err);
	/* retrain.every keeps the issue-2 view consistent */
	ck_assert_int_eq(sim_param_set(sc, "retrain.every", "0", NULL, 0, &err), 0);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_NONE);
	ck_assert_int_eq(sc->retrain_every, 0);
	ck_assert_int_eq(sim_param_set(sc, "retrain.every", "6", NULL, 0, &err), 0);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_PERIODIC);
	ck_assert_int_eq(sc->retrain_every, 6);
	/* maturity applies the bundle (which clears periodic retraining) and
	 * leaves other lifecycle values alone */
	sc->life.cost.engineer_rate = 70;
	ck_assert_int_eq(sim_param_set(sc, "maturity", "3", NULL, 0, &err), 0);
	ck_assert_double_eq(sc->life.ops.p_catch, 0.95);
	ck_assert_int_eq(sc->life.deploy.kind, SIM_DEPLOY_CANARY);
	ck_assert_int_eq(sc->retrain, SIM_RETRAIN_NONE);
	ck_assert_double_eq(sc->life.cost.engineer_rate, 70);
	/* a statistical test switches the monitor on */
	ck_assert_int_eq(sim_param_set(sc, "monitoring.statistical", "off",
				       NULL, 0, &err), 0);
	ck_assert_int_eq(sc->life.stat.enabled, 0);
	ck_assert_int_eq(sim_param_set(sc, "monitoring.statistical", "ks",
				       NULL, 0, &err), 0);
	ck_assert_int_eq(sc->life.stat.enabled, 1);
	ck_assert_int_eq(sc->life.stat.test, SIM_TEST_KS);
	/* drift.start: every drift, re-sorted (ties in document order) */
	ck_assert_int_eq(sim_param_set(sc, "drift.start", "20", NULL, 0, &err), 0);
	for (int i = 0; i < sc->ndrifts; i++) {
		ck_assert_double_eq(sc->drifts[i].start, 20);
		ck_assert_int_eq(sc->drifts[i].index, i);
	}
	/* drift.pattern: every drift; gradual needs width: the incremental
	 * and gradual drifts keep their widths (5, 8), the others get
	 * steps/10 */
	ck_assert_int_eq(sim_param_set(sc, "drift.pattern", "gradual", NULL, 0,
				       &err), 0);
	ck_assert_int_eq(sc->ngradual, 6);
	ck_assert_int_eq(sc->nwalks, 0);
	for (int i = 0; i < sc->ndrifts; i++) {
		const sim_drift *d = &sc->drifts[i];
		ck_assert_int_eq(d->pattern, SIM_PATTERN_GRADUAL);
		ck_assert_int_eq(d->mix_rank, i + 1);
		ck_assert_int_eq(d->walk_index, -1);
		ck_assert_double_eq(d->width, d->index == 2 ? 5.0 : d->index == 3 ? 8.0 : 6.0);
		ck_assert_double_eq(d->period, 0.0);
		ck_assert_double_eq(d->sd, 0.0);
	}
	/* one drift by its position in the file */
	ck_assert_int_eq(sim_param_set(sc, "drift[4].pattern", "random-walk",
				       NULL, 0, &err), 0);
	const sim_drift *w = doc_drift(sc, 3);
	ck_assert_int_eq(w->pattern, SIM_PATTERN_RANDOM_WALK);
	ck_assert_double_eq_tol(w->sd, 1.0 / sqrt(40.0), 1e-15); /* 60 - 20 */
	ck_assert_double_eq(w->width, 0.0);
	ck_assert_int_eq(w->walk_index, 0);
	ck_assert_int_eq(sc->nwalks, 1);
	ck_assert_int_eq(sc->ngradual, 5);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Bad values: exact messages at the given file and line. */
static const struct {
	const char *param;
	const char *value;
	const char *msg;
} bad_params[] = {
	{"maturity", "0", "'maturity' is 0, outside [1, 3]"},
	{"maturity", "high", "'maturity' is not an integer: 'high'"},
	{"deployment", "rolling", "'deployment' is 'rolling'; expected basic, shadow, canary, blue-green or ab"},
	{"retrain.every", "61", "'retrain.every' is 61, outside [0, 60]"},
	{"retrain.on-drift", "maybe", "'retrain.on-drift' is 'maybe'; expected yes or no"},
	{"retrain.window", "fixed", "'retrain.window' is 'fixed'; expected sliding or expanding"},
	{"retrain.min-interval", "-1", "'retrain.min-interval' is -1, outside [0, 60]"},
	{"labels.delay", "60", "'labels.delay' is 60, outside [0, 59]"},
	{"labels.coverage", "0", "'labels.coverage' is 0; at least some ground truth must arrive (0 < coverage <= 1)"},
	{"monitoring.statistical", "wasserstein", "'monitoring.statistical' is 'wasserstein'; expected psi, ks, chisq or off"},
	{"monitoring.performance", "eddm", "'monitoring.performance' is 'eddm'; expected ddm, ph, adwin, threshold or none"},
	{"ops.p-catch", "1.2", "'ops.p-catch' is 1.2, outside [0, 1]"},
	{"ops.lead-time", "soon", "'ops.lead-time' is not a number: 'soon'"},
	{"ops.incident-detect", "0", "'ops.incident-detect' is 0, outside [1, 100000]"},
	{"ops.compute-monitoring", "1", "'ops.compute-monitoring' is '1'; expected yes or no"},
	{"drift.pattern", "abrupt", "'drift.pattern' is 'abrupt'; expected sudden, gradual, incremental, recurring, seasonal or random-walk"},
	{"drift[7].start", "3", "'drift[7].start' names drift 7; the scenario has 6"},
	{"drift.start", "60", "'drift.start' is 60, at or after the end of the horizon (60 steps)"},
	{"drift.width", "3", "unknown parameter 'drift.width'; a drift has 'pattern' and 'start'"},
	{"drift[0].start", "3", "unknown parameter 'drift[0].start' (docs/format-scenario.md lists the settable ones)"},
	{"model.window", "61", "'model.window' is 61, outside [1, 60]"},
	{"requests", "0", "'requests' is 0, outside [1, 10000000]"},
	{"costs.tp", "1", "'costs.tp' needs a value matrix: add <matrix> to <costs>"},
	{"costs.label", "-1", "'costs.label' is -1, outside [0, 1e+09]"},
	{"costs.revenue", "1", "unknown parameter 'costs.revenue' (docs/format-scenario.md lists the settable ones)"},
	{"window", "3", "unknown parameter 'window' (docs/format-scenario.md lists the settable ones)"},
};

START_TEST(test_param_bad)
{
	sim_scenario *sc = load("tests/data/sim/good/full.xml");
	common_error err;
	common_error_clear(&err);
	int st = sim_param_set(sc, bad_params[_i].param, bad_params[_i].value,
			       "v.xml", 42, &err);
	ck_assert_int_eq(st, COMMON_EINPUT);
	ck_assert_str_eq(err.msg, bad_params[_i].msg);
	ck_assert_str_eq(err.file, "v.xml");
	ck_assert_int_eq(err.line, 42);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* With a matrix, value-correct and cost-error are refused. */
START_TEST(test_param_matrix)
{
	sim_scenario *sc = load("tests/data/sim/good/maturity-override.xml");
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_param_set(sc, "costs.value-correct", "1", "m.xml",
				       3, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'costs.value-correct' is not used: the scenario values predictions with a matrix (costs.tp, ...)");
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Issue 7's sweep: 3 x 5 x 4 = 60 variants, last sweep fastest. */
START_TEST(test_sweep_product)
{
	static const char *const strat[5] = {"basic", "shadow", "canary",
					     "blue-green", "ab"};
	static const char *const pat[4] = {"sudden", "gradual", "incremental",
					   "recurring"};
	sim_scenario *sc = load("tests/data/sim/good/sweep.xml");
	ck_assert_int_eq(sc->nvariants, 60);
	ck_assert_str_eq(sc->compare_metric, "net_value");
	/* the base itself is untouched */
	ck_assert_int_eq(sc->life.maturity, SIM_MATURITY_CUSTOM);
	ck_assert_int_eq(sc->drifts[0].pattern, SIM_PATTERN_SUDDEN);
	char want[256];
	for (int k = 0; k < 60; k++) {
		int m = k / 20 + 1, s = (k / 4) % 5, p = k % 4;
		const sim_variant *v = &sc->variants[k];
		snprintf(want, sizeof want,
			 "maturity=%d, deployment=%s, drift.pattern=%s", m,
			 strat[s], pat[p]);
		ck_assert_str_eq(v->name, want);
		const sim_scenario *x = v->sc;
		ck_assert_int_eq(x->nvariants, 0);
		ck_assert_ptr_null(x->variants);
		ck_assert_int_eq(x->life.maturity, m);
		/* maturity applied first, the strategy set after it */
		ck_assert_int_eq(x->life.deploy.kind, s);
		ck_assert_double_eq(x->life.ops.p_defect,
				    m == 1 ? 0.15 : m == 2 ? 0.08 : 0.05);
		ck_assert_double_eq(x->life.cost.value_correct, 1);
		ck_assert_int_eq(x->ndrifts, 1);
		const sim_drift *d = &x->drifts[0];
		ck_assert_int_eq(d->pattern, p);
		ck_assert_double_eq(d->start, 100);
		/* derived from the 200-step horizon */
		ck_assert_double_eq(d->width, (p == 1 || p == 2) ? 20.0 : 0.0);
		ck_assert_double_eq(d->period, p == 3 ? 50.0 : 0.0);
		ck_assert_double_eq(d->duty, p == 3 ? 0.5 : 0.0);
		ck_assert_int_eq(x->ngradual, p == 1);
		ck_assert_int_eq(d->mix_rank, p == 1);
		ck_assert_int_eq(x->steps, 200);
	}
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Explicit variants crossed with a sweep; maturity written last still
 * comes first, and the file's explicit lead time survives the level. */
START_TEST(test_explicit_variants)
{
	sim_scenario *sc = load("tests/data/sim/good/variants.xml");
	ck_assert_int_eq(sc->nvariants, 4);
	static const char *const names[4] = {
		"fast, labels.delay=0", "fast, labels.delay=7",
		"late drift, labels.delay=0", "late drift, labels.delay=7"};
	for (int k = 0; k < 4; k++) {
		const sim_scenario *x = sc->variants[k].sc;
		ck_assert_str_eq(sc->variants[k].name, names[k]);
		ck_assert_int_eq(x->label_delay, k % 2 ? 7 : 0);
		ck_assert_double_eq(x->life.ops.lead_mean, 10);
	}
	const sim_scenario *fast = sc->variants[0].sc;
	ck_assert_int_eq(fast->life.maturity, SIM_MATURITY_3);
	ck_assert_double_eq(fast->life.ops.p_defect, 0.05);
	ck_assert_double_eq(fast->life.ops.p_catch, 0.9); /* set over preset */
	ck_assert_int_eq(fast->life.deploy.kind, SIM_DEPLOY_CANARY);
	const sim_scenario *late = sc->variants[2].sc;
	ck_assert_int_eq(late->life.maturity, SIM_MATURITY_1);
	ck_assert_double_eq(late->life.ops.p_catch, 0.3);
	/* drift[2] (the sudden one, file start 10) now starts at 50; drift[1]
	 * (gradual at 30, width 6) became a random walk: sorted by start */
	ck_assert_int_eq(late->ndrifts, 2);
	ck_assert_int_eq(late->drifts[0].index, 0);
	ck_assert_int_eq(late->drifts[0].pattern, SIM_PATTERN_RANDOM_WALK);
	ck_assert_double_eq(late->drifts[0].width, 0.0);
	ck_assert_double_eq_tol(late->drifts[0].sd, 1.0 / sqrt(30.0), 1e-15);
	ck_assert_int_eq(late->drifts[0].walk_index, 0);
	ck_assert_int_eq(late->drifts[1].index, 1);
	ck_assert_double_eq(late->drifts[1].start, 50);
	ck_assert_int_eq(late->ngradual, 0);
	ck_assert_int_eq(late->nwalks, 1);
	/* the base keeps the file's schedule */
	ck_assert_int_eq(sc->drifts[0].pattern, SIM_PATTERN_SUDDEN);
	ck_assert_int_eq(sc->ngradual, 1);
	ck_assert_int_eq(sc->life.maturity, SIM_MATURITY_1);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* Only explicit variants; an empty <variants/> runs the base; a sweep of
 * seasonal derives the period; an empty variant is the base. */
START_TEST(test_variant_forms)
{
	static const char xml[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'>"
		"<horizon steps='40'/>"
		"<drifts><drift pattern='sudden' start='4'><prior shift='1'/></drift></drifts>"
		"<variants><variant name='base'/>"
		"<variant name='seasonal'><set param='drift.pattern' value='seasonal'/></variant>"
		"</variants></scenario>";
	sim_scenario *sc = NULL;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_scenario_load_memory(xml, sizeof xml - 1, "f.xml",
						  &sc, &err), 0);
	ck_assert_int_eq(sc->nvariants, 2);
	ck_assert_str_eq(sc->variants[0].name, "base");
	ck_assert_int_eq(sc->variants[0].sc->drifts[0].pattern,
			 SIM_PATTERN_SUDDEN);
	ck_assert_str_eq(sc->variants[1].name, "seasonal");
	ck_assert_double_eq(sc->variants[1].sc->drifts[0].period, 10.0);
	ck_assert_double_eq(sc->variants[1].sc->drifts[0].duty, 0.0);
	sim_scenario_free(sc);
	static const char empty[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'><variants/></scenario>";
	ck_assert_int_eq(sim_scenario_load_memory(empty, sizeof empty - 1,
						  "e.xml", &sc, &err), 0);
	ck_assert_int_eq(sc->nvariants, 0);
	ck_assert_ptr_null(sc->variants);
	sim_scenario_free(sc);
	/* tiny horizon: width and period have floors of 1 and 2 steps */
	static const char tiny[] =
		"<scenario xmlns='urn:mlopskit:scenario:1'><horizon steps='5'/>"
		"<drifts><drift pattern='sudden' start='1'><prior shift='1'/></drift></drifts>"
		"<labels delay='0'/><model window='5'/>"
		"<variants><sweep param='drift.pattern' values='incremental recurring'/>"
		"</variants></scenario>";
	ck_assert_msg(sim_scenario_load_memory(tiny, sizeof tiny - 1, "t.xml",
					       &sc, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sc->nvariants, 2);
	ck_assert_double_eq(sc->variants[0].sc->drifts[0].width, 1.0);
	ck_assert_double_eq(sc->variants[1].sc->drifts[0].period, 2.0);
	ck_assert_double_eq(sc->variants[1].sc->drifts[0].duty, 0.5);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

Suite *test_scenario_variants_suite(void)
{
	Suite *s = suite_create("scenario_variants");
	TCase *tc = tcase_create("params");
	tcase_add_loop_test(tc, test_param, 0,
			    (int)(sizeof params / sizeof params[0]));
	tcase_add_test(tc, test_param_effects);
	tcase_add_loop_test(tc, test_param_bad, 0,
			    (int)(sizeof bad_params / sizeof bad_params[0]));
	tcase_add_test(tc, test_param_matrix);
	suite_add_tcase(s, tc);
	tc = tcase_create("variants");
	tcase_add_test(tc, test_sweep_product);
	tcase_add_test(tc, test_explicit_variants);
	tcase_add_test(tc, test_variant_forms);
	suite_add_tcase(s, tc);
	return s;
}
