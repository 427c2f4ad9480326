/* report/report_badge.c: the level badge, a large level number inside a
 * ring of max_level segments of which `level` are filled, over a caption
 * and a detail line. The filled segments use the accent blue, the empty
 * ones the grid grey, so the level reads in greyscale too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

report_chart *report_chart_badge_new(const char *title, int level,
				     int max_level, const char *caption,
				     const char *detail)
{
	if (max_level < 1 || max_level > 20 || level < 0 || level > max_level)
		return NULL;
	report_chart *c = rp_chart_alloc(RP_CHART_BADGE, title);
	if (!c)
		return NULL;
	int fail = 0;
	c->caption = rp_strdup(caption, &fail);
	c->detail = rp_strdup(detail, &fail);
	c->level = level;
	c->max_level = max_level;
	if (fail) {
		report_chart_free(c);
		return NULL;
	}
	return c;
}

int rp_badge_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h)
{
	double s = t->scale;
	PangoLayout *ttl = NULL, *cap = NULL, *det = NULL;
	double th = 0, ch = 0, dh = 0;
	if (c->title && *c->title) {
		ttl = rp_layout(t, RP_CELL_HEAD, c->title, 0, w,
				REPORT_ALIGN_CENTER);
		rp_layout_size(ttl, NULL, &th);
		th += 6 * s;
	}
	if (c->caption && *c->caption) {
		cap = rp_layout(t, RP_H2, c->caption, 0, w, REPORT_ALIGN_CENTER);
		rp_layout_size(cap, NULL, &ch);
		ch += 8 * s;
	}
	if (c->detail && *c->detail) {
		det = rp_layout(t, RP_NOTE, c->detail, 0, w, REPORT_ALIGN_CENTER);
		rp_layout_size(det, NULL, &dh);
		dh += 3 * s;
	}
	double r = fmin(w, h - th - ch - dh) / 2;
	if (r > 80 * s)
		r = 80 * s;
	int rc = 0;
	if (r < 12 * s)
		goto out;
	double total = th + 2 * r + ch + dh;
	double top = y + (h - total) / 2, cx = x + w / 2;
	double cy = top + th + r;
	if (ttl)
		rp_show(cr, ttl, x, top, RP_MUTED);
	double ring = r * 0.13;
	double gap = c->max_level > 1 ? 0.07 : 0; /* radians between segments */
	double seg = 2 * RP_PI / c->max_level;
	cairo_save(cr);
	cairo_set_line_width(cr, ring);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
	for (int k = 0; k < c->max_level; k++) {
		double a0 = -RP_PI / 2 + k * seg + gap / 2;
		double a1 = a0 + seg - gap;
		cairo_new_path(cr);
		cairo_arc(cr, cx, cy, r - ring / 2, a0, a1);
		rp_set(cr, k < c->level ? RP_ACCENT : RP_GRID);
		cairo_stroke(cr);
	}
	cairo_restore(cr);
	/* The number, scaled to the ring: the badge style is 40 pt at scale
	 * 1, sized here to about 0.9 r. */
	char num[16];
	snprintf(num, sizeof num, "%d", c->level);
	PangoLayout *l = rp_layout(t, RP_BADGE, num, 0, 0, REPORT_ALIGN_LEFT);
	double nw, nh;
	rp_layout_size(l, &nw, &nh);
	double k = r * 0.95 / rp_style_size(t, RP_BADGE);
	cairo_save(cr);
	cairo_translate(cr, cx, cy - r * 0.08);
	cairo_scale(cr, k, k);
	rp_show(cr, l, -nw / 2, -nh / 2, RP_INK);
	cairo_restore(cr);
	g_object_unref(l);
	char of[32];
	snprintf(of, sizeof of, "/ %d", c->max_level); /* language-neutral */
	rp_text(cr, t, RP_NOTE, of, cx, cy + r * 0.42, 0.5, 0.5, RP_MUTED);
	double yy = cy + r + 8 * s;
	if (cap) {
		rp_show(cr, cap, x, yy, RP_INK);
		yy += ch;
	}
	if (det)
		rp_show(cr, det, x, yy - 5 * s, RP_MUTED);
out:
	if (ttl)
		g_object_unref(ttl);
	if (cap)
		g_object_unref(cap);
	if (det)
		g_object_unref(det);
	return rc;
}
