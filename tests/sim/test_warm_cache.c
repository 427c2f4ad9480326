/* tests/sim/test_warm_cache.c: warm-up fits shared by the variants of a
 * replication (sim/warm_cache.h) change nothing: a replication run with a
 * stored fit gives the same series and metrics, bit for bit, as one that
 * fits its own; the cache's own rules; a logistic model's saved state. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/engine.h"
#include "sim/logreg.h"
#include "sim/warm_cache.h"
#include "tests/sim/helpers.h"

START_TEST(cache_rules)
{
	sim_warm_cache *c = sim_warm_cache_new(3);
	ck_assert_ptr_nonnull(c);
	double k1[2] = {1, 2}, k2[2] = {1, 2.5}, s1[3] = {7, 8, 9};
	double s2[3] = {-1, -2, -3}, got[3] = {0};
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k1, 2, got, 3), 0);
	sim_warm_cache_put(c, 1, k1, 2, s1, 3);
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k1, 2, got, 3), 1);
	ck_assert_mem_eq(got, s1, sizeof s1);
	/* another key, another key length or state length: a miss */
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k2, 2, got, 3), 0);
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k1, 1, got, 3), 0);
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k1, 2, got, 2), 0);
	/* the first state stays: a later put under another key is ignored */
	sim_warm_cache_put(c, 1, k2, 2, s2, 3);
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k2, 2, got, 3), 0);
	ck_assert_int_eq(sim_warm_cache_get(c, 1, k1, 2, got, 3), 1);
	ck_assert_mem_eq(got, s1, sizeof s1);
	/* other replications are separate; out of range is a miss */
	ck_assert_int_eq(sim_warm_cache_get(c, 0, k1, 2, got, 3), 0);
	ck_assert_int_eq(sim_warm_cache_get(c, 3, k1, 2, got, 3), 0);
	ck_assert_int_eq(sim_warm_cache_get(c, -1, k1, 2, got, 3), 0);
	sim_warm_cache_put(c, 3, k1, 2, s1, 3); /* ignored, no crash */
	ck_assert_int_eq(sim_warm_cache_hits(c), 2);
	sim_warm_cache_free(c);
	sim_warm_cache_free(NULL);
	ck_assert_ptr_null(sim_warm_cache_new(0));
}
END_TEST

START_TEST(logreg_state_round_trip)
{
	/* 200 rows of two features, labels from a fixed rule with flips */
	enum { N = 200, D = 2 };
	double X[N * D];
	unsigned char y[N];
	for (int i = 0; i < N; i++) {
		X[i * D] = sin(0.37 * i);
		X[i * D + 1] = cos(0.11 * i * i);
		y[i] = (X[i * D] + 0.5 * X[i * D + 1] > 0) ^ (i % 7 == 0);
	}
	sim_logreg *a = sim_logreg_new(D), *b = sim_logreg_new(D);
	ck_assert_int_eq(sim_logreg_fit(a, X, y, N, 1.0, NULL), 0);
	size_t len = sim_logreg_state_len(a);
	ck_assert_uint_eq(len, D + 1 + 4);
	double state[D + 1 + 4];
	sim_logreg_save(a, state);
	sim_logreg_load(b, state);
	ck_assert_mem_eq(sim_logreg_coef(a), sim_logreg_coef(b),
			 (D + 1) * sizeof(double));
	ck_assert_double_eq(sim_logreg_objective(a), sim_logreg_objective(b));
	ck_assert_int_eq(sim_logreg_iterations(a), sim_logreg_iterations(b));
	ck_assert_int_eq(sim_logreg_single_class(a),
			 sim_logreg_single_class(b));
	/* the next warm fit starts from the same point: same answer */
	sim_logreg_set_warm_start(a, 1);
	sim_logreg_set_warm_start(b, 1);
	ck_assert_int_eq(sim_logreg_fit(a, X + D, y + 1, N - 1, 0.5, NULL), 0);
	ck_assert_int_eq(sim_logreg_fit(b, X + D, y + 1, N - 1, 0.5, NULL), 0);
	ck_assert_mem_eq(sim_logreg_coef(a), sim_logreg_coef(b),
			 (D + 1) * sizeof(double));
	ck_assert_int_eq(sim_logreg_iterations(a), sim_logreg_iterations(b));
	sim_logreg_free(a);
	sim_logreg_free(b);
}
END_TEST

/* A lifecycle with every monitor and a reference built from the warm-up
 * rows, so a wrong stored model or a training stream left in the wrong
 * place would show in the series. */
