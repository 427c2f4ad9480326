/* sim/stat.h: two-sample drift statistics on plain arrays and counts.
 *
 * Shared by the simulator's statistical monitors and by `mlopskit drift`:
 * nothing here knows about CSV files, columns or scenarios. Every function
 * borrows its inputs (never keeps a pointer) and writes results through out
 * parameters; none allocates unless its comment says so.
 *
 * Definitions follow scipy 1.10 (scipy.stats.ks_2samp, chisquare,
 * wasserstein_distance, scipy.spatial.distance.jensenshannon) and Evidently
 * (PSI, normalised Wasserstein, two-proportion z-test); the equations,
 * defaults and thresholds are in docs/methodology/drift-statistics.md.
 * Tests: tests/sim/test_stat.c against fixtures made by
 * tests/data/drift/make_expected.py.
 *
 * Sorted inputs: functions named *_sorted require ascending arrays without
 * NaN (sim_stat_sort sorts in place); -0.0 and +0.0 compare equal.
 */
#ifndef SIM_STAT_H
#define SIM_STAT_H

#include <stddef.h>

#include "common/error.h"

/* ---- sorting ---------------------------------------------------------- */

/* Sorts x[0..n) ascending in place (radix sort on the IEEE-754 bits:
 * MSD passes down to cache-sized runs, then LSD; O(n) time, n extra doubles
 * of scratch; -0.0 before +0.0). x must hold no NaN. Returns 0, or
 * COMMON_EIO when the scratch buffer cannot be allocated. */
int sim_stat_sort(double *x, size_t n);

/* Number of distinct values in the sorted array x[0..n). */
size_t sim_stat_count_distinct_sorted(const double *x, size_t n);

/* Distinct values of the union of sorted x and sorted y. */
size_t sim_stat_count_distinct_union_sorted(const double *x, size_t n,
					    const double *y, size_t m);

/* ---- Kolmogorov-Smirnov ------------------------------------------------- */

/* Largest sample size (max(n, m)) for which the exact p-value is computed
 * by default, as scipy's ks_2samp(method='auto') does (MAX_AUTO_N). */
#define SIM_KS_EXACT_MAX_N 10000

enum sim_ks_method {
	SIM_KS_AUTO = 0,  /* exact when max(n, m) <= SIM_KS_EXACT_MAX_N */
	SIM_KS_EXACT = 1, /* exact lattice-path probability */
	SIM_KS_ASYMP = 2, /* limiting Kolmogorov law (kstwobign) */
};

typedef struct sim_ks_result {
	double statistic; /* D = sup |F_x - F_y| */
	double pvalue;    /* P(D_{n,m} >= D) under H0, two-sided */
	int method;       /* SIM_KS_EXACT or SIM_KS_ASYMP: the one used */
} sim_ks_result;

/* Two-sample two-sided KS test of sorted x[0..n) against sorted y[0..m)
 * (n, m >= 1). The statistic is computed as scipy's ks_2samp does (ECDF
 * differences i/n - j/m at every sample point); with the exact method it is
 * then reported as h/lcm(n, m), h = round(D lcm), exactly as scipy does.
 * SIM_KS_EXACT is honoured only while lcm(n, m) < 2^31 (scipy's limit);
 * beyond it the asymptotic law is used and out->method says so. Returns 0,
 * or COMMON_EINPUT when n or m is 0 (err filled). */
int sim_stat_ks_sorted(const double *x, size_t n, const double *y, size_t m,
		       int method, sim_ks_result *out, common_error *err);

/* Everything the merged order of two sorted samples gives, in one walk
 * instead of three: the KS test (as sim_stat_ks_sorted with ks_method), the
 * first Wasserstein distance (as sim_stat_wasserstein_sorted) and the
 * number of distinct values of the union (as
 * sim_stat_count_distinct_union_sorted), each bit for bit the same. n, m
 * >= 1: returns 0, or COMMON_EINPUT when n or m is 0 (err filled). */
typedef struct sim_stat_merged {
	sim_ks_result ks;
	double wasserstein;
	size_t distinct;
} sim_stat_merged;
int sim_stat_merge_sorted(const double *x, size_t n, const double *y,
			  size_t m, int ks_method, sim_stat_merged *out,
			  common_error *err);

/* Exact P(D_{n,m} >= h / lcm(n, m)) for the two-sided statistic: the share
 * of monotone lattice paths from (0,0) to (n,m) that touch or cross
 * |i/n - j/m| >= h/lcm. O(n * band) time, O(m) memory. Returns NaN when
 * the scratch memory cannot be allocated. */
double sim_stat_ks_exact_sf(size_t n, size_t m, long long h);

/* Survival function of the limiting Kolmogorov distribution,
 * Q(x) = P(K > x) = 2 sum_{k>=1} (-1)^(k-1) exp(-2 k^2 x^2)
 * (scipy.stats.kstwobign.sf); 1 for x <= 0. Absolute error below 1e-15. */
double sim_stat_kolmogorov_sf(double x);

/* ---- Population Stability Index ------------------------------------------ */

/* Default number of reference-quantile bins and the epsilon that replaces an
 * empty bin's proportion (Evidently's 0.0001). */
#define SIM_PSI_BINS 10
#define SIM_PSI_EPSILON 0.0001

/* Interior edges of `bins` quantile bins of the sorted reference ref[0..n):
 * the quantiles k/bins (k = 1..bins-1) with linear interpolation (numpy's
 * default), duplicates removed. Writes at most bins-1 edges to edges[] and
 * their number to *nedges. Bin b holds the values v with
 * edges[b-1] < v <= edges[b] (bin 0 is (-inf, edges[0]], the last one
 * (edges[nedges-1], +inf)). Requires n >= 1 and bins >= 1. */
