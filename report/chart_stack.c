/* report/chart_stack.c: stacked area charts (e.g. the traffic split of a
 * canary). Layers are stacked in the order added; each is labelled inside
 * its thickest part when the label fits, which reads better than a legend
 * alone and survives greyscale print. */
#include <math.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

report_chart *report_chart_stack_new(const char *title, const double *x,
				     size_t n)
{
	if (!x || n < 2)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return NULL;
	report_chart *c = rp_chart_alloc(RP_CHART_STACK, title);
	if (!c)
		return NULL;
	int fail = 0;
	c->x = rp_dupd(x, n, &fail);
	c->n = n;
	if (fail) {
		report_chart_free(c);
		return NULL;
	}
	return c;
}

int report_chart_stack_add(report_chart *c, const char *name, const double *y,
			   common_error *err)
{
	if (!c || c->kind != RP_CHART_STACK || !y)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"layers need a stacked-area chart and values");
	for (size_t i = 0; i < c->n; i++)
		if (y[i] < 0)
			return common_error_set(err, COMMON_EINPUT, NULL, 0,
						"layer '%s' value %zu negative",
						name ? name : "", i);
	if (rp_grow((void **)&c->series, &c->capseries, c->nseries + 1,
		    sizeof *c->series))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a layer");
	rp_series *s = &c->series[c->nseries];
	int fail = 0;
	*s = (rp_series){ 0 };
	s->name = rp_strdup(name ? name : "", &fail);
	s->y = rp_dupd(y, c->n, &fail);
	s->n = c->n;
	if (fail) {
		free(s->name);
		free(s->y);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a layer");
	}
	for (size_t i = 0; i < c->n; i++)
		if (!isfinite(s->y[i]))
			s->y[i] = 0; /* documented: NaN reads as 0 */
	return (int)c->nseries++;
}

int rp_stack_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h)
{
	double s = t->scale;
	size_t n = c->n;
	double *cum = calloc(n * (c->nseries + 1) + 1, sizeof *cum);
	if (!cum)
		return COMMON_EIO;
	/* cum[k*n + i]: top of layer k-1 at point i (row 0 = baseline). */
	double ymax = 0;
	for (size_t k = 0; k < c->nseries; k++)
		for (size_t i = 0; i < n; i++) {
			double v = cum[k * n + i] + c->series[k].y[i];
			cum[(k + 1) * n + i] = v;
			if (v > ymax)
				ymax = v;
		}
	double xmin = c->x[0], xmax = c->x[0];
	for (size_t i = 0; i < n; i++) {
		xmin = fmin(xmin, c->x[i]);
		xmax = fmax(xmax, c->x[i]);
	}
	double ylo = 0, yhi = ymax > 0 ? ymax : 1;
	if (c->has_range) {
		ylo = c->range_lo;
		yhi = c->range_hi;
	}
	rp_plot p = { 0 };
	int rc = rp_plot_layout(&p, c, t, x, y, w, h, xmin, xmax, ylo, yhi);
	if (rc || p.x1 - p.x0 < 10 * s || p.y1 - p.y0 < 10 * s) {
		free(cum);
		return rc;
	}
	cairo_save(cr);
	cairo_rectangle(cr, p.x0, p.y0, p.x1 - p.x0, p.y1 - p.y0);
	cairo_clip(cr);
	for (size_t k = 0; k < c->nseries; k++) {
		const double *lo = cum + k * n, *hi = cum + (k + 1) * n;
		for (size_t i = 0; i < n; i++) {
			double px = rp_px(&p, c->x[i]), py = rp_py(&p, hi[i]);
			if (i == 0)
				cairo_move_to(cr, px, py);
			else
				cairo_line_to(cr, px, py);
		}
		for (size_t i = n; i-- > 0;)
			cairo_line_to(cr, rp_px(&p, c->x[i]), rp_py(&p, lo[i]));
		cairo_close_path(cr);
		rp_set_alpha(cr, rp_series_color(k), 0.85);
		cairo_fill(cr);
		/* A white edge on top of each layer separates neighbours of
		 * similar grey. */
		for (size_t i = 0; i < n; i++) {
			double px = rp_px(&p, c->x[i]), py = rp_py(&p, hi[i]);
			if (i == 0)
				cairo_move_to(cr, px, py);
			else
				cairo_line_to(cr, px, py);
		}
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_set_line_width(cr, 0.9 * s);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	/* Direct labels inside each layer where the label's whole width
	 * fits between the layer's edges (the roomiest such place). */
	for (size_t k = 0; k < c->nseries; k++) {
		const double *lo = cum + k * n, *hi = cum + (k + 1) * n;
		const char *name = c->series[k].name;
		double tw, cy;
		if (!name || !*name)
			continue;
		tw = rp_text_width(t, RP_LEGEND, name);
		double need = rp_style_size(t, RP_LEGEND) * 1.6, best = -1;
		double bx = 0, by = 0;
		for (size_t i = 0; i < n; i++) {
			double cx = rp_px(&p, c->x[i]);
			double l = fmax(cx - tw / 2 - 3 * s, p.x0 + 2 * s);
			double r = l + tw + 6 * s;
			if (r > p.x1 - 2 * s)
				continue;
			/* Narrowest vertical room over [l, r]. */
			double top = -HUGE_VAL, bot = HUGE_VAL;
			for (size_t j = 0; j < n; j++) {
				double xj = rp_px(&p, c->x[j]);
				if (xj < l - (p.x1 - p.x0) / n || xj > r + (p.x1 - p.x0) / n)
					continue;
				top = fmax(top, rp_py(&p, hi[j]));
				bot = fmin(bot, rp_py(&p, lo[j]));
			}
			if (bot - top > best) {
				best = bot - top;
				bx = (l + r) / 2;
				by = (top + bot) / 2;
			}
		}
		if (best < need)
			continue;
		cy = by;
		rp_rgb col = rp_series_color(k);
		/* The layer colour at 0.85 on white decides the ink. */
		rp_rgb shown = { 0.15 + 0.85 * col.r, 0.15 + 0.85 * col.g,
				 0.15 + 0.85 * col.b };
		rp_rgb ink = rp_luminance(shown) < 0.4 ? (rp_rgb){ 1, 1, 1 }
							: RP_INK;
		rp_text(cr, t, RP_LEGEND, name, bx, cy, 0.5, 0.5, ink);
	}
	free(cum);
	rp_plot_grid(&p, cr, t); /* over the fills, faint: readable levels */
	rp_plot_refs(&p, c, cr, t);
	rp_plot_events(&p, c, cr, t);
	rp_plot_axes(&p, c, cr, t);
	return 0;
}
