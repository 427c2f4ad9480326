/* tests/sim/test_detect.c: DDM, Page-Hinkley and ADWIN (sim/detect_*.c).
 *
 * Two kinds of reference:
 * - River's documentation examples: the streams were regenerated with the
 *   same Python generators by tests/data/sim/detect/make_streams.py (which
 *   also checks that a transcription of River's code prints the documented
 *   indices on them); the indices asserted here are the ones printed in
 *   River's docstrings (river/drift/binary/ddm.py, page_hinkley.py,
 *   adwin.py), so they come from River itself, not from this code.
 * - short sequences worked out by hand below, step by step;
 * - for ADWIN also its plain pre-optimisation code, transcribed below:
 *   the two must agree bit for bit on millions of values. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "sim/detect.h"

#define MAX_STREAM 4096

static size_t load_stream(const char *name, double *x)
{
	const char *src = getenv("MLOPSKIT_SRC");
	char path[4096], line[64];
	size_t n = 0;
	snprintf(path, sizeof path, "%s/tests/data/sim/detect/%s",
		 src ? src : ".", name);
	FILE *fp = fopen(path, "r");
	ck_assert_msg(fp != NULL, "cannot open '%s'", path);
	while (fgets(line, sizeof line, fp) != NULL) {
		char *end;
		/* plain checks: a passing ck_assert costs a message to the
		 * parent process, too slow per line */
		if (n >= MAX_STREAM)
			ck_abort_msg("'%s' too long", path);
		x[n] = strtod(line, &end);
		if (end == line || (*end != '\n' && *end != '\0'))
			ck_abort_msg("bad line '%s' in '%s'", line, path);
		n++;
	}
	fclose(fp);
	return n;
}

/* River's DDM docstring prints the first warning after the start and
 * after each change, and every change: warning 1084, change 1334,
 * warning 1492 (and nothing else) on its 2000-value stream. */
