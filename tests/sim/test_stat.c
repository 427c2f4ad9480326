/* tests/sim/test_stat.c: the drift statistics of sim/stat.h against scipy.
 *
 * Expected values: tests/data/drift/stat_expected.h, generated once by
 * tests/data/drift/make_expected.py (scipy 1.10). Samples come from the
 * same 64-bit LCG on both sides, so the inputs are bit-identical.
 * Tolerances (issue 6): KS statistic exact, KS p-value 1e-6 (exact method up
 * to SIM_KS_EXACT_MAX_N, kstwobign beyond), Wasserstein and Jensen-Shannon
 * 1e-9, chi-square 1e-6. */
#include <check.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/stat.h"
#include "tests/data/drift/stat_expected.h"

static double *lcg_sample(unsigned long long seed, size_t n, int kind,
			  double shift, double scale)
{
	double *x = malloc(n * sizeof *x);
	ck_assert_ptr_nonnull(x);
	unsigned long long s = seed;
	for (size_t i = 0; i < n; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		double u = (double)(s >> 11) / 9007199254740992.0;
		x[i] = kind == 0 ? shift + scale * u : floor(scale * u) + shift;
	}
	return x;
}

static void sorted_pair(const struct ks_case *c, double **x, double **y)
{
	*x = lcg_sample(c->sx, c->n, c->kind, 0.0, c->scale);
	*y = lcg_sample(c->sy, c->m, c->kind, c->shift, c->scale);
	ck_assert_int_eq(sim_stat_sort(*x, c->n), 0);
	ck_assert_int_eq(sim_stat_sort(*y, c->m), 0);
}

START_TEST(ks_exact_matches_scipy)
{
	const struct ks_case *c = &ks_exact_cases[_i];
	double *x, *y;
	sorted_pair(c, &x, &y);
	sim_ks_result r;
	ck_assert_int_eq(sim_stat_ks_sorted(x, c->n, y, c->m, SIM_KS_AUTO, &r, NULL), 0);
	ck_assert_int_eq(r.method, SIM_KS_EXACT);
	ck_assert_msg(r.statistic == c->d, "case %d: D %.17g, scipy %.17g", _i,
		      r.statistic, c->d);
	ck_assert_double_eq_tol(r.pvalue, c->p, 1e-6);
	/* Symmetric in the two samples. */
	sim_ks_result s;
	ck_assert_int_eq(sim_stat_ks_sorted(y, c->m, x, c->n, SIM_KS_EXACT, &s, NULL), 0);
	ck_assert_double_eq_tol(s.pvalue, c->p, 1e-6);
	free(x);
	free(y);
}
END_TEST

START_TEST(ks_asymp_matches_kstwobign)
{
	const struct ks_case *c = &ks_asymp_cases[_i];
	double *x, *y;
	sorted_pair(c, &x, &y);
	sim_ks_result r;
	ck_assert_int_eq(sim_stat_ks_sorted(x, c->n, y, c->m, SIM_KS_AUTO, &r, NULL), 0);
	ck_assert_int_eq(r.method, SIM_KS_ASYMP);
	ck_assert_msg(r.statistic == c->d, "case %d: D %.17g, scipy %.17g", _i,
		      r.statistic, c->d);
	ck_assert_double_eq_tol(r.pvalue, c->p, 1e-6);
	free(x);
	free(y);
}
END_TEST

START_TEST(kolmogorov_sf_matches_kstwobign)
{
	double got = sim_stat_kolmogorov_sf(kolmogorov_cases[_i][0]);
	double want = kolmogorov_cases[_i][1];
	ck_assert_msg(fabs(got - want) <= 1e-14 + 1e-12 * want,
		      "x=%g: %.17g vs %.17g", kolmogorov_cases[_i][0], got, want);
}
END_TEST

/* Hand-checkable exact values: n = m = 2, D = 1 happens on 2 of the
 * C(4,2) = 6 paths (both x below both y, or the reverse). */
