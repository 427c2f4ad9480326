/* assess/assess_json.c: a run as JSON, "format": "mlopskit.assessment/1"
 * (documented field by field in docs/assess.md). Every number the terminal
 * summary or a report shows is here; texts are in the run's language. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

/* json_object_set_new returning -1 for a NULL value (out of memory):
 * jansson refuses NULL values, and the top level reports the failure. */
static int put(json_t *o, const char *k, json_t *v)
{
	if (!v)
		return -1;
	return json_object_set_new(o, k, v);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *range_json(assess_range r)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "low", common_json_real(r.low));
	put(o, "high", common_json_real(r.high));
	return o;
}

static json_t *band_json(const assess_model *m, long lo, long hi)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "low", lo >= 0 ? json_string(m->bands[lo].id) : json_null());
	put(o, "high", hi >= 0 ? json_string(m->bands[hi].id) : json_null());
	return o;
}

static json_t *ids_json(const assess_model *m, const assess_dimension *d)
{
	json_t *a = json_array();
	for (size_t k = 0; a && k < d->nquestions; k++)
		json_array_append_new(a, json_string(m->questions[d->questions[k]].id));
	return a;
}

static json_t *interval_json(const assess_interval *iv)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "lower", isinf(iv->lower) ? json_null() : json_real(iv->lower));
	put(o, "upper", isinf(iv->upper) ? json_null() : json_real(iv->upper));
	put(o, "lower_closed", json_boolean(iv->lower_closed));
	put(o, "upper_closed", json_boolean(iv->upper_closed));
	return o;
}

/* The scale of the overall and each dimension's score: the model
 * evaluated with every question applicable and answered at its worst, then
 * at its best option (aggregations are non-decreasing in each score, so
 * these bound every team's result). Report builders draw axes on it. */
static int scale_json(const assess_model *m, json_t *model, json_t *dims)
{
	size_t nq = m->nquestions, nd = m->ndims;
	double *v = calloc(2 * nq + 4 * nd + 1, sizeof *v);
	unsigned char *ok = calloc(nq + 2 * nd + 1, 1);
	int bad = !v || !ok;
	struct core_out o[2];
	for (int k = 0; !bad && k < 2; k++) {
		double *q = v + (size_t)k * nq;
		for (size_t i = 0; i < nq; i++) {
			q[i] = k ? m->questions[i].best : m->questions[i].worst;
			ok[i] = 1;
		}
		o[k].dim = v + 2 * nq + (size_t)k * 2 * nd;
		o[k].dim_level = o[k].dim + nd;
		o[k].dim_ok = ok + nq + (size_t)k * nd;
		core_eval(m, q, ok, &o[k]);
	}
	for (size_t d = 0; !bad && d < nd; d++) {
		json_t *s = range_json((assess_range){
			o[0].dim_ok[d] ? o[0].dim[d] : NAN,
			o[1].dim_ok[d] ? o[1].dim[d] : NAN});
		bad |= put(json_array_get(dims, d), "scale", s) != 0;
	}
	if (!bad)
		bad |= put(model, "scale", range_json((assess_range){
			o[0].overall_ok ? o[0].overall : NAN,
			o[1].overall_ok ? o[1].overall : NAN})) != 0;
	free(v);
	free(ok);
	return bad ? -1 : 0;
}

