/* sim/agg_sample.c: the discrete samplers of the aggregate engine
 * (sim/aggregate.h), where GSL's own are slow for the way the engine calls
 * them: a new set of parameters on every call.
 *
 * Binomial: GSL's gsl_ran_binomial (BTPE, Kachitvichyanukul and Schmeiser
 * 1988) spends most of a call on its set-up (a square root, two logarithms
 * and a dozen constants) before one or two uniforms; about 90 ns here.
 * BTRS (Hoermann 1993, "The generation of binomial random variates",
 * J. Statist. Comput. Simul. 46: 101-110; the algorithm TensorFlow and
 * PyTorch use) is a transformed rejection whose set-up is a square root and
 * two divisions and which accepts about 86 % of its candidates by a
 * squeeze, before any logarithm: about half the time. Below a mean of 10
 * (where BTRS is not valid) GSL's inversion is cheap and is used.
 * The multinomial is GSL's conditional-binomial method (gsl_ran_multinomial)
 * on this binomial, the last bin taking what is left without a draw.
 * Hypergeometric: see the header. tests/sim/test_aggregate.c tests all
 * three against their exact laws (GSL's pdfs). */
/* GSL's documented switch for its inline functions (as in sim/process.c):
 * gsl_rng_uniform in place, not a call into libgsl. Same numbers. */
#define HAVE_INLINE 1
#include "sim/aggregate.h"

#include <math.h>

#include <gsl/gsl_randist.h>

#include "common/banned.h"

/* log k! minus Stirling's approximation (k + 1/2) log(k + 1) - (k + 1) +
 * log(2 pi) / 2: exact values below 10 (Hoermann's table; the tests
 * recompute them from lgamma), beyond that the next three terms of
 * Stirling's series in 1 / (k + 1), off by less than 4e-11 at k = 10 and
 * by a factor k^7 less further out. */
double sim_agg_stirling_tail(double k)
{
	static const double small[10] = {
		0.08106146679532726, 0.04134069595540929, 0.02767792568499834,
		0.02079067210376509, 0.01664469118982119, 0.01387612882307075,
		0.01189670994589177, 0.01041126526197209, 0.009255462182712733,
		0.008330563433362871};
	if (k <= 9)
		return small[(int)k];
	double k1 = k + 1, k1sq = k1 * k1;
	return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / k1sq) / k1sq) / k1;
}

/* BTRS for p <= 1/2 and n p >= 10, with Hoermann's constants. */
static unsigned int btrs(gsl_rng *rng, double p, unsigned int n)
{
	const double N = (double)n, q = 1 - p;
	const double spq = sqrt(N * p * q);
	const double b = 1.15 + 2.53 * spq, ib = 1 / b;
	const double a2 = 2 * (-0.0873 + 0.0248 * b + 0.01 * p);
	const double c = N * p + 0.5;
	const double v_r = 0.92 - 4.2 * ib;
	for (;;) {
		double u = gsl_rng_uniform(rng) - 0.5;
		double v = gsl_rng_uniform(rng);
		double us = 0.5 - fabs(u);
		double k = floor((a2 / us + b) * u + c);
		if (k < 0 || k > N)
			continue;
		if (us >= 0.07 && v <= v_r)
			return (unsigned int)k;
		/* the exact test (about one candidate in seven): log(v alpha
		 * / (a / us^2 + b)) against log f(k) / f(m), f the binomial
		 * pmf and m its mode, written with Stirling's formula and its
		 * tails (the log-gamma terms cancel to these) */
		const double alpha = (2.83 + 5.1 * ib) * spq;
		const double r = p / q;
		const double m = floor((N + 1) * p);
		v = log(v * alpha / (0.5 * a2 / (us * us) + b));
		double bound =
			(m + 0.5) * log((m + 1) / (r * (N - m + 1))) +
			(N + 1) * log((N - m + 1) / (N - k + 1)) +
			(k + 0.5) * log(r * (N - k + 1) / (k + 1)) +
			sim_agg_stirling_tail(m) +
			sim_agg_stirling_tail(N - m) -
			sim_agg_stirling_tail(k) - sim_agg_stirling_tail(N - k);
		if (v <= bound)
			return (unsigned int)k;
	}
}

unsigned int sim_agg_binomial(gsl_rng *r, double p, unsigned int n)
{
	if (n == 0 || !(p > 0))
		return 0;
	if (p >= 1)
		return n;
	if (p > 0.5) /* 1 - p is exact here (Sterbenz) */
		return n - sim_agg_binomial(r, 1 - p, n);
	if ((double)n * p < 10)
		return gsl_ran_binomial(r, p, n);
	return btrs(r, p, n);
}

void sim_agg_multinomial(gsl_rng *r, size_t k, unsigned int n,
			 const double *p, unsigned int *out)
{
	double norm = 0;
	size_t last = k;
	for (size_t j = 0; j < k; j++) {
		out[j] = 0;
		if (p[j] > 0) {
			norm += p[j];
			last = j;
		}
	}
	if (last == k)
		return; /* no bin can hold anything */
	double done = 0;
	unsigned int left = n;
	for (size_t j = 0; j < last && left > 0; j++) {
		if (!(p[j] > 0))
			continue;
		double share = p[j] / (norm - done);
		out[j] = sim_agg_binomial(r, share < 1 ? share : 1, left);
		left -= out[j];
		done += p[j];
	}
	out[last] += left;
}

unsigned long sim_agg_hypergeometric(gsl_rng *r, unsigned long n1,
				     unsigned long n2, unsigned long t)
{
	unsigned long n = n1 + n2;
	unsigned long small = t < n - t ? t : n - t;
	/* measured crossover: at 32 items either costs about 250 ns; GSL's
	 * grows by about 9 ns an item, the inversion stays near 250 ns */
	if (small <= 32 || n1 == 0 || n2 == 0)
		return gsl_ran_hypergeometric(r, n1, n2, t);
	unsigned long lo_x = t > n2 ? t - n2 : 0;
	unsigned long hi_x = t < n1 ? t : n1;
	unsigned long mode = (unsigned long)floor(((double)t + 1) *
						  ((double)n1 + 1) /
						  ((double)n + 2));
	if (mode < lo_x)
		mode = lo_x;
	if (mode > hi_x)
		mode = hi_x;
	double pm = gsl_ran_hypergeometric_pdf((unsigned)mode, (unsigned)n1,
					       (unsigned)n2, (unsigned)t);
	double u = gsl_rng_uniform(r);
	if (u < pm)
		return mode;
	u -= pm;
	/* outward from the mode: p(x+1)/p(x) = (n1-x)(t-x) /
	 * ((x+1)(n2-t+x+1)), p(x-1)/p(x) = x(n2-t+x) / ((n1-x+1)(t-x+1)) */
	unsigned long up = mode, dn = mode;
	double pu = pm, pd = pm;
	const double N1 = (double)n1, N2 = (double)n2, T = (double)t;
	for (;;) {
		int moved = 0;
		if (up < hi_x) {
			double x = (double)up;
			pu *= (N1 - x) * (T - x) / ((x + 1) * (N2 - T + x + 1));
			up++;
			if (u < pu)
				return up;
			u -= pu;
			moved = 1;
		}
		if (dn > lo_x) {
			double x = (double)dn;
			pd *= x * (N2 - T + x) / ((N1 - x + 1) * (T - x + 1));
			dn--;
			if (u < pd)
				return dn;
			u -= pd;
			moved = 1;
		}
		if (!moved) /* rounding left u a hair above the total */
			return mode;
	}
}
