/* tests/sim/test_engine.c: the feedback loop, determinism across threads,
 * and the behaviour issue 2 asks to see (drift hurts, retraining heals). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "sim/engine.h"
#include "sim/sim.h"
#include "tests/sim/helpers.h"
#include "sim/train_store.h"

START_TEST(train_range_by_hand)
{
	long lo, hi;
	/* fit at the start of step 10, delay 3, window 5: labels of steps
	 * s <= 10 - 3 - 1 = 6 have arrived; the 5 latest are 2..6 */
	sim_train_range(10, 3, 5, &lo, &hi);
	ck_assert_int_eq(lo, 2);
	ck_assert_int_eq(hi, 6);
	/* delay 0: the previous step's labels are there */
	sim_train_range(1, 0, 4, &lo, &hi);
	ck_assert_int_eq(lo, 0);
	ck_assert_int_eq(hi, 0);
	/* nothing has arrived yet */
	sim_train_range(2, 3, 5, &lo, &hi);
	ck_assert(lo > hi);
}
END_TEST

START_TEST(store_keeps_first_cap_rows)
{
	common_error err;
	sim_train_store *st;
	ck_assert_int_eq(sim_train_store_new(1, 3, 2, &st, &err), 0);
	double x[3] = {1, 2, 3};
	unsigned char y[3] = {1, 0, 1};
	sim_train_store_add(st, 0, x, y, 1);     /* step 0: row 1 */
	sim_train_store_add(st, 0, x + 1, y + 1, 2); /* then 2; 3 is over cap */
	double x1[1] = {10};
	unsigned char y1[1] = {0};
	sim_train_store_add(st, 1, x1, y1, 1);
	double gx[8];
	unsigned char gy[8];
	size_t n = sim_train_store_gather(st, 0, 1, gx, gy, 8);
	ck_assert_uint_eq(n, 3);
	ck_assert_double_eq(gx[0], 1);
	ck_assert_double_eq(gx[1], 2);
	ck_assert_double_eq(gx[2], 10);
	ck_assert_int_eq(gy[1], 0);
	/* step 3 takes step 0's slot (ring of 3): step 0 is gone */
	sim_train_store_add(st, 3, x1, y1, 1);
	n = sim_train_store_gather(st, 0, 3, gx, gy, 8);
	ck_assert_uint_eq(n, 2); /* steps 1 and 3 */
	sim_train_store_free(st);
	sim_train_store_free(NULL);
}
END_TEST

