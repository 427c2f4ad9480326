/* assess/assess_report_charts.c: the charts of the assessment reports:
 * level badge, dimension radar and bars, teams x dimensions heatmap, the
 * spread per dimension across teams, and trends over dates. Unknown answers
 * give ranges: the worst case is drawn, the best case as a second radar
 * polygon or as whiskers. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess/assess_report_int.h"
#include "common/common.h"
#include "report/report.h"

static int oom(common_error *err)
{
	return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
}

/* Dimension labels of the model, borrowed from the JSON. */
static const char **dim_labels(const arp_run *r)
{
	const char **l = calloc(r->ndims, sizeof *l);
	for (size_t d = 0; l && d < r->ndims; d++) {
		const json_t *e = json_array_get(r->mdims, d);
		l[d] = common_json_str(e, "label") ? common_json_str(e, "label") : common_json_str(e, "id");
	}
	return l;
}

int arp_badge(const arp_run *r, const json_t *a, report_chart **out,
	      common_error *err)
{
	const arp_words *w = r->w;
	double lo, hi, slo, shi;
	arp_range(a, "level", &lo, &hi);
	arp_range(a, "score", &slo, &shi);
	long base = r->rank_lo, top = r->rank_hi;
	int level = isfinite(lo) ? (int)(lo - (double)base) : 0;
	int max = (int)(top - base);
	/* a base rank of 0 (e.g. Microsoft's levels 0-4) is itself a level
	 * to show; a base of 1 is the lowest level reached by everyone */
	if (base == 0) {
		level = isfinite(lo) ? (int)lo : 0;
		max = (int)top;
	} else {
		level += 1;
		max += 1;
	}
	if (max < 1)
		max = 1;
	if (max > 20)
		max = 20;
	if (level > max)
		level = max;
	char caption[300], detail[300], sc[64], lv[64];
	arp_fmt_range(lv, sizeof lv, lo, hi);
	char toprank[32];
	snprintf(toprank, sizeof toprank, "%ld", top);
	snprintf(caption, sizeof caption, "%s %s %s %s \u00b7 %s", w->level, lv,
		 w->level_of, toprank, arp_level_label(r, lo));
	arp_fmt_range(sc, sizeof sc, slo, shi);
	const json_t *band = json_object_get(a, "band");
	const char *bl = common_json_str(band, "low"), *bh = common_json_str(band, "high");
	if (bl && bh && strcmp(bl, bh))
		snprintf(detail, sizeof detail, "%s %s (%s\u2013%s)", w->score, sc,
			 arp_band_label(r, bl), arp_band_label(r, bh));
	else
		snprintf(detail, sizeof detail, "%s %s (%s)", w->score, sc,
			 arp_band_label(r, bl));
	*out = report_chart_badge_new(w->level, level, max, caption, detail);
	return *out ? 0 : oom(err);
}

int arp_radar(const arp_run *r, const json_t *a, report_chart **out,
	      common_error *err)
{
	const char **labels = dim_labels(r);
	double *v = calloc(2 * r->ndims, sizeof *v);
	if (!labels || !v) {
		free(labels);
		free(v);
		return oom(err);
	}
	const json_t *dims = json_object_get(a, "dimensions");
	int range = 0;
	for (size_t d = 0; d < r->ndims; d++) {
		arp_range(json_array_get(dims, d), "score", &v[d], &v[r->ndims + d]);
		/* not applicable: drawn at the centre (the table says n/a) */
		if (!isfinite(v[d]))
			v[d] = r->dim_lo;
		if (!isfinite(v[r->ndims + d]))
			v[r->ndims + d] = v[d];
		range |= v[r->ndims + d] > v[d];
	}
	report_chart *c = report_chart_radar_new(r->w->radar_title, labels,
						 r->ndims, r->dim_lo, r->dim_hi);
	int st = c ? report_chart_radar_add(c, range ? r->w->worst_case
						    : arp_team_name(a), v, err)
		   : oom(err);
	if (!st && range)
		st = report_chart_radar_add(c, r->w->best_case, v + r->ndims, err);
	st = st < 0 ? st : 0; /* the adds return the polygon's index */
	free(labels);
	free(v);
	if (st) {
		report_chart_free(c);
		return st;
	}
	*out = c;
	return 0;
}

/* A bar chart of one value per dimension (with optional error bars) on
 * the model's score scale; takes labels and v (v holds lo and hi too). */
