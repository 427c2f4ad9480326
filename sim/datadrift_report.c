/* sim/datadrift_report.c: the drift report as a libreport document: the
 * verdict, the per-column table, data quality, and for each drifted column
 * the reference and current distributions overlaid (shares of values, so
 * files of different sizes compare). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "report/report.h"
#include "sim/datadrift.h"

static void fmt_num(char *buf, size_t n, double v)
{
	if (isnan(v))
		snprintf(buf, n, "-");
	else if (isinf(v))
		snprintf(buf, n, "inf");
	else if (v != 0 && fabs(v) < 1e-4)
		snprintf(buf, n, "%.2e", v);
	else
		snprintf(buf, n, "%.4f", v);
}

static void fmt_rate(char *buf, size_t n, size_t part, size_t whole)
{
	if (!whole)
		snprintf(buf, n, "-");
	else
		snprintf(buf, n, "%.1f%%", 100.0 * (double)part / (double)whole);
}

/* Pango markup needs &, < and > escaped in user text (column names). */
static void escape(char *out, size_t n, const char *s)
{
	size_t j = 0;
	for (; *s && j + 6 < n; s++) {
		const char *rep = *s == '&' ? "&amp;" : *s == '<' ? "&lt;" : *s == '>' ? "&gt;" : NULL;
		if (rep) {
			size_t l = strlen(rep);
			memcpy(out + j, rep, l);
			j += l;
		} else {
			out[j++] = *s;
		}
	}
	out[j] = '\0';
}

static report_table *table(const sim_drift_result *r)
{
	report_table *t = report_table_new(7);
	if (!t)
		return NULL;
	static const char *head[] = {"column", "type", "test", "score",
				     "threshold", "drift", "missing ref / cur"};
	static const double weight[] = {3, 1.2, 1.8, 1.3, 1.3, 1, 2};
	for (size_t i = 0; i < 7; i++)
		report_table_set_column(t, i, head[i],
					i >= 3 && i != 5 ? REPORT_ALIGN_RIGHT : REPORT_ALIGN_LEFT,
					weight[i]);
	for (size_t i = 0; i < r->ncolumns; i++) {
		const sim_drift_column *c = &r->columns[i];
		char score[32], thr[32], a[16], b[16], miss[40];
		fmt_num(score, sizeof score, c->score);
		fmt_num(thr, sizeof thr, c->threshold);
		fmt_rate(a, sizeof a, c->ref_missing, r->ref_rows);
		fmt_rate(b, sizeof b, c->cur_missing, r->cur_rows);
		snprintf(miss, sizeof miss, "%s / %s", a, b);
		const char *cells[7] = {
			c->name, c->type == SIM_DRIFT_NUMERIC ? "numeric" : "categorical",
			c->tested ? sim_drift_test_name(c->test) : c->untested_reason,
			score, thr, c->tested ? (c->drifted ? "YES" : "no") : "-", miss};
		report_table_add_row(t, cells);
		if (c->drifted)
			report_table_emphasize_last(t);
	}
	return t;
}

/* Shares of each side's values per bin. */
static int shares(const sim_drift_hist *h, double *ref, double *cur)
{
	double sr = 0, sc = 0;
	for (size_t b = 0; b < h->nbins; b++) {
		sr += h->ref[b];
		sc += h->cur[b];
	}
	if (!(sr > 0) || !(sc > 0))
		return -1;
	for (size_t b = 0; b < h->nbins; b++) {
		ref[b] = h->ref[b] / sr;
		cur[b] = h->cur[b] / sc;
	}
	return 0;
}

static report_chart *histogram(const sim_drift_column *c, common_error *err)
{
	const sim_drift_hist *h = &c->hist;
	if (h->nbins == 0)
		return NULL;
	double *ref = malloc(h->nbins * sizeof *ref), *cur = malloc(h->nbins * sizeof *cur);
	double *x = malloc(h->nbins * sizeof *x);
	report_chart *ch = NULL;
	char title[300];
	snprintf(title, sizeof title, "%s: reference vs current", c->name);
	if (!ref || !cur || !x || shares(h, ref, cur))
		goto out;
	if (h->edges) {
		/* Equal-width bins: two shaded step-free areas over the bin
		 * centres, overlaid. */
		for (size_t b = 0; b < h->nbins; b++)
			x[b] = (h->edges[b] + h->edges[b + 1]) / 2;
		ch = report_chart_line_new(title);
		if (!ch || report_chart_line_add(ch, "reference", x, ref, NULL, NULL, h->nbins,
						 REPORT_SERIES_AREA | REPORT_SERIES_NOMARKERS, err) < 0 ||
		    report_chart_line_add(ch, "current", x, cur, NULL, NULL, h->nbins,
					  REPORT_SERIES_AREA | REPORT_SERIES_NOMARKERS, err) < 0) {
			report_chart_free(ch);
			ch = NULL;
			goto out;
		}
		report_chart_set_axis_labels(ch, c->name, "share of values");
	} else {
		ch = report_chart_bar_new(title, (const char *const *)h->labels, h->nbins,
					  h->nbins > 8);
		if (!ch || report_chart_bar_add(ch, "reference", ref, NULL, NULL, err) ||
		    report_chart_bar_add(ch, "current", cur, NULL, NULL, err)) {
			report_chart_free(ch);
			ch = NULL;
			goto out;
		}
		report_chart_set_axis_labels(ch, NULL, "share of values");
	}
	report_chart_set_value_format(ch, REPORT_NUM_PERCENT, -1);
	char note[400], k1[32], k2[32], k3[32], k4[32];
	fmt_num(k1, sizeof k1, c->ks_pvalue);
	fmt_num(k2, sizeof k2, c->psi);
	fmt_num(k3, sizeof k3, c->wasserstein_norm);
	fmt_num(k4, sizeof k4, c->jensenshannon);
	if (c->type == SIM_DRIFT_NUMERIC)
		snprintf(note, sizeof note,
			 "KS p-value %s, PSI %s, normalised Wasserstein %s, Jensen-Shannon %s",
			 k1, k2, k3, k4);
	else {
		fmt_num(k1, sizeof k1, c->chisq_pvalue);
		snprintf(note, sizeof note,
			 "chi-square p-value %s, PSI %s, Jensen-Shannon %s, %zu new categories",
			 k1, k2, k4, c->n_new);
	}
	report_chart_set_note(ch, note);
out:
	free(ref);
	free(cur);
	free(x);
	return ch;
}

