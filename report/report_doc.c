/* report/report_doc.c: the document model, a list of blocks. Adding a
 * block copies its text; tables and charts handed over become the
 * document's. A memory failure while building is remembered and reported
 * again by report_doc_render, so builders may check once at the end. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "common/common.h"

report_doc *report_doc_new(enum report_page_kind kind, const char *title)
{
	if (kind != REPORT_PAGE_A4 && kind != REPORT_PAGE_SLIDE)
		return NULL;
	report_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	int fail = 0;
	d->kind = kind;
	d->title = rp_strdup(title, &fail);
	d->page_numbers = 1;
	if (fail) {
		free(d);
		return NULL;
	}
	return d;
}

static void block_free(rp_block *b)
{
	free(b->text);
	if (b->kind == RP_B_KV) {
		rp_freev(b->items, b->n);
		rp_freev(b->values, b->n);
	} else if (b->kind == RP_B_LIST) {
		rp_freev(b->items, b->n);
	}
	report_table_free(b->table);
	for (size_t i = 0; i < b->ncharts; i++)
		report_chart_free(b->charts[i]);
	free(b->charts);
	free(b->weights);
}

void report_doc_free(report_doc *doc)
{
	if (!doc)
		return;
	for (size_t i = 0; i < doc->nblocks; i++)
		block_free(&doc->blocks[i]);
	free(doc->blocks);
	free(doc->title);
	free(doc->subtitle);
	free(doc);
}

/* Remembers the first building failure. */
static int failed(report_doc *doc, int rc)
{
	if (doc && !doc->failed)
		doc->failed = rc;
	return rc;
}

/* A new zeroed block at the end, or NULL (failure remembered). */
static rp_block *push(report_doc *doc, enum rp_block_kind k)
{
	if (rp_grow((void **)&doc->blocks, &doc->cap, doc->nblocks + 1,
		    sizeof *doc->blocks)) {
		failed(doc, COMMON_EIO);
		return NULL;
	}
	rp_block *b = &doc->blocks[doc->nblocks];
	memset(b, 0, sizeof *b);
	b->kind = k;
	return b;
}

/* Adds a text block; the block exists only once its text is copied. */
static int text_block(report_doc *doc, enum rp_block_kind k, int level,
		      const char *text, int markup)
{
	if (!doc)
		return COMMON_EUSAGE;
	rp_block *b = push(doc, k);
	if (!b)
		return COMMON_EIO;
	int fail = 0;
	b->text = rp_strdup(text ? text : "", &fail);
	if (fail)
		return failed(doc, COMMON_EIO);
	b->level = level;
	b->markup = markup;
	doc->nblocks++;
	return 0;
}

int report_doc_set_subtitle(report_doc *doc, const char *subtitle)
{
	if (!doc)
		return COMMON_EUSAGE;
	int fail = 0;
	char *s = rp_strdup(subtitle, &fail);
	if (fail)
		return failed(doc, COMMON_EIO);
	free(doc->subtitle);
	doc->subtitle = s;
	return 0;
}

void report_doc_set_page_numbers(report_doc *doc, int on)
{
	if (doc)
		doc->page_numbers = on ? 1 : 0;
}

int report_doc_heading(report_doc *doc, int level, const char *text)
{
	if (level < 0 || level > 3)
		return COMMON_EUSAGE;
	return text_block(doc, RP_B_HEADING, level, text, 0);
}

int report_doc_paragraph(report_doc *doc, const char *text)
{
	return text_block(doc, RP_B_PARA, 0, text, 0);
}

int report_doc_paragraph_markup(report_doc *doc, const char *markup,
				common_error *err)
{
	if (!rp_markup_valid(markup))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"invalid pango markup '%.60s'",
					markup ? markup : "");
	int rc = text_block(doc, RP_B_PARA, 0, markup, 1);
	return rc ? common_error_set(err, rc, NULL, 0,
				     "cannot add a paragraph")
		  : 0;
}

int report_doc_note(report_doc *doc, const char *text)
{
	return text_block(doc, RP_B_NOTE, 0, text, 0);
}

