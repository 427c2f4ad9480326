/* report/report_output.c: rendering documents to files. A PDF gets every
 * page; SVG and PNG hold one page. */
#include <stdlib.h>

#include "report/report_int.h"
#include "common/common.h"

static int check_doc(const report_doc *doc, const char *path,
		     common_error *err)
{
	if (!doc || !path)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"missing document or path");
	if (doc->failed)
		return common_error_set(err, doc->failed, path, 0,
					doc->failed == COMMON_EIO
						? "document incomplete: out of memory while building it"
						: "document incomplete: a block was refused while building it");
	return 0;
}

int report_doc_page_count(const report_doc *doc, int *pages,
			  common_error *err)
{
	if (!doc || !pages)
		return common_error_set(err, COMMON_EUSAGE, NULL, 0,
					"missing document");
	rp_flow f;
	int rc = rp_flow_build(&f, doc, err);
	if (!rc)
		*pages = f.pages;
	rp_flow_release(&f);
	return rc;
}

/* Renders pages [first, last] of a laid-out document into path. */
static int render(const rp_flow *f, enum rp_format fmt, int first, int last,
		  const char *path, common_error *err)
{
	rp_target *tg;
	int rc = rp_target_open(path, fmt, f->pg.w, f->pg.h, &tg, err);
	if (rc)
		return rc;
	rp_target_set_title(tg, f->doc->title);
	cairo_t *cr = rp_target_cr(tg);
	for (int p = first; p <= last; p++) {
		rc = rp_flow_draw_page(f, cr, p);
		if (rc) {
			const char *why = cairo_status_to_string(cairo_status(cr));
			rc = common_error_set(err, rc, path, 0,
					      "cannot draw page %d: %s", p + 1,
					      rc == COMMON_EIO &&
							      cairo_status(cr)
						      ? why
						      : "out of memory");
			rp_target_abort(tg);
			return rc;
		}
		if (fmt == RP_FMT_PDF)
			rp_target_next_page(tg);
	}
	return rp_target_close(tg, err);
}

int report_doc_render(const report_doc *doc, const char *path,
		      common_error *err)
{
	enum rp_format fmt;
	int rc = check_doc(doc, path, err);
	if (rc || (rc = rp_format_of(path, &fmt, err)))
		return rc;
	rp_flow f;
	rc = rp_flow_build(&f, doc, err);
	if (!rc)
		rc = render(&f, fmt, 0, fmt == RP_FMT_PDF ? f.pages - 1 : 0,
			    path, err);
	rp_flow_release(&f);
	return rc;
}

int report_doc_render_page(const report_doc *doc, int page, const char *path,
			   common_error *err)
{
	enum rp_format fmt;
	int rc = check_doc(doc, path, err);
	if (rc || (rc = rp_format_of(path, &fmt, err)))
		return rc;
	rp_flow f;
	rc = rp_flow_build(&f, doc, err);
	if (!rc && (page < 0 || page >= f.pages))
		rc = common_error_set(err, COMMON_EUSAGE, path, 0,
				      "page %d out of range 1..%d", page + 1,
				      f.pages);
	if (!rc)
		rc = render(&f, fmt, page, page, path, err);
	rp_flow_release(&f);
	return rc;
}
