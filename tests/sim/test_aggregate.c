/* tests/sim/test_aggregate.c: the exact per-step probabilities of the
 * aggregate engine (sim/aggregate.c) and the train store's declared rows
 * (sim/train_store.c) it relies on.
 *
 * References, none of them sharing code or method with sim/aggregate.c:
 * - a nested GSL adaptive quadrature written here that conditions on the
 *   model's score z instead of the concept's eta: for z = m_z + s_z u,
 *   eta | z ~ N(m_eta + (cov / s_z) u, s_eta^2 - cov^2 / s_z^2), so
 *     tp = int_{u > -m_z/s_z} phi(u) E[q(eta) | u] du     (QAGIU outer)
 *     fn = int_{u <= -m_z/s_z} phi(u) E[q(eta) | u] du    (QAGIL outer)
 *   fp and tn the same with 1 - E[q | u], each cell its own integral, and
 *     loss = int phi(u) (softplus(z) - z E[q | u]) du      (QAGI outer)
 *   with E[q | u] itself a QAGI integral over eta's conditional law. The
 *   fixed-panel rule integrates over eta's score and puts the score's
 *   step inside its panels; here the step is the outer integral's limit;
 * - closed forms (beta = 0, w = 0, w = b = 0);
 * - a fixed-seed Monte Carlo run of sim_process_draw (the per-request
 *   generator), with 5-sigma bounds;
 * - for the bin probabilities, differences of gsl_cdf_ugaussian_P/Q taken
 *   by hand. */
#include <check.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "common/common.h"
#include "sim/aggregate.h"
#include "sim/drift.h"
#include "sim/process.h"
#include "sim/scenario.h"
#include "sim/train_store.h"
#include "tests/sim/helpers.h"

enum { D = 3, MAXC = 2 };

/* ---- laws built by hand ------------------------------------------------- */

/* A law of D features with at most MAXC components, in the public layout
 * of sim/drift.h (what sim_law_at fills), so any parameters can be set. */
typedef struct law_spec {
	double noise;
	int ncomp;
	double weight[MAXC];
	double mu[MAXC][D], sigma[MAXC][D], beta[MAXC][D], beta0[MAXC];
} law_spec;

typedef struct hand_law {
	law_spec s;
	sim_component comp[MAXC];
	double cum[MAXC];
	sim_law law;
} hand_law;

static void hand_law_init(hand_law *h, const law_spec *s)
{
	h->s = *s;
	double c = 0;
	for (int k = 0; k < s->ncomp; k++) {
		h->comp[k].weight = h->s.weight[k];
		h->comp[k].mu = h->s.mu[k];
		h->comp[k].sigma = h->s.sigma[k];
		h->comp[k].beta = h->s.beta[k];
		h->comp[k].beta0 = h->s.beta0[k];
		c += h->s.weight[k];
		h->cum[k] = c;
	}
	h->cum[s->ncomp - 1] = 2; /* as sim_law_at leaves it */
	h->law.d = D;
	h->law.noise = s->noise;
	h->law.ncomp = s->ncomp;
	h->law.maxcomp = MAXC;
	h->law.comp = h->comp;
	h->law.cum = h->cum;
	h->law.store = NULL;
}

/* ---- the reference: nested adaptive quadrature conditioning on z --------- */

typedef struct ref_comp {
	double m_z, s_z, m_eta, s_eta, cov;
	double noise;
	/* eta | u: mean a0 + a1 u, sd sd_c */
	double a0, a1, sd_c;
	double u;   /* the outer variable, for the inner integrand */
	int which;  /* 0: E[q|u] density, 1: E[1-q|u], 2: loss */
	gsl_integration_workspace *inner;
} ref_comp;

static double q_eta(double noise, double eta)
{
	return noise + (1.0 - 2.0 * noise) / (1.0 + exp(-eta));
}

static double phi(double u)
{
	return exp(-0.5 * u * u) / sqrt(2.0 * M_PI);
}

static double inner_f(double t, void *p)
{
	const ref_comp *r = p;
	return phi(t) * q_eta(r->noise, r->a0 + r->a1 * r->u + r->sd_c * t);
}

/* E[q(eta) | z = m_z + s_z u]. */
static double cond_q(ref_comp *r, double u)
{
	r->u = u;
	if (!(r->sd_c > 0))
		return q_eta(r->noise, r->a0 + r->a1 * u);
	gsl_function f = { inner_f, r };
	double v, e;
	int st = gsl_integration_qagi(&f, 1e-14, 1e-12, 1000, r->inner, &v,
				      &e);
	ck_assert_msg(st == 0, "inner qagi: %s", gsl_strerror(st));
	return v;
}

static double outer_f(double u, void *p)
{
	ref_comp *r = p;
	double eq = cond_q(r, u);
	if (r->which == 0)
		return phi(u) * eq;
	if (r->which == 1)
		return phi(u) * (1.0 - eq);
	double z = r->m_z + r->s_z * u;
	double sp = z > 0 ? z + log1p(exp(-z)) : log1p(exp(z));
	return phi(u) * (sp - z * eq);
}