START_TEST(ks_exact_by_hand)
{
	ck_assert_double_eq_tol(sim_stat_ks_exact_sf(2, 2, 2), 2.0 / 6.0, 1e-15);
	ck_assert_double_eq(sim_stat_ks_exact_sf(2, 2, 0), 1.0);
	/* D >= 1/2 on every path but the two alternating ones... all 6 paths
	 * reach |i/2 - j/2| >= 1/2 after the first step. */
	ck_assert_double_eq_tol(sim_stat_ks_exact_sf(2, 2, 1), 1.0, 1e-15);
	common_error err;
	common_error_clear(&err);
	sim_ks_result r;
	double one = 1;
	ck_assert_int_eq(sim_stat_ks_sorted(&one, 1, &one, 0, SIM_KS_AUTO, &r, &err),
			 COMMON_EINPUT);
}
END_TEST

START_TEST(wasserstein_matches_scipy)
{
	const struct w_case *c = &w_cases[_i];
	double *x = lcg_sample(c->sx, c->n, c->kind, 0.0, c->scale);
	double *y = lcg_sample(c->sy, c->m, c->kind, c->shift, c->scale);
	ck_assert_double_eq_tol(sim_stat_sd(x, c->n), c->sd, 1e-12);
	ck_assert_int_eq(sim_stat_sort(x, c->n), 0);
	ck_assert_int_eq(sim_stat_sort(y, c->m), 0);
	ck_assert_double_eq_tol(sim_stat_wasserstein_sorted(x, c->n, y, c->m), c->w, 1e-9);
	ck_assert_double_eq_tol(sim_stat_wasserstein_sorted(y, c->m, x, c->n), c->w, 1e-9);
	free(x);
	free(y);
}
END_TEST

START_TEST(jensenshannon_matches_scipy)
{
	const struct js_case *c = &js_cases[_i];
	ck_assert_double_eq_tol(sim_stat_jensenshannon(c->p, c->q, c->k), c->js, 1e-9);
}
END_TEST

START_TEST(jensenshannon_sturges_matches_numpy)
{
	const struct jsn_case *c = &jsn_cases[_i];
	double *x = lcg_sample(c->sx, c->n, c->kind, 0.0, c->scale);
	double *y = lcg_sample(c->sy, c->m, c->kind, c->shift, c->scale);
	ck_assert_int_eq(sim_stat_sort(x, c->n), 0);
	ck_assert_int_eq(sim_stat_sort(y, c->m), 0);
	double lo = fmin(x[0], y[0]), hi = fmax(x[c->n - 1], y[c->m - 1]);
	size_t nb = sim_stat_sturges_bins(c->n + c->m, lo, hi);
	ck_assert_uint_eq(nb, c->nb);
	double edges[80], cx[80], cy[80];
	sim_stat_linspace_edges(lo, hi, nb, edges);
	sim_stat_hist_count_sorted(x, c->n, edges, nb, cx);
	sim_stat_hist_count_sorted(y, c->m, edges, nb, cy);
	double tx = 0, ty = 0;
	for (size_t b = 0; b < nb; b++) {
		tx += cx[b];
		ty += cy[b];
	}
	ck_assert_double_eq(tx, (double)c->n); /* every value counted once */
	ck_assert_double_eq(ty, (double)c->m);
	ck_assert_double_eq_tol(sim_stat_jensenshannon(cx, cy, nb), c->js, 1e-9);
	free(x);
	free(y);
}
END_TEST

START_TEST(chisquare_matches_scipy)
{
	const struct chi_case *c = &chi_cases[_i];
	sim_chisq_result r;
	ck_assert_int_eq(sim_stat_chisquare(c->obs, c->expv, c->k, &r, NULL), 0);
	ck_assert_double_eq_tol(r.statistic, c->stat, 1e-6);
	ck_assert_double_eq_tol(r.pvalue, c->p, 1e-6);
	ck_assert_double_eq(r.df, (double)(c->k - 1));
}
END_TEST

START_TEST(chisq_counts_matches_scipy)
{
	const struct chi_case *c = &chic_cases[_i];
	sim_chisq_result r;
	/* obs holds the reference counts, expv the current ones here */
	ck_assert_int_eq(sim_stat_chisq_counts(c->obs, c->expv, c->k, &r, NULL), 0);
	ck_assert_double_eq_tol(r.statistic, c->stat, 1e-6);
	ck_assert_double_eq_tol(r.pvalue, c->p, 1e-6);
}
END_TEST

