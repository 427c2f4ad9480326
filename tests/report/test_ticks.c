/* tests/report/test_ticks.c: nice ticks (report_ticks) and number
 * formatting. Every expected tick set below was worked out by hand from
 * the rule in report/report_axis.c: the smallest step in the 1-2-5
 * sequence whose ticks floor(min/step)..ceil(max/step) number at most
 * max_count (the comment on each case shows the rejected smaller step). */
#include <check.h>
#include <math.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

static const struct {
	double min, max;
	int max_count;
	double lo, hi, step;
	int count, decimals;
} cases[] = {
	/* step 0.1 would give 11 ticks */
	{ 0, 1, 6, 0, 1, 0.2, 6, 1 },
	/* 0.2 gives 6 > 5 */
	{ 0, 1, 5, 0, 1, 0.5, 3, 1 },
	{ 0, 100, 11, 0, 100, 10, 11, 0 },
	/* 0.02: 41..47 = 7 ticks > 6; 0.05: 16..19 */
	{ 0.82, 0.93, 6, 0.8, 0.95, 0.05, 4, 2 },
	/* 2: -2..7 = 10 > 8; 5: -1..3 */
	{ -3.7, 12.2, 8, -5, 15, 5, 5, 0 },
	/* 50: 0..8 = 9 > 8 */
	{ 0, 364, 8, 0, 400, 100, 5, 0 },
	/* min == max: widened by 10% to 4.5..5.5; 0.2: 22..28 = 7 > 5 */
	{ 5, 5, 5, 4.5, 5.5, 0.5, 3, 1 },
	/* 0 == 0: widened to -1..1 */
	{ 0, 0, 5, -1, 1, 0.5, 5, 1 },
	{ 1e6, 5e6, 5, 1e6, 5e6, 1e6, 5, 0 },
	/* 0.1: 3..7 = 5 > 3; 0.2: 1..4 = 4 > 3 */
	{ 0.3, 0.7, 3, 0, 1, 0.5, 3, 1 },
	/* 0.3/0.1 is 2.9999999999999996 in doubles: still 3 ticks */
	{ 0.1, 0.3, 3, 0.1, 0.3, 0.1, 3, 1 },
	{ -0.004, -0.001, 4, -0.004, -0.001, 0.001, 4, 3 },
	{ 0, 5, 6, 0, 5, 1, 6, 0 },
	/* 2: 0..3 = 4 ticks > 2 */
	{ 0, 5, 2, 0, 5, 5, 2, 0 },
};

START_TEST(test_ticks_cases)
{
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		report_tickset t;
		common_error err;
		int rc = report_ticks(cases[k].min, cases[k].max,
				      cases[k].max_count, &t, &err);
		ck_assert_msg(rc == 0, "case %zu: %s", k, err.msg);
		ck_assert_msg(t.count == cases[k].count, "case %zu: count %d", k,
			      t.count);
		ck_assert_msg(t.step == cases[k].step, "case %zu: step %.17g", k,
			      t.step);
		ck_assert_msg(t.lo == cases[k].lo, "case %zu: lo %.17g", k, t.lo);
		ck_assert_msg(t.hi == cases[k].hi, "case %zu: hi %.17g", k, t.hi);
		ck_assert_int_eq(t.decimals, cases[k].decimals);
		ck_assert(report_tick_value(&t, t.count - 1) == cases[k].hi);
	}
}
END_TEST

/* Tick values are exact decimals: 0.1, 0.2, 0.3 are the doubles nearest
 * those numbers, not sums of 0.1. */
START_TEST(test_ticks_exact)
{
	report_tickset t;
	ck_assert_int_eq(report_ticks(0, 1, 11, &t, NULL), 0);
	ck_assert(report_tick_value(&t, 3) == 0.3);
	ck_assert(report_tick_value(&t, 7) == 0.7);
	ck_assert(report_tick_value(&t, 9) == 0.9);
	ck_assert_int_eq(report_ticks(-1, 1, 5, &t, NULL), 0);
	ck_assert(!signbit(report_tick_value(&t, 2))); /* 0, not -0 */
}
END_TEST

static int is_nice(double step)
{
	double e = floor(log10(step) + 1e-9);
	double m = step / pow(10, e);
	return fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 || fabs(m - 5) < 1e-9;
}

