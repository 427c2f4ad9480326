/* assess/score.c: scoring one team's responses. Combines the respondents'
 * answers, decides each question's applicability and score range, runs the
 * scoring core for the worst and the best case, and assembles the result
 * (bands, level, gaps, actions, consistency, agreement).
 * docs/methodology/assessment.md. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

struct scratch {
	double *lo, *hi;
	unsigned char *present;
	assess_answer *eff;
	struct core_out out_lo, out_hi;
};

static int core_alloc(struct core_out *o, size_t ndims)
{
	o->dim = calloc(ndims ? ndims : 1, sizeof *o->dim);
	o->dim_ok = calloc(ndims ? ndims : 1, 1);
	o->dim_level = calloc(ndims ? ndims : 1, sizeof *o->dim_level);
	return o->dim && o->dim_ok && o->dim_level ? 0 : -1;
}

static void core_release(struct core_out *o)
{
	free(o->dim);
	free(o->dim_ok);
	free(o->dim_level);
}

static void scratch_release(struct scratch *s)
{
	free(s->lo);
	free(s->hi);
	free(s->present);
	free(s->eff);
	core_release(&s->out_lo);
	core_release(&s->out_hi);
}

void assess_result_free(assess_result *res)
{
	if (!res)
		return;
	free(res->questions);
	free(res->dims);
	free(res->gaps);
	free(res->actions);
	free(res->findings);
	agreement_release(&res->agreement);
	free(res);
}

/* Applicability, state and score range of question q (see the methodology:
 * an explicit answer wins when applicability cannot be decided). */
static void question_state(const assess_model *m, size_t q,
			   const assess_answer *eff, assess_qresult *qr,
			   double *lo, double *hi, unsigned char *present)
{
	const assess_question *qs = &m->questions[q];
	const assess_answer *a = &eff[q];
	enum tri applies = cond_eval(m, qs->applies, eff);
	qr->answer = *a;
	qr->answer.evidence = NULL;
	qr->answer.nevidence = 0;
	qr->answer.comment = NULL;
	qr->unanswered = a->state == ASSESS_MISSING;
	qr->applicability_unknown = applies == TRI_UNKNOWN;
	qr->na_by_condition = applies == TRI_FALSE;
	if (applies == TRI_FALSE || a->state == ASSESS_NA) {
		qr->state = ASSESS_Q_NA;
		qr->score.low = qr->score.high = NAN;
		*present = 0;
		*lo = *hi = 0;
		return;
	}
	*present = 1;
	if (a->state == ASSESS_VALUE) {
		qr->state = ASSESS_Q_SCORED;
		*lo = a->score_lo;
		*hi = a->score_hi;
		if (*lo < *hi)
			qr->state = ASSESS_Q_UNKNOWN;
	} else {
		qr->state = ASSESS_Q_UNKNOWN;
		*lo = qs->worst;
		*hi = qs->best;
	}
	qr->score.low = *lo;
	qr->score.high = *hi;
}

