/* sim/aggregate.h: the exact per-step probabilities behind the aggregate
 * engine (derivations: docs/methodology/aggregate.md).
 *
 * Under a step's law a request is x ~ N(mu, diag sigma^2) (per mixture
 * component) and its label y ~ Bernoulli(q(eta)) with eta = beta.x + beta0
 * and q(eta) = noise + (1 - 2 noise) logistic(eta). A linear model scores
 * z = w.x + b (+ w_1 s when a training-serving skew shifts x_1 by s).
 * (z, eta) is bivariate normal, so every quantity the lifecycle counts is
 * a one-dimensional integral over eta's standard score v:
 *   P(y = 1)          = E[q(eta)]
 *   P(z > 0)          = Phi(m_z / s_z)                      (closed form)
 *   P(z > 0, y = 1)   = E[q(eta) Phi(E[z | eta] / sd(z | eta))]
 *   E[log loss]       = E[softplus(z)] - E[q(eta) E[z | eta]]
 * integrated with GSL's fixed Gauss-Legendre rules on panels that put
 * extra nodes where Phi(E[z|eta]/sd(z|eta)) turns from 0 to 1 (it is a
 * step when the model's score is a multiple of the concept).
 *
 * Ownership: sim_agg_new returns a workspace freed with sim_agg_free
 * (NULL is a no-op); the other functions borrow their arguments. Not
 * thread-safe: one workspace per engine. */
#ifndef SIM_AGGREGATE_H
#define SIM_AGGREGATE_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "sim/drift.h"

/* The confusion-cell probabilities of one model under one law, and its
 * expected log loss per request. tp + fp + fn + tn = 1 (to rounding). */
typedef struct sim_agg_probs {
	double tp, fp, fn, tn;
	double loss;
} sim_agg_probs;

typedef struct sim_agg sim_agg;

/* A workspace for d features; NULL when memory runs out. */
sim_agg *sim_agg_new(int d);
void sim_agg_free(sim_agg *a);

/* The probabilities of the model (w[0..d-1], b) on requests of law whose
 * first feature is shifted by shift (0: no skew), mixture components
 * weighted. */
void sim_agg_model_probs(sim_agg *a, const sim_law *law, const double *w,
			 double b, double shift, sim_agg_probs *out);

/* The same, one mixture component at a time, for callers that cache it
 * per component (a gradual drift moves only the weights): a model's
 * P(z > 0, y = 1), P(z > 0), P(y = 1) and expected log loss on one
 * component with label noise noise, unweighted; sim_agg_combine weighs
 * them into the cells of sim_agg_model_probs, bit for bit. And P(y = 1)
 * on one component, which depends on no model: weighted by the
 * components' weights it is the share of positive labels of the law. */
typedef struct sim_agg_comp_probs {
	double tp, pos, prev, loss;
} sim_agg_comp_probs;
void sim_agg_component_probs(sim_agg *a, const sim_component *cp,
			     double noise, const double *w, double b,
			     double shift, sim_agg_comp_probs *out);
void sim_agg_combine(const sim_law *law, const sim_agg_comp_probs *per,
		     sim_agg_probs *out);
double sim_agg_component_positive(sim_agg *a, const sim_component *cp,
				  double noise);

/* A binomial draw, Bin(n, p) (p outside [0, 1] is clamped). BTRS
 * (Hoermann 1993) for means of 10 and more, GSL's inversion below:
 * GSL's BTPE costs about twice as much when the parameters change with
 * every call, as they do here (sim/agg_sample.c). */
unsigned int sim_agg_binomial(gsl_rng *r, double p, unsigned int n);

/* A multinomial draw of n items over k bins with weights p (not
 * normalised; zero and negative weights get nothing) into out[0..k-1]:
 * GSL's conditional binomials on sim_agg_binomial, the last bin with a
 * positive weight taking the rest. All zero when no weight is positive. */
void sim_agg_multinomial(gsl_rng *r, size_t k, unsigned int n,
			 const double *p, unsigned int *out);

/* log k! - ((k + 1/2) log(k + 1) - (k + 1) + log(2 pi) / 2) for whole
 * k >= 0: the correction BTRS's exact test uses (exposed for its test). */
double sim_agg_stirling_tail(double k);

/* A hypergeometric draw: the number of type-1 items among t drawn
 * without replacement from n1 of type 1 and n2 of type 2 (t <= n1 + n2).
 * GSL's gsl_ran_hypergeometric draws item by item, O(min(t, n1+n2-t)),
 * which for a 50/50 A/B split of 100,000 requests is 50,000 uniforms;
 * above 32 items this inverts the distribution instead, starting at the
 * mode and moving outward (about 2 sd steps: O(sqrt(t))), with the
 * probabilities from gsl_ran_hypergeometric_pdf and the ratio of
 * neighbours. */
unsigned long sim_agg_hypergeometric(gsl_rng *r, unsigned long n1,
				     unsigned long n2, unsigned long t);

/* Probabilities of the nedges + 1 bins of a monitor column (bin j holds
 * edges[j-1] < v <= edges[j]) for v ~ N(m, s^2); s == 0 puts all mass in
 * m's bin. */
void sim_agg_bin_probs(double m, double s, const double *edges,
		       size_t nedges, double *p);

#endif