/* Label delay 5, window 3, retraining every 4 steps. */
static const char delayed[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"delay\">"
	"<horizon steps=\"30\" requests=\"50\"/><data features=\"3\"/>"
	"<labels delay=\"5\" coverage=\"0.5\"/>"
	"<model window=\"3\" max-rows=\"60\" warmup=\"100\"/>"
	"<retraining><periodic every=\"4\"/></retraining>"
	"<runs count=\"1\" seed=\"7\"/></scenario>";

struct fits {
	int n;
	long t[32], lo[32], hi[32];
	size_t rows[32];
};

static void record(void *ctx, long t, long lo, long hi, size_t n)
{
	struct fits *f = ctx;
	ck_assert_int_lt(f->n, 32);
	f->t[f->n] = t;
	f->lo[f->n] = lo;
	f->hi[f->n] = hi;
	f->rows[f->n] = n;
	f->n++;
}

START_TEST(no_training_on_future_labels)
{
	sim_scenario *sc = test_load_scenario(delayed);
	common_error err;
	sim_engine *e;
	ck_assert_int_eq(sim_engine_new(sc, &e, &err), 0);
	struct fits f = {0};
	sim_engine_set_fit_hook(e, record, &f);
	double *series = malloc((size_t)sc->steps * SIM_SERIES_N * sizeof *series);
	double metrics[SIM_METRIC_N];
	ck_assert_int_eq(sim_engine_run(e, 7, 0, series, metrics, &err), 0);
	/* warm-up, then fits at t = 8, 12, ..., 28 (t = 4 has no labels yet:
	 * the first labels, of step 0, arrive at step 5) */
	ck_assert_int_eq(f.n, 7);
	ck_assert_int_eq(f.t[0], 0);
	for (int i = 1; i < f.n; i++) {
		long t = f.t[i];
		ck_assert_int_eq(t, 4 + 4 * i);
		ck_assert_int_le(f.hi[i], t - 5 - 1); /* arrived by step t */
		ck_assert_int_eq(f.hi[i], t - 6);
		ck_assert_int_eq(f.lo[i], t - 8 > 0 ? t - 8 : 0);
		/* at most max-rows / window = 20 rows per step */
		ck_assert_uint_le(f.rows[i], (size_t)(f.hi[i] - f.lo[i] + 1) * 20);
		ck_assert_uint_gt(f.rows[i], 0);
	}
	ck_assert_double_eq(metrics[SIM_M_RETRAINS], 6);
	ck_assert_double_eq(series[4 * SIM_SERIES_N + SIM_S_RETRAIN], 0);
	ck_assert_double_eq(series[8 * SIM_SERIES_N + SIM_S_RETRAIN], 1);
	free(series);
	sim_engine_free(e);
	sim_scenario_free(sc);
}
END_TEST

static const char drifting[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"threads\">"
	"<horizon steps=\"40\" requests=\"300\"/><data features=\"4\"/>"
	"<drifts><drift pattern=\"sudden\" start=\"20\">"
	"<concept rotate=\"90\" plane=\"1 2\"/></drift></drifts>"
	"<labels delay=\"2\" coverage=\"0.5\"/>"
	"<model window=\"10\" max-rows=\"2000\" warmup=\"500\"/>"
	"<retraining><periodic every=\"5\"/></retraining>"
	"<runs count=\"6\" seed=\"99\"/></scenario>";

START_TEST(identical_across_threads)
{
	sim_scenario *sc = test_load_scenario(drifting);
	common_error err;
	sim_result *r1, *r2;
	sim_options o1 = {.threads = 1, .keep_series = 1},
		    o2 = {.threads = 2, .keep_series = 1};
	ck_assert_int_eq(sim_run(sc, &o1, &r1, &err), 0);
	ck_assert_int_eq(sim_run(sc, &o2, &r2, &err), 0);
	for (long rep = 0; rep < 6; rep++)
		for (long t = 0; t < sc->steps; t++)
			for (int s = 0; s < SIM_SERIES_N; s++) {
				double a = sim_result_series(r1, rep, t, s);
				double b = sim_result_series(r2, rep, t, s);
				ck_assert(memcmp(&a, &b, sizeof a) == 0);
			}
	json_t *j1 = sim_result_json(r1), *j2 = sim_result_json(r2);
	char *s1 = json_dumps(j1, COMMON_JSON_FLAGS);
	char *s2 = json_dumps(j2, COMMON_JSON_FLAGS);
	ck_assert_str_eq(s1, s2);
	free(s1);
	free(s2);
	json_decref(j1);
	json_decref(j2);
	/* a different seed gives different numbers */
	sim_result *r3;
	sim_options o3 = {.threads = 2, .has_seed = 1, .seed = 100,
			  .keep_series = 1};
	ck_assert_int_eq(sim_run(sc, &o3, &r3, &err), 0);
	ck_assert(sim_result_series(r3, 0, 0, SIM_S_ACCURACY) !=
		  sim_result_series(r1, 0, 0, SIM_S_ACCURACY));
	sim_result_free(r1);
	sim_result_free(r2);
	sim_result_free(r3);
	sim_scenario_free(sc);
}
END_TEST

/* A replication depends on (scenario, seed, replication) only, never on
 * what the engine ran before: a thread's engine runs whichever
 * replications the schedule gives it, so any state left over from one
 * would make results depend on --threads (it did once: the aggregate
 * engine grouped training rows by a stale candidate's coefficients). For
 * every strategy and maturity level, with both engines, replication 1 on
 * an engine that has just run replication 0 equals replication 1 on a
 * fresh engine, bit for bit. */
START_TEST(replication_independent_of_engine_history)
{
	static const char *const deploy[] = {"basic", "shadow", "canary",
					     "blue-green", "ab"};
	for (int level = 1; level <= 3; level++)
		for (int k = 0; k < 5; k++)
			for (int kind = 1; kind <= 2; kind++) {
				char xml[1024];
				snprintf(xml, sizeof xml,
					 "<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"h\">"
					 "<horizon steps=\"50\" requests=\"500\"/><data features=\"3\"/>"
					 "<drifts><drift pattern=\"sudden\" start=\"20\">"
					 "<concept rotate=\"90\" plane=\"1 2\"/></drift></drifts>"
					 "<labels delay=\"1\" coverage=\"0.4\"/>"
					 "<model window=\"8\" max-rows=\"600\" warmup=\"300\"/>"
					 "<maturity level=\"%d\"/>"
					 "<retraining><periodic every=\"6\"/></retraining>"
					 "<deployment strategy=\"%s\"/>"
					 "<runs count=\"2\" seed=\"5\"/></scenario>",
					 level, deploy[k]);
				sim_scenario *sc = test_load_scenario(xml);
				common_error err;
				sim_engine *used, *fresh;
				ck_assert_int_eq(sim_engine_new(sc, &used, &err), 0);
				ck_assert_int_eq(sim_engine_new(sc, &fresh, &err), 0);
				ck_assert_int_eq(sim_engine_set_kind(used, (sim_engine_kind)kind, &err), 0);
				ck_assert_int_eq(sim_engine_set_kind(fresh, (sim_engine_kind)kind, &err), 0);
				size_t ns = (size_t)sc->steps * SIM_SERIES_N;
				double *s0 = malloc(ns * sizeof *s0), *s1 = malloc(ns * sizeof *s1);
				double m0[SIM_METRIC_N], m1[SIM_METRIC_N];
				ck_assert_int_eq(sim_engine_run(used, 5, 0, s0, m0, &err), 0);
				ck_assert_int_eq(sim_engine_run(used, 5, 1, s0, m0, &err), 0);
				ck_assert_int_eq(sim_engine_run(fresh, 5, 1, s1, m1, &err), 0);
				ck_assert_msg(!memcmp(s0, s1, ns * sizeof *s0) &&
						      !memcmp(m0, m1, sizeof m0),
					      "level %d, %s, %s engine: replication 1 "
					      "depends on replication 0",
					      level, deploy[k],
					      kind == 1 ? "request" : "aggregate");
				free(s0);
				free(s1);
				sim_engine_free(used);
				sim_engine_free(fresh);
				sim_scenario_free(sc);
			}
}
END_TEST

/* Mean over replications and steps [a, b) of the accuracy series. */
static double window_accuracy(const sim_result *r, long a, long b)
{
	double s = 0;
	for (long rep = 0; rep < sim_result_runs(r); rep++)
		for (long t = a; t < b; t++)
			s += sim_result_series(r, rep, t, SIM_S_ACCURACY);
	return s / (double)(sim_result_runs(r) * (b - a));
}

/* Sudden 90-degree concept rotation at step 60 of 120; with and without
 * weekly retraining. Seeds fixed; the margins below are many standard
 * errors wide (per-step accuracy sd ~ 0.01 at 2000 requests; averages over
 * 5 runs x 20 steps), so a failure is a behaviour change, not bad luck. */
#define SUDDEN_FMT \
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"sudden\">" \
	"<horizon steps=\"120\" requests=\"2000\"/><data features=\"10\"/>" \
	"<concept><beta generator=\"decay\" norm=\"3\"/></concept>" \
	"<drifts><drift pattern=\"sudden\" start=\"60\">" \
	"<concept rotate=\"90\" plane=\"1 2\"/></drift></drifts>" \
	"<labels delay=\"3\" coverage=\"0.3\"/>" \
	"<model window=\"14\" max-rows=\"10000\" warmup=\"2000\"/>" \
	"%s<runs count=\"5\" seed=\"2024\"/></scenario>"

START_TEST(drift_hurts_retraining_heals)
{
	char xml[2048];
	snprintf(xml, sizeof xml, SUDDEN_FMT, "");
	sim_scenario *none = test_load_scenario(xml);
	snprintf(xml, sizeof xml, SUDDEN_FMT,
		 "<retraining><periodic every=\"7\"/></retraining>");
	sim_scenario *weekly = test_load_scenario(xml);
	common_error err;
	sim_result *rn, *rw;
	sim_options o = {.keep_series = 1};
	ck_assert_int_eq(sim_run(none, &o, &rn, &err), 0);
	ck_assert_int_eq(sim_run(weekly, &o, &rw, &err), 0);
	double before = window_accuracy(rn, 40, 60);
	double after_none = window_accuracy(rn, 100, 120);
	double after_weekly = window_accuracy(rw, 100, 120);
	double before_weekly = window_accuracy(rw, 40, 60);
	/* without retraining accuracy drops by more than 10 points */
	ck_assert_msg(after_none < before - 0.10, "before %.3f after %.3f",
		      before, after_none);
	/* with retraining it comes back within 3 points of before */
	ck_assert_msg(after_weekly > before_weekly - 0.03,
		      "before %.3f after %.3f", before_weekly, after_weekly);
	ck_assert(after_weekly > after_none + 0.08);
	sim_result_free(rn);
	sim_result_free(rw);
	sim_scenario_free(none);
	sim_scenario_free(weekly);
}
END_TEST

/* Both engines through every combination the workshop sweep crosses
 * (3 maturity levels x 5 strategies x 4 drift patterns), small and with
 * incidents, defects and partial, delayed labels so that rollouts, shadow
 * mirrors, canary and A/B arms, monitors and detectors all run: every run
 * succeeds, every accuracy is a proportion, and per replication the
 * labelled count, which both engines draw from the same stream in the
 * same order, is identical (a check that the aggregate engine consumes
 * that stream exactly as the per-request engine does). */
static const char crossed[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"crossed\">"
	"<horizon steps=\"40\" requests=\"400\"/><data features=\"4\"/>"
	"<concept noise=\"0.05\"><beta generator=\"sparse\" informative=\"2\""
	" norm=\"3\"/></concept>"
	"<drifts><drift pattern=\"sudden\" start=\"15\">"
	"<concept rotate=\"120\" plane=\"1 2\"/></drift></drifts>"
	"<labels delay=\"2\" coverage=\"0.4\"/>"
	"<model window=\"8\" warmup=\"300\" max-rows=\"600\"/>"
	"<maturity level=\"1\"/>"
	"<operations p-defect=\"0.3\" p-incident=\"0.05\"/>"
	"<runs count=\"3\" seed=\"11\"/>"
	"<variants><sweep param=\"maturity\" values=\"1 2 3\"/>"
	"<sweep param=\"deployment\" values=\"basic shadow canary blue-green ab\"/>"
	"<sweep param=\"drift.pattern\" values=\"sudden gradual incremental recurring\"/>"
	"</variants></scenario>";

static sim_result *run_engine(const sim_scenario *sc, sim_engine_kind k)
{
	common_error err;
	common_error_clear(&err);
	sim_result *r = NULL;
	sim_options o = {.engine = k};
	int st = sim_run(sc, &o, &r, &err);
	ck_assert_msg(st == 0, "%s engine: %s", sim_engine_kind_name(k),
		      err.msg);
	ck_assert_int_eq(sim_result_engine(r), k);
	return r;
}

START_TEST(engines_cross_every_combination)
{
	sim_scenario *sc = test_load_scenario(crossed);
	ck_assert_int_eq(sc->nvariants, 60);
	sim_result *rq = run_engine(sc, SIM_ENGINE_REQUEST);
	sim_result *ag = run_engine(sc, SIM_ENGINE_AGGREGATE);
	for (int v = 0; v < 60; v++)
		for (long rep = 0; rep < 3; rep++) {
			double lq = sim_result_metric_value(rq, v, rep, SIM_M_LABELS);
			double la = sim_result_metric_value(ag, v, rep, SIM_M_LABELS);
			ck_assert_msg(lq == la, "%s rep %ld: labels %g vs %g",
				      sim_result_variant_name(rq, v), rep, lq, la);
			double acc = sim_result_metric_value(ag, v, rep,
							     SIM_M_ACCURACY_MEAN);
			ck_assert_msg(acc > 0 && acc < 1, "%s: accuracy %g",
				      sim_result_variant_name(ag, v), acc);
		}
	sim_result_free(rq);
	sim_result_free(ag);
	sim_scenario_free(sc);
}
END_TEST

Suite *test_engine_suite(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("engine");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, train_range_by_hand);
	tcase_add_test(tc, store_keeps_first_cap_rows);
	tcase_add_test(tc, no_training_on_future_labels);
	tcase_add_test(tc, identical_across_threads);
	tcase_add_test(tc, replication_independent_of_engine_history);
	tcase_add_test(tc, engines_cross_every_combination);
	tcase_add_test(tc, drift_hurts_retraining_heals);
	suite_add_tcase(s, tc);
	return s;
}
