/* report/report_render.c: output targets (PDF, SVG, PNG by extension),
 * written through common/outfile.h so a failure never leaves a partial
 * file, and reproducible: PDFs carry a fixed creation and modification
 * date, PNGs no timestamp, SVG ids count from zero in every surface. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "report/report_int.h"
#include "common/common.h"

/* SVG is buffered whole so its ids can be renumbered (report_svg.c). */
typedef struct membuf {
	char *data;
	size_t len, cap;
	int failed;
} membuf;

struct rp_target {
	enum rp_format fmt;
	common_outfile *of;
	cairo_surface_t *surf;
	cairo_t *cr;
	char *path;
	membuf svg;
};

int rp_format_of(const char *path, enum rp_format *fmt, common_error *err)
{
	const char *dot = path ? strrchr(path, '.') : NULL;
	const char *slash = path ? strrchr(path, '/') : NULL;
	if (dot && (!slash || dot > slash)) {
		if (!strcasecmp(dot, ".pdf")) {
			*fmt = RP_FMT_PDF;
			return 0;
		}
		if (!strcasecmp(dot, ".svg")) {
			*fmt = RP_FMT_SVG;
			return 0;
		}
		if (!strcasecmp(dot, ".png")) {
			*fmt = RP_FMT_PNG;
			return 0;
		}
	}
	return common_error_set(err, COMMON_EUSAGE, NULL, 0,
				"unknown output format '%s' (use .pdf, .svg or .png)",
				path ? path : "");
}

static cairo_status_t write_fp(void *closure, const unsigned char *data,
			       unsigned int len)
{
	FILE *fp = closure;
	return fwrite(data, 1, len, fp) == len ? CAIRO_STATUS_SUCCESS
					       : CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t write_mem(void *closure, const unsigned char *data,
				unsigned int len)
{
	membuf *m = closure;
	if (m->len + len > m->cap) {
		size_t cap = m->cap ? m->cap : 1 << 16;
		while (cap < m->len + len)
			cap *= 2;
		char *d = realloc(m->data, cap);
		if (!d) {
			m->failed = 1;
			return CAIRO_STATUS_NO_MEMORY;
		}
		m->data = d;
		m->cap = cap;
	}
	memcpy(m->data + m->len, data, len);
	m->len += len;
	return CAIRO_STATUS_SUCCESS;
}

int rp_target_open(const char *path, enum rp_format fmt, double w, double h,
		   rp_target **out, common_error *err)
{
	*out = NULL;
	rp_target *tg = calloc(1, sizeof *tg);
	int fail = 0;
	if (tg)
		tg->path = rp_strdup(path, &fail);
	if (!tg || fail) {
		free(tg);
		return common_error_set(err, COMMON_EIO, path, 0,
					"out of memory opening output");
	}
	tg->fmt = fmt;
	int rc = common_outfile_open(path, &tg->of, err);
	if (rc) {
		free(tg->path);
		free(tg);
		return rc;
	}
	FILE *fp = common_outfile_stream(tg->of);
	switch (fmt) {
	case RP_FMT_PDF:
		tg->surf = cairo_pdf_surface_create_for_stream(write_fp, fp, w, h);
		cairo_pdf_surface_set_metadata(tg->surf,
					       CAIRO_PDF_METADATA_CREATE_DATE,
					       REPORT_PDF_DATE);
		cairo_pdf_surface_set_metadata(tg->surf,
					       CAIRO_PDF_METADATA_MOD_DATE,
					       REPORT_PDF_DATE);
		cairo_pdf_surface_set_metadata(tg->surf,
					       CAIRO_PDF_METADATA_CREATOR,
					       "mlopskit libreport");
		break;
	case RP_FMT_SVG:
		tg->surf = cairo_svg_surface_create_for_stream(write_mem, &tg->svg,
							       w, h);
		cairo_svg_surface_set_document_unit(tg->surf, CAIRO_SVG_UNIT_PT);
		break;
	case RP_FMT_PNG: {
		double k = REPORT_PNG_DPI / 72.0;
		tg->surf = cairo_image_surface_create(CAIRO_FORMAT_ARGB32,
						      (int)(w * k + 0.5),
						      (int)(h * k + 0.5));
		break;
	}
	}
	tg->cr = cairo_create(tg->surf);
	if (cairo_status(tg->cr) != CAIRO_STATUS_SUCCESS) {
		rc = common_error_set(err, COMMON_EIO, path, 0,
				      "cannot create drawing surface: %s",
				      cairo_status_to_string(cairo_status(tg->cr)));
		rp_target_abort(tg);
		return rc;
	}
	if (fmt == RP_FMT_PNG)
		cairo_scale(tg->cr, REPORT_PNG_DPI / 72.0, REPORT_PNG_DPI / 72.0);
	*out = tg;
	return 0;
}

cairo_t *rp_target_cr(rp_target *tg)
{
	return tg->cr;
}

void rp_target_next_page(rp_target *tg)
{
	cairo_show_page(tg->cr);
}

void rp_target_set_title(rp_target *tg, const char *title)
{
	if (tg->fmt == RP_FMT_PDF && title && *title)
		cairo_pdf_surface_set_metadata(tg->surf,
					       CAIRO_PDF_METADATA_TITLE, title);
}

int rp_target_close(rp_target *tg, common_error *err)
{
	cairo_status_t st = cairo_status(tg->cr);
	cairo_destroy(tg->cr);
	tg->cr = NULL;
	if (st == CAIRO_STATUS_SUCCESS && tg->fmt == RP_FMT_PNG) {
		cairo_surface_flush(tg->surf);
		st = cairo_surface_write_to_png_stream(
			tg->surf, write_fp, common_outfile_stream(tg->of));
	}
	cairo_surface_finish(tg->surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(tg->surf);
	cairo_surface_destroy(tg->surf);
	tg->surf = NULL;
	if (st == CAIRO_STATUS_SUCCESS && tg->fmt == RP_FMT_SVG) {
		size_t n = rp_svg_normalize(tg->svg.data, tg->svg.len);
		if (fwrite(tg->svg.data, 1, n, common_outfile_stream(tg->of)) != n)
			st = CAIRO_STATUS_WRITE_ERROR;
	}
	free(tg->svg.data);
	tg->svg.data = NULL;
	int rc;
	if (st != CAIRO_STATUS_SUCCESS) {
		rc = common_error_set(err, COMMON_EIO, tg->path, 0,
				      "cannot write image: %s",
				      cairo_status_to_string(st));
		common_outfile_abort(tg->of);
	} else {
		rc = common_outfile_commit(tg->of, err);
	}
	free(tg->path);
	free(tg);
	return rc;
}

void rp_target_abort(rp_target *tg)
{
	if (!tg)
		return;
	if (tg->cr)
		cairo_destroy(tg->cr);
	if (tg->surf) {
		/* Finishing flushes into the temporary file, which is then
		 * removed. */
		cairo_surface_finish(tg->surf);
		cairo_surface_destroy(tg->surf);
	}
	common_outfile_abort(tg->of);
	free(tg->svg.data);
	free(tg->path);
	free(tg);
}
