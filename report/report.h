/* report/report.h: libreport, a small document model rendered with cairo
 * and pango to PDF, SVG and PNG.
 *
 * A report_doc is a list of blocks (headings, paragraphs, lists, callouts,
 * key-value blocks, tables, charts, page breaks) laid out top to bottom on
 * A4 portrait pages (handouts) or 16:9 pages (slides); content that does not
 * fit flows onto the next page (paragraphs split between lines, tables
 * between rows with the header repeated, charts move whole). Every page
 * carries a running header (document title, optional subtitle) and a page
 * number. Text goes through pango, so any script fontconfig can find a font
 * for renders, Chinese included.
 *
 * A report_chart is a figure (line/area with confidence bands and event
 * markers, stacked area, grouped bars with error bars, radar, heatmap,
 * level badge). It can be placed in a document or rendered alone to a file.
 * Colours follow the Okabe-Ito palette, and every series also differs by
 * dash pattern and marker shape, so figures read in greyscale print.
 *
 * The library knows nothing about simulations or assessments: callers build
 * documents from their own results (docs/report-library.md).
 *
 * Ownership and data: every string and number array passed in is COPIED
 * (the caller may free or reuse it as soon as the call returns); tables and
 * charts handed to a document are OWNED by it from then on. Functions never
 * print; they return 0 or a negative enum common_status and, when err is
 * non-NULL, fill it. Building functions fail only on memory exhaustion
 * (COMMON_EIO) or invalid arguments (COMMON_EUSAGE/COMMON_EINPUT); a document
 * remembers the first such failure and report_doc_render returns it.
 *
 * Output is reproducible: the same document gives byte-identical files
 * (fixed PDF creation date, no timestamps, deterministic ids).
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>

#include "common/error.h"

/* ---- page kinds ------------------------------------------------------- */

enum report_page_kind {
	REPORT_PAGE_A4 = 0,    /* A4 portrait, 595.28 x 841.89 pt */
	REPORT_PAGE_SLIDE = 1, /* 16:9, 960 x 540 pt (13.33 x 7.5 in) */
};

/* PNG output is rendered at this many pixels per inch (2 px per point),
 * sharp on a projector; PDF and SVG are vector and sized in points. */
#define REPORT_PNG_DPI 144.0

/* The fixed creation/modification date written into every PDF. */
#define REPORT_PDF_DATE "2000-01-01T00:00:00Z"

/* ---- text alignment, number formats, event kinds ------------------------ */

enum report_align {
	REPORT_ALIGN_LEFT = 0,
	REPORT_ALIGN_CENTER = 1,
	REPORT_ALIGN_RIGHT = 2,
};

/* How a chart writes its values (tick labels, value labels). */
enum report_numfmt {
	REPORT_NUM_AUTO = 0,    /* decimals from the tick step; k/M above 10^4 */
	REPORT_NUM_PERCENT = 1, /* value 0.25 is written "25%" */
	REPORT_NUM_INTEGER = 2, /* rounded to whole numbers */
};

/* Vertical event markers on line and stacked-area charts. Each kind has its
 * own colour, dash pattern and symbol (docs/report-library.md). */
enum report_event_kind {
	REPORT_EVENT_DRIFT = 0,    /* drift onset */
	REPORT_EVENT_ALARM = 1,    /* a monitor alarm */
	REPORT_EVENT_RETRAIN = 2,  /* a retraining job */
	REPORT_EVENT_DEPLOY = 3,   /* a deployment / promotion */
	REPORT_EVENT_ROLLBACK = 4, /* a rollback */
	REPORT_EVENT_NOTE = 5,     /* anything else */
};
#define REPORT_EVENT_KINDS 6

/* Series drawing options for line charts (bit flags). */
enum report_series_flags {
	REPORT_SERIES_AREA = 1,    /* fill between the line and the baseline */
	REPORT_SERIES_MARKERS = 2, /* a marker at every point (default: a few) */
	REPORT_SERIES_NOMARKERS = 4, /* no markers at all */
};

/* ---- charts --------------------------------------------------------------- */

typedef struct report_chart report_chart;

/* Line/area chart: x-y series sharing one numeric x axis. Caller frees with
 * report_chart_free (or hands it to a document). NULL on memory failure. */
report_chart *report_chart_line_new(const char *title);

/* Adds a series of n points (x[i], y[i]); lo/hi (may be NULL, both or
 * neither) give a confidence band drawn as a shaded area. NaN values in y
 * leave a gap. Arrays are copied. Returns the series index (>= 0) or a
 * negative status. */
int report_chart_line_add(report_chart *c, const char *name, const double *x,
			  const double *y, const double *lo, const double *hi,
			  size_t n, unsigned flags, common_error *err);

/* Names the shaded bands in the legend, e.g. "95% confidence band". */
int report_chart_line_set_band_label(report_chart *c, const char *label);