int report_doc_callout(report_doc *doc, const char *markup,
		       common_error *err)
{
	if (!rp_markup_valid(markup))
		return common_error_set(err, COMMON_EINPUT, NULL, 0,
					"invalid pango markup '%.60s'",
					markup ? markup : "");
	int rc = text_block(doc, RP_B_CALLOUT, 0, markup, 1);
	return rc ? common_error_set(err, rc, NULL, 0, "cannot add a callout")
		  : 0;
}

int report_doc_list(report_doc *doc, const char *const *items, size_t n,
		    int numbered, common_error *err)
{
	if (!doc || (!items && n))
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"missing list items");
	for (size_t i = 0; i < n; i++)
		if (!rp_markup_valid(items[i] ? items[i] : ""))
			return common_error_set(err, COMMON_EINPUT, NULL, 0,
						"invalid pango markup in list item %zu '%.60s'",
						i + 1, items[i] ? items[i] : "");
	rp_block *b = push(doc, RP_B_LIST);
	if (!b)
		return common_error_set(err, COMMON_EIO, NULL, 0,
					"out of memory adding a list");
	b->items = rp_dupv(items, n);
	if (!b->items)
		return common_error_set(err, failed(doc, COMMON_EIO), NULL, 0,
					"out of memory adding a list");
	b->n = n;
	b->level = numbered ? 1 : 0;
	b->markup = 1;
	doc->nblocks++;
	return 0;
}

int report_doc_keyvalue(report_doc *doc, const char *const *keys,
			const char *const *values, size_t n)
{
	if (!doc || (n && (!keys || !values)))
		return COMMON_EUSAGE;
	rp_block *b = push(doc, RP_B_KV);
	if (!b)
		return COMMON_EIO;
	b->items = rp_dupv(keys, n);
	b->values = rp_dupv(values, n);
	if (!b->items || !b->values) {
		rp_freev(b->items, b->items ? n : 0);
		rp_freev(b->values, b->values ? n : 0);
		return failed(doc, COMMON_EIO);
	}
	b->n = n;
	doc->nblocks++;
	return 0;
}

int report_doc_table(report_doc *doc, report_table *t)
{
	if (!doc || !t) {
		report_table_free(t);
		return doc ? failed(doc, COMMON_EUSAGE) : COMMON_EUSAGE;
	}
	rp_block *b = push(doc, RP_B_TABLE);
	if (!b) {
		report_table_free(t);
		return COMMON_EIO;
	}
	b->table = t;
	doc->nblocks++;
	return 0;
}

int report_doc_chart(report_doc *doc, report_chart *c, double height)
{
	report_chart *one[1] = { c };
	return report_doc_chart_row(doc, one, NULL, 1, height);
}

int report_doc_chart_row(report_doc *doc, report_chart *const *charts,
			 const double *weights, size_t n, double height)
{
	int bad = !doc || !charts || n == 0 || !(height >= 0) ||
		  !isfinite(height);
	for (size_t i = 0; !bad && i < n; i++)
		if (!charts[i] || (weights && !(weights[i] > 0)))
			bad = 1;
	rp_block *b = NULL;
	if (!bad)
		b = push(doc, RP_B_CHARTS);
	if (b) {
		b->charts = calloc(n, sizeof *b->charts);
		b->weights = calloc(n, sizeof *b->weights);
	}
	if (bad || !b || !b->charts || !b->weights) {
		for (size_t i = 0; charts && i < n; i++)
			report_chart_free(charts[i]);
		if (b) {
			free(b->charts);
			free(b->weights);
		}
		int rc = bad ? COMMON_EUSAGE : COMMON_EIO;
		return doc ? failed(doc, rc) : rc;
	}
	for (size_t i = 0; i < n; i++) {
		b->charts[i] = charts[i];
		b->weights[i] = weights ? weights[i] : 1;
	}
	b->ncharts = n;
	b->height = height;
	doc->nblocks++;
	return 0;
}

int report_doc_space(report_doc *doc, double points)
{
	if (!doc || !(points >= 0) || points > 2000)
		return COMMON_EUSAGE;
	rp_block *b = push(doc, RP_B_SPACE);
	if (!b)
		return COMMON_EIO;
	b->height = points;
	doc->nblocks++;
	return 0;
}

int report_doc_page_break(report_doc *doc)
{
	if (!doc)
		return COMMON_EUSAGE;
	if (!push(doc, RP_B_BREAK))
		return COMMON_EIO;
	doc->nblocks++;
	return 0;
}
