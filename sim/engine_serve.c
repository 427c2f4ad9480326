/* sim/engine_serve.c: drawing, routing and scoring one step's requests:
 * the engine's hot loop. */
#include "sim/engine_internal.h"

#include <math.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "sim/fastmath.h"
#include "sim/process.h"
#include "common/banned.h"

void sim_engine_score(const sim_logreg *m, const double *X, size_t n,
		      size_t d, double *z)
{
	const double *w = sim_logreg_coef(m);
	const double b = sim_logreg_intercept(m);
	for (size_t i = 0; i < n; i++) {
		const double *x = X + i * d;
		double v = b;
		for (size_t j = 0; j < d; j++)
			v += w[j] * x[j];
		z[i] = sim_fast_clamp(v);
	}
}

/* Served-prediction counts of a chunk. */
struct counts {
	double correct, loss, pos, prev, tp, fp, tn, fn;
};

/* zs: served scores, two requests at a time (sim/fastmath.h's two-lane
 * softplus gives each request the scalar function's bits). */
static void tally_served(const double *zs, const unsigned char *y, size_t n,
			 struct counts *c)
{
	/* counts are sums of 0s and 1s, exact in any order; the loss lanes
	 * are summed separately and added at the end, a fixed order */
	const sim_v2d zero = {0.0, 0.0};
	const sim_v2i one_bits = {0x3ff0000000000000LL, 0x3ff0000000000000LL};
	sim_v2d vtp = zero, vfp = zero, vtn = zero, vfn = zero, acc = zero;
	size_t i = 0;
	for (; i + 1 < n; i += 2) {
		sim_v2d z = {zs[i], zs[i + 1]};
		sim_v2d yi = {(double)y[i], (double)y[i + 1]};
		sim_v2d hat = (sim_v2d)((z > zero) & one_bits); /* 1.0 or 0.0 */
		vtp += hat * yi;
		vfp += hat * (1.0 - yi);
		vfn += (1.0 - hat) * yi;
		vtn += (1.0 - hat) * (1.0 - yi);
		/* log loss: softplus(-z) for y = 1, softplus(z) for y = 0 */
		acc += sim_fast_softplus2((1.0 - 2.0 * yi) * z);
	}
	double tp = vtp[0] + vtp[1], fp = vfp[0] + vfp[1];
	double tn = vtn[0] + vtn[1], fn = vfn[0] + vfn[1];
	double l = acc[0] + acc[1];
	if (i < n) {
		double yl = (double)y[i], hat = (double)(zs[i] > 0);
		tp += hat * yl;
		fp += hat * (1.0 - yl);
		fn += (1.0 - hat) * yl;
		tn += (1.0 - hat) * (1.0 - yl);
		l += sim_fast_softplus((1.0 - 2.0 * yl) * zs[i]);
	}
	c->tp += tp;
	c->fp += fp;
	c->tn += tn;
	c->fn += fn;
	c->correct += tp + tn;
	c->pos += tp + fp;
	c->prev += tp + fn;
	c->loss += l;
}

sim_arrival *sim_engine_arrival_begin(sim_engine *e, long t, int active)
{
	sim_arrival *a = &e->queue[t % e->nqueue];
	memset(&a->arms, 0, sizeof a->arms);
	a->step = t;
	a->gen = e->gen;
	a->rollout = active ? e->rollout : 0;
	a->prod_n = a->prod_correct = 0;
	a->nerr = 0;
	return a;
}

void sim_engine_book_served(sim_engine *e, double *row, double tp,
			    double fp, double fn, double tn, long k, int mirror)
{
	const sim_cost_config *co = &e->lc->cost;
	double nn = (double)e->sc->requests, correct = tp + tn;
	double value = co->use_matrix
			       ? co->v_tp * tp + co->v_fp * fp + co->v_tn * tn +
					 co->v_fn * fn
			       : co->value_correct * correct -
					 co->cost_error * (nn - correct);
	double scored = nn * (mirror ? 2.0 : 1.0);
	double compute = scored / 1000.0 * co->compute_per_1000;
	double labels = (double)k * co->label_cost;
	e->tally.value += value;
	e->tally.cost_compute += compute;
	e->tally.cost_labels += labels;
	e->tally.served += nn;
	e->tally.latency_sum += nn * co->latency_ms;
	row[SIM_S_NET_VALUE] += value - compute - labels;
}