/* Adds a vertical event marker at x (line and stacked-area charts); label
 * may be NULL. Labels that would overlap are stacked on up to three rows;
 * any that still do not fit are left out (the legend names every kind). */
int report_chart_add_event(report_chart *c, double x,
			   enum report_event_kind kind, const char *label,
			   common_error *err);

/* Adds a horizontal reference line at value y (line and bar charts), e.g. a
 * target; label may be NULL. */
int report_chart_add_reference(report_chart *c, double y, const char *label,
			       common_error *err);

/* Stacked area: layers over the same n >= 2 finite x values (copied).
 * NULL on invalid arguments or memory failure (likewise for every chart
 * constructor below). Caller frees with report_chart_free. */
report_chart *report_chart_stack_new(const char *title, const double *x,
				     size_t n);
/* Adds a layer of n values (copied, >= 0, NaN read as 0) on top of the
 * previous ones. */
int report_chart_stack_add(report_chart *c, const char *name, const double *y,
			   common_error *err);

/* Grouped bars: one group per category (ncat >= 1, names copied).
 * Horizontal bars put
 * the categories on the vertical axis (long names read better). */
report_chart *report_chart_bar_new(const char *title,
				   const char *const *categories, size_t ncat,
				   int horizontal);
/* Adds one bar per category: value[ncat], and optionally the ends of an
 * error bar lo[ncat], hi[ncat] (both or neither; NaN = none for that bar).
 * Arrays are copied. */
int report_chart_bar_add(report_chart *c, const char *name,
			 const double *value, const double *lo,
			 const double *hi, common_error *err);
/* Writes each bar's value beside it (off by default). */
int report_chart_bar_set_value_labels(report_chart *c, int on);

/* Radar: naxes >= 3 axes (names copied) on a common finite scale
 * [min, max], min < max. */
report_chart *report_chart_radar_new(const char *title,
				     const char *const *axes, size_t naxes,
				     double min, double max);
/* Adds a polygon of naxes values (copied, clamped to the scale). */
int report_chart_radar_add(report_chart *c, const char *name,
			   const double *values, common_error *err);

/* Heatmap: nrows x ncols cells, values row-major (copied; NaN = no value,
 * drawn hatched), coloured on a sequential scale from vmin to vmax, each
 * cell labelled with its value; a colour bar serves as legend. */
report_chart *report_chart_heatmap_new(const char *title,
				       const char *const *rows, size_t nrows,
				       const char *const *cols, size_t ncols,
				       const double *values, double vmin,
				       double vmax);

/* Level badge (0 <= level <= max_level <= 20, max_level >= 1): a large
 * level number inside a ring of max_level segments,
 * level of them filled, with a caption (e.g. level 2 of 5, "Repeatable")
 * and an optional detail line (e.g. "score 2.4, range 2.1-2.7"). */
report_chart *report_chart_badge_new(const char *title, int level,
				     int max_level, const char *caption,
				     const char *detail);

/* --- settings shared by the chart kinds --- */

/* Axis titles (either may be NULL). */
int report_chart_set_axis_labels(report_chart *c, const char *xlabel,
				 const char *ylabel);
/* Fixes the value axis to [lo, hi] instead of fitting the data; ticks still
 * come from report_ticks. lo < hi, both finite. */
int report_chart_set_value_range(report_chart *c, double lo, double hi,
				 common_error *err);
/* How values are written on the value axis and in value labels. decimals
 * applies to value labels (< 0: automatic); tick labels always take as
 * many decimals as their step needs. */
void report_chart_set_value_format(report_chart *c, enum report_numfmt fmt,
				   int decimals);
/* A grey note under the chart (source, method), may be NULL. */
int report_chart_set_note(report_chart *c, const char *note);

/* Renders the chart alone into path; format from the extension (.pdf, .svg,
 * .png). width and height in points (PNG: REPORT_PNG_DPI, i.e. 2 px per
 * point). Text scales up for large figures (slides). Written atomically. */
int report_chart_render(const report_chart *c, const char *path,
			double width, double height, common_error *err);

/* Frees c; NULL is a no-op. */
void report_chart_free(report_chart *c);

/* ---- tables ---------------------------------------------------------------- */

typedef struct report_table report_table;

/* A table of ncols columns (1..64). NULL on failure. */
report_table *report_table_new(size_t ncols);
/* Column header (copied, may be NULL), alignment and relative width weight
 * (> 0; columns share the text width in proportion to their weights). */
int report_table_set_column(report_table *t, size_t col, const char *header,
			    enum report_align align, double weight);
/* Appends a row of ncols cells (copied; a NULL cell is empty). Cells wrap
 * within their column. */