/* 0: (-inf, lim], 1: (lim, inf), 2: the whole line */
static double outer(ref_comp *r, int which, int side, double lim,
		    gsl_integration_workspace *ws)
{
	gsl_function f = { outer_f, r };
	double v, e;
	int st;
	r->which = which;
	if (side == 0)
		st = gsl_integration_qagil(&f, lim, 1e-12, 1e-10, 1000, ws, &v,
					   &e);
	else if (side == 1)
		st = gsl_integration_qagiu(&f, lim, 1e-12, 1e-10, 1000, ws, &v,
					   &e);
	else
		st = gsl_integration_qagi(&f, 1e-12, 1e-10, 1000, ws, &v, &e);
	ck_assert_msg(st == 0, "outer qag: %s", gsl_strerror(st));
	ck_assert_msg(e < 1e-9, "outer error estimate %g", e);
	return v;
}

/* cells[0..3] = tp, fp, fn, tn; *loss the expected log loss. */
static void reference(const sim_law *law, const double *w, double b,
		      double shift, double cells[4], double *loss)
{
	gsl_integration_workspace *wo = gsl_integration_workspace_alloc(1000);
	gsl_integration_workspace *wi = gsl_integration_workspace_alloc(1000);
	ck_assert(wo && wi);
	/* A roundoff warning must not abort the test before the status is
	 * looked at; the asserts above check every status. */
	gsl_error_handler_t *old = gsl_set_error_handler_off();
	for (int j = 0; j < 4; j++)
		cells[j] = 0;
	*loss = 0;
	for (int k = 0; k < law->ncomp; k++) {
		const sim_component *c = &law->comp[k];
		ref_comp r = { 0 };
		r.noise = law->noise;
		r.inner = wi;
		r.m_z = b + w[0] * (c->mu[0] + shift);
		r.m_eta = c->beta0 + c->beta[0] * c->mu[0];
		double vz = w[0] * w[0] * c->sigma[0] * c->sigma[0];
		double ve = c->beta[0] * c->beta[0] * c->sigma[0] * c->sigma[0];
		r.cov = w[0] * c->beta[0] * c->sigma[0] * c->sigma[0];
		for (int j = 1; j < law->d; j++) {
			double s2 = c->sigma[j] * c->sigma[j];
			r.m_z += w[j] * c->mu[j];
			r.m_eta += c->beta[j] * c->mu[j];
			vz += w[j] * w[j] * s2;
			ve += c->beta[j] * c->beta[j] * s2;
			r.cov += w[j] * c->beta[j] * s2;
		}
		r.s_z = sqrt(vz);
		r.s_eta = sqrt(ve);
		double cell[4], l;
		if (vz == 0) {
			/* z is the constant m_z: one integral over eta */
			r.a0 = r.m_eta;
			r.a1 = 0;
			r.sd_c = r.s_eta;
			double p1 = cond_q(&r, 0);
			int pos = r.m_z > 0;
			cell[0] = pos ? p1 : 0;
			cell[1] = pos ? 1 - p1 : 0;
			cell[2] = pos ? 0 : p1;
			cell[3] = pos ? 0 : 1 - p1;
			double sp = r.m_z > 0 ? r.m_z + log1p(exp(-r.m_z))
					      : log1p(exp(r.m_z));
			l = sp - r.m_z * p1;
		} else {
			r.a0 = r.m_eta;
			r.a1 = r.cov / r.s_z;
			double v2 = ve - r.cov * r.cov / vz;
			/* proportional model: v2 is 0 up to rounding of ve */
			r.sd_c = v2 > 1e-14 * ve ? sqrt(v2) : 0;
			double lim = -r.m_z / r.s_z;
			cell[0] = outer(&r, 0, 1, lim, wo);
			cell[1] = outer(&r, 1, 1, lim, wo);
			cell[2] = outer(&r, 0, 0, lim, wo);
			cell[3] = outer(&r, 1, 0, lim, wo);
			l = outer(&r, 2, 2, 0, wo);
		}
		for (int j = 0; j < 4; j++)
			cells[j] += c->weight * cell[j];
		*loss += c->weight * l;
	}
	gsl_set_error_handler(old);
	gsl_integration_workspace_free(wo);
	gsl_integration_workspace_free(wi);
}

static void agg_probs(const sim_law *law, const double *w, double b,
		      double shift, sim_agg_probs *p)
{
	sim_agg *a = sim_agg_new(law->d);
	ck_assert_ptr_nonnull(a);
	sim_agg_model_probs(a, law, w, b, shift, p);
	sim_agg_free(a);
}

/* ---- against the reference ----------------------------------------------- */

#define ORD_MU { 0.5, -1, 0.2 }
#define ORD_SIGMA { 1, 2, 0.5 }
#define ORD_BETA { 1, -0.5, 2 }

