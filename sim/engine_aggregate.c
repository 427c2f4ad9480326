/* sim/engine_aggregate.c: the aggregate engine's step (issue 7;
 * derivations in docs/methodology/aggregate.md).
 *
 * Instead of drawing the step's n requests it draws what the lifecycle
 * consumes from their exact laws:
 *   - the labelled count k ~ Binomial(n, c) (the same stream and draw as
 *     the per-request engine, so both engines see the same k);
 *   - routing is by position (engine_serve.c), so the candidate serves
 *     floor(n s) requests of which floor(k s) are labelled: four groups
 *     (labelled or not, production or candidate) of known sizes, i.i.d.
 *     rows each;
 *   - per group the confusion counts (TP, FP, FN, TN) are one multinomial
 *     draw with the cell probabilities of sim/aggregate.h;
 *   - the performance detectors read production's labelled outcomes one
 *     by one: given the group's error count the order is a uniformly
 *     random arrangement, drawn by sequential sampling;
 *   - PSI and chi-square monitors read bin counts: per mixture component
 *     a multinomial of the sample's rows, then per column a multinomial
 *     over the reference bins with Gaussian-CDF probabilities;
 *   - log loss is booked at its expectation (its per-step spread is
 *     sd / sqrt(n) and feeds no decision).
 * Drawn per row, because their values are needed: a KS monitor's sample,
 * both models' outcomes on the same labelled rows while a shadow
 * deployment mirrors traffic, and the training rows, which are drawn only
 * when a fit needs them (sim_engine_draw_rows). */
#include "sim/engine_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/aggregate.h"
#include "sim/process.h"
#include "sim/rng.h"
#include <stdlib.h>
#include "common/banned.h"

/* ---- cached probabilities ------------------------------------------- */

size_t sim_engine_law_snapshot(const sim_law *law, double *snap)
{
	size_t k = 0, d = (size_t)law->d;
	snap[k++] = law->noise;
	snap[k++] = law->ncomp;
	for (int c = 0; c < law->ncomp; c++) {
		const sim_component *cp = &law->comp[c];
		snap[k++] = cp->weight;
		snap[k++] = cp->beta0;
		for (size_t j = 0; j < d; j++) {
			snap[k++] = cp->mu[j];
			snap[k++] = cp->sigma[j];
			snap[k++] = cp->beta[j];
		}
	}
	return k;
}

size_t sim_engine_law_len(int d, int maxcomp)
{
	return 2 + (size_t)maxcomp * (2 + 3 * (size_t)d);
}

/* The law's version: bumped whenever its parameters change, so cached
 * probabilities stay valid while the law does (most steps of most
 * scenarios). */
static void law_version(sim_engine *e)
{
	size_t n = sim_engine_law_snapshot(e->law, e->agg_snap_new);
	if (n != e->agg_snap_len ||
	    memcmp(e->agg_snap_new, e->agg_snap, n * sizeof *e->agg_snap)) {
		double *t = e->agg_snap;
		e->agg_snap = e->agg_snap_new;
		e->agg_snap_new = t;
		e->agg_snap_len = n;
		e->agg_law_version++;
	}
}

/* Length of a component key: noise, beta0, mu, sigma, beta, then for a
 * model's entry its d + 1 coefficients and the skew shift. */
static size_t ckey_max(int d)
{
	return 2 + 3 * (size_t)d + (size_t)d + 2;
}

/* The per-component entry for cp (and the model w, b, shift unless w is
 * NULL): found, or the least recently used one, emptied and keyed, with
 * *hit saying which. */
static sim_agg_centry *ccache_slot(sim_engine *e, const sim_component *cp,
				   const double *w, double b, double shift,
				   int *hit)
{
	size_t d = (size_t)e->sc->d, n = 0;
	double *k = e->agg_ckey;
	k[n++] = e->law->noise;
	k[n++] = cp->beta0;
	memcpy(k + n, cp->mu, d * sizeof *k);
	memcpy(k + n + d, cp->sigma, d * sizeof *k);
	memcpy(k + n + 2 * d, cp->beta, d * sizeof *k);
	n += 3 * d;
	if (w) {
		memcpy(k + n, w, d * sizeof *k);
		n += d;
		k[n++] = b;
		k[n++] = shift;
	}
	sim_agg_centry *old = &e->agg_ccache[0];
	for (int i = 0; i < SIM_AGG_CCACHE; i++) {
		sim_agg_centry *c = &e->agg_ccache[i];
		if (c->used && c->nkey == n &&
		    !memcmp(c->key, k, n * sizeof *k)) {
			c->used = ++e->agg_clock;
			*hit = 1;
			return c;
		}
		if (c->used < old->used)
			old = c;
	}
	memcpy(old->key, k, n * sizeof *k);
	old->nkey = n;
	old->used = ++e->agg_clock;
	*hit = 0;
	return old;
}

