/* sim/process.h: drawing requests from the true process of a step.
 *
 * A row is x ~ N(mu, diag(sigma^2)) in d dimensions and a label
 * y ~ Bernoulli(eta + (1 - 2 eta) logistic(beta.x + beta0)), which is the
 * same as drawing y from the logistic concept and flipping it with
 * probability eta (the label noise). When the law is a mixture (gradual
 * drift), each row first picks its component with probability weight.
 * Equations: docs/methodology/process.md.
 *
 * Draw order, for reproducibility: per row, one uniform to pick the
 * component (only when law->ncomp > 1), then x[0..d-1] (GSL ziggurat normal
 * each), then one uniform u for y (y = 1 when u is below the probability).
 * Drawing n rows in one call or in pieces of any sizes gives the same rows.
 * The same rng state and law give the same rows on every x86-64 machine
 * with the same GSL (the logistic is plain arithmetic, sim/fastmath.h).
 *
 * Ownership: every function borrows its arguments; nothing allocates except
 * sim_process_positive_rate's integration workspace.
 */
#ifndef SIM_PROCESS_H
#define SIM_PROCESS_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "sim/drift.h"

/* Fills n rows: x is row-major n*d (x[i*d + j] = feature j of row i), y
 * holds n labels 0/1. The hot loop of the per-request engine: no
 * allocation, no per-row setup. */
void sim_process_draw(const sim_law *law, gsl_rng *r, size_t n, double *x,
		      unsigned char *y);

/* The probability that the label of a row x from component comp is 1,
 * label noise included: eta + (1 - 2 eta) logistic(beta.x + beta0). */
double sim_process_prob(const sim_law *law, int comp, const double *x);

/* The expected share of positive labels under law (label noise included):
 * sum over components of weight * (eta + (1-2 eta) E[logistic(Z)]) with
 * Z ~ N(beta0 + beta.mu, sum beta_j^2 sigma_j^2), integrated numerically
 * (GSL QAGS, relative error below 1e-10). Returns 0, or COMMON_EIO when
 * the integration fails (err filled). */
int sim_process_positive_rate(const sim_law *law, double *out,
			      common_error *err);

#endif
