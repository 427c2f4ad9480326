/* tests/assess/test_alpha.c: Krippendorff's alpha against the worked
 * examples of K. Krippendorff, "Computing Krippendorff's Alpha-Reliability"
 * (2011): example A (binary, 2 coders, 10 units: 0.095) and example C
 * (4 coders, 12 units with missing values: nominal 0.743, ordinal 0.815,
 * interval 0.849, ratio 0.797). Full-precision expectations come from the
 * independent pairwise computation in tests/data/assess/alpha_reference.py
 * and agree with the paper's three decimals. */
#include <check.h>
#include <math.h>

#include "tests/assess/helpers.h"

#define X NAN

/* units x coders (the paper prints coders x units) */
static const double example_a[10 * 2] = {
	0, 1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0,
};

static const double example_c[12 * 4] = {
	1, 1, X, 1, /* unit 1 */
	2, 2, 3, 2, /* unit 2 */
	3, 3, 3, 3, 3, 3, 3, 3, 2, 2, 2, 2, 1, 2, 3, 4, 4, 4, 4, 4,
	1, 1, 2, 1, 2, 2, 2, 2, X, 5, 5, 5, X, X, 1, 1, X, 3, X, X,
};

struct row {
	const double *data;
	size_t units;
	enum assess_metric metric;
	double want, published;
};

static const struct row rows[] = {
	{example_a, 10, ASSESS_METRIC_NOMINAL, 0.095238095238095122, 0.095},
	{example_c, 12, ASSESS_METRIC_NOMINAL, 0.74342105263157909, 0.743},
	{example_c, 12, ASSESS_METRIC_ORDINAL, 0.81538750375488145, 0.815},
	{example_c, 12, ASSESS_METRIC_INTERVAL, 0.84910714285714284, 0.849},
	{example_c, 12, ASSESS_METRIC_RATIO, 0.79740277471161281, 0.797},
};

START_TEST(test_worked_examples)
{
	const struct row *w = &rows[_i];
	size_t coders = w->data == example_a ? 2 : 4;
	double a = NAN;
	ck_assert_int_eq(assess_alpha(w->data, w->units, coders, w->metric, &a),
			 0);
	ck_assert_double_eq_tol(a, w->want, 1e-12);
	ck_assert_double_eq_tol(a, w->published, 5e-4);
}
END_TEST

/* Perfect agreement with variation: 1. No variation at all: undefined. */
START_TEST(test_edges)
{
	static const double same[3 * 2] = {1, 1, 2, 2, 3, 3};
	static const double flat[3 * 2] = {1, 1, 1, 1, 1, 1};
	static const double lonely[2 * 2] = {1, X, X, 2};
	double a;
	ck_assert_int_eq(assess_alpha(same, 3, 2, ASSESS_METRIC_INTERVAL, &a), 0);
	ck_assert_double_eq_tol(a, 1, 1e-15);
	ck_assert_int_eq(assess_alpha(flat, 3, 2, ASSESS_METRIC_NOMINAL, &a),
			 COMMON_EINPUT);
	ck_assert(isnan(a));
	ck_assert_int_eq(assess_alpha(lonely, 2, 2, ASSESS_METRIC_NOMINAL, &a),
			 COMMON_EINPUT);
}
END_TEST

Suite *test_alpha_suite(void)
{
	Suite *s = suite_create("assess_alpha");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_worked_examples, 0,
			    sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_edges);
	suite_add_tcase(s, tc);
	return s;
}