/* P(y = 1) of the step's law: the components' P(y = 1), weighted, each
 * through the cache. */
static double law_positive(sim_engine *e)
{
	const sim_law *law = e->law;
	double prev = 0;
	for (int k = 0; k < law->ncomp; k++) {
		int hit;
		sim_agg_centry *c = ccache_slot(e, &law->comp[k], NULL, 0, 0,
						&hit);
		if (!hit)
			c->p1 = sim_agg_component_positive(e->agg, &law->comp[k],
							   law->noise);
		prev += law->comp[k].weight * c->p1;
	}
	return prev;
}

static const sim_agg_probs *model_probs(sim_engine *e, const sim_logreg *m,
					double shift)
{
	size_t d = (size_t)e->sc->d;
	const double *w = sim_logreg_coef(m);
	double b = sim_logreg_intercept(m);
	for (int i = 0; i < SIM_AGG_CACHE; i++) {
		sim_agg_entry *c = &e->agg_cache[i];
		if (c->version == e->agg_law_version && c->shift == shift &&
		    c->coef[d] == b && !memcmp(c->coef, w, d * sizeof *w)) {
			c->used = ++e->agg_clock;
			return &c->p;
		}
	}
	sim_agg_entry *c = &e->agg_cache[0];
	for (int i = 1; i < SIM_AGG_CACHE; i++)
		if (e->agg_cache[i].used < c->used)
			c = &e->agg_cache[i];
	memcpy(c->coef, w, d * sizeof *w);
	c->coef[d] = b;
	c->shift = shift;
	c->version = e->agg_law_version;
	c->used = ++e->agg_clock;
	/* as sim_agg_model_probs, with each component's part cached */
	sim_agg_comp_probs per[SIM_MAX_DRIFTS + 1];
	for (int k = 0; k < e->law->ncomp; k++) {
		int hit;
		sim_agg_centry *cc = ccache_slot(e, &e->law->comp[k], w, b,
						 shift, &hit);
		if (!hit)
			sim_agg_component_probs(e->agg, &e->law->comp[k],
						e->law->noise, w, b, shift,
						&cc->p);
		per[k] = cc->p;
	}
	sim_agg_combine(e->law, per, &c->p);
	return &c->p;
}

/* ---- draws ---------------------------------------------------------- */

/* Confusion counts (of a group of requests, or of the whole step). */
struct cells {
	double tp, fp, fn, tn;
};

/* Confusion counts of pos positive and neg negative requests served by a
 * model with cell probabilities p: given its label a request is predicted
 * positive with probability TP / (TP + FN) or FP / (FP + TN), so the
 * multinomial over the four cells factors into two binomials once the
 * label counts are drawn (model-free, so every variant sees the same). */
static void draw_cells(gsl_rng *r, const sim_agg_probs *p, long pos,
		       long neg, struct cells *out)
{
	out->tp = out->fp = out->fn = out->tn = 0;
	if (pos > 0) {
		double py = p->tp + p->fn;
		double a = py > 0 ? p->tp / py : 0.0;
		out->tp = sim_agg_binomial(r, a, (unsigned)pos);
		out->fn = (double)pos - out->tp;
	}
	if (neg > 0) {
		double pn = p->fp + p->tn;
		double b = pn > 0 ? p->fp / pn : 0.0;
		out->fp = sim_agg_binomial(r, b, (unsigned)neg);
		out->tn = (double)neg - out->fp;
	}
}

/* Splits pos positives among requests into groups of the given sizes
 * (the labels of i.i.d. requests are exchangeable: a multivariate
 * hypergeometric, drawn group by group with sim_agg_hypergeometric). */