static const struct {
	const char *name;
	law_spec law;
	double w[D], b, shift;
} ref_cases[] = {
	/* corr(z, eta) = 0.958 */
	{ "ordinary", { 0, 1, { 1 }, { ORD_MU }, { ORD_SIGMA }, { ORD_BETA },
			{ -0.3 } },
	  { 1.2, -0.45, 1.1 }, 0.1, 0 },
	{ "ordinary, noise 0.3", { 0.3, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
				   { ORD_BETA }, { -0.3 } },
	  { 1.2, -0.45, 1.1 }, 0.1, 0 },
	/* w = 2 beta, b = 0.4: z = 2 eta + 1, so P(z > 0 | eta) is a step
	 * at eta = -1/2 */
	{ "proportional", { 0.1, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
			    { ORD_BETA }, { -0.3 } },
	  { 2, -1, 4 }, 0.4, 0 },
	/* a negative multiple: the step turns the other way */
	{ "anti-proportional", { 0, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
				 { ORD_BETA }, { -0.3 } },
	  { -0.7, 0.35, -1.4 }, 0.2, 0 },
	/* cov = 4*1*1 - 1*1*4 + 0.5*0*1 = 0 */
	{ "orthogonal", { 0.3, 1, { 1 }, { { 0.3, 0.1, -0.5 } },
			  { { 1, 2, 1 } }, { { 1, 1, 0 } }, { 0.4 } },
	  { 4, -1, 0.5 }, -0.2, 0 },
	{ "s_eta = 0", { 0.3, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
			 { { 0, 0, 0 } }, { 0.7 } },
	  { 1.2, -0.45, 1.1 }, 0.1, 0 },
	{ "shift", { 0.1, 1, { 1 }, { ORD_MU }, { ORD_SIGMA }, { ORD_BETA },
		     { -0.3 } },
	  { 1.2, -0.45, 1.1 }, 0.1, 1.5 },
	{ "mixture, shift", { 0.05, 2, { 0.3, 0.7 },
			      { ORD_MU, { 2, 0, -1 } },
			      { ORD_SIGMA, { 0.5, 1, 1.5 } },
			      { ORD_BETA, { -0.5, 1, 0.3 } }, { -0.3, 0.8 } },
	  { 1.2, -0.45, 1.1 }, 0.1, -0.7 },
	/* nearly a step: sd(z | eta) / |c| is about 1e-3 of eta's sd */
	{ "nearly proportional", { 0, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
				   { ORD_BETA }, { -0.3 } },
	  { 1.001, -0.5, 2 }, 0.05, 0 },
	/* closer still: the score's conditional sd is 1e-7 of its slope */
	{ "nearly proportional 1e-7", { 0, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
					{ ORD_BETA }, { -0.3 } },
	  { 1.0000001, -0.5, 2 }, 0.05, 0 },
	/* z = eta: the step at eta's score 0, a break of the fixed panels */
	{ "step on a panel break", { 0, 1, { 1 }, { { 0, 0, 0 } },
				     { { 1, 1, 1 } }, { { 1, 1, 1 } }, { 0 } },
	  { 1, 1, 1 }, 0, 0 },
	/* the step 8.9 and 9.8 sd below the mean: inside and outside the
	 * panels' [-9, 9] (s_z = sqrt 3) */
	{ "step at -8.9 sd", { 0, 1, { 1 }, { { 0, 0, 0 } }, { { 1, 1, 1 } },
			       { { 1, 1, 1 } }, { 0 } },
	  { 1, 1, 1 }, 8.9 * 1.7320508075688772, 0 },
	{ "step at -9.8 sd", { 0, 1, { 1 }, { { 0, 0, 0 } }, { { 1, 1, 1 } },
			       { { 1, 1, 1 } }, { 0 } },
	  { 1, 1, 1 }, 17, 0 },
	/* the model proportional to one component's concept only */
	{ "mixture, proportional", { 0.05, 2, { 0.3, 0.7 },
				     { ORD_MU, { 2, 0, -1 } },
				     { ORD_SIGMA, { 0.5, 1, 1.5 } },
				     { ORD_BETA, { -0.5, 1, 0.3 } },
				     { -0.3, 0.8 } },
	  { 1, -0.5, 2 }, 0.1, -0.7 },
	/* a steep concept: the logistic turns over 1/40 of eta's sd */
	{ "steep concept", { 0.02, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
			     { { 20, -10, 40 } }, { 3 } },
	  { 1.2, -0.45, 1.1 }, 0.1, 0 },
	/* the score's turn far outside 9 sd: nearly everything positive */
	{ "far intercept", { 0.1, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
			     { ORD_BETA }, { -0.3 } },
	  { 1.2, -0.45, 1.1 }, 20, 0 },
};
enum { NREF = sizeof ref_cases / sizeof ref_cases[0] };

START_TEST(against_quadrature)
{
	hand_law h;
	hand_law_init(&h, &ref_cases[_i].law);
	sim_agg_probs p;
	agg_probs(&h.law, ref_cases[_i].w, ref_cases[_i].b,
		  ref_cases[_i].shift, &p);
	double want[4], loss;
	reference(&h.law, ref_cases[_i].w, ref_cases[_i].b,
		  ref_cases[_i].shift, want, &loss);
	/* the reference's own cells are separate integrals: they must add
	 * up, or the reference is wrong */
	ck_assert_double_eq_tol(want[0] + want[1] + want[2] + want[3], 1.0,
				1e-9);
	const double got[4] = { p.tp, p.fp, p.fn, p.tn };
	static const char *names[4] = { "tp", "fp", "fn", "tn" };
	for (int j = 0; j < 4; j++)
		ck_assert_msg(fabs(got[j] - want[j]) <= 1e-7,
			      "%s: %s = %.15g, reference %.15g (diff %.3g)",
			      ref_cases[_i].name, names[j], got[j], want[j],
			      got[j] - want[j]);
	ck_assert_msg(fabs(p.loss - loss) <= 1e-7,
		      "%s: loss = %.15g, reference %.15g (diff %.3g)",
		      ref_cases[_i].name, p.loss, loss, p.loss - loss);
	ck_assert_double_eq_tol(p.tp + p.fp + p.fn + p.tn, 1.0, 1e-12);
}
END_TEST