int sim_drift_report_build(const sim_drift_result *r, report_doc **out,
			   common_error *err)
{
	report_doc *d = report_doc_new(REPORT_PAGE_A4, "mlopskit drift");
	if (!d)
		return common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
	char buf[2048], a[600], b[600];
	snprintf(buf, sizeof buf, "%s vs %s", r->ref_name, r->cur_name);
	report_doc_set_subtitle(d, buf);
	report_doc_heading(d, 0, "Data drift report");
	escape(a, sizeof a, r->ref_name);
	escape(b, sizeof b, r->cur_name);
	snprintf(buf, sizeof buf,
		 "<b>%s</b>: %zu of %zu tested columns drifted (%.0f%%; dataset drift "
		 "at %.0f%% or more).\nReference <i>%s</i> (%zu rows), current <i>%s</i> (%zu rows).",
		 r->dataset_drift ? "Dataset drift" : "No dataset drift", r->n_drifted,
		 r->n_tested, 100 * r->share, 100 * r->drift_share, a, r->ref_rows, b,
		 r->cur_rows);
	int st = report_doc_callout(d, buf, err);
	if (!st) {
		report_doc_heading(d, 1, "Columns");
		report_table *t = table(r);
		st = t ? report_doc_table(d, t)
		       : common_error_set(err, COMMON_EIO, NULL, 0, "out of memory");
		report_doc_note(d, "Sorted by drift. p-value tests (ks, chisquare, z) "
				   "drift below their threshold, distances (psi, "
				   "wasserstein, jensenshannon) at or above it.");
	}
	if (!st) {
		report_doc_heading(d, 1, "Data quality");
		size_t rm = 0, cm = 0, tm = 0, nc = 0;
		for (size_t i = 0; i < r->ncolumns; i++) {
			rm += r->columns[i].ref_missing;
			cm += r->columns[i].cur_missing;
			if (r->columns[i].type == SIM_DRIFT_NUMERIC)
				tm += r->columns[i].cur_mismatch;
			else
				nc += r->columns[i].n_new;
		}
		char i1[200], i2[300], i3[1200], r1[16], r2[16];
		fmt_rate(r1, sizeof r1, rm, r->ref_rows * r->ncolumns);
		fmt_rate(r2, sizeof r2, cm, r->cur_rows * r->ncolumns);
		snprintf(i1, sizeof i1, "<b>Completeness</b>: %s of reference cells missing, %s of current cells.", r1, r2);
		snprintf(i2, sizeof i2, "<b>Consistency</b>: %zu non-numeric values in numeric columns, %zu new categories, %zu columns in one file only.",
			 tm, nc, r->n_only_ref + r->n_only_cur);
		if (r->has_time) {
			char t1[48], t2[48];
			sim_drift_format_time(r->cur_time_max, t1, sizeof t1);
			sim_drift_format_time(r->ref_time_max, t2, sizeof t2);
			escape(a, sizeof a, r->time_column);
			if (isnan(r->lag))
				snprintf(i3, sizeof i3, "<b>Timeliness</b> (%s): newest current row %s, newest reference row %s.", a, t1, t2);
			else
				snprintf(i3, sizeof i3, "<b>Timeliness</b> (%s): newest current row %s, %.1f hours before the report; newest reference row %s.", a, t1, r->lag / 3600, t2);
		} else {
			snprintf(i3, sizeof i3, "<b>Timeliness</b>: not measured (no --time-column).");
		}
		const char *items[] = {i1, i2, i3, "<b>Accuracy</b>: not measurable; it needs ground truth labels."};
		st = report_doc_list(d, items, 4, 0, err);
	}
	int any = 0;
	for (size_t i = 0; !st && i < r->ncolumns; i++) {
		const sim_drift_column *c = &r->columns[i];
		if (!c->drifted)
			continue;
		if (!any++)
			report_doc_heading(d, 1, "Drifted columns");
		report_chart *ch = histogram(c, err);
		if (ch)
			st = report_doc_chart(d, ch, 0);
	}
	if (st) {
		report_doc_free(d);
		return st;
	}
	*out = d;
	return 0;
}

int sim_drift_report_write(const sim_drift_result *r, const char *path,
			   common_error *err)
{
	report_doc *d;
	int st = sim_drift_report_build(r, &d, err);
	if (st)
		return st;
	st = report_doc_render(d, path, err);
	report_doc_free(d);
	return st;
}
