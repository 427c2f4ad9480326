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
	sim_agg_model_probs(e->agg, e->law, w, b, shift, &c->p);
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
		e->agg_p1 = sim_agg_positive(e->agg, e->law);
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

/* Rows of step s for one arm, given their cells: rejection from the law
 * (a row drawn from the law and kept because it fell in a cell with room
 * is a draw from the law given that cell, independent of the others).
 * Returns the rows written at X + done. */
static size_t fill_arm(sim_engine *e, long s, const double *coef,
		       double *quota, double *X, unsigned char *y, size_t done,
		       int *stuck)
{
	size_t d = (size_t)e->sc->d;
	double want = quota[0] + quota[1] + quota[2] + quota[3];
	/* a cell drawn non-empty has probability well above 1e-9 unless
	 * something is badly wrong: give up after 2^26 rows */
	for (long tries = 0; want > 0;) {
		if (tries > (1L << 26)) {
			*stuck = 1;
			return done;
		}
		/* rows for what is still wanted and a quarter more, so a
		 * few rounds fill every cell without drawing a full chunk
		 * for a handful of rows */
		size_t m = (size_t)(want * 1.25) + 16;
		if (m > SIM_ENGINE_CHUNK)
			m = SIM_ENGINE_CHUNK;
		sim_process_draw(e->law_rows, e->r_rows, m, e->X, e->y);
		tries += (long)m;
		for (size_t i = 0; i < m && want > 0; i++) {
			double *x = e->X + i * d;
			x[0] += e->skew_at[s];
			int c = cell_of(coef, d, x, e->y[i]);
			if (quota[c] <= 0)
				continue;
			quota[c] -= 1;
			want -= 1;
			memcpy(X + done * d, x, d * sizeof *x);
			y[done++] = e->y[i];
		}
	}
	return done;
}

int sim_engine_draw_rows(sim_engine *e, long lo, long hi,
			 common_error *err)
{
	int stuck = 0;
	size_t d = (size_t)e->sc->d;
	long keep = sim_train_store_keep(e->store);
	for (long s = lo < 0 ? 0 : lo; s <= hi; s++) {
		double *X;
		unsigned char *y;
		size_t n = sim_train_store_undrawn(e->store, s, &X, &y);
		if (!n)
			continue;
		size_t slot = (size_t)(s % keep);
		double *quota = e->tquota + slot * 8;
		const double *coef = e->tcoef + slot * 2 * (d + 1);
		sim_law_at(e->sc, e->walk, (double)s, e->law_rows);
		size_t done = fill_arm(e, s, coef, quota, X, y, 0, &stuck);
		done = fill_arm(e, s, coef + d + 1, quota + 4, X, y, done,
				&stuck);
		if (stuck || done != n)
			return common_error_set(
				err, COMMON_EINPUT, NULL, 0,
				"the aggregate engine cannot draw the training "
				"rows of step %ld (a prediction outcome of "
				"probability near 0); use --engine request", s);
		sim_train_store_mark_drawn(e->store, s);
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
	int bad = !e->agg || st || !e->skew_at || !e->agg_snap ||
		  !e->agg_snap_new || !e->agg_counts || !e->agg_p || !e->agg_n || !e->tquota ||
		  !e->tcoef;
	for (int i = 0; i < SIM_AGG_CACHE && !bad; i++) {
		e->agg_cache[i].coef = malloc((d + 1) * sizeof(double));
		bad |= !e->agg_cache[i].coef;
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
	e->tquota = e->tcoef = NULL;
	e->skew_at = e->agg_snap = e->agg_snap_new = e->agg_counts = e->agg_p =
		NULL;
	e->agg_n = NULL;
	for (int i = 0; i < SIM_AGG_CACHE; i++) {
		free(e->agg_cache[i].coef);
		e->agg_cache[i].coef = NULL;
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