START_TEST(test_ddm_river_doc)
{
	static double x[MAX_STREAM];
	size_t n = load_stream("ddm_river.txt", x);
	long printed[8], kinds[8];
	int np = 0, armed = 1;
	sim_ddm d;
	ck_assert_uint_eq(n, 2000);
	ck_assert_int_eq(sim_ddm_init(&d, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		enum sim_detect_signal s = sim_ddm_update(&d, x[i] != 0);
		if (s == SIM_DETECT_WARNING && armed) {
			ck_assert_int_lt(np, 8);
			kinds[np] = s;
			printed[np++] = (long)i;
			armed = 0;
		}
		if (s == SIM_DETECT_DRIFT) {
			ck_assert_int_lt(np, 8);
			kinds[np] = s;
			printed[np++] = (long)i;
			armed = 1;
		}
	}
	ck_assert_int_eq(np, 3);
	ck_assert_int_eq(kinds[0], SIM_DETECT_WARNING);
	ck_assert_int_eq(printed[0], 1084);
	ck_assert_int_eq(kinds[1], SIM_DETECT_DRIFT);
	ck_assert_int_eq(printed[1], 1334);
	ck_assert_int_eq(kinds[2], SIM_DETECT_WARNING);
	ck_assert_int_eq(printed[2], 1492);
}
END_TEST

/* By hand, n_min = 2, warning 2, drift 3, on 0 1 0 0 0 0 1 1 1 1 0
 * (p = errors / n, s = sqrt(p (1 - p) / n); no test while n <= 2):
 *   n=3  p=.33333 s=.27217 p+s=.60550  first minimum
 *   n=4  p=.25000 s=.21651 p+s=.46651  new minimum
 *   n=5  p=.20000 s=.17889 p+s=.37889  new minimum
 *   n=6  p=.16667 s=.15215 p+s=.31881  new minimum: warning above
 *        .16667 + 2 * .15215 = .47096, drift above .16667 + 3 * .15215
 *        = .62311
 *   n=7  p=.28571 s=.17075 p+s=.45646  none
 *   n=8  p=.37500 s=.17116 p+s=.54616  warning (index 7)
 *   n=9  p=.44444 s=.16564 p+s=.61008  warning (index 8)
 *   n=10 p=.50000 s=.15811 p+s=.65811  drift (index 9)
 *   then the detector restarts: n=1, none (index 10). */
START_TEST(test_ddm_by_hand)
{
	static const int x[] = { 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 0 };
	static const enum sim_detect_signal want[] = {
		SIM_DETECT_NONE,    SIM_DETECT_NONE,    SIM_DETECT_NONE,
		SIM_DETECT_NONE,    SIM_DETECT_NONE,    SIM_DETECT_NONE,
		SIM_DETECT_NONE,    SIM_DETECT_WARNING, SIM_DETECT_WARNING,
		SIM_DETECT_DRIFT,   SIM_DETECT_NONE,
	};
	sim_ddm_params par = { 2, 2.0, 3.0 };
	sim_ddm d;
	ck_assert_int_eq(sim_ddm_init(&d, &par, NULL), 0);
	for (int i = 0; i < 11; i++)
		ck_assert_msg(sim_ddm_update(&d, x[i]) == want[i],
			      "index %d", i);
	ck_assert_double_eq(sim_ddm_error_rate(&d), 0); /* n=1, no error */
}
END_TEST

/* DDM's known edge (in Gama et al., MOA and River alike): 31 correct
 * predictions give p = s = 0 at the minimum, so the first error after the
 * warm-up is already a drift: index 31 with the defaults. */
START_TEST(test_ddm_zero_minimum)
{
	sim_ddm d;
	ck_assert_int_eq(sim_ddm_init(&d, NULL, NULL), 0);
	for (int i = 0; i < 31; i++)
		ck_assert_int_eq(sim_ddm_update(&d, 0), SIM_DETECT_NONE);
	ck_assert_int_eq(sim_ddm_update(&d, 1), SIM_DETECT_DRIFT);
	/* fewer than n_min + 1 updates never signal */
	sim_ddm_reset(&d);
	for (int i = 0; i < 30; i++)
		ck_assert_int_eq(sim_ddm_update(&d, i % 2), SIM_DETECT_NONE);
}
END_TEST

static long ph_drifts(const double *x, size_t n, long *at, int max)
{
	sim_ph h;
	long k = 0;
	ck_assert_int_eq(sim_ph_init(&h, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++)
		if (sim_ph_update(&h, x[i]) == SIM_DETECT_DRIFT) {
			ck_assert_int_lt(k, max);
			at[k++] = (long)i;
		}
	return k;
}

/* River's PageHinkley docstrings: "Change detected at index 1006" on the
 * random.Random(12345) stream (river >= 0.15) and "at index 1009" on the
 * numpy seed 12345 stream (river 0.8 to 0.10). */
START_TEST(test_ph_river_doc)
{
	static double x[MAX_STREAM];
	long at[8];
	size_t n = load_stream("ph_river.txt", x);
	ck_assert_uint_eq(n, 2000);
	ck_assert_int_eq(ph_drifts(x, n, at, 8), 1);
	ck_assert_int_eq(at[0], 1006);
	n = load_stream("np12345.txt", x);
	ck_assert_uint_eq(n, 2000);
	ck_assert_int_eq(ph_drifts(x, n, at, 8), 1);
	ck_assert_int_eq(at[0], 1009);
}
END_TEST

/* By hand, delta 0.1, lambda 1, alpha 0.5, min_instances 2, on 1 0 2 2 5
 * (mean_T = mean_{T-1} + (x - mean_{T-1}) / T;
 *  m_T = max(0, alpha m_{T-1} + x - mean_T - delta); count = T + 1):
 *   x=1: mean 1.00, m = max(0, 1 - 1 - .1)           = 0    none
 *   x=0: mean 0.50, m = max(0, 0 - .5 - .1)          = 0    none
 *   x=2: mean 1.00, m = max(0, 2 - 1 - .1)           = .9   none
 *   x=2: mean 1.25, m = .5 * .9 + (2 - 1.25 - .1)    = 1.1  drift (>= 1)
 *   x=5: restart: mean 5, m = max(0, 5 - 5 - .1)     = 0    none
 * Without forgetting (alpha 1) the fourth sum would be 1.55. */
START_TEST(test_ph_by_hand)
{
	static const double x[] = { 1, 0, 2, 2, 5 };
	sim_ph_params par = { 2, 0.1, 1.0, 0.5 };
	sim_ph h;
	ck_assert_int_eq(sim_ph_init(&h, &par, NULL), 0);
	for (int i = 0; i < 5; i++) {
		enum sim_detect_signal s = sim_ph_update(&h, x[i]);
		ck_assert_int_eq(s, i == 3 ? SIM_DETECT_DRIFT : SIM_DETECT_NONE);
		if (i == 2)
			ck_assert_double_eq_tol(h.sum, 0.9, 1e-15);
		if (i == 3)
			ck_assert_double_eq_tol(h.sum, 1.1, 1e-15);
	}
	/* a decrease of the mean is never a drift for this one-sided test */
	sim_ph_reset(&h);
	int drifts = 0;
	for (int i = 0; i < 1000; i++)
		drifts += sim_ph_update(&h, i < 500 ? 1.0 : 0.0) !=
			  SIM_DETECT_NONE;
	ck_assert_int_eq(drifts, 0);
}
END_TEST

static long adwin_drifts(const double *x, size_t n, long *at, int max)
{
	sim_adwin a;
	long k = 0;
	ck_assert_int_eq(sim_adwin_init(&a, NULL, NULL), 0);
	for (size_t i = 0; i < n; i++) {
		if (sim_adwin_update(&a, x[i]) == SIM_DETECT_DRIFT) {
			ck_assert_int_lt(k, max);
			at[k++] = (long)i;
		}
		/* the histogram accounts for the whole window, every row
		 * within its bucket budget */
		double w = 0;
		for (int r = 0; r < a.rows; r++) {
			if (a.len[r] > a.par.max_buckets)
				ck_abort_msg("row %d overfull at %zu", r, i);
			w += a.len[r] * ldexp(1.0, r);
		}
		if (w != sim_adwin_width(&a))
			ck_abort_msg("histogram holds %g of %g values at %zu",
				     w, sim_adwin_width(&a), i);
	}
	ck_assert_int_eq(sim_adwin_detections(&a), k);
	return k;
}

/* River's ADWIN docstring (river 0.8 to 0.10): changes at 1023, 1055,
 * 1087 and 1119 on the numpy seed 12345 stream. */
START_TEST(test_adwin_river_doc)
{
	static double x[MAX_STREAM];
	long at[8];
	size_t n = load_stream("np12345.txt", x);
	ck_assert_int_eq(adwin_drifts(x, n, at, 8), 4);
	ck_assert_int_eq(at[0], 1023);
	ck_assert_int_eq(at[1], 1055);
	ck_assert_int_eq(at[2], 1087);
	ck_assert_int_eq(at[3], 1119);
}
END_TEST

/* Deterministic steps; the indices are those printed by the Python
 * transcription in make_streams.py. The cut is tested every 32 updates
 * (indices 31, 63, ...): 320 zeros then 320 ones is first cut at the first
 * test after the step (351), and twice more while the old zeros drain. */
START_TEST(test_adwin_steps)
{
	static double x[640];
	long at[8];
	for (int i = 0; i < 640; i++)
		x[i] = i < 320 ? 0 : 1;
	ck_assert_int_eq(adwin_drifts(x, 640, at, 8), 3);
	ck_assert_int_eq(at[0], 351);
	ck_assert_int_eq(at[1], 383);
	ck_assert_int_eq(at[2], 415);
	for (int i = 0; i < 200; i++)
		x[i] = i < 100 ? 0.2 : 0.8;
	ck_assert_int_eq(adwin_drifts(x, 200, at, 8), 1);
	ck_assert_int_eq(at[0], 191);
}
END_TEST

/* A constant stream never drifts, and the window keeps every value. */
START_TEST(test_adwin_constant)
{
	sim_adwin a;
	ck_assert_int_eq(sim_adwin_init(&a, NULL, NULL), 0);
	int drifts = 0;
	for (int i = 0; i < 20000; i++)
		drifts += sim_adwin_update(&a, 0.25) != SIM_DETECT_NONE;
	ck_assert_int_eq(drifts, 0);
	ck_assert_double_eq(sim_adwin_width(&a), 20000);
	ck_assert_double_eq_tol(sim_adwin_mean(&a), 0.25, 1e-15);
	sim_adwin_reset(&a);
	ck_assert_double_eq(sim_adwin_width(&a), 0);
	ck_assert_double_eq(sim_adwin_mean(&a), 0);
}
END_TEST

/* ---- ADWIN against its pre-optimisation code ---------------------------- */

/* sim/detect_adwin.c as it was before it was made faster (commit 3a61a41),
 * transcribed with ref_ names: River's adwin_c.pyx order of floating-point
 * operations, buckets in plain arrays, every boundary's cut test through
 * the divisions. The optimised detector must agree with it bit for bit:
 * the same detections, window and buckets. */
typedef struct ref_adwin {
	sim_adwin_params par;
	int rows;
	int len[SIM_ADWIN_ROWS];
	double tot[SIM_ADWIN_ROWS][SIM_ADWIN_MAX_BUCKETS_LIMIT + 1];
	double var[SIM_ADWIN_ROWS][SIM_ADWIN_MAX_BUCKETS_LIMIT + 1];
	double width, total, variance;
	long tick;
	long detections;
} ref_adwin;

static void ref_adwin_init(ref_adwin *a, const sim_adwin_params *par)
{
	a->par = *par;
	a->rows = 1;
	memset(a->len, 0, sizeof a->len);
	a->width = a->total = a->variance = 0;
	a->tick = 0;
	a->detections = 0;
}

static double ref_adwin_pow2(int r)
{
	return (double)(1ULL << r);
}

static void ref_adwin_shift_row(ref_adwin *a, int r, int k)
{
	int n = a->len[r] - k;
	memmove(a->tot[r], a->tot[r] + k, (size_t)n * sizeof a->tot[r][0]);
	memmove(a->var[r], a->var[r] + k, (size_t)n * sizeof a->var[r][0]);
	a->len[r] = n;
}

static void ref_adwin_compress(ref_adwin *a)
{
	const int m = a->par.max_buckets;

	for (int r = 0; r < a->rows && a->len[r] == m + 1; r++) {
		if (r + 1 == a->rows) {
			if (a->rows == SIM_ADWIN_ROWS)
				return;
			a->len[a->rows++] = 0;
		}
		double n1 = ref_adwin_pow2(r), n2 = n1;
		double mu1 = a->tot[r][0] / n1, mu2 = a->tot[r][1] / n2;
		double total12 = a->tot[r][0] + a->tot[r][1];
		double temp = n1 * n2 * (mu1 - mu2) * (mu1 - mu2) / (n1 + n2);
		int j = a->len[r + 1]++;
		a->tot[r + 1][j] = total12;
		a->var[r + 1][j] = a->var[r][0] + a->var[r][1] + temp;
		ref_adwin_shift_row(a, r, 2);
		if (a->len[r + 1] <= m)
			break;
	}
}

static void ref_adwin_insert(ref_adwin *a, double x)
{
	int j = a->len[0]++;
	a->tot[0][j] = x;
	a->var[0][j] = 0;
	a->width += 1;
	if (a->width > 1.0) {
		double mu = a->total / (a->width - 1.0);
		a->variance += (a->width - 1.0) * (x - mu) * (x - mu) / a->width;
	}
	a->total += x;
	ref_adwin_compress(a);
}

static double ref_adwin_delete_oldest(ref_adwin *a)
{
	int r = a->rows - 1;
	double n = ref_adwin_pow2(r), u = a->tot[r][0], v = a->var[r][0];
	double mu = u / n;

	a->width -= n;
	a->total -= u;
	double mu_w = a->total / a->width;
	a->variance -= v + n * a->width * (mu - mu_w) * (mu - mu_w) /
				   (n + a->width);
	ref_adwin_shift_row(a, r, 1);
	if (a->len[r] == 0 && a->rows > 1)
		a->rows--;
	return n;
}

static int ref_adwin_cut(double dp, double var, double mw, double n0,
			 double n1, double dmean)
{
	double m = (1.0 / (n0 - mw + 1)) + (1.0 / (n1 - mw + 1));
	double q = 2 * m * var * dp, t = 2.0 / 3 * dp * m;
	double ad = fabs(dmean);
	if (!(ad > t))
		return 0;
	double e = ad - t;
	if (e > 1e-6 * ad && e * e * (1 + 1e-9) < q)
		return 0;
	double eps = sqrt(q) + t;
	return ad > eps;
}

static int ref_adwin_detect(ref_adwin *a)
{
	int change = 0, again = 1;
	double mw = (double)a->par.min_window;

	a->tick++;
	if (a->tick % a->par.clock != 0 || !(a->width > (double)a->par.grace))
		return 0;
	while (again) {
		double n0 = 0, n1 = a->width, u0 = 0, u1 = a->total;
		double dp = log(2 * log(a->width) / a->par.delta);
		double var = fmax(0.0, a->variance / a->width);
		int stop = 0;
		again = 0;
		for (int r = a->rows - 1; r >= 0 && !stop; r--) {
			double size = ref_adwin_pow2(r);
			for (int k = 0; k < a->len[r] - 1; k++) {
				n0 += size;
				n1 -= size;
				u0 += a->tot[r][k];
				u1 -= a->tot[r][k];
				if (n1 >= mw && n0 >= mw &&
				    ref_adwin_cut(dp, var, mw, n0, n1,
						  (u0 / n0) - (u1 / n1))) {
					again = change = 1;
					if (a->width > 0)
						n0 -= ref_adwin_delete_oldest(a);
					stop = 1;
					break;
				}
			}
		}
	}
	if (change)
		a->detections++;
	return change;
}

static int ref_adwin_update(ref_adwin *a, double x)
{
	ref_adwin_insert(a, x);
	return ref_adwin_detect(a);
}

/* Bucket k (0 = oldest) of row r of the optimised detector. */
static void adwin_bucket(const sim_adwin *a, int r, int k, double *tot,
			 double *var)
{
	int i = (a->head[r] + k) % SIM_ADWIN_RING;
	*tot = a->tot[r][i];
	*var = a->var[r][i];
}

/* The same bits, or both NaN (a NaN's payload depends on which operand
 * the compiler put first). */
static int same(double x, double y)
{
	return memcmp(&x, &y, sizeof x) == 0 || (isnan(x) && isnan(y));
}

/* The whole window and its buckets agree; 0 or a description. */
static const char *adwin_differs(const sim_adwin *a, const ref_adwin *b)
{
	if (!same(a->width, b->width) || !same(a->total, b->total) ||
	    !same(a->variance, b->variance))
		return "window width, total or variance";
	if (a->rows != b->rows)
		return "rows";
	for (int r = 0; r < b->rows; r++) {
		if (a->len[r] != b->len[r])
			return "buckets in a row";
		for (int k = 0; k < b->len[r]; k++) {
			double t, v;
			adwin_bucket(a, r, k, &t, &v);
			if (!same(t, b->tot[r][k]) || !same(v, b->var[r][k]))
				return "a bucket";
		}
	}
	return NULL;
}

/* Feeds x to the reference value by value, and to the optimised detector
 * both value by value (sim_adwin_update) and in pieces of 1 to 100 values
 * (sim_adwin_feed): every detection at the same index, the windows
 * compared every 1000 values, after each piece and at the end. Returns
 * the detections. */
static long adwin_versus_ref(const sim_adwin_params *par, const double *x,
			     size_t n, gsl_rng *rng, const char *name)
{
	static ref_adwin b;
	sim_adwin a, c;
	size_t i = 0;
	ck_assert_int_eq(sim_adwin_init(&a, par, NULL), 0);
	ck_assert_int_eq(sim_adwin_init(&c, par, NULL), 0);
	ref_adwin_init(&b, par);
	while (i < n) {
		size_t len = 1 + gsl_rng_uniform_int(rng, 100), used;
		if (len > n - i)
			len = n - i;
		int piece = sim_adwin_feed(&c, x + i, len, &used) ==
			    SIM_DETECT_DRIFT;
		int want = 0;
		for (size_t end = i + used; i < end; i++) {
			int got = sim_adwin_update(&a, x[i]) ==
				  SIM_DETECT_DRIFT;
			want = ref_adwin_update(&b, x[i]);
			/* plain checks: a passing ck_assert per value is too
			 * slow */
			if (got != want)
				ck_abort_msg("%s: drift %d, reference %d at %zu",
					     name, got, want, i);
			if (want && i + 1 < end)
				ck_abort_msg("%s: a piece went past the drift "
					     "at %zu", name, i);
			const char *what =
				(i % 1000 == 999 || i + 1 == n || want)
					? adwin_differs(&a, &b)
					: NULL;
			if (what)
				ck_abort_msg("%s: %s differs at %zu", name,
					     what, i);
		}
		if (piece != want)
			ck_abort_msg("%s: piece drift %d, reference %d at %zu",
				     name, piece, want, i - 1);
		const char *what = adwin_differs(&c, &b);
		if (what)
			ck_abort_msg("%s: fed in pieces, %s differs at %zu",
				     name, what, i - 1);
	}
	ck_assert_int_eq(sim_adwin_detections(&a), b.detections);
	ck_assert_int_eq(sim_adwin_detections(&c), b.detections);
	return b.detections;
}

enum { DIFF_N = 1000000, DIFF_STEP = 50000 };

/* 0/1 values whose rate changes every DIFF_STEP values. */
static void bernoulli_stream(gsl_rng *rng, double *x, size_t n)
{
	static const double rate[] = { 0.05, 0.3, 0.02, 0.07, 0.5, 0.15 };
	for (size_t i = 0; i < n; i++)
		x[i] = gsl_rng_uniform(rng) <
		       rate[(i / DIFF_STEP) % (sizeof rate / sizeof rate[0])];
}

/* Gaussians whose mean and spread change every DIFF_STEP / 5 values. */
static void gaussian_stream(gsl_rng *rng, double *x, size_t n)
{
	static const double mean[] = { 0, 0.3, -1, -1, 5 };
	static const double sd[] = { 1, 1, 0.1, 3, 1 };
	for (size_t i = 0; i < n; i++) {
		size_t j = (i / (DIFF_STEP / 5)) % 5;
		x[i] = mean[j] + sd[j] * gsl_ran_gaussian_ziggurat(rng, 1.0);
	}
}

/* Magnitudes from subnormal to near overflow, both signs, and zeros. */
static void extreme_stream(gsl_rng *rng, double *x, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		double e = -1074 + 2097 * gsl_rng_uniform(rng);
		double s = gsl_rng_uniform(rng) < 0.5 ? -1 : 1;
		x[i] = gsl_rng_uniform(rng) < 0.1 ? 0 : s * ldexp(1.5, (int)e);
	}
}

START_TEST(test_adwin_versus_reference)
{
	static double x[DIFF_N];
	const sim_adwin_params def = { SIM_ADWIN_DELTA, SIM_ADWIN_CLOCK,
				       SIM_ADWIN_MAX_BUCKETS,
				       SIM_ADWIN_MIN_WINDOW, SIM_ADWIN_GRACE };
	/* clock 1 tests after every value: shorter streams */
	const sim_adwin_params custom[] = {
		{ 0.002, 1, 5, 5, 10 },   { 0.002, 32, 2, 5, 10 },
		{ 0.002, 32, 16, 5, 10 }, { 0.002, 32, 5, 1, 0 },
		{ 0.1, 1, 2, 1, 0 },      { 1e-9, 7, 16, 30, 100 },
	};
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	gsl_rng_set(rng, 20240917);

	bernoulli_stream(rng, x, DIFF_N);
	ck_assert_int_gt(adwin_versus_ref(&def, x, DIFF_N, rng, "bernoulli"),
			 30);
	for (size_t c = 0; c < sizeof custom / sizeof custom[0]; c++)
		adwin_versus_ref(&custom[c], x,
				 custom[c].clock == 1 ? DIFF_N / 10 : DIFF_N / 2,
				 rng, "bernoulli, custom");

	gaussian_stream(rng, x, DIFF_N / 2);
	ck_assert_int_gt(
		adwin_versus_ref(&def, x, DIFF_N / 2, rng, "gaussian"), 30);
	for (size_t c = 0; c < sizeof custom / sizeof custom[0]; c++)
		adwin_versus_ref(&custom[c], x, DIFF_N / 10, rng,
				 "gaussian, custom");

	/* the screen's rounding margins where they matter: a large offset
	 * (means differ in their last digits), subnormal values */
	gaussian_stream(rng, x, DIFF_N / 10);
	for (size_t i = 0; i < DIFF_N / 10; i++)
		x[i] = 1e12 + x[i] * 1e-3;
	adwin_versus_ref(&def, x, DIFF_N / 10, rng, "offset");
	gaussian_stream(rng, x, DIFF_N / 10);
	for (size_t i = 0; i < DIFF_N / 10; i++)
		x[i] *= 0x1p-1060;
	adwin_versus_ref(&def, x, DIFF_N / 10, rng, "subnormal");

	extreme_stream(rng, x, DIFF_N / 10);
	adwin_versus_ref(&def, x, DIFF_N / 10, rng, "extreme");
	adwin_versus_ref(&custom[4], x, DIFF_N / 20, rng,
			 "extreme, custom");
	for (int i = 0; i < 10000; i++)
		x[i] = i == 5000 ? INFINITY : i == 7000 ? NAN : 0.5;
	adwin_versus_ref(&def, x, 10000, rng, "inf and nan");

	for (int i = 0; i < 200000; i++)
		x[i] = 0.1;
	ck_assert_int_eq(adwin_versus_ref(&def, x, 200000, rng, "constant"),
			 0);
	gsl_rng_free(rng);
}
END_TEST

START_TEST(test_bad_params)
{
	common_error err = { 0 };
	sim_ddm d;
	sim_ph h;
	sim_adwin a;
	sim_ddm_params dp = { 30, 2, 1 };
	sim_ph_params pp = { 30, 0.005, 50, 1.5 };
	sim_adwin_params ap = { 0.002, 32, 1, 5, 10 };

	ck_assert_int_eq(sim_ddm_init(&d, &dp, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad ddm drift level 'drift' 1 (want >= "
				  "warning 2)");
	ck_assert_int_eq(sim_ph_init(&h, &pp, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad page-hinkley forgetting factor 'alpha' "
				  "1.5 (want 0 < alpha <= 1)");
	ck_assert_int_eq(sim_adwin_init(&a, &ap, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad adwin bucket count 'max_buckets' 1 "
				  "(want 2..16)");
	ap.max_buckets = 5;
	ap.delta = 1;
	ck_assert_int_eq(sim_adwin_init(&a, &ap, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "bad adwin confidence 'delta' 1 (want 0 < "
				  "delta < 1)");
}
END_TEST

Suite *test_detect_suite(void)
{
	Suite *s = suite_create("detect");
	TCase *tc = tcase_create("detect");
	tcase_add_test(tc, test_ddm_river_doc);
	tcase_add_test(tc, test_ddm_by_hand);
	tcase_add_test(tc, test_ddm_zero_minimum);
	tcase_add_test(tc, test_ph_river_doc);
	tcase_add_test(tc, test_ph_by_hand);
	tcase_add_test(tc, test_adwin_river_doc);
	tcase_add_test(tc, test_adwin_steps);
	tcase_add_test(tc, test_adwin_constant);
	tcase_add_test(tc, test_bad_params);
	suite_add_tcase(s, tc);
	/* millions of values through both detectors */
	TCase *diff = tcase_create("adwin versus reference");
	tcase_set_timeout(diff, 120);
	tcase_add_test(diff, test_adwin_versus_reference);
	suite_add_tcase(s, diff);
	return s;
}