START_TEST(chisquare_edge_cases)
{
	sim_chisq_result r;
	/* A category only the current data has: infinite statistic, p = 0. */
	double ref[] = {10, 0, 5}, cur[] = {8, 2, 5};
	ck_assert_int_eq(sim_stat_chisq_counts(ref, cur, 3, &r, NULL), 0);
	ck_assert(isinf(r.statistic));
	ck_assert_double_eq(r.pvalue, 0);
	/* One category: nothing to test. */
	double one[] = {7}, two[] = {9};
	ck_assert_int_eq(sim_stat_chisq_counts(one, two, 1, &r, NULL), 0);
	ck_assert_double_eq(r.pvalue, 1);
	/* A category neither has is skipped: df stays k - 1 of the rest. */
	double a[] = {10, 0, 10}, b[] = {12, 0, 8};
	ck_assert_int_eq(sim_stat_chisq_counts(a, b, 3, &r, NULL), 0);
	ck_assert_double_eq(r.df, 1);
	ck_assert_double_eq_tol(r.statistic, 0.8, 1e-12); /* 2^2/10 + 2^2/10 */
}
END_TEST

START_TEST(ztest_matches_scipy)
{
	const double *c = z_cases[_i];
	ck_assert_double_eq_tol(sim_stat_ztest_2prop(c[0], c[1], c[2], c[3], NULL),
				c[4], 1e-9);
	/* Constant and equal samples: no evidence, p = 1. */
	ck_assert_double_eq(sim_stat_ztest_2prop(0, 10, 0, 20, NULL), 1.0);
}
END_TEST

START_TEST(psi_matches_numpy)
{
	const struct psi_case *c = &psi_cases[_i];
	double *x = lcg_sample(c->sx, c->n, c->kind, 0.0, c->scale);
	double *y = lcg_sample(c->sy, c->m, c->kind, c->shift, c->scale);
	ck_assert_int_eq(sim_stat_sort(x, c->n), 0);
	ck_assert_int_eq(sim_stat_sort(y, c->m), 0);
	double edges[32], cx[33], cy[33];
	size_t ne;
	sim_stat_quantile_edges(x, c->n, c->bins, edges, &ne);
	ck_assert_uint_eq(ne, c->nedges);
	for (size_t b = 0; b < ne; b++)
		ck_assert_msg(edges[b] == c->edges[b], "edge %zu: %.17g vs %.17g",
			      b, edges[b], c->edges[b]);
	sim_stat_bin_count_sorted(x, c->n, edges, ne, cx);
	sim_stat_bin_count_sorted(y, c->m, edges, ne, cy);
	ck_assert_double_eq_tol(sim_stat_psi(cx, cy, ne + 1, SIM_PSI_EPSILON), c->psi, 1e-9);
	free(x);
	free(y);
}
END_TEST

START_TEST(psi_by_hand)
{
	/* p = (0.5, 0.5), q = (1, 0) -> q_2 = epsilon:
	 * (0.5-1) ln 0.5 + (0.5-1e-4) ln(0.5/1e-4) */
	double p[] = {5, 5}, q[] = {4, 0};
	double want = -0.5 * log(0.5) + (0.5 - 1e-4) * log(0.5 / 1e-4);
	ck_assert_double_eq_tol(sim_stat_psi(p, q, 2, SIM_PSI_EPSILON), want, 1e-12);
	ck_assert_double_eq(sim_stat_psi(p, p, 2, SIM_PSI_EPSILON), 0);
}
END_TEST

/* The radix sort against qsort on awkward values: signs, zeros of both
 * signs, subnormals, huge magnitudes, many duplicates. */
static int cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