static void split_pos(gsl_rng *r, long pos, long total, const long *size,
		      int ngroups, long *gpos)
{
	long left = total;
	for (int g = 0; g < ngroups; g++) {
		long take = size[g] > 0 ? size[g] : 0;
		if (g == ngroups - 1)
			gpos[g] = pos;
		else if (take == 0 || pos == 0)
			gpos[g] = 0;
		else if (pos == left) /* only positives are left */
			gpos[g] = take;
		else
			gpos[g] = (long)sim_agg_hypergeometric(
				r, (unsigned long)pos,
				(unsigned long)(left - pos),
				(unsigned long)take);
		pos -= gpos[g];
		left -= take;
	}
}

/* m outcomes (1 = error) with exactly nerr errors in a uniformly random
 * order: the positions of the rarer kind are a uniformly random subset,
 * drawn by Floyd's algorithm (Bentley and Floyd 1987, "A sample of
 * brilliance"): one uniform per rare outcome, not one per outcome. */
static void arrange(gsl_rng *r, unsigned char *bits, size_t m, size_t nerr)
{
	int rare = 2 * nerr <= m; /* errors are the rarer kind */
	size_t k = rare ? nerr : m - nerr;
	memset(bits, !rare, m);
	/* for j = m - k .. m - 1: a position t uniform on 0..j; if taken,
	 * j itself (never taken before this round) */
	for (size_t j = m - k; j < m; j++) {
		size_t t = (size_t)gsl_rng_uniform_int(r, (unsigned long)j + 1);
		bits[bits[t] == rare ? j : t] = (unsigned char)rare;
	}
}

static void add_cells(struct cells *c, const struct cells *x)
{
	c->tp += x->tp;
	c->fp += x->fp;
	c->fn += x->fn;
	c->tn += x->tn;
}

/* ---- per-row parts -------------------------------------------------- */

/* m rows of the step's law (skew applied) into e->X / e->y. */
static void draw_rows(sim_engine *e, size_t m, double shift)
{
	size_t d = (size_t)e->sc->d;
	sim_process_draw(e->law, e->r_data, m, e->X, e->y);
	if (shift != 0)
		for (size_t i = 0; i < m; i++)
			e->X[i * d] += shift;
}

/* Shadow: both models on the same k labelled rows, row by row, kpos of
 * them positive (rows drawn from the law and kept while their label has
 * room: draws from the law given the label); the rows also go to the
 * training store (as in the per-request engine). */
static void mirror_labelled(sim_engine *e, long t, long k, long kpos,
			    double shift, sim_arrival *a,
			    struct cells *c)
{
	size_t d = (size_t)e->sc->d;
	long room[2] = {k - kpos, kpos};
	for (long done = 0; done < k;) {
		draw_rows(e, SIM_ENGINE_CHUNK, shift);
		size_t m = 0;
		for (size_t i = 0; i < SIM_ENGINE_CHUNK && done + (long)m < k;
		     i++) {
			if (room[e->y[i]] <= 0)
				continue;
			room[e->y[i]]--;
			if (m != i) {
				memcpy(e->X + m * d, e->X + i * d,
				       d * sizeof *e->X);
				e->y[m] = e->y[i];
			}
			m++;
		}
		sim_train_store_add(e->store, t, e->X, e->y, m);
		sim_engine_score(e->prod.m, e->X, m, d, e->zp);
		sim_engine_score(e->cand.m, e->X, m, d, e->zc);
		for (size_t i = 0; i < m; i++) {
			int y = e->y[i], hp = e->zp[i] > 0;
			int okp = hp == y, okc = (e->zc[i] > 0) == y;
			c->tp += hp && y;
			c->fp += hp && !y;
			c->fn += !hp && y;
			c->tn += !hp && !y;
			a->arms.cand_n += 1;
			a->arms.cand_correct += okc;
			sim_arrival_prod(e, a, okp);
		}
		done += (long)m;
	}
}

/* The statistical monitor's sample of m rows: values for KS, else bin
 * counts. Each column's margin is exact; what is not kept is the
 * dependence on the rest of the step (in the per-request engine the
 * sample is the step's first rows, which are also counted and may be
 * labelled) and, for binned tests, between the score column and the
 * features. So sim_engine_auto_kind leaves monitored scenarios to the
 * per-request engine. */