static json_t *model_json(const assess_model *m, const char *lang)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "id", json_string(m->id));
	put(o, "version", json_string(m->version));
	put(o, "file", json_string(m->file));
	put(o, "title", json_string(assess_text(&m->title, lang)));
	json_t *langs = json_array();
	for (size_t i = 0; langs && i < m->nlangs; i++)
		json_array_append_new(langs, json_string(m->langs[i]));
	put(o, "languages", langs);
	put(o, "question_aggregation", json_string(assess_agg_name(m->question_agg)));
	put(o, "dimension_aggregation", json_string(assess_agg_name(m->dimension_agg)));
	put(o, "rank_actions_by", json_string(m->rank_by_level ? "level" : "score"));
	json_t *src = json_array();
	for (size_t i = 0; src && i < m->nsources; i++) {
		json_t *s = json_object();
		put(s, "text", json_string(m->sources[i].text));
		put(s, "href", str_or_null(m->sources[i].href));
		json_array_append_new(src, s);
	}
	put(o, "sources", src);
	json_t *groups = json_array();
	for (size_t i = 0; groups && i < m->ngroups; i++) {
		json_t *g = json_object();
		put(g, "id", json_string(m->groups[i].id));
		put(g, "label", json_string(assess_text(&m->groups[i].label, lang)));
		json_array_append_new(groups, g);
	}
	put(o, "groups", groups);
	json_t *dims = json_array();
	for (size_t i = 0; dims && i < m->ndims; i++) {
		const assess_dimension *d = &m->dims[i];
		json_t *j = json_object();
		put(j, "id", json_string(d->id));
		put(j, "label", json_string(assess_text(&d->label, lang)));
		put(j, "group", d->group >= 0 ? json_string(m->groups[d->group].id)
					      : json_null());
		put(j, "weight", json_real(d->weight));
		put(j, "aggregation", json_string(assess_agg_name(d->agg)));
		put(j, "questions", ids_json(m, d));
		json_array_append_new(dims, j);
	}
	put(o, "dimensions", dims);
	if (dims && scale_json(m, o, dims)) {
		json_decref(o);
		return NULL;
	}
	json_t *bands = json_array();
	for (size_t i = 0; bands && i < m->nbands; i++) {
		json_t *b = interval_json(&m->bands[i].range);
		put(b, "id", json_string(m->bands[i].id));
		put(b, "label", json_string(assess_text(&m->bands[i].label, lang)));
		json_array_append_new(bands, b);
	}
	put(o, "bands", bands);
	json_t *levels = json_array();
	for (size_t i = 0; levels && i < m->nlevels; i++) {
		const assess_level *l = &m->levels[i];
		json_t *j = json_object();
		put(j, "id", json_string(l->id));
		put(j, "rank", json_integer(l->rank));
		put(j, "label", json_string(assess_text(&l->label, lang)));
		put(j, "description", json_string(assess_text(&l->description, lang)));
		put(j, "requirements", json_integer((json_int_t)l->nreqs));
		json_array_append_new(levels, j);
	}
	put(o, "levels", levels);
	put(o, "questions", json_integer((json_int_t)m->nquestions));
	return o;
}

static const char *state_name(enum assess_answer_state s)
{
	switch (s) {
	case ASSESS_VALUE:
		return "value";
	case ASSESS_NA:
		return "na";
	case ASSESS_UNKNOWN:
		return "unknown";
	case ASSESS_MISSING:
		break;
	}
	return "missing";
}

static const char *qstate_name(enum assess_qstate s)
{
	return s == ASSESS_Q_SCORED ? "scored"
	       : s == ASSESS_Q_NA   ? "na"
				    : "unknown";
}

static json_t *question_json(const assess_result *res, size_t q,
			     const char *lang)
{
	const assess_model *m = res->model;
	const assess_question *qs = &m->questions[q];
	const assess_qresult *qr = &res->questions[q];
	char buf[160];
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "id", json_string(qs->id));
	put(o, "dimension", json_string(m->dims[qs->dimension].id));
	put(o, "text", json_string(assess_text(&qs->text, lang)));
	put(o, "weight", json_real(qs->weight));
	put(o, "state", json_string(qstate_name(qr->state)));
	put(o, "answer", json_string(state_name(qr->answer.state)));
	put(o, "value", assess_answer_value(qs, &qr->answer, buf, sizeof buf)
				? json_string(buf)
				: json_null());
	put(o, "score", range_json(qr->score));
	put(o, "na_by_condition", json_boolean(qr->na_by_condition));
	put(o, "applicability_unknown", json_boolean(qr->applicability_unknown));
	put(o, "unanswered", json_boolean(qr->unanswered));
	json_t *ev = json_array(), *cm = json_array(), *conf = json_array();
	const assess_responses *r = res->responses;
	for (size_t i = 0; ev && cm && conf && i < r->nrespondents; i++) {
		const assess_answer *a = &r->respondents[i].answers[q];
		for (size_t k = 0; k < a->nevidence; k++) {
			json_t *e = json_object();
			put(e, "respondent", json_string(r->respondents[i].id));
			put(e, "text", json_string(a->evidence[k].text));
			put(e, "href", str_or_null(a->evidence[k].href));
			json_array_append_new(ev, e);
		}
		if (a->comment) {
			json_t *c = json_object();
			put(c, "respondent", json_string(r->respondents[i].id));
			put(c, "text", json_string(a->comment));
			json_array_append_new(cm, c);
		}
		if (!isnan(a->confidence)) {
			json_t *c = json_object();
			put(c, "respondent", json_string(r->respondents[i].id));
			put(c, "confidence", json_real(a->confidence));
			json_array_append_new(conf, c);
		}
	}
	put(o, "evidence", ev);
	put(o, "comments", cm);
	put(o, "confidence", conf);
	return o;
}