START_TEST(sort_matches_qsort)
{
	size_t n = 50000;
	double *x = lcg_sample(99, n, 0, -0.5, 1.0), *y = malloc(n * sizeof *y);
	ck_assert_ptr_nonnull(y);
	for (size_t i = 0; i < n; i += 7)
		x[i] = ldexp(x[i], (int)(i % 2000) - 1000);
	for (size_t i = 3; i < n; i += 11)
		x[i] = (i & 1) ? -0.0 : 0.0;
	for (size_t i = 5; i < n; i += 13)
		x[i] = 4.9e-324 * (double)(i % 5);
	for (size_t i = 0; i < n; i++)
		y[i] = x[i];
	ck_assert_int_eq(sim_stat_sort(x, n), 0);
	qsort(y, n, sizeof *y, cmpd);
	for (size_t i = 0; i < n; i++)
		ck_assert_msg(x[i] == y[i], "at %zu: %g vs %g", i, x[i], y[i]);
	ck_assert_uint_eq(sim_stat_count_distinct_sorted(x, n),
			  sim_stat_count_distinct_union_sorted(x, n, y, n));
	free(x);
	free(y);
	/* Enough values for several most-significant-digit levels, with
	 * heavy ties and digits every key shares (integers -500..499). */
	n = 150000;
	x = lcg_sample(17, n, 1, -500.0, 1000.0);
	y = malloc(n * sizeof *y);
	ck_assert_ptr_nonnull(y);
	memcpy(y, x, n * sizeof *y);
	ck_assert_int_eq(sim_stat_sort(x, n), 0);
	qsort(y, n, sizeof *y, cmpd);
	ck_assert(memcmp(x, y, n * sizeof *x) == 0);
	/* Decimal data (sorted as 32-bit integers): 3-decimal values with
	 * signed zeros and ties; then the same with one value that is not a
	 * 3-decimal number, far from the start (the general sort takes over). */
	for (int late = 0; late < 2; late++) {
		for (size_t i = 0; i < n; i++) {
			double u = (double)((x[i] == 0 ? 7 : (long)x[i]) * 37 % 200001) - 100000;
			x[i] = u / 1000.0;
			if (i % 97 == 0)
				x[i] = (i & 1) ? -0.0 : 0.0;
		}
		if (late)
			x[n - 10] = 0.1 + 0.2;
		memcpy(y, x, n * sizeof *y);
		ck_assert_int_eq(sim_stat_sort(x, n), 0);
		qsort(y, n, sizeof *y, cmpd);
		/* qsort leaves signed zeros in any order: compare values, then
		 * check -0.0 comes first */
		for (size_t i = 0; i < n; i++)
			ck_assert_msg(x[i] == y[i], "at %zu: %g vs %g", i, x[i], y[i]);
		for (size_t i = 1; i < n; i++)
			ck_assert(!(x[i] == 0 && x[i - 1] == 0 && signbit(x[i]) && !signbit(x[i - 1])));
		size_t neg0 = 0, neg0_sorted = 0;
		for (size_t i = 0; i < n; i++) {
			neg0 += y[i] == 0 && signbit(y[i]);
			neg0_sorted += x[i] == 0 && signbit(x[i]);
		}
		ck_assert_uint_eq(neg0, neg0_sorted);
	}
	free(x);
	free(y);
}
END_TEST

/* sim_stat_merge_sorted against the three functions it stands for, bit for
 * bit, on continuous samples, heavy ties, signed zeros and tiny sizes. */
static const struct merge_case {
	size_t n, m;
	int kind;          /* lcg_sample: 0 continuous, 1 integers */
	double shift, scale;
} merge_cases[] = {
	{1, 1, 0, 0.0, 1.0},     {1, 7, 1, 0.0, 3.0},       {40, 25, 1, 1.0, 4.0},
	{500, 800, 0, 0.1, 1.0}, {3000, 2000, 1, 0.0, 50.0}, {20000, 15000, 0, 0.05, 2.0},
	{12000, 12000, 1, 0.0, 2.0},
};