static void monitor_sample(sim_engine *e, size_t m, double shift)
{
	size_t d = (size_t)e->sc->d;
	e->mon_n = m;
	e->mon_counts = 0;
	if (sim_statmon_needs_values(e->stat)) {
		for (size_t done = 0; done < m;) {
			size_t c = m - done < SIM_ENGINE_CHUNK ? m - done
							       : SIM_ENGINE_CHUNK;
			draw_rows(e, c, shift);
			memcpy(e->mon_X + done * d, e->X, c * d * sizeof *e->X);
			done += c;
		}
		sim_engine_score(e->prod.m, e->mon_X, m, d, e->mon_s);
		return;
	}
	int ncols = sim_statmon_ncols(e->stat);
	size_t stride = (size_t)e->lc->stat.bins;
	const sim_law *law = e->law;
	memset(e->agg_counts, 0, (size_t)ncols * stride * sizeof *e->agg_counts);
	/* rows per mixture component */
	double wts[SIM_MAX_DRIFTS + 1];
	unsigned int per[SIM_MAX_DRIFTS + 1];
	for (int c = 0; c < law->ncomp; c++)
		wts[c] = law->comp[c].weight;
	if (law->ncomp == 1)
		per[0] = (unsigned int)m;
	else
		sim_agg_multinomial(e->r_data, (size_t)law->ncomp,
				    (unsigned int)m, wts, per);
	const double *w = sim_logreg_coef(e->prod.m);
	double b = sim_logreg_intercept(e->prod.m);
	for (int c = 0; c < law->ncomp; c++) {
		if (!per[c])
			continue;
		const sim_component *cp = &law->comp[c];
		double mz = b + w[0] * shift, vz = 0;
		for (int col = 0; col < ncols; col++) {
			size_t ne;
			const double *edges = sim_statmon_edges(e->stat, col, &ne);
			double mean, sd;
			if (col < (int)d) {
				mean = cp->mu[col] + (col == 0 ? shift : 0);
				sd = cp->sigma[col];
				mz += w[col] * cp->mu[col];
				vz += w[col] * w[col] * cp->sigma[col] * cp->sigma[col];
			} else {
				mean = mz;
				sd = sqrt(vz);
			}
			sim_agg_bin_probs(mean, sd, edges, ne, e->agg_p);
			sim_agg_multinomial(e->r_data, ne + 1, per[c], e->agg_p,
					    e->agg_n);
			double *cc = e->agg_counts + (size_t)col * stride;
			for (size_t j = 0; j <= ne; j++)
				cc[j] += e->agg_n[j];
		}
	}
	e->mon_counts = 1;
}

/* ---- the step ------------------------------------------------------- */

