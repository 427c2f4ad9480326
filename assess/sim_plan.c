/* assess/sim_plan.c: from an assessment to what-if variants (issue 9): the
 * team as it is, each next-best action alone, the top three together. The
 * variants are lists of parameter strings; cli/bridge.c applies them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/simmap.h"
#include "common/common.h"

#define TOP 3 /* actions in the combined variant */

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

double assess_sim_action_number(const assess_question *q)
{
	if (q->kind != ASSESS_NUMBER || q->nbands == 0)
		return NAN;
	size_t b = 0;
	for (size_t i = 1; i < q->nbands; i++)
		if (q->bands[i].score > q->bands[b].score)
			b = i;
	const assess_interval *iv = &q->bands[b].range;
	double lo = isinf(iv->lower) ? q->num_min : iv->lower;
	double hi = isinf(iv->upper) ? q->num_max : iv->upper;
	if (lo < q->num_min)
		lo = q->num_min;
	if (hi > q->num_max)
		hi = q->num_max;
	double x = lo + (hi - lo) / 2;
	/* a point interval, or one unbounded side clamped to the scale */
	if (!assess_interval_contains(iv, x))
		x = assess_interval_contains(iv, lo) ? lo : hi;
	return x;
}

/* The entry a question's combined answer selects, or NULL with why. */
static const assess_sim_answer *team_entry(const assess_sim_map *map,
					   const assess_model *m,
					   const assess_qresult *qr,
					   enum assess_sim_asis *why)
{
	const assess_question *q = &m->questions[map->question];
	if (qr->state == ASSESS_Q_NA) {
		*why = ASSESS_SIM_ASIS_NA;
		return NULL;
	}
	if (qr->unanswered) {
		*why = ASSESS_SIM_ASIS_MISSING;
		return NULL;
	}
	if (qr->state == ASSESS_Q_UNKNOWN) {
		*why = ASSESS_SIM_ASIS_UNKNOWN;
		return NULL;
	}
	long opt = -1;
	if (q->kind != ASSESS_NUMBER) {
		long lo = qr->answer.opt_lo, hi = qr->answer.opt_hi;
		/* a range of answers counts as its worse end */
		opt = hi >= 0 && q->options[hi].score < q->options[lo].score
			      ? hi
			      : lo;
	}
	const assess_sim_answer *a =
		assess_sim_map_match(map, opt, qr->answer.number);
	*why = a ? ASSESS_SIM_ASIS_SET : ASSESS_SIM_ASIS_UNMAPPED;
	return a;
}

/* Fills v's sets from the chosen entries (one per map, NULL = none): in
 * map order, a parameter set again moves to its last position. */
static int collect(const assess_simmap *sm, const assess_sim_answer **pick,
		   assess_sim_variant *v, common_error *err)
{
	size_t cap = 0;
	for (size_t i = 0; i < sm->nmaps; i++)
		cap += pick[i] ? pick[i]->nsets : 0;
	v->nsets = 0;
	if (cap == 0)
		return 0;
	v->params = malloc(cap * sizeof(*v->params));
	v->values = malloc(cap * sizeof(*v->values));
	if (!v->params || !v->values)
		return oom(err);
	for (size_t i = 0; i < sm->nmaps; i++)
		for (size_t j = 0; pick[i] && j < pick[i]->nsets; j++) {
			const assess_sim_set *s = &pick[i]->sets[j];
			for (size_t k = 0; k < v->nsets; k++)
				if (strcmp(v->params[k], s->param) == 0) {
					memmove(&v->params[k], &v->params[k + 1],
						(v->nsets - k - 1) *
							sizeof(*v->params));
					memmove(&v->values[k], &v->values[k + 1],
						(v->nsets - k - 1) *
							sizeof(*v->values));
					v->nsets--;
					break;
				}
			v->params[v->nsets] = s->param;
			v->values[v->nsets] = s->value;
			v->nsets++;
		}
	return 0;
}

static int same_sets(const assess_sim_variant *a, const assess_sim_variant *b)
{
	if (a->nsets != b->nsets)
		return 0;
	for (size_t i = 0; i < a->nsets; i++)
		if (strcmp(a->params[i], b->params[i]) ||
		    strcmp(a->values[i], b->values[i]))
			return 0;
	return 1;
}

static void variant_release(assess_sim_variant *v)
{
	free(v->name);
	free(v->actions);
	free(v->params);
	free(v->values);
	memset(v, 0, sizeof(*v));
}

void assess_sim_plan_free(assess_sim_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->nvariants; i++)
		variant_release(&p->variants[i]);
	free(p->variants);
	free(p->asis);
	free(p->skipped);
	free(p);
}

static char *text_copy(const char *s)
{
	size_t n = strlen(s);
	char *c = malloc(n + 1);
	if (c)
		memcpy(c, s, n + 1);
	return c;
}

