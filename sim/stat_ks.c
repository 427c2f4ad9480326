/* sim/stat_ks.c: two-sample Kolmogorov-Smirnov test (statistic, exact and
 * asymptotic p-values), and the radix sort the sorted-input statistics use.
 *
 * Exact p-value: Hodges (1958) lattice-path count, as scipy's ks_2samp
 * (method='exact') does, written from its description: of the C(n+m, n)
 * equally likely monotone paths from (0,0) to (n,m), the share that touch
 * or cross the band |i/n - j/m| >= h/lcm(n,m). We keep the probability that
 * a path reaches (i,j) while staying strictly inside the band, normalised
 * by C(i+j, j), so every value lies in [0,1] and nothing overflows:
 *     B(i,j) = B(i-1,j) i/(i+j) + B(i,j-1) j/(i+j).
 * The band test is done in integers: |i*(m/g) - j*(n/g)| < h.
 * Asymptotic p-value: the limiting Kolmogorov law (kstwobign) at
 * sqrt(nm/(n+m)) D. Equations: docs/methodology/drift-statistics.md. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/stat.h"

#define PI 3.14159265358979323846

/* IEEE-754 bits mapped to an unsigned key whose order is the numeric order
 * (negative values flipped entirely, positive ones get the sign bit). */
static inline uint64_t dkey(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return (u & 0x8000000000000000ull) ? ~u : (u | 0x8000000000000000ull);
}