int sim_engine_serve_aggregate(sim_engine *e, long t, double *row,
			       common_error *err)
{
	(void)err;
	const sim_scenario *sc = e->sc;
	const sim_lifecycle *lc = e->lc;
	const long n = sc->requests;
	long k = (long)gsl_ran_binomial(e->r_feedback, sc->coverage,
					(unsigned)n);
	if (t + sc->label_delay < sc->steps)
		e->tally.labels += (double)k;
	int active = e->rollout && sim_deploy_active(e->deploy);
	double share = active ? sim_deploy_serve_share(e->deploy) : 0.0;
	int mirror = active && sim_deploy_mirrors(e->deploy);
	int cand_scores = active && sim_deploy_candidate_scores(e->deploy);
	double shift = e->incident_end > t ? lc->ops.incident_skew * sc->sigma0[0]
					   : 0.0;
	e->skew_at[t] = shift;

	sim_arrival *a = sim_engine_arrival_begin(e, t, active);

	law_version(e);
	const sim_agg_probs *pp = model_probs(e, e->prod.m, shift);
	const sim_agg_probs *pc = cand_scores ? model_probs(e, e->cand.m, shift)
					      : NULL;
	/* positions g < m routed to the candidate: floor(m s) (telescoping
	 * the router's rule) */
	long ncand = share > 0 ? (long)floor((double)n * share) : 0;
	long lc_n = share > 0 ? (long)floor((double)k * share) : 0;
	long lp_n = k - lc_n, uc_n = ncand - lc_n, up_n = (n - k) - uc_n;
	struct cells c = {0};
	struct cells x;
	int need_bits = e->perf != NULL;
	/* the positive labels first, from their own stream and a model-free
	 * probability: every variant of a replication sees the same */
	if (e->agg_p1_version != e->agg_law_version) {
		e->agg_p1 = law_positive(e);
		e->agg_p1_version = e->agg_law_version;
	}
	double p1 = e->agg_p1 < 0 ? 0 : e->agg_p1 > 1 ? 1 : e->agg_p1;
	long kpos = k ? (long)gsl_ran_binomial(e->r_labels, p1, (unsigned)k) : 0;
	long upos = n - k ? (long)gsl_ran_binomial(e->r_labels, p1,
						   (unsigned)(n - k))
			  : 0;
	long usize[2] = {up_n, uc_n}, ugpos[2];
	split_pos(e->r_data, upos, n - k, usize, 2, ugpos);
	if (mirror) {
		mirror_labelled(e, t, k, kpos, shift, a, &c);
	} else {
		/* the training rows are the step's first `keep` labelled
		 * requests, floor(keep s) of them routed to the candidate:
		 * their cells are drawn here, their values later, from the
		 * law given the cell (sim_engine_draw_rows) */
		long keep = k < sim_train_store_cap(e->store)
				    ? k
				    : sim_train_store_cap(e->store);
		long tc_n = share > 0 ? (long)floor((double)keep * share) : 0;
		long tp_n = keep - tc_n;
		size_t d1 = (size_t)sc->d + 1, slot = (size_t)(t % sim_train_store_keep(e->store));
		double *quota = e->tquota + slot * 8;
		double *coef = e->tcoef + slot * 2 * d1;
		sim_train_store_declare(e->store, t, (size_t)keep);
		long lsize[4] = {tp_n, lp_n - tp_n, tc_n, lc_n - tc_n}, lpos[4];
		split_pos(e->r_data, kpos, k, lsize, 4, lpos);
		struct cells tr;
		draw_cells(e->r_data, pp, lpos[0], tp_n - lpos[0], &tr);
		draw_cells(e->r_data, pp, lpos[1], lsize[1] - lpos[1], &x);
		add_cells(&c, &tr);
		add_cells(&c, &x);
		quota[0] = tr.tp;
		quota[1] = tr.fp;
		quota[2] = tr.fn;
		quota[3] = tr.tn;
		memcpy(coef, sim_logreg_coef(e->prod.m), (d1 - 1) * sizeof *coef);
		coef[d1 - 1] = sim_logreg_intercept(e->prod.m);
		double ok_tr = tr.tp + tr.tn, okp = ok_tr + x.tp + x.tn;
		a->arms.prod_n += (double)lp_n;
		a->arms.prod_correct += okp;
		a->prod_n += (double)lp_n;
		a->prod_correct += okp;
		if (need_bits) { /* err_cap = requests >= lp_n */
			/* production's labelled outcomes in request order:
			 * the training rows' come first */
			arrange(e->r_data, a->err, (size_t)tp_n,
				(size_t)((double)tp_n - ok_tr));
			arrange(e->r_data, a->err + tp_n, (size_t)(lp_n - tp_n),
				(size_t)((double)(lp_n - tp_n) - (x.tp + x.tn)));
			a->nerr = (size_t)lp_n;
		}
		quota[4] = quota[5] = quota[6] = quota[7] = 0;
		/* no candidate: its coefficients are zeros, not a stale
		 * slot's (sim_engine_draw_rows groups steps by them) */
		memset(coef + d1, 0, d1 * sizeof *coef);
		if (lc_n > 0) {
			draw_cells(e->r_data, pc, lpos[2], tc_n - lpos[2], &tr);
			draw_cells(e->r_data, pc, lpos[3], lsize[3] - lpos[3], &x);
			add_cells(&c, &tr);
			add_cells(&c, &x);
			quota[4] = tr.tp;
			quota[5] = tr.fp;
			quota[6] = tr.fn;
			quota[7] = tr.tn;
			memcpy(coef + d1, sim_logreg_coef(e->cand.m),
			       (d1 - 1) * sizeof *coef);
			coef[2 * d1 - 1] = sim_logreg_intercept(e->cand.m);
			a->arms.cand_n += (double)lc_n;
			a->arms.cand_correct += tr.tp + tr.tn + x.tp + x.tn;
		}
	}
	draw_cells(e->r_data, pp, ugpos[0], up_n - ugpos[0], &x);
	add_cells(&c, &x);
	if (uc_n > 0) {
		draw_cells(e->r_data, pc, ugpos[1], uc_n - ugpos[1], &x);
		add_cells(&c, &x);
	}

	if (e->stat && lc->stat.every > 0 && t % lc->stat.every == 0) {
		size_t want = (size_t)lc->stat.sample;
		if (want > e->mon_cap)
			want = e->mon_cap;
		monitor_sample(e, want, shift);
	} else {
		e->mon_n = 0;
	}

	double nn = (double)n, cand_served = (double)ncand;
	double correct = c.tp + c.tn;
	row[SIM_S_ACCURACY] = correct / nn;
	row[SIM_S_LOG_LOSS] = ((nn - cand_served) * pp->loss +
			       (cand_served > 0 ? cand_served * pc->loss : 0)) /
			      nn;
	row[SIM_S_POS_RATE] = (c.tp + c.fp) / nn;
	row[SIM_S_PREVALENCE] = (c.tp + c.fn) / nn;
	row[SIM_S_CAND_SHARE] = mirror ? 0 : cand_served / nn;
	e->tally.exposure += (e->prod.defective ? nn - cand_served : 0) +
			     (e->cand.defective ? cand_served : 0);
	e->tally.pending_exposure += cand_served;

	sim_engine_book_served(e, row, c.tp, c.fp, c.fn, c.tn, k, mirror);
	return COMMON_OK;
}

