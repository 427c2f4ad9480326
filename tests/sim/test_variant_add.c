/* tests/sim/test_variant_add.c: variants added by a program
 * (sim/scenario_variant_add.h): a clone runs exactly like its original,
 * added variants are paired on the same data streams, sets are checked
 * like the loader's, and the monitoring step of the assessment bridge
 * (issue 9) buys detection speed in a fixed-seed run. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/scenario_variant_add.h"
#include "sim/sim.h"
#include "tests/sim/helpers.h"

static void add(sim_scenario *sc, const char *name, const char *const *p,
		const char *const *v, int n)
{
	common_error err;
	common_error_clear(&err);
	int st = sim_scenario_add_variant(sc, name, p, v, n, &err);
	ck_assert_msg(st == 0, "add '%s': %s", name, err.msg);
}

/* A sudden 90-degree concept rotation at step 60 of 160 with a covariate
 * shift in x3 at the same step (so the drift is visible to the eye of a
 * monthly review and to ADWIN); labels arrive after 2 steps for half of
 * the requests; maturity 1's preset (monthly review, weeks of lead time). */
static const char sudden[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"bridge\">"
	"<horizon steps=\"160\" requests=\"2000\"/><data features=\"6\"/>"
	"<concept><beta generator=\"decay\" norm=\"3\"/></concept>"
	"<drifts><drift pattern=\"sudden\" start=\"60\">"
	"<concept rotate=\"90\" plane=\"1 2\"/></drift>"
	"<drift pattern=\"sudden\" start=\"60\">"
	"<covariate features=\"3\" shift=\"1.5\"/></drift></drifts>"
	"<labels delay=\"2\" coverage=\"0.5\"/>"
	"<model window=\"14\" max-rows=\"4000\" warmup=\"2000\"/>"
	"<maturity level=\"1\"/><operations p-defect=\"0\"/>"
	"<runs count=\"6\" seed=\"4242\"/>"
	"</scenario>";


START_TEST(clone_runs_like_the_original)
{
	sim_scenario *sc = test_load_scenario(sudden);
	sim_scenario *c = NULL;
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(sim_scenario_clone(sc, &c, &err), 0);
	ck_assert_str_eq(c->name, sc->name);
	ck_assert_ptr_ne(c->drifts, sc->drifts);
	ck_assert_int_eq(c->ndrifts, 2);
	sim_result *a = test_run(sc), *b = test_run(c);
	for (int m = 0; m < SIM_METRIC_N; m++)
		for (long rep = 0; rep < sim_result_runs(a); rep++) {
			double x = sim_result_metric_value(a, 0, rep, m);
			double y = sim_result_metric_value(b, 0, rep, m);
			ck_assert_msg((isnan(x) && isnan(y)) ||
					      memcmp(&x, &y, sizeof x) == 0,
				      "metric %s rep %ld: %.17g vs %.17g",
				      sim_metric_name(m), rep, x, y);
		}
	sim_result_free(a);
	sim_result_free(b);
	sim_scenario_free(c);
	sim_scenario_free(sc);
}
END_TEST

/* The team of the bridge test: no statistical or performance monitor,
 * ad-hoc retraining after the monthly review (the seed model's mapping of
 * mon-statistical=none, mon-performance=none, rt-trigger=ad-hoc); the
 * action: mon-performance=automated (ADWIN). */
static const char *const asis_p[] = {
	"retrain.every",  "retrain.on-drift", "retrain.on-performance",
	"retrain.on-review", "monitoring.review", "monitoring.statistical",
	"monitoring.performance"};
static const char *const asis_v[] = {"0", "no", "no", "yes", "30", "off",
				     "none"};
static const char *const act_v[] = {"0", "no", "no", "yes", "30", "off",
				    "adwin"};

START_TEST(variants_are_paired_and_monitoring_detects_sooner)
{
	sim_scenario *sc = test_load_scenario(sudden);
	add(sc, "as-is", asis_p, asis_v, 7);
	add(sc, "mon-performance -> automated", asis_p, act_v, 7);
	ck_assert_int_eq(sc->nvariants, 2);
	ck_assert_int_eq(sc->variants[0].sc->life.perf.detector,
			 SIM_PERF_NONE);
	ck_assert_int_eq(sc->variants[1].sc->life.perf.detector,
			 SIM_PERF_ADWIN);
	sim_result *r = test_run_kept(sc);
	ck_assert_int_eq(sim_result_nvariants(r), 2);
	/* the same requests: the prevalence of every step of every
	 * replication is bit-identical across the variants */
	for (long rep = 0; rep < sim_result_runs(r); rep++)
		for (long t = 0; t < sc->steps; t++) {
			double x = sim_result_series_v(r, 0, rep, t,
						       SIM_S_PREVALENCE);
			double y = sim_result_series_v(r, 1, rep, t,
						       SIM_S_PREVALENCE);
			ck_assert(!isnan(x)); /* kept: not vacuous */
			ck_assert_msg(memcmp(&x, &y, sizeof x) == 0,
				      "prevalence rep %ld step %ld: %.17g vs %.17g",
				      rep, t, x, y);
		}
	/* ... while what the team does differs: the monitor alarms */
	sim_stat d;
	sim_result_paired_stat(r, 1, 0, SIM_M_DETECTION_DELAY, &d);
	ck_assert_msg(d.n == 6 && d.ci_hi < 0,
		      "detection delay, ADWIN minus review: %g [%g, %g] n %g",
		      d.mean, d.ci_lo, d.ci_hi, d.n);
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

START_TEST(bad_sets_are_refused_and_base_unchanged)
{
	static const struct {
		const char *p[2], *v[2];
		int n;
		const char *msg;
	} cases[] = {
		{{"monitoring.nope"}, {"x"}, 1, "'monitoring.nope'"},
		{{"deployment"}, {"rainbow"}, 1,
		 "'deployment' is 'rainbow'; expected"},
		{{"deployment", "deployment"}, {"basic", "canary"}, 2,
		 "'deployment' is set twice in variant 'v'"},
		{{"ops.p-catch"}, {"1.5"}, 1, "'ops.p-catch'"},
	};
	sim_scenario *sc = test_load_scenario(sudden);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		common_error err;
		common_error_clear(&err);
		int st = sim_scenario_add_variant(sc, "v", cases[i].p,
						  cases[i].v, cases[i].n, &err);
		ck_assert_int_eq(st, COMMON_EINPUT);
		ck_assert_msg(strstr(err.msg, cases[i].msg) != NULL,
			      "case %zu: '%s' lacks '%s'", i, err.msg,
			      cases[i].msg);
		ck_assert_str_eq(err.file, "test.xml");
		ck_assert_int_eq(sc->nvariants, 0);
	}
	sim_scenario_free(sc);
}
END_TEST

/* maturity applies first wherever it is listed: an explicit deployment
 * survives level 3's preset (which would set canary) */
START_TEST(maturity_first)
{
	sim_scenario *sc = test_load_scenario(sudden);
	static const char *const p[] = {"deployment", "maturity"};
	static const char *const v[] = {"shadow", "3"};
	add(sc, "m3-shadow", p, v, 2);
	ck_assert_int_eq(sc->variants[0].sc->life.maturity, SIM_MATURITY_3);
	ck_assert_int_eq(sc->variants[0].sc->life.deploy.kind,
			 SIM_DEPLOY_SHADOW);
	ck_assert_int_eq(sc->life.maturity, SIM_MATURITY_1);
	sim_scenario_drop_variants(sc);
	ck_assert_int_eq(sc->nvariants, 0);
	ck_assert_ptr_null(sc->variants);
	sim_scenario_free(sc);
}
END_TEST

Suite *test_variant_add_suite(void)
{
	Suite *s = suite_create("sim_variant_add");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, clone_runs_like_the_original);
	tcase_add_test(tc, variants_are_paired_and_monitoring_detects_sooner);
	tcase_add_test(tc, bad_sets_are_refused_and_base_unchanged);
	tcase_add_test(tc, maturity_first);
	suite_add_tcase(s, tc);
	return s;
}
