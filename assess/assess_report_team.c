/* assess/assess_report_team.c: the sections of the assessment reports: one
 * team's assessment (cover, dimensions, gaps, next-best actions,
 * contradictions, agreement, evidence) and one team's trend over dates. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess_report_int.h"
#include "common/common.h"
#include "report/report.h"

/* Actions listed: in the team report, and per team in a workshop. */
#define ACTIONS_FULL 10
#define ACTIONS_SHORT 5
/* Evidence items listed at most. */
#define EVIDENCE_MAX 60

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

static int cover(const arp_run *r, const json_t *a, int full, report_doc *d,
		 common_error *err)
{
	const arp_words *w = r->w;
	char head[600];
	snprintf(head, sizeof head, "%s%s%s", full ? w->doc_title : "",
		 full ? " \u00b7 " : "", arp_team_name(a));
	report_doc_heading(d, full ? 0 : 1, head);
	char model[600], resp[2048] = "";
	snprintf(model, sizeof model, "%s (%s %s)",
		 common_json_str(r->model, "title") ? common_json_str(r->model, "title") : "",
		 common_json_str(r->model, "id") ? common_json_str(r->model, "id") : "",
		 common_json_str(r->model, "version") ? common_json_str(r->model, "version") : "");
	const json_t *rs = json_object_get(a, "respondents");
	for (size_t i = 0; i < json_array_size(rs); i++) {
		const json_t *p = json_array_get(rs, i);
		const char *name = common_json_str(p, "name") ? common_json_str(p, "name") : common_json_str(p, "id");
		const char *role = common_json_str(p, "role");
		size_t l = strlen(resp);
		snprintf(resp + l, sizeof resp - l, "%s%s%s%s%s", i ? "; " : "",
			 name ? name : "?", role ? " (" : "", role ? role : "",
			 role ? ")" : "");
	}
	const char *keys[5] = {w->team, w->date, w->model, w->respondents, w->note};
	const char *vals[5] = {common_json_str(a, "team"), common_json_str(a, "date"), model, resp,
			       common_json_str(a, "note")};
	int st = report_doc_keyvalue(d, keys, vals, vals[4] ? 5 : 4);
	report_chart *c[2] = {NULL, NULL};
	size_t n = 0;
	if (!st && r->rank_hi >= r->rank_lo && !(st = arp_badge(r, a, &c[n], err)))
		n++;
	if (!st && r->ndims >= 3 && !(st = arp_radar(r, a, &c[n], err)))
		n++;
	static const double weights[] = {1, 1.7};
	if (!st && n == 2)
		st = report_doc_chart_row(d, c, weights, 2, full ? 260 : 220);
	else if (!st && n == 1)
		st = report_doc_chart(d, c[0], full ? 260 : 220);
	if (st)
		return st;
	/* the summary line */
	double lo, hi, plo, phi, llo, lhi;
	arp_range(a, "score", &lo, &hi);
	arp_range(a, "progress", &plo, &phi);
	arp_range(a, "level", &llo, &lhi);
	char sc[64], pg[64], lv[64], buf[2048];
	arp_fmt_range(sc, sizeof sc, lo, hi);
	arp_fmt_range(pg, sizeof pg, plo, phi);
	arp_fmt_range(lv, sizeof lv, llo, lhi);
	const json_t *band = json_object_get(a, "band");
	snprintf(buf, sizeof buf, "<b>%s %s</b> (", w->score, sc);
	report_markup_append(buf, sizeof buf, arp_band_label(r, common_json_str(band, "low")));
	if (common_json_str(band, "high") && common_json_str(band, "low") &&
	    strcmp(common_json_str(band, "high"), common_json_str(band, "low"))) {
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "\u2013");
		report_markup_append(buf, sizeof buf, arp_band_label(r, common_json_str(band, "high")));
	}
	size_t l = strlen(buf);
	if (isfinite(llo)) {
		snprintf(buf + l, sizeof buf - l, ") \u00b7 <b>%s %s</b> ", w->level, lv);
		report_markup_append(buf, sizeof buf, arp_level_label(r, llo));
		l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, " \u00b7 %s %s", w->progress, pg);
	} else {
		snprintf(buf + l, sizeof buf - l, ")");
	}
	const json_t *cn = json_object_get(a, "counts");
	l = strlen(buf);
	snprintf(buf + l, sizeof buf - l, "\n%s: %.0f %s, %.0f %s, %.0f %s, %.0f %s",
		 w->questions, common_json_num(cn, "scored"), w->scored,
		 common_json_num(cn, "unknown"), w->unknown, common_json_num(cn, "not_applicable"),
		 w->na, common_json_num(cn, "unanswered"), w->unanswered);
	if (hi > lo) {
		l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "\n<i>");
		report_markup_append(buf, sizeof buf, w->range_note);
		l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "</i>");
	}
	return report_doc_callout(d, buf, err);
}