int sim_engine_serve_step(sim_engine *e, long t, double *row,
			  common_error *err)
{
	(void)err;
	const sim_scenario *sc = e->sc;
	const sim_lifecycle *lc = e->lc;
	const size_t d = (size_t)sc->d;
	const long n = sc->requests;
	long k = (long)gsl_ran_binomial(e->r_feedback, sc->coverage,
					(unsigned)n);
	if (t + sc->label_delay < sc->steps)
		e->tally.labels += (double)k;
	long keep = k < sim_train_store_cap(e->store)
			    ? k
			    : sim_train_store_cap(e->store);
	int active = e->rollout && sim_deploy_active(e->deploy);
	double share = active ? sim_deploy_serve_share(e->deploy) : 0.0;
	int mirror = active && sim_deploy_mirrors(e->deploy);
	int cand_scores = active && sim_deploy_candidate_scores(e->deploy);
	int skew = e->incident_end > t;
	double skew_shift = lc->ops.incident_skew * sc->sigma0[0];

	sim_arrival *a = sim_engine_arrival_begin(e, t, active);

	size_t mon_want = 0;
	if (e->stat && lc->stat.every > 0 && t % lc->stat.every == 0) {
		mon_want = (size_t)lc->stat.sample;
		if (mon_want > e->mon_cap)
			mon_want = e->mon_cap;
	}
	e->mon_n = 0;

	struct counts c = {0};
	double cand_served = 0, defective_served = 0;
	for (long done = 0; done < n;) {
		size_t m = (size_t)(n - done);
		if (m > SIM_ENGINE_CHUNK)
			m = SIM_ENGINE_CHUNK;
		sim_process_draw(e->law, e->r_data, m, e->X, e->y);
		if (skew) /* training-serving skew: the pipeline shifts x1 */
			for (size_t i = 0; i < m; i++)
				e->X[i * d] += skew_shift;
		if (done < keep) {
			size_t s = (size_t)(keep - done);
			sim_train_store_add(e->store, t, e->X, e->y,
					    s < m ? s : m);
		}
		sim_engine_score(e->prod.m, e->X, m, d, e->zp);
		if (cand_scores)
			sim_engine_score(e->cand.m, e->X, m, d, e->zc);
		/* Routing is by position, like a hash router: request g goes
		 * to the candidate when floor((g+1)s) > floor(g s), which
		 * gives it a share s of every stretch of requests. Rows are
		 * i.i.d., so any rule blind to their values is a fair split. */
		size_t ncand = 0;
		if (share <= 0 && cand_scores) /* read below: nothing routed */
			memset(e->route, 0, m);
		for (size_t i = 0; share > 0 && i < m; i++) {
			double g = (double)(done + (long)i);
			int r = floor((g + 1) * share) > floor(g * share);
			e->route[i] = (unsigned char)r;
			ncand += (size_t)r;
		}
		const double *zs = e->zp;
		if (ncand) { /* served scores: the candidate's where routed */
			for (size_t i = 0; i < m; i++)
				e->zs[i] = e->route[i] ? e->zc[i] : e->zp[i];
			zs = e->zs;
			cand_served += (double)ncand;
		}
		tally_served(zs, e->y, m, &c);
		defective_served += (e->prod.defective ? (double)(m - ncand) : 0) +
				    (e->cand.defective ? (double)ncand : 0);
		/* labelled rows: the first k of the step */
		long lab_end = k - done;
		size_t nl = lab_end <= 0 ? 0 : (size_t)lab_end < m ? (size_t)lab_end : m;
		if (!mirror && !cand_scores) {
			/* no rollout: production served every labelled row */
			size_t ok = 0, room = e->err_cap - a->nerr;
			unsigned char *eb = a->err + a->nerr;
			for (size_t i = 0; i < nl; i++) {
				unsigned char bad = (e->zp[i] > 0) != e->y[i];
				ok += !bad;
				if (i < room)
					eb[i] = bad;
			}
			a->nerr += nl < room ? nl : room;
			a->arms.prod_n += (double)nl;
			a->arms.prod_correct += (double)ok;
			a->prod_n += (double)nl;
			a->prod_correct += (double)ok;
			nl = 0;
		}
		for (size_t i = 0; i < nl; i++) {
			int yi = e->y[i];
			int okp = (e->zp[i] > 0) == yi;
			if (mirror || cand_scores) {
				int okc = (e->zc[i] > 0) == yi;
				if (mirror || e->route[i]) {
					a->arms.cand_n += 1;
					a->arms.cand_correct += okc;
				}
			}
			if (mirror || !e->route[i]) {
				sim_arrival_prod(e, a, okp);
			}
		}
		if (e->mon_n < mon_want) {
			size_t take = mon_want - e->mon_n;
			if (take > m)
				take = m;
			memcpy(e->mon_X + e->mon_n * d, e->X, take * d * sizeof *e->X);
			memcpy(e->mon_s + e->mon_n, e->zp, take * sizeof *e->zp);
			e->mon_n += take;
		}
		done += (long)m;
	}
	double nn = (double)n;
	row[SIM_S_ACCURACY] = c.correct / nn;
	row[SIM_S_LOG_LOSS] = c.loss / nn;
	row[SIM_S_POS_RATE] = c.pos / nn;
	row[SIM_S_PREVALENCE] = c.prev / nn;
	row[SIM_S_CAND_SHARE] = mirror ? 0 : cand_served / nn;
	e->tally.exposure += defective_served;
	e->tally.pending_exposure += cand_served;

	sim_engine_book_served(e, row, c.tp, c.fp, c.fn, c.tn, k, mirror);
	return COMMON_OK;
}
