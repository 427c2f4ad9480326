/* report/report_int.h: libreport internals shared between its files (not
 * installed, not for callers; tests include it to reach the pure helpers).
 * Internal names carry the rp_ prefix. */
#ifndef REPORT_INT_H
#define REPORT_INT_H

#include <stddef.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "report/report.h"

#define RP_PI 3.14159265358979323846

/* ---- colours and styles (report_palette.c) ------------------------------- */

typedef struct rp_rgb {
	double r, g, b;
} rp_rgb;

/* Ink and neutral greys of the house style. */
extern const rp_rgb RP_INK;    /* headings, values */
extern const rp_rgb RP_TEXT;   /* body text */
extern const rp_rgb RP_MUTED;  /* secondary text, tick labels */
extern const rp_rgb RP_FAINT;  /* notes, running header */
extern const rp_rgb RP_GRID;   /* grid lines */
extern const rp_rgb RP_RULE;   /* rules, axis lines, table lines */
extern const rp_rgb RP_TINT;   /* table header and callout background */
extern const rp_rgb RP_ACCENT; /* Okabe-Ito blue */

/* Number of distinct series styles (colour, dash, marker) before reuse. */
#define RP_SERIES_STYLES 8

rp_rgb rp_series_color(size_t i);
/* Sets series i's dash pattern for line width lw (solid for i = 0). */
void rp_series_dash(cairo_t *cr, size_t i, double lw);
/* Draws series i's marker (circle, square, triangle, diamond, ...) of
 * diameter size centred on (x, y): filled in colour with a white rim. */
void rp_series_marker(cairo_t *cr, size_t i, double x, double y, double size);

rp_rgb rp_event_color(enum report_event_kind k);
void rp_event_dash(cairo_t *cr, enum report_event_kind k, double lw);
void rp_event_symbol(cairo_t *cr, enum report_event_kind k, double x,
		     double y, double size);
/* English name of an event kind for legends ("drift onset", ...). */
const char *rp_event_name(enum report_event_kind k);

/* Sequential colour scale for heatmaps, t in [0, 1], light to dark with
 * monotonic lightness (reads in greyscale). */
rp_rgb rp_seq_color(double t);
/* Relative luminance (WCAG) for choosing black or white text. */
double rp_luminance(rp_rgb c);

void rp_set(cairo_t *cr, rp_rgb c);
void rp_set_alpha(cairo_t *cr, rp_rgb c, double a);

/* ---- text (report_text.c) -------------------------------------------------- */

enum rp_style {
	RP_DISPLAY,
	RP_H1,
	RP_H2,
	RP_H3,
	RP_BODY,
	RP_NOTE,
	RP_CELL,
	RP_CELL_HEAD,
	RP_CELL_BOLD,
	RP_RUNNING,
	RP_CHART_TITLE,
	RP_TICK,
	RP_AXIS,
	RP_LEGEND,
	RP_VALUE,
	RP_KEY,
	RP_BADGE,
	RP_STYLE_COUNT
};

/* A pango context for measuring and drawing at 72 dpi (1 unit = 1 pt),
 * hint metrics off so layout is identical on every surface, and a scale
 * multiplying every font size (1 = A4 handout). */
typedef struct rp_ctx {
	PangoContext *pc;
	PangoFontDescription *fd[RP_STYLE_COUNT];
	double scale;
} rp_ctx;

int rp_ctx_init(rp_ctx *t, double scale);
void rp_ctx_release(rp_ctx *t);
/* Font size of a style in points at the context's scale. */
double rp_style_size(const rp_ctx *t, enum rp_style s);
rp_rgb rp_style_color(enum rp_style s);

/* A layout of text (markup when markup != 0; invalid markup falls back to
 * plain text) in style s, wrapped at width points (<= 0: no wrapping).
 * Caller releases with g_object_unref. */
PangoLayout *rp_layout(const rp_ctx *t, enum rp_style s, const char *text,
		       int markup, double width, enum report_align align);
/* Logical width and height in points. */
void rp_layout_size(PangoLayout *l, double *w, double *h);
/* Draws l with its top-left corner at (x, y) in colour c. */
void rp_show(cairo_t *cr, PangoLayout *l, double x, double y, rp_rgb c);
/* One-shot: draws text in style s with its anchor at (x, y), where ax, ay
 * in [0, 1] place the anchor inside the text's box (0,0 = top-left,
 * 0.5,0.5 = centre); returns the text's width. */
double rp_text(cairo_t *cr, const rp_ctx *t, enum rp_style s, const char *text,
	       double x, double y, double ax, double ay, rp_rgb c);
