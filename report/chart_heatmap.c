/* report/chart_heatmap.c: heatmaps (rows x columns, e.g. teams x
 * dimensions). Cells use a light-to-dark single-hue scale (lightness
 * falls monotonically, so greyscale keeps the order), each carries its
 * value in black or white by contrast, missing cells are hatched, and a
 * colour bar with nice ticks explains the scale. Column labels rotate a
 * quarter turn, and thin out, when they would overlap. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

report_chart *report_chart_heatmap_new(const char *title,
				       const char *const *rows, size_t nrows,
				       const char *const *cols, size_t ncols,
				       const double *values, double vmin,
				       double vmax)
{
	if (!rows || !cols || !values || nrows == 0 || ncols == 0 ||
	    !isfinite(vmin) || !isfinite(vmax) || !(vmin < vmax))
		return NULL;
	report_chart *c = rp_chart_alloc(RP_CHART_HEATMAP, title);
	if (!c)
		return NULL;
	int fail = 0;
	c->cats = rp_dupv(rows, nrows);
	c->cols = rp_dupv(cols, ncols);
	c->values = rp_dupd(values, nrows * ncols, &fail);
	c->ncats = c->cats ? nrows : 0;
	c->ncols = c->cols ? ncols : 0;
	if (!c->cats || !c->cols || fail) {
		report_chart_free(c);
		return NULL;
	}
	c->vmin = vmin;
	c->vmax = vmax;
	return c;
}

static double maxw(const rp_ctx *t, enum rp_style st, char *const *v,
		   size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++)
		m = fmax(m, rp_text_width(t, st, v[i]));
	return m;
}

static void colorbar(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		     double x, double y, double h)
{
	double s = t->scale, bw = 9 * s;
	int steps = 64;
	for (int i = 0; i < steps; i++) {
		/* Drawn as flat bands, not a gradient: identical in every
		 * backend and free of surface ids. */
		rp_set(cr, rp_seq_color((i + 0.5) / steps));
		double y0 = y + h - (i + 1) * h / steps;
		cairo_rectangle(cr, x, y0, bw, h / steps + 0.3);
		cairo_fill(cr);
	}
	report_tickset tk;
	if (report_ticks(c->vmin, c->vmax, 6, &tk, NULL))
		return;
	for (int i = 0; i < tk.count; i++) {
		double v = report_tick_value(&tk, i);
		if (v < c->vmin - tk.step * 1e-9 || v > c->vmax + tk.step * 1e-9)
			continue;
		double yy = y + h - (v - c->vmin) / (c->vmax - c->vmin) * h;
		char buf[64];
		rp_format(buf, sizeof buf, v, c->fmt, -1, tk.step);
		rp_set(cr, RP_RULE);
		cairo_set_line_width(cr, 0.7 * s);
		cairo_move_to(cr, x + bw, yy);
		cairo_line_to(cr, x + bw + 3 * s, yy);
		cairo_stroke(cr);
		rp_text(cr, t, RP_TICK, buf, x + bw + 5 * s, yy, 0, 0.5,
			rp_style_color(RP_TICK));
	}
}

