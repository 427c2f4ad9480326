/* report/report_plot.c: the cartesian frame shared by line, stacked-area
 * and bar charts: plot-area layout, light horizontal grid, axes with nice
 * ticks whose labels never overlap, axis titles, reference lines, and
 * event markers whose labels are stacked so they never overlap either.
 *
 * Style: no box around the plot, grid lines in a light grey, one baseline,
 * the value-axis title written horizontally above the axis (no rotated
 * text to read). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

#define MAX_EVENT_ROWS 3

double rp_px(const rp_plot *p, double x)
{
	return p->x0 + (x - p->xa.lo) / (p->xa.hi - p->xa.lo) * (p->x1 - p->x0);
}

double rp_py(const rp_plot *p, double y)
{
	return p->y1 - (y - p->ya.lo) / (p->ya.hi - p->ya.lo) * (p->y1 - p->y0);
}

typedef struct evbox {
	size_t i;      /* event index */
	double x;      /* position on the page */
	double centre; /* label box, along x */
	double width;
	int flip;      /* label on the left of the marker */
	int row;
} evbox;

static int by_x(const void *a, const void *b)
{
	const evbox *p = a, *q = b;
	if (p->x != q->x)
		return p->x < q->x ? -1 : 1;
	return p->i < q->i ? -1 : p->i > q->i;
}

/* Label boxes of the labelled events, sorted by position, with rows.
 * Returns the count (caller frees *out) or -1 on memory failure. */
static long event_boxes(const rp_plot *p, const report_chart *c,
			const rp_ctx *t, int max_rows, evbox **out, int *rows)
{
	double s = t->scale;
	evbox *b = calloc(c->nevents ? c->nevents : 1, sizeof *b);
	double *cen = calloc(c->nevents ? c->nevents : 1, sizeof *cen);
	double *wid = calloc(c->nevents ? c->nevents : 1, sizeof *wid);
	int *row = calloc(c->nevents ? c->nevents : 1, sizeof *row);
	if (!b || !cen || !wid || !row) {
		free(b);
		free(cen);
		free(wid);
		free(row);
		return -1;
	}
	size_t n = 0;
	for (size_t i = 0; i < c->nevents; i++) {
		const rp_event *e = &c->events[i];
		if (!e->label || !*e->label || e->x < p->xa.lo || e->x > p->xa.hi)
			continue;
		double x = rp_px(p, e->x);
		double tw = rp_text_width(t, RP_VALUE, e->label);
		evbox *v = &b[n++];
		v->i = i;
		v->x = x;
		double left = x - 4 * s, right = x + 6 * s + tw;
		if (right > p->x1 + 6 * s) {
			v->flip = 1;
			left = x - 6 * s - tw;
			right = x + 4 * s;
		}
		v->centre = (left + right) / 2;
		v->width = right - left;
	}
	qsort(b, n, sizeof *b, by_x);
	for (size_t k = 0; k < n; k++) {
		cen[k] = b[k].centre;
		wid[k] = b[k].width;
	}
	/* Flipped boxes can break the increasing order the row assignment
	 * wants; it only compares with each row's rightmost edge, which
	 * stays correct as long as centres are visited left to right. */
	*rows = n ? rp_labels_rows(cen, wid, n, 3 * s, max_rows, row) : 0;
	for (size_t k = 0; k < n; k++)
		b[k].row = row[k];
	free(cen);
	free(wid);
	free(row);
	*out = b;
	return (long)n;
}

static double max_cat_width(const rp_ctx *t, char *const *cats, size_t n)
{
	double m = 0;
	for (size_t i = 0; i < n; i++) {
		double w = rp_text_width(t, RP_TICK, cats[i]);
		if (w > m)
			m = w;
	}
	return m;
}

/* Decides rotation and thinning of categorical x labels. */
static int cat_fit(rp_plot *p, const rp_ctx *t)
{
	size_t n = p->ncat;
	double *c = calloc(n ? n : 1, sizeof *c), *w = calloc(n ? n : 1, sizeof *w),
	       *h = calloc(n ? n : 1, sizeof *h);
	if (!c || !w || !h) {
		free(c);
		free(w);
		free(h);
		return COMMON_EIO;
	}
	double slot = (p->x1 - p->x0) / (double)(n ? n : 1);
	for (size_t i = 0; i < n; i++) {
		c[i] = p->x0 + (i + 0.5) * slot;
		w[i] = rp_text_width(t, RP_TICK, p->cats[i]);
		h[i] = rp_style_size(t, RP_TICK) * 1.3;
	}
	rp_labels_fit(c, w, h, n, 4 * t->scale, &p->cat_rotate, &p->cat_stride);
	free(c);
	free(w);
	free(h);
	return 0;
}

