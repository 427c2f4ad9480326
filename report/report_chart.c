/* report/report_chart.c: the chart object (settings shared by every kind),
 * the frame around a chart (title, legend, note) and standalone rendering
 * of one chart to a file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

char *rp_strdup(const char *s, int *fail)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = malloc(n);
	if (!d) {
		*fail = 1;
		return NULL;
	}
	memcpy(d, s, n);
	return d;
}

double *rp_dupd(const double *v, size_t n, int *fail)
{
	if (!v)
		return NULL;
	double *d = malloc((n ? n : 1) * sizeof *d);
	if (!d) {
		*fail = 1;
		return NULL;
	}
	if (n)
		memcpy(d, v, n * sizeof *d);
	return d;
}

char **rp_dupv(const char *const *v, size_t n)
{
	char **d = calloc(n ? n : 1, sizeof *d);
	if (!d)
		return NULL;
	int fail = 0;
	for (size_t i = 0; i < n; i++)
		d[i] = rp_strdup(v && v[i] ? v[i] : "", &fail);
	if (fail) {
		rp_freev(d, n);
		return NULL;
	}
	return d;
}

void rp_freev(char **v, size_t n)
{
	if (!v)
		return;
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int rp_grow(void **p, size_t *cap, size_t need, size_t sz)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 8;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * sz);
	if (!q)
		return COMMON_EIO;
	*p = q;
	*cap = c;
	return 0;
}

report_chart *rp_chart_alloc(enum rp_chart_kind k, const char *title)
{
	report_chart *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	int fail = 0;
	c->kind = k;
	c->title = rp_strdup(title, &fail);
	c->fmt = REPORT_NUM_AUTO;
	c->decimals = -1;
	if (fail) {
		free(c);
		return NULL;
	}
	return c;
}

void report_chart_free(report_chart *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->nseries; i++) {
		rp_series *s = &c->series[i];
		free(s->name);
		free(s->x);
		free(s->y);
		free(s->lo);
		free(s->hi);
	}
	free(c->series);
	for (size_t i = 0; i < c->nevents; i++)
		free(c->events[i].label);
	free(c->events);
	for (size_t i = 0; i < c->nrefs; i++)
		free(c->refs[i].label);
	free(c->refs);
	rp_freev(c->cats, c->ncats);
	rp_freev(c->cols, c->ncols);
	free(c->x);
	free(c->values);
	free(c->title);
	free(c->xlabel);
	free(c->ylabel);
	free(c->note);
	free(c->band_label);
	free(c->caption);
	free(c->detail);
	free(c);
}

/* Replaces *dst by a copy of src. */
static int setstr(char **dst, const char *src)
{
	int fail = 0;
	char *d = rp_strdup(src, &fail);
	if (fail)
		return COMMON_EIO;
	free(*dst);
	*dst = d;
	return 0;
}

int report_chart_set_axis_labels(report_chart *c, const char *xlabel,
				 const char *ylabel)
{
	if (!c)
		return COMMON_EUSAGE;
	int rc = setstr(&c->xlabel, xlabel);
	return rc ? rc : setstr(&c->ylabel, ylabel);
}

int report_chart_set_value_range(report_chart *c, double lo, double hi,
				 common_error *err)
{
	if (!c)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"missing chart");
	if (!isfinite(lo) || !isfinite(hi) || !(lo < hi))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"invalid value range '%g..%g'", lo, hi);
	c->has_range = 1;
	c->range_lo = lo;
	c->range_hi = hi;
	return 0;
}

void report_chart_set_value_format(report_chart *c, enum report_numfmt fmt,
				   int decimals)
{
	if (!c)
		return;
	c->fmt = fmt;
	c->decimals = decimals > 9 ? 9 : decimals;
}

int report_chart_set_note(report_chart *c, const char *note)
{
	return c ? setstr(&c->note, note) : COMMON_EUSAGE;
}

int report_chart_add_event(report_chart *c, double x,
			   enum report_event_kind kind, const char *label,
			   common_error *err)
{
	if (!c || (c->kind != RP_CHART_LINE && c->kind != RP_CHART_STACK))
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"events need a line or stacked-area chart");
	if (!isfinite(x))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"event position '%g' not finite", x);
	if ((int)kind < 0 || (int)kind >= REPORT_EVENT_KINDS)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"unknown event kind '%d'", (int)kind);
	if (rp_grow((void **)&c->events, &c->capevents, c->nevents + 1,
		    sizeof *c->events))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding an event");
	int fail = 0;
	rp_event *e = &c->events[c->nevents];
	e->x = x;
	e->kind = kind;
	e->label = rp_strdup(label, &fail);
	if (fail)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding an event");
	c->nevents++;
	return 0;
}

int report_chart_add_reference(report_chart *c, double y, const char *label,
			       common_error *err)
{
	if (!c || (c->kind != RP_CHART_LINE && c->kind != RP_CHART_BAR))
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"reference lines need a line or bar chart");
	if (!isfinite(y))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"reference value '%g' not finite", y);
	if (rp_grow((void **)&c->refs, &c->caprefs, c->nrefs + 1,
		    sizeof *c->refs))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a reference line");
	int fail = 0;
	c->refs[c->nrefs].y = y;
	c->refs[c->nrefs].label = rp_strdup(label, &fail);
	if (fail)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a reference line");
	c->nrefs++;
	return 0;
}

