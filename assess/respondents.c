/* assess/respondents.c: several respondents for one team. Their answers to
 * each question are combined (median for ordinal and numbers, majority for
 * yes/no, "na" by strict majority, a range when the median is not unique),
 * their agreement is measured with Krippendorff's alpha (assess/alpha.c)
 * and the questions they disagree on are listed.
 * docs/methodology/assessment.md#several-respondents. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "assess/model_read.h"
#include "common/common.h"

static void answer_scalar(assess_answer *out, const assess_answer *a)
{
	*out = *a;
	out->evidence = NULL;
	out->nevidence = 0;
	out->comment = NULL;
}

struct vote {
	double score; /* sort key */
	long opt;
	double number;
};

static int cmp_vote(const void *pa, const void *pb)
{
	const struct vote *a = pa, *b = pb;
	if (a->score != b->score)
		return (a->score > b->score) - (a->score < b->score);
	if (a->number != b->number)
		return (a->number > b->number) - (a->number < b->number);
	return (a->opt > b->opt) - (a->opt < b->opt);
}

void assess_combine_answer(const assess_model *m, size_t q,
			   const assess_responses *r, assess_answer *out)
{
	memset(out, 0, sizeof *out);
	out->opt_lo = out->opt_hi = -1;
	out->number = out->score_lo = out->score_hi = out->confidence = NAN;
	if (r->nrespondents == 1) {
		answer_scalar(out, &r->respondents[0].answers[q]);
		return;
	}
	const assess_question *qs = &m->questions[q];
	size_t nval = 0, nna = 0, nunk = 0;
	for (size_t i = 0; i < r->nrespondents; i++) {
		enum assess_answer_state s = r->respondents[i].answers[q].state;
		nval += s == ASSESS_VALUE;
		nna += s == ASSESS_NA;
		nunk += s == ASSESS_UNKNOWN;
	}
	if (nval + nna == 0) {
		out->state = nunk ? ASSESS_UNKNOWN : ASSESS_MISSING;
		return;
	}
	if (2 * nna > nval + nna) {
		out->state = ASSESS_NA;
		return;
	}
	struct vote *v = malloc(nval * sizeof *v);
	if (!v) {
		/* without memory the honest answer is "unknown" */
		out->state = ASSESS_UNKNOWN;
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < r->nrespondents; i++) {
		const assess_answer *a = &r->respondents[i].answers[q];
		if (a->state != ASSESS_VALUE)
			continue;
		v[n].score = qs->kind == ASSESS_NUMBER ? 0 : a->score_lo;
		v[n].opt = a->opt_lo;
		v[n].number = qs->kind == ASSESS_NUMBER ? a->number : 0;
		n++;
	}
	qsort(v, n, sizeof *v, cmp_vote);
	const struct vote *a = &v[(n - 1) / 2], *b = &v[n / 2];
	out->state = ASSESS_VALUE;
	if (qs->kind == ASSESS_NUMBER) {
		out->number = (a->number + b->number) / 2;
		int band = number_band(qs, out->number);
		if (band >= 0) {
			out->score_lo = out->score_hi = qs->bands[band].score;
		} else {
			/* the median fell between two bands: keep both */
			double sa = qs->bands[number_band(qs, a->number)].score;
			double sb = qs->bands[number_band(qs, b->number)].score;
			out->score_lo = fmin(sa, sb);
			out->score_hi = fmax(sa, sb);
		}
	} else {
		/* a median (for yes/no: a majority) that is not unique
		 * leaves the answer between the two middle votes */
		out->opt_lo = a->opt;
		out->opt_hi = b->opt;
		out->score_lo = qs->options[a->opt].score;
		out->score_hi = qs->options[b->opt].score;
	}
	free(v);
}

void agreement_release(assess_agreement *a)
{
	free(a->disagreements);
	a->disagreements = NULL;
	a->ndisagreements = 0;
}

static int cmp_disagreement(const void *pa, const void *pb)
{
	const assess_disagreement *a = pa, *b = pb;
	if (a->spread != b->spread)
		return (a->spread < b->spread) - (a->spread > b->spread);
	if (a->na_split != b->na_split)
		return b->na_split - a->na_split;
	return (a->question > b->question) - (a->question < b->question);
}

int agreement_compute(const assess_model *m, const assess_responses *r,
		      assess_agreement *out)
{
	size_t nr = r->nrespondents, nq = m->nquestions;
	out->nrespondents = nr;
	out->alpha_nominal = out->alpha_ordinal = out->alpha_interval = NAN;
	if (nr < 2)
		return COMMON_OK;
	double *table = malloc((nq * nr + 1) * sizeof *table);
	out->disagreements = calloc(nq + 1, sizeof *out->disagreements);
	if (!table || !out->disagreements) {
		free(table);
		return COMMON_EIO;
	}
	for (size_t q = 0; q < nq; q++) {
		size_t nval = 0, nna = 0;
		double lo = INFINITY, hi = -INFINITY;
		for (size_t i = 0; i < nr; i++) {
			const assess_answer *a = &r->respondents[i].answers[q];
			double x = NAN;
			if (a->state == ASSESS_VALUE) {
				x = a->score_lo;
				nval++;
				lo = fmin(lo, x);
				hi = fmax(hi, x);
			}
			nna += a->state == ASSESS_NA;
			table[q * nr + i] = x;
		}
		out->nunits += nval >= 2;
		int split = nna > 0 && nval > 0;
		if ((nval >= 2 && hi - lo > ASSESS_EPS) || split) {
			assess_disagreement *d =
				&out->disagreements[out->ndisagreements++];
			d->question = q;
			d->spread = nval >= 2 ? hi - lo : 0;
			d->na_split = split;
		}
	}
	qsort(out->disagreements, out->ndisagreements,
	      sizeof *out->disagreements, cmp_disagreement);
	int st = COMMON_OK;
	double *targets[3] = {&out->alpha_nominal, &out->alpha_ordinal,
			      &out->alpha_interval};
	enum assess_metric metrics[3] = {ASSESS_METRIC_NOMINAL,
					 ASSESS_METRIC_ORDINAL,
					 ASSESS_METRIC_INTERVAL};
	for (size_t k = 0; k < 3 && !st; k++)
		if (assess_alpha(table, nq, nr, metrics[k], targets[k]) ==
		    COMMON_EIO)
			st = COMMON_EIO;
	free(table);
	return st;
}