static inline double dval(uint64_t k)
{
	uint64_t u = (k & 0x8000000000000000ull) ? (k & ~0x8000000000000000ull)
						  : ~k;
	double d;
	memcpy(&d, &u, sizeof d);
	return d;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int sim_stat_sort(double *x, size_t n)
{
	if (n < 2)
		return 0;
	/* Below a few thousand values the radix passes cost more than qsort. */
	if (n < 2048) {
		qsort(x, n, sizeof *x, cmp_double);
		return 0;
	}
	enum { BITS = 11, RADIX = 1 << BITS, PASSES = 6 };
	uint64_t *a = (uint64_t *)x; /* same size, reused in place */
	uint64_t *b = malloc(n * sizeof *b);
	size_t (*hist)[RADIX] = calloc(PASSES, sizeof *hist);
	if (!b || !hist) {
		free(b);
		free(hist);
		return COMMON_EIO;
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t k = dkey(x[i]);
		a[i] = k;
		for (int p = 0; p < PASSES; p++)
			hist[p][(k >> (p * BITS)) & (RADIX - 1)]++;
	}
	uint64_t *src = a, *dst = b;
	for (int p = 0; p < PASSES; p++) {
		size_t *h = hist[p];
		/* A pass where every key has the same digit moves nothing. */
		int trivial = 0;
		for (size_t d = 0; d < RADIX; d++) {
			if (h[d] == n) {
				trivial = 1;
				break;
			}
			if (h[d])
				break;
		}
		if (trivial)
			continue;
		size_t sum = 0;
		for (size_t d = 0; d < RADIX; d++) {
			size_t c = h[d];
			h[d] = sum;
			sum += c;
		}
		int shift = p * BITS;
		for (size_t i = 0; i < n; i++) {
			uint64_t k = src[i];
			dst[h[(k >> shift) & (RADIX - 1)]++] = k;
		}
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = dval(src[i]);
	free(b);
	free(hist);
	return 0;
}

size_t sim_stat_count_distinct_sorted(const double *x, size_t n)
{
	size_t c = n ? 1 : 0;
	for (size_t i = 1; i < n; i++)
		c += x[i] != x[i - 1];
	return c;
}

size_t sim_stat_count_distinct_union_sorted(const double *x, size_t n,
					    const double *y, size_t m)
{
	size_t i = 0, j = 0, c = 0;
	double last = 0;
	int have = 0;
	while (i < n || j < m) {
		double v;
		if (j >= m || (i < n && x[i] <= y[j]))
			v = x[i++];
		else
			v = y[j++];
		if (!have || v != last) {
			c++;
			last = v;
			have = 1;
		}
	}
	return c;
}

static long long gcd_ll(long long a, long long b)
{
	while (b) {
		long long t = a % b;
		a = b;
		b = t;
	}
	return a;
}

double sim_stat_kolmogorov_sf(double x)
{
	if (!(x > 0))
		return 1.0;
	if (x < 1.0) {
		/* Jacobi form of the CDF converges fast for small x:
		 * K(x) = sqrt(2 pi)/x sum_{k>=1} exp(-(2k-1)^2 pi^2 / (8 x^2)). */
		double s = 0, w = PI * PI / (8 * x * x);
		for (int k = 1; k <= 20; k++) {
			double t = exp(-(double)(2 * k - 1) * (2 * k - 1) * w);
			s += t;
			if (t < 1e-300)
				break;
		}
		double cdf = sqrt(2 * PI) / x * s;
		return 1.0 - cdf;
	}
	double s = 0;
	for (int k = 1; k <= 100; k++) {
		double t = exp(-2.0 * k * k * x * x);
		s += (k & 1) ? t : -t;
		if (t < 1e-300)
			break;
	}
	double q = 2 * s;
	return q < 0 ? 0 : (q > 1 ? 1 : q);
}

double sim_stat_ks_exact_sf(size_t n, size_t m, long long h)
{
	if (h <= 0)
		return 1.0;
	long long g = gcd_ll((long long)n, (long long)m);
	long long ng = (long long)n / g, mg = (long long)m / g;
	/* Point (i,j) is inside when |i*mg - j*ng| < h (i over n, j over m). */
	double *col = malloc((m + 1) * sizeof *col);
	if (!col)
		return NAN;
	/* Column i = 0: j with j*ng < h, reached along the j axis. */
	long long lo = 0, hi; /* inside rows of the current column: [lo, hi] */
	hi = (h - 1) / ng;
	if (hi > (long long)m)
		hi = (long long)m;
	for (long long j = 0; j <= hi; j++)
		col[j] = 1.0;
	for (long long i = 1; i <= (long long)n; i++) {
		/* j inside: i*mg - h < j*ng < i*mg + h. */
		long long a = i * mg - h; /* j*ng > a */
		long long nlo = a < 0 ? 0 : a / ng + 1;
		long long b = i * mg + h; /* j*ng < b */
		long long nhi = (b - 1) / ng;
		if (nhi > (long long)m)
			nhi = (long long)m;
		if (nlo > nhi) {
			free(col);
			return 1.0; /* no path can stay inside */
		}
		/* Walk j upwards; col[j] still holds B(i-1, j) for j in [lo,hi]. */
		double left = 0; /* B(i, j-1), 0 below the band */
		for (long long j = nlo; j <= nhi; j++) {
			double up = (j >= lo && j <= hi) ? col[j] : 0.0;
			double v = (up * (double)i + left * (double)j) /
				   (double)(i + j);
			col[j] = v;
			left = v;
		}
		lo = nlo;
		hi = nhi;
	}
	double inside = (hi == (long long)m && lo <= (long long)m) ? col[m] : 0.0;
	free(col);
	double p = 1.0 - inside;
	return p < 0 ? 0 : (p > 1 ? 1 : p);
}

/* The p-value of the statistic d (the raw maximum), and the statistic as
 * reported (see sim_stat_ks_sorted). */
static int ks_finish(double d, size_t n, size_t m, int method,
		     sim_ks_result *out, common_error *err)
{
	double dn = (double)n, dm = (double)m;
	if (d > 1)
		d = 1;
	long long g = gcd_ll((long long)n, (long long)m);
	long long ng = (long long)n / g, mg = (long long)m / g;
	int use_exact;
	if (method == SIM_KS_EXACT)
		use_exact = 1;
	else if (method == SIM_KS_ASYMP)
		use_exact = 0;
	else
		use_exact = (n > m ? n : m) <= SIM_KS_EXACT_MAX_N;
	/* scipy's limit for the exact path count: lcm below INT32_MAX. */
	if (use_exact && (double)ng >= 2147483647.0 / (double)mg)
		use_exact = 0;
	if (use_exact) {
		long long lcm = ng * (long long)m;
		long long h = llround(d * (double)lcm);
		double dd = (double)h / (double)lcm;
		double p = sim_stat_ks_exact_sf(n, m, h);
		if (isnan(p))
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory in ks test");
		out->statistic = dd;
		out->pvalue = p;
		out->method = SIM_KS_EXACT;
		return 0;
	}
	double en = dn * dm / (dn + dm);
	out->statistic = d;
	out->pvalue = sim_stat_kolmogorov_sf(sqrt(en) * d);
	out->method = SIM_KS_ASYMP;
	return 0;
}

int sim_stat_ks_sorted(const double *x, size_t n, const double *y, size_t m,
		       int method, sim_ks_result *out, common_error *err)
{
	if (n == 0 || m == 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"empty sample in two-sample ks test");
	/* D exactly as scipy computes it: at every sample value v,
	 * cdf1 = #{x <= v}/n, cdf2 = #{y <= v}/m, D = max |cdf1 - cdf2|. */
	double dn = (double)n, dm = (double)m, d = 0;
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		double v;
		if (j >= m || (i < n && x[i] <= y[j]))
			v = x[i];
		else
			v = y[j];
		while (i < n && x[i] <= v)
			i++;
		while (j < m && y[j] <= v)
			j++;
		double diff = (double)i / dn - (double)j / dm;
		if (diff < 0)
			diff = -diff;
		if (diff > d)
			d = diff;
	}
	return ks_finish(d, n, m, method, out, err);
}

/* One step of the merged walk: v is the next distinct value of the union;
 * the Wasserstein term of the gap before it uses the ECDF difference f of
 * the previous step (as sim_stat_wasserstein_sorted does: same operations,
 * same order, so the same bits), then both samples move past v and the KS
 * difference at v is taken (as sim_stat_ks_sorted does). */
#define MERGE_STEP(ADVANCE)                                              \
	do {                                                             \
		if (c) {                                                 \
			double term = f * (v - prev);                    \
			double t = sum + term;                           \
			if (fabs(sum) >= fabs(term))                     \
				comp += (sum - t) + term;                \
			else                                             \
				comp += (term - t) + sum;                \
			sum = t;                                         \
		}                                                        \
		ADVANCE;                                                 \
		while (i < n && x[i] <= v)                               \
			i++;                                             \
		while (j < m && y[j] <= v)                               \
			j++;                                             \
		double diff = (double)i / dn - (double)j / dm;          \
		if (diff < 0)                                            \
			diff = -diff;                                    \
		if (diff > d)                                            \
			d = diff;                                        \
		f = diff;                                                \
		prev = v;                                                \
		c++;                                                     \
	} while (0)

int sim_stat_merge_sorted(const double *x, size_t n, const double *y,
			  size_t m, int ks_method, sim_stat_merged *out,
			  common_error *err)
{
	if (n == 0 || m == 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"empty sample in two-sample ks test");
	double dn = (double)n, dm = (double)m, d = 0;
	double sum = 0, comp = 0, prev = 0, f = 0;
	size_t i = 0, j = 0, c = 0;
	/* While both samples have values: take the smaller head without a
	 * branch on which one it is (the merge order of two similar samples
	 * is a coin toss the predictor cannot learn); ties go through the
	 * loops of MERGE_STEP. */
	while (i < n && j < m) {
		double a = x[i], b = y[j];
		double v = b < a ? b : a;
		MERGE_STEP((i += a <= v, j += b <= v));
	}
	while (i < n || j < m) {
		double v = (j >= m || (i < n && x[i] <= y[j])) ? x[i] : y[j];
		MERGE_STEP((void)0);
	}
	out->wasserstein = sum + comp;
	out->distinct = c;
	return ks_finish(d, n, m, ks_method, &out->ks, err);
}