/* "question -> answer": the option value, or the best band's label. */
static char *action_name(const assess_model *m, const assess_action *a)
{
	const assess_question *q = &m->questions[a->question];
	char buf[512];
	if (a->target >= 0) {
		snprintf(buf, sizeof buf, "%s -> %s", q->id,
			 q->options[a->target].value);
	} else {
		double x = assess_sim_action_number(q);
		size_t b = 0;
		for (size_t i = 0; i < q->nbands; i++)
			if (assess_interval_contains(&q->bands[i].range, x))
				b = i;
		const char *label = q->nbands ? assess_text(&q->bands[b].label,
							    NULL)
					      : "";
		snprintf(buf, sizeof buf, "%s -> %s", q->id,
			 label[0] ? label : "best");
	}
	return text_copy(buf);
}

/* The variant with actions acts[0..n-1] applied over the team's picks. */
static int build_variant(const assess_simmap *sm, const assess_result *res,
			 const assess_sim_answer **team,
			 const assess_sim_answer **pick, const size_t *acts,
			 size_t n, assess_sim_variant *v, common_error *err)
{
	memcpy(pick, team, sm->nmaps * sizeof(*pick));
	for (size_t k = 0; k < n; k++) {
		const assess_action *a = &res->actions[acts[k]];
		const assess_question *q = &res->model->questions[a->question];
		for (size_t i = 0; i < sm->nmaps; i++)
			if (sm->maps[i].question == a->question)
				pick[i] = assess_sim_map_match(
					&sm->maps[i], a->target,
					assess_sim_action_number(q));
	}
	if (n && !(v->actions = malloc(n * sizeof(*v->actions))))
		return oom(err);
	if (n)
		memcpy(v->actions, acts, n * sizeof(*acts));
	v->nactions = n;
	return collect(sm, pick, v, err);
}

int assess_sim_plan_new(const assess_simmap *sm, const assess_result *res,
			assess_sim_plan **out, common_error *err)
{
	*out = NULL;
	assess_sim_plan *p = calloc(1, sizeof(*p));
	size_t nm = sm->nmaps ? sm->nmaps : 1;
	const assess_sim_answer **team = calloc(nm, sizeof(*team));
	const assess_sim_answer **pick = calloc(nm, sizeof(*pick));
	size_t *singles = calloc(res->nactions + 1, sizeof(*singles));
	int st = 0;
	if (!p || !team || !pick || !singles ||
	    !(p->asis = calloc(nm, sizeof(*p->asis))) ||
	    !(p->variants = calloc(res->nactions + 2, sizeof(*p->variants))) ||
	    !(p->skipped = calloc(res->nactions + 1, sizeof(*p->skipped)))) {
		st = oom(err);
		goto out;
	}
	p->result = res;
	p->map = sm;
	for (size_t i = 0; i < sm->nmaps; i++)
		team[i] = team_entry(&sm->maps[i], res->model,
				     &res->questions[sm->maps[i].question],
				     &p->asis[i]);
	assess_sim_variant *asis = &p->variants[0];
	p->nvariants = 1;
	if (!(asis->name = text_copy("as-is"))) {
		st = oom(err);
		goto out;
	}
	if ((st = build_variant(sm, res, team, pick, NULL, 0, asis, err)))
		goto out;
	size_t nsingle = 0;
	for (size_t k = 0; k < res->nactions; k++) {
		if (!assess_simmap_find(sm, res->actions[k].question)) {
			p->skipped[p->nskipped++] = (assess_sim_skipped){
				k, ASSESS_SIM_SKIP_UNMAPPED};
			continue;
		}
		assess_sim_variant *v = &p->variants[p->nvariants];
		if ((st = build_variant(sm, res, team, pick, &k, 1, v, err))) {
			variant_release(v);
			goto out;
		}
		if (same_sets(v, asis)) {
			variant_release(v);
			p->skipped[p->nskipped++] = (assess_sim_skipped){
				k, ASSESS_SIM_SKIP_NO_CHANGE};
			continue;
		}
		if (!(v->name = action_name(res->model, &res->actions[k]))) {
			variant_release(v);
			st = oom(err);
			goto out;
		}
		p->nvariants++;
		singles[nsingle++] = k;
	}
	p->nsingle = nsingle;
	if (nsingle >= 2) {
		size_t n = nsingle < TOP ? nsingle : TOP;
		assess_sim_variant *v = &p->variants[p->nvariants];
		char buf[512];
		int len = snprintf(buf, sizeof buf, "top %zu:", n);
		for (size_t k = 0; k < n && len > 0 && (size_t)len < sizeof buf;
		     k++)
			len += snprintf(buf + len, sizeof buf - (size_t)len,
					"%s %s", k ? " +" : "",
					res->model
						->questions[res->actions[singles[k]]
								    .question]
						.id);
		if ((st = build_variant(sm, res, team, pick, singles, n, v,
					err)) ||
		    !(v->name = text_copy(buf))) {
			if (!st)
				st = oom(err);
			variant_release(v);
			goto out;
		}
		p->nvariants++;
		p->has_combined = 1;
	}
out:
	free(team);
	free(pick);
	free(singles);
	if (st) {
		assess_sim_plan_free(p);
		return st;
	}
	*out = p;
	return 0;
}