int report_table_add_row(report_table *t, const char *const *cells);
/* Marks the last added row as emphasised (bold, e.g. a total). */
int report_table_emphasize_last(report_table *t);
/* Number of rows added so far. */
size_t report_table_rows(const report_table *t);
/* Frees t; NULL is a no-op. */
void report_table_free(report_table *t);

/* ---- documents ---------------------------------------------------------------- */

typedef struct report_doc report_doc;

/* A new empty document; title (copied, may be NULL) runs in every page's
 * header. Caller frees with report_doc_free. NULL on memory failure. */
report_doc *report_doc_new(enum report_page_kind kind, const char *title);
/* Frees doc and everything it owns; NULL is a no-op. */
void report_doc_free(report_doc *doc);

/* Text on the right of the running header (e.g. team and date); copied. */
int report_doc_set_subtitle(report_doc *doc, const char *subtitle);
/* Page numbers "n / N" in the footer (default on). */
void report_doc_set_page_numbers(report_doc *doc, int on);

/* Heading: level 0 is a display title (cover/slide title), 1..3 are section
 * levels. A heading is kept on the same page as what follows it. */
int report_doc_heading(report_doc *doc, int level, const char *text);
/* A paragraph of plain UTF-8 text, wrapped to the text width. */
int report_doc_paragraph(report_doc *doc, const char *text);
/* The same with pango markup (<b>, <i>, <span ...>); malformed markup is
 * refused with COMMON_EINPUT. */
int report_doc_paragraph_markup(report_doc *doc, const char *markup,
				common_error *err);
/* Appends plain UTF-8 text s to the NUL-terminated markup in buf (size
 * n), escaping &, < and >; truncates to fit, never inside a UTF-8
 * sequence. */
void report_markup_append(char *buf, size_t n, const char *s);
/* A small grey paragraph (captions, notes). */
int report_doc_note(report_doc *doc, const char *text);
/* A highlighted box with an accent bar (findings, key messages); markup
 * allowed as in report_doc_paragraph_markup. */
int report_doc_callout(report_doc *doc, const char *markup,
		       common_error *err);
/* A bulleted (numbered when numbered != 0) list of n items (copied; markup
 * allowed in items). */
int report_doc_list(report_doc *doc, const char *const *items, size_t n,
		    int numbered, common_error *err);
/* Key-value block: n pairs (copied) in two aligned columns. */
int report_doc_keyvalue(report_doc *doc, const char *const *keys,
			const char *const *values, size_t n);
/* A table; the document takes ownership of t (also on failure). */
int report_doc_table(report_doc *doc, report_table *t);
/* A chart of the given height in points (0 = automatic: half the text width
 * on A4, the rest of the page on slides); the document takes ownership of
 * c (also on failure). */
int report_doc_chart(report_doc *doc, report_chart *c, double height);
/* n charts side by side sharing the text width in proportion to weights
 * (NULL = equal); the document takes ownership of every chart (also on
 * failure). height as in report_doc_chart. */
int report_doc_chart_row(report_doc *doc, report_chart *const *charts,
			 const double *weights, size_t n, double height);
/* Vertical space in points. */
int report_doc_space(report_doc *doc, double points);
/* Starts a new page (ignored at the top of an empty page). */
int report_doc_page_break(report_doc *doc);

/* Lays the document out and returns its page count in *pages. */
int report_doc_page_count(const report_doc *doc, int *pages,
			  common_error *err);

/* Renders doc into path; format from the extension: .pdf has every page,
 * .svg and .png the first page only (see report_doc_render_page). Written
 * atomically; an unknown extension is COMMON_EUSAGE. */
int report_doc_render(const report_doc *doc, const char *path,
		      common_error *err);
/* Renders page `page` (0-based) alone into path (.pdf, .svg or .png). */
int report_doc_render_page(const report_doc *doc, int page, const char *path,
			   common_error *err);

/* ---- axis helpers (exposed because callers and tests use them) ----------- */

/* "Nice" ticks for [min, max]: the smallest step in the 1-2-5 sequence
 * (..., 0.1, 0.2, 0.5, 1, 2, 5, 10, ...) whose ticks, from floor(min/step)
 * to ceil(max/step) steps, number at most max_count (>= 2). The range is
 * widened when min == max. Writes the first tick, the step, the tick count
 * and the decimals needed to print the step. After Heckbert, "Nice numbers
 * for graph labels", Graphics Gems (1990). */
typedef struct report_tickset {
	double lo;    /* first tick (<= min) */
	double hi;    /* last tick (>= max) */
	double step;  /* distance between ticks */
	int count;    /* number of ticks, 2..max_count */
	int decimals; /* digits after the point to print a tick */
} report_tickset;

int report_ticks(double min, double max, int max_count, report_tickset *out,
		 common_error *err);
/* Tick i (0-based) computed without accumulating rounding errors. */
double report_tick_value(const report_tickset *t, int i);

#endif
