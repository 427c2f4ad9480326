/* sim/process.c: the generator of requests (docs/methodology/process.md). */
#include <math.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_randist.h>

#include "common/common.h"
#include "sim/process.h"

/* One row of component c into xi; returns beta.x + beta0. */
static inline double draw_x(const sim_component *c, int d, gsl_rng *r,
			    double *restrict xi)
{
	/* restrict: the row buffer never aliases the law, so mu, sigma and
	 * beta need not be reloaded after each store */
	const double *restrict mu = c->mu, *restrict sigma = c->sigma,
			       *restrict beta = c->beta;
	double z = c->beta0;
	for (int j = 0; j < d; j++) {
		double v = mu[j] + sigma[j] * gsl_ran_gaussian_ziggurat(r, 1.0);
		xi[j] = v;
		z += beta[j] * v;
	}
	return z;
}

void sim_process_draw(const sim_law *law, gsl_rng *r, size_t n, double *x,
		      unsigned char *y)
{
	const int d = law->d;
	const double eta = law->noise, keep = 1.0 - 2.0 * law->noise;
	if (law->ncomp == 1) {
		const sim_component *c = &law->comp[0];
		for (size_t i = 0; i < n; i++) {
			double z = draw_x(c, d, r, x + i * (size_t)d);
			/* flip with prob eta == draw from eta + (1-2eta) p */
			double p = eta + keep / (1.0 + exp(-z));
			y[i] = gsl_rng_uniform(r) < p;
		}
		return;
	}
	for (size_t i = 0; i < n; i++) {
		double u = gsl_rng_uniform(r);
		int k = 0;
		while (u >= law->cum[k]) /* the last cum is 2: always stops */
			k++;
		double z = draw_x(&law->comp[k], d, r, x + i * (size_t)d);
		double p = eta + keep / (1.0 + exp(-z));
		y[i] = gsl_rng_uniform(r) < p;
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
