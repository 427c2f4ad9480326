/* report/report_flow.c: page geometry, pagination and page drawing.
 *
 * Blocks are measured once into atoms (report_blocks.c) and placed top to
 * bottom. A block that does not fit continues on the next page, split
 * between atoms; a block never starts with a single orphaned atom at the
 * foot of a page; headings stay with what follows; space before a block
 * is dropped at the top of a page; charts of automatic height on slides
 * fill the rest of the page. Layout depends only on the document, never
 * on the output format, so a PDF and a PNG of page 3 show the same page. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

void rp_page_geometry(enum report_page_kind kind, rp_page *pg)
{
	if (kind == REPORT_PAGE_SLIDE) {
		*pg = (rp_page){ .w = 960, .h = 540, .left = 56, .right = 904,
				 .top = 64, .bottom = 498, .scale = 1.5 };
	} else {
		/* A4 with 20 mm side margins. */
		*pg = (rp_page){ .w = 595.28, .h = 841.89, .left = 56.7,
				 .right = 595.28 - 56.7, .top = 74,
				 .bottom = 841.89 - 62, .scale = 1.0 };
	}
}

static int place(rp_flow *f, size_t bi, size_t from, size_t to, int page,
		 double y, double h, int cont)
{
	if (rp_grow((void **)&f->pl, &f->cappl, f->npl + 1, sizeof *f->pl))
		return COMMON_EIO;
	f->pl[f->npl++] = (rp_place){ bi, from, to, page, y, h, cont };
	return 0;
}

/* Height of the first atom (with repeated head) of the next block that
 * has atoms, for keeping headings with their content. */
static double next_first(const rp_flow *f, size_t bi)
{
	for (size_t k = bi + 1; k < f->doc->nblocks; k++) {
		const rp_measure *m = &f->m[k];
		if (f->doc->blocks[k].kind == RP_B_BREAK)
			return 0;
		if (m->natoms == 0)
			continue;
		double h = m->head + m->before + m->atom[0];
		if (m->natoms > 1)
			h += m->atom[1]; /* two lines, not a lone one */
		return h;
	}
	return 0;
}

static int paginate(rp_flow *f)
{
	const rp_page *pg = &f->pg;
	double content = pg->bottom - pg->top;
	int page = 0, empty = 1;
	double y = pg->top;
	for (size_t bi = 0; bi < f->doc->nblocks; bi++) {
		const rp_block *b = &f->doc->blocks[bi];
		rp_measure *m = &f->m[bi];
		if (b->kind == RP_B_BREAK) {
			if (!empty) {
				page++;
				y = pg->top;
				empty = 1;
			}
			continue;
		}
		if (b->kind == RP_B_SPACE) {
			if (!empty)
				y += b->height;
			continue;
		}
		if (m->natoms == 0)
			continue;
		if (m->fill) {
			double avail = pg->bottom - y - (empty ? 0 : m->before);
			if (!empty && avail < 0.45 * content) {
				page++;
				y = pg->top;
				empty = 1;
				avail = content;
			}
			m->atom[0] = avail;
		}
		if (m->keep_next && !empty) {
			double need = m->before + m->atom[0] + m->after +
				      next_first(f, bi);
			if (y + need > pg->bottom) {
				page++;
				y = pg->top;
				empty = 1;
			}
		}
		size_t i = 0;
		int cont = 0;
		while (i < m->natoms) {
			double y0 = y + (empty ? 0 : m->before);
			double h = m->head;
			size_t j = i;
			while (j < m->natoms && y0 + h + m->atom[j] <= pg->bottom)
				h += m->atom[j++];
			if (j == i && empty) /* taller than a page: place anyway */
				h += m->atom[j++];
			/* No lone first atom of a longer block at a page foot. */
			int orphan = i == 0 && j == 1 && m->natoms > 1 && !empty;
			if (j == i || orphan) {
				page++;
				y = pg->top;
				empty = 1;
				continue;
			}
			if (place(f, bi, i, j, page, y0, h, cont))
				return COMMON_EIO;
			y = y0 + h;
			empty = 0;
			i = j;
			if (i < m->natoms) {
				page++;
				y = pg->top;
				empty = 1;
				cont = 1;
			}
		}
		y += m->after;
	}
	f->pages = page + 1;
	return 0;
}