static int dim_bar_chart(const arp_run *r, const char *title,
			 const char *series, const char **labels, double *v,
			 const double *lo, const double *hi, report_chart **out,
			 common_error *err)
{
	report_chart *c = report_chart_bar_new(title, labels, r->ndims, 1);
	int st = c ? report_chart_bar_add(c, series, v, lo, hi, err) : oom(err);
	if (st > 0)
		st = 0; /* the bars' series index */
	if (!st)
		st = report_chart_set_value_range(c, r->dim_lo, r->dim_hi, err);
	free(labels);
	free(v);
	if (st) {
		report_chart_free(c);
		return st;
	}
	report_chart_set_value_format(c, REPORT_NUM_AUTO, 2);
	*out = c;
	return 0;
}

int arp_dim_bars(const arp_run *r, const json_t *a, report_chart **out,
		 common_error *err)
{
	const char **labels = dim_labels(r);
	double *v = calloc(3 * r->ndims, sizeof *v);
	if (!labels || !v) {
		free(labels);
		free(v);
		return oom(err);
	}
	double *lo = v + r->ndims, *hi = v + 2 * r->ndims;
	const json_t *dims = json_object_get(a, "dimensions");
	int range = 0;
	for (size_t d = 0; d < r->ndims; d++) {
		arp_range(json_array_get(dims, d), "score", &lo[d], &hi[d]);
		v[d] = isfinite(lo[d]) ? lo[d] : NAN;
		if (!(hi[d] > lo[d]))
			lo[d] = hi[d] = NAN;
		else
			range = 1;
	}
	report_chart *c = NULL;
	int st = dim_bar_chart(r, r->w->bars_title,
			       range ? r->w->worst_case : r->w->score, labels, v,
			       range ? lo : NULL, range ? hi : NULL, &c, err);
	if (st)
		return st;
	report_chart_bar_set_value_labels(c, 1);
	if (range)
		report_chart_set_note(c, r->w->range_note);
	*out = c;
	return 0;
}

int arp_heatmap(const arp_run *r, report_chart **out, common_error *err)
{
	const json_t *teams = json_object_get(r->portfolio, "teams");
	const json_t *matrix = json_object_get(r->portfolio, "matrix");
	size_t nt = json_array_size(teams);
	const char **rows = calloc(nt ? nt : 1, sizeof *rows);
	const char **cols = dim_labels(r);
	double *v = calloc((nt ? nt : 1) * r->ndims, sizeof *v);
	if (!rows || !cols || !v) {
		free(rows);
		free(cols);
		free(v);
		return oom(err);
	}
	for (size_t t = 0; t < nt; t++) {
		const json_t *e = json_array_get(teams, t);
		const char *team = common_json_str(e, "team");
		rows[t] = team ? team : "?";
		/* the team's display name from its assessment */
		for (size_t i = 0; team && i < json_array_size(r->assessments); i++) {
			const json_t *a = json_array_get(r->assessments, i);
			if (!strcmp(common_json_str(a, "team"), team))
				rows[t] = arp_team_name(a);
		}
		const json_t *row = json_array_get(matrix, t);
		for (size_t d = 0; d < r->ndims; d++) {
			double lo, hi;
			arp_range(json_array_get(row, d), NULL, &lo, &hi);
			v[t * r->ndims + d] = lo;
		}
	}
	report_chart *c = nt ? report_chart_heatmap_new(r->w->heatmap_title, rows, nt,
							cols, r->ndims, v,
							r->dim_lo, r->dim_hi)
			     : NULL;
	free(rows);
	free(cols);
	free(v);
	if (!c)
		return nt ? oom(err)
			  : common_error_set(err, COMMON_EINPUT, r->src, 0,
					     "'portfolio.teams' is empty");
	report_chart_set_value_format(c, REPORT_NUM_AUTO, 2);
	report_chart_set_note(c, r->w->heatmap_note);
	*out = c;
	return 0;
}