/* ---- closed forms ---------------------------------------------------------- */

/* beta = 0: the label is independent of x with P(y = 1) = q(beta0), and
 * P(z > 0) = Phi(m_z / s_z), so every cell is a product. Here
 * m_z = 0.3 + 1.2*0.5 + 0.45 + 0.22 = 1.57 (shift 0) and
 * s_z^2 = 1.44 + 0.2025*4 + 1.21*0.25 = 2.5525. */
START_TEST(closed_form_no_concept)
{
	law_spec s = { 0.2, 1, { 1 }, { ORD_MU }, { ORD_SIGMA },
		       { { 0, 0, 0 } }, { -0.8 } };
	hand_law h;
	hand_law_init(&h, &s);
	const double w[D] = { 1.2, -0.45, 1.1 };
	sim_agg_probs p;
	agg_probs(&h.law, w, 0.3, 0, &p);
	double q = 0.2 + 0.6 / (1 + exp(0.8));
	double pos = gsl_cdf_ugaussian_P(1.57 / sqrt(2.5525));
	ck_assert_double_eq_tol(p.tp, q * pos, 1e-12);
	ck_assert_double_eq_tol(p.fp, (1 - q) * pos, 1e-12);
	ck_assert_double_eq_tol(p.fn, q * (1 - pos), 1e-12);
	ck_assert_double_eq_tol(p.tn, (1 - q) * (1 - pos), 1e-12);
}
END_TEST

/* w = 0: z = b. With b > 0 every request is predicted positive, so
 * tp = P(y = 1) (from sim_process_positive_rate, QAGS in sim/process.c),
 * fn = tn = 0; with b < 0 the mirror image. */
START_TEST(closed_form_constant_model)
{
	law_spec s = { 0.1, 1, { 1 }, { ORD_MU }, { ORD_SIGMA }, { ORD_BETA },
		       { -0.3 } };
	hand_law h;
	hand_law_init(&h, &s);
	double prev;
	common_error err;
	ck_assert_int_eq(sim_process_positive_rate(&h.law, &prev, &err), 0);
	const double w[D] = { 0, 0, 0 };
	sim_agg_probs p;
	agg_probs(&h.law, w, 0.5, 0, &p);
	ck_assert_double_eq_tol(p.tp, prev, 1e-9);
	ck_assert_double_eq_tol(p.fp, 1 - prev, 1e-9);
	ck_assert_double_eq_tol(p.fn, 0, 1e-15);
	ck_assert_double_eq_tol(p.tn, 0, 1e-15);
	agg_probs(&h.law, w, -0.5, 2.0, &p);
	ck_assert_double_eq_tol(p.tp, 0, 1e-15);
	ck_assert_double_eq_tol(p.fp, 0, 1e-15);
	ck_assert_double_eq_tol(p.fn, prev, 1e-9);
	ck_assert_double_eq_tol(p.tn, 1 - prev, 1e-9);
}
END_TEST

/* w = 0, b = 0: the model says 1/2 to everyone, log loss log 2 whatever
 * the label; cells sum to 1 for every case of the table. */
START_TEST(closed_form_loss_and_sums)
{
	const double w0[D] = { 0, 0, 0 };
	for (size_t k = 0; k < NREF; k++) {
		hand_law h;
		hand_law_init(&h, &ref_cases[k].law);
		sim_agg_probs p;
		agg_probs(&h.law, w0, 0, ref_cases[k].shift, &p);
		ck_assert_msg(fabs(p.loss - log(2.0)) <= 1e-14,
			      "%s: loss %.17g", ref_cases[k].name, p.loss);
		agg_probs(&h.law, ref_cases[k].w, ref_cases[k].b,
			  ref_cases[k].shift, &p);
		double sum = p.tp + p.fp + p.fn + p.tn;
		ck_assert_msg(fabs(sum - 1) <= 1e-12, "%s: sum %.17g",
			      ref_cases[k].name, sum);
		ck_assert(p.tp >= 0 && p.fp >= 0 && p.fn >= 0 && p.tn >= 0);
	}
}
END_TEST

/* ---- Monte Carlo ------------------------------------------------------------ */

/* A gradual concept drift at its midpoint (two components, beta rotated
 * by 90 degrees in the second) with label noise, drawn by the per-request
 * generator; the model is served with a skew of 0.8 on x1 (labels come
 * from the unshifted rows, the model sees x1 + 0.8, as in
 * sim/engine_serve.c). Each cell's count is Binomial(n, p): a 5-sigma
 * bound fails with probability 5.7e-7 per cell for a correct p, and with
 * n = 2e6 it is at most 5 * 0.5 / sqrt(2e6) = 1.8e-3 wide. */
#define MC_N 2000000
#define MC_CHUNK 50000

