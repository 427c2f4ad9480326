/* sim/stat_psi.c: Population Stability Index on reference-quantile bins.
 *
 * Bins come from the reference alone (deciles by default) so the index
 * answers "how has the share of each part of the old distribution moved".
 * An empty bin would make ln(p/q) infinite; as Evidently's sub_psi does we
 * replace a zero proportion by epsilon (0.0001) before taking the log.
 * Equations and sources: docs/methodology/drift-statistics.md. */
#include <math.h>

#include "common/common.h"
#include "sim/stat.h"

/* numpy's _lerp: a + (b-a) t, computed from the nearer end for t >= 0.5 so
 * the result is exact at both ends and matches numpy.quantile bit for bit. */
static double lerp(double a, double b, double t)
{
	double d = b - a;
	return t >= 0.5 ? b - d * (1 - t) : a + d * t;
}

void sim_stat_quantile_edges(const double *ref, size_t n, int bins,
			     double *edges, size_t *nedges)
{
	size_t c = 0;
	for (int k = 1; k < bins; k++) {
		double q = (double)k / (double)bins;
		double v = q * (double)(n - 1); /* numpy 'linear': (n-1) q */
		double fl = floor(v);
		size_t lo = (size_t)fl;
		size_t hi = lo + 1 < n ? lo + 1 : n - 1;
		double e = lerp(ref[lo], ref[hi], v - fl);
		/* Tied quantiles would make empty bins: keep each edge once. */
		if (c == 0 || e > edges[c - 1])
			edges[c++] = e;
	}
	*nedges = c;
}

void sim_stat_insertion_sort(double *x, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		double v = x[i];
		size_t j = i;
		while (j > 0 && x[j - 1] > v) {
			x[j] = x[j - 1];
			j--;
		}
		x[j] = v;
	}
}

/* Moves x's values below p (or, with le, not above p) to its front and
 * returns how many there are: Lomuto's partition with the swap done
 * unconditionally and the count advanced by the comparison, so there is no
 * branch to mispredict (on random data a branchy partition mispredicts
 * every other element: this is about 4x faster at 2,000 values). */
static size_t partition(double *x, size_t n, double p, int le)
{
	size_t k = 0;
	if (le) {
		for (size_t i = 0; i < n; i++) {
			double v = x[i];
			x[i] = x[k];
			x[k] = v;
			k += v <= p;
		}
	} else {
		for (size_t i = 0; i < n; i++) {
			double v = x[i];
			x[i] = x[k];
			x[k] = v;
			k += v < p;
		}
	}
	return k;
}

/* Moves into x[k], for every k in idx[0..nk) (ascending), the value a
 * sort would put there: quickselect with a median-of-three pivot,
 * recursing only into parts that hold a wanted index (into the lower part
 * when both do, looping on the upper). Ties cannot stall it: when nothing
 * is below the pivot, a second partition puts the values equal to it
 * first, and they are in place. No NaN in x. */
static void select_many(double *x, size_t n, const size_t *idx, size_t nk)
{
	size_t tmp[200]; /* nk <= 2 (bins - 1) */
	while (nk > 0 && n > 16) {
		double a = x[0], b = x[n / 2], c = x[n - 1];
		double p = a < b ? (b < c ? b : (a < c ? c : a))
				 : (a < c ? a : (b < c ? c : b));
		/* [0, lt) < p, [lt, gt) == p, [gt, n) >= p */
		size_t lt = partition(x, n, p, 0), gt = lt;
		if (lt == 0 && (gt = partition(x, n, p, 1)) == n)
			return; /* every value equals p */
		size_t nlo = 0;
		while (nlo < nk && idx[nlo] < lt)
			nlo++;
		size_t nhi = nlo;
		while (nhi < nk && idx[nhi] < gt)
			nhi++;
		if (nhi == nk) { /* nothing wanted above gt */
			n = lt;
			nk = nlo;
			continue;
		}
		if (nlo > 0)
			select_many(x, lt, idx, nlo);
		/* idx may be tmp itself: the copy runs forward, reading
		 * ahead of where it writes */
		for (size_t k = nhi; k < nk; k++)
			tmp[k - nhi] = idx[k] - gt;
		x += gt;
		n -= gt;
		nk -= nhi;
		idx = tmp;
	}
	if (nk > 0)
		sim_stat_insertion_sort(x, n);
}

void sim_stat_quantile_edges_select(double *x, size_t n, int bins,
				    double *edges, size_t *nedges)
{
	size_t idx[2 * 100];
	size_t nk = 0;
	for (int k = 1; k < bins; k++) {
		double v = (double)k / (double)bins * (double)(n - 1);
		size_t lo = (size_t)floor(v);
		size_t hi = lo + 1 < n ? lo + 1 : n - 1;
		if (nk == 0 || idx[nk - 1] < lo)
			idx[nk++] = lo;
		if (idx[nk - 1] < hi)
			idx[nk++] = hi;
	}
	select_many(x, n, idx, nk);
	sim_stat_quantile_edges(x, n, bins, edges, nedges);
}

void sim_stat_bin_count_sorted(const double *x, size_t n, const double *edges,
			       size_t nedges, double *counts)
{
	/* Bin b holds edges[b-1] < v <= edges[b]: on sorted x it ends where
	 * the values above edges[b] begin, found by bisection (O(k log n)
	 * instead of a pass over x). A NaN edge is never exceeded, so its bin
	 * takes the rest, as a value-by-value walk would. */
	size_t lo = 0;
	for (size_t b = 0; b < nedges; b++) {
		double e = edges[b];
		size_t a = lo, z = n; /* first index in [a, n) with x > e */
		while (a < z) {
			size_t mid = a + (z - a) / 2;
			if (x[mid] > e)
				z = mid;
			else
				a = mid + 1;
		}
		counts[b] = (double)(a - lo);
		lo = a;
	}
	counts[nedges] = (double)(n - lo);
}

double sim_stat_psi(const double *ref_counts, const double *cur_counts,
		    size_t k, double epsilon)
{
	double sr = 0, sc = 0;
	for (size_t b = 0; b < k; b++) {
		sr += ref_counts[b];
		sc += cur_counts[b];
	}
	if (!(sr > 0) || !(sc > 0))
		return NAN;
	double psi = 0;
	for (size_t b = 0; b < k; b++) {
		double p = ref_counts[b] / sr, q = cur_counts[b] / sc;
		if (p == 0)
			p = epsilon;
		if (q == 0)
			q = epsilon;
		psi += (p - q) * log(p / q);
	}
	return psi;
}