int rp_plot_layout(rp_plot *p, const report_chart *c, const rp_ctx *t,
		   double x, double y, double w, double h, double xmin,
		   double xmax, double ymin, double ymax)
{
	double s = t->scale;
	double tick_h = rp_style_size(t, RP_TICK) * 1.3;
	double axis_h = rp_style_size(t, RP_AXIS) * 1.4;
	double top = 2 * s, bottom = tick_h + 6 * s, left, right = 12 * s;
	int rc;
	p->bx = x;
	p->by = y;
	p->bw = w;
	p->bh = h;
	if (c->xlabel && *c->xlabel)
		bottom += axis_h + 2 * s;
	if (p->ycat) {
		/* Horizontal bars: categories down the left, values along x. */
		double cw = max_cat_width(t, p->cats, p->ncat);
		if (cw > 0.38 * w)
			cw = 0.38 * w;
		p->cat_width = cw;
		left = cw + 10 * s;
		if (c->value_labels)
			right += 24 * s;
		for (size_t i = 0; i < c->nrefs; i++)
			if (c->refs[i].label && *c->refs[i].label) {
				top += rp_style_size(t, RP_VALUE) * 1.3 + 3 * s;
				break;
			}
		p->x0 = x + left;
		p->x1 = x + w - right;
		p->y0 = y + top;
		p->y1 = y + h - bottom;
		if (p->x1 - p->x0 < 10 * s || p->y1 - p->y0 < 10 * s)
			return 0;
		return rp_axis_fit(&p->xa, t, xmin, xmax, p->x1 - p->x0, 1,
				   c->has_range, c->fmt, -1);
	}
	if (c->ylabel && *c->ylabel)
		top += axis_h + 2 * s;
	/* First pass with a guessed left margin: x ticks for the event rows
	 * and the category label fit. */
	p->x0 = x + 40 * s;
	p->x1 = x + w - (p->xcat ? 4 * s : right);
	if (p->x1 - p->x0 < 10 * s)
		return 0;
	if (!p->xcat) {
		rc = rp_axis_fit(&p->xa, t, xmin, xmax, p->x1 - p->x0, 1, 1,
				 REPORT_NUM_AUTO, -1);
		if (rc)
			return rc;
	}
	p->ev_rowh = rp_style_size(t, RP_VALUE) * 1.6;
	if (c->nevents) {
		evbox *b = NULL;
		int rows = 0;
		if (event_boxes(p, c, t, MAX_EVENT_ROWS, &b, &rows) < 0)
			return COMMON_EIO;
		free(b);
		p->ev_rows = rows;
		top += rows ? rows * p->ev_rowh + 4 * s : 6 * s;
	}
	if (p->xcat) {
		rc = cat_fit(p, t);
		if (rc)
			return rc;
		if (p->cat_rotate) {
			double cw = max_cat_width(t, p->cats, p->ncat);
			if (cw > 0.4 * h)
				cw = 0.4 * h;
			bottom += cw - tick_h;
		}
	}
	p->y0 = y + top;
	p->y1 = y + h - bottom;
	if (p->y1 - p->y0 < 10 * s)
		return 0;
	rc = rp_axis_fit(&p->ya, t, ymin, ymax, p->y1 - p->y0, 0, c->has_range,
			 c->fmt, -1);
	if (rc)
		return rc;
	double lw = 0;
	for (int i = 0; i < p->ya.ticks.count; i++) {
		if (!rp_axis_shows(&p->ya, i))
			continue;
		char buf[64];
		rp_axis_label(&p->ya, i, buf, sizeof buf);
		double tw = rp_text_width(t, RP_TICK, buf);
		if (tw > lw)
			lw = tw;
	}
	p->x0 = x + lw + 8 * s;
	if (p->x1 - p->x0 < 10 * s)
		return 0;
	if (!p->xcat) {
		rc = rp_axis_fit(&p->xa, t, xmin, xmax, p->x1 - p->x0, 1, 1,
				 REPORT_NUM_AUTO, -1);
		if (rc)
			return rc;
	} else {
		rc = cat_fit(p, t);
	}
	return rc;
}

