/* sim/aggregate.c: the probabilities of sim/aggregate.h by fixed-panel
 * Gauss-Legendre quadrature (GSL's glfixed nodes).
 *
 * Every integrand is phi(v) times a bounded function of v = (eta -
 * m_eta) / s_eta. The panels: [-9, 9] (phi(9) = 1e-18) cut every 3 units,
 * and again around the place where the integrand turns fast (the score's
 * conditional probability Phi((m_z + c v) / s_c) over a width s_c / |c|,
 * the logistic over 1 / s_eta, the softplus kink over 1 / s_z), with 10
 * nodes per panel. tests/sim/test_aggregate.c checks the results against
 * GSL's adaptive QAGS and against closed forms. */
#include "sim/aggregate.h"

#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_math.h>

#include "common/banned.h"

#define AGG_NODES 10
#define AGG_GRID 3.0
#define AGG_LIMIT 9.0
#define AGG_MAXBREAK 64

struct sim_agg {
	int d;
	double x[AGG_NODES], wt[AGG_NODES]; /* nodes on [-1, 1] */
};

sim_agg *sim_agg_new(int d)
{
	sim_agg *a = calloc(1, sizeof *a);
	gsl_integration_glfixed_table *t =
		gsl_integration_glfixed_table_alloc(AGG_NODES);
	if (!a || !t) {
		free(a);
		if (t)
			gsl_integration_glfixed_table_free(t);
		return NULL;
	}
	a->d = d;
	for (size_t i = 0; i < AGG_NODES; i++)
		gsl_integration_glfixed_point(-1.0, 1.0, i, &a->x[i], &a->wt[i],
					      t);
	gsl_integration_glfixed_table_free(t);
	return a;
}

void sim_agg_free(sim_agg *a)
{
	free(a);
}

/* ---- panels ---------------------------------------------------------- */

typedef struct panels {
	double b[AGG_MAXBREAK];
	int n;
} panels;

static void add_break(panels *p, double v)
{
	if (!isfinite(v) || v <= -AGG_LIMIT || v >= AGG_LIMIT ||
	    p->n >= AGG_MAXBREAK)
		return;
	p->b[p->n++] = v;
}

/* Breaks around a fast turn at c of width w: c, c +- w, c +- 4 w and,
 * for the logistic's and softplus's exponential tails (still 0.02 at
 * 4 w), c +- 16 w. */
static void add_turn(panels *p, double c, double w)
{
	add_break(p, c);
	if (!(w > 0) || !isfinite(w))
		return;
	for (int k = 1; k <= 16; k *= 4) {
		add_break(p, c - k * w);
		add_break(p, c + k * w);
	}
}

static void panels_start(panels *p)
{
	p->n = 0;
	for (double v = -AGG_LIMIT; v <= AGG_LIMIT + 1e-9; v += AGG_GRID)
		p->b[p->n++] = v;
}

/* Insertion sort: at most AGG_MAXBREAK breaks, called per law change. */
static void panels_finish(panels *p)
{
	for (int i = 1; i < p->n; i++) {
		double v = p->b[i];
		int j = i;
		while (j > 0 && p->b[j - 1] > v) {
			p->b[j] = p->b[j - 1];
			j--;
		}
		p->b[j] = v;
	}
}

/* ---- one component --------------------------------------------------- */

typedef struct comp_law {
	double m_eta, s_eta;    /* eta = m_eta + s_eta v */
	double m_z, s_z;        /* the score's mean and sd */
	double c;               /* E[z | v] = m_z + c v */
	double s_c;             /* sd(z | v) */
	double noise;
} comp_law;

static double q_of(const comp_law *L, double v)
{
	double eta = L->m_eta + L->s_eta * v;
	return L->noise + (1.0 - 2.0 * L->noise) / (1.0 + exp(-eta));
}

static double softplus(double v)
{
	return v > 0 ? v + log1p(exp(-v)) : log1p(exp(v));
}