START_TEST(against_monte_carlo)
{
	sim_scenario *sc = test_load_scenario(
		"<scenario xmlns=\"urn:mlopskit:scenario:1\">"
		"<horizon steps='100'/>"
		"<data features='3'><mu>0.5 -1 0.2</mu><sigma>1 2 0.5</sigma>"
		"</data>"
		"<concept beta0='-0.3' noise='0.1'><beta>1 -0.5 2</beta>"
		"</concept>"
		"<drifts><drift pattern='gradual' start='50' width='10'>"
		"<concept rotate='90'/></drift></drifts></scenario>");
	sim_law *law = NULL;
	common_error err;
	ck_assert_int_eq(sim_law_new(sc, &law, &err), 0);
	sim_law_at(sc, NULL, 50.0, law);
	ck_assert_int_eq(law->ncomp, 2);
	const double w[D] = { 1.2, -0.45, 1.1 }, b = 0.1, shift = 0.8;
	sim_agg_probs p;
	agg_probs(law, w, b, shift, &p);

	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double *x = malloc((size_t)MC_CHUNK * D * sizeof *x);
	unsigned char *y = malloc(MC_CHUNK);
	ck_assert(r && x && y);
	gsl_rng_set(r, 20250107);
	double n[4] = { 0, 0, 0, 0 }; /* tp fp fn tn */
	for (size_t done = 0; done < MC_N; done += MC_CHUNK) {
		sim_process_draw(law, r, MC_CHUNK, x, y);
		for (size_t i = 0; i < MC_CHUNK; i++) {
			const double *xi = x + i * D;
			double z = b + w[0] * (xi[0] + shift) + w[1] * xi[1] +
				   w[2] * xi[2];
			int pos = z > 0;
			n[(pos ? 0 : 2) + (y[i] ? 0 : 1)]++;
		}
	}
	const double want[4] = { p.tp, p.fp, p.fn, p.tn };
	for (int j = 0; j < 4; j++) {
		double f = n[j] / MC_N;
		double se = sqrt(want[j] * (1 - want[j]) / MC_N);
		ck_assert_msg(fabs(f - want[j]) <= 5 * se,
			      "cell %d: %.6f drawn, %.6f exact (se %.2g)", j,
			      f, want[j], se);
	}
	free(x);
	free(y);
	gsl_rng_free(r);
	sim_law_free(law);
	sim_scenario_free(sc);
	common_xml_cleanup();
}
END_TEST

/* ---- monitor bins -------------------------------------------------------------- */

/* Bin j holds edges[j-1] < v <= edges[j]; for v ~ N(m, s^2) its
 * probability is Phi((e_j - m)/s) - Phi((e_{j-1} - m)/s), taken here with
 * Q in the upper tail so that small bins there keep their digits. */
START_TEST(bin_probs_by_hand)
{
	static const double edges[] = { -1, 0, 0.5, 2, 6 };
	const size_t ne = sizeof edges / sizeof edges[0];
	const double m = 0.3, s = 1.5;
	double p[6], want[6];
	sim_agg_bin_probs(m, s, edges, ne, p);
	for (size_t j = 0; j <= ne; j++) {
		double lo = j ? (edges[j - 1] - m) / s : -INFINITY;
		double hi = j < ne ? (edges[j] - m) / s : INFINITY;
		want[j] = lo >= 0 ? gsl_cdf_ugaussian_Q(lo) -
					    gsl_cdf_ugaussian_Q(hi)
				  : gsl_cdf_ugaussian_P(hi) -
					    gsl_cdf_ugaussian_P(lo);
	}
	double sum = 0;
	for (size_t j = 0; j <= ne; j++) {
		ck_assert_msg(fabs(p[j] - want[j]) <= 1e-15,
			      "bin %zu: %.17g, want %.17g", j, p[j], want[j]);
		sum += p[j];
	}
	ck_assert_double_eq_tol(sum, 1.0, 1e-15);
	/* the last bin: P(v > 6) = Q(3.8) = erfc(3.8 / sqrt 2) / 2 (Python
	 * math.erfc) */
	ck_assert_double_eq_tol(p[5], 7.234804392512014e-05, 1e-15);

	/* s == 0: the whole mass in m's bin; m on an edge belongs to the
	 * bin the edge closes */
	const struct {
		double m;
		size_t bin;
	} pts[] = { { -5, 0 }, { -1, 0 }, { -0.999, 1 }, { 0, 1 },
		    { 0.4, 2 }, { 2, 3 },  { 3, 4 },      { 6.5, 5 } };
	for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++) {
		sim_agg_bin_probs(pts[k].m, 0, edges, ne, p);
		for (size_t j = 0; j <= ne; j++)
			ck_assert_msg(p[j] == (j == pts[k].bin ? 1.0 : 0.0),
				      "m = %g, bin %zu: %g", pts[k].m, j,
				      p[j]);
	}
	/* no edges: one bin */
	sim_agg_bin_probs(1, 2, edges, 0, p);
	ck_assert_double_eq(p[0], 1.0);
}
END_TEST

/* ---- train store: declared rows -------------------------------------------------- */

