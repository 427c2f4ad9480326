/* report/chart_line.c: line and area charts with confidence bands.
 *
 * Drawing order: grid, bands (translucent, under everything), area fills,
 * reference lines, event markers, lines, markers, axes. A 365-point series
 * gets a handful of markers (offset per series so they do not coincide):
 * enough to tell series apart in greyscale, too few to clutter. */
#include <math.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

/* Markers per series when not every point is marked. */
#define SPARSE_MARKERS 6

report_chart *report_chart_line_new(const char *title)
{
	return rp_chart_alloc(RP_CHART_LINE, title);
}

int report_chart_line_add(report_chart *c, const char *name, const double *x,
			  const double *y, const double *lo, const double *hi,
			  size_t n, unsigned flags, common_error *err)
{
	if (!c || c->kind != RP_CHART_LINE)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"series need a line chart");
	if (n == 0 || !x || !y || (!lo) != (!hi))
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"series '%s' needs x, y and both band ends or neither",
					name ? name : "");
	for (size_t i = 0; i < n; i++)
		if (!isfinite(x[i]))
			return common_error_set(err, COMMON_EINPUT, NULL, 0,
						"series '%s' x[%zu] not finite",
						name ? name : "", i);
	if (rp_grow((void **)&c->series, &c->capseries, c->nseries + 1,
		    sizeof *c->series))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a series");
	rp_series *s = &c->series[c->nseries];
	int fail = 0;
	s->name = rp_strdup(name ? name : "", &fail);
	s->x = rp_dupd(x, n, &fail);
	s->y = rp_dupd(y, n, &fail);
	s->lo = rp_dupd(lo, n, &fail);
	s->hi = rp_dupd(hi, n, &fail);
	s->n = n;
	s->flags = flags;
	if (fail) {
		free(s->name);
		free(s->x);
		free(s->y);
		free(s->lo);
		free(s->hi);
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a series");
	}
	return (int)c->nseries++;
}

int report_chart_line_set_band_label(report_chart *c, const char *label)
{
	if (!c)
		return COMMON_EUSAGE;
	int fail = 0;
	char *d = rp_strdup(label, &fail);
	if (fail)
		return COMMON_EIO;
	free(c->band_label);
	c->band_label = d;
	return 0;
}

static void widen(double v, double *lo, double *hi)
{
	if (!isfinite(v))
		return;
	if (v < *lo)
		*lo = v;
	if (v > *hi)
		*hi = v;
}

/* Scratch buffers for device coordinates of one series. */
typedef struct pts {
	double *x, *y;
} pts;

static int y_ok(const rp_series *s, size_t i)
{
	return isfinite(s->y[i]);
}

static int band_ok(const rp_series *s, size_t i)
{
	return isfinite(s->lo[i]) && isfinite(s->hi[i]);
}

/* Polygon of the band between lo and hi over the run [a, b). */
static void band_path(cairo_t *cr, const rp_plot *p, const rp_series *s,
		      size_t a, size_t b, pts *w)
{
	size_t n = b - a;
	for (size_t i = 0; i < n; i++) {
		w->x[i] = rp_px(p, s->x[a + i]);
		w->y[i] = rp_py(p, s->hi[a + i]);
	}
	rp_path_polyline(cr, w->x, w->y, n, 1);
	for (size_t i = 0; i < n; i++) {
		w->x[i] = rp_px(p, s->x[b - 1 - i]);
		w->y[i] = rp_py(p, s->lo[b - 1 - i]);
	}
	rp_path_polyline(cr, w->x, w->y, n, 0);
	cairo_close_path(cr);
}

static void bands(cairo_t *cr, const rp_plot *p, const rp_series *s,
		  size_t si, pts *w)
{
	size_t i = 0;
	while (i < s->n) {
		while (i < s->n && !band_ok(s, i))
			i++;
		size_t a = i;
		while (i < s->n && band_ok(s, i))
			i++;
		if (i > a)
			band_path(cr, p, s, a, i, w);
	}
	rp_set_alpha(cr, rp_series_color(si), 0.17);
	cairo_fill(cr);
}

/* Device coordinates of the line over the run [a, b). */
static size_t run_pts(const rp_plot *p, const rp_series *s, size_t a,
		      size_t b, pts *w)
{
	for (size_t i = a; i < b; i++) {
		w->x[i - a] = rp_px(p, s->x[i]);
		w->y[i - a] = rp_py(p, s->y[i]);
	}
	return b - a;
}

static void area(cairo_t *cr, const rp_plot *p, const rp_series *s,
		 size_t si, pts *w)
{
	double base = p->ya.lo <= 0 && p->ya.hi >= 0 ? 0 : p->ya.lo;
	size_t i = 0;
	while (i < s->n) {
		while (i < s->n && !y_ok(s, i))
			i++;
		size_t a = i;
		while (i < s->n && y_ok(s, i))
			i++;
		if (i == a)
			continue;
		cairo_move_to(cr, rp_px(p, s->x[a]), rp_py(p, base));
		rp_path_polyline(cr, w->x, w->y, run_pts(p, s, a, i, w), 0);
		cairo_line_to(cr, rp_px(p, s->x[i - 1]), rp_py(p, base));
		cairo_close_path(cr);
	}
	rp_set_alpha(cr, rp_series_color(si), 0.14);
	cairo_fill(cr);
}

