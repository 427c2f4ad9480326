/* report/chart_radar.c: radar (spider) charts, one spoke per dimension.
 * Rings are polygons at nice tick values of the common scale, labelled
 * along the first spoke; each series is a translucent polygon with its own
 * dash and markers at the vertices. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

report_chart *report_chart_radar_new(const char *title,
				     const char *const *axes, size_t naxes,
				     double min, double max)
{
	if (!axes || naxes < 3 || !isfinite(min) || !isfinite(max) ||
	    !(min < max))
		return NULL;
	report_chart *c = rp_chart_alloc(RP_CHART_RADAR, title);
	if (!c)
		return NULL;
	c->cats = rp_dupv(axes, naxes);
	if (!c->cats) {
		report_chart_free(c);
		return NULL;
	}
	c->ncats = naxes;
	c->vmin = min;
	c->vmax = max;
	return c;
}

int report_chart_radar_add(report_chart *c, const char *name,
			   const double *values, common_error *err)
{
	if (!c || c->kind != RP_CHART_RADAR || !values)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"polygons need a radar chart and values");
	if (rp_grow((void **)&c->series, &c->capseries, c->nseries + 1,
		    sizeof *c->series))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a polygon");
	rp_series *s = &c->series[c->nseries];
	int fail = 0;
	*s = (rp_series){ 0 };
	s->name = rp_strdup(name ? name : "", &fail);
	s->y = rp_dupd(values, c->ncats, &fail);
	s->n = c->ncats;
	if (fail) {
		free(s->name);
		free(s->y);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a polygon");
	}
	return (int)c->nseries++;
}

static double angle(size_t k, size_t n)
{
	return -RP_PI / 2 + 2 * RP_PI * (double)k / (double)n;
}

static double frac(const report_chart *c, double v)
{
	if (!isfinite(v))
		return 0;
	double f = (v - c->vmin) / (c->vmax - c->vmin);
	return f < 0 ? 0 : f > 1 ? 1 : f;
}

static void ring(cairo_t *cr, double cx, double cy, double r, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		double a = angle(k, n);
		if (k == 0)
			cairo_move_to(cr, cx + r * cos(a), cy + r * sin(a));
		else
			cairo_line_to(cr, cx + r * cos(a), cy + r * sin(a));
	}
	cairo_close_path(cr);
}

int rp_radar_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h)
{
	double s = t->scale;
	size_t n = c->ncats;
	/* Room for the axis labels around the circle. */
	double lw = 0, lh = rp_style_size(t, RP_LEGEND) * 2.6;
	for (size_t k = 0; k < n; k++)
		lw = fmax(lw, rp_text_width(t, RP_LEGEND, c->cats[k]));
	lw = fmin(lw + 4 * s, fmin(w * 0.28, 110 * s));
	double r = fmin((w - 2 * lw) / 2, (h - 2 * lh) / 2);
	if (r < 20 * s)
		return 0;
	double cx = x + w / 2, cy = y + h / 2;
	report_tickset tk;
	int rc = report_ticks(c->vmin, c->vmax, 6, &tk, NULL);
	if (rc)
		return rc;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.7 * s);
	rp_set(cr, RP_GRID);
	for (int i = 0; i < tk.count; i++) {
		double v = report_tick_value(&tk, i);
		if (v <= c->vmin || v > c->vmax + tk.step * 1e-9)
			continue;
		ring(cr, cx, cy, r * frac(c, v), n);
	}
	ring(cr, cx, cy, r, n);
	cairo_stroke(cr);
	rp_set(cr, RP_RULE);
	for (size_t k = 0; k < n; k++) {
		double a = angle(k, n);
		cairo_move_to(cr, cx, cy);
		cairo_line_to(cr, cx + r * cos(a), cy + r * sin(a));
	}
	cairo_stroke(cr);
	for (size_t si = 0; si < c->nseries; si++) {
		const rp_series *sr = &c->series[si];
		for (size_t k = 0; k < n; k++) {
			double a = angle(k, n), f = frac(c, sr->y[k]) * r;
			if (k == 0)
				cairo_move_to(cr, cx + f * cos(a), cy + f * sin(a));
			else
				cairo_line_to(cr, cx + f * cos(a), cy + f * sin(a));
		}
		cairo_close_path(cr);
		rp_set_alpha(cr, rp_series_color(si), 0.16);
		cairo_fill_preserve(cr);
		cairo_set_line_width(cr, 1.8 * s);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		rp_series_dash(cr, si, 1.8 * s);
		rp_set(cr, rp_series_color(si));
		cairo_stroke(cr);
	}
	for (size_t si = 0; si < c->nseries; si++) {
		const rp_series *sr = &c->series[si];
		for (size_t k = 0; k < n; k++) {
			double a = angle(k, n), f = frac(c, sr->y[k]) * r;
			rp_series_marker(cr, si, cx + f * cos(a), cy + f * sin(a),
					 5.5 * s);
		}
	}
	/* Ring values up the first spoke, on a white halo. */
	for (int i = 0; i < tk.count; i++) {
		double v = report_tick_value(&tk, i);
		if (v <= c->vmin || v > c->vmax + tk.step * 1e-9)
			continue; /* the centre needs no label */
		char buf[64];
		rp_format(buf, sizeof buf, v, c->fmt, -1, tk.step);
		double ty = cy - r * frac(c, v);
		rp_text(cr, t, RP_TICK, buf, cx + 3 * s, ty, 0, 1,
			rp_style_color(RP_TICK));
	}
	for (size_t k = 0; k < n; k++) {
		double a = angle(k, n);
		double ca = cos(a), sa = sin(a);
		double px = cx + (r + 8 * s) * ca, py = cy + (r + 8 * s) * sa;
		PangoLayout *l = rp_layout(t, RP_LEGEND, c->cats[k], 0, lw,
					   fabs(ca) < 0.3 ? REPORT_ALIGN_CENTER
					   : ca > 0	  ? REPORT_ALIGN_LEFT
							  : REPORT_ALIGN_RIGHT);
		/* Break labels between words only, never inside one. */
		pango_layout_set_wrap(l, PANGO_WRAP_WORD);
		double tw, th;
		rp_layout_size(l, &tw, &th);
		/* The layout box spans lw; place the text's own box. */
		double ax = fabs(ca) < 0.3 ? 0.5 : ca > 0 ? 0 : 1;
		double ay = fabs(sa) < 0.3 ? 0.5 : sa > 0 ? 0 : 1;
		double bx = px - ax * lw, by = py - ay * th;
		rp_show(cr, l, bx, by, RP_TEXT);
		g_object_unref(l);
	}
	cairo_restore(cr);
	return 0;
}
