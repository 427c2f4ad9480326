/* report/report_legend.c: chart legends, one row of entries that wraps.
 * Each entry shows the same colour, dash and marker as the data it names,
 * so the legend works in greyscale too. */
#include "report/report_int.h"
#include "common/common.h"

/* Swatch width and spacing, in points at scale 1. */
#define SWATCH 20.0
#define SWATCH_GAP 5.0
#define ITEM_GAP 14.0

static double item_width(const rp_ctx *t, const rp_legend_item *it)
{
	double sw = it->kind == RP_LEG_LINE || it->kind == RP_LEG_EVENT
			    ? SWATCH
			    : 10;
	return (sw + SWATCH_GAP) * t->scale +
	       rp_text_width(t, RP_LEGEND, it->label);
}

static double row_height(const rp_ctx *t)
{
	return rp_style_size(t, RP_LEGEND) * 1.7;
}

double rp_legend_height(const rp_ctx *t, const rp_legend_item *it, size_t n,
			double w)
{
	if (n == 0)
		return 0;
	double x = 0;
	int rows = 1;
	for (size_t i = 0; i < n; i++) {
		double iw = item_width(t, &it[i]);
		if (x > 0 && x + iw > w) {
			rows++;
			x = 0;
		}
		x += iw + ITEM_GAP * t->scale;
	}
	return rows * row_height(t) - rp_style_size(t, RP_LEGEND) * 0.5;
}

static void swatch(cairo_t *cr, const rp_ctx *t, const rp_legend_item *it,
		   double x, double cy)
{
	double s = t->scale;
	cairo_save(cr);
	switch (it->kind) {
	case RP_LEG_LINE:
		cairo_set_line_width(cr, 1.8 * s);
		rp_series_dash(cr, it->style, 1.8 * s);
		rp_set(cr, rp_series_color(it->style));
		cairo_move_to(cr, x, cy);
		cairo_line_to(cr, x + SWATCH * s, cy);
		cairo_stroke(cr);
		if (it->markers)
			rp_series_marker(cr, it->style, x + SWATCH * s / 2, cy,
					 6 * s);
		break;
	case RP_LEG_AREA:
	case RP_LEG_BAR:
		cairo_rectangle(cr, x, cy - 5 * s, 10 * s, 10 * s);
		rp_set(cr, rp_series_color(it->style));
		cairo_fill(cr);
		break;
	case RP_LEG_BAND:
		cairo_rectangle(cr, x, cy - 5 * s, 10 * s, 10 * s);
		rp_set_alpha(cr, RP_MUTED, 0.25);
		cairo_fill(cr);
		break;
	case RP_LEG_EVENT: {
		enum report_event_kind k = (enum report_event_kind)it->style;
		cairo_set_line_width(cr, 1.2 * s);
		rp_event_dash(cr, k, 1.2 * s);
		rp_set(cr, rp_event_color(k));
		cairo_move_to(cr, x, cy);
		cairo_line_to(cr, x + SWATCH * s, cy);
		cairo_stroke(cr);
		rp_event_symbol(cr, k, x + SWATCH * s / 2, cy, 7 * s);
		break;
	}
	}
	cairo_restore(cr);
}

void rp_legend_draw(cairo_t *cr, const rp_ctx *t, const rp_legend_item *it,
		    size_t n, double x, double y, double w)
{
	double s = t->scale, cx = 0, rh = row_height(t);
	double th = rp_style_size(t, RP_LEGEND);
	for (size_t i = 0; i < n; i++) {
		double iw = item_width(t, &it[i]);
		if (cx > 0 && cx + iw > w) {
			y += rh;
			cx = 0;
		}
		double cy = y + th * 0.6;
		swatch(cr, t, &it[i], x + cx, cy);
		double sw = it[i].kind == RP_LEG_LINE || it[i].kind == RP_LEG_EVENT
				    ? SWATCH
				    : 10;
		rp_text(cr, t, RP_LEGEND, it[i].label,
			x + cx + (sw + SWATCH_GAP) * s, cy, 0, 0.5, RP_TEXT);
		cx += iw + ITEM_GAP * s;
	}
}