static void line(cairo_t *cr, const rp_plot *p, const rp_series *s,
		 size_t si, double lw, pts *w)
{
	size_t i = 0;
	while (i < s->n) {
		while (i < s->n && !y_ok(s, i))
			i++;
		size_t a = i;
		while (i < s->n && y_ok(s, i))
			i++;
		if (i > a)
			rp_path_polyline(cr, w->x, w->y, run_pts(p, s, a, i, w), 1);
	}
	cairo_set_line_width(cr, lw);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	rp_series_dash(cr, si, lw);
	rp_set(cr, rp_series_color(si));
	cairo_stroke(cr);
}

/* Index of the point nearest x (x sorted or not: linear scan). */
static size_t nearest(const rp_series *s, double x)
{
	size_t best = 0;
	double d = HUGE_VAL;
	for (size_t i = 0; i < s->n; i++) {
		double e = fabs(s->x[i] - x);
		if (e < d && y_ok(s, i)) {
			d = e;
			best = i;
		}
	}
	return best;
}

static void markers(cairo_t *cr, const rp_plot *p, const rp_series *s,
		    size_t si, size_t ns, double size)
{
	if (s->flags & REPORT_SERIES_NOMARKERS)
		return;
	if ((s->flags & REPORT_SERIES_MARKERS) || s->n <= SPARSE_MARKERS * 2) {
		for (size_t i = 0; i < s->n; i++)
			if (y_ok(s, i))
				rp_series_marker(cr, si, rp_px(p, s->x[i]),
						 rp_py(p, s->y[i]), size);
		return;
	}
	double span = p->xa.hi - p->xa.lo;
	for (int k = 0; k < SPARSE_MARKERS; k++) {
		double f = (k + (si + 1.0) / (ns + 1.0)) / SPARSE_MARKERS;
		size_t i = nearest(s, p->xa.lo + f * span);
		if (y_ok(s, i))
			rp_series_marker(cr, si, rp_px(p, s->x[i]),
					 rp_py(p, s->y[i]), size);
	}
}

int rp_line_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		 double x, double y, double w, double h)
{
	double s = t->scale;
	double xmin = HUGE_VAL, xmax = -HUGE_VAL, ymin = HUGE_VAL,
	       ymax = -HUGE_VAL;
	for (size_t k = 0; k < c->nseries; k++) {
		const rp_series *sr = &c->series[k];
		for (size_t i = 0; i < sr->n; i++) {
			widen(sr->x[i], &xmin, &xmax);
			widen(sr->y[i], &ymin, &ymax);
			if (sr->lo) {
				widen(sr->lo[i], &ymin, &ymax);
				widen(sr->hi[i], &ymin, &ymax);
			}
		}
		if (sr->flags & REPORT_SERIES_AREA)
			widen(0, &ymin, &ymax);
	}
	for (size_t i = 0; i < c->nrefs; i++)
		widen(c->refs[i].y, &ymin, &ymax);
	for (size_t i = 0; i < c->nevents; i++)
		widen(c->events[i].x, &xmin, &xmax);
	if (xmin > xmax) {
		xmin = 0;
		xmax = 1;
	}
	if (ymin > ymax) {
		ymin = 0;
		ymax = 1;
	}
	if (c->has_range) {
		ymin = c->range_lo;
		ymax = c->range_hi;
	}
	rp_plot p = { 0 };
	int rc = rp_plot_layout(&p, c, t, x, y, w, h, xmin, xmax, ymin, ymax);
	if (rc)
		return rc;
	if (p.x1 - p.x0 < 10 * s || p.y1 - p.y0 < 10 * s)
		return 0;
	size_t maxn = 1;
	for (size_t k = 0; k < c->nseries; k++)
		if (c->series[k].n > maxn)
			maxn = c->series[k].n;
	pts sc = { malloc(maxn * sizeof *sc.x), malloc(maxn * sizeof *sc.y) };
	if (!sc.x || !sc.y) {
		free(sc.x);
		free(sc.y);
		return COMMON_EIO;
	}
	rp_plot_grid(&p, cr, t);
	cairo_save(cr);
	/* Data stays inside the plot area (fixed ranges may cut it). */
	cairo_rectangle(cr, p.x0, p.y0 - 1 * s, p.x1 - p.x0,
			p.y1 - p.y0 + 2 * s);
	cairo_clip(cr);
	for (size_t k = 0; k < c->nseries; k++)
		if (c->series[k].lo)
			bands(cr, &p, &c->series[k], k, &sc);
	for (size_t k = 0; k < c->nseries; k++)
		if (c->series[k].flags & REPORT_SERIES_AREA)
			area(cr, &p, &c->series[k], k, &sc);
	cairo_restore(cr);
	rp_plot_refs(&p, c, cr, t);
	rp_plot_events(&p, c, cr, t);
	cairo_save(cr);
	cairo_rectangle(cr, p.x0 - 4 * s, p.y0 - 4 * s, p.x1 - p.x0 + 8 * s,
			p.y1 - p.y0 + 8 * s);
	cairo_clip(cr);
	for (size_t k = 0; k < c->nseries; k++)
		line(cr, &p, &c->series[k], k, 1.7 * s, &sc);
	for (size_t k = 0; k < c->nseries; k++)
		markers(cr, &p, &c->series[k], k, c->nseries, 5.5 * s);
	cairo_restore(cr);
	free(sc.x);
	free(sc.y);
	rp_plot_axes(&p, c, cr, t);
	return 0;
}
