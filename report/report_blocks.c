/* report/report_blocks.c: measuring and drawing the text blocks (headings,
 * paragraphs, notes, callouts, lists, key-value blocks) and chart rows;
 * tables are in report_table.c.
 *
 * Measuring turns a block into atoms, the units pagination may not split:
 * the lines of a paragraph, the items of a list, the rows of a key-value
 * block or table; headings, callouts and charts are one atom. Layouts made
 * while measuring are kept and reused for drawing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

typedef struct bcache {
	PangoLayout **l; /* 1 for text blocks, n for lists, 2n for kv */
	size_t nl;
	double *top, *base, *lx; /* paragraph lines: top, baseline, x */
	double keyw;             /* kv: key column width */
	double indent;           /* list: text indent */
	double pad;              /* callout: inner padding */
} bcache;

static enum rp_style heading_style(int level)
{
	return level == 0 ? RP_DISPLAY : level == 1 ? RP_H1
				     : level == 2   ? RP_H2
						    : RP_H3;
}

/* Space under the heading text where the rule goes. */
static double heading_rule(const rp_ctx *t, int level)
{
	return level <= 1 ? (level == 0 ? 12 : 7) * t->scale : 0;
}

static int one_atom(rp_measure *m, double h)
{
	m->atom = malloc(sizeof *m->atom);
	if (!m->atom)
		return COMMON_EIO;
	m->atom[0] = h;
	m->natoms = 1;
	return 0;
}

static int cache_new(rp_measure *m, size_t nl)
{
	bcache *c = calloc(1, sizeof *c);
	if (!c)
		return COMMON_EIO;
	c->l = calloc(nl ? nl : 1, sizeof *c->l);
	if (!c->l) {
		free(c);
		return COMMON_EIO;
	}
	c->nl = nl;
	m->priv = c;
	return 0;
}