START_TEST(merge_equals_separate)
{
	const struct merge_case *c = &merge_cases[_i];
	double *x = lcg_sample(11 + (unsigned)_i, c->n, c->kind, 0.0, c->scale);
	double *y = lcg_sample(23 + (unsigned)_i, c->m, c->kind, c->shift, c->scale);
	/* signed zeros compare equal: they must merge as one value */
	for (size_t i = 0; c->kind && i < c->n; i += 5)
		x[i] = (i & 1) ? -0.0 : 0.0;
	for (size_t i = 2; c->kind && i < c->m; i += 5)
		y[i] = (i & 1) ? 0.0 : -0.0;
	ck_assert_int_eq(sim_stat_sort(x, c->n), 0);
	ck_assert_int_eq(sim_stat_sort(y, c->m), 0);
	static const int methods[] = {SIM_KS_AUTO, SIM_KS_EXACT, SIM_KS_ASYMP};
	for (int k = 0; k < 3; k++) {
		if (methods[k] == SIM_KS_EXACT && (c->n > 3000 || c->m > 3000))
			continue; /* the lattice count is slow there; auto covers it */
		sim_stat_merged mg;
		sim_ks_result ks;
		ck_assert_int_eq(sim_stat_merge_sorted(x, c->n, y, c->m, methods[k], &mg, NULL), 0);
		ck_assert_int_eq(sim_stat_ks_sorted(x, c->n, y, c->m, methods[k], &ks, NULL), 0);
		double w = sim_stat_wasserstein_sorted(x, c->n, y, c->m);
		ck_assert(memcmp(&mg.ks.statistic, &ks.statistic, sizeof ks.statistic) == 0);
		ck_assert(memcmp(&mg.ks.pvalue, &ks.pvalue, sizeof ks.pvalue) == 0);
		ck_assert_int_eq(mg.ks.method, ks.method);
		ck_assert_msg(memcmp(&mg.wasserstein, &w, sizeof w) == 0, "%a vs %a",
			      mg.wasserstein, w);
		ck_assert_uint_eq(mg.distinct,
				  sim_stat_count_distinct_union_sorted(x, c->n, y, c->m));
	}
	double mean, sd, s = 0;
	sim_stat_mean_sd(x, c->n, &mean, &sd);
	for (size_t i = 0; i < c->n; i++)
		s += x[i];
	ck_assert(mean == s / (double)c->n);
	ck_assert(sd == sim_stat_sd(x, c->n));
	free(x);
	free(y);
}
END_TEST

/* The bin counts are found by bisection; they must equal a walk over every
 * value (the definitions in sim/stat.h), including values on the edges,
 * outside them, and NaN edges (which no value exceeds). */
static void walk_bins(const double *x, size_t n, const double *e, size_t ne,
		      double *counts)
{
	for (size_t b = 0; b <= ne; b++)
		counts[b] = 0;
	size_t b = 0;
	for (size_t i = 0; i < n; i++) {
		while (b < ne && x[i] > e[b])
			b++;
		counts[b]++;
	}
}

static void walk_hist(const double *x, size_t n, const double *e, size_t nb,
		      double *counts)
{
	for (size_t b = 0; b < nb; b++)
		counts[b] = 0;
	size_t b = 0;
	for (size_t i = 0; i < n; i++) {
		double v = x[i];
		if (v < e[0] || v > e[nb])
			continue;
		while (b + 1 < nb && v >= e[b + 1])
			b++;
		counts[b]++;
	}
}