static int dimensions(const arp_run *r, const json_t *a, int full,
		      report_doc *d, common_error *err)
{
	const arp_words *w = r->w;
	report_doc_heading(d, full ? 1 : 2, w->dimensions);
	report_chart *c = NULL;
	int st = 0;
	if (full) {
		if ((st = arp_dim_bars(r, a, &c, err)))
			return st;
		if ((st = report_doc_chart(d, c, 50 + 24.0 * (double)r->ndims)))
			return st;
	}
	report_table *t = report_table_new(5);
	if (!t)
		return oom(err);
	const char *heads[5] = {w->dimension, w->score, w->band, w->level,
				full ? w->questions : w->unknown};
	static const double wt[] = {3, 1.2, 1.6, 1, 1.6};
	for (size_t i = 0; i < 5; i++)
		report_table_set_column(t, i, heads[i],
					i == 1 || i == 3 ? REPORT_ALIGN_RIGHT : REPORT_ALIGN_LEFT,
					wt[i]);
	const json_t *dims = json_object_get(a, "dimensions");
	for (size_t i = 0; i < json_array_size(dims); i++) {
		const json_t *e = json_array_get(dims, i);
		double lo, hi, llo, lhi;
		arp_range(e, "score", &lo, &hi);
		arp_range(e, "level", &llo, &lhi);
		char sc[64], lv[64], q[200];
		arp_fmt_range(sc, sizeof sc, lo, hi);
		arp_fmt_range(lv, sizeof lv, llo, lhi);
		if (json_is_true(json_object_get(e, "na")))
			snprintf(sc, sizeof sc, "%s", w->na);
		if (full)
			snprintf(q, sizeof q, "%.0f / %.0f / %.0f", common_json_num(e, "scored"),
				 common_json_num(e, "unknown"), common_json_num(e, "not_applicable"));
		else
			snprintf(q, sizeof q, "%.0f", common_json_num(e, "unknown"));
		const json_t *band = json_object_get(e, "band");
		const char *cells[5] = {common_json_str(e, "label") ? common_json_str(e, "label") : common_json_str(e, "id"),
					sc, arp_band_label(r, common_json_str(band, "low")), lv, q};
		report_table_add_row(t, cells);
	}
	st = report_doc_table(d, t);
	if (!st && full) {
		char note[300];
		snprintf(note, sizeof note, "%s: %s / %s / %s.", w->questions,
			 w->scored, w->unknown, w->na);
		report_doc_note(d, note);
	}
	return st;
}

static int gaps(const arp_run *r, const json_t *a, int full, report_doc *d,
		common_error *err)
{
	const arp_words *w = r->w;
	const json_t *g = json_object_get(a, "gaps");
	report_doc_heading(d, full ? 1 : 2, w->gaps);
	if (!json_array_size(g))
		return report_doc_paragraph(d, w->gaps_none);
	report_table *t = report_table_new(4);
	if (!t)
		return oom(err);
	const char *heads[4] = {w->practice, w->dimension, w->now, w->needed};
	static const double wt[] = {5, 1.8, 1.2, 1.2};
	for (size_t i = 0; i < 4; i++)
		report_table_set_column(t, i, heads[i], REPORT_ALIGN_LEFT, wt[i]);
	for (size_t i = 0; i < json_array_size(g); i++) {
		const json_t *e = json_array_get(g, i);
		const char *cur = json_is_true(json_object_get(e, "unknown"))
					  ? w->unknown
					  : common_json_str(e, "current");
		const char *cells[4] = {common_json_str(e, "text"),
					arp_dim_label(r, common_json_str(e, "dimension")),
					cur ? cur : "\u2013", common_json_str(e, "required")};
		report_table_add_row(t, cells);
	}
	return report_doc_table(d, t);
}

