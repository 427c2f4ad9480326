/* report/report_table.c: tables with per-column alignment and wrapping.
 *
 * Style (after the "booktabs" school): no vertical rules, a header in small
 * bold grey over a rule, hairlines between rows, a firmer rule at the end;
 * emphasised rows (totals) in bold. A table split over pages repeats its
 * header. */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

#define MAX_COLS 64

struct report_table {
	size_t ncols;
	char **headers;
	enum report_align *align;
	double *weight;
	char **cells; /* nrows * ncols */
	unsigned char *emph;
	size_t nrows, caprows;
	int has_header;
};

report_table *report_table_new(size_t ncols)
{
	if (ncols == 0 || ncols > MAX_COLS)
		return NULL;
	report_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->ncols = ncols;
	t->headers = calloc(ncols, sizeof *t->headers);
	t->align = calloc(ncols, sizeof *t->align);
	t->weight = calloc(ncols, sizeof *t->weight);
	if (!t->headers || !t->align || !t->weight) {
		report_table_free(t);
		return NULL;
	}
	for (size_t j = 0; j < ncols; j++)
		t->weight[j] = 1;
	return t;
}

void report_table_free(report_table *t)
{
	if (!t)
		return;
	if (t->headers)
		for (size_t j = 0; j < t->ncols; j++)
			free(t->headers[j]);
	free(t->headers);
	free(t->align);
	free(t->weight);
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->emph);
	free(t);
}

int report_table_set_column(report_table *t, size_t col, const char *header,
			    enum report_align align, double weight)
{
	if (!t || col >= t->ncols || !(weight > 0) || weight > 1e6 ||
	    (int)align < 0 || align > REPORT_ALIGN_RIGHT)
		return COMMON_EUSAGE;
	int fail = 0;
	char *h = rp_strdup(header, &fail);
	if (fail)
		return COMMON_EIO;
	free(t->headers[col]);
	t->headers[col] = h;
	t->align[col] = align;
	t->weight[col] = weight;
	if (h && *h)
		t->has_header = 1;
	return 0;
}

int report_table_add_row(report_table *t, const char *const *cells)
{
	if (!t || !cells)
		return COMMON_EUSAGE;
	size_t cap = t->caprows;
	if (rp_grow((void **)&t->emph, &cap, t->nrows + 1, 1))
		return COMMON_EIO;
	if (cap != t->caprows) {
		char **c = realloc(t->cells, cap * t->ncols * sizeof *c);
		if (!c)
			return COMMON_EIO;
		t->cells = c;
		t->caprows = cap;
	}
	char **row = t->cells + t->nrows * t->ncols;
	int fail = 0;
	for (size_t j = 0; j < t->ncols; j++)
		row[j] = rp_strdup(cells[j] ? cells[j] : "", &fail);
	if (fail) {
		for (size_t j = 0; j < t->ncols; j++)
			free(row[j]);
		return COMMON_EIO;
	}
	t->emph[t->nrows++] = 0;
	return 0;
}

int report_table_emphasize_last(report_table *t)
{
	if (!t || t->nrows == 0)
		return COMMON_EUSAGE;
	t->emph[t->nrows - 1] = 1;
	return 0;
}

size_t report_table_rows(const report_table *t)
{
	return t ? t->nrows : 0;
}

/* Cached cell layouts: (nrows + 1) x ncols, header row first. */
typedef struct tcache {
	PangoLayout **l;
	double colw[MAX_COLS];
	double padx, pady;
} tcache;