/* A ring of 3 steps of at most 2 one-feature rows. */
START_TEST(store_declared_rows)
{
	common_error err;
	sim_train_store *st;
	ck_assert_int_eq(sim_train_store_new(1, 3, 2, &st, &err), 0);
	double *X = NULL;
	unsigned char *y = NULL;
	/* 5 declared rows of step 0 are capped at 2 */
	sim_train_store_declare(st, 0, 5);
	double x1[1] = { 7 };
	unsigned char y1[1] = { 1 };
	sim_train_store_add(st, 1, x1, y1, 1); /* step 1: drawn at once */
	sim_train_store_declare(st, 2, 1);
	ck_assert_uint_eq(sim_train_store_count(st, 0, 0), 2);
	ck_assert_uint_eq(sim_train_store_count(st, 0, 2), 4);
	/* only declared, not yet drawn, steps wait */
	ck_assert_uint_eq(sim_train_store_undrawn(st, 1, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 5, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, -1, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 0, &X, &y), 2);
	X[0] = 10;
	X[1] = 11;
	y[0] = 0;
	y[1] = 1;
	sim_train_store_mark_drawn(st, 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 0, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 2, &X, &y), 1);
	X[0] = 20;
	y[0] = 1;
	sim_train_store_mark_drawn(st, 2);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 2, &X, &y), 0);
	double gx[8];
	unsigned char gy[8];
	ck_assert_uint_eq(sim_train_store_gather(st, 0, 2, gx, gy, 8), 4);
	const double wx[4] = { 10, 11, 7, 20 };
	const unsigned char wy[4] = { 0, 1, 1, 1 };
	for (int i = 0; i < 4; i++) {
		ck_assert_double_eq(gx[i], wx[i]);
		ck_assert_int_eq(gy[i], wy[i]);
	}
	/* step 3 takes step 0's slot: step 0 is gone, marking it does
	 * nothing, and step 3 waits to be drawn */
	sim_train_store_declare(st, 3, 1);
	ck_assert_uint_eq(sim_train_store_count(st, 0, 0), 0);
	ck_assert_uint_eq(sim_train_store_count(st, 0, 3), 3);
	sim_train_store_mark_drawn(st, 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 0, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 3, &X, &y), 1);
	/* a step added by rows evicts a declared one the same way, and is
	 * drawn already */
	sim_train_store_declare(st, 4, 2);
	sim_train_store_add(st, 7, x1, y1, 1); /* 7 % 3 == 4 % 3 */
	ck_assert_uint_eq(sim_train_store_count(st, 4, 4), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 4, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 7, &X, &y), 0);
	/* a reset forgets declared steps */
	sim_train_store_reset(st);
	ck_assert_uint_eq(sim_train_store_undrawn(st, 3, &X, &y), 0);
	ck_assert_uint_eq(sim_train_store_count(st, 0, 9), 0);
	sim_train_store_free(st);
}
END_TEST

/* sim_agg_hypergeometric against the exact law: 200,000 draws per case,
 * Pearson's chi-square over the support (tails merged until each cell
 * expects at least 5) with probabilities from gsl_ran_hypergeometric_pdf
 * (an independent computation: GSL's log-factorials, not the sampler's
 * neighbour ratios). Each case fails by chance with probability 1e-4
 * (fixed seed: the outcome is the same on every run). The case of 30
 * items uses GSL's own sampler, the others (33 items, just above the
 * switch, and a sweep step's 178 training rows among them) the inversion
 * from the mode. */
START_TEST(hypergeometric_law)
{
	static const unsigned long cases[][3] = {
		{20000, 80000, 50000}, {300, 700, 400}, {5000, 5000, 9000},
		{1000, 99000, 95000}, {40, 60, 30}, {400, 4600, 178},
		{30, 70, 33}};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 20261128);
	enum { DRAWS = 200000 };
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		unsigned long n1 = cases[c][0], n2 = cases[c][1], t = cases[c][2];
		unsigned long lo = t > n2 ? t - n2 : 0, hi = t < n1 ? t : n1;
		size_t span = hi - lo + 1;
		double *obs = calloc(span, sizeof *obs);
		long outside = 0; /* asserted once: see binomial_law */
		for (int i = 0; i < DRAWS; i++) {
			unsigned long x = sim_agg_hypergeometric(r, n1, n2, t);
			if (x < lo || x > hi) {
				outside++;
				continue;
			}
			obs[x - lo] += 1;
		}
		ck_assert_int_eq(outside, 0);
		/* cells of adjacent support points, each expecting >= 5; a
		 * short tail joins the last cell */
		double *ce = calloc(span, sizeof *ce), *co = calloc(span, sizeof *co);
		double eacc = 0, oacc = 0;
		int cells = 0;
		for (size_t j = 0; j < span; j++) {
			eacc += DRAWS * gsl_ran_hypergeometric_pdf(
						(unsigned)(lo + j), (unsigned)n1,
						(unsigned)n2, (unsigned)t);
			oacc += obs[j];
			if (eacc >= 5) {
				ce[cells] = eacc;
				co[cells++] = oacc;
				eacc = oacc = 0;
			}
		}
		ck_assert_int_gt(cells, 1);
		ce[cells - 1] += eacc;
		co[cells - 1] += oacc;
		double chi = 0;
		for (int k = 0; k < cells; k++)
			chi += (co[k] - ce[k]) * (co[k] - ce[k]) / ce[k];
		free(ce);
		free(co);
		double p = gsl_cdf_chisq_Q(chi, cells - 1);
		ck_assert_msg(p > 1e-4, "case %zu: chi2 %g on %d cells, p %g", c,
			      chi, cells, p);
		free(obs);
	}
	gsl_rng_free(r);
}
END_TEST