static int actions(const arp_run *r, const json_t *a, int full, report_doc *d,
		   common_error *err)
{
	const arp_words *w = r->w;
	const json_t *x = json_object_get(a, "actions");
	size_t n = json_array_size(x), max = full ? ACTIONS_FULL : ACTIONS_SHORT;
	report_doc_heading(d, full ? 1 : 2, w->actions);
	if (!n)
		return report_doc_paragraph(d, w->actions_none);
	if (n > max)
		n = max;
	char **items = calloc(n, sizeof *items);
	if (!items)
		return oom(err);
	int st = 0;
	for (size_t i = 0; i < n && !st; i++) {
		const json_t *e = json_array_get(x, i);
		char buf[4096] = "<b>";
		report_markup_append(buf, sizeof buf, common_json_str(e, "recommendation") ? common_json_str(e, "recommendation")
									: common_json_str(e, "text"));
		size_t l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, "</b>\n<span size=\"smaller\">");
		report_markup_append(buf, sizeof buf, common_json_str(e, "text"));
		l = strlen(buf);
		snprintf(buf + l, sizeof buf - l, " \u2014 ");
		report_markup_append(buf, sizeof buf, arp_dim_label(r, common_json_str(e, "dimension")));
		double sg = common_json_num(e, "score_gain"), lg = common_json_num(e, "level_gain");
		l = strlen(buf);
		if (sg > 0)
			l += (size_t)snprintf(buf + l, sizeof buf - l, "; %s %.2f", w->raises_score, sg);
		if (lg > 0 && l < sizeof buf)
			l += (size_t)snprintf(buf + l, sizeof buf - l, "; %s %.2f", w->raises_level, lg);
		if (json_is_true(json_object_get(e, "blocking")) && l < sizeof buf)
			l += (size_t)snprintf(buf + l, sizeof buf - l, "; <b>%s</b>", w->blocks);
		if (l < sizeof buf)
			snprintf(buf + l, sizeof buf - l, "</span>");
		items[i] = malloc(strlen(buf) + 1);
		if (!items[i])
			st = oom(err);
		else
			memcpy(items[i], buf, strlen(buf) + 1);
	}
	if (!st)
		st = report_doc_list(d, (const char *const *)items, n, 1, err);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	return st;
}

/* A list of up to nmax markup items built by `item`. */
static int list_of(report_doc *d, const json_t *arr, size_t nmax,
		   void (*item)(const arp_run *, const json_t *, char *, size_t),
		   const arp_run *r, common_error *err)
{
	size_t n = json_array_size(arr) < nmax ? json_array_size(arr) : nmax;
	char **items = calloc(n ? n : 1, sizeof *items);
	int st = items ? 0 : oom(err);
	for (size_t i = 0; i < n && !st; i++) {
		char buf[4096] = "";
		item(r, json_array_get(arr, i), buf, sizeof buf);
		items[i] = malloc(strlen(buf) + 1);
		if (!items[i])
			st = oom(err);
		else
			memcpy(items[i], buf, strlen(buf) + 1);
	}
	if (!st && n)
		st = report_doc_list(d, (const char *const *)items, n, 0, err);
	for (size_t i = 0; items && i < n; i++)
		free(items[i]);
	free(items);
	return st;
}

static void finding_item(const arp_run *r, const json_t *e, char *buf, size_t n)
{
	if (!json_is_true(json_object_get(e, "certain"))) {
		snprintf(buf, n, "<i>(%s)</i> ", r->w->possible);
	}
	report_markup_append(buf, n, common_json_str(e, "message"));
}

static int contradictions(const arp_run *r, const json_t *a, int full,
			  report_doc *d, common_error *err)
{
	const json_t *f = json_object_get(a, "consistency");
	report_doc_heading(d, full ? 1 : 2, r->w->contradictions);
	if (!json_array_size(f))
		return report_doc_paragraph(d, r->w->contradictions_none);
	return list_of(d, f, 100, finding_item, r, err);
}

