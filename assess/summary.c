/* assess/summary.c: the readable terminal summary of a run, written to the
 * stream the command layer gives. Numbers come from the results as they
 * are (two decimals; a range "low..high" when answers are unknown). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess/internal.h"
#include "common/common.h"

/* Actions listed per team in the summary (the JSON lists all). */
#define SUMMARY_ACTIONS 5

static const char *range_text(assess_range r, char *buf, size_t n)
{
	if (isnan(r.low))
		snprintf(buf, n, "n/a");
	else if (fabs(r.high - r.low) < 5e-3)
		snprintf(buf, n, "%.2f", r.low);
	else
		snprintf(buf, n, "%.2f..%.2f", r.low, r.high);
	return buf;
}

static const char *rank_text(assess_range r, char *buf, size_t n)
{
	if (isnan(r.low))
		snprintf(buf, n, "n/a");
	else if (r.low == r.high)
		snprintf(buf, n, "%.0f", r.low);
	else
		snprintf(buf, n, "%.0f..%.0f", r.low, r.high);
	return buf;
}

static const char *change_text(assess_range r, char *buf, size_t n)
{
	if (isnan(r.low))
		snprintf(buf, n, "n/a");
	else if (fabs(r.high - r.low) < 5e-3)
		snprintf(buf, n, "%+.2f", r.low);
	else
		snprintf(buf, n, "%+.2f..%+.2f", r.low, r.high);
	return buf;
}

static const char *level_text(const assess_model *m, double rank,
			      const char *lang)
{
	long base = m->levels[0].rank;
	return assess_text(&m->levels[(size_t)(rank - (double)base)].label,
			   lang);
}

static void write_levels(FILE *fp, const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	char a[64];
	if (m->nlevels == 0)
		return;
	fprintf(fp, "  level      %.0f \"%s\"", res->level.low,
		level_text(m, res->level.low, lang));
	if (res->level.high != res->level.low)
		fprintf(fp, " (up to %.0f \"%s\" if unknowns are met)",
			res->level.high, level_text(m, res->level.high, lang));
	fprintf(fp, ", progress %s\n", range_text(res->progress, a, sizeof a));
}

static void write_dims(FILE *fp, const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	char a[64], b[64];
	fprintf(fp, "\n  %-34s %-12s %s\n", "dimension", "score",
		m->nlevels ? "level" : "");
	for (size_t d = 0; d < m->ndims; d++) {
		const assess_dresult *dr = &res->dims[d];
		const char *label = assess_text(&m->dims[d].label, lang);
		fprintf(fp, "  %s", label);
		/* pad by display columns (CJK glyphs are two columns wide) */
		int cols = 0;
		for (const unsigned char *p = (const unsigned char *)label; *p; p++)
			if ((*p & 0xC0) != 0x80)
				cols += *p >= 0xE0 ? 2 : 1;
		for (int i = cols; i < 35; i++)
			fputc(' ', fp);
		fprintf(fp, "%-12s %s\n",
			dr->na ? "n/a" : range_text(dr->score, a, sizeof a),
			m->nlevels ? rank_text(dr->level, b, sizeof b) : "");
	}
}

static void write_gaps(FILE *fp, const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	char cur[160];
	if (res->ngaps == 0)
		return;
	const assess_level *l = &m->levels[res->gaps[0].level];
	fprintf(fp, "\n  gaps to level %ld \"%s\":\n", l->rank,
		assess_text(&l->label, lang));
	for (size_t i = 0; i < res->ngaps; i++) {
		const assess_gap *g = &res->gaps[i];
		const assess_question *q = &m->questions[g->question];
		if (!assess_answer_value(q, &res->questions[g->question].answer,
					 cur, sizeof cur))
			snprintf(cur, sizeof cur, "unanswered");
		fprintf(fp, "    - %s: needs '%s', is '%s'%s\n      %s\n", q->id,
			l->reqs[g->req].at_least, cur,
			g->unknown ? " (may already be met)" : "",
			assess_text(&q->text, lang));
	}
}

static void write_actions(FILE *fp, const assess_result *res,
			  const char *lang)
{
	const assess_model *m = res->model;
	if (res->nactions == 0)
		return;
	fprintf(fp, "\n  next-best actions (ranked by %s):\n",
		m->rank_by_level ? "level progress" : "overall score");
	for (size_t i = 0; i < res->nactions && i < SUMMARY_ACTIONS; i++) {
		const assess_action *x = &res->actions[i];
		const assess_question *q = &m->questions[x->question];
		fprintf(fp, "    %zu. +%.3f  %s%s%s: %s\n", i + 1, x->gain, q->id,
			x->blocking ? " [blocks next level]" : "",
			res->questions[x->question].state == ASSESS_Q_UNKNOWN
				? " [answer unknown]"
				: "",
			assess_text(&q->text, lang));
		const char *rec = assess_text(&q->recommendation, lang);
		if (*rec)
			fprintf(fp, "       %s\n", rec);
	}
	if (res->nactions > SUMMARY_ACTIONS)
		fprintf(fp, "    (%zu more in the JSON output)\n",
			res->nactions - SUMMARY_ACTIONS);
}