/* Pearson's chi-square p-value of counts obs[0..span-1] (values lo..)
 * against draws * pmf(lo + j), adjacent cells merged until each expects
 * at least 5 (a short tail joins the last cell). */
static double chisq_p(const double *obs, size_t span, double draws,
		      double (*pmf)(unsigned int x, const void *ctx),
		      const void *ctx, unsigned int lo)
{
	double eacc = 0, oacc = 0, chi = 0, ce = 0, co = 0;
	int cells = 0;
	for (size_t j = 0; j < span; j++) {
		eacc += draws * pmf(lo + (unsigned int)j, ctx);
		oacc += obs[j];
		if (eacc >= 5) {
			if (cells > 0)
				chi += (co - ce) * (co - ce) / ce;
			ce = eacc;
			co = oacc;
			cells++;
			eacc = oacc = 0;
		}
	}
	ck_assert_int_gt(cells, 1);
	ce += eacc;
	co += oacc;
	chi += (co - ce) * (co - ce) / ce;
	return gsl_cdf_chisq_Q(chi, cells - 1);
}

struct binom_case {
	unsigned int n;
	double p;
};

static double binom_pmf(unsigned int x, const void *ctx)
{
	const struct binom_case *c = ctx;
	return gsl_ran_binomial_pdf(x, c->p, c->n);
}

/* sim_agg_binomial against the binomial law (gsl_ran_binomial_pdf: GSL's
 * log-factorials, independent of BTRS's Stirling-tail bound): 400,000
 * draws per case, Pearson's chi-square; each case fails by chance with
 * probability 1e-4 (fixed seed). The cases cover BTRS in its squeeze and
 * exact-test branches (means 10 to 50,000), p above one half (the
 * reflection), the inversion below a mean of 10, and the edges. */
START_TEST(binomial_law)
{
	static const struct binom_case cases[] = {
		{500, 0.09}, {45, 0.5}, {1000, 0.3}, {100000, 0.01},
		{60, 0.8}, {29, 0.35}, {25, 0.39}, {100000, 0.5}, {12, 0.97}};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 20261129);
	enum { DRAWS = 400000 };
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		unsigned int n = cases[c].n;
		/* the support within 12 sd of the mean (outside it the law
		 * puts less than 1e-30: a draw there is a failure), so the
		 * pmf is evaluated on thousands of points, not n + 1 */
		double mu0 = n * cases[c].p;
		double sd0 = sqrt(mu0 * (1 - cases[c].p));
		unsigned int lo = mu0 - 12 * sd0 - 1 > 0
					  ? (unsigned int)(mu0 - 12 * sd0 - 1) : 0;
		unsigned int hi = mu0 + 12 * sd0 + 1 < n
					  ? (unsigned int)(mu0 + 12 * sd0 + 1) : n;
		double *obs = calloc(hi - lo + 1, sizeof *obs);
		double sum = 0;
		long outside = 0; /* one assertion after the loop: Check
				     records every passing one (a syscall) */
		for (int i = 0; i < DRAWS; i++) {
			unsigned int x = sim_agg_binomial(r, cases[c].p, n);
			if (x < lo || x > hi) {
				outside++;
				continue;
			}
			obs[x - lo] += 1;
			sum += x;
		}
		ck_assert_int_eq(outside, 0);
		double p = chisq_p(obs, hi - lo + 1, DRAWS, binom_pmf, &cases[c],
				   lo);
		ck_assert_msg(p > 1e-4, "case %zu (n %u, p %g): chi-square p %g",
			      c, n, cases[c].p, p);
		/* the mean within 5 standard errors */
		double mu = n * cases[c].p;
		double se = sqrt(n * cases[c].p * (1 - cases[c].p) / DRAWS);
		ck_assert_double_eq_tol(sum / DRAWS, mu, 5 * se);
		free(obs);
	}
	/* the edges need no draw */
	ck_assert_uint_eq(sim_agg_binomial(r, 0, 10), 0);
	ck_assert_uint_eq(sim_agg_binomial(r, -0.5, 10), 0);
	ck_assert_uint_eq(sim_agg_binomial(r, 1, 10), 10);
	ck_assert_uint_eq(sim_agg_binomial(r, 1.5, 10), 10);
	ck_assert_uint_eq(sim_agg_binomial(r, 0.5, 0), 0);
	ck_assert_uint_eq(sim_agg_binomial(r, NAN, 10), 0);
	gsl_rng_free(r);
}
END_TEST

/* The Stirling tails BTRS's exact test uses, against lgamma: log k! -
 * (k + 1/2) log(k + 1) + (k + 1) - log(2 pi) / 2. The table (k < 10) is
 * exact to the rounding of this check (a few ulps of its terms); the
 * series beyond to 4e-11 at k = 10, tighter after. */
START_TEST(stirling_tail_values)
{
	for (int k = 0; k < 2000; k = k < 30 ? k + 1 : k * 2) {
		double kk = k;
		double want = lgamma(kk + 1) - (kk + 0.5) * log(kk + 1) +
			      (kk + 1) - 0.5 * log(2 * M_PI);
		/* this check's own rounding: a few ulps of its largest term */
		double round = 8 * DBL_EPSILON * ((kk + 0.5) * log(kk + 1) + kk + 2);
		double tol = round + (k < 10 ? 0 : 4e-11 * pow(11.0 / (kk + 1), 7));
		ck_assert_msg(fabs(sim_agg_stirling_tail(kk) - want) <= tol,
			      "k %d: %.17g vs %.17g", k,
			      sim_agg_stirling_tail(kk), want);
	}
}
END_TEST