int rp_heatmap_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		    double x, double y, double w, double h)
{
	double s = t->scale;
	size_t nr = c->ncats, nc = c->ncols;
	double rowlab = fmin(maxw(t, RP_TICK, c->cats, nr), 0.3 * w) + 8 * s;
	double barw = 9 * s + 8 * s +
		      rp_text_width(t, RP_TICK, "\xe2\x88\x92" "000.0") + 6 * s;
	double gx = x + rowlab, gw = w - rowlab - barw - 8 * s;
	if (gw < 20 * s)
		return 0;
	double cw = fmin(gw / (double)nc, 90 * s);
	gw = cw * (double)nc;
	/* Column labels: horizontal if they fit their cells, else upright. */
	double *cen = calloc(nc, sizeof *cen), *wid = calloc(nc, sizeof *wid),
	       *hei = calloc(nc, sizeof *hei);
	if (!cen || !wid || !hei) {
		free(cen);
		free(wid);
		free(hei);
		return COMMON_EIO;
	}
	for (size_t j = 0; j < nc; j++) {
		cen[j] = gx + (j + 0.5) * cw;
		wid[j] = rp_text_width(t, RP_TICK, c->cols[j]);
		hei[j] = rp_style_size(t, RP_TICK) * 1.3;
	}
	int rot;
	size_t stride;
	rp_labels_fit(cen, wid, hei, nc, 4 * s, &rot, &stride);
	double colh = rot ? fmin(maxw(t, RP_TICK, c->cols, nc), 0.35 * h)
			  : rp_style_size(t, RP_TICK) * 1.3;
	double gy = y + colh + 6 * s, gh = h - colh - 6 * s;
	double ch = fmin(gh / (double)nr, 30 * s);
	gh = ch * (double)nr;
	for (size_t j = 0; j < nc; j += stride) {
		if (!rot) {
			rp_text(cr, t, RP_TICK, c->cols[j], cen[j], gy - 5 * s, 0.5,
				1, RP_TEXT);
			continue;
		}
		PangoLayout *l = rp_layout(t, RP_TICK, c->cols[j], 0, 0,
					   REPORT_ALIGN_LEFT);
		double tw, th;
		rp_layout_size(l, &tw, &th);
		cairo_save(cr);
		cairo_translate(cr, cen[j], gy - 5 * s);
		cairo_rotate(cr, -RP_PI / 2);
		rp_show(cr, l, 0, -th / 2, RP_TEXT);
		cairo_restore(cr);
		g_object_unref(l);
	}
	free(cen);
	free(wid);
	free(hei);
	double pad = fmin(1.5 * s, fmin(cw, ch) * 0.08);
	int dec = rp_value_decimals(c, fmax(fabs(c->vmin), fabs(c->vmax)));
	for (size_t i = 0; i < nr; i++) {
		PangoLayout *l = rp_layout(t, RP_TICK, c->cats[i], 0,
					   rowlab - 8 * s, REPORT_ALIGN_RIGHT);
		double lh;
		rp_layout_size(l, NULL, &lh);
		rp_show(cr, l, x, gy + (i + 0.5) * ch - lh / 2, RP_TEXT);
		g_object_unref(l);
		for (size_t j = 0; j < nc; j++) {
			double v = c->values[i * nc + j];
			double cx0 = gx + j * cw + pad, cy0 = gy + i * ch + pad;
			double cwi = cw - 2 * pad, chi = ch - 2 * pad;
			if (!isfinite(v)) {
				rp_set(cr, RP_TINT);
				cairo_rectangle(cr, cx0, cy0, cwi, chi);
				cairo_fill(cr);
				rp_text(cr, t, RP_VALUE, "\xe2\x80\x93",
					cx0 + cwi / 2, cy0 + chi / 2, 0.5, 0.5,
					RP_FAINT);
				continue;
			}
			rp_rgb col = rp_seq_color((v - c->vmin) /
						  (c->vmax - c->vmin));
			rp_set(cr, col);
			cairo_rectangle(cr, cx0, cy0, cwi, chi);
			cairo_fill(cr);
			char buf[64];
			rp_format(buf, sizeof buf, v, c->fmt, dec, 0);
			double tw = rp_text_width(t, RP_VALUE, buf);
			if (tw + 4 * s > cwi ||
			    rp_style_size(t, RP_VALUE) * 1.2 > chi)
				continue; /* too small to label legibly */
			rp_rgb ink = rp_luminance(col) < 0.3 ? (rp_rgb){ 1, 1, 1 }
							    : RP_INK;
			rp_text(cr, t, RP_VALUE, buf, cx0 + cwi / 2,
				cy0 + chi / 2, 0.5, 0.5, ink);
		}
	}
	colorbar(c, cr, t, gx + gw + 12 * s, gy, fmin(gh, 160 * s));
	return 0;
}