static void write_findings(FILE *fp, const assess_result *res,
			   const char *lang)
{
	const assess_model *m = res->model;
	if (res->nfindings == 0)
		return;
	fprintf(fp, "\n  consistency:\n");
	for (size_t i = 0; i < res->nfindings; i++) {
		const assess_rule *r = &m->rules[res->findings[i].rule];
		fprintf(fp, "    %s %s: %s\n",
			res->findings[i].certain ? "!" : "?", r->id,
			assess_text(&r->message, lang));
	}
}

static void write_agreement(FILE *fp, const assess_result *res)
{
	const assess_agreement *g = &res->agreement;
	const assess_responses *r = res->responses;
	char buf[160];
	if (g->nrespondents < 2)
		return;
	fprintf(fp, "\n  agreement of %zu respondents over %zu questions: "
		    "Krippendorff's alpha ordinal %.3f, nominal %.3f, interval %.3f\n",
		g->nrespondents, g->nunits, g->alpha_ordinal, g->alpha_nominal,
		g->alpha_interval);
	for (size_t i = 0; i < g->ndisagreements; i++) {
		const assess_disagreement *d = &g->disagreements[i];
		const assess_question *q = &res->model->questions[d->question];
		fprintf(fp, "    %s (spread %.2f):", q->id, d->spread);
		for (size_t k = 0; k < r->nrespondents; k++) {
			if (!assess_answer_value(q, &r->respondents[k].answers[d->question],
						 buf, sizeof buf))
				snprintf(buf, sizeof buf, "-");
			fprintf(fp, " %s=%s", r->respondents[k].id, buf);
		}
		fputc('\n', fp);
	}
}

static void write_result(FILE *fp, const assess_result *res, const char *lang)
{
	const assess_model *m = res->model;
	const assess_responses *r = res->responses;
	char a[64];
	fprintf(fp, "\nteam %s%s%s%s, %s, %zu respondent%s\n", r->team,
		r->team_name ? " (" : "", r->team_name ? r->team_name : "",
		r->team_name ? ")" : "", r->date, r->nrespondents,
		r->nrespondents == 1 ? "" : "s");
	fprintf(fp, "  score      %s", res->na ? "n/a" : range_text(res->score, a, sizeof a));
	if (res->band_low >= 0) {
		fprintf(fp, "  \"%s\"", assess_text(&m->bands[res->band_low].label, lang));
		if (res->band_high != res->band_low && res->band_high >= 0)
			fprintf(fp, "..\"%s\"",
				assess_text(&m->bands[res->band_high].label, lang));
	}
	fputc('\n', fp);
	write_levels(fp, res, lang);
	fprintf(fp, "  questions  %zu scored, %zu unknown, %zu not applicable, %zu unanswered\n",
		res->nscored, res->nunknown, res->nna, res->nunanswered);
	write_dims(fp, res, lang);
	write_gaps(fp, res, lang);
	write_actions(fp, res, lang);
	write_findings(fp, res, lang);
	write_agreement(fp, res);
}

static void write_portfolio(FILE *fp, const assess_portfolio *p,
			    const char *lang)
{
	const assess_model *m = p->model;
	fprintf(fp, "\nportfolio of %zu teams (worst-case scores)\n", p->nteams);
	fprintf(fp, "  %-24s %6s %6s %6s %6s %6s %6s\n", "dimension", "min",
		"q1", "median", "q3", "max", "mean");
	for (size_t d = 0; d < m->ndims; d++) {
		const assess_stats *s = &p->low[d];
		fprintf(fp, "  %-24s %6.2f %6.2f %6.2f %6.2f %6.2f %6.2f\n",
			m->dims[d].id, s->min, s->q1, s->median, s->q3, s->max,
			s->mean);
	}
	(void)lang;
}

static void write_trend(FILE *fp, const assess_trend *t)
{
	const assess_model *m = t->model;
	char a[64];
	fprintf(fp, "\ntrend of team %s over %zu assessments (%s to %s)\n",
		t->team, t->npoints, t->points[0]->responses->date,
		t->points[t->npoints - 1]->responses->date);
	for (size_t d = 0; d < m->ndims; d++)
		fprintf(fp, "  %-24s %s\n", m->dims[d].id,
			change_text(t->change[d], a, sizeof a));
	fprintf(fp, "  %-24s %s\n", "overall",
		change_text(t->overall_change, a, sizeof a));
}

int assess_run_write_text(const assess_run *run, FILE *fp, common_error *err)
{
	const assess_model *m = run->model;
	const char *lang = assess_model_has_lang(m, run->lang) ? run->lang
							       : m->langs[0];
	fprintf(fp, "model %s %s: %s\n", m->id, m->version,
		assess_text(&m->title, lang));
	for (size_t i = 0; i < run->nresults; i++)
		write_result(fp, run->results[i], lang);
	if (run->portfolio)
		write_portfolio(fp, run->portfolio, lang);
	for (size_t i = 0; i < run->ntrends; i++)
		write_trend(fp, run->trends[i]);
	if (fflush(fp) || ferror(fp))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"cannot write the summary");
	return COMMON_OK;
}
