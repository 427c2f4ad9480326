/* tests/sim/test_lifecycle.c: issue 3's end-to-end behaviour with fixed
 * seeds: maturity changes detection and recovery, deployment strategies
 * change exposure to defective models, variants are paired, the ledger
 * adds up. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sim.h"
#include "tests/sim/helpers.h"

static int variant(const sim_result *r, const char *name)
{
	for (int v = 0; v < sim_result_nvariants(r); v++)
		if (strcmp(sim_result_variant_name(r, v), name) == 0)
			return v;
	ck_abort_msg("no variant '%s'", name);
	return -1;
}


static double mean_of(const sim_result *r, int v, int m)
{
	sim_stat s;
	sim_result_metric_stat(r, v, m, &s);
	return s.mean;
}

/* A sudden 90-degree concept rotation at step 60 of 160; maturity 1
 * (monthly manual review, lead time of weeks) against 3 (performance
 * monitoring, lead time of hours). Eight paired replications; the level-3
 * detection delay is a few steps, level 1's ~ the review period, so the
 * asserted order holds with margins of many replication sds. */
static const char sudden_maturity[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"m\">"
	"<horizon steps=\"160\" requests=\"3000\"/><data features=\"6\"/>"
	"<concept><beta generator=\"decay\" norm=\"3\"/></concept>"
	"<drifts><drift pattern=\"sudden\" start=\"60\">"
	"<concept rotate=\"90\" plane=\"1 2\"/></drift></drifts>"
	"<labels delay=\"2\" coverage=\"0.5\"/>"
	"<model window=\"14\" max-rows=\"6000\" warmup=\"2000\"/>"
	"<operations p-defect=\"0\"/>"
	"<runs count=\"8\" seed=\"31337\"/>"
	"<variants><sweep param=\"maturity\" values=\"1 3\"/></variants>"
	"</scenario>";

START_TEST(level3_detects_and_recovers_sooner)
{
	sim_scenario *sc = test_load_scenario(sudden_maturity);
	sim_result *r = test_run(sc);
	int l1 = variant(r, "maturity=1"), l3 = variant(r, "maturity=3");
	double d1 = mean_of(r, l1, SIM_M_DETECTION_DELAY);
	double d3 = mean_of(r, l3, SIM_M_DETECTION_DELAY);
	double r1 = mean_of(r, l1, SIM_M_TIME_TO_RECOVER);
	double r3 = mean_of(r, l3, SIM_M_TIME_TO_RECOVER);
	ck_assert_msg(!isnan(d3) && (isnan(d1) || d3 < d1),
		      "detection delay: level 1 %g, level 3 %g", d1, d3);
	ck_assert_msg(!isnan(r3) && (isnan(r1) || r3 < r1),
		      "time to recover: level 1 %g, level 3 %g", r1, r3);
	/* and level 3 keeps more accuracy over the horizon */
	sim_stat diff;
	sim_result_paired_stat(r, l3, l1, SIM_M_ACCURACY_MEAN, &diff);
	ck_assert_msg(diff.ci_lo > 0, "accuracy gain CI [%g, %g]", diff.ci_lo,
		      diff.ci_hi);
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

/* Every candidate is defective and validation never catches it; a new
 * candidate every 20 steps. Basic ships each one to all traffic, a canary
 * shows it to 5% until its first check fails, a shadow to nobody. */
static const char defective[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"d\">"
	"<horizon steps=\"100\" requests=\"1000\"/><data features=\"5\"/>"
	"<concept><beta generator=\"decay\" norm=\"3\"/></concept>"
	"<labels delay=\"1\" coverage=\"0.5\"/>"
	"<model window=\"10\" max-rows=\"3000\" warmup=\"1000\"/>"
	"<retraining><periodic every=\"20\"/></retraining>"
	"<operations p-defect=\"1\" p-catch=\"0\" defect-noise=\"3\"/>"
	"<runs count=\"4\" seed=\"4242\"/>"
	"<variants><sweep param=\"deployment\" values=\"basic canary shadow\"/>"
	"</variants></scenario>";

START_TEST(canary_and_shadow_limit_exposure)
{
	sim_scenario *sc = test_load_scenario(defective);
	sim_result *r = test_run(sc);
	int b = variant(r, "deployment=basic");
	int c = variant(r, "deployment=canary");
	int s = variant(r, "deployment=shadow");
	double eb = mean_of(r, b, SIM_M_EXPOSURE);
	double ec = mean_of(r, c, SIM_M_EXPOSURE);
	double es = mean_of(r, s, SIM_M_EXPOSURE);
	/* basic: 4 defective releases at steps 20..80, each serving until
	 * the next: at least 20 steps x 1000 requests */
	ck_assert_msg(eb >= 20000, "basic exposure %g", eb);
	ck_assert_msg(ec < eb / 10, "canary %g vs basic %g", ec, eb);
	ck_assert_msg(ec > 0, "canary shows the candidate to some traffic");
	ck_assert_double_eq(es, 0);
	ck_assert_double_eq(mean_of(r, s, SIM_M_DEFECTS_SHIPPED), 0);
	ck_assert(mean_of(r, c, SIM_M_ROLLBACKS) >= 3);
	ck_assert(mean_of(r, s, SIM_M_ROLLBACKS) >= 3);
	ck_assert_double_eq(mean_of(r, b, SIM_M_CHANGE_FAILURE), 1.0);
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

START_TEST(variants_share_the_data_stream)
{
	sim_scenario *sc = test_load_scenario(defective);
	sim_result *r = test_run_kept(sc);
	/* the true labels depend only on the data stream: identical bits in
	 * every variant, replication and step */
	for (long rep = 0; rep < sim_result_runs(r); rep++)
		for (long t = 0; t < 100; t++) {
			double a = sim_result_series_v(r, 0, rep, t, SIM_S_PREVALENCE);
			ck_assert(!isnan(a)); /* kept, so the test is not vacuous */
			for (int v = 1; v < sim_result_nvariants(r); v++) {
				double b = sim_result_series_v(r, v, rep, t,
							       SIM_S_PREVALENCE);
				ck_assert(memcmp(&a, &b, sizeof a) == 0);
			}
		}
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

/* Value 1 per right answer, cost 2 per wrong one, compute 0.5 per 1000
 * predictions, 0.1 per label, 10 per step of platform: checked against
 * the per-step series by the arithmetic of docs/methodology/engine.md. */
static const char ledger[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"l\">"
	"<horizon steps=\"30\" requests=\"400\"/><data features=\"3\"/>"
	"<labels delay=\"0\" coverage=\"0.25\"/>"
	"<operations platform-cost=\"10\"/>"
	"<costs value-correct=\"1\" cost-error=\"2\" compute=\"0.5\" label=\"0.1\"/>"
	"<runs count=\"2\" seed=\"5\"/></scenario>";

START_TEST(ledger_adds_up)
{
	sim_scenario *sc = test_load_scenario(ledger);
	sim_result *r = test_run_kept(sc);
	for (long rep = 0; rep < 2; rep++) {
		double value = 0, cum = 0;
		for (long t = 0; t < 30; t++) {
			double acc = sim_result_series(r, rep, t, SIM_S_ACCURACY);
			value += 400 * acc - 2 * 400 * (1 - acc);
			cum += sim_result_series(r, rep, t, SIM_S_NET_VALUE);
			ck_assert_double_eq_tol(
				sim_result_series(r, rep, t, SIM_S_CUM_VALUE), cum,
				1e-6);
		}
		double labels = sim_result_metric_value(r, 0, rep, SIM_M_LABELS);
		double expect = value - 30 * 400 / 1000.0 * 0.5 - labels * 0.1 -
				30 * 10;
		ck_assert_double_eq_tol(
			sim_result_metric_value(r, 0, rep, SIM_M_NET_VALUE),
			expect, 1e-6);
		ck_assert_double_eq_tol(cum, expect, 1e-6);
		ck_assert_double_eq_tol(
			sim_result_metric_value(r, 0, rep, SIM_M_COST_PLATFORM),
			300, 1e-9);
	}
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

Suite *test_lifecycle_suite(void)
{
	Suite *s = suite_create("lifecycle");
	TCase *tc = tcase_create("end-to-end");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, level3_detects_and_recovers_sooner);
	tcase_add_test(tc, canary_and_shadow_limit_exposure);
	tcase_add_test(tc, variants_share_the_data_stream);
	tcase_add_test(tc, ledger_adds_up);
	suite_add_tcase(s, tc);
	return s;
}