static json_t *dims_json(const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	json_t *a = json_array();
	for (size_t d = 0; a && d < m->ndims; d++) {
		const assess_dresult *dr = &res->dims[d];
		json_t *o = json_object();
		put(o, "id", json_string(m->dims[d].id));
		put(o, "label", json_string(assess_text(&m->dims[d].label, lang)));
		put(o, "na", json_boolean(dr->na));
		put(o, "score", range_json(dr->score));
		put(o, "band", band_json(m, dr->band_low, dr->band_high));
		put(o, "level", range_json(dr->level));
		put(o, "scored", json_integer((json_int_t)dr->nscored));
		put(o, "unknown", json_integer((json_int_t)dr->nunknown));
		put(o, "not_applicable", json_integer((json_int_t)dr->nna));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *gaps_json(const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	char buf[160];
	json_t *a = json_array();
	for (size_t i = 0; a && i < res->ngaps; i++) {
		const assess_gap *g = &res->gaps[i];
		const assess_level *l = &m->levels[g->level];
		const assess_question *q = &m->questions[g->question];
		json_t *o = json_object();
		put(o, "level", json_string(l->id));
		put(o, "rank", json_integer(l->rank));
		put(o, "question", json_string(q->id));
		put(o, "dimension", json_string(m->dims[q->dimension].id));
		put(o, "text", json_string(assess_text(&q->text, lang)));
		put(o, "required", json_string(l->reqs[g->req].at_least));
		put(o, "threshold", json_real(l->reqs[g->req].threshold));
		const assess_answer *ans = &res->questions[g->question].answer;
		put(o, "current", assess_answer_value(q, ans, buf, sizeof buf)
					  ? json_string(buf)
					  : json_null());
		put(o, "unknown", json_boolean(g->unknown));
		put(o, "recommendation",
		    json_string(assess_text(&q->recommendation, lang)));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *actions_json(const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	json_t *a = json_array();
	for (size_t i = 0; a && i < res->nactions; i++) {
		const assess_action *x = &res->actions[i];
		const assess_question *q = &m->questions[x->question];
		json_t *o = json_object();
		put(o, "rank", json_integer((json_int_t)i + 1));
		put(o, "question", json_string(q->id));
		put(o, "dimension", json_string(m->dims[q->dimension].id));
		put(o, "text", json_string(assess_text(&q->text, lang)));
		put(o, "recommendation",
		    json_string(assess_text(&q->recommendation, lang)));
		put(o, "target", x->target >= 0
					 ? json_string(q->options[x->target].value)
					 : json_null());
		put(o, "from", common_json_real(x->from));
		put(o, "to", common_json_real(x->to));
		put(o, "gain", common_json_real(x->gain));
		put(o, "score_gain", common_json_real(x->score_gain));
		put(o, "level_gain", common_json_real(x->level_gain));
		put(o, "blocking", json_boolean(x->blocking));
		json_array_append_new(a, o);
	}
	return a;
}

static json_t *agreement_json(const assess_result *res)
{
	const assess_agreement *g = &res->agreement;
	const assess_model *m = res->model;
	const assess_responses *r = res->responses;
	if (g->nrespondents < 2)
		return json_null();
	char buf[160];
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "respondents", json_integer((json_int_t)g->nrespondents));
	put(o, "units", json_integer((json_int_t)g->nunits));
	put(o, "alpha_nominal", common_json_real(g->alpha_nominal));
	put(o, "alpha_ordinal", common_json_real(g->alpha_ordinal));
	put(o, "alpha_interval", common_json_real(g->alpha_interval));
	json_t *dis = json_array();
	for (size_t i = 0; dis && i < g->ndisagreements; i++) {
		const assess_disagreement *d = &g->disagreements[i];
		const assess_question *q = &m->questions[d->question];
		json_t *j = json_object();
		put(j, "question", json_string(q->id));
		put(j, "spread", json_real(d->spread));
		put(j, "na_split", json_boolean(d->na_split));
		json_t *ans = json_array();
		for (size_t k = 0; ans && k < r->nrespondents; k++) {
			const assess_answer *a = &r->respondents[k].answers[d->question];
			json_t *x = json_object();
			put(x, "respondent", json_string(r->respondents[k].id));
			put(x, "value", assess_answer_value(q, a, buf, sizeof buf)
						? json_string(buf)
						: json_null());
			json_array_append_new(ans, x);
		}
		put(j, "answers", ans);
		json_array_append_new(dis, j);
	}
	put(o, "disagreements", dis);
	return o;
}

static json_t *level_json(const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	if (m->nlevels == 0)
		return json_null();
	json_t *o = range_json(res->level);
	long base = m->levels[0].rank;
	const assess_level *lo = &m->levels[(size_t)(res->level.low - (double)base)];
	const assess_level *hi = &m->levels[(size_t)(res->level.high - (double)base)];
	put(o, "id_low", json_string(lo->id));
	put(o, "id_high", json_string(hi->id));
	put(o, "label_low", json_string(assess_text(&lo->label, lang)));
	put(o, "label_high", json_string(assess_text(&hi->label, lang)));
	return o;
}

json_t *assess_result_json(const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	const assess_responses *r = res->responses;
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "team", json_string(r->team));
	put(o, "team_name", str_or_null(r->team_name));
	put(o, "date", json_string(r->date));
	put(o, "note", str_or_null(r->note));
	json_t *resp = json_array();
	for (size_t i = 0; resp && i < r->nrespondents; i++) {
		const assess_respondent *p = &r->respondents[i];
		json_t *j = json_object();
		put(j, "id", json_string(p->id));
		put(j, "name", str_or_null(p->name));
		put(j, "role", str_or_null(p->role));
		put(j, "file", json_string(p->file));
		json_array_append_new(resp, j);
	}
	put(o, "respondents", resp);
	put(o, "na", json_boolean(res->na));
	put(o, "score", range_json(res->score));
	put(o, "band", band_json(m, res->band_low, res->band_high));
	put(o, "level", level_json(res, lang));
	put(o, "progress", range_json(res->progress));
	json_t *c = json_object();
	put(c, "scored", json_integer((json_int_t)res->nscored));
	put(c, "unknown", json_integer((json_int_t)res->nunknown));
	put(c, "not_applicable", json_integer((json_int_t)res->nna));
	put(c, "unanswered", json_integer((json_int_t)res->nunanswered));
	put(o, "counts", c);
	put(o, "dimensions", dims_json(res, lang));
	json_t *qs = json_array();
	for (size_t q = 0; qs && q < m->nquestions; q++)
		json_array_append_new(qs, question_json(res, q, lang));
	put(o, "questions", qs);
	put(o, "gaps", gaps_json(res, lang));
	put(o, "actions", actions_json(res, lang));
	json_t *f = json_array();
	for (size_t i = 0; f && i < res->nfindings; i++) {
		const assess_rule *rule = &m->rules[res->findings[i].rule];
		json_t *j = json_object();
		put(j, "rule", json_string(rule->id));
		put(j, "message", json_string(assess_text(&rule->message, lang)));
		put(j, "certain", json_boolean(res->findings[i].certain));
		json_array_append_new(f, j);
	}
	put(o, "consistency", f);
	put(o, "agreement", agreement_json(res));
	return o;
}

static json_t *stats_json(const assess_stats *s)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "n", json_integer((json_int_t)s->n));
	put(o, "min", common_json_real(s->min));
	put(o, "q1", common_json_real(s->q1));
	put(o, "median", common_json_real(s->median));
	put(o, "q3", common_json_real(s->q3));
	put(o, "max", common_json_real(s->max));
	put(o, "mean", common_json_real(s->mean));
	return o;
}