static const double inv_sqrt_2pi = 0.39894228040143267794;

/* Phi(x) through libm's erfc: accurate to a few ulp in both tails and
 * several times cheaper than gsl_cdf_ugaussian_P in this loop. */
static double ncdf(double x)
{
	return 0.5 * erfc(-x * 0.70710678118654752440);
}

/* The quadrature nodes of the panels: v[i] and f[i] = weight x phi(v[i]),
 * so an integral of phi(v) g(v) is sum f[i] g(v[i]). Returns the count. */
#define AGG_MAXNODES ((AGG_MAXBREAK - 1) * AGG_NODES)
static int panel_nodes(const sim_agg *a, const panels *p, double *v,
		       double *f)
{
	int n = 0;
	for (int k = 0; k + 1 < p->n; k++) {
		double lo = p->b[k], hi = p->b[k + 1];
		double h = 0.5 * (hi - lo), mid = 0.5 * (hi + lo);
		if (!(h > 0))
			continue;
		for (int i = 0; i < AGG_NODES; i++) {
			double x = mid + h * a->x[i];
			v[n] = x;
			f[n++] = h * a->wt[i] * inv_sqrt_2pi * exp(-0.5 * x * x);
		}
	}
	return n;
}


/* P(z > 0 | v) */
static double pos_given(const comp_law *L, double v)
{
	double mean = L->m_z + L->c * v;
	if (L->s_c <= 1e-12 * (L->s_z > 0 ? L->s_z : 1.0))
		return mean > 0 ? 1.0 : 0.0;
	return ncdf(mean / L->s_c);
}

static void component(const sim_agg *a, const comp_law *L, double *p1,
		      double *ptp, double *eqz, double *esp)
{
	panels p;
	panels_start(&p);
	if (L->s_eta > 0)
		add_turn(&p, -L->m_eta / L->s_eta, 1.0 / L->s_eta);
	if (L->c != 0)
		add_turn(&p, -L->m_z / L->c, L->s_c / fabs(L->c));
	panels_finish(&p);
	double v[AGG_MAXNODES], f[AGG_MAXNODES];
	int nn = panel_nodes(a, &p, v, f);
	double s1 = 0, stp = 0, sqz = 0;
	for (int i = 0; i < nn; i++) {
		double q = f[i] * q_of(L, v[i]);
		s1 += q;
		stp += q * pos_given(L, v[i]);
		sqz += q * (L->m_z + L->c * v[i]);
	}
	*p1 = s1;
	*ptp = stp;
	*eqz = sqz;
	/* E[softplus(z)], z = m_z + s_z u: softplus(z) = max(z, 0) +
	 * log1p(exp(-|z|)); the first part has the closed form
	 * m Phi(m/s) + s phi(m/s), the second is a bump of width about 1 in
	 * z around the kink, integrated on panels around it */
	if (!(L->s_z > 0)) {
		*esp = softplus(L->m_z);
		return;
	}
	double r = L->m_z / L->s_z;
	double relu = L->m_z * ncdf(r) +
		      L->s_z * inv_sqrt_2pi * exp(-0.5 * r * r);
	panels_start(&p);
	add_turn(&p, -r, 2.0 / L->s_z);
	add_break(&p, -r - 30.0 / L->s_z);
	add_break(&p, -r + 30.0 / L->s_z);
	panels_finish(&p);
	nn = panel_nodes(a, &p, v, f);
	double sp = 0;
	for (int i = 0; i < nn; i++)
		sp += f[i] * log1p(exp(-fabs(L->m_z + L->s_z * v[i])));
	*esp = relu + sp;
}

