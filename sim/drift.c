/* sim/drift.c: evaluating the drift schedule (docs/methodology/process.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "common/common.h"
#include "sim/drift.h"

#define SIM_TWO_PI 6.283185307179586476925286766559

struct sim_walk {
	int nwalks;
	long npos;     /* positions per walk: steps + 1 (n = 0..steps) */
	double *pos;   /* nwalks * npos partial sums of N(0,1) increments */
};

int sim_law_new(const sim_scenario *sc, sim_law **out, common_error *err)
{
	*out = NULL;
	sim_law *law = calloc(1, sizeof(*law));
	if (!law)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	law->d = sc->d;
	law->maxcomp = sc->ngradual + 1;
	law->comp = calloc((size_t)law->maxcomp, sizeof(*law->comp));
	law->cum = calloc((size_t)law->maxcomp, sizeof(*law->cum));
	law->store = calloc((size_t)law->maxcomp * 3 * (size_t)sc->d,
			    sizeof(*law->store));
	if (!law->comp || !law->cum || !law->store) {
		sim_law_free(law);
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	}
	for (int j = 0; j < law->maxcomp; j++) {
		double *base = law->store + (size_t)j * 3 * (size_t)sc->d;
		law->comp[j].mu = base;
		law->comp[j].sigma = base + sc->d;
		law->comp[j].beta = base + 2 * (size_t)sc->d;
	}
	*out = law;
	return 0;
}

void sim_law_free(sim_law *law)
{
	if (!law)
		return;
	free(law->comp);
	free(law->cum);
	free(law->store);
	free(law);
}

int sim_walk_new(const sim_scenario *sc, gsl_rng *r, sim_walk **out,
		 common_error *err)
{
	*out = NULL;
	if (sc->nwalks == 0)
		return 0;
	sim_walk *w = calloc(1, sizeof(*w));
	if (!w)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	w->nwalks = sc->nwalks;
	w->npos = sc->steps + 1;
	w->pos = malloc((size_t)w->nwalks * (size_t)w->npos * sizeof(*w->pos));
	if (!w->pos) {
		free(w);
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	}
	for (int k = 0; k < w->nwalks; k++) {
		double *p = w->pos + (size_t)k * (size_t)w->npos;
		p[0] = 0.0;
		for (long n = 1; n < w->npos; n++)
			p[n] = p[n - 1] + gsl_ran_gaussian_ziggurat(r, 1.0);
	}
	*out = w;
	return 0;
}

void sim_walk_free(sim_walk *w)
{
	if (!w)
		return;
	free(w->pos);
	free(w);
}

double sim_drift_curve(const sim_drift *dr, const sim_walk *walk, double t)
{
	double u = t - dr->start;
	switch (dr->pattern) {
	case SIM_PATTERN_SUDDEN:
		return u >= 0.0 ? 1.0 : 0.0;
	case SIM_PATTERN_GRADUAL:
		/* MOA ConceptDriftStream / River: sigmoid of width w; the
		 * exponent's sign makes exp overflow to +inf, giving exactly 0. */
		return 1.0 / (1.0 + exp(-4.0 * u / dr->width));
	case SIM_PATTERN_INCREMENTAL:
		if (u <= 0.0)
			return 0.0;
		return u >= dr->width ? 1.0 : u / dr->width;
	case SIM_PATTERN_RECURRING: {
		if (u < 0.0)
			return 0.0;
		double phase = fmod(u, dr->period) / dr->period;
		return phase < dr->duty ? 1.0 : 0.0;
	}
	case SIM_PATTERN_SEASONAL:
		if (u < 0.0)
			return 0.0;
		/* Reduce first so a whole number of periods gives exactly 0. */
		return sin(SIM_TWO_PI * (fmod(u, dr->period) / dr->period));
	case SIM_PATTERN_RANDOM_WALK: {
		if (u < 0.0 || !walk)
			return 0.0;
		double n = floor(u);
		long last = walk->npos - 1;
		long i = n > (double)last ? last : (long)n;
		return dr->sd *
		       walk->pos[(size_t)dr->walk_index * (size_t)walk->npos +
				 (size_t)i];
	}
	}
	return 0.0;
}