static const char life[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"warm\">"
	"<horizon steps=\"60\" requests=\"2000\"/><data features=\"4\"/>"
	"<drifts><drift pattern=\"sudden\" start=\"30\">"
	"<concept rotate=\"90\" plane=\"1 2\"/></drift></drifts>"
	"<labels delay=\"1\" coverage=\"0.2\"/>"
	"<model window=\"10\" max-rows=\"1500\" warmup=\"400\"/>"
	"<maturity level=\"3\"/>"
	"<runs count=\"3\" seed=\"5\"/></scenario>";

static void run_rep(sim_engine *e, long rep, double *series,
		    double *metrics)
{
	common_error err;
	ck_assert_int_eq(sim_engine_run(e, 5, rep, series, metrics, &err), 0);
}

static void same_with_cache(sim_engine_kind kind)
{
	sim_scenario *sc = test_load_scenario(life);
	common_error err;
	size_t ns = (size_t)sc->steps * SIM_SERIES_N;
	double *s0 = malloc(ns * sizeof *s0), *s1 = malloc(ns * sizeof *s1);
	double m0[SIM_METRIC_N], m1[SIM_METRIC_N];
	sim_engine *plain, *first, *second;
	ck_assert_int_eq(sim_engine_new(sc, &plain, &err), 0);
	ck_assert_int_eq(sim_engine_new(sc, &first, &err), 0);
	ck_assert_int_eq(sim_engine_new(sc, &second, &err), 0);
	sim_engine *all[3] = {plain, first, second};
	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(sim_engine_set_kind(all[i], kind, &err), 0);
	sim_warm_cache *c = sim_warm_cache_new(sc->runs);
	ck_assert_int_eq(sim_engine_set_warm_cache(first, c, &err), 0);
	ck_assert_int_eq(sim_engine_set_warm_cache(second, c, &err), 0);
	for (long rep = 0; rep < sc->runs; rep++) {
		run_rep(plain, rep, s0, m0);
		run_rep(first, rep, s1, m1); /* fits and stores */
		ck_assert_mem_eq(s0, s1, ns * sizeof *s0);
		ck_assert_mem_eq(m0, m1, sizeof m0);
		ck_assert_int_eq(sim_warm_cache_hits(c), rep);
		memset(s1, 0, ns * sizeof *s1);
		run_rep(second, rep, s1, m1); /* loads */
		ck_assert_int_eq(sim_warm_cache_hits(c), rep + 1);
		ck_assert_mem_eq(s0, s1, ns * sizeof *s0);
		ck_assert_mem_eq(m0, m1, sizeof m0);
	}
	/* another replication's slot is not this one's */
	run_rep(plain, 0, s0, m0);
	sim_warm_cache_free(c);
	c = sim_warm_cache_new(sc->runs);
	ck_assert_int_eq(sim_engine_set_warm_cache(first, c, &err), 0);
	run_rep(first, 1, s1, m1);
	ck_assert_int_eq(sim_engine_set_warm_cache(first, NULL, &err), 0);
	for (int i = 0; i < 3; i++)
		sim_engine_free(all[i]);
	sim_warm_cache_free(c);
	free(s0);
	free(s1);
	sim_scenario_free(sc);
}

START_TEST(engine_request_same_with_cache)
{
	same_with_cache(SIM_ENGINE_REQUEST);
}
END_TEST

START_TEST(engine_aggregate_same_with_cache)
{
	same_with_cache(SIM_ENGINE_AGGREGATE);
}
END_TEST

/* Variants whose warm-up fits differ must not share: a sweep over the
 * l2 strength gives each variant its own warm-up, and each variant's
 * replications equal a run of that variant alone. */
static const char noisy[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"noisy\">"
	"<horizon steps=\"20\" requests=\"500\"/><data features=\"3\"/>"
	"<labels delay=\"1\" coverage=\"0.5\"/>"
	"<model l2=\"1\" window=\"5\" max-rows=\"500\" warmup=\"300\"/>"
	"<retraining><periodic every=\"5\"/></retraining>"
	"<runs count=\"4\" seed=\"3\"/>"
	"<variants><sweep param=\"model.l2\" values=\"1 30\"/></variants>"
	"</scenario>";
static const char noisy_alone[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"noisy\">"
	"<horizon steps=\"20\" requests=\"500\"/><data features=\"3\"/>"
	"<labels delay=\"1\" coverage=\"0.5\"/>"
	"<model l2=\"30\" window=\"5\" max-rows=\"500\" warmup=\"300\"/>"
	"<retraining><periodic every=\"5\"/></retraining>"
	"<runs count=\"4\" seed=\"3\"/></scenario>";

START_TEST(variants_differing_at_start_do_not_share)
{
	sim_scenario *both = test_load_scenario(noisy);
	sim_scenario *alone = test_load_scenario(noisy_alone);
	sim_result *rb = test_run(both), *ra = test_run(alone);
	ck_assert_int_eq(sim_result_nvariants(rb), 2);
	for (long rep = 0; rep < 4; rep++)
		for (int m = 0; m < SIM_METRIC_N; m++) {
			double b = sim_result_metric_value(rb, 1, rep, m);
			double a = sim_result_metric_value(ra, 0, rep, m);
			ck_assert(memcmp(&a, &b, sizeof a) == 0);
		}
	sim_result_free(rb);
	sim_result_free(ra);
	sim_scenario_free(both);
	sim_scenario_free(alone);
}
END_TEST

Suite *test_warm_cache_suite(void)
{
	Suite *s = suite_create("warm_cache");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, cache_rules);
	tcase_add_test(tc, logreg_state_round_trip);
	tcase_add_test(tc, engine_request_same_with_cache);
	tcase_add_test(tc, engine_aggregate_same_with_cache);
	tcase_add_test(tc, variants_differing_at_start_do_not_share);
	suite_add_tcase(s, tc);
	return s;
}