void rp_plot_grid(const rp_plot *p, cairo_t *cr, const rp_ctx *t)
{
	double s = t->scale;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.7 * s);
	rp_set(cr, RP_GRID);
	if (!p->ycat) {
		for (int i = 0; i < p->ya.ticks.count; i++) {
			if (!rp_axis_shows(&p->ya, i))
				continue;
			double yy = rp_py(p, report_tick_value(&p->ya.ticks, i));
			if (fabs(yy - p->y1) < 0.5)
				continue; /* the baseline is drawn by the axis */
			cairo_move_to(cr, p->x0, yy);
			cairo_line_to(cr, p->x1, yy);
		}
	} else {
		for (int i = 0; i < p->xa.ticks.count; i++) {
			if (!rp_axis_shows(&p->xa, i))
				continue;
			double xx = rp_px(p, report_tick_value(&p->xa.ticks, i));
			cairo_move_to(cr, xx, p->y0);
			cairo_line_to(cr, xx, p->y1);
		}
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* x tick labels of a numeric x axis, kept inside the body. */
static void x_ticks(const rp_plot *p, cairo_t *cr, const rp_ctx *t)
{
	double s = t->scale;
	for (int i = 0; i < p->xa.ticks.count; i++) {
		if (!rp_axis_shows(&p->xa, i))
			continue;
		char buf[64];
		rp_axis_label(&p->xa, i, buf, sizeof buf);
		double xx = rp_px(p, report_tick_value(&p->xa.ticks, i));
		double tw = rp_text_width(t, RP_TICK, buf);
		double lx = xx - tw / 2;
		if (lx + tw > p->bx + p->bw)
			lx = p->bx + p->bw - tw;
		if (!p->ycat) {
			rp_set(cr, RP_RULE);
			cairo_move_to(cr, xx, p->y1);
			cairo_line_to(cr, xx, p->y1 + 3 * s);
			cairo_stroke(cr);
		}
		rp_text(cr, t, RP_TICK, buf, lx, p->y1 + 5 * s, 0, 0,
			rp_style_color(RP_TICK));
	}
}

static void cat_labels(const rp_plot *p, cairo_t *cr, const rp_ctx *t)
{
	double s = t->scale;
	if (p->ycat) {
		double slot = (p->y1 - p->y0) / (double)p->ncat;
		for (size_t i = 0; i < p->ncat; i++) {
			PangoLayout *l = rp_layout(t, RP_TICK, p->cats[i], 0,
						   p->cat_width, REPORT_ALIGN_RIGHT);
			pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
			double lh;
			rp_layout_size(l, NULL, &lh);
			rp_show(cr, l, p->x0 - 10 * s - p->cat_width,
				p->y0 + (i + 0.5) * slot - lh / 2, RP_TEXT);
			g_object_unref(l);
		}
		return;
	}
	double slot = (p->x1 - p->x0) / (double)p->ncat;
	size_t stride = p->cat_stride ? p->cat_stride : 1;
	for (size_t i = 0; i < p->ncat; i += stride) {
		double cx = p->x0 + (i + 0.5) * slot;
		if (!p->cat_rotate) {
			rp_text(cr, t, RP_TICK, p->cats[i], cx, p->y1 + 5 * s, 0.5,
				0, RP_TEXT);
			continue;
		}
		/* Rotated a quarter turn, reading upwards, ending at the
		 * axis. */
		PangoLayout *l = rp_layout(t, RP_TICK, p->cats[i], 0, 0,
					   REPORT_ALIGN_LEFT);
		double tw, th;
		rp_layout_size(l, &tw, &th);
		cairo_save(cr);
		cairo_translate(cr, cx, p->y1 + 5 * s);
		cairo_rotate(cr, -RP_PI / 2);
		rp_show(cr, l, -tw, -th / 2, RP_TEXT);
		cairo_restore(cr);
		g_object_unref(l);
	}
}

void rp_plot_axes(const rp_plot *p, const report_chart *c, cairo_t *cr,
		  const rp_ctx *t)
{
	double s = t->scale;
	cairo_save(cr);
	cairo_set_line_width(cr, 0.9 * s);
	cairo_set_dash(cr, NULL, 0, 0);
	rp_set(cr, RP_RULE);
	if (p->ycat) {
		double x0 = p->xa.lo <= 0 && p->xa.hi >= 0 ? rp_px(p, 0) : p->x0;
		cairo_move_to(cr, x0, p->y0);
		cairo_line_to(cr, x0, p->y1);
	} else {
		double yb = p->ya.lo <= 0 && p->ya.hi >= 0 && p->xcat
				    ? rp_py(p, 0)
				    : p->y1;
		cairo_move_to(cr, p->x0, yb);
		cairo_line_to(cr, p->x1, yb);
	}
	cairo_stroke(cr);
	cairo_set_line_width(cr, 0.7 * s);
	if (!p->ycat) {
		for (int i = 0; i < p->ya.ticks.count; i++) {
			if (!rp_axis_shows(&p->ya, i))
				continue;
			char buf[64];
			rp_axis_label(&p->ya, i, buf, sizeof buf);
			rp_text(cr, t, RP_TICK, buf, p->x0 - 7 * s,
				rp_py(p, report_tick_value(&p->ya.ticks, i)), 1,
				0.5, rp_style_color(RP_TICK));
		}
	}
	if (p->xcat || p->ycat)
		cat_labels(p, cr, t);
	if (!p->xcat)
		x_ticks(p, cr, t);
	if (c->xlabel && *c->xlabel)
		rp_text(cr, t, RP_AXIS, c->xlabel, (p->x0 + p->x1) / 2,
			p->by + p->bh, 0.5, 1, RP_MUTED);
	if (c->ylabel && *c->ylabel && !p->ycat)
		rp_text(cr, t, RP_AXIS, c->ylabel, p->bx, p->by, 0, 0, RP_MUTED);
	cairo_restore(cr);
}

void rp_plot_refs(const rp_plot *p, const report_chart *c, cairo_t *cr,
		  const rp_ctx *t)
{
	double s = t->scale;
	for (size_t i = 0; i < c->nrefs; i++) {
		const rp_ref *r = &c->refs[i];
		cairo_save(cr);
		cairo_set_line_width(cr, 1.0 * s);
		double d[2] = { 4 * s, 3 * s };
		cairo_set_dash(cr, d, 2, 0);
		rp_set(cr, RP_INK);
		if (p->ycat) {
			if (r->y < p->xa.lo || r->y > p->xa.hi)
				goto next;
			double xx = rp_px(p, r->y);
			cairo_move_to(cr, xx, p->y0);
			cairo_line_to(cr, xx, p->y1);
			cairo_stroke(cr);
			if (r->label)
				rp_text(cr, t, RP_VALUE, r->label, xx,
					p->y0 - 3 * s, 0.5, 1, RP_INK);
		} else {
			if (r->y < p->ya.lo || r->y > p->ya.hi)
				goto next;
			double yy = rp_py(p, r->y);
			cairo_move_to(cr, p->x0, yy);
			cairo_line_to(cr, p->x1, yy);
			cairo_stroke(cr);
			if (r->label)
				rp_text_halo(cr, t, RP_VALUE, r->label, p->x1,
					     yy - 2 * s, 1, 1, RP_INK);
		}
	next:
		cairo_restore(cr);
	}
}

void rp_plot_events(const rp_plot *p, const report_chart *c, cairo_t *cr,
		    const rp_ctx *t)
{
	double s = t->scale;
	if (!c->nevents)
		return;
	evbox *b = NULL;
	int rows = 0;
	long n = event_boxes(p, c, t, p->ev_rows, &b, &rows);
	cairo_save(cr);
	cairo_set_line_width(cr, 1.1 * s);
	/* Unlabelled (or unplaced) events: a line and a small symbol on the
	 * top edge of the plot. */
	for (size_t i = 0; i < c->nevents; i++) {
		const rp_event *e = &c->events[i];
		if (e->x < p->xa.lo || e->x > p->xa.hi)
			continue;
		double xx = rp_px(p, e->x);
		/* A white casing keeps the marker visible over fills. */
		cairo_set_dash(cr, NULL, 0, 0);
		cairo_set_line_width(cr, 3 * s);
		cairo_set_source_rgba(cr, 1, 1, 1, 0.7);
		cairo_move_to(cr, xx, p->y1);
		cairo_line_to(cr, xx, p->y0);
		cairo_stroke(cr);
		cairo_set_line_width(cr, 1.1 * s);
		rp_event_dash(cr, e->kind, 1.1 * s);
		rp_set_alpha(cr, rp_event_color(e->kind), 0.9);
		cairo_move_to(cr, xx, p->y1);
		cairo_line_to(cr, xx, p->y0);
		cairo_stroke(cr);
	}
	for (long k = 0; k < n; k++) {
		const evbox *v = &b[k];
		if (v->row < 0)
			continue;
		const rp_event *e = &c->events[v->i];
		double cy = p->y0 - 4 * s - (v->row + 0.5) * p->ev_rowh;
		rp_event_dash(cr, e->kind, 1.1 * s);
		rp_set_alpha(cr, rp_event_color(e->kind), 0.9);
		cairo_move_to(cr, v->x, p->y0);
		cairo_line_to(cr, v->x, cy);
		cairo_stroke(cr);
		if (v->flip)
			rp_text(cr, t, RP_VALUE, c->events[v->i].label,
				v->x - 6 * s, cy, 1, 0.5, RP_TEXT);
		else
			rp_text(cr, t, RP_VALUE, c->events[v->i].label,
				v->x + 6 * s, cy, 0, 0.5, RP_TEXT);
		rp_event_symbol(cr, e->kind, v->x, cy, 7 * s);
	}
	for (size_t i = 0; i < c->nevents; i++) {
		const rp_event *e = &c->events[i];
		if (e->x < p->xa.lo || e->x > p->xa.hi)
			continue;
		int placed = 0;
		for (long k = 0; k < n; k++)
			if (b[k].i == i && b[k].row >= 0)
				placed = 1;
		if (!placed)
			rp_event_symbol(cr, e->kind, rp_px(p, e->x), p->y0,
					5.5 * s);
	}
	cairo_restore(cr);
	free(b);
}