/* Lines of a paragraph layout as atoms. */
static int lines(rp_measure *m, bcache *c)
{
	PangoLayout *l = c->l[0];
	int n = pango_layout_get_line_count(l);
	m->atom = calloc(n ? (size_t)n : 1, sizeof *m->atom);
	c->top = calloc(n ? (size_t)n : 1, sizeof *c->top);
	c->base = calloc(n ? (size_t)n : 1, sizeof *c->base);
	c->lx = calloc(n ? (size_t)n : 1, sizeof *c->lx);
	if (!m->atom || !c->top || !c->base || !c->lx)
		return COMMON_EIO;
	PangoLayoutIter *it = pango_layout_get_iter(l);
	int k = 0;
	do {
		int y0, y1;
		PangoRectangle r;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		pango_layout_iter_get_line_extents(it, NULL, &r);
		c->top[k] = (double)y0 / PANGO_SCALE;
		c->base[k] = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		c->lx[k] = (double)r.x / PANGO_SCALE;
		m->atom[k] = (double)(y1 - y0) / PANGO_SCALE;
		k++;
	} while (k < n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	m->natoms = (size_t)k;
	/* With a line-spacing factor the yrange excludes the gap to the
	 * next line: an atom runs from its top to the next line's top. */
	for (int i = 0; i + 1 < k; i++)
		m->atom[i] = c->top[i + 1] - c->top[i];
	return 0;
}

int rp_block_measure(rp_flow *f, size_t bi, double width)
{
	const rp_block *b = &f->doc->blocks[bi];
	rp_measure *m = &f->m[bi];
	const rp_ctx *t = &f->ctx;
	double s = t->scale, h;
	bcache *c;
	int rc = 0;
	switch (b->kind) {
	case RP_B_HEADING: {
		if ((rc = cache_new(m, 1)))
			return rc;
		c = m->priv;
		c->l[0] = rp_layout(t, heading_style(b->level), b->text, 0, width,
				    REPORT_ALIGN_LEFT);
		rp_layout_size(c->l[0], NULL, &h);
		static const double before[4] = { 0, 20, 16, 12 };
		static const double after[4] = { 14, 10, 6, 4 };
		m->before = before[b->level] * s;
		m->after = after[b->level] * s;
		m->keep_next = 1;
		return one_atom(m, h + heading_rule(t, b->level));
	}
	case RP_B_PARA:
	case RP_B_NOTE:
		if ((rc = cache_new(m, 1)))
			return rc;
		c = m->priv;
		c->l[0] = rp_layout(t, b->kind == RP_B_NOTE ? RP_NOTE : RP_BODY,
				    b->text, b->markup, width, REPORT_ALIGN_LEFT);
		m->after = (b->kind == RP_B_NOTE ? 6 : 8) * s;
		return lines(m, c);
	case RP_B_CALLOUT:
		if ((rc = cache_new(m, 1)))
			return rc;
		c = m->priv;
		c->pad = 10 * s;
		c->l[0] = rp_layout(t, RP_BODY, b->text, 1, width - 2 * c->pad - 3 * s,
				    REPORT_ALIGN_LEFT);
		rp_layout_size(c->l[0], NULL, &h);
		m->before = 4 * s;
		m->after = 12 * s;
		return one_atom(m, h + 2 * c->pad);
	case RP_B_LIST:
		if ((rc = cache_new(m, b->n)))
			return rc;
		c = m->priv;
		c->indent = (b->level ? 20 : 14) * s;
		m->atom = calloc(b->n ? b->n : 1, sizeof *m->atom);
		if (!m->atom)
			return COMMON_EIO;
		for (size_t i = 0; i < b->n; i++) {
			c->l[i] = rp_layout(t, RP_BODY, b->items[i], 1,
					    width - c->indent, REPORT_ALIGN_LEFT);
			rp_layout_size(c->l[i], NULL, &h);
			m->atom[i] = h + 3 * s;
		}
		m->natoms = b->n;
		m->after = 8 * s;
		return 0;
	case RP_B_KV: {
		if ((rc = cache_new(m, 2 * b->n)))
			return rc;
		c = m->priv;
		double kw = 0;
		for (size_t i = 0; i < b->n; i++)
			kw = fmax(kw, rp_text_width(t, RP_KEY, b->items[i]));
		c->keyw = fmin(kw + 16 * s, width * 0.38);
		m->atom = calloc(b->n ? b->n : 1, sizeof *m->atom);
		if (!m->atom)
			return COMMON_EIO;
		for (size_t i = 0; i < b->n; i++) {
			double kh, vh;
			c->l[2 * i] = rp_layout(t, RP_KEY, b->items[i], 0,
						c->keyw - 10 * s, REPORT_ALIGN_LEFT);
			c->l[2 * i + 1] = rp_layout(t, RP_BODY, b->values[i], 0,
						    width - c->keyw,
						    REPORT_ALIGN_LEFT);
			rp_layout_size(c->l[2 * i], NULL, &kh);
			rp_layout_size(c->l[2 * i + 1], NULL, &vh);
			m->atom[i] = fmax(kh, vh) + 5 * s;
		}
		m->natoms = b->n;
		m->before = 2 * s;
		m->after = 10 * s;
		return 0;
	}
	case RP_B_TABLE:
		return rp_table_measure(b->table, t, width, m);
	case RP_B_CHARTS: {
		double content = f->pg.bottom - f->pg.top;
		if (b->height > 0) {
			h = b->height;
		} else if (f->doc->kind == REPORT_PAGE_SLIDE) {
			m->fill = 1;
			h = content * 0.45;
		} else {
			h = width * 0.5;
		}
		m->before = 6 * s;
		m->after = 14 * s;
		return one_atom(m, fmin(h, content));
	}
	case RP_B_SPACE:
	case RP_B_BREAK:
		return 0;
	}
	return 0;
}

static void draw_heading(const rp_flow *f, cairo_t *cr, const rp_block *b,
			 const bcache *c, double x, double y, double w)
{
	const rp_ctx *t = &f->ctx;
	double s = t->scale, h;
	rp_show(cr, c->l[0], x, y, rp_style_color(heading_style(b->level)));
	rp_layout_size(c->l[0], NULL, &h);
	if (b->level == 0) {
		/* A short accent bar under a display title. */
		rp_set(cr, RP_ACCENT);
		cairo_rectangle(cr, x, y + h + 6 * s, 36 * s, 3 * s);
		cairo_fill(cr);
	} else if (b->level == 1) {
		rp_set(cr, RP_RULE);
		cairo_set_line_width(cr, 0.7 * s);
		cairo_move_to(cr, x, y + h + 4 * s);
		cairo_line_to(cr, x + w, y + h + 4 * s);
		cairo_stroke(cr);
	}
}

static void draw_lines(cairo_t *cr, const bcache *c, size_t from, size_t to,
		       double x, double y, rp_rgb col)
{
	double off = y - c->top[from];
	rp_set(cr, col);
	for (size_t k = from; k < to; k++) {
		PangoLayoutLine *line =
			pango_layout_get_line_readonly(c->l[0], (int)k);
		if (!line)
			break;
		cairo_move_to(cr, x + c->lx[k], off + c->base[k]);
		pango_cairo_show_layout_line(cr, line);
	}
	cairo_new_path(cr);
}

static int draw_charts(const rp_flow *f, cairo_t *cr, const rp_block *b,
		       double x, double y, double w, double h)
{
	double s = f->ctx.scale, gap = 18 * s, sum = 0;
	int rc = 0;
	for (size_t i = 0; i < b->ncharts; i++)
		sum += b->weights[i];
	double avail = w - gap * (double)(b->ncharts - 1);
	for (size_t i = 0; i < b->ncharts; i++) {
		double cw = avail * b->weights[i] / sum;
		int r = rp_chart_draw(b->charts[i], cr, &f->ctx, x, y, cw, h);
		if (r && !rc)
			rc = r;
		x += cw + gap;
	}
	return rc;
}

int rp_block_draw(const rp_flow *f, cairo_t *cr, const rp_place *p)
{
	const rp_block *b = &f->doc->blocks[p->block];
	const rp_measure *m = &f->m[p->block];
	const bcache *c = m->priv;
	const rp_ctx *t = &f->ctx;
	double s = t->scale, x = f->pg.left, w = f->pg.right - f->pg.left;
	double y = p->y;
	switch (b->kind) {
	case RP_B_HEADING:
		draw_heading(f, cr, b, c, x, y, w);
		break;
	case RP_B_PARA:
		draw_lines(cr, c, p->from, p->to, x, y, RP_TEXT);
		break;
	case RP_B_NOTE:
		draw_lines(cr, c, p->from, p->to, x, y, RP_MUTED);
		break;
	case RP_B_CALLOUT:
		rp_set(cr, RP_TINT);
		cairo_rectangle(cr, x, y, w, m->atom[0]);
		cairo_fill(cr);
		rp_set(cr, RP_ACCENT);
		cairo_rectangle(cr, x, y, 3 * s, m->atom[0]);
		cairo_fill(cr);
		rp_show(cr, c->l[0], x + 3 * s + c->pad, y + c->pad, RP_INK);
		break;
	case RP_B_LIST:
		for (size_t i = p->from; i < p->to; i++) {
			char mark[32];
			if (b->level)
				snprintf(mark, sizeof mark, "%zu.", i + 1);
			else
				snprintf(mark, sizeof mark, "\xe2\x80\xa2");
			rp_text(cr, t, RP_BODY, mark,
				x + (b->level ? c->indent - 6 * s : 3 * s), y,
				b->level ? 1 : 0, 0, b->level ? RP_MUTED : RP_ACCENT);
			rp_show(cr, c->l[i], x + c->indent, y, RP_TEXT);
			y += m->atom[i];
		}
		break;
	case RP_B_KV:
		for (size_t i = p->from; i < p->to; i++) {
			rp_show(cr, c->l[2 * i], x, y + 1 * s, RP_MUTED);
			rp_show(cr, c->l[2 * i + 1], x + c->keyw, y, RP_INK);
			y += m->atom[i];
		}
		break;
	case RP_B_TABLE:
		rp_table_draw(b->table, t, m, cr, p->from, p->to, p->cont, x, y, w);
		break;
	case RP_B_CHARTS:
		return draw_charts(f, cr, b, x, y, w, p->h);
	case RP_B_SPACE:
	case RP_B_BREAK:
		break;
	}
	return 0;
}

void rp_block_release(rp_measure *m, const rp_block *b)
{
	if (b->kind == RP_B_TABLE) {
		rp_table_release(b->table, m);
	} else if (m->priv) {
		bcache *c = m->priv;
		for (size_t i = 0; i < c->nl; i++)
			if (c->l[i])
				g_object_unref(c->l[i]);
		free(c->l);
		free(c->top);
		free(c->base);
		free(c->lx);
		free(c);
	}
	m->priv = NULL;
	free(m->atom);
	m->atom = NULL;
}
