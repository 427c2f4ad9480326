/* sim/logreg.h: L2-regularised logistic regression fitted by Newton's
 * method (IRLS), for the simulated production model.
 *
 * The fit minimises, over coefficients w (d values) and intercept b,
 *
 *     F(w, b) = sum_i logloss(y_i, w.x_i + b) + (lambda / 2) ||w||^2
 *
 * with logloss(y, z) = log(1 + exp(-z)) for y = 1 and log(1 + exp(z)) for
 * y = 0; the intercept is not penalised. F is scikit-learn's
 * LogisticRegression(penalty='l2', C=C, fit_intercept=True) objective
 * 0.5 ||w||^2 + C sum_i logloss_i divided by C, so with lambda = 1 / C both
 * have the same minimiser (tests/sim/test_logreg.c checks it to 1e-4 against
 * scikit-learn). The penalty is on the sum, not the mean, of the losses:
 * its pull weakens as the training set grows. Method, stopping rule and the
 * one-class case: docs/methodology/model.md.
 *
 * A model owns a workspace sized for its dimension when it is created:
 * refitting allocates nothing, whatever the number of rows.
 */
#ifndef SIM_LOGREG_H
#define SIM_LOGREG_H

#include <math.h>
#include <stddef.h>

#include "common/error.h"

struct sim_logreg_work; /* private: Newton workspace */

/* Callers may read d and coef (through the functions below or the inline
 * ones); only sim_logreg_* functions write them. */
typedef struct sim_logreg {
	size_t d;     /* number of features */
	double *coef; /* d coefficients, then the intercept at coef[d] */
	struct sim_logreg_work *work;
} sim_logreg;

/* Defaults of the stopping rule: stop when a Newton step moves no
 * parameter by more than tol * (1 + max_j |theta_j|), after applying that
 * last step (Newton converges quadratically there, so the remaining error
 * is of order tol^2: about 1e-15 in our tests); fail after max_iter
 * steps. */
#define SIM_LOGREG_TOL 1e-8
#define SIM_LOGREG_MAX_ITER 100

/* ---- life cycle ---- */

/* A model for d >= 1 features with all coefficients and the intercept 0
 * (it predicts 0.5 everywhere). Caller frees with sim_logreg_free. Returns
 * NULL when d is 0 or above 100000, or memory runs out. */
sim_logreg *sim_logreg_new(size_t d);

/* Frees m; sim_logreg_free(NULL) is a no-op. */
void sim_logreg_free(sim_logreg *m);

/* Changes the stopping rule (tol > 0, max_iter >= 1); returns 0, or
 * COMMON_EINPUT (err filled) when a value is out of range. */
int sim_logreg_set_tolerance(sim_logreg *m, double tol, int max_iter,
			     common_error *err);

/* Warm start (off by default): when on, a fit starts from m's current
 * coefficients instead of w = 0, b = logit(mean y), provided they come
 * from a successful two-class fit, sim_logreg_set_coef or sim_logreg_copy
 * and are finite and below 700 in size (else the cold start is used). A
 * refit on a slowly moving window then needs fewer Newton steps (about
 * 40 % fewer in our measurement); the solution is the same to the stopping
 * tolerance, but no longer bit-identical to a cold fit: it depends on the
 * fits before it (still deterministic for a given sequence of fits). To
 * start from the serving model, sim_logreg_copy it into the candidate
 * first. */
void sim_logreg_set_warm_start(sim_logreg *m, int on);

/* ---- fitting ---- */

/* Fits m to n rows: X (borrowed) is n x d row-major, y (borrowed) holds 0
 * or 1 per row, lambda >= 0 the L2 strength (sklearn's C = 1 / lambda).
 * Starts from w = 0, b = logit(mean y), so the result depends only on the
 * data, never on earlier fits (unless warm start is on, see above). When
 * every label is the same the objective has no minimiser (b runs to
 * +-infinity): the model becomes w = 0,
 * b = logit((k + 1/2) / (n + 1)) with k the number of ones (the
 * Krichevsky-Trofimov rate) and sim_logreg_single_class() reports it.
 * Returns 0; COMMON_EINPUT (err filled) for n == 0, a label other than 0/1,
 * a negative or non-finite lambda, a non-finite feature or no convergence
 * (e.g. separable data with lambda == 0). On failure the coefficients are
 * those of the last accepted Newton iterate. */
int sim_logreg_fit(sim_logreg *m, const double *X, const unsigned char *y,
		   size_t n, double lambda, common_error *err);

/* As sim_logreg_fit, on the rows rows[0..nrows-1] of X and y (borrowed;
 * indices may repeat: a repeated row counts that many times). */
int sim_logreg_fit_rows(sim_logreg *m, const double *X,
			const unsigned char *y, const size_t *rows,
			size_t nrows, double lambda, common_error *err);

/* ---- queries ---- */

/* w.x + b for one row x (borrowed, d values). */
static inline double sim_logreg_decision(const sim_logreg *m, const double *x)
{
	const double *c = m->coef;
	double z = c[m->d];
	for (size_t j = 0; j < m->d; j++)
		z += c[j] * x[j];
	return z;
}

/* P(y = 1 | x) = 1 / (1 + exp(-(w.x + b))). */
static inline double sim_logreg_proba(const sim_logreg *m, const double *x)
{
	return 1.0 / (1.0 + exp(-sim_logreg_decision(m, x)));
}

size_t sim_logreg_dim(const sim_logreg *m);
/* The d coefficients (borrowed from m; valid until m is freed). */
const double *sim_logreg_coef(const sim_logreg *m);
double sim_logreg_intercept(const sim_logreg *m);
/* Newton steps taken by the last fit (0 for a one-class fit). */
int sim_logreg_iterations(const sim_logreg *m);
/* 1 when the last fit saw a single class, else 0. */
int sim_logreg_single_class(const sim_logreg *m);
/* F(w, b) at the last fit's solution (0 before any fit). */
double sim_logreg_objective(const sim_logreg *m);

/* ---- setting coefficients (e.g. a defective candidate) ---- */

/* Sets the d coefficients from coef (borrowed) and the intercept. */
void sim_logreg_set_coef(sim_logreg *m, const double *coef, double intercept);

/* Copies src's coefficients and intercept into dst (same dimension);
 * returns 0 or COMMON_EINPUT (err filled) when the dimensions differ. */
int sim_logreg_copy(sim_logreg *dst, const sim_logreg *src,
		    common_error *err);

/* ---- saving a fit (sim/warm_cache.h shares warm-up fits) ---- */

/* Doubles in a saved state: the d + 1 coefficients, the objective, the
 * iterations, the single-class flag and whether the coefficients are a
 * solution (what a warm start reads). */
size_t sim_logreg_state_len(const sim_logreg *m);
/* Writes m's state into state (sim_logreg_state_len(m) doubles). */
void sim_logreg_save(const sim_logreg *m, double *state);
/* Restores a state saved from a model of the same dimension: afterwards
 * m answers every sim_logreg_* query as the saved model did, and its next
 * fit starts as the saved model's would. */
void sim_logreg_load(sim_logreg *m, const double *state);

#endif
