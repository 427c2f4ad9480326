/* sim/logreg.c: Newton/IRLS for L2-regularised logistic regression.
 *
 * Each pass over the rows computes, at parameters theta = (w, b), the
 * objective F, its gradient g = sum_i (p_i - y_i) x~_i + lambda (w, 0) and
 * its Hessian H = sum_i p_i (1 - p_i) x~_i x~_i^T + lambda diag(1..1, 0),
 * x~_i = (x_i, 1), accumulating the upper triangle of H a few rows at a
 * time with plain loops (gsl_blas_dsyrk on a weighted copy of X would need
 * n x (d + 1) scratch, and GSL's reference CBLAS is no faster). The Newton
 * step solves H s = -g by Cholesky; a backtracking line search (Armijo)
 * keeps every step a descent step. docs/methodology/model.md has the
 * details and measured speeds.
 */
#include <float.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "sim/fastmath.h"
#include "sim/logreg.h"
#include "common/common.h"

#define ARMIJO 1e-4     /* sufficient-decrease constant of the line search */
#define MAX_HALVINGS 60 /* step shrinks to 2^-60 at most */
/* Added to H's diagonal relative to its largest entry: H is positive
 * semi-definite in exact arithmetic, this keeps the Cholesky factorisation
 * defined when a direction has (nearly) zero curvature (lambda = 0 with
 * collinear features, saturated probabilities). It changes the step only,
 * never the fixed point g = 0. */
#define RIDGE 1e-12
/* Rows per chunk of pass(): a multiple of 4 */
#define CHUNK 64

struct sim_logreg_work {
	size_t p;         /* d + 1 parameters */
	double tol;       /* stopping rule, see SIM_LOGREG_TOL */
	int max_iter;
	int iterations;   /* Newton steps taken by the last fit */
	int single_class; /* the last fit saw one class only */
	int warm_start;   /* start from the current coefficients */
	int has_start;    /* coef holds a solution or set coefficients */
	double objective; /* F at the last solution */
	double *g, *h;    /* gradient, upper triangle of H (p x p) at coef */
	double *gt, *ht;  /* the same at the line search's trial point */
	double *trial;    /* trial parameters */
	double *xb;       /* CHUNK rows of (x, 1), scratch of pass() */
	gsl_matrix *chol; /* H + ridge, factorised in place */
	gsl_vector *rhs, *step;
};

sim_logreg *sim_logreg_new(size_t d)
{
	if (d == 0 || d > 100000)
		return NULL;
	size_t p = d + 1;
	sim_logreg *m = calloc(1, sizeof *m);
	struct sim_logreg_work *w = calloc(1, sizeof *w);
	if (m == NULL || w == NULL) {
		free(m);
		free(w);
		return NULL;
	}
	m->d = d;
	m->work = w;
	w->p = p;
	w->tol = SIM_LOGREG_TOL;
	w->max_iter = SIM_LOGREG_MAX_ITER;
	m->coef = calloc(p, sizeof *m->coef);
	w->g = calloc(p, sizeof *w->g);
	w->gt = calloc(p, sizeof *w->gt);
	w->trial = calloc(p, sizeof *w->trial);
	w->xb = calloc(CHUNK * p, sizeof *w->xb);
	w->h = calloc(p * p, sizeof *w->h);
	w->ht = calloc(p * p, sizeof *w->ht);
	/* GSL's allocators call the error handler on failure; they only fail
	 * when memory runs out. */
	w->chol = gsl_matrix_alloc(p, p);
	w->rhs = gsl_vector_alloc(p);
	w->step = gsl_vector_alloc(p);
	if (!m->coef || !w->g || !w->gt || !w->trial || !w->xb || !w->h ||
	    !w->ht || !w->chol || !w->rhs || !w->step) {
		sim_logreg_free(m);
		return NULL;
	}
	return m;
}

void sim_logreg_free(sim_logreg *m)
{
	if (m == NULL)
		return;
	struct sim_logreg_work *w = m->work;
	if (w != NULL) {
		free(w->g);
		free(w->gt);
		free(w->trial);
		free(w->xb);
		free(w->h);
		free(w->ht);
		if (w->chol)
			gsl_matrix_free(w->chol);
		if (w->rhs)
			gsl_vector_free(w->rhs);
		if (w->step)
			gsl_vector_free(w->step);
		free(w);
	}
	free(m->coef);
	free(m);
}

