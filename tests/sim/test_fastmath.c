/* tests/sim/test_fastmath.c: the vectorisable exp/softplus against libm.
 * libm (glibc, correctly rounded to < 1 ulp) is the reference; the bounds
 * are a few ulps, as the derivation in sim/fastmath.h promises. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "sim/fastmath.h"

START_TEST(exp_matches_libm)
{
	double worst = 0;
	for (double x = -700; x <= 700; x += 0.0137) {
		double r = fabs(sim_fast_exp(x) - exp(x)) / exp(x);
		worst = r > worst ? r : worst;
	}
	ck_assert_msg(worst < 1e-15, "worst relative error %g", worst);
	ck_assert_double_eq(sim_fast_exp(0), 1.0);
}
END_TEST

START_TEST(softplus_matches_libm)
{
	double worst = 0;
	for (double v = -700; v <= 700; v += 0.00731) {
		double ref = v > 0 ? v + log1p(exp(-v)) : log1p(exp(v));
		double r = fabs(sim_fast_softplus(v) - ref) / ref;
		worst = r > worst ? r : worst;
	}
	ck_assert_msg(worst < 1e-14, "worst relative error %g", worst);
	/* log 2 at 0, by hand */
	ck_assert_double_eq_tol(sim_fast_softplus(0), log(2.0), 3e-16); /* 2 ulps */
	ck_assert_double_eq_tol(sim_fast_logistic(0), 0.5, 1e-16);
	ck_assert_double_eq(sim_fast_clamp(1e300), 700.0);
	ck_assert_double_eq(sim_fast_clamp(-1e300), -700.0);
}
END_TEST

START_TEST(two_lanes_equal_scalar_bits)
{
	/* the engine sums the log loss two requests at a time: each lane
	 * must give exactly the scalar function's bits */
	long bad = 0;
	for (double v = -700; v <= 700; v += 0.0137) {
		sim_v2d x = {v, -0.5 * v};
		sim_v2d r = sim_fast_softplus2(x);
		double a = sim_fast_softplus(v), b = sim_fast_softplus(-0.5 * v);
		double r0 = r[0], r1 = r[1];
		bad += memcmp(&r0, &a, sizeof a) != 0;
		bad += memcmp(&r1, &b, sizeof b) != 0;
	}
	ck_assert_int_eq(bad, 0);
}
END_TEST

Suite *test_fastmath_suite(void)
{
	Suite *s = suite_create("fastmath");
	TCase *tc = tcase_create("accuracy");
	tcase_add_test(tc, exp_matches_libm);
	tcase_add_test(tc, softplus_matches_libm);
	tcase_add_test(tc, two_lanes_equal_scalar_bits);
	suite_add_tcase(s, tc);
	return s;
}
