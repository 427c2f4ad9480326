/* sim/stat_js.c: Jensen-Shannon distance (scipy.spatial.distance.jensenshannon,
 * natural logarithm) and the shared equal-width binning it is computed on
 * for numeric columns (numpy.histogram_bin_edges(bins="sturges") over both
 * samples, as Evidently's get_binned_data does).
 * docs/methodology/drift-statistics.md. */
#include <math.h>

#include "common/common.h"
#include "sim/stat.h"

/* x ln(x/y) with scipy's rel_entr conventions for x = 0. */
static double rel_entr(double x, double y)
{
	if (x == 0)
		return 0;
	return x * log(x / y);
}

double sim_stat_jensenshannon(const double *p, const double *q, size_t k)
{
	double sp = 0, sq = 0;
	for (size_t b = 0; b < k; b++) {
		sp += p[b];
		sq += q[b];
	}
	if (!(sp > 0) || !(sq > 0))
		return NAN;
	double left = 0, right = 0;
	for (size_t b = 0; b < k; b++) {
		double pb = p[b] / sp, qb = q[b] / sq;
		double mb = (pb + qb) / 2.0;
		left += rel_entr(pb, mb);
		right += rel_entr(qb, mb);
	}
	double js = (left + right) / 2.0;
	return sqrt(js > 0 ? js : 0);
}

size_t sim_stat_sturges_bins(size_t n, double lo, double hi)
{
	if (!(hi > lo) || n == 0)
		return 1;
	/* numpy: width = ptp / (log2(n) + 1); bins = ceil(ptp / width). */
	double width = (hi - lo) / (log2((double)n) + 1.0);
	double nb = ceil((hi - lo) / width);
	return nb < 1 ? 1 : (size_t)nb;
}

void sim_stat_linspace_edges(double lo, double hi, size_t nb, double *edges)
{
	double step = (hi - lo) / (double)nb;
	for (size_t k = 0; k < nb; k++)
		edges[k] = (double)k * step + lo;
	edges[nb] = hi;
}

/* First index in [a, z) of sorted x whose value is not below e. */
static size_t first_fail_lt(const double *x, size_t a, size_t z, double e)
{
	while (a < z) {
		size_t mid = a + (z - a) / 2;
		if (x[mid] < e)
			a = mid + 1;
		else
			z = mid;
	}
	return a;
}

/* First index in [a, z) of sorted x whose value is >= e (z when none). */
static size_t first_ge(const double *x, size_t a, size_t z, double e)
{
	while (a < z) {
		size_t mid = a + (z - a) / 2;
		if (x[mid] >= e)
			z = mid;
		else
			a = mid + 1;
	}
	return a;
}

void sim_stat_hist_count_sorted(const double *x, size_t n, const double *edges,
				size_t nb, double *counts)
{
	for (size_t b = 0; b < nb; b++)
		counts[b] = 0;
	/* On sorted x every test below holds on a prefix and fails on the
	 * rest (a NaN edge fails it everywhere), so runs of values are counted
	 * by bisection: O(nb log n) instead of a pass over x, the same counts
	 * as a value-by-value walk. Values below edges[0] or above edges[nb]
	 * are left out (a prefix and a suffix). */
	size_t i = first_fail_lt(x, 0, n, edges[0]), hi = n;
	{
		size_t a = i, z = n; /* first index with x > edges[nb] */
		while (a < z) {
			size_t mid = a + (z - a) / 2;
			if (x[mid] > edges[nb])
				z = mid;
			else
				a = mid + 1;
		}
		hi = a;
	}
	size_t b = 0;
	while (i < hi) {
		while (b + 1 < nb && x[i] >= edges[b + 1])
			b++;
		/* x[i] stays in bin b, and so does every following value
		 * below edges[b + 1] */
		size_t p = hi;
		if (b + 1 < nb)
			p = first_ge(x, i, hi, edges[b + 1]);
		counts[b] += (double)(p - i);
		i = p;
	}
}
