/* assess/aggregate.c: the scoring core. One call evaluates the model for
 * one set of question scores: questions -> dimensions -> overall under the
 * model's aggregation, and the staged level (CMMI staged representation:
 * level k is reached when every requirement of levels 1..k is met).
 * assess/score.c calls it for the worst and the best case; every
 * aggregation is non-decreasing in each score, so those two calls bound
 * every possible result. docs/methodology/assessment.md#aggregation. */
#include <math.h>

#include "assess/internal.h"

/* Running aggregate; items with weight 0 take no part. */
struct acc {
	enum assess_agg a;
	double s, w;
	int any;
};

static void acc_add(struct acc *c, double v, double w)
{
	if (!(w > 0))
		return;
	switch (c->a) {
	case ASSESS_AGG_WEIGHTED_MEAN:
		c->s += w * v;
		c->w += w;
		break;
	case ASSESS_AGG_SUM:
		c->s += w * v;
		break;
	case ASSESS_AGG_MINIMUM:
		c->s = c->any ? fmin(c->s, v) : v;
		break;
	case ASSESS_AGG_STAGED:
		break;
	}
	c->any = 1;
}

static int acc_result(const struct acc *c, double *out)
{
	if (!c->any)
		return 0;
	*out = c->a == ASSESS_AGG_WEIGHTED_MEAN ? c->s / c->w : c->s;
	return 1;
}

int aggregate(enum assess_agg a, size_t n, const double *v, const double *w,
	      const unsigned char *present, double *out)
{
	struct acc c = {a, 0, 0, 0};
	for (size_t i = 0; i < n; i++)
		if (!present || present[i])
			acc_add(&c, v[i], w ? w[i] : 1.0);
	return acc_result(&c, out);
}

int req_met(const assess_requirement *r, const double *qscore,
	    const unsigned char *qpresent)
{
	/* a requirement on a practice that does not apply does not block */
	return !qpresent[r->question] ||
	       qscore[r->question] >= r->threshold - ASSESS_EPS;
}

/* Highest level index whose requirements (and those of every level below)
 * are met, counting only requirements on questions of dimension dim (all
 * dimensions when dim < 0). */
static size_t staged(const assess_model *m, long dim, const double *qscore,
		     const unsigned char *qpresent)
{
	size_t reached = 0;
	for (size_t i = 1; i < m->nlevels; i++) {
		const assess_level *l = &m->levels[i];
		for (size_t k = 0; k < l->nreqs; k++) {
			const assess_requirement *r = &l->reqs[k];
			if (dim >= 0 &&
			    m->questions[r->question].dimension != (size_t)dim)
				continue;
			if (!req_met(r, qscore, qpresent))
				return reached;
		}
		reached = i;
	}
	return reached;
}

void core_eval(const assess_model *m, const double *qscore,
	       const unsigned char *qpresent, struct core_out *o)
{
	struct acc top = {m->dimension_agg, 0, 0, 0};
	int any_dim = 0;
	for (size_t d = 0; d < m->ndims; d++) {
		const assess_dimension *dm = &m->dims[d];
		struct acc c = {dm->agg, 0, 0, 0};
		int present = 0;
		for (size_t k = 0; k < dm->nquestions; k++) {
			size_t q = dm->questions[k];
			if (!qpresent[q] || !(m->questions[q].weight > 0))
				continue;
			present = 1;
			acc_add(&c, qscore[q], m->questions[q].weight);
		}
		o->dim_level[d] = NAN;
		if (m->nlevels)
			o->dim_level[d] = (double)m->levels[staged(
						  m, (long)d, qscore, qpresent)]
						  .rank;
		if (dm->agg == ASSESS_AGG_STAGED) {
			o->dim_ok[d] = (unsigned char)present;
			o->dim[d] = o->dim_level[d];
		} else {
			o->dim_ok[d] = (unsigned char)acc_result(&c, &o->dim[d]);
		}
		if (!o->dim_ok[d]) {
			o->dim[d] = NAN;
			continue;
		}
		any_dim = 1;
		acc_add(&top, o->dim[d], dm->weight);
	}
	o->level = -1;
	o->progress = NAN;
	if (m->nlevels) {
		size_t i = staged(m, -1, qscore, qpresent);
		o->level = (long)i;
		o->progress = (double)m->levels[i].rank;
		if (i + 1 < m->nlevels) {
			const assess_level *next = &m->levels[i + 1];
			size_t met = 0;
			for (size_t k = 0; k < next->nreqs; k++)
				met += (size_t)req_met(&next->reqs[k], qscore,
						       qpresent);
			if (next->nreqs)
				o->progress += (double)met / (double)next->nreqs;
		}
	}
	if (m->dimension_agg == ASSESS_AGG_STAGED) {
		o->overall_ok = any_dim;
		o->overall = any_dim ? (double)m->levels[o->level].rank : NAN;
	} else {
		o->overall_ok = acc_result(&top, &o->overall);
		if (!o->overall_ok)
			o->overall = NAN;
	}
}