static int fill(const assess_model *m, struct scratch *s, assess_result *res)
{
	const struct core_out *L = &s->out_lo, *H = &s->out_hi;
	for (size_t d = 0; d < m->ndims; d++) {
		assess_dresult *dr = &res->dims[d];
		dr->na = !L->dim_ok[d];
		dr->score.low = L->dim[d];
		dr->score.high = H->dim[d];
		dr->level.low = L->dim_level[d];
		dr->level.high = H->dim_level[d];
		dr->band_low = dr->na ? -1 : band_find(m, dr->score.low);
		dr->band_high = dr->na ? -1 : band_find(m, dr->score.high);
		const assess_dimension *dm = &m->dims[d];
		for (size_t k = 0; k < dm->nquestions; k++) {
			const assess_qresult *qr = &res->questions[dm->questions[k]];
			dr->nscored += qr->state == ASSESS_Q_SCORED;
			dr->nunknown += qr->state == ASSESS_Q_UNKNOWN;
			dr->nna += qr->state == ASSESS_Q_NA;
		}
	}
	res->na = !L->overall_ok;
	res->score.low = L->overall;
	res->score.high = H->overall;
	res->band_low = res->na ? -1 : band_find(m, res->score.low);
	res->band_high = res->na ? -1 : band_find(m, res->score.high);
	res->level.low = res->level.high = NAN;
	res->progress.low = res->progress.high = NAN;
	if (m->nlevels) {
		res->level.low = (double)m->levels[L->level].rank;
		res->level.high = (double)m->levels[H->level].rank;
		res->progress.low = L->progress;
		res->progress.high = H->progress;
	}
	for (size_t q = 0; q < m->nquestions; q++) {
		const assess_qresult *qr = &res->questions[q];
		res->nscored += qr->state == ASSESS_Q_SCORED;
		res->nunknown += qr->state == ASSESS_Q_UNKNOWN;
		res->nna += qr->state == ASSESS_Q_NA;
		res->nunanswered += (size_t)qr->unanswered;
	}
	int st = gaps_find(m, s->lo, s->hi, s->present, L->level, res);
	if (!st)
		st = actions_rank(m, s->lo, s->present, L, res);
	if (!st)
		st = consistency_check(m, s->eff, res);
	if (!st)
		st = agreement_compute(m, res->responses, &res->agreement);
	return st;
}

int assess_score(const assess_model *m, const assess_responses *r,
		 assess_result **out, common_error *err)
{
	*out = NULL;
	if (r->nquestions != m->nquestions || strcmp(r->model_id, m->id) != 0)
		return common_error_set(err, COMMON_EINPUT, r->file, 0,
					"responses were not read against model '%s'",
					m->id);
	size_t nq = m->nquestions;
	struct scratch s;
	memset(&s, 0, sizeof s);
	assess_result *res = calloc(1, sizeof *res);
	int st = COMMON_OK;
	if (!res)
		goto oom;
	res->model = m;
	res->responses = r;
	res->agreement.alpha_nominal = res->agreement.alpha_ordinal =
		res->agreement.alpha_interval = NAN;
	res->questions = calloc(nq ? nq : 1, sizeof *res->questions);
	res->dims = calloc(m->ndims ? m->ndims : 1, sizeof *res->dims);
	s.lo = calloc(nq ? nq : 1, sizeof *s.lo);
	s.hi = calloc(nq ? nq : 1, sizeof *s.hi);
	s.present = calloc(nq ? nq : 1, 1);
	s.eff = calloc(nq ? nq : 1, sizeof *s.eff);
	if (!res->questions || !res->dims || !s.lo || !s.hi || !s.present ||
	    !s.eff || core_alloc(&s.out_lo, m->ndims) ||
	    core_alloc(&s.out_hi, m->ndims))
		goto oom;
	for (size_t q = 0; q < nq; q++)
		assess_combine_answer(m, q, r, &s.eff[q]);
	for (size_t q = 0; q < nq; q++)
		question_state(m, q, s.eff, &res->questions[q], &s.lo[q],
			       &s.hi[q], &s.present[q]);
	/* consistency rules see a question that does not apply as "na"
	 * (applicability itself was decided on the answers as given) */
	for (size_t q = 0; q < nq; q++)
		if (res->questions[q].na_by_condition)
			s.eff[q].state = ASSESS_NA;
	core_eval(m, s.lo, s.present, &s.out_lo);
	core_eval(m, s.hi, s.present, &s.out_hi);
	st = fill(m, &s, res);
	if (st)
		goto fail;
	scratch_release(&s);
	*out = res;
	return COMMON_OK;
oom:
	st = COMMON_EIO;
fail:
	/* the result's parts fail only when memory runs out */
	common_error_set(err, st, NULL, 0, "out of memory");
	scratch_release(&s);
	assess_result_free(res);
	return st;
}
