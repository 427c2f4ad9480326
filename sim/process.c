/* sim/process.c: the generator of requests (docs/methodology/process.md).
 *
 * sim_process_draw works in blocks of rows, in three passes per block:
 *   1. the draws, in the documented per-row order, and nothing else: the
 *      ziggurat is a library call through a function pointer, which
 *      forces every live value out of the registers, so arithmetic between
 *      calls costs loads and stores;
 *   2. per row, x = mu + sigma z in place and the log-odds s = beta.x +
 *      beta0 (the law's vectors stay in cache for the whole block);
 *   3. the labels, in a loop GCC vectorises (sim/fastmath.h).
 * The order of random numbers is per row, so rows do not depend on the
 * block size or on how a caller cuts n rows into calls. */

/* GSL's documented switch for its inline functions (GSL manual, "Inline
 * functions"): gsl_rng_uniform becomes r->type->get_double(r->state) in
 * place, not a call into libgsl that then makes that call. Same numbers. */
#define HAVE_INLINE 1
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "common/common.h"
#include "sim/fastmath.h"
#include "sim/process.h"

/* Rows per block: the block's uniforms and log-odds live on the stack
 * (2 x 2 KiB + 1 KiB of component choices), the rows in the caller's X
 * (20 KiB at d = 10): all in L1/L2 between the passes. Timing is flat from
 * 64 to 1024 rows (bench/bench_process.c). */
enum { BLOCK = 256 };

/* Pass 1: the random numbers of rows [0, n) (n <= BLOCK) in the documented
 * order, per row: the component uniform (mixtures only, turned into the
 * component index k[i]), d standard normals into row i of x, the label
 * uniform u[i]. */
static void draw_block(const sim_law *law, gsl_rng *r, size_t n, int d,
		       double *restrict x, double *restrict u,
		       int *restrict k)
{
	if (law->ncomp == 1) {
		for (size_t i = 0; i < n; i++) {
			double *xi = x + i * (size_t)d;
			for (int j = 0; j < d; j++)
				xi[j] = gsl_ran_gaussian_ziggurat(r, 1.0);
			u[i] = gsl_rng_uniform(r);
		}
		return;
	}
	const double *restrict cum = law->cum;
	const int last = law->ncomp - 1;
	for (size_t i = 0; i < n; i++) {
		double v = gsl_rng_uniform(r);
		/* the first c with v < cum[c]: cum is non-decreasing, so that
		 * is the number of cum[c] <= v, counted without a branch (the
		 * component of a row is unpredictable) */
		int c = 0;
		for (int m = 0; m < last; m++)
			c += v >= cum[m];
		k[i] = c;
		double *xi = x + i * (size_t)d;
		for (int j = 0; j < d; j++)
			xi[j] = gsl_ran_gaussian_ziggurat(r, 1.0);
		u[i] = gsl_rng_uniform(r);
	}
}

/* Pass 2, one row: xi (d standard normals) becomes x = mu + sigma z in
 * place; returns beta.x + beta0 clamped to [-700, 700], the domain of
 * sim_fast_exp (the clamp is scalar here because a clamp inside pass 3
 * stops GCC vectorising it); it moves P(y = 1) by at most
 * logistic(-700) < 1e-304. */
static inline double affine_row(const sim_component *c, int d,
				double *restrict xi)
{
	const double *restrict mu = c->mu, *restrict sigma = c->sigma,
			       *restrict beta = c->beta;
	/* two partial sums (GCC pairs them in one SSE register): an omp
	 * simd reduction would go through a stack array at every row */
	double e0 = 0.0, e1 = 0.0;
	int j = 0;
	for (; j + 1 < d; j += 2) {
		double v0 = mu[j] + sigma[j] * xi[j];
		double v1 = mu[j + 1] + sigma[j + 1] * xi[j + 1];
		xi[j] = v0;
		xi[j + 1] = v1;
		e0 += beta[j] * v0;
		e1 += beta[j + 1] * v1;
	}
	if (j < d) {
		double v = mu[j] + sigma[j] * xi[j];
		xi[j] = v;
		e0 += beta[j] * v;
	}
	double e = e0 + e1;
	return sim_fast_clamp(e + c->beta0);
}