int sim_logreg_set_tolerance(sim_logreg *m, double tol, int max_iter,
			     common_error *err)
{
	if (!(tol > 0 && tol < 1))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad tolerance 'tol' %g (want 0 < tol "
					"< 1)", tol);
	if (max_iter < 1)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad iteration limit 'max_iter' %d "
					"(want >= 1)", max_iter);
	m->work->tol = tol;
	m->work->max_iter = max_iter;
	return COMMON_OK;
}

void sim_logreg_set_warm_start(sim_logreg *m, int on)
{
	m->work->warm_start = on != 0;
}

/* One pass over the rows at theta: returns F and fills g and the upper
 * triangle of H (row-major p x p). xb is scratch of CHUNK * p doubles.
 * Rows go CHUNK at a time: copied as (x, 1) with their scores z, then the
 * exp and log1p of the whole chunk in one vectorised loop (sim/fastmath.h),
 * then H accumulated four rows at a time, so that each entry of H is
 * loaded and stored once per four rows. */
static double pass(size_t d, const double *X, const unsigned char *y,
		   const size_t *rows, size_t n, double lambda,
		   const double *theta, double *g, double *h, double *xb)
{
	const size_t p = d + 1;
	double f = 0, zb[CHUNK], yb[CHUNK], wb[CHUNK], rb[CHUNK], lb[CHUNK];

	memset(g, 0, p * sizeof *g);
	memset(h, 0, p * p * sizeof *h);
	for (size_t i0 = 0; i0 < n; i0 += CHUNK) {
		size_t nb = n - i0 < CHUNK ? n - i0 : CHUNK;
		for (size_t b = 0; b < nb; b++) {
			size_t r = rows ? rows[i0 + b] : i0 + b;
			const double *x = X + r * d;
			double *xt = xb + b * p;
			double z = theta[d];
			for (size_t j = 0; j < d; j++) {
				z += theta[j] * x[j];
				xt[j] = x[j];
			}
			xt[d] = 1;
			/* the domain of sim_fast_exp; beyond it the loss is
			 * linear in z and p (1 - p) < 1e-304 anyway */
			zb[b] = sim_fast_clamp(z);
			yb[b] = y[r];
		}
		/* a fixed trip count and no reduction let GCC vectorise this
		 * loop at -O2; the padding rows are zero and weightless */
		for (size_t b = nb; b < CHUNK; b++)
			zb[b] = yb[b] = 0;
		for (size_t b = 0; b < CHUNK; b++) {
			double z = zb[b];
			/* log(1 + exp(-|z|)) and p without overflow */
			double e = sim_fast_exp(-fabs(z));
			double l = sim_fast_log1p01(e);
			double q = 1.0 / (1.0 + e);
			double pr = z >= 0 ? q : e * q;
			/* loss: softplus(-z) if y = 1, softplus(z) if y = 0 */
			double v = (1.0 - 2.0 * yb[b]) * z;
			wb[b] = e * q * q; /* p (1 - p) */
			rb[b] = pr - yb[b];
			lb[b] = 0.5 * (v + fabs(v)) + l;
		}
		for (size_t b = 0; b < nb; b++)
			f += lb[b];
		/* pad to a multiple of four with weightless zero rows */
		for (size_t b = nb; b % 4 != 0; b++) {
			memset(xb + b * p, 0, p * sizeof *xb);
			wb[b] = rb[b] = 0;
		}
		for (size_t b = 0; b < nb; b += 4) {
			const double *x0 = xb + b * p, *x1 = x0 + p,
				     *x2 = x1 + p, *x3 = x2 + p;
			const double w0 = wb[b], w1 = wb[b + 1], w2 = wb[b + 2],
				     w3 = wb[b + 3];
			for (size_t j = 0; j < p; j++) {
				double a0 = w0 * x0[j], a1 = w1 * x1[j];
				double a2 = w2 * x2[j], a3 = w3 * x3[j];
				double *hr = h + j * p;
				g[j] += rb[b] * x0[j] + rb[b + 1] * x1[j] +
					rb[b + 2] * x2[j] + rb[b + 3] * x3[j];
				/* each entry's own sum, in the same order
				 * whether vectorised or not: the same bits */
#pragma omp simd
				for (size_t k = j; k < p; k++)
					hr[k] += a0 * x0[k] + a1 * x1[k] +
						 a2 * x2[k] + a3 * x3[k];
			}
		}
	}
	for (size_t j = 0; j < d; j++) {
		f += 0.5 * lambda * theta[j] * theta[j];
		g[j] += lambda * theta[j];
		h[j * p + j] += lambda;
	}
	return f;
}