/* The next smaller 1-2-5 step. */
static double smaller(double step)
{
	double e = floor(log10(step) + 1e-9);
	double m = round(step / pow(10, e));
	return m == 1 ? 5 * pow(10, e - 1) : m == 2 ? pow(10, e) : 2 * pow(10, e);
}

/* Properties over many ranges: bounds cover the data, the count is within
 * the limit, the step is nice, and no smaller nice step would do. */
START_TEST(test_ticks_properties)
{
	unsigned long long s = 12345;
	for (int k = 0; k < 5000; k++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		double a = (double)(s >> 11) / 9007199254740992.0;
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		double b = (double)(s >> 11) / 9007199254740992.0;
		double scale = pow(10, (int)(a * 12) - 6);
		double min = (a - 0.5) * scale * 7, max = min + b * scale;
		int n = 2 + k % 10;
		report_tickset t;
		ck_assert_int_eq(report_ticks(min, max, n, &t, NULL), 0);
		ck_assert_int_le(t.count, n);
		ck_assert_int_ge(t.count, 2);
		ck_assert(t.lo <= min + t.step * 1e-9);
		ck_assert(t.hi >= max - t.step * 1e-9);
		ck_assert_msg(is_nice(t.step), "step %g", t.step);
		double sm = smaller(t.step);
		double c = ceil(max / sm - 1e-9) - floor(min / sm + 1e-9) + 1;
		ck_assert_msg(c > n, "smaller step %g also fits [%g, %g] in %d",
			      sm, min, max, n);
	}
}
END_TEST

START_TEST(test_ticks_errors)
{
	report_tickset t;
	common_error err;
	ck_assert_int_eq(report_ticks(NAN, 1, 5, &t, &err), COMMON_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "axis range"));
	ck_assert_int_eq(report_ticks(0, INFINITY, 5, &t, &err), COMMON_EINPUT);
	ck_assert_int_eq(report_ticks(2, 1, 5, &t, &err), COMMON_EINPUT);
	ck_assert_int_eq(report_ticks(0, 1, 1, &t, &err), COMMON_EINPUT);
	ck_assert_int_eq(report_ticks(0, 1, 5, NULL, &err), COMMON_EUSAGE);
}
END_TEST

static const struct {
	double v;
	enum report_numfmt fmt;
	int decimals;
	double step;
	const char *want;
} formats[] = {
	{ 0.25, REPORT_NUM_PERCENT, -1, 0.05, "25%" },
	{ 0.875, REPORT_NUM_PERCENT, -1, 0.005, "87.5%" },
	{ -2.5, REPORT_NUM_AUTO, -1, 0.5, "\xe2\x88\x92" "2.5" },
	{ -0.0001, REPORT_NUM_AUTO, 1, 0, "0.0" },
	{ 15000, REPORT_NUM_AUTO, -1, 5000, "15k" },
	{ 2500000, REPORT_NUM_AUTO, -1, 500000, "2.5M" },
	{ 1500, REPORT_NUM_AUTO, -1, 500, "1500" },
	{ 12345.6, REPORT_NUM_AUTO, -1, 0, "12.3k" },
	{ 3.14159, REPORT_NUM_AUTO, 2, 0, "3.14" },
	{ 0.3, REPORT_NUM_AUTO, -1, 0.1, "0.3" },
	{ 42.4, REPORT_NUM_INTEGER, -1, 0, "42" },
	{ NAN, REPORT_NUM_AUTO, -1, 0, "n/a" },
};

START_TEST(test_format)
{
	for (size_t k = 0; k < sizeof formats / sizeof formats[0]; k++) {
		char buf[64];
		rp_format(buf, sizeof buf, formats[k].v, formats[k].fmt,
			  formats[k].decimals, formats[k].step);
		ck_assert_msg(!strcmp(buf, formats[k].want),
			      "case %zu: '%s', want '%s'", k, buf, formats[k].want);
	}
}
END_TEST

Suite *test_ticks_suite(void)
{
	Suite *s = suite_create("report_ticks");
	TCase *tc = tcase_create("ticks");
	tcase_add_test(tc, test_ticks_cases);
	tcase_add_test(tc, test_ticks_exact);
	tcase_add_test(tc, test_ticks_properties);
	tcase_add_test(tc, test_ticks_errors);
	tcase_add_test(tc, test_format);
	suite_add_tcase(s, tc);
	return s;
}
