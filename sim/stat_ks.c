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

/* The radix sort: keys are the IEEE bits made unsigned-ordered (dkey).
 * Most significant digit first, 8 bits at a time, while a run is larger
 * than LEAF_MAX keys: each such pass moves the keys once through main
 * memory into 256 runs; digits every key shares are skipped without moving
 * anything (they cost a counting pass). A run of at most LEAF_MAX keys
 * (256 KiB, with its scratch within the L2 cache) is finished least
 * significant digit first on the bits below, where the passes run in
 * cache, and runs of at most SMALL keys by insertion. Versus six 11-bit
 * LSD passes through main memory this is about a fifth faster on a
 * million values, with the same result: a sort by key is unique. */
enum { MSD_BITS = 8, LEAF_MAX = 1 << 15, SMALL = 48, DIGIT = 8 };

static void keys_to_doubles(uint64_t *a, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double d = dval(a[i]);
		memcpy(&a[i], &d, sizeof d);
	}
}

/* Sorts keys a[0..n), equal above their low `bits` bits, with t[0..n) as
 * scratch; the result, as doubles, ends in a when in_a, else in t. */
static void sort_leaf(uint64_t *a, uint64_t *t, size_t n, int bits, int in_a)
{
	uint64_t *out = in_a ? a : t;
	if (n <= SMALL) {
		if (!in_a)
			memcpy(t, a, n * sizeof *t);
		for (size_t i = 1; i < n; i++) {
			uint64_t k = out[i];
			size_t j = i;
			for (; j > 0 && out[j - 1] > k; j--)
				out[j] = out[j - 1];
			out[j] = k;
		}
		keys_to_doubles(out, n);
		return;
	}
	enum { R = 1 << DIGIT };
	int passes = (bits + DIGIT - 1) / DIGIT;
	size_t h[(64 + DIGIT - 1) / DIGIT][R];
	memset(h, 0, sizeof h[0] * (size_t)passes);
	for (size_t i = 0; i < n; i++) {
		uint64_t k = a[i];
		for (int p = 0; p < passes; p++)
			h[p][(k >> (p * DIGIT)) & (R - 1)]++;
	}
	uint64_t *buf[2] = {a, t};
	int cur = 0;
	for (int p = 0; p < passes; p++) {
		size_t *hp = h[p], sum = 0;
		int trivial = 0;
		for (size_t d = 0; d < R; d++) {
			if (hp[d] == n) {
				trivial = 1;
				break;
			}
			if (hp[d])
				break;
		}
		if (trivial)
			continue;
		for (size_t d = 0; d < R; d++) {
			size_t c = hp[d];
			hp[d] = sum;
			sum += c;
		}
		const uint64_t *src = buf[cur];
		uint64_t *dst = buf[cur ^ 1];
		int shift = p * DIGIT;
		for (size_t i = 0; i < n; i++) {
			uint64_t k = src[i];
			dst[hp[(k >> shift) & (R - 1)]++] = k;
		}
		cur ^= 1;
	}
	if (buf[cur] != out)
		memcpy(out, buf[cur], n * sizeof *out);
	keys_to_doubles(out, n);
}

/* As sort_leaf, splitting larger runs on their top digit first. */
static void sort_keys(uint64_t *a, uint64_t *t, size_t n, int bits, int in_a)
{
	enum { R = 1 << MSD_BITS };
	while (n > LEAF_MAX && bits > 2 * DIGIT) {
		int shift = bits - MSD_BITS;
		size_t h[R + 1] = {0}, pos[R], sum = 0;
		for (size_t i = 0; i < n; i++)
			h[(a[i] >> shift) & (R - 1)]++;
		int shared = 0;
		for (size_t d = 0; d < R; d++)
			shared |= h[d] == n;
		if (shared) {
			bits = shift; /* every key has this digit */
			continue;
		}
		for (size_t d = 0; d < R; d++) {
			size_t c = h[d];
			h[d] = pos[d] = sum;
			sum += c;
		}
		h[R] = n;
		for (size_t i = 0; i < n; i++) {
			uint64_t k = a[i];
			t[pos[(k >> shift) & (R - 1)]++] = k;
		}
		/* The runs are in t now, a is their scratch. */
		for (size_t d = 0; d < R; d++)
			if (h[d + 1] > h[d])
				sort_keys(t + h[d], a + h[d], h[d + 1] - h[d], shift, !in_a);
		return;
	}
	sort_leaf(a, t, n, bits, in_a);
}

/* Decimal data. Values read from text with a fixed number of decimals
 * (a typical export) are all +-m / 10^F for one F and small integers m.
 * Then the order of the 32-bit integers 2m (and -2m-1 for negative
 * values, so -0.0 sorts before +0.0) is the order of the values, and
 * sorting 4-byte integers takes half the memory traffic and half the
 * passes of 8-byte keys. Every value is checked to come back bit for bit
 * from its integer (|m| / 10^F, one correctly rounded division, negated
 * when negative) before this path is taken, and the sorted values are
 * rebuilt the same way, so the result is the same array the general sort
 * gives (a sorted array of given values is unique, -0.0 before +0.0). */