/* The same on a translucent white box, for labels over data. */
double rp_text_halo(cairo_t *cr, const rp_ctx *t, enum rp_style s,
		    const char *text, double x, double y, double ax, double ay,
		    rp_rgb c);
double rp_text_width(const rp_ctx *t, enum rp_style s, const char *text);
/* True when markup parses as pango markup. */
int rp_markup_valid(const char *markup);

/* ---- numbers and labels (report_axis.c) ---------------------------------- */

/* Formats v into buf as the value format says; decimals < 0 = automatic
 * from step (the tick spacing, may be 0). Negative numbers get a true
 * minus sign (U+2212). */
void rp_format(char *buf, size_t n, double v, enum report_numfmt fmt,
	       int decimals, double step);

/* Decimals for the value labels of chart c whose largest magnitude is
 * maxabs: the chart's setting, or three significant digits of maxabs
 * (below 1e4; larger values use k/M in rp_format). */
struct report_chart;
int rp_value_decimals(const struct report_chart *c, double maxabs);

/* True when two of the labels shown (every stride-th, starting at 0), each
 * spanning [centre - width/2, centre + width/2] along the axis, come closer
 * than gap. Centres must be increasing. */
int rp_labels_overlap(const double *centre, const double *width, size_t n,
		      size_t stride, double gap);
/* How to show n labels along an axis: horizontally if they fit; else
 * rotated 90 degrees (their extent along the axis becomes their height)
 * if that fits; else rotated and thinned to every *stride-th label. Sets
 * *rotate (0 or 1) and *stride (>= 1). */
void rp_labels_fit(const double *centre, const double *width,
		   const double *height, size_t n, double gap, int *rotate,
		   size_t *stride);
/* Greedy row assignment for labels that must all stay at their positions
 * (event labels): label i goes on the lowest row (0..max_rows-1) where it
 * overlaps no label already there; row[i] = -1 when none is free. Returns
 * the number of rows used. */
int rp_labels_rows(const double *centre, const double *width, size_t n,
		   double gap, int max_rows, int *row);

/* Ramer-Douglas-Peucker on n points (report_simplify.c): sets keep[i] for
 * the points to draw (always the first and last) so that no dropped point
 * lies farther than tol from the drawn polyline; returns their count. */
size_t rp_simplify(const double *x, const double *y, size_t n, double tol,
		   unsigned char *keep);
/* Adds the simplified polyline (px, py) to cr's path, starting with a
 * move_to when move is nonzero, else a line_to. */
void rp_path_polyline(cairo_t *cr, const double *px, const double *py,
		      size_t n, int move);
/* Simplification tolerance in points. */
#define RP_SIMPLIFY_TOL 0.1

/* ---- charts (report_chart.c and chart_*.c) ------------------------------------ */

enum rp_chart_kind {
	RP_CHART_LINE,
	RP_CHART_STACK,
	RP_CHART_BAR,
	RP_CHART_RADAR,
	RP_CHART_HEATMAP,
	RP_CHART_BADGE,
};

typedef struct rp_series {
	char *name;
	double *x, *y, *lo, *hi; /* lo/hi NULL without a band */
	size_t n;
	unsigned flags;
} rp_series;

typedef struct rp_event {
	double x;
	enum report_event_kind kind;
	char *label; /* may be NULL */
} rp_event;

typedef struct rp_ref {
	double y;
	char *label; /* may be NULL */
} rp_ref;

struct report_chart {
	enum rp_chart_kind kind;
	char *title, *xlabel, *ylabel, *note, *band_label;
	int has_range;
	double range_lo, range_hi;
	enum report_numfmt fmt;
	int decimals;
	rp_series *series;
	size_t nseries, capseries;
	rp_event *events;
	size_t nevents, capevents;
	rp_ref *refs;
	size_t nrefs, caprefs;
	char **cats; /* bar categories, radar axes, heatmap rows */
	size_t ncats;
	char **cols; /* heatmap columns */
	size_t ncols;
	double *x; /* stack x values, n of them */
	size_t n;
	double *values; /* heatmap cells */
	double vmin, vmax;
	int horizontal, value_labels;
	int level, max_level;
	char *caption, *detail;
};

/* Allocates a chart of kind k with a copied title. */
report_chart *rp_chart_alloc(enum rp_chart_kind k, const char *title);
/* strdup that accepts NULL (returns NULL) and sets *fail on memory error. */
char *rp_strdup(const char *s, int *fail);
/* Copies n doubles (NULL stays NULL); sets *fail on memory error. */
double *rp_dupd(const double *v, size_t n, int *fail);
/* Copies n strings; NULL on memory failure. */
char **rp_dupv(const char *const *v, size_t n);
void rp_freev(char **v, size_t n);
/* Grows an array of elements of size sz so it holds need elements. */
int rp_grow(void **p, size_t *cap, size_t need, size_t sz);