void sim_process_draw(const sim_law *law, gsl_rng *r, size_t n, double *x,
		      unsigned char *y)
{
	const int d = law->d;
	const double noise = law->noise, keep = 1.0 - 2.0 * law->noise;
	double u[BLOCK], s[BLOCK]; /* label uniforms, log-odds */
	int k[BLOCK];
	for (size_t i0 = 0; i0 < n; i0 += BLOCK) {
		size_t nb = n - i0 < BLOCK ? n - i0 : BLOCK;
		double *xb = x + i0 * (size_t)d;
		unsigned char *yb = y + i0;
		draw_block(law, r, nb, d, xb, u, k);
		if (law->ncomp == 1) {
			const sim_component *c = &law->comp[0];
			for (size_t i = 0; i < nb; i++)
				s[i] = affine_row(c, d, xb + i * (size_t)d);
		} else {
			for (size_t i = 0; i < nb; i++)
				s[i] = affine_row(&law->comp[k[i]], d,
						    xb + i * (size_t)d);
		}
		/* pass 3: y = [u < noise + keep / (1 + e^-s)], multiplied
		 * through by 1 + e^-s > 0 to spare the division (at s = -700,
		 * e^700 = 1e304 times |u - noise| <= 1 stays finite); the
		 * comparison into bytes is a separate loop because GCC does
		 * not vectorise a double -> char store */
#pragma omp simd
		for (size_t i = 0; i < nb; i++)
			s[i] = (u[i] - noise) * (1.0 + sim_fast_exp(-s[i]));
		for (size_t i = 0; i < nb; i++)
			yb[i] = s[i] < keep;
	}
}

double sim_process_prob(const sim_law *law, int comp, const double *x)
{
	const sim_component *c = &law->comp[comp];
	double z = c->beta0;
	for (int j = 0; j < law->d; j++)
		z += c->beta[j] * x[j];
	return law->noise + (1.0 - 2.0 * law->noise) / (1.0 + exp(-z));
}

struct normal_logistic {
	double m, s;
};

/* phi(u) * logistic(m + s u), the integrand of E[logistic(N(m, s^2))]. */
static double integrand(double u, void *params)
{
	const struct normal_logistic *q = params;
	double phi = exp(-0.5 * u * u) * 0.39894228040143267793994605993438;
	return phi / (1.0 + exp(-(q->m + q->s * u)));
}

int sim_process_positive_rate(const sim_law *law, double *out,
			      common_error *err)
{
	gsl_integration_workspace *ws = gsl_integration_workspace_alloc(1000);
	if (!ws)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory");
	double total = 0.0;
	int st = 0;
	for (int k = 0; k < law->ncomp && !st; k++) {
		const sim_component *c = &law->comp[k];
		struct normal_logistic q = {c->beta0, 0.0};
		double var = 0.0;
		for (int j = 0; j < law->d; j++) {
			q.m += c->beta[j] * c->mu[j];
			var += c->beta[j] * c->beta[j] * c->sigma[j] * c->sigma[j];
		}
		q.s = sqrt(var);
		double e;
		if (q.s == 0.0) {
			e = 1.0 / (1.0 + exp(-q.m));
		} else {
			gsl_function f = {integrand, &q};
			double abserr;
			/* |u| > 12 holds less than 2e-33 of the normal mass;
			 * the logistic's kink (width 1/s) sits at u = -m/s. */
			double pts[3] = {-12.0, -q.m / q.s, 12.0};
			int np = (pts[1] > -12.0 && pts[1] < 12.0) ? 3 : 0;
			int gs = np
				? gsl_integration_qagp(&f, pts, 3, 1e-13, 1e-11,
						       1000, ws, &e, &abserr)
				: gsl_integration_qags(&f, -12.0, 12.0, 1e-13,
						       1e-11, 1000, ws, &e,
						       &abserr);
			if (gs)
				st = common_error_set(err, COMMON_EIO, NULL, 0,
						      "cannot integrate the positive rate: %s",
						      gsl_strerror(gs));
		}
		total += c->weight * (law->noise + (1.0 - 2.0 * law->noise) * e);
	}
	gsl_integration_workspace_free(ws);
	if (st)
		return st;
	*out = total;
	return 0;
}