struct multi_case {
	unsigned int n;
	double p[4];
};

/* The joint law of a 3-bin multinomial, cell (a, b, n - a - b) indexed
 * a * (n + 1) + b: gsl_ran_multinomial_pdf. */
static double multi_pmf(unsigned int x, const void *ctx)
{
	const struct multi_case *c = ctx;
	unsigned int a = x / (c->n + 1), b = x % (c->n + 1);
	if (a + b > c->n)
		return 0;
	unsigned int cnt[3] = {a, b, c->n - a - b};
	return gsl_ran_multinomial_pdf(3, c->p, cnt);
}

/* sim_agg_multinomial: the joint law of 3 bins of 40 items (every cell
 * (a, b), chi-square against gsl_ran_multinomial_pdf, 200,000 draws per
 * case, false alarm 1e-4 per case; weights not normalised, one case in
 * the BTRS range, one with a zero bin), then the moments of 10 bins of 500
 * (each bin's mean and the covariance of two, within 5 standard errors),
 * and the degenerate inputs. */
START_TEST(multinomial_law)
{
	static const struct multi_case cases[] = {
		{40, {0.2, 0.3, 0.5, 0}}, {40, {2, 5, 3, 0}},
		{40, {0.45, 0, 0.55, 0}}};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_taus2);
	gsl_rng_set(r, 20261130);
	enum { DRAWS = 200000 };
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		unsigned int n = cases[c].n, out[3];
		size_t span = (size_t)(n + 1) * (n + 1);
		double *obs = calloc(span, sizeof *obs);
		long bad = 0;
		for (int i = 0; i < DRAWS; i++) {
			sim_agg_multinomial(r, 3, n, cases[c].p, out);
			bad += out[0] + out[1] + out[2] != n ||
			       (cases[c].p[1] == 0 && out[1] != 0);
			obs[out[0] * (n + 1) + out[1]] += 1;
		}
		ck_assert_int_eq(bad, 0);
		double p = chisq_p(obs, span, DRAWS, multi_pmf, &cases[c], 0);
		ck_assert_msg(p > 1e-4, "case %zu: chi-square p %g", c, p);
		free(obs);
	}
	/* 10 bins of 500: E n_j = 500 p_j, Cov(n_0, n_1) = -500 p_0 p_1 */
	long bad = 0;
	double w[10], s[10] = {0}, s01 = 0;
	for (int j = 0; j < 10; j++)
		w[j] = 0.1 + 0.01 * (j - 4.5);
	unsigned int out[10];
	enum { M = 100000 };
	for (int i = 0; i < M; i++) {
		sim_agg_multinomial(r, 10, 500, w, out);
		unsigned int tot = 0;
		for (int j = 0; j < 10; j++) {
			s[j] += out[j];
			tot += out[j];
		}
		bad += tot != 500;
		s01 += (out[0] - 500 * w[0]) * (out[1] - 500 * w[1]);
	}
	ck_assert_int_eq(bad, 0);
	for (int j = 0; j < 10; j++) {
		double mu = 500 * w[j], se = sqrt(500 * w[j] * (1 - w[j]) / M);
		ck_assert_double_eq_tol(s[j] / M, mu, 5 * se);
	}
	/* sd of the product of two counts' deviations ~ sqrt(v0 v1) */
	double cov = -500 * w[0] * w[1];
	double se = sqrt(500 * w[0] * (1 - w[0]) * 500 * w[1] * (1 - w[1]) / M);
	ck_assert_double_eq_tol(s01 / M, cov, 5 * se);
	/* nothing to draw, nowhere to put it */
	double zero[3] = {0, -1, 0}, one[3] = {0, 0, 7};
	sim_agg_multinomial(r, 3, 9, zero, out);
	ck_assert_uint_eq(out[0] + out[1] + out[2], 0);
	sim_agg_multinomial(r, 3, 9, one, out);
	ck_assert_uint_eq(out[2], 9);
	sim_agg_multinomial(r, 3, 0, w, out);
	ck_assert_uint_eq(out[0] + out[1] + out[2], 0);
	gsl_rng_free(r);
}
END_TEST

Suite *test_aggregate_suite(void)
{
	Suite *s = suite_create("aggregate");
	TCase *tc = tcase_create("aggregate");
	tcase_add_loop_test(tc, against_quadrature, 0, NREF);
	tcase_add_test(tc, closed_form_no_concept);
	tcase_add_test(tc, closed_form_constant_model);
	tcase_add_test(tc, closed_form_loss_and_sums);
	tcase_add_test(tc, against_monte_carlo);
	tcase_add_test(tc, bin_probs_by_hand);
	tcase_add_test(tc, store_declared_rows);
	tcase_add_test(tc, hypergeometric_law);
	tcase_add_test(tc, binomial_law);
	tcase_add_test(tc, stirling_tail_values);
	tcase_add_test(tc, multinomial_law);
	tcase_set_timeout(tc, 30);
	suite_add_tcase(s, tc);
	return s;
}