/* Draws c into the rectangle (x, y, w, h) of cr. Returns 0 or COMMON_EIO
 * when cairo failed. */
int rp_chart_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h);

/* A legend entry: a series style, a shaded band, or an event kind. */
enum rp_legend_kind { RP_LEG_LINE, RP_LEG_AREA, RP_LEG_BAR, RP_LEG_BAND,
		      RP_LEG_EVENT };
typedef struct rp_legend_item {
	enum rp_legend_kind kind;
	size_t style; /* series index, or event kind */
	const char *label;
	int markers;
} rp_legend_item;
/* Height the legend needs at width w (0 when n = 0), and drawing it. */
double rp_legend_height(const rp_ctx *t, const rp_legend_item *it, size_t n,
			double w);
void rp_legend_draw(cairo_t *cr, const rp_ctx *t, const rp_legend_item *it,
		    size_t n, double x, double y, double w);

/* A cartesian value axis. */
typedef struct rp_axis {
	double lo, hi; /* data range shown */
	report_tickset ticks;
	enum report_numfmt fmt;
	int decimals;
	int first;  /* first tick inside the range */
	int stride; /* label every stride-th tick (>= 1; > 1 only when even
		       two ticks' labels would overlap) */
} rp_axis;

/* Fits an axis to [min, max] with ticks whose labels fit in length points
 * along the axis (horizontal labels side by side when along_x, stacked
 * labels otherwise). A loose axis extends to the outer ticks; a tight one
 * spans exactly [min, max] and shows only the ticks inside. */
int rp_axis_fit(rp_axis *a, const rp_ctx *t, double min, double max,
		double length, int along_x, int tight, enum report_numfmt fmt,
		int decimals);
/* True when tick i is shown: inside the axis range (tight axes drop
 * some) and on the label stride. */
int rp_axis_shows(const rp_axis *a, int i);
void rp_axis_label(const rp_axis *a, int i, char *buf, size_t n);

/* The plot frame shared by line, stacked-area and bar charts. */
typedef struct rp_plot {
	double x0, y0, x1, y1; /* plot area (y0 top) */
	rp_axis xa, ya;
	int xcat;      /* categorical x (vertical bars) */
	int ycat;      /* categorical y (horizontal bars) */
	size_t ncat;
	char *const *cats;
	int cat_rotate;
	size_t cat_stride;
	double cat_width; /* horizontal bars: width of the category column */
	double bx, by, bw, bh; /* the body rectangle the plot was laid out in */
	int ev_rows;      /* rows of event labels above the plot */
	double ev_rowh;   /* height of one such row */
} rp_plot;

double rp_px(const rp_plot *p, double x);
double rp_py(const rp_plot *p, double y);
/* Lays the plot out in the body rectangle: measures tick labels, axis
 * titles and event labels, fits ticks. The caller zeroes p and sets the
 * categorical fields (xcat/ycat, ncat, cats) first; xmin..xmax is ignored
 * for a categorical x axis, ymin..ymax for a categorical y axis. The value
 * axis is loose unless the chart has a fixed range; a numeric x axis is
 * tight (it spans the data exactly), except for horizontal bars. */
int rp_plot_layout(rp_plot *p, const report_chart *c, const rp_ctx *t,
		   double x, double y, double w, double h, double xmin,
		   double xmax, double ymin, double ymax);
/* Grid lines (under the data) and axes, ticks and titles (over it). */
void rp_plot_grid(const rp_plot *p, cairo_t *cr, const rp_ctx *t);
void rp_plot_axes(const rp_plot *p, const report_chart *c, cairo_t *cr,
		  const rp_ctx *t);
/* Horizontal reference lines with labels. */
void rp_plot_refs(const rp_plot *p, const report_chart *c, cairo_t *cr,
		  const rp_ctx *t);
/* Vertical event markers with stacked labels along the top of the plot. */
void rp_plot_events(const rp_plot *p, const report_chart *c, cairo_t *cr,
		    const rp_ctx *t);

/* Per-kind drawing into the body rectangle (below title and legend). */
int rp_line_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		 double x, double y, double w, double h);
int rp_stack_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h);
int rp_bar_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		double x, double y, double w, double h);
int rp_radar_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h);
int rp_heatmap_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		    double x, double y, double w, double h);
int rp_badge_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h);
/* Legend entries of a chart (points into c); returns the count (<= max). */
size_t rp_chart_legend(const report_chart *c, rp_legend_item *it, size_t max);