enum { DEC_MAX_F = 9, DEC_SAMPLE = 64 };
#define DEC_MAX_M 1073741823.0 /* 2^30 - 1: 2m + 1 fits in 31 bits */

static const double dec_p10[DEC_MAX_F + 1] = {1e0, 1e1, 1e2, 1e3, 1e4,
					     1e5, 1e6, 1e7, 1e8, 1e9};

/* The 32-bit key of v at F decimals, or 0 with *ok cleared when v is not
 * such a value (keys are biased: 0 is never a valid one's only witness). */
static inline uint32_t dec_key(double v, int f, int *ok)
{
	double a = fabs(v) * dec_p10[f];
	if (!(a <= DEC_MAX_M)) {
		*ok = 0;
		return 0;
	}
	uint32_t m = (uint32_t)(a + 0.5);
	double back = (double)m / dec_p10[f];
	uint64_t b1, b2;
	memcpy(&b1, &back, sizeof b1);
	memcpy(&b2, &v, sizeof b2);
	uint64_t sign = b2 & 0x8000000000000000ull;
	*ok &= (b1 | sign) == b2;
	/* without branches (the sign is a coin toss): ~(2m) = -2m - 1 */
	uint32_t neg = (uint32_t)0 - (uint32_t)(sign >> 63);
	return ((2 * m) ^ neg) ^ 0x80000000u;
}

static inline double dec_value(uint32_t u, int f)
{
	uint32_t k = u ^ 0x80000000u;
	uint32_t neg = (uint32_t)0 - (k >> 31);
	double v = (double)((k ^ neg) / 2) / dec_p10[f];
	uint64_t b;
	memcpy(&b, &v, sizeof b);
	b |= (uint64_t)(neg & 1) << 63;
	memcpy(&v, &b, sizeof v);
	return v;
}

/* Sorts x as decimal data with the scratch of 2n 32-bit words in t;
 * returns 0 (x left untouched) when x is not decimal data. */
static int sort_decimal(double *x, size_t n, uint32_t *t)
{
	int f = 0;
	for (size_t i = 0; i < n && i < DEC_SAMPLE; i++) {
		int g = f, ok = 0;
		for (; g <= DEC_MAX_F && !ok; g++) {
			ok = 1;
			dec_key(x[i], g, &ok);
		}
		if (!ok)
			return 0;
		f = g - 1;
	}
	uint32_t *a = t, *b = t + n;
	int ok = 1;
	enum { BITS = 8, R = 1 << BITS };
	size_t h[4][R];
	memset(h, 0, sizeof h);
	for (size_t i = 0; i < n; i++) {
		uint32_t k = dec_key(x[i], f, &ok);
		a[i] = k;
		h[0][k & (R - 1)]++;
		h[1][(k >> BITS) & (R - 1)]++;
		h[2][(k >> (2 * BITS)) & (R - 1)]++;
		h[3][k >> (3 * BITS)]++;
	}
	if (!ok)
		return 0;
	for (int p = 0; p < 4; p++) {
		size_t *hp = h[p], sum = 0;
		int trivial = 0;
		for (size_t d = 0; d < R && !trivial; d++)
			trivial = hp[d] == n;
		if (trivial)
			continue;
		for (size_t d = 0; d < R; d++) {
			size_t c = hp[d];
			hp[d] = sum;
			sum += c;
		}
		int shift = p * BITS;
		for (size_t i = 0; i < n; i++) {
			uint32_t k = a[i];
			b[hp[(k >> shift) & (R - 1)]++] = k;
		}
		uint32_t *tmp = a;
		a = b;
		b = tmp;
	}
	for (size_t i = 0; i < n; i++)
		x[i] = dec_value(a[i], f);
	return 1;
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
	uint64_t *a = (uint64_t *)x; /* same size, reused in place */
	uint64_t *t = malloc(n * sizeof *t);
	if (!t)
		return COMMON_EIO;
	if (sort_decimal(x, n, (uint32_t *)(void *)t)) {
		free(t);
		return 0;
	}
	uint64_t lo = UINT64_MAX, hi = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t k = dkey(x[i]);
		a[i] = k;
		lo = k < lo ? k : lo;
		hi = k > hi ? k : hi;
	}
	/* Bits above the highest one where the smallest and largest keys
	 * differ are shared by every key. */
	int bits = lo == hi ? 0 : 64 - __builtin_clzll(lo ^ hi);
	sort_keys(a, t, n, bits, 1);
	free(t);
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
