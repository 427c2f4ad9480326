/* tests/report/test_simplify.c: Ramer-Douglas-Peucker simplification
 * (report/report_simplify.c). Hand cases: collinear points collapse to
 * the endpoints, a zigzag taller than the tolerance keeps every point;
 * and the defining property on pseudo-random polylines: every dropped
 * point lies within tol of the drawn polyline. */
#include <check.h>
#include <math.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

START_TEST(test_collinear)
{
	double x[5] = { 0, 1, 2, 3, 4 }, y[5] = { 0, 0.5, 1, 1.5, 2 };
	unsigned char keep[5];
	ck_assert_uint_eq(rp_simplify(x, y, 5, 0.1, keep), 2);
	ck_assert(keep[0] && keep[4] && !keep[1] && !keep[2] && !keep[3]);
	/* One point 0.15 off the line: kept at tol 0.1, dropped at 0.2. */
	y[2] = 1 + 0.15 / cos(atan(0.5));
	ck_assert_uint_eq(rp_simplify(x, y, 5, 0.1, keep), 3);
	ck_assert(keep[2]);
	ck_assert_uint_eq(rp_simplify(x, y, 5, 0.2, keep), 2);
	ck_assert_uint_eq(rp_simplify(x, y, 1, 0.1, keep), 1);
	ck_assert_uint_eq(rp_simplify(x, y, 0, 0.1, keep), 0);
}
END_TEST

START_TEST(test_zigzag)
{
	double x[9], y[9];
	unsigned char keep[9];
	for (int i = 0; i < 9; i++) {
		x[i] = i;
		y[i] = i % 2 ? 1 : 0;
	}
	ck_assert_uint_eq(rp_simplify(x, y, 9, 0.1, keep), 9);
}
END_TEST

static double seg(double px, double py, double ax, double ay, double bx,
		  double by)
{
	double dx = bx - ax, dy = by - ay, l = dx * dx + dy * dy;
	double t = l > 0 ? ((px - ax) * dx + (py - ay) * dy) / l : 0;
	t = t < 0 ? 0 : t > 1 ? 1 : t;
	return hypot(ax + t * dx - px, ay + t * dy - py);
}

START_TEST(test_dropped_points_within_tolerance)
{
	enum { N = 400 };
	double x[N], y[N];
	unsigned char keep[N];
	unsigned long long s = 99;
	for (int rep = 0; rep < 20; rep++) {
		double v = 0;
		for (int i = 0; i < N; i++) {
			s = s * 6364136223846793005ULL + 1442695040888963407ULL;
			v += ((double)(s >> 11) / 9007199254740992.0 - 0.5) * 0.3;
			x[i] = i * 1.4;
			y[i] = 100 + v;
		}
		size_t kept = rp_simplify(x, y, N, 0.1, keep);
		ck_assert_uint_lt(kept, N);
		size_t prev = 0;
		for (size_t i = 1; i < N; i++) {
			if (!keep[i])
				continue;
			for (size_t j = prev + 1; j < i; j++)
				ck_assert(seg(x[j], y[j], x[prev], y[prev], x[i],
					      y[i]) <= 0.1 + 1e-12);
			prev = i;
		}
		ck_assert_uint_eq(prev, N - 1);
	}
}
END_TEST

Suite *test_simplify_suite(void)
{
	Suite *s = suite_create("report_simplify");
	TCase *tc = tcase_create("simplify");
	tcase_add_test(tc, test_collinear);
	tcase_add_test(tc, test_zigzag);
	tcase_add_test(tc, test_dropped_points_within_tolerance);
	suite_add_tcase(s, tc);
	return s;
}