/* The cell (0 TP, 1 FP, 2 FN, 3 TN) of a row under coefficients coef
 * (the same sign rule as the serving code: predict 1 when w.x + b > 0). */
static int cell_of(const double *coef, size_t d, const double *x, int y)
{
	double v = coef[d];
	for (size_t j = 0; j < d; j++)
		v += coef[j] * x[j];
	int hat = v > 0;
	return hat ? (y ? 0 : 1) : (y ? 2 : 3);
}

/* Where a step's training rows go: its undrawn rows in the store, rows
 * written so far, and its cell quotas (8: production's, candidate's). */
struct sim_fill_dst {
	long step;
	double *X;
	unsigned char *y;
	size_t n, done; /* rows declared, rows written */
	double *quota;
};

/* The rows of one arm (0 production, 1 candidate) of the ng steps g, which
 * share their law (in e->law_rows), skew and coefficients coef, given
 * their cells: rejection from the law (a row drawn from the law and kept
 * because it fell in a cell with room is a draw from the law given that
 * cell), each kept row going to the first step of the group still short
 * of its cell. Rows are i.i.d. and where a row goes depends on cells only,
 * so every step gets i.i.d. rows given their cells, as if drawn alone;
 * drawing the group at once wastes fewer rows than step by step (about
 * 1.1 rows drawn per row kept instead of 1.5 for a sweep's 178-row steps).
 * Returns 0, or 1 when a cell cannot be filled. */
static int fill_group(sim_engine *e, struct sim_fill_dst *g, int ng,
		      int arm, const double *coef, double skew)
{
	size_t d = (size_t)e->sc->d;
	double want[4] = {0, 0, 0, 0}, total = 0;
	int next[4] = {0, 0, 0, 0}; /* first step that may want the cell */
	for (int i = 0; i < ng; i++)
		for (int c = 0; c < 4; c++)
			want[c] += g[i].quota[4 * arm + c];
	total = want[0] + want[1] + want[2] + want[3];
	/* a cell drawn non-empty has probability well above 1e-9 unless
	 * something is badly wrong: give up after 2^26 rows */
	for (long tries = 0; total > 0;) {
		if (tries > (1L << 26))
			return 1;
		/* rows for what is still wanted and a quarter more, so a
		 * few rounds fill every cell without drawing a full chunk
		 * for a handful of rows */
		size_t m = (size_t)(total * 1.25) + 16;
		if (m > SIM_ENGINE_CHUNK)
			m = SIM_ENGINE_CHUNK;
		sim_process_draw(e->law_rows, e->r_rows, m, e->X, e->y);
		tries += (long)m;
		for (size_t i = 0; i < m && total > 0; i++) {
			double *x = e->X + i * d;
			x[0] += skew;
			int c = cell_of(coef, d, x, e->y[i]);
			if (want[c] <= 0)
				continue;
			while (g[next[c]].quota[4 * arm + c] <= 0)
				next[c]++;
			struct sim_fill_dst *t = &g[next[c]];
			t->quota[4 * arm + c] -= 1;
			want[c] -= 1;
			total -= 1;
			memcpy(t->X + t->done * d, x, d * sizeof *x);
			t->y[t->done++] = e->y[i];
		}
	}
	return 0;
}

