/* tests/sim/test_summary.c: sim/summary.c on values worked out by hand.
 *
 * Student t quantiles t_{0.975, df} from printed tables (checked with
 * scipy.stats.t.ppf): df 1: 12.706204736, df 2: 4.302652730,
 * df 3: 3.182446305, df 7: 2.364624251. Quantiles are type 7: position
 * h = q (n - 1) in the sorted values, linear between the neighbours. */
#include <check.h>
#include <math.h>

#include "sim/summary.h"

#define T1 12.706204736432095
#define T3 3.182446305284263

struct want {
	double x[8];
	size_t n;
	size_t used;
	double mean, sd, half, p5, p50, p95;
};

static const struct want cases[] = {
	/* sum of squared deviations from 5: 9+1+1+1+0+0+4+16 = 32;
	 * sd = sqrt(32/7); p5: h = 0.35 -> 2 + 0.35*2 = 2.7; p50: h = 3.5 ->
	 * 4.5; p95: h = 6.65 -> 7 + 0.65*2 = 8.3; half-width
	 * T7 sqrt(32/7) / sqrt(8) = 2.364624251 * 0.755928946 */
	{ { 9, 4, 2, 5, 4, 7, 4, 5 }, 8, 8, 5, 2.138089935299395,
	  1.7874879177958927, 2.7, 4.5, 8.3 },
	/* NaN skipped: {1, 3}: sd sqrt(2), half-width T1 sqrt(2)/sqrt(2) */
	{ { 1, NAN, 3 }, 3, 2, 2, 1.4142135623730951, T1, 1.1, 2, 2.9 },
	/* a large offset does not swamp the spread: {1, 2, 3} + 1e9; sd 1,
	 * half-width t_{0.975,2} / sqrt(3) = 4.302652730 / 1.732050808 */
	{ { 1e9 + 1, 1e9 + 2, 1e9 + 3 }, 3, 3, 1e9 + 2, 1, 2.484137711750331,
	  1e9 + 1.1,
	  1e9 + 2, 1e9 + 2.9 },
};

START_TEST(test_compute)
{
	const struct want *w = &cases[_i];
	sim_summary s;
	ck_assert_int_eq(sim_summary_compute(w->x, w->n, &s), 0);
	ck_assert_uint_eq(s.n, w->used);
	ck_assert_double_eq_tol(s.mean, w->mean, 1e-12 * fabs(w->mean));
	ck_assert_double_eq_tol(s.sd, w->sd, 1e-12);
	ck_assert_double_eq_tol(s.ci_lo, w->mean - w->half, 1e-8);
	ck_assert_double_eq_tol(s.ci_hi, w->mean + w->half, 1e-8);
	ck_assert_double_eq_tol(s.p5, w->p5, 1e-9);
	ck_assert_double_eq_tol(s.p50, w->p50, 1e-9);
	ck_assert_double_eq_tol(s.p95, w->p95, 1e-9);
}
END_TEST

START_TEST(test_degenerate)
{
	const double one[] = { 3 }, none[] = { NAN, NAN };
	sim_summary s;
	ck_assert_int_eq(sim_summary_compute(one, 1, &s), 0);
	ck_assert_uint_eq(s.n, 1);
	ck_assert_double_eq(s.mean, 3);
	ck_assert_double_eq(s.p5, 3);
	ck_assert_double_eq(s.p95, 3);
	ck_assert(isnan(s.sd) && isnan(s.ci_lo) && isnan(s.ci_hi));
	ck_assert_int_eq(sim_summary_compute(none, 2, &s), 0);
	ck_assert_uint_eq(s.n, 0);
	ck_assert(isnan(s.mean) && isnan(s.sd) && isnan(s.p50));
	ck_assert_int_eq(sim_summary_compute(none, 0, &s), 0);
	ck_assert_uint_eq(s.n, 0);
}
END_TEST

/* Four replications of three steps:
 *   step 0: 1, 3, 5, 7   mean 4, sd sqrt(20/3), half T3 sd / 2
 *   step 1: 2, 2, 2, 2   mean 2, sd 0, CI [2, 2]
 *   step 2: -, 5, -, 7   mean 6, sd sqrt(2), half T1 */
START_TEST(test_series)
{
	const double rep[4][3] = {
		{ 1, 2, NAN }, { 3, 2, 5 }, { 5, 2, NAN }, { 7, 2, 7 }
	};
	common_error err = { 0 };
	sim_series *s = sim_series_new(3);
	sim_summary m;
	ck_assert_ptr_nonnull(s);
	for (int r = 0; r < 4; r++)
		sim_series_add(s, rep[r]);
	ck_assert_uint_eq(sim_series_runs(s), 4);
	ck_assert_uint_eq(sim_series_steps(s), 3);

	ck_assert_int_eq(sim_series_get(s, 0, &m, &err), 0);
	ck_assert_uint_eq(m.n, 4);
	ck_assert_double_eq_tol(m.mean, 4, 1e-15);
	ck_assert_double_eq_tol(m.sd, sqrt(20.0 / 3), 1e-14);
	ck_assert_double_eq_tol(m.ci_hi - m.mean, T3 * sqrt(20.0 / 3) / 2,
				1e-8); /* 4.1085205135 */
	ck_assert(isnan(m.p50));

	ck_assert_int_eq(sim_series_get(s, 1, &m, &err), 0);
	ck_assert_double_eq(m.mean, 2);
	ck_assert_double_eq(m.sd, 0);
	ck_assert_double_eq(m.ci_lo, 2);
	ck_assert_double_eq(m.ci_hi, 2);

	ck_assert_int_eq(sim_series_get(s, 2, &m, &err), 0);
	ck_assert_uint_eq(m.n, 2);
	ck_assert_double_eq_tol(m.mean, 6, 1e-15);
	ck_assert_double_eq_tol(m.ci_lo, 6 - T1, 1e-8);
	ck_assert_double_eq_tol(m.ci_hi, 6 + T1, 1e-8);

	ck_assert_int_eq(sim_series_get(s, 3, &m, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "step 3 out of range (want < 3)");
	sim_series_free(s);
	sim_series_free(NULL);
	ck_assert_ptr_null(sim_series_new(0));
}
END_TEST

/* Welford keeps its accuracy over many replications with a large offset:
 * 1000 values 1e8 + (i mod 10): mean 1e8 + 4.5; the digits 0..9 have
 * population variance 8.25, so the sample variance is 8.25 * 1000 / 999. */
START_TEST(test_series_stable)
{
	sim_series *s = sim_series_new(1);
	sim_summary m;
	for (int i = 0; i < 1000; i++) {
		double v = 1e8 + i % 10;
		sim_series_add(s, &v);
	}
	ck_assert_int_eq(sim_series_get(s, 0, &m, NULL), 0);
	ck_assert_double_eq_tol(m.mean, 1e8 + 4.5, 1e-7);
	ck_assert_double_eq_tol(m.sd * m.sd, 8.25 * 1000 / 999, 1e-6);
	sim_series_free(s);
}
END_TEST

Suite *test_summary_suite(void)
{
	Suite *s = suite_create("summary");
	TCase *tc = tcase_create("summary");
	tcase_add_loop_test(tc, test_compute, 0,
			    (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, test_degenerate);
	tcase_add_test(tc, test_series);
	tcase_add_test(tc, test_series_stable);
	suite_add_tcase(s, tc);
	return s;
}