size_t rp_chart_legend(const report_chart *c, rp_legend_item *it, size_t max)
{
	size_t n = 0;
	int band = 0;
	switch (c->kind) {
	case RP_CHART_LINE:
	case RP_CHART_BAR:
	case RP_CHART_RADAR:
	case RP_CHART_STACK:
		/* One series needs no legend (the title names it) unless
		 * bands or events need explaining. */
		if (c->nseries < 2 && c->nevents == 0 &&
		    !(c->band_label && c->nseries == 1 && c->series[0].lo))
			break;
		for (size_t i = 0; i < c->nseries && n < max; i++) {
			enum rp_legend_kind k =
				c->kind == RP_CHART_BAR ? RP_LEG_BAR
				: c->kind == RP_CHART_STACK ||
						(c->series[i].flags & REPORT_SERIES_AREA)
					? RP_LEG_AREA
					: RP_LEG_LINE;
			it[n++] = (rp_legend_item){
				k, i, c->series[i].name ? c->series[i].name : "",
				!(c->series[i].flags & REPORT_SERIES_NOMARKERS) };
			if (c->series[i].lo)
				band = 1;
		}
		break;
	default:
		break;
	}
	if (band && c->band_label && n < max)
		it[n++] = (rp_legend_item){ RP_LEG_BAND, 0, c->band_label, 0 };
	/* Each event kind present, in kind order. */
	for (int k = 0; k < REPORT_EVENT_KINDS && n < max; k++) {
		for (size_t i = 0; i < c->nevents; i++) {
			if ((int)c->events[i].kind == k) {
				it[n++] = (rp_legend_item){
					RP_LEG_EVENT, (size_t)k,
					rp_event_name((enum report_event_kind)k), 0 };
				break;
			}
		}
	}
	return n;
}

#define MAX_LEGEND 48

int rp_chart_draw(const report_chart *c, cairo_t *cr, const rp_ctx *t,
		  double x, double y, double w, double h)
{
	double s = t->scale;
	cairo_save(cr);
	if (c->title && *c->title && c->kind != RP_CHART_BADGE) {
		PangoLayout *l = rp_layout(t, RP_CHART_TITLE, c->title, 0, w,
					   REPORT_ALIGN_LEFT);
		double th;
		rp_layout_size(l, NULL, &th);
		rp_show(cr, l, x, y, RP_INK);
		g_object_unref(l);
		y += th + 6 * s;
		h -= th + 6 * s;
	}
	rp_legend_item it[MAX_LEGEND];
	size_t n = rp_chart_legend(c, it, MAX_LEGEND);
	if (n) {
		double lh = rp_legend_height(t, it, n, w);
		rp_legend_draw(cr, t, it, n, x, y, w);
		y += lh + 8 * s;
		h -= lh + 8 * s;
	}
	if (c->note && *c->note) {
		PangoLayout *l = rp_layout(t, RP_NOTE, c->note, 0, w,
					   REPORT_ALIGN_LEFT);
		double nh;
		rp_layout_size(l, NULL, &nh);
		rp_show(cr, l, x, y + h - nh, RP_FAINT);
		g_object_unref(l);
		h -= nh + 6 * s;
	}
	int rc = 0;
	if (w > 20 * s && h > 20 * s) {
		switch (c->kind) {
		case RP_CHART_LINE:
			rc = rp_line_draw(c, cr, t, x, y, w, h);
			break;
		case RP_CHART_STACK:
			rc = rp_stack_draw(c, cr, t, x, y, w, h);
			break;
		case RP_CHART_BAR:
			rc = rp_bar_draw(c, cr, t, x, y, w, h);
			break;
		case RP_CHART_RADAR:
			rc = rp_radar_draw(c, cr, t, x, y, w, h);
			break;
		case RP_CHART_HEATMAP:
			rc = rp_heatmap_draw(c, cr, t, x, y, w, h);
			break;
		case RP_CHART_BADGE:
			rc = rp_badge_draw(c, cr, t, x, y, w, h);
			break;
		}
	}
	cairo_restore(cr);
	if (!rc && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = COMMON_EIO;
	return rc;
}

int report_chart_render(const report_chart *c, const char *path,
			double width, double height, common_error *err)
{
	enum rp_format fmt;
	if (!c || !path)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"missing chart or path");
	int rc = rp_format_of(path, &fmt, err);
	if (rc)
		return rc;
	if (!(width >= 72 && width <= 14400 && height >= 72 && height <= 14400))
		return common_error_set(err, COMMON_EINPUT, path, 0,
					"figure size '%gx%g' outside 72..14400 pt",
					width, height);
	/* Text grows with the figure so a slide-sized chart stays legible
	 * from the back of the room; 520 x 320 pt is scale 1. */
	double s = fmin(width / 520, height / 320);
	s = s < 0.8 ? 0.8 : s > 3 ? 3 : s;
	rp_ctx t;
	rp_target *tg = NULL;
	if (rp_ctx_init(&t, s)) {
		rp_ctx_release(&t);
		return common_error_set(err, COMMON_EIO, path, 0,
					"cannot create a text context");
	}
	rc = rp_target_open(path, fmt, width, height, &tg, err);
	if (rc) {
		rp_ctx_release(&t);
		return rc;
	}
	cairo_t *cr = rp_target_cr(tg);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	double m = 14 * s;
	rc = rp_chart_draw(c, cr, &t, m, m, width - 2 * m, height - 2 * m);
	rp_ctx_release(&t);
	if (rc) {
		const char *why = cairo_status_to_string(cairo_status(cr));
		rc = common_error_set(err, rc, path, 0, "cannot draw chart: %s",
				      why);
		rp_target_abort(tg);
		return rc;
	}
	return rp_target_close(tg, err);
}