static json_t *portfolio_json(const assess_portfolio *p)
{
	const assess_model *m = p->model;
	json_t *o = json_object();
	if (!o)
		return NULL;
	json_t *teams = json_array(), *matrix = json_array();
	for (size_t t = 0; teams && matrix && t < p->nteams; t++) {
		const assess_responses *r = p->teams[t]->responses;
		json_t *j = json_object();
		put(j, "team", json_string(r->team));
		put(j, "date", json_string(r->date));
		put(j, "score", range_json(p->teams[t]->score));
		put(j, "level", range_json(p->teams[t]->level));
		json_array_append_new(teams, j);
		json_t *row = json_array();
		for (size_t d = 0; row && d < m->ndims; d++)
			json_array_append_new(row, range_json(p->matrix[t * m->ndims + d]));
		json_array_append_new(matrix, row);
	}
	put(o, "teams", teams);
	json_t *dims = json_array();
	for (size_t d = 0; dims && d < m->ndims; d++)
		json_array_append_new(dims, json_string(m->dims[d].id));
	put(o, "dimensions", dims);
	put(o, "matrix", matrix);
	json_t *stats = json_array();
	for (size_t d = 0; stats && d < m->ndims; d++) {
		json_t *j = json_object();
		put(j, "dimension", json_string(m->dims[d].id));
		put(j, "low", stats_json(&p->low[d]));
		put(j, "high", stats_json(&p->high[d]));
		json_array_append_new(stats, j);
	}
	put(o, "stats", stats);
	json_t *ov = json_object();
	put(ov, "low", stats_json(&p->overall_low));
	put(ov, "high", stats_json(&p->overall_high));
	put(o, "overall", ov);
	return o;
}

