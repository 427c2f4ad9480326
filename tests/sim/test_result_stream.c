/* tests/sim/test_result_stream.c: the per-step series summaries are
 * streamed (folded in as replications finish): they equal the summaries
 * computed afterwards from every replication's series, they do not depend
 * on the number of threads or on whether series are kept, and what a run
 * keeps stays small whatever the number of replications. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "common/json.h"
#include "sim/result_internal.h"
#include "sim/sim.h"
#include "sim/summary.h"
#include "tests/sim/helpers.h"

/* 3 variants x 50 replications = 150 jobs: more than one block of jobs
 * with 1 and 2 threads (64 jobs per thread), with block boundaries that
 * differ between the two. Small steps and requests keep it fast. */
static const char swept[] =
	"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"stream\">"
	"<horizon steps=\"24\" requests=\"60\"/><data features=\"3\"/>"
	"<drifts><drift pattern=\"sudden\" start=\"12\">"
	"<concept rotate=\"90\" plane=\"1 2\"/></drift></drifts>"
	"<labels delay=\"1\" coverage=\"0.5\"/>"
	"<model window=\"6\" warmup=\"100\"/>"
	"<costs value-correct=\"1\" cost-error=\"1\"/>"
	"<runs count=\"50\" seed=\"7\"/>"
	"<variants><sweep param=\"retrain.every\" values=\"0 3 8\"/></variants>"
	"</scenario>";

static sim_result *run(const sim_scenario *sc, int threads, int keep)
{
	common_error err;
	common_error_clear(&err);
	sim_result *r = NULL;
	sim_options o = {.threads = threads, .keep_series = keep};
	int st = sim_run(sc, &o, &r, &err);
	ck_assert_msg(st == 0, "run: %s", err.msg);
	return r;
}

static char *json_text(const sim_result *r)
{
	json_t *j = sim_result_json(r);
	ck_assert_ptr_nonnull(j);
	char *s = json_dumps(j, COMMON_JSON_FLAGS);
	json_decref(j);
	ck_assert_ptr_nonnull(s);
	return s;
}

/* x and y agree to 1e-12 of scale (both NaN counts as agreeing). */
static void near(double x, double y, double scale, const char *what,
		 int v, long t, int s)
{
	ck_assert_msg((isnan(x) && isnan(y)) ||
			      fabs(x - y) <= 1e-12 * scale,
		      "%s of variant %d step %ld series %s: %.17g vs %.17g",
		      what, v, t, sim_series_name(s), x, y);
}

/* Expected values from the kept series by the textbook two-pass formulas
 * in plain double (sum / n; sum of squared deviations / (n - 1); mean -+
 * t_{0.975, n-1} sd / sqrt(n)): independent of the streaming code. The
 * tolerance is 1e-12 of the largest |value| at that step, the scale of
 * the rounding of either computation. The mean, moreover, must be the
 * very number sim_summary_compute gives (sim/sim.h promises it). */