/* ---- output (report_render.c) --------------------------------------------- */

enum rp_format { RP_FMT_PDF, RP_FMT_SVG, RP_FMT_PNG };

/* Picks the format from path's extension (case-insensitive); unknown is
 * COMMON_EUSAGE naming the path. */
int rp_format_of(const char *path, enum rp_format *fmt, common_error *err);

/* Renumbers cairo's process-wide "surfaceN" ids in an SVG buffer by
 * order of appearance, in place; returns the new length. */
size_t rp_svg_normalize(char *buf, size_t len);

/* A drawing target writing to path atomically. */
typedef struct rp_target rp_target;
/* Opens a target of page size w x h points. */
int rp_target_open(const char *path, enum rp_format fmt, double w, double h,
		   rp_target **out, common_error *err);
cairo_t *rp_target_cr(rp_target *tg);
/* Sets the PDF's title metadata (no-op for other formats). */
void rp_target_set_title(rp_target *tg, const char *title);
/* Ends the current page and starts a new one (PDF only). */
void rp_target_next_page(rp_target *tg);
/* Finishes the surface, checks cairo, commits the file. Frees tg. */
int rp_target_close(rp_target *tg, common_error *err);
/* Discards everything written. Frees tg; NULL is a no-op. */
void rp_target_abort(rp_target *tg);

/* ---- documents (report_doc.c, report_flow.c, report_blocks.c, report_table.c) */

enum rp_block_kind {
	RP_B_HEADING,
	RP_B_PARA,
	RP_B_NOTE,
	RP_B_CALLOUT,
	RP_B_LIST,
	RP_B_KV,
	RP_B_TABLE,
	RP_B_CHARTS,
	RP_B_SPACE,
	RP_B_BREAK,
};

typedef struct rp_block {
	enum rp_block_kind kind;
	int level;    /* heading level; list: numbered */
	int markup;   /* text is pango markup */
	char *text;
	char **items; /* list items, kv keys */
	char **values; /* kv values */
	size_t n;
	report_table *table;
	report_chart **charts;
	double *weights;
	size_t ncharts;
	double height; /* charts (0 = automatic), space */
} rp_block;

struct report_doc {
	enum report_page_kind kind;
	char *title, *subtitle;
	int page_numbers;
	rp_block *blocks;
	size_t nblocks, cap;
	int failed; /* first building failure (negative status) or 0 */
};

/* Page geometry in points. */
typedef struct rp_page {
	double w, h;
	double left, right; /* text column x range */
	double top, bottom; /* content y range (between header and footer) */
	double scale;       /* font scale of the kind */
} rp_page;

void rp_page_geometry(enum report_page_kind kind, rp_page *pg);

/* Measured blocks: each block is a run of atoms (lines, rows, items) that
 * may be split between pages; `head` is redrawn at the top of a
 * continuation (table header). */
typedef struct rp_measure {
	double *atom;
	size_t natoms;
	double head;
	double before, after; /* space around the block */
	int keep_next;        /* keep on the page of the next block */
	int fill;             /* charts of automatic height on slides */
	void *priv;           /* cached layouts, freed by rp_block_release */
} rp_measure;

/* Where a run of atoms of a block went. */
typedef struct rp_place {
	size_t block;
	size_t from, to; /* atoms [from, to) */
	int page;
	double y, h;
	int cont; /* continuation of a block split on an earlier page */
} rp_place;

typedef struct rp_flow {
	const report_doc *doc;
	rp_page pg;
	rp_ctx ctx;
	rp_measure *m;
	rp_place *pl;
	size_t npl, cappl;
	int pages;
} rp_flow;

/* Measures and paginates doc. Release with rp_flow_release. */
int rp_flow_build(rp_flow *f, const report_doc *doc, common_error *err);
void rp_flow_release(rp_flow *f);
/* Draws one page (running header, footer, content). */
int rp_flow_draw_page(const rp_flow *f, cairo_t *cr, int page);

/* Block measuring and drawing (report_blocks.c; tables in report_table.c). */
int rp_block_measure(rp_flow *f, size_t bi, double width);
/* Draws a placed run of a block; nonzero when a chart failed. */
int rp_block_draw(const rp_flow *f, cairo_t *cr, const rp_place *p);
void rp_block_release(rp_measure *m, const rp_block *b);

int rp_table_measure(const report_table *tb, const rp_ctx *t, double width,
		     rp_measure *m);
void rp_table_draw(const report_table *tb, const rp_ctx *t,
		   const rp_measure *m, cairo_t *cr, size_t from, size_t to,
		   int cont, double x, double y, double width);
void rp_table_release(const report_table *tb, rp_measure *m);

#endif