int rp_flow_build(rp_flow *f, const report_doc *doc, common_error *err)
{
	memset(f, 0, sizeof *f);
	f->doc = doc;
	rp_page_geometry(doc->kind, &f->pg);
	if (rp_ctx_init(&f->ctx, f->pg.scale))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"cannot create a text context");
	f->m = calloc(doc->nblocks ? doc->nblocks : 1, sizeof *f->m);
	if (!f->m)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory laying out the document");
	double width = f->pg.right - f->pg.left;
	for (size_t bi = 0; bi < doc->nblocks; bi++)
		if (rp_block_measure(f, bi, width))
			return common_error_set(err, COMMON_EIO, NULL, 0,
						"out of memory laying out the document");
	if (paginate(f))
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory laying out the document");
	return 0;
}

void rp_flow_release(rp_flow *f)
{
	if (f->m)
		for (size_t bi = 0; bi < f->doc->nblocks; bi++)
			rp_block_release(&f->m[bi], &f->doc->blocks[bi]);
	free(f->m);
	free(f->pl);
	rp_ctx_release(&f->ctx);
	memset(f, 0, sizeof *f);
}

/* A cover (a display heading first) carries no running header. */
static int is_cover(const report_doc *doc)
{
	for (size_t i = 0; i < doc->nblocks; i++) {
		const rp_block *b = &doc->blocks[i];
		if (b->kind == RP_B_SPACE)
			continue;
		return b->kind == RP_B_HEADING && b->level == 0;
	}
	return 0;
}

static void chrome(const rp_flow *f, cairo_t *cr, int page)
{
	const rp_page *pg = &f->pg;
	const rp_ctx *t = &f->ctx;
	double s = t->scale;
	const report_doc *doc = f->doc;
	double hy = pg->top - 34 * s * (doc->kind == REPORT_PAGE_SLIDE ? 0.75 : 1);
	if (!(page == 0 && is_cover(doc)) && (doc->title || doc->subtitle)) {
		double tw = 0;
		if (doc->subtitle && *doc->subtitle)
			tw = rp_text(cr, t, RP_RUNNING, doc->subtitle, pg->right, hy,
				     1, 1, RP_FAINT);
		if (doc->title && *doc->title) {
			PangoLayout *l = rp_layout(t, RP_RUNNING, doc->title, 0,
						   pg->right - pg->left - tw -
							   20 * s,
						   REPORT_ALIGN_LEFT);
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
			double lh;
			rp_layout_size(l, NULL, &lh);
			rp_show(cr, l, pg->left, hy - lh, RP_MUTED);
			g_object_unref(l);
		}
		rp_set(cr, RP_GRID);
		cairo_set_line_width(cr, 0.6 * s);
		cairo_move_to(cr, pg->left, hy + 5 * s);
		cairo_line_to(cr, pg->right, hy + 5 * s);
		cairo_stroke(cr);
	}
	if (doc->page_numbers) {
		char buf[32];
		snprintf(buf, sizeof buf, "%d / %d", page + 1, f->pages);
		rp_text(cr, t, RP_RUNNING, buf, pg->right,
			pg->bottom + (pg->h - pg->bottom) * 0.55, 1, 0.5, RP_FAINT);
	}
}

int rp_flow_draw_page(const rp_flow *f, cairo_t *cr, int page)
{
	int rc = 0;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	chrome(f, cr, page);
	for (size_t k = 0; k < f->npl; k++) {
		if (f->pl[k].page != page)
			continue;
		int r = rp_block_draw(f, cr, &f->pl[k]);
		if (r && !rc)
			rc = r;
	}
	cairo_restore(cr);
	if (!rc && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = COMMON_EIO;
	return rc;
}