/* Solves (H + ridge I) s = -g into w->step. */
static int newton_step(struct sim_logreg_work *w, common_error *err)
{
	const size_t p = w->p;
	double big = 0;

	for (size_t j = 0; j < p; j++)
		if (w->h[j * p + j] > big)
			big = w->h[j * p + j];
	double ridge = RIDGE * (big > 0 ? big : 1.0);
	for (size_t j = 0; j < p; j++) {
		for (size_t k = j; k < p; k++) {
			double v = w->h[j * p + k] + (j == k ? ridge : 0);
			gsl_matrix_set(w->chol, j, k, v);
			gsl_matrix_set(w->chol, k, j, v);
		}
		gsl_vector_set(w->rhs, j, -w->g[j]);
	}
	int st = gsl_linalg_cholesky_decomp1(w->chol);
	if (st == GSL_SUCCESS)
		st = gsl_linalg_cholesky_solve(w->chol, w->rhs, w->step);
	if (st != GSL_SUCCESS)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"hessian of the logistic regression not "
					"positive definite (%s)",
					gsl_strerror(st));
	return COMMON_OK;
}

static int check_args(const unsigned char *y, const size_t *rows, size_t n,
		      double lambda, size_t *ones, common_error *err)
{
	if (n == 0)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"no training rows for the logistic "
					"regression");
	if (!(lambda >= 0) || !isfinite(lambda))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"bad l2 strength 'lambda' %g (want a "
					"finite number >= 0)", lambda);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		size_t r = rows ? rows[i] : i;
		if (y[r] > 1)
			return common_error_set(err, COMMON_EINPUT, NULL, 0,
						"bad label %u in row %zu (want "
						"0 or 1)", (unsigned)y[r], r);
		k += y[r];
	}
	*ones = k;
	return COMMON_OK;
}

