/* report/chart_bar.c: grouped bars with error bars, vertical or
 * horizontal. Bars start at zero (a bar's length is its value); series
 * after the first alternate with white hatching so neighbouring bars
 * differ in greyscale as well as in colour. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

report_chart *report_chart_bar_new(const char *title,
				   const char *const *categories, size_t ncat,
				   int horizontal)
{
	if (!categories || ncat == 0)
		return NULL;
	report_chart *c = rp_chart_alloc(RP_CHART_BAR, title);
	if (!c)
		return NULL;
	c->cats = rp_dupv(categories, ncat);
	if (!c->cats) {
		report_chart_free(c);
		return NULL;
	}
	c->ncats = ncat;
	c->horizontal = horizontal ? 1 : 0;
	return c;
}

int report_chart_bar_add(report_chart *c, const char *name,
			 const double *value, const double *lo,
			 const double *hi, common_error *err)
{
	if (!c || c->kind != RP_CHART_BAR || !value || (!lo) != (!hi))
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"bars need a bar chart, values and both error ends or neither");
	if (rp_grow((void **)&c->series, &c->capseries, c->nseries + 1,
		    sizeof *c->series))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding bars");
	rp_series *s = &c->series[c->nseries];
	int fail = 0;
	*s = (rp_series){ 0 };
	s->name = rp_strdup(name ? name : "", &fail);
	s->y = rp_dupd(value, c->ncats, &fail);
	s->lo = rp_dupd(lo, c->ncats, &fail);
	s->hi = rp_dupd(hi, c->ncats, &fail);
	s->n = c->ncats;
	if (fail) {
		free(s->name);
		free(s->y);
		free(s->lo);
		free(s->hi);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding bars");
	}
	return (int)c->nseries++;
}

int report_chart_bar_set_value_labels(report_chart *c, int on)
{
	if (!c || c->kind != RP_CHART_BAR)
		return COMMON_EUSAGE;
	c->value_labels = on ? 1 : 0;
	return 0;
}

static void widen(double v, double *lo, double *hi)
{
	if (isfinite(v)) {
		*lo = fmin(*lo, v);
		*hi = fmax(*hi, v);
	}
}

/* White diagonal hatching inside the current rectangle for odd series. */
static void hatch(cairo_t *cr, double x, double y, double w, double h,
		  size_t si, double s)
{
	if (si % 2 == 0)
		return;
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_clip(cr);
	cairo_set_source_rgba(cr, 1, 1, 1, 0.55);
	cairo_set_line_width(cr, 1.2 * s);
	double step = 4.5 * s, dir = si % 4 == 1 ? 1 : -1;
	for (double d = -h; d < w + h; d += step) {
		if (dir > 0) {
			cairo_move_to(cr, x + d, y + h);
			cairo_line_to(cr, x + d + h, y);
		} else {
			cairo_move_to(cr, x + d, y);
			cairo_line_to(cr, x + d + h, y + h);
		}
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

int rp_bar_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		double x, double y, double w, double h)
{
	double s = t->scale;
	double vmin = 0, vmax = 0;
	for (size_t k = 0; k < c->nseries; k++)
		for (size_t i = 0; i < c->ncats; i++) {
			const rp_series *sr = &c->series[k];
			widen(sr->y[i], &vmin, &vmax);
			if (sr->lo) {
				widen(sr->lo[i], &vmin, &vmax);
				widen(sr->hi[i], &vmin, &vmax);
			}
		}
	for (size_t i = 0; i < c->nrefs; i++)
		widen(c->refs[i].y, &vmin, &vmax);
	if (vmin == vmax)
		vmax = vmin + 1;
	if (c->has_range) {
		vmin = c->range_lo;
		vmax = c->range_hi;
	}
	rp_plot p = { 0 };
	p.ncat = c->ncats;
	p.cats = c->cats;
	int hz = c->horizontal;
	if (hz)
		p.ycat = 1;
	else
		p.xcat = 1;
	int rc = hz ? rp_plot_layout(&p, c, t, x, y, w, h, vmin, vmax, 0, 1)
		    : rp_plot_layout(&p, c, t, x, y, w, h, 0, 1, vmin, vmax);
	if (rc || p.x1 - p.x0 < 10 * s || p.y1 - p.y0 < 10 * s)
		return rc;
	rp_plot_grid(&p, cr, t);
	const rp_axis *va = hz ? &p.xa : &p.ya;
	double slot = (hz ? p.y1 - p.y0 : p.x1 - p.x0) / (double)c->ncats;
	double ns = c->nseries ? (double)c->nseries : 1;
	double group = slot * (c->nseries > 1 ? 0.78 : 0.62);
	double gap = c->nseries > 1 ? fmin(2 * s, group / ns * 0.15) : 0;
	double bw = (group - gap * (ns - 1)) / ns;
	double maxbw = 44 * s;
	if (bw > maxbw) {
		bw = maxbw;
		group = bw * ns + gap * (ns - 1);
	}
	double zero = fmin(fmax(0, va->lo), va->hi);
	double maxabs = 0;
	for (size_t k = 0; k < c->nseries; k++)
		for (size_t i = 0; i < c->ncats; i++)
			if (isfinite(c->series[k].y[i]))
				maxabs = fmax(maxabs, fabs(c->series[k].y[i]));
	int dec = rp_value_decimals(c, maxabs);
	for (size_t i = 0; i < c->ncats; i++) {
		double start = (hz ? p.y0 : p.x0) + i * slot + (slot - group) / 2;
		for (size_t k = 0; k < c->nseries; k++) {
			const rp_series *sr = &c->series[k];
			double v = sr->y[i];
			double a = start + k * (bw + gap);
			if (!isfinite(v))
				continue;
			double v0 = fmin(fmax(v, va->lo), va->hi);
			double rx, ry, rw, rh;
			if (hz) {
				double x0 = rp_px(&p, zero), x1 = rp_px(&p, v0);
				rx = fmin(x0, x1);
				rw = fabs(x1 - x0);
				ry = a;
				rh = bw;
			} else {
				double y0 = rp_py(&p, zero), y1 = rp_py(&p, v0);
				ry = fmin(y0, y1);
				rh = fabs(y1 - y0);
				rx = a;
				rw = bw;
			}
			cairo_rectangle(cr, rx, ry, rw, rh);
			rp_set(cr, rp_series_color(k));
			cairo_fill(cr);
			hatch(cr, rx, ry, rw, rh, k, s);
			double tip = v; /* where a value label goes */
			if (sr->lo && isfinite(sr->lo[i]) && isfinite(sr->hi[i])) {
				double lo = fmax(sr->lo[i], va->lo);
				double hi = fmin(sr->hi[i], va->hi);
				double m = a + bw / 2, cap = fmin(bw * 0.4, 5 * s);
				cairo_save(cr);
				cairo_set_line_width(cr, 1.1 * s);
				rp_set(cr, RP_INK);
				if (hz) {
					double x0 = rp_px(&p, lo), x1 = rp_px(&p, hi);
					cairo_move_to(cr, x0, m);
					cairo_line_to(cr, x1, m);
					cairo_move_to(cr, x0, m - cap);
					cairo_line_to(cr, x0, m + cap);
					cairo_move_to(cr, x1, m - cap);
					cairo_line_to(cr, x1, m + cap);
				} else {
					double y0 = rp_py(&p, lo), y1 = rp_py(&p, hi);
					cairo_move_to(cr, m, y0);
					cairo_line_to(cr, m, y1);
					cairo_move_to(cr, m - cap, y0);
					cairo_line_to(cr, m + cap, y0);
					cairo_move_to(cr, m - cap, y1);
					cairo_line_to(cr, m + cap, y1);
				}
				cairo_stroke(cr);
				cairo_restore(cr);
				tip = v >= 0 ? fmax(v, sr->hi[i]) : fmin(v, sr->lo[i]);
			}
			if (!c->value_labels)
				continue;
			char buf[64];
			rp_format(buf, sizeof buf, v, c->fmt, dec, 0);
			if (hz)
				rp_text_halo(cr, t, RP_VALUE, buf,
					rp_px(&p, fmin(fmax(tip, va->lo), va->hi)) +
						(v >= 0 ? 4 : -4) * s,
					a + bw / 2, v >= 0 ? 0 : 1, 0.5, RP_TEXT);
			else
				rp_text_halo(cr, t, RP_VALUE, buf, a + bw / 2,
					rp_py(&p, fmin(fmax(tip, va->lo), va->hi)) +
						(v >= 0 ? -3 : 3) * s,
					0.5, v >= 0 ? 1 : 0, RP_TEXT);
		}
	}
	rp_plot_refs(&p, c, cr, t);
	rp_plot_axes(&p, c, cr, t);
	return 0;
}