void sim_agg_component_probs(sim_agg *a, const sim_component *cp,
			     double noise, const double *w, double b,
			     double shift, sim_agg_comp_probs *out)
{
	comp_law L = {0};
	double see = 0, szz = 0, sez = 0;
	L.m_eta = cp->beta0;
	L.m_z = b + w[0] * shift;
	for (int j = 0; j < a->d; j++) {
		double s2 = cp->sigma[j] * cp->sigma[j];
		L.m_eta += cp->beta[j] * cp->mu[j];
		L.m_z += w[j] * cp->mu[j];
		see += cp->beta[j] * cp->beta[j] * s2;
		szz += w[j] * w[j] * s2;
		sez += w[j] * cp->beta[j] * s2;
	}
	L.s_eta = sqrt(see);
	L.s_z = sqrt(szz);
	L.c = L.s_eta > 0 ? sez / L.s_eta : 0.0;
	double sc2 = szz - L.c * L.c;
	L.s_c = sc2 > 0 ? sqrt(sc2) : 0.0;
	L.noise = noise;
	double p1, ptp, eqz, esp;
	component(a, &L, &p1, &ptp, &eqz, &esp);
	out->tp = ptp;
	out->pos = L.s_z > 0 ? gsl_cdf_ugaussian_P(L.m_z / L.s_z)
			     : (L.m_z > 0 ? 1.0 : 0.0);
	out->prev = p1;
	out->loss = esp - eqz;
}

void sim_agg_combine(const sim_law *law, const sim_agg_comp_probs *per,
		     sim_agg_probs *out)
{
	double tp = 0, pos = 0, prev = 0, loss = 0;
	for (int k = 0; k < law->ncomp; k++) {
		double wk = law->comp[k].weight;
		tp += wk * per[k].tp;
		pos += wk * per[k].pos;
		prev += wk * per[k].prev;
		loss += wk * per[k].loss;
	}
	/* cells from the three probabilities; rounding can push an empty
	 * cell a hair below 0 */
	out->tp = GSL_MAX(tp, 0.0);
	out->fp = GSL_MAX(pos - tp, 0.0);
	out->fn = GSL_MAX(prev - tp, 0.0);
	out->tn = GSL_MAX(1.0 - pos - prev + tp, 0.0);
	out->loss = loss;
}

void sim_agg_model_probs(sim_agg *a, const sim_law *law, const double *w,
			 double b, double shift, sim_agg_probs *out)
{
	sim_agg_comp_probs per[SIM_MAX_DRIFTS + 1];
	for (int k = 0; k < law->ncomp; k++)
		sim_agg_component_probs(a, &law->comp[k], law->noise, w, b,
					shift, &per[k]);
	sim_agg_combine(law, per, out);
}

double sim_agg_component_positive(sim_agg *a, const sim_component *cp,
				  double noise)
{
	comp_law L = {0};
	double see = 0;
	L.m_eta = cp->beta0;
	for (int j = 0; j < a->d; j++) {
		L.m_eta += cp->beta[j] * cp->mu[j];
		see += cp->beta[j] * cp->beta[j] * cp->sigma[j] * cp->sigma[j];
	}
	L.s_eta = sqrt(see);
	L.noise = noise;
	panels p;
	panels_start(&p);
	if (L.s_eta > 0)
		add_turn(&p, -L.m_eta / L.s_eta, 1.0 / L.s_eta);
	panels_finish(&p);
	double v[AGG_MAXNODES], f[AGG_MAXNODES];
	int nn = panel_nodes(a, &p, v, f);
	double s1 = 0;
	for (int i = 0; i < nn; i++)
		s1 += f[i] * q_of(&L, v[i]);
	return s1;
}

void sim_agg_bin_probs(double m, double s, const double *edges,
		       size_t nedges, double *p)
{
	double below = 0.0; /* P(v <= edges[j-1]) */
	for (size_t j = 0; j < nedges; j++) {
		double c;
		if (s > 0) {
			double zs = (edges[j] - m) / s;
			c = gsl_cdf_ugaussian_P(zs);
		} else {
			c = m <= edges[j] ? 1.0 : 0.0;
		}
		p[j] = GSL_MAX(c - below, 0.0);
		below = c;
	}
	p[nedges] = GSL_MAX(1.0 - below, 0.0);
}
