/* report/report_palette.c: colours, dash patterns and marker shapes.
 *
 * Series colours are the Okabe-Ito palette (Okabe & Ito, "Color Universal
 * Design", 2008), ordered so neighbours differ most; every series also has
 * its own dash pattern and marker so a greyscale print still tells them
 * apart. Event kinds have fixed colours, dashes and symbols. The heatmap
 * scale is a single-hue blue ramp whose lightness falls monotonically. */
#include <math.h>

#include "report/report_int.h"
#include "common/common.h"

#define RGB(h) { ((h) >> 16 & 0xff) / 255.0, ((h) >> 8 & 0xff) / 255.0, \
		 ((h) & 0xff) / 255.0 }

const rp_rgb RP_INK = RGB(0x1b2330);
const rp_rgb RP_TEXT = RGB(0x2b313b);
const rp_rgb RP_MUTED = RGB(0x5f6774);
const rp_rgb RP_FAINT = RGB(0x8a919c);
const rp_rgb RP_GRID = RGB(0xe6e8ec);
const rp_rgb RP_RULE = RGB(0xc9ced6);
const rp_rgb RP_TINT = RGB(0xf2f5f8);
const rp_rgb RP_ACCENT = RGB(0x0072b2);

/* Okabe-Ito: blue, vermillion, bluish green, orange, reddish purple, sky
 * blue, black (softened), yellow (last: weakest on white). */
static const rp_rgb series_colors[RP_SERIES_STYLES] = {
	RGB(0x0072b2), RGB(0xd55e00), RGB(0x009e73), RGB(0xe69f00),
	RGB(0xcc79a7), RGB(0x56b4e9), RGB(0x3a3a3a), RGB(0xf0e442),
};

/* Dash patterns in multiples of the line width; 0 entries = solid. */
static const double series_dashes[RP_SERIES_STYLES][6] = {
	{ 0 },
	{ 5, 2.5 },
	{ 1, 2 },
	{ 7, 2.5, 1, 2.5 },
	{ 10, 3 },
	{ 2.5, 2.5 },
	{ 7, 2.5, 1, 2.5, 1, 2.5 },
	{ 1, 4 },
};
static const int series_ndash[RP_SERIES_STYLES] = { 0, 2, 2, 4, 2, 2, 6, 2 };

rp_rgb rp_series_color(size_t i)
{
	return series_colors[i % RP_SERIES_STYLES];
}

static void set_dash(cairo_t *cr, const double *d, int n, double lw)
{
	double v[6];
	for (int k = 0; k < n; k++)
		v[k] = d[k] * lw;
	cairo_set_dash(cr, v, n, 0);
}

void rp_series_dash(cairo_t *cr, size_t i, double lw)
{
	i %= RP_SERIES_STYLES;
	set_dash(cr, series_dashes[i], series_ndash[i], lw);
	/* Round caps turn the 1-unit dashes into dots. */
	cairo_set_line_cap(cr, series_ndash[i] ? CAIRO_LINE_CAP_ROUND
					       : CAIRO_LINE_CAP_BUTT);
}

static void polygon(cairo_t *cr, double x, double y, double r, int n,
		    double phase)
{
	for (int k = 0; k < n; k++) {
		double a = phase + 2 * RP_PI * k / n;
		double px = x + r * cos(a), py = y + r * sin(a);
		if (k == 0)
			cairo_move_to(cr, px, py);
		else
			cairo_line_to(cr, px, py);
	}
	cairo_close_path(cr);
}

/* Path of marker shape s (0..7) with radius r. */
static void shape(cairo_t *cr, size_t s, double x, double y, double r)
{
	switch (s % RP_SERIES_STYLES) {
	case 0:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r * 0.9, 0, 2 * RP_PI);
		break;
	case 1:
		cairo_rectangle(cr, x - r * 0.8, y - r * 0.8, 1.6 * r, 1.6 * r);
		break;
	case 2:
		polygon(cr, x, y + r * 0.15, r * 1.1, 3, -RP_PI / 2);
		break;
	case 3:
		polygon(cr, x, y, r * 1.05, 4, 0);
		break;
	case 4:
		polygon(cr, x, y - r * 0.15, r * 1.1, 3, RP_PI / 2);
		break;
	case 5:
		polygon(cr, x, y, r, 6, 0);
		break;
	case 6: { /* an X made of two bars, as one closed outline */
		double a = r * 0.35, b = r;
		cairo_move_to(cr, x - b, y - b + a);
		cairo_line_to(cr, x - b + a, y - b);
		cairo_line_to(cr, x, y - a);
		cairo_line_to(cr, x + b - a, y - b);
		cairo_line_to(cr, x + b, y - b + a);
		cairo_line_to(cr, x + a, y);
		cairo_line_to(cr, x + b, y + b - a);
		cairo_line_to(cr, x + b - a, y + b);
		cairo_line_to(cr, x, y + a);
		cairo_line_to(cr, x - b + a, y + b);
		cairo_line_to(cr, x - b, y + b - a);
		cairo_line_to(cr, x - a, y);
		cairo_close_path(cr);
		break;
	}
	default: { /* plus */
		double a = r * 0.32, b = r;
		cairo_move_to(cr, x - a, y - b);
		cairo_line_to(cr, x + a, y - b);
		cairo_line_to(cr, x + a, y - a);
		cairo_line_to(cr, x + b, y - a);
		cairo_line_to(cr, x + b, y + a);
		cairo_line_to(cr, x + a, y + a);
		cairo_line_to(cr, x + a, y + b);
		cairo_line_to(cr, x - a, y + b);
		cairo_line_to(cr, x - a, y + a);
		cairo_line_to(cr, x - b, y + a);
		cairo_line_to(cr, x - b, y - a);
		cairo_line_to(cr, x - a, y - a);
		cairo_close_path(cr);
		break;
	}
	}
}