static json_t *trend_json(const assess_trend *t)
{
	const assess_model *m = t->model;
	json_t *o = json_object();
	if (!o)
		return NULL;
	put(o, "team", json_string(t->team));
	json_t *pts = json_array();
	for (size_t i = 0; pts && i < t->npoints; i++) {
		const assess_result *r = t->points[i];
		json_t *j = json_object();
		put(j, "date", json_string(r->responses->date));
		put(j, "score", range_json(r->score));
		put(j, "level", range_json(r->level));
		json_t *dims = json_array();
		json_t *delta = json_array();
		for (size_t d = 0; dims && delta && d < m->ndims; d++) {
			json_array_append_new(dims, range_json(r->dims[d].score));
			if (i == 0) {
				json_array_append_new(delta, json_null());
				continue;
			}
			const assess_dresult *a = &t->points[i - 1]->dims[d];
			const assess_dresult *b = &r->dims[d];
			assess_range x = {NAN, NAN};
			if (!a->na && !b->na) {
				x.low = b->score.low - a->score.low;
				x.high = b->score.high - a->score.high;
			}
			json_array_append_new(delta, range_json(x));
		}
		put(j, "dimensions", dims);
		put(j, "change_from_previous", delta);
		json_array_append_new(pts, j);
	}
	put(o, "points", pts);
	json_t *ch = json_array();
	for (size_t d = 0; ch && d < m->ndims; d++) {
		json_t *j = range_json(t->change[d]);
		put(j, "dimension", json_string(m->dims[d].id));
		json_array_append_new(ch, j);
	}
	put(o, "change", ch);
	put(o, "overall_change", range_json(t->overall_change));
	put(o, "level_change", range_json(t->level_change));
	return o;
}

json_t *assess_run_json(const assess_run *run)
{
	json_t *o = json_object();
	if (!o)
		return NULL;
	const char *lang = assess_model_has_lang(run->model, run->lang)
				   ? run->lang
				   : run->model->langs[0];
	int bad = put(o, "format", json_string(ASSESS_JSON_FORMAT));
	bad |= put(o, "lang", json_string(lang));
	bad |= put(o, "model", model_json(run->model, lang));
	json_t *as = json_array();
	for (size_t i = 0; as && i < run->nresults; i++)
		if (json_array_append_new(as, assess_result_json(run->results[i], lang)))
			bad = -1;
	bad |= put(o, "assessments", as);
	bad |= put(o, "portfolio", run->portfolio ? portfolio_json(run->portfolio)
						  : json_null());
	json_t *tr = json_array();
	for (size_t i = 0; tr && i < run->ntrends; i++)
		if (json_array_append_new(tr, trend_json(run->trends[i])))
			bad = -1;
	bad |= put(o, "trends", tr);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}