static void disagreement_item(const arp_run *r, const json_t *e, char *buf,
			      size_t n)
{
	(void)r;
	snprintf(buf, n, "<b>");
	report_markup_append(buf, n, common_json_str(e, "question"));
	size_t l = strlen(buf);
	snprintf(buf + l, n - l, "</b> (%s %.2f): ", r->w->spread, common_json_num(e, "spread"));
	const json_t *ans = json_object_get(e, "answers");
	for (size_t i = 0; i < json_array_size(ans); i++) {
		const json_t *x = json_array_get(ans, i);
		l = strlen(buf);
		snprintf(buf + l, n - l, "%s", i ? "; " : "");
		report_markup_append(buf, n, common_json_str(x, "respondent"));
		l = strlen(buf);
		snprintf(buf + l, n - l, " ");
		report_markup_append(buf, n, common_json_str(x, "value") ? common_json_str(x, "value") : "\u2013");
	}
}

static int agreement(const arp_run *r, const json_t *a, report_doc *d,
		     common_error *err)
{
	const json_t *g = json_object_get(a, "agreement");
	if (!json_is_object(g))
		return 0;
	const arp_words *w = r->w;
	report_doc_heading(d, 1, w->agreement);
	char v[4][64];
	snprintf(v[0], sizeof v[0], "%.0f", common_json_num(g, "respondents"));
	static const char *const kinds[] = {"alpha_nominal", "alpha_ordinal", "alpha_interval"};
	for (int k = 0; k < 3; k++) {
		double x = common_json_num(g, kinds[k]);
		if (isfinite(x))
			snprintf(v[k + 1], sizeof v[k + 1], "%.3f", x);
		else
			snprintf(v[k + 1], sizeof v[k + 1], "\u2013");
	}
	char k1[200], k2[200], k3[200];
	snprintf(k1, sizeof k1, "%s (nominal)", w->alpha);
	snprintf(k2, sizeof k2, "%s (ordinal)", w->alpha);
	snprintf(k3, sizeof k3, "%s (interval)", w->alpha);
	const char *keys[4] = {w->respondents, k1, k2, k3};
	const char *vals[4] = {v[0], v[1], v[2], v[3]};
	int st = report_doc_keyvalue(d, keys, vals, 4);
	const json_t *dis = json_object_get(g, "disagreements");
	if (!st && json_array_size(dis)) {
		report_doc_heading(d, 2, w->disagreements);
		st = list_of(d, dis, 100, disagreement_item, r, err);
	}
	return st;
}

/* Evidence and comments of every question, as markup items. */
static int evidence(const arp_run *r, const json_t *a, report_doc *d,
		    common_error *err)
{
	const arp_words *w = r->w;
	const json_t *qs = json_object_get(a, "questions");
	report_doc_heading(d, 1, w->evidence);
	char **items = calloc(EVIDENCE_MAX, sizeof *items);
	size_t n = 0;
	int st = items ? 0 : oom(err);
	static const char *const kinds[] = {"evidence", "comments"};
	for (size_t i = 0; !st && i < json_array_size(qs); i++) {
		const json_t *q = json_array_get(qs, i);
		for (int k = 0; !st && k < 2; k++) {
			const json_t *ev = json_object_get(q, kinds[k]);
			for (size_t j = 0; !st && j < json_array_size(ev) && n < EVIDENCE_MAX; j++) {
				const json_t *e = json_array_get(ev, j);
				char buf[4096] = "<b>";
				report_markup_append(buf, sizeof buf, common_json_str(q, "id"));
				size_t l = strlen(buf);
				snprintf(buf + l, sizeof buf - l, "</b> (");
				report_markup_append(buf, sizeof buf, common_json_str(e, "respondent"));
				l = strlen(buf);
				snprintf(buf + l, sizeof buf - l, "%s%s): ", k ? ", " : "",
					 k ? w->comment : "");
				report_markup_append(buf, sizeof buf, common_json_str(e, "text"));
				if (!k && common_json_str(e, "href")) {
					l = strlen(buf);
					snprintf(buf + l, sizeof buf - l, " <i>");
					report_markup_append(buf, sizeof buf, common_json_str(e, "href"));
					l = strlen(buf);
					snprintf(buf + l, sizeof buf - l, "</i>");
				}
				items[n] = malloc(strlen(buf) + 1);
				if (!items[n])
					st = oom(err);
				else
					memcpy(items[n++], buf, strlen(buf) + 1);
			}
		}
	}
	if (!st)
		st = n ? report_doc_list(d, (const char *const *)items, n, 0, err)
		       : report_doc_paragraph(d, w->evidence_none);
	for (size_t i = 0; i < n; i++)
		free(items[i]);
	free(items);
	return st;
}