void rp_series_marker(cairo_t *cr, size_t i, double x, double y, double size)
{
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_new_path(cr);
	shape(cr, i, x, y, size / 2);
	rp_set(cr, rp_series_color(i));
	cairo_fill_preserve(cr);
	/* A white rim keeps markers readable on top of lines and bands. */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, size * 0.16);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
	cairo_stroke(cr);
	cairo_restore(cr);
}

static const rp_rgb event_colors[REPORT_EVENT_KINDS] = {
	RGB(0xd55e00), RGB(0xe69f00), RGB(0x009e73),
	RGB(0x0072b2), RGB(0xcc79a7), RGB(0x6b7280),
};
static const double event_dashes[REPORT_EVENT_KINDS][4] = {
	{ 5, 3 }, { 1, 2.5 }, { 7, 2.5, 1, 2.5 }, { 0 }, { 2.5, 2 }, { 1, 3 },
};
static const int event_ndash[REPORT_EVENT_KINDS] = { 2, 2, 4, 0, 2, 2 };
/* Marker shape per event: diamond, triangle, circle, square, X, hexagon. */
static const size_t event_shapes[REPORT_EVENT_KINDS] = { 3, 2, 0, 1, 6, 5 };
static const char *const event_names[REPORT_EVENT_KINDS] = {
	"drift onset", "alarm", "retraining", "deployment", "rollback", "note",
};

static size_t ek(enum report_event_kind k)
{
	return (size_t)k < REPORT_EVENT_KINDS ? (size_t)k : REPORT_EVENT_NOTE;
}

rp_rgb rp_event_color(enum report_event_kind k)
{
	return event_colors[ek(k)];
}

void rp_event_dash(cairo_t *cr, enum report_event_kind k, double lw)
{
	set_dash(cr, event_dashes[ek(k)], event_ndash[ek(k)], lw);
	cairo_set_line_cap(cr, event_ndash[ek(k)] ? CAIRO_LINE_CAP_ROUND
						  : CAIRO_LINE_CAP_BUTT);
}

void rp_event_symbol(cairo_t *cr, enum report_event_kind k, double x,
		     double y, double size)
{
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_new_path(cr);
	shape(cr, event_shapes[ek(k)], x, y, size / 2);
	rp_set(cr, rp_event_color(k));
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_set_line_width(cr, size * 0.14);
	cairo_stroke(cr);
	cairo_restore(cr);
}

const char *rp_event_name(enum report_event_kind k)
{
	return event_names[ek(k)];
}

/* Stops of the sequential scale, light to dark blue. */
static const rp_rgb seq_stops[] = {
	RGB(0xf4f8fb), RGB(0xc9e0f0), RGB(0x86bbe0),
	RGB(0x3a88c4), RGB(0x0b5a9a), RGB(0x08345e),
};
#define NSTOPS (sizeof seq_stops / sizeof seq_stops[0])

rp_rgb rp_seq_color(double t)
{
	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	double p = t * (NSTOPS - 1);
	size_t i = (size_t)p;
	if (i >= NSTOPS - 1)
		return seq_stops[NSTOPS - 1];
	double f = p - (double)i;
	rp_rgb a = seq_stops[i], b = seq_stops[i + 1];
	return (rp_rgb){ a.r + f * (b.r - a.r), a.g + f * (b.g - a.g),
			 a.b + f * (b.b - a.b) };
}

static double lin(double c)
{
	return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double rp_luminance(rp_rgb c)
{
	return 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
}

void rp_set(cairo_t *cr, rp_rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

void rp_set_alpha(cairo_t *cr, rp_rgb c, double a)
{
	cairo_set_source_rgba(cr, c.r, c.g, c.b, a);
}