int arp_portfolio(const arp_run *r, report_chart **out, common_error *err)
{
	const json_t *stats = json_object_get(r->portfolio, "stats");
	const char **labels = dim_labels(r);
	double *v = calloc(3 * r->ndims, sizeof *v);
	if (!labels || !v) {
		free(labels);
		free(v);
		return oom(err);
	}
	double *lo = v + r->ndims, *hi = v + 2 * r->ndims;
	for (size_t d = 0; d < r->ndims; d++) {
		const json_t *low = NULL;
		const char *id = common_json_str(json_array_get(r->mdims, d), "id");
		for (size_t i = 0; i < json_array_size(stats); i++) {
			const json_t *s = json_array_get(stats, i);
			if (id && common_json_str(s, "dimension") && !strcmp(common_json_str(s, "dimension"), id))
				low = json_object_get(s, "low");
		}
		v[d] = common_json_num(low, "median");
		lo[d] = common_json_num(low, "min");
		hi[d] = common_json_num(low, "max");
	}
	report_chart *c = NULL;
	int st = dim_bar_chart(r, r->w->portfolio_title, r->w->stats_head[3],
			       labels, v, lo, hi, &c, err);
	if (st)
		return st;
	report_chart_set_note(c, r->w->portfolio_note);
	*out = c;
	return 0;
}

/* Days from 1970-01-01 of an ISO date YYYY-MM-DD (Howard Hinnant's
 * days_from_civil); -1 when s is not such a date. */
static int iso_days(const char *s, long *out)
{
	int y, m, d;
	char tail;
	if (!s || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
	    m > 12 || d < 1 || d > 31)
		return -1;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = era * 146097 + doe - 719468;
	return 0;
}

int arp_trend(const arp_run *r, const json_t *t, const char *group,
	      report_chart **out, common_error *err)
{
	const json_t *pts = json_object_get(t, "points");
	size_t np = json_array_size(pts);
	if (np < 1)
		return common_error_set(err, COMMON_EINPUT, r->src, 0,
					"a trend has no 'points'");
	double *x = calloc(3 * np, sizeof *x);
	if (!x)
		return oom(err);
	double *y = x + np, *yh = x + 2 * np;
	long d0 = 0, dd;
	int dated = iso_days(common_json_str(json_array_get(pts, 0), "date"), &d0) == 0;
	for (size_t i = 0; i < np; i++) {
		const char *date = common_json_str(json_array_get(pts, i), "date");
		x[i] = dated && iso_days(date, &dd) == 0 ? (double)(dd - d0) : (double)(i + 1);
		if (dated && iso_days(date, &dd))
			dated = 0;
	}
	if (!dated)
		for (size_t i = 0; i < np; i++)
			x[i] = (double)(i + 1);
	char title[400];
	const char *glabel = NULL;
	const json_t *groups = json_object_get(r->model, "groups");
	for (size_t g = 0; group && g < json_array_size(groups); g++)
		if (!strcmp(common_json_str(json_array_get(groups, g), "id") ? common_json_str(json_array_get(groups, g), "id") : "", group))
			glabel = common_json_str(json_array_get(groups, g), "label");
	snprintf(title, sizeof title, "%s", glabel ? glabel : r->w->trend_chart);
	report_chart *c = report_chart_line_new(title);
	int st = c ? 0 : oom(err);
	for (size_t d = 0; !st && d < r->ndims; d++) {
		const json_t *md = json_array_get(r->mdims, d);
		const char *g = common_json_str(md, "group");
		if (group && (!g || strcmp(g, group)))
			continue;
		int range = 0;
		for (size_t i = 0; i < np; i++) {
			const json_t *dims = json_object_get(json_array_get(pts, i), "dimensions");
			arp_range(json_array_get(dims, d), NULL, &y[i], &yh[i]);
			range |= yh[i] > y[i];
		}
		const char *label = common_json_str(md, "label") ? common_json_str(md, "label") : common_json_str(md, "id");
		st = report_chart_line_add(c, label, x, y, range ? y : NULL,
					   range ? yh : NULL, np,
					   REPORT_SERIES_MARKERS, err);
		st = st < 0 ? st : 0;
	}
	free(x);
	if (!st)
		st = report_chart_set_value_range(c, r->dim_lo, r->dim_hi, err);
	if (st) {
		report_chart_free(c);
		return st;
	}
	char xl[200];
	snprintf(xl, sizeof xl, "%s %s", dated ? r->w->days_since : r->w->assessment_no,
		 dated ? common_json_str(json_array_get(pts, 0), "date") : "");
	report_chart_set_axis_labels(c, xl, r->w->score);
	report_chart_set_value_format(c, REPORT_NUM_AUTO, 2);
	*out = c;
	return 0;
}