void sim_stat_quantile_edges(const double *ref, size_t n, int bins,
			     double *edges, size_t *nedges);
/* Sorts x[0..n) (no NaN) in place by insertion: for short runs, and no
 * allocation. */
void sim_stat_insertion_sort(double *x, size_t n);

/* As sim_stat_quantile_edges on x (n values, no NaN, 2 <= bins <= 100)
 * without sorting it: x is rearranged so that every position the
 * quantiles read holds its sorted-order value (a multi-quickselect,
 * O(n log bins)), then the edges are the same numbers. */
void sim_stat_quantile_edges_select(double *x, size_t n, int bins,
				    double *edges, size_t *nedges);

/* Counts the sorted values x[0..n) into the nedges+1 bins defined above;
 * counts[] has nedges+1 entries and is overwritten. */
void sim_stat_bin_count_sorted(const double *x, size_t n, const double *edges,
			       size_t nedges, double *counts);

/* PSI = sum_b (p_b - q_b) ln(p_b / q_b) of the reference proportions
 * p_b = ref_counts[b] / sum(ref_counts) and the current ones q_b, where a
 * zero proportion is replaced by epsilon (Evidently's rule). Both sums must
 * be positive; returns NaN otherwise. */
double sim_stat_psi(const double *ref_counts, const double *cur_counts,
		    size_t k, double epsilon);

/* ---- chi-square and z-test on counts --------------------------------------- */

typedef struct sim_chisq_result {
	double statistic; /* sum (o - e)^2 / e; +inf when some e = 0 < o */
	double pvalue;    /* chi-square survival at df = k' - 1 */
	double df;        /* degrees of freedom used */
} sim_chisq_result;

/* Pearson's goodness-of-fit test (scipy.stats.chisquare) of observed counts
 * obs[0..k) against expected counts expv[0..k). Categories where both are 0
 * are skipped (they carry no information; k' counts the rest). With k' < 2
 * there is nothing to test: statistic 0, p-value 1, df 0. Returns 0, or
 * COMMON_EIO when GSL fails. */
int sim_stat_chisquare(const double *obs, const double *expv, size_t k,
		       sim_chisq_result *out, common_error *err);

/* Evidently's chi-square drift test on category counts: the expected counts
 * are the reference counts scaled to the current total,
 * e_b = ref[b] * sum(cur) / sum(ref), the observed ones the current counts. */
int sim_stat_chisq_counts(const double *ref_counts, const double *cur_counts,
			  size_t k, sim_chisq_result *out, common_error *err);

/* Two-proportion z-test (pooled variance, two-sided, Evidently's
 * proportions_diff_z_test) of x1 successes in n1 against x2 in n2. Returns
 * the p-value 2 (1 - Phi(|z|)); 1 when the pooled proportion is 0 or 1.
 * *z receives the statistic (may be NULL). */
double sim_stat_ztest_2prop(double x1, double n1, double x2, double n2,
			    double *z);

/* ---- distances -------------------------------------------------------- */

/* First Wasserstein distance between the empirical distributions of sorted
 * x[0..n) and sorted y[0..m), the integral of |F_x - F_y|
 * (scipy.stats.wasserstein_distance, equal weights). n, m >= 1. */
double sim_stat_wasserstein_sorted(const double *x, size_t n, const double *y,
				   size_t m);

/* Population standard deviation (ddof 0, as numpy.std) of x[0..n), two-pass. */
double sim_stat_sd(const double *x, size_t n);

/* The mean (sum in index order / n) and sim_stat_sd of x[0..n) with one
 * pass fewer than computing them apart; the same bits. NaN for both when
 * n = 0. */
void sim_stat_mean_sd(const double *x, size_t n, double *mean, double *sd);

/* Evidently's normalisation floor for the Wasserstein distance: W1 is
 * divided by max(sd(reference), SIM_WASSERSTEIN_SD_FLOOR). */
#define SIM_WASSERSTEIN_SD_FLOOR 0.001

/* Jensen-Shannon distance, natural logarithm (scipy's jensenshannon with
 * base=None): p and q (non-negative, k entries) are normalised to sum 1,
 * m = (p+q)/2, JS = sqrt((KL(p||m) + KL(q||m)) / 2). Range [0, sqrt(ln 2)].
 * Returns NaN when a sum is not positive. */
double sim_stat_jensenshannon(const double *p, const double *q, size_t k);

/* ---- shared equal-width binning (numpy "sturges") ------------------------- */

/* Number of equal-width bins numpy.histogram_bin_edges(bins="sturges")
 * gives for n values spanning [lo, hi]: ceil((hi-lo) / width) with
 * width = (hi-lo) / (log2 n + 1). 1 when hi == lo, in which case numpy
 * widens the range to [lo - 0.5, hi + 0.5] (the caller does that). */
size_t sim_stat_sturges_bins(size_t n, double lo, double hi);

/* The nb+1 edges numpy.linspace(lo, hi, nb+1) computes, into edges[]. */
void sim_stat_linspace_edges(double lo, double hi, size_t nb, double *edges);

/* Counts sorted x[0..n) into the nb bins [e_b, e_{b+1}) (the last one closed)
 * as numpy.histogram does; values outside [e_0, e_nb] are not counted.
 * counts[] (nb entries) is overwritten. */
void sim_stat_hist_count_sorted(const double *x, size_t n, const double *edges,
				size_t nb, double *counts);

#endif