START_TEST(bin_counts_equal_walk)
{
	size_t n = 3000;
	double *x = lcg_sample(5, n, 1, -10.0, 20.0); /* integers -10..9 */
	ck_assert_int_eq(sim_stat_sort(x, n), 0);
	static const double edge_sets[][6] = {
		{-20, -5, 0, 0.5, 3, 30}, {-5, -4, -3, 2, 2.5, 9},  {-30, -25, -20, -15, -12, -11},
		{10, 11, 12, 13, 14, 15}, {-3, -2, NAN, 4, 5, 6},   {NAN, -2, 0, 4, 5, 6},
		{-3, -2, 0, 4, 5, NAN},   {-9.5, -4, 1, 1, 1, 8.5}, {-10, -4, 1, 2, 3, 9},
	};
	for (size_t s = 0; s < sizeof edge_sets / sizeof edge_sets[0]; s++) {
		const double *e = edge_sets[s];
		for (size_t ne = 1; ne <= 6; ne++) {
			double got[7], want[7];
			sim_stat_bin_count_sorted(x, n, e, ne, got);
			walk_bins(x, n, e, ne, want);
			for (size_t b = 0; b <= ne; b++)
				ck_assert_msg(got[b] == want[b], "set %zu, %zu edges, bin %zu: %g vs %g",
					      s, ne, b, got[b], want[b]);
			if (ne < 2)
				continue;
			sim_stat_hist_count_sorted(x, n, e, ne - 1, got);
			walk_hist(x, n, e, ne - 1, want);
			for (size_t b = 0; b + 1 < ne; b++)
				ck_assert_msg(got[b] == want[b], "set %zu, %zu hist bins, bin %zu: %g vs %g",
					      s, ne - 1, b, got[b], want[b]);
		}
	}
	free(x);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* Quantile edges by selection equal the edges of the sorted values (the
 * reference's definition, numpy's linear quantiles), bit for bit, and the
 * selection only permutes the values: sizes 1..3000, 2..100 bins (more
 * bins than values too), continuous values and heavy ties. */
START_TEST(quantile_edges_by_selection)
{
	for (int it = 0; it < 600; it++) {
		/* half the cases short (1..60 values, often fewer than the
		 * bins: adjacent quantiles then share their order statistics) */
		size_t n = it % 2 ? 1 + (size_t)(it % 60)
				  : 1 + (size_t)(it * 37 % 3000);
		int bins = 2 + it % 99;
		int ties = it % 3;
		double *x = lcg_sample(1000 + (unsigned)it, n, ties == 1,
				       ties == 2 ? -3.0 : -0.5,
				       ties == 2 ? 6.0 : 1.0);
		double *y = malloc(n * sizeof *y);
		ck_assert_ptr_nonnull(y);
		if (ties == 2) /* a few distinct values, many copies */
			for (size_t i = 0; i < n; i++)
				x[i] = floor(x[i]);
		memcpy(y, x, n * sizeof *y);
		qsort(y, n, sizeof *y, cmpd);
		double e1[100], e2[100];
		size_t n1, n2;
		sim_stat_quantile_edges(y, n, bins, e1, &n1);
		sim_stat_quantile_edges_select(x, n, bins, e2, &n2);
		ck_assert_uint_eq(n1, n2);
		ck_assert_msg(memcmp(e1, e2, n1 * sizeof *e1) == 0,
			      "n %zu bins %d: edges differ", n, bins);
		qsort(x, n, sizeof *x, cmpd);
		ck_assert(memcmp(x, y, n * sizeof *x) == 0);
		free(x);
		free(y);
	}
}
END_TEST

Suite *test_stat_suite(void)
{
	Suite *s = suite_create("stat");
	TCase *tc = tcase_create("scipy");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, ks_exact_matches_scipy, 0, N(ks_exact_cases));
	tcase_add_loop_test(tc, ks_asymp_matches_kstwobign, 0, N(ks_asymp_cases));
	tcase_add_loop_test(tc, kolmogorov_sf_matches_kstwobign, 0, N(kolmogorov_cases));
	tcase_add_test(tc, ks_exact_by_hand);
	tcase_add_loop_test(tc, wasserstein_matches_scipy, 0, N(w_cases));
	tcase_add_loop_test(tc, jensenshannon_matches_scipy, 0, N(js_cases));
	tcase_add_loop_test(tc, jensenshannon_sturges_matches_numpy, 0, N(jsn_cases));
	tcase_add_loop_test(tc, chisquare_matches_scipy, 0, N(chi_cases));
	tcase_add_loop_test(tc, chisq_counts_matches_scipy, 0, N(chic_cases));
	tcase_add_test(tc, chisquare_edge_cases);
	tcase_add_loop_test(tc, ztest_matches_scipy, 0, N(z_cases));
	tcase_add_loop_test(tc, psi_matches_numpy, 0, N(psi_cases));
	tcase_add_test(tc, psi_by_hand);
	tcase_add_test(tc, sort_matches_qsort);
	tcase_add_test(tc, quantile_edges_by_selection);
	tcase_add_loop_test(tc, merge_equals_separate, 0, N(merge_cases));
	tcase_add_test(tc, bin_counts_equal_walk);
	suite_add_tcase(s, tc);
	return s;
}
