/* report/report_text.c: text through pango, and the typographic scale.
 *
 * One pango context per rendering, at 72 dpi so one pango unit is 1/1024
 * point, with hint metrics off and glyph positions unrounded: text then
 * measures the same on PDF, SVG and PNG surfaces at any scale, which keeps
 * layout (and so pagination) independent of the output format. The font
 * family list names DejaVu Sans and then WenQuanYi Micro Hei; fontconfig
 * falls back per character, so Chinese renders with real glyphs. */
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

#define FAMILY "DejaVu Sans,WenQuanYi Micro Hei,sans-serif"

/* The typographic scale at scale 1 (A4): size in points, bold, colour,
 * line spacing factor. Sizes step by about 1.25 from the body size. */
static const struct style {
	double size;
	int bold;
	const rp_rgb *color;
	double spacing;
} styles[RP_STYLE_COUNT] = {
	[RP_DISPLAY] = { 24, 1, &RP_INK, 1.1 },
	[RP_H1] = { 16, 1, &RP_INK, 1.15 },
	[RP_H2] = { 12.5, 1, &RP_INK, 1.2 },
	[RP_H3] = { 10.5, 1, &RP_TEXT, 1.2 },
	[RP_BODY] = { 9.5, 0, &RP_TEXT, 1.4 },
	[RP_NOTE] = { 8, 0, &RP_MUTED, 1.3 },
	[RP_CELL] = { 8.5, 0, &RP_TEXT, 1.25 },
	[RP_CELL_HEAD] = { 8, 1, &RP_MUTED, 1.2 },
	[RP_CELL_BOLD] = { 8.5, 1, &RP_INK, 1.25 },
	[RP_RUNNING] = { 7.5, 0, &RP_FAINT, 1.0 },
	[RP_CHART_TITLE] = { 10, 1, &RP_INK, 1.15 },
	[RP_TICK] = { 7.5, 0, &RP_MUTED, 1.0 },
	[RP_AXIS] = { 8, 0, &RP_MUTED, 1.0 },
	[RP_LEGEND] = { 8, 0, &RP_TEXT, 1.0 },
	[RP_VALUE] = { 7.5, 0, &RP_TEXT, 1.0 },
	[RP_KEY] = { 8, 0, &RP_MUTED, 1.25 },
	[RP_BADGE] = { 40, 1, &RP_INK, 1.0 },
};

int rp_ctx_init(rp_ctx *t, double scale)
{
	memset(t, 0, sizeof *t);
	t->scale = scale;
	PangoFontMap *fm = pango_cairo_font_map_get_default();
	if (!fm)
		return COMMON_EIO;
	t->pc = pango_font_map_create_context(fm);
	if (!t->pc)
		return COMMON_EIO;
	pango_cairo_context_set_resolution(t->pc, 72);
	pango_context_set_round_glyph_positions(t->pc, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(t->pc, fo);
	cairo_font_options_destroy(fo);
	for (int s = 0; s < RP_STYLE_COUNT; s++) {
		PangoFontDescription *fd = pango_font_description_new();
		pango_font_description_set_family(fd, FAMILY);
		pango_font_description_set_weight(
			fd, styles[s].bold ? PANGO_WEIGHT_BOLD
					   : PANGO_WEIGHT_NORMAL);
		pango_font_description_set_absolute_size(
			fd, styles[s].size * scale * PANGO_SCALE);
		t->fd[s] = fd;
	}
	return 0;
}

void rp_ctx_release(rp_ctx *t)
{
	for (int s = 0; s < RP_STYLE_COUNT; s++) {
		if (t->fd[s])
			pango_font_description_free(t->fd[s]);
		t->fd[s] = NULL;
	}
	if (t->pc)
		g_object_unref(t->pc);
	t->pc = NULL;
}

double rp_style_size(const rp_ctx *t, enum rp_style s)
{
	return styles[s].size * t->scale;
}

rp_rgb rp_style_color(enum rp_style s)
{
	return *styles[s].color;
}

int rp_markup_valid(const char *markup)
{
	if (!markup)
		return 0;
	/* pango_parse_markup reports through GError, never on stderr. */
	GError *gerr = NULL;
	gboolean ok = pango_parse_markup(markup, -1, 0, NULL, NULL, NULL, &gerr);
	if (gerr)
		g_error_free(gerr);
	return ok ? 1 : 0;
}

PangoLayout *rp_layout(const rp_ctx *t, enum rp_style s, const char *text,
		       int markup, double width, enum report_align align)
{
	PangoLayout *l = pango_layout_new(t->pc);
	pango_layout_set_font_description(l, t->fd[s]);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align == REPORT_ALIGN_RIGHT
					      ? PANGO_ALIGN_RIGHT
				      : align == REPORT_ALIGN_CENTER
					      ? PANGO_ALIGN_CENTER
					      : PANGO_ALIGN_LEFT);
	if (styles[s].spacing != 1.0)
		pango_layout_set_line_spacing(l, (float)styles[s].spacing);
	if (!text)
		text = "";
	/* Markup was validated when the block was added; recheck so a bad
	 * string never reaches pango_layout_set_markup (which would warn). */
	if (markup && rp_markup_valid(text))
		pango_layout_set_markup(l, text, -1);
	else
		pango_layout_set_text(l, text, -1);
	return l;
}

void rp_layout_size(PangoLayout *l, double *w, double *h)
{
	PangoRectangle r;
	pango_layout_get_extents(l, NULL, &r);
	if (w)
		*w = (double)r.width / PANGO_SCALE;
	if (h)
		*h = (double)r.height / PANGO_SCALE;
}

void rp_show(cairo_t *cr, PangoLayout *l, double x, double y, rp_rgb c)
{
	rp_set(cr, c);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	cairo_new_path(cr);
}

double rp_text(cairo_t *cr, const rp_ctx *t, enum rp_style s, const char *text,
	       double x, double y, double ax, double ay, rp_rgb c)
{
	PangoLayout *l = rp_layout(t, s, text, 0, 0, REPORT_ALIGN_LEFT);
	double w, h;
	rp_layout_size(l, &w, &h);
	rp_show(cr, l, x - ax * w, y - ay * h, c);
	g_object_unref(l);
	return w;
}

double rp_text_width(const rp_ctx *t, enum rp_style s, const char *text)
{
	PangoLayout *l = rp_layout(t, s, text, 0, 0, REPORT_ALIGN_LEFT);
	double w;
	rp_layout_size(l, &w, NULL);
	g_object_unref(l);
	return w;
}

double rp_text_halo(cairo_t *cr, const rp_ctx *t, enum rp_style s,
		    const char *text, double x, double y, double ax, double ay,
		    rp_rgb c)
{
	PangoLayout *l = rp_layout(t, s, text, 0, 0, REPORT_ALIGN_LEFT);
	double w, h, p = 1.5 * t->scale;
	rp_layout_size(l, &w, &h);
	double x0 = x - ax * w, y0 = y - ay * h;
	cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	cairo_rectangle(cr, x0 - p, y0, w + 2 * p, h);
	cairo_fill(cr);
	rp_show(cr, l, x0, y0, c);
	g_object_unref(l);
	return w;
}