static int fit(sim_logreg *m, const double *X, const unsigned char *y,
	       const size_t *rows, size_t n, double lambda, common_error *err)
{
	struct sim_logreg_work *w = m->work;
	const size_t d = m->d, p = w->p;
	size_t k = 0;
	int st = check_args(y, rows, n, lambda, &k, err);

	if (st < 0)
		return st;
	w->iterations = 0;
	int warm = w->warm_start && w->has_start && !(k == 0 || k == n);
	w->single_class = (k == 0 || k == n);
	w->has_start = 0; /* until this fit succeeds */
	for (size_t j = 0; warm && j < p; j++)
		warm = isfinite(m->coef[j]) && fabs(m->coef[j]) < 700;
	if (!warm) {
		memset(m->coef, 0, p * sizeof *m->coef);
		m->coef[d] = w->single_class
				     ? log((k + 0.5) / ((double)(n - k) + 0.5))
				     : log((double)k / (double)(n - k));
	}
	double f = pass(d, X, y, rows, n, lambda, m->coef, w->g, w->h,
			 w->xb);
	if (!isfinite(f))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"non-finite feature value in the "
					"training rows");
	w->objective = f;
	if (w->single_class)
		return COMMON_OK;

	for (int it = 1; it <= w->max_iter; it++) {
		if ((st = newton_step(w, err)) < 0)
			return st;
		const double *s = w->step->data;
		double smax = 0, tmax = 0, slope = 0;
		for (size_t j = 0; j < p; j++) {
			smax = fmax(smax, fabs(s[j]));
			tmax = fmax(tmax, fabs(m->coef[j]));
			slope += w->g[j] * s[j];
		}
		w->iterations = it;
		if (smax <= w->tol * (1 + tmax)) {
			/* converged: a further pass would only confirm it */
			for (size_t j = 0; j < p; j++)
				m->coef[j] += s[j];
			w->objective = f + 0.5 * slope;
			w->has_start = 1;
			return COMMON_OK;
		}
		double t = 1, ft = 0;
		int h;
		for (h = 0; h <= MAX_HALVINGS; h++, t *= 0.5) {
			for (size_t j = 0; j < p; j++)
				w->trial[j] = m->coef[j] + t * s[j];
			ft = pass(d, X, y, rows, n, lambda, w->trial, w->gt,
				  w->ht, w->xb);
			/* slack for rounding in F's sum near the optimum */
			if (ft <= f + ARMIJO * t * slope +
					  8 * DBL_EPSILON * fabs(f) * (double)p)
				break;
		}
		if (h > MAX_HALVINGS)
			return common_error_set(err, COMMON_EINPUT, NULL, 0,
						"line search of the logistic "
						"regression failed at step %d",
						it);
		double *tmp;
		memcpy(m->coef, w->trial, p * sizeof *m->coef);
		tmp = w->g, w->g = w->gt, w->gt = tmp;
		tmp = w->h, w->h = w->ht, w->ht = tmp;
		f = ft;
		w->objective = f;
	}
	return common_error_set(err, COMMON_EINPUT, NULL, 0,
				"logistic regression did not converge in %d "
				"newton steps", w->max_iter);
}

int sim_logreg_fit(sim_logreg *m, const double *X, const unsigned char *y,
		   size_t n, double lambda, common_error *err)
{
	return fit(m, X, y, NULL, n, lambda, err);
}

int sim_logreg_fit_rows(sim_logreg *m, const double *X,
			const unsigned char *y, const size_t *rows,
			size_t nrows, double lambda, common_error *err)
{
	return fit(m, X, y, rows, nrows, lambda, err);
}

size_t sim_logreg_dim(const sim_logreg *m)
{
	return m->d;
}

const double *sim_logreg_coef(const sim_logreg *m)
{
	return m->coef;
}

double sim_logreg_intercept(const sim_logreg *m)
{
	return m->coef[m->d];
}

int sim_logreg_iterations(const sim_logreg *m)
{
	return m->work->iterations;
}

int sim_logreg_single_class(const sim_logreg *m)
{
	return m->work->single_class;
}

double sim_logreg_objective(const sim_logreg *m)
{
	return m->work->objective;
}

void sim_logreg_set_coef(sim_logreg *m, const double *coef, double intercept)
{
	memcpy(m->coef, coef, m->d * sizeof *m->coef);
	m->coef[m->d] = intercept;
	m->work->has_start = 1;
}

int sim_logreg_copy(sim_logreg *dst, const sim_logreg *src,
		    common_error *err)
{
	if (dst->d != src->d)
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"dimension mismatch copying a model "
					"(%zu vs %zu features)", src->d, dst->d);
	memcpy(dst->coef, src->coef, (src->d + 1) * sizeof *dst->coef);
	dst->work->has_start = 1;
	return COMMON_OK;
}

size_t sim_logreg_state_len(const sim_logreg *m)
{
	return m->d + 1 + 4;
}

void sim_logreg_save(const sim_logreg *m, double *state)
{
	const struct sim_logreg_work *w = m->work;
	size_t p = m->d + 1;
	memcpy(state, m->coef, p * sizeof *state);
	state[p] = w->objective;
	state[p + 1] = w->iterations;
	state[p + 2] = w->single_class;
	state[p + 3] = w->has_start;
}

void sim_logreg_load(sim_logreg *m, const double *state)
{
	struct sim_logreg_work *w = m->work;
	size_t p = m->d + 1;
	memcpy(m->coef, state, p * sizeof *m->coef);
	w->objective = state[p];
	w->iterations = (int)state[p + 1];
	w->single_class = state[p + 2] != 0;
	w->has_start = state[p + 3] != 0;
}