void sim_change_apply(const sim_change *ch, double a, int d, double *mu,
		      double *sigma, double *beta, double *beta0)
{
	if (a == 0.0)
		return; /* every change is the identity at a = 0 */
	switch (ch->kind) {
	case SIM_CHANGE_COVARIATE:
		for (int k = 0; k < ch->nfeat; k++) {
			int f = ch->feat[k];
			mu[f] += a * ch->shift[k];
			if (ch->scale[k] != 1.0)
				sigma[f] *= pow(ch->scale[k], a);
		}
		break;
	case SIM_CHANGE_CONCEPT:
		if (ch->has_rotate) {
			double c = cos(a * ch->angle), s = sin(a * ch->angle);
			double bi = beta[ch->plane[0]], bj = beta[ch->plane[1]];
			beta[ch->plane[0]] = c * bi - s * bj;
			beta[ch->plane[1]] = s * bi + c * bj;
		}
		if (ch->to)
			for (int f = 0; f < d; f++)
				beta[f] += a * (ch->to[f] - beta[f]);
		if (ch->beta_scale != 1.0) {
			double m = pow(ch->beta_scale, a);
			for (int f = 0; f < d; f++)
				beta[f] *= m;
		}
		break;
	case SIM_CHANGE_PRIOR:
		*beta0 += a * ch->beta0_shift;
		break;
	}
}

/* Builds the component in which the first `passed` gradual drifts (by
 * rank) are fully applied and the later ones not at all. */
static void build_component(const sim_scenario *sc, const sim_walk *walk,
			    double t, int passed, sim_component *c)
{
	size_t bytes = (size_t)sc->d * sizeof(double);
	memcpy(c->mu, sc->mu0, bytes);
	memcpy(c->sigma, sc->sigma0, bytes);
	memcpy(c->beta, sc->beta, bytes);
	c->beta0 = sc->beta0;
	for (int i = 0; i < sc->ndrifts; i++) {
		const sim_drift *dr = &sc->drifts[i];
		double a;
		if (dr->pattern == SIM_PATTERN_GRADUAL)
			a = dr->mix_rank <= passed ? 1.0 : 0.0;
		else
			a = sim_drift_curve(dr, walk, t);
		for (int k = 0; k < dr->nchanges; k++)
			sim_change_apply(&dr->changes[k], a, sc->d, c->mu,
					 c->sigma, c->beta, &c->beta0);
	}
}

void sim_law_at(const sim_scenario *sc, const sim_walk *walk, double t,
		sim_law *law)
{
	/* Mixing probabilities p_1..p_G of the gradual drifts, by rank. */
	double p[SIM_MAX_DRIFTS + 1];
	p[0] = 1.0;
	for (int i = 0; i < sc->ndrifts; i++)
		if (sc->drifts[i].pattern == SIM_PATTERN_GRADUAL)
			p[sc->drifts[i].mix_rank] =
				sim_drift_curve(&sc->drifts[i], walk, t);
	law->noise = sc->noise;
	law->ncomp = 0;
	/* Nested as MOA's (((c0 + c1) + c2) + ...): component j (the first j
	 * gradual drifts passed) has weight p_j * prod_{g>j} (1 - p_g). */
	double tail = 1.0, acc = 0.0;
	double w[SIM_MAX_DRIFTS + 1];
	for (int j = sc->ngradual; j >= 0; j--) {
		w[j] = p[j] * tail;
		tail *= 1.0 - p[j];
	}
	for (int j = 0; j <= sc->ngradual; j++) {
		if (!(w[j] > 0.0))
			continue;
		sim_component *c = &law->comp[law->ncomp];
		build_component(sc, walk, t, j, c);
		c->weight = w[j];
		acc += w[j];
		law->cum[law->ncomp] = acc;
		law->ncomp++;
	}
	/* Rounding must never let a uniform draw fall past the last one. */
	law->cum[law->ncomp - 1] = 2.0;
}
