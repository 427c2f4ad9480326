/* sim/detect_adwin.c: ADWIN (Bifet and Gavalda 2007) with the exponential
 * histogram of MOA's ADWIN.java, step for step as River's
 * AdaptiveWindowing (river/drift/adwin_c.pyx), including its order of
 * floating-point operations, so detection indices agree exactly.
 *
 * Row i of the histogram holds up to max_buckets buckets of 2^i values
 * each, oldest first; row 0 holds the newest values. A bucket keeps the
 * sum of its values and the sum of squared deviations from its mean. */
#include <math.h>
#include <string.h>

#include "sim/detect.h"
#include "common/common.h"

int sim_adwin_init(sim_adwin *a, const sim_adwin_params *par,
		   common_error *err)
{
	sim_adwin_params def = { SIM_ADWIN_DELTA, SIM_ADWIN_CLOCK,
				 SIM_ADWIN_MAX_BUCKETS, SIM_ADWIN_MIN_WINDOW,
				 SIM_ADWIN_GRACE };

	if (par == NULL)
		par = &def;
	if (!(par->delta > 0 && par->delta < 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin confidence 'delta' %g (want "
					"0 < delta < 1)", par->delta);
	if (par->clock < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin check interval 'clock' %ld "
					"(want >= 1)", par->clock);
	if (par->max_buckets < 2 ||
	    par->max_buckets > SIM_ADWIN_MAX_BUCKETS_LIMIT)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin bucket count 'max_buckets' "
					"%d (want 2..%d)", par->max_buckets,
					SIM_ADWIN_MAX_BUCKETS_LIMIT);
	if (par->min_window < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin sub-window 'min_window' %ld "
					"(want >= 1)", par->min_window);
	if (par->grace < 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad adwin grace period 'grace' %ld "
					"(want >= 0)", par->grace);
	a->par = *par;
	sim_adwin_reset(a);
	return COMMON_OK;
}

void sim_adwin_reset(sim_adwin *a)
{
	a->rows = 1;
	memset(a->len, 0, sizeof a->len);
	a->width = a->total = a->variance = 0;
	a->tick = 0;
	a->detections = 0;
}

/* 2^r for a bucket row r < 64: the same value as ldexp(1.0, r), without
 * the call (the check loop below runs it per bucket). */
static inline double pow2(int r)
{
	return (double)(1ULL << r);
}

/* Drops the first k buckets of row r. */
static void shift_row(sim_adwin *a, int r, int k)
{
	int n = a->len[r] - k;
	memmove(a->tot[r], a->tot[r] + k, (size_t)n * sizeof a->tot[r][0]);
	memmove(a->var[r], a->var[r] + k, (size_t)n * sizeof a->var[r][0]);
	a->len[r] = n;
}

/* Merges the two oldest buckets of each overfull row into the next row. */
static void compress(sim_adwin *a)
{
	const int m = a->par.max_buckets;

	for (int r = 0; r < a->rows && a->len[r] == m + 1; r++) {
		if (r + 1 == a->rows) {
			if (a->rows == SIM_ADWIN_ROWS)
				return; /* > 2^64 values: cannot happen */
			a->len[a->rows++] = 0;
		}
		double n1 = pow2(r), n2 = n1;
		double mu1 = a->tot[r][0] / n1, mu2 = a->tot[r][1] / n2;
		double total12 = a->tot[r][0] + a->tot[r][1];
		double temp = n1 * n2 * (mu1 - mu2) * (mu1 - mu2) / (n1 + n2);
		int j = a->len[r + 1]++;
		a->tot[r + 1][j] = total12;
		a->var[r + 1][j] = a->var[r][0] + a->var[r][1] + temp;
		shift_row(a, r, 2);
		if (a->len[r + 1] <= m)
			break;
	}
}

static void insert(sim_adwin *a, double x)
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
	compress(a);
}

/* Removes the oldest bucket; returns its number of values. */
static double delete_oldest(sim_adwin *a)
{
	int r = a->rows - 1;
	double n = pow2(r), u = a->tot[r][0], v = a->var[r][0];
	double mu = u / n;

	a->width -= n;
	a->total -= u;
	double mu_w = a->total / a->width;
	a->variance -= v + n * a->width * (mu - mu_w) * (mu - mu_w) /
				   (n + a->width);
	shift_row(a, r, 1);
	if (a->len[r] == 0 && a->rows > 1)
		a->rows--;
	return n;
}

/* |mean(W0) - mean(W1)| > eps_cut, with Bifet and Gavalda's eps_cut for
 * variance sigma^2 (their Theorem 3 bound as MOA and River compute it).
 * dp = ln(2 ln(width) / delta) and var = max(0, variance / width) depend
 * only on the window, so detect() computes them once per pass (the same
 * expressions, hence the same bits, as computing them per boundary).
 * One deliberate difference: rounding after deletions can leave the window
 * variance slightly negative; River then takes sqrt of it, gets NaN and
 * never cuts (long 0/1 runs do this). We clamp it at 0. */
static int cut(double dp, double var, double mw, double n0, double n1,
	       double dmean)
{
	double m = (1.0 / (n0 - mw + 1)) + (1.0 / (n1 - mw + 1));
	double q = 2 * m * var * dp, t = 2.0 / 3 * dp * m;
	double ad = fabs(dmean);
	/* Most boundaries are far from a cut; decide those without the
	 * square root, and only where the answer is certain: eps =
	 * sqrt(q) + t >= t, and when (ad - t)^2 is below q by a relative
	 * margin far above rounding, sqrt(q) + t > ad even after rounding.
	 * Otherwise the exact expression decides, as before. */
	if (!(ad > t))
		return 0;
	double e = ad - t;
	if (e > 1e-6 * ad && e * e * (1 + 1e-9) < q)
		return 0;
	double eps = sqrt(q) + t;
	return ad > eps;
}

static int detect(sim_adwin *a)
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
			double size = pow2(r);
			/* River (like MOA) never cuts after a row's newest
			 * bucket: k stops at len - 2 */
			for (int k = 0; k < a->len[r] - 1; k++) {
				n0 += size;
				n1 -= size;
				u0 += a->tot[r][k];
				u1 -= a->tot[r][k];
				if (n1 >= mw && n0 >= mw &&
				    cut(dp, var, mw, n0, n1,
					(u0 / n0) - (u1 / n1))) {
					again = change = 1;
					if (a->width > 0)
						n0 -= delete_oldest(a);
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

enum sim_detect_signal sim_adwin_update(sim_adwin *a, double x)
{
	insert(a, x);
	return detect(a) ? SIM_DETECT_DRIFT : SIM_DETECT_NONE;
}

double sim_adwin_width(const sim_adwin *a)
{
	return a->width;
}

double sim_adwin_mean(const sim_adwin *a)
{
	return a->width > 0 ? a->total / a->width : 0.0;
}

long sim_adwin_detections(const sim_adwin *a)
{
	return a->detections;
}