START_TEST(streamed_equals_kept)
{
	sim_scenario *sc = test_load_scenario(swept);
	sim_result *r = run(sc, 2, 1);
	long runs = sim_result_runs(r);
	double *x = malloc((size_t)runs * sizeof *x);
	ck_assert_ptr_nonnull(x);
	for (int v = 0; v < sim_result_nvariants(r); v++)
		for (long t = 0; t < sc->steps; t++)
			for (int s = 0; s < SIM_SERIES_N; s++) {
				long n = 0;
				double sum = 0, scale = 0;
				for (long rep = 0; rep < runs; rep++) {
					double d = sim_result_series_v(r, v, rep,
								       t, s);
					if (isnan(d))
						continue;
					x[n++] = d;
					sum += d;
					scale = fmax(scale, fabs(d));
				}
				double mean = n ? sum / (double)n : NAN;
				double ss = 0;
				for (long i = 0; i < n; i++)
					ss += (x[i] - mean) * (x[i] - mean);
				double sd = n > 1 ? sqrt(ss / (double)(n - 1))
						  : NAN;
				double half = n > 1 ? gsl_cdf_tdist_Pinv(
							      0.975,
							      (double)(n - 1)) *
							      sd / sqrt((double)n)
						    : NAN;
				sim_stat st;
				sim_result_series_stat(r, v, t, s, &st);
				ck_assert_double_eq(st.n, (double)n);
				near(st.mean, mean, scale, "mean", v, t, s);
				near(st.sd, sd, scale, "sd", v, t, s);
				near(st.ci_lo, mean - half, scale, "ci_lo", v,
				     t, s);
				near(st.ci_hi, mean + half, scale, "ci_hi", v,
				     t, s);
				ck_assert(isnan(st.p5) && isnan(st.p50) &&
					  isnan(st.p95));
				sim_summary sm;
				ck_assert_int_eq(sim_summary_compute(x, (size_t)n,
								     &sm), 0);
				ck_assert_msg((n == 0 && isnan(st.mean)) ||
						      memcmp(&st.mean, &sm.mean,
							     sizeof sm.mean) == 0,
					      "mean %.17g vs %.17g", st.mean,
					      sm.mean);
			}
	free(x);
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

/* Same seed: the same bytes of JSON with 1 and 2 threads, and whether or
 * not every replication's series are kept. */
START_TEST(json_identical_across_threads_and_keeping)
{
	sim_scenario *sc = test_load_scenario(swept);
	sim_result *r1 = run(sc, 1, 0), *r2 = run(sc, 2, 0),
		   *rk = run(sc, 2, 1);
	ck_assert(!sim_result_keeps_series(r1) && sim_result_keeps_series(rk));
	char *s1 = json_text(r1), *s2 = json_text(r2), *sk = json_text(rk);
	ck_assert_str_eq(s1, s2);
	ck_assert_str_eq(s1, sk);
	/* the engine kind is recorded: the default (auto) resolves to the
	 * aggregate engine here, as no lifecycle bins the score */
	ck_assert_int_eq(sim_engine_auto_kind(sc), SIM_ENGINE_AGGREGATE);
	ck_assert_int_eq(sim_result_engine(r1), SIM_ENGINE_AGGREGATE);
	ck_assert_ptr_nonnull(strstr(s1, "\"engine\": \"aggregate\""));
	/* series not kept read as NaN */
	ck_assert(isnan(sim_result_series_v(r1, 1, 3, 5, SIM_S_ACCURACY)));
	ck_assert(!isnan(sim_result_series_v(rk, 1, 3, 5, SIM_S_ACCURACY)));
	free(s1);
	free(s2);
	free(sk);
	sim_result_free(r1);
	sim_result_free(r2);
	sim_result_free(rk);
	sim_scenario_free(sc);
}
END_TEST

/* The fold by hand: 4 replications of a 2-step scenario, the accuracy
 * series 1, NaN, 3, 5 at step 0 (n 3, mean 3, sd 2) and NaN everywhere
 * at step 1 (n 0: every field NaN); another series constant 7 at step 1
 * (sd 0, so the CI is [7, 7]). */
/* Priced: a variant books money when a cost or value metric is defined
 * and not 0 in some replication (set by hand here). */
START_TEST(priced_by_hand)
{
	sim_scenario *sc = test_load_scenario(swept);
	common_error err;
	common_error_clear(&err);
	sim_result *r = sim_result_alloc(sc, 2, 1, 0, SIM_ENGINE_REQUEST, &err);
	ck_assert_ptr_nonnull(r);
	for (int v = 0; v < 3; v++)
		for (long rep = 0; rep < 2; rep++) {
			double *m = sim_result_metrics_of(r, v, rep);
			for (int i = 0; i < SIM_METRIC_N; i++)
				m[i] = v == 2 ? NAN : 0;
		}
	ck_assert_int_eq(sim_result_priced(r, -1), 0);
	sim_result_metrics_of(r, 1, 1)[SIM_M_COST_PEOPLE] = 5;
	ck_assert_int_eq(sim_result_priced(r, 0), 0);
	ck_assert_int_eq(sim_result_priced(r, 1), 1);
	ck_assert_int_eq(sim_result_priced(r, 2), 0);
	ck_assert_int_eq(sim_result_priced(r, -1), 1);
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

START_TEST(fold_by_hand)
{
	sim_scenario *sc = test_load_scenario(
		"<scenario xmlns=\"urn:mlopskit:scenario:1\" name=\"h\">"
		"<horizon steps=\"2\" requests=\"10\"/></scenario>");
	common_error err;
	common_error_clear(&err);
	sim_result *r = sim_result_alloc(sc, 4, 1, 0, SIM_ENGINE_REQUEST, &err);
	ck_assert_ptr_nonnull(r);
	const double acc0[] = {1, NAN, 3, 5};
	for (long rep = 0; rep < 4; rep++) {
		double series[2 * SIM_SERIES_N];
		for (int i = 0; i < 2 * SIM_SERIES_N; i++)
			series[i] = NAN;
		series[SIM_S_ACCURACY] = acc0[rep];
		series[SIM_SERIES_N + SIM_S_PREVALENCE] = 7;
		sim_result_fold(r, 0, rep, series);
	}
	sim_stat st;
	sim_result_series_stat(r, 0, 0, SIM_S_ACCURACY, &st);
	ck_assert_double_eq(st.n, 3);
	ck_assert_double_eq_tol(st.mean, 3, 1e-15);
	ck_assert_double_eq_tol(st.sd, 2, 1e-15);
	/* with 2 degrees of freedom the t quantile has a closed form:
	 * t_p = (2p - 1) sqrt(2 / (4p(1 - p))), 4.3026527297494... at 0.975 */
	double t2 = 0.95 * sqrt(2 / (4 * 0.975 * 0.025));
	ck_assert_double_eq_tol(st.ci_lo, 3 - t2 * 2 / sqrt(3), 1e-12);
	ck_assert_double_eq_tol(st.ci_hi, 3 + t2 * 2 / sqrt(3), 1e-12);
	sim_result_series_stat(r, 0, 1, SIM_S_ACCURACY, &st);
	ck_assert_double_eq(st.n, 0);
	ck_assert(isnan(st.mean) && isnan(st.sd) && isnan(st.ci_lo));
	sim_result_series_stat(r, 0, 1, SIM_S_PREVALENCE, &st);
	ck_assert_double_eq(st.n, 4);
	ck_assert_double_eq(st.mean, 7);
	ck_assert_double_eq(st.sd, 0);
	ck_assert_double_eq(st.ci_lo, 7);
	ck_assert_double_eq(st.ci_hi, 7);
	ck_assert(isnan(sim_result_series_v(r, 0, 0, 0, SIM_S_ACCURACY)));
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

/* Issue 7's sweep, 60 variants x 100 replications x 365 steps: without
 * kept series the result is a few MiB (metrics 60 x 100 x SIM_METRIC_N
 * doubles, summaries 60 x 365 x SIM_SERIES_N), and it does not grow with
 * the series when the replications grow; keeping every series is what
 * used to cost runs x steps x SIM_SERIES_N doubles per variant. */
START_TEST(kept_bytes_bounded)
{
	char xml[4096];
	int len = snprintf(xml, sizeof xml,
			   "<scenario xmlns=\"urn:mlopskit:scenario:1\" "
			   "name=\"big\"><horizon steps=\"365\"/>"
			   "<runs count=\"100\"/><variants>"
			   "<sweep param=\"retrain.every\" values=\"");
	for (int i = 1; i <= 60; i++)
		len += snprintf(xml + len, sizeof xml - (size_t)len, "%s%d",
				i > 1 ? " " : "", i);
	snprintf(xml + len, sizeof xml - (size_t)len,
		 "\"/></variants></scenario>");
	sim_scenario *sc = test_load_scenario(xml);
	ck_assert_int_eq(sc->nvariants, 60);
	double lean = sim_result_bytes(sc, 100, 0);
	double lean_more = sim_result_bytes(sc, 100000, 0);
	double kept = sim_result_bytes(sc, 100, 1);
	ck_assert_msg(lean < 32.0 * 1048576.0, "%.0f bytes", lean);
	/* 1000 times the replications: only the metrics (and scratch) grow */
	ck_assert_double_eq_tol(lean_more - lean,
				99900.0 * (60.0 * SIM_METRIC_N + 1) * 8.0,
				1.0);
	ck_assert_double_eq_tol(kept - lean,
				60.0 * 100 * 365 * SIM_SERIES_N * 8.0, 1.0);
	sim_scenario_free(sc);
}
END_TEST

static long calls, last_done, last_total;

static void progress(void *ctx, long done, long total)
{
	(void)ctx;
	calls++;
	ck_assert_int_eq(done, last_done + 1); /* serialised, counting up */
	last_done = done;
	last_total = total;
}

/* The progress callback still sees every job once, across blocks. */
START_TEST(progress_every_job)
{
	sim_scenario *sc = test_load_scenario(swept);
	common_error err;
	common_error_clear(&err);
	sim_result *r = NULL;
	sim_options o = {.threads = 2, .progress = progress};
	calls = last_done = last_total = 0;
	ck_assert_int_eq(sim_run(sc, &o, &r, &err), 0);
	ck_assert_int_eq(calls, 150);
	ck_assert_int_eq(last_done, 150);
	ck_assert_int_eq(last_total, 150);
	sim_result_free(r);
	sim_scenario_free(sc);
}
END_TEST

/* An unknown engine kind fails every job (sim_engine_set_kind's
 * COMMON_EINPUT, sim/engine.h): the run reports it and returns nothing. */
START_TEST(unknown_engine_fails)
{
	sim_scenario *sc = test_load_scenario(swept);
	common_error err;
	common_error_clear(&err);
	sim_result *r = NULL;
	sim_options o = {.threads = 2, .engine = (sim_engine_kind)99};
	ck_assert_int_eq(sim_run(sc, &o, &r, &err), COMMON_EINPUT);
	ck_assert_int_eq(err.status, COMMON_EINPUT);
	ck_assert_ptr_null(r);
	sim_scenario_free(sc);
}
END_TEST

Suite *test_result_stream_suite(void)
{
	Suite *s = suite_create("result_stream");
	TCase *tc = tcase_create("result_stream");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, streamed_equals_kept);
	tcase_add_test(tc, json_identical_across_threads_and_keeping);
	tcase_add_test(tc, fold_by_hand);
	tcase_add_test(tc, priced_by_hand);
	tcase_add_test(tc, kept_bytes_bounded);
	tcase_add_test(tc, progress_every_job);
	tcase_add_test(tc, unknown_engine_fails);
	suite_add_tcase(s, tc);
	return s;
}