/* Draws both arms of the group and marks its steps drawn. */
static int draw_group(sim_engine *e, struct sim_fill_dst *g, int ng,
		      const double *coef, double skew, common_error *err)
{
	size_t d = (size_t)e->sc->d;
	int bad = fill_group(e, g, ng, 0, coef, skew) ||
		  fill_group(e, g, ng, 1, coef + d + 1, skew);
	for (int i = 0; i < ng; i++)
		bad |= g[i].done != g[i].n;
	if (bad)
		return common_error_set(
			err, COMMON_EINPUT, NULL, 0,
			"the aggregate engine cannot draw the training rows of "
			"step %ld (a prediction outcome of probability near "
			"0); use --engine request", g[0].step);
	for (int i = 0; i < ng; i++)
		sim_train_store_mark_drawn(e->store, g[i].step);
	return COMMON_OK;
}

int sim_engine_draw_rows(sim_engine *e, long lo, long hi,
			 common_error *err)
{
	size_t d = (size_t)e->sc->d;
	long keep = sim_train_store_keep(e->store);
	size_t ncoef = 2 * (d + 1);
	double *snap = e->fill_snap, *cur = snap + e->agg_snap_len_max;
	size_t nsnap = 0;
	const double *gcoef = NULL;
	double gskew = 0;
	int ng = 0;
	/* consecutive undrawn steps with the same law, skew and models are
	 * drawn as one group */
	for (long s = lo < 0 ? 0 : lo; s <= hi; s++) {
		double *X;
		unsigned char *y;
		size_t n = sim_train_store_undrawn(e->store, s, &X, &y);
		if (!n)
			continue;
		size_t slot = (size_t)(s % keep);
		const double *coef = e->tcoef + slot * ncoef;
		sim_law_at(e->sc, e->walk, (double)s, e->law_rows);
		size_t nc = sim_engine_law_snapshot(e->law_rows, cur);
		int same = ng > 0 && ng < keep && nc == nsnap &&
			   e->skew_at[s] == gskew &&
			   !memcmp(cur, snap, nc * sizeof *cur) &&
			   !memcmp(coef, gcoef, ncoef * sizeof *coef);
		if (!same && ng > 0) {
			/* the group's law: redo it, law_rows now holds s's */
			sim_law_at(e->sc, e->walk, (double)e->fill[0].step,
				   e->law_rows);
			int st = draw_group(e, e->fill, ng, gcoef, gskew, err);
			if (st)
				return st;
			ng = 0;
			sim_law_at(e->sc, e->walk, (double)s, e->law_rows);
		}
		if (ng == 0) {
			double *t = snap;
			snap = cur;
			cur = t;
			nsnap = nc;
			gcoef = coef;
			gskew = e->skew_at[s];
		}
		e->fill[ng++] = (struct sim_fill_dst){s, X, y, n, 0,
						      e->tquota + slot * 8};
	}
	if (ng > 0) {
		sim_law_at(e->sc, e->walk, (double)e->fill[0].step,
			   e->law_rows);
		return draw_group(e, e->fill, ng, gcoef, gskew, err);
	}
	return COMMON_OK;
}