int rp_table_measure(const report_table *tb, const rp_ctx *t, double width,
		     rp_measure *m)
{
	double s = t->scale;
	tcache *tc = calloc(1, sizeof *tc);
	size_t nc = tb->ncols, nr = tb->nrows;
	if (!tc)
		return COMMON_EIO;
	tc->l = calloc((nr + 1) * nc, sizeof *tc->l);
	m->atom = calloc(nr ? nr : 1, sizeof *m->atom);
	if (!tc->l || !m->atom) {
		free(tc->l);
		free(tc);
		return COMMON_EIO;
	}
	m->priv = tc;
	m->natoms = nr;
	tc->padx = 5 * s;
	tc->pady = 4 * s;
	double wsum = 0;
	for (size_t j = 0; j < nc; j++)
		wsum += tb->weight[j];
	for (size_t j = 0; j < nc; j++)
		tc->colw[j] = width * tb->weight[j] / wsum;
	double inner;
	if (tb->has_header) {
		double hh = 0;
		for (size_t j = 0; j < nc; j++) {
			inner = tc->colw[j] - 2 * tc->padx;
			PangoLayout *l = rp_layout(t, RP_CELL_HEAD, tb->headers[j],
						   0, inner, tb->align[j]);
			double h;
			rp_layout_size(l, NULL, &h);
			if (h > hh)
				hh = h;
			tc->l[j] = l;
		}
		m->head = hh + 2 * tc->pady + 2 * s;
	}
	for (size_t i = 0; i < nr; i++) {
		double rh = 0;
		for (size_t j = 0; j < nc; j++) {
			inner = tc->colw[j] - 2 * tc->padx;
			PangoLayout *l = rp_layout(
				t, tb->emph[i] ? RP_CELL_BOLD : RP_CELL,
				tb->cells[i * nc + j], 0, inner, tb->align[j]);
			double h;
			rp_layout_size(l, NULL, &h);
			if (h > rh)
				rh = h;
			tc->l[(i + 1) * nc + j] = l;
		}
		m->atom[i] = rh + 2 * tc->pady;
	}
	m->before = 6 * s;
	m->after = 12 * s;
	return 0;
}

void rp_table_release(const report_table *tb, rp_measure *m)
{
	tcache *tc = m->priv;
	if (!tc)
		return;
	for (size_t k = 0; k < (tb->nrows + 1) * tb->ncols; k++)
		if (tc->l[k])
			g_object_unref(tc->l[k]);
	free(tc->l);
	free(tc);
	m->priv = NULL;
}

static void hline(cairo_t *cr, double x0, double x1, double y, double lw,
		  rp_rgb c)
{
	cairo_set_line_width(cr, lw);
	rp_set(cr, c);
	cairo_move_to(cr, x0, y);
	cairo_line_to(cr, x1, y);
	cairo_stroke(cr);
}

void rp_table_draw(const report_table *tb, const rp_ctx *t,
		   const rp_measure *m, cairo_t *cr, size_t from, size_t to,
		   int cont, double x, double y, double width)
{
	(void)cont; /* the header repeats on every piece */
	const tcache *tc = m->priv;
	double s = t->scale;
	size_t nc = tb->ncols;
	cairo_save(cr);
	if (tb->has_header) {
		double cx = x;
		for (size_t j = 0; j < nc; j++) {
			rp_show(cr, tc->l[j], cx + tc->padx, y + tc->pady,
				rp_style_color(RP_CELL_HEAD));
			cx += tc->colw[j];
		}
		y += m->head;
		hline(cr, x, x + width, y - 1 * s, 1.0 * s, RP_RULE);
	}
	for (size_t i = from; i < to; i++) {
		double cx = x;
		for (size_t j = 0; j < nc; j++) {
			rp_show(cr, tc->l[(i + 1) * nc + j], cx + tc->padx,
				y + tc->pady,
				tb->emph[i] ? RP_INK : RP_TEXT);
			cx += tc->colw[j];
		}
		y += m->atom[i];
		if (i + 1 < tb->nrows)
			hline(cr, x, x + width, y, 0.5 * s, RP_GRID);
	}
	if (to == tb->nrows)
		hline(cr, x, x + width, y, 0.9 * s, RP_RULE);
	cairo_restore(cr);
}