int arp_team_section(const arp_run *r, const json_t *a, int full,
		     report_doc *d, common_error *err)
{
	int st = cover(r, a, full, d, err);
	if (!st)
		st = dimensions(r, a, full, d, err);
	if (!st)
		st = gaps(r, a, full, d, err);
	if (!st)
		st = actions(r, a, full, d, err);
	if (!st)
		st = contradictions(r, a, full, d, err);
	if (!st)
		st = agreement(r, a, d, err);
	if (!st && full)
		st = evidence(r, a, d, err);
	return st;
}

int arp_trend_section(const arp_run *r, const json_t *t, report_doc *d,
		      common_error *err)
{
	const arp_words *w = r->w;
	const char *team = common_json_str(t, "team");
	const char *name = team;
	for (size_t i = 0; team && i < json_array_size(r->assessments); i++) {
		const json_t *a = json_array_get(r->assessments, i);
		if (!strcmp(common_json_str(a, "team"), team))
			name = arp_team_name(a);
	}
	char title[600];
	snprintf(title, sizeof title, "%s: %s", w->trend_title, name ? name : "?");
	report_doc_heading(d, 1, title);
	/* one chart per model group keeps each to a few lines */
	const json_t *groups = json_object_get(r->model, "groups");
	size_t ng = json_array_size(groups);
	int st = 0;
	report_chart *c[2];
	size_t n = 0;
	for (size_t g = 0; g < (ng ? ng : 1) && !st; g++) {
		const char *gid = ng ? common_json_str(json_array_get(groups, g), "id") : NULL;
		if ((st = arp_trend(r, t, gid, &c[n], err)))
			break;
		if (++n == 2 || g + 1 == (ng ? ng : 1)) {
			st = n == 2 ? report_doc_chart_row(d, c, NULL, 2, 200)
				    : report_doc_chart(d, c[0], 200);
			n = 0;
		}
	}
	if (st)
		return st;
	/* first, last and change per dimension */
	const json_t *pts = json_object_get(t, "points");
	const json_t *p0 = json_array_get(pts, 0);
	const json_t *pn = json_array_get(pts, json_array_size(pts) - 1);
	report_table *tb = report_table_new(4);
	if (!tb)
		return oom(err);
	char h1[200], h2[200];
	snprintf(h1, sizeof h1, "%s (%s)", w->first, common_json_str(p0, "date") ? common_json_str(p0, "date") : "");
	snprintf(h2, sizeof h2, "%s (%s)", w->last, common_json_str(pn, "date") ? common_json_str(pn, "date") : "");
	const char *heads[4] = {w->dimension, h1, h2, w->change};
	for (size_t i = 0; i < 4; i++)
		report_table_set_column(tb, i, heads[i],
					i ? REPORT_ALIGN_RIGHT : REPORT_ALIGN_LEFT,
					i ? 1.3 : 3);
	const json_t *ch = json_object_get(t, "change");
	for (size_t dd = 0; dd < r->ndims; dd++) {
		double a0, a1, b0, b1, c0, c1;
		arp_range(json_array_get(json_object_get(p0, "dimensions"), dd), NULL, &a0, &a1);
		arp_range(json_array_get(json_object_get(pn, "dimensions"), dd), NULL, &b0, &b1);
		arp_range(json_array_get(ch, dd), NULL, &c0, &c1);
		char f[64], l[64], cg[80];
		arp_fmt_range(f, sizeof f, a0, a1);
		arp_fmt_range(l, sizeof l, b0, b1);
		arp_fmt_range(cg, sizeof cg, c0, c1);
		if (isfinite(c0) && c0 > 0 && cg[0] != '+') {
			memmove(cg + 1, cg, strlen(cg) + 1);
			cg[0] = '+';
		}
		const char *cells[4] = {common_json_str(json_array_get(r->mdims, dd), "label"), f, l, cg};
		report_table_add_row(tb, cells);
	}
	st = report_doc_table(d, tb);
	return st;
}
