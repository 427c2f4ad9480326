/* sim/drift.h: the drift schedule evaluated at a time t.
 *
 * Each drift has a curve over time (its pattern) and a list of changes.
 * Interpolating patterns (sudden, incremental, recurring, seasonal, random
 * walk) give an amount a(t) with which the changes are applied to the law's
 * parameters. The gradual pattern (MOA/River) instead mixes two concepts:
 * each request comes from the law with the change fully applied with
 * probability p(t) = 1/(1+exp(-4(t-t0)/w)). Drifts compose in time order
 * (docs/methodology/process.md gives the exact rule); with G gradual drifts
 * the law of a step is a mixture of at most G+1 components.
 *
 * Ownership: sim_law_new and sim_walk_new return objects the caller frees
 * with sim_law_free / sim_walk_free; both borrow nothing after returning.
 * A sim_law is scratch for one thread: sim_law_at rewrites it, allocating
 * nothing.
 */
#ifndef SIM_DRIFT_H
#define SIM_DRIFT_H

#include <gsl/gsl_rng.h>

#include "common/error.h"
#include "sim/scenario.h"

/* One mixture component: a Gaussian feature law and a logistic concept. */
typedef struct sim_component {
	double weight;  /* probability that a request comes from it, (0, 1] */
	double *mu;     /* d means */
	double *sigma;  /* d standard deviations */
	double *beta;   /* d coefficients */
	double beta0;   /* intercept (log-odds) */
} sim_component;

/* The true process of one step. */
typedef struct sim_law {
	int d;
	double noise;        /* label flip probability */
	int ncomp;           /* components in use (weight > 0), 1..maxcomp */
	int maxcomp;         /* ngradual + 1 */
	sim_component *comp; /* maxcomp components */
	double *cum;         /* cum[j] = weight[0] + ... + weight[j]; the last is 2 */
	double *store;       /* backing storage of the vectors */
} sim_law;

/* The random-walk paths of one replication (drifts with pattern
 * random-walk), drawn once per replication. */
typedef struct sim_walk sim_walk;

/* Allocates a law sized for sc. */
int sim_law_new(const sim_scenario *sc, sim_law **out, common_error *err);
/* No-op on NULL. */
void sim_law_free(sim_law *law);

/* Draws the walks of sc's random-walk drifts from r, one standard normal
 * increment per walk and step, walk by walk in time order (steps values
 * each). When sc has no random walk *out is NULL and r is not used. */
int sim_walk_new(const sim_scenario *sc, gsl_rng *r, sim_walk **out,
		 common_error *err);
/* No-op on NULL. */
void sim_walk_free(sim_walk *w);

/* The curve of drift dr at time t (steps): a(t) for interpolating patterns,
 * the mixing probability p(t) for gradual. A random walk reads walk (which
 * must come from sim_walk_new for the same scenario); other patterns
 * ignore it. */
double sim_drift_curve(const sim_drift *dr, const sim_walk *walk, double t);

/* Applies one change with amount a to a component's parameters (d = the
 * number of features). Exposed for tests and for later policies. */
void sim_change_apply(const sim_change *ch, double a, int d, double *mu,
		      double *sigma, double *beta, double *beta0);

/* Fills law with the process at time t: initial law, then every drift in
 * time order. walk may be NULL only when sc->nwalks == 0. */
void sim_law_at(const sim_scenario *sc, const sim_walk *walk, double t,
		sim_law *law);

#endif