int sim_engine_agg_alloc(sim_engine *e, common_error *err)
{
	if (e->agg)
		return COMMON_OK;
	const sim_scenario *sc = e->sc;
	size_t d = (size_t)sc->d;
	int maxcomp = sc->ngradual + 1;
	size_t len = sim_engine_law_len(sc->d, maxcomp);
	size_t bins = 101; /* the largest bin count a monitor may use */
	size_t cols = d + 1;
	e->agg = sim_agg_new(sc->d);
	e->r_rows = sim_rng_stream(0, 0, SIM_RNG_ROWS, err);
	e->r_labels = sim_rng_stream(0, 0, SIM_RNG_LABELS, err);
	int st = e->r_rows && e->r_labels ? sim_law_new(sc, &e->law_rows, err)
					  : COMMON_EIO;
	e->skew_at = calloc((size_t)sc->steps, sizeof *e->skew_at);
	e->agg_snap = malloc(len * sizeof *e->agg_snap);
	e->agg_snap_new = malloc(len * sizeof *e->agg_snap_new);
	e->agg_counts = malloc(cols * bins * sizeof *e->agg_counts);
	e->agg_p = malloc(bins * sizeof *e->agg_p);
	e->agg_n = malloc(bins * sizeof *e->agg_n);
	size_t slots = (size_t)sim_train_store_keep(e->store);
	e->tquota = calloc(slots * 8, sizeof *e->tquota);
	e->tcoef = calloc(slots * 2 * (d + 1), sizeof *e->tcoef);
	e->fill = malloc(slots * sizeof *e->fill);
	e->fill_snap = malloc(2 * len * sizeof *e->fill_snap);
	e->agg_snap_len_max = len;
	int bad = !e->agg || st || !e->skew_at || !e->agg_snap ||
		  !e->fill || !e->fill_snap ||
		  !e->agg_snap_new || !e->agg_counts || !e->agg_p || !e->agg_n || !e->tquota ||
		  !e->tcoef;
	for (int i = 0; i < SIM_AGG_CACHE && !bad; i++) {
		e->agg_cache[i].coef = malloc((d + 1) * sizeof(double));
		bad |= !e->agg_cache[i].coef;
	}
	size_t ck = ckey_max(sc->d);
	e->agg_ckey = bad ? NULL : malloc(ck * sizeof *e->agg_ckey);
	bad |= !e->agg_ckey;
	for (int i = 0; i < SIM_AGG_CCACHE && !bad; i++) {
		e->agg_ccache[i].key = malloc(ck * sizeof(double));
		bad |= !e->agg_ccache[i].key;
	}
	if (bad) {
		sim_engine_agg_free(e);
		if (st)
			return st;
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory for the aggregate engine");
	}
	return COMMON_OK;
}

void sim_engine_agg_free(sim_engine *e)
{
	sim_agg_free(e->agg);
	e->agg = NULL;
	if (e->r_rows)
		gsl_rng_free(e->r_rows);
	if (e->r_labels)
		gsl_rng_free(e->r_labels);
	e->r_rows = e->r_labels = NULL;
	sim_law_free(e->law_rows);
	e->law_rows = NULL;
	free(e->skew_at);
	free(e->agg_snap);
	free(e->agg_snap_new);
	free(e->agg_counts);
	free(e->agg_p);
	free(e->agg_n);
	free(e->tquota);
	free(e->tcoef);
	free(e->fill);
	free(e->fill_snap);
	e->fill = NULL;
	e->tquota = e->tcoef = e->fill_snap = NULL;
	e->skew_at = e->agg_snap = e->agg_snap_new = e->agg_counts = e->agg_p =
		NULL;
	e->agg_n = NULL;
	for (int i = 0; i < SIM_AGG_CACHE; i++) {
		free(e->agg_cache[i].coef);
		e->agg_cache[i].coef = NULL;
	}
	free(e->agg_ckey);
	e->agg_ckey = NULL;
	for (int i = 0; i < SIM_AGG_CCACHE; i++) {
		free(e->agg_ccache[i].key);
		e->agg_ccache[i].key = NULL;
	}
}

/* A new replication: nothing cached survives (the law version restarts
 * with the replication, so entries are cleared rather than compared). */
void sim_engine_agg_reset(sim_engine *e)
{
	e->agg_snap_len = 0;
	e->agg_law_version = 0;
	e->agg_p1_version = (unsigned long)-1;
	e->agg_clock = 0;
	for (int i = 0; i < SIM_AGG_CACHE; i++) {
		e->agg_cache[i].version = 0;
		e->agg_cache[i].used = 0;
	}
	for (int i = 0; i < SIM_AGG_CCACHE; i++)
		e->agg_ccache[i].used = 0;
	memset(e->skew_at, 0, (size_t)e->sc->steps * sizeof *e->skew_at);
	e->mon_counts = 0;
}

/* A lifecycle with a statistical monitor: its sample is drawn apart from
 * the step's counts (sim/engine_aggregate.c's monitor_sample). */
static int monitored(const sim_lifecycle *lc)
{
	return lc->stat.enabled;
}

static int scenario_exact(const sim_scenario *sc)
{
	if (monitored(&sc->life))
		return 0;
	for (int i = 0; i < sc->nplan; i++)
		if (monitored(&sc->plan[i].life))
			return 0;
	return 1;
}

sim_engine_kind sim_engine_auto_kind(const sim_scenario *sc)
{
	int exact = scenario_exact(sc);
	for (int v = 0; exact && v < sc->nvariants; v++)
		exact = scenario_exact(sc->variants[v].sc);
	return exact ? SIM_ENGINE_AGGREGATE : SIM_ENGINE_REQUEST;
}
