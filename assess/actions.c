/* assess/actions.c: next-best actions. Each candidate raises one applicable
 * question, alone, from its worst-case score to its best answer; the model
 * is re-evaluated and the action is worth the rise of the result the model
 * ranks by: the overall score under the model's own aggregation (so under
 * a minimum only the weakest dimension pays), or the level progress
 * (level + share of the next level's requirements met: under staged gates
 * only the items blocking the next level pay). Ties: the other measure,
 * then model order. docs/methodology/assessment.md#next-best-actions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

static double or_zero(double x)
{
	return isnan(x) ? 0 : x;
}

/* An action with its tie-breaking measure (qsort has no context). */
struct ranked {
	assess_action a;
	double second;
};

static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->a.gain != b->a.gain)
		return (a->a.gain < b->a.gain) - (a->a.gain > b->a.gain);
	if (a->second != b->second)
		return (a->second < b->second) - (a->second > b->second);
	return (a->a.question > b->a.question) -
	       (a->a.question < b->a.question);
}

static long best_option(const assess_question *q)
{
	long best = -1;
	for (size_t i = 0; i < q->noptions; i++)
		if (best < 0 || q->options[i].score > q->options[best].score)
			best = (long)i;
	return best;
}

static int is_blocking(const assess_result *res, size_t q)
{
	for (size_t i = 0; i < res->ngaps; i++)
		if (res->gaps[i].question == q)
			return 1;
	return 0;
}

int actions_rank(const assess_model *m, const double *lo,
		 const unsigned char *present, const struct core_out *base,
		 assess_result *res)
{
	size_t nq = m->nquestions;
	double *trial = malloc((nq + 1) * sizeof *trial);
	struct core_out o = {0};
	o.dim = calloc(m->ndims + 1, sizeof *o.dim);
	o.dim_ok = calloc(m->ndims + 1, 1);
	o.dim_level = calloc(m->ndims + 1, sizeof *o.dim_level);
	res->actions = calloc(nq + 1, sizeof *res->actions);
	res->nactions = 0;
	struct ranked *rk = calloc(nq + 1, sizeof *rk);
	int st = COMMON_OK;
	if (!trial || !o.dim || !o.dim_ok || !o.dim_level || !res->actions ||
	    !rk) {
		st = COMMON_EIO;
		goto out;
	}
	memcpy(trial, lo, nq * sizeof *trial);
	for (size_t q = 0; q < nq; q++) {
		const assess_question *qs = &m->questions[q];
		if (!present[q] || !(qs->weight > 0) ||
		    lo[q] >= qs->best - ASSESS_EPS)
			continue;
		trial[q] = qs->best;
		core_eval(m, trial, present, &o);
		trial[q] = lo[q];
		assess_action a = {0};
		a.question = q;
		a.target = best_option(qs);
		a.from = lo[q];
		a.to = qs->best;
		a.score_gain = or_zero(o.overall) - or_zero(base->overall);
		a.level_gain = m->nlevels ? o.progress - base->progress : NAN;
		a.gain = m->rank_by_level ? a.level_gain : a.score_gain;
		a.blocking = is_blocking(res, q);
		int pays = a.score_gain > ASSESS_EPS ||
			   (m->nlevels && a.level_gain > ASSESS_EPS);
		if (!pays)
			continue;
		struct ranked *r = &rk[res->nactions++];
		r->a = a;
		r->second = or_zero(m->rank_by_level ? a.score_gain
						     : a.level_gain);
	}
	qsort(rk, res->nactions, sizeof *rk, cmp_ranked);
	for (size_t i = 0; i < res->nactions; i++)
		res->actions[i] = rk[i].a;
out:
	free(rk);
	free(trial);
	free(o.dim);
	free(o.dim_ok);
	free(o.dim_level);
	return st;
}
