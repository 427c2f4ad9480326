/* tests/report/test_output.c: the three output formats. SVG parses as
 * well-formed XML (libxml2) with an svg root of the right size; PNG has the
 * pixel size the page or figure size implies at REPORT_PNG_DPI and is not
 * blank; PDFs carry the fixed date; and every format is byte-identical
 * when rendered twice in one process and when rendered by a fresh process
 * (this binary re-executed, see helpers.c). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "tests/report/helpers.h"
#include "report/report_int.h"
#include "common/common.h"

static char *dir;

static void setup(void)
{
	dir = rpt_tmpdir();
	ck_assert_ptr_nonnull(dir);
}

static void teardown(void)
{
	rpt_rmtree(dir);
	dir = NULL;
}

static void check_svg(const char *path, const char *width, const char *height)
{
	xmlDocPtr doc = xmlReadFile(path, NULL, XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "%s is not well-formed XML", path);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	ck_assert_ptr_nonnull(root);
	ck_assert_str_eq((const char *)root->name, "svg");
	xmlChar *w = xmlGetProp(root, (const xmlChar *)"width");
	xmlChar *h = xmlGetProp(root, (const xmlChar *)"height");
	ck_assert_ptr_nonnull(w);
	ck_assert_ptr_nonnull(h);
	ck_assert_str_eq((const char *)w, width);
	ck_assert_str_eq((const char *)h, height);
	xmlFree(w);
	xmlFree(h);
	xmlFreeDoc(doc);
}

START_TEST(test_svg_well_formed)
{
	report_chart *c = rpt_sample_line();
	char *p = rpt_path(dir, "chart.svg");
	common_error err;
	ck_assert_int_eq(report_chart_render(c, p, 640, 360, &err), 0);
	check_svg(p, "640pt", "360pt");
	free(p);
	report_chart_free(c);
	report_doc *d = rpt_sample_doc();
	p = rpt_path(dir, "page.svg");
	ck_assert_int_eq(report_doc_render(d, p, &err), 0);
	check_svg(p, "595.28pt", "841.89pt");
	free(p);
	p = rpt_path(dir, "page3.SVG"); /* extensions are case-insensitive */
	ck_assert_int_eq(report_doc_render_page(d, 2, p, &err), 0);
	check_svg(p, "595.28pt", "841.89pt");
	free(p);
	report_doc_free(d);
}
END_TEST

/* Pixel size, and the share of pixels that are not white. */
static double png_check(const char *path, int w, int h)
{
	cairo_surface_t *s = cairo_image_surface_create_from_png(path);
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	ck_assert_int_eq(cairo_image_surface_get_width(s), w);
	ck_assert_int_eq(cairo_image_surface_get_height(s), h);
	cairo_surface_flush(s);
	const unsigned char *data = cairo_image_surface_get_data(s);
	int stride = cairo_image_surface_get_stride(s);
	long ink = 0;
	for (int y = 0; y < h; y++)
		for (int x = 0; x < w; x++) {
			unsigned px;
			memcpy(&px, data + y * stride + 4 * x, 4);
			if ((px & 0xffffff) != 0xffffff)
				ink++;
		}
	cairo_surface_destroy(s);
	return (double)ink / ((double)w * h);
}

START_TEST(test_png_dimensions)
{
	report_chart *c = rpt_sample_line();
	char *p = rpt_path(dir, "chart.png");
	common_error err;
	ck_assert_int_eq(report_chart_render(c, p, 640, 360, &err), 0);
	double ink = png_check(p, 1280, 720);
	ck_assert_msg(ink > 0.05 && ink < 0.8, "chart ink %g", ink);
	free(p);
	p = rpt_path(dir, "small.png");
	ck_assert_int_eq(report_chart_render(c, p, 300.5, 200, &err), 0);
	png_check(p, 601, 400);
	free(p);
	report_chart_free(c);
	report_doc *d = rpt_sample_doc();
	p = rpt_path(dir, "page.png");
	ck_assert_int_eq(report_doc_render(d, p, &err), 0);
	/* 595.28 x 841.89 pt at 2 px per point, rounded. */
	png_check(p, 1191, 1684);
	free(p);
	report_doc_free(d);
}
END_TEST

static int same_file(const char *a, const char *b)
{
	size_t na, nb;
	char *x = rpt_slurp(a, &na), *y = rpt_slurp(b, &nb);
	ck_assert_ptr_nonnull(x);
	ck_assert_ptr_nonnull(y);
	int same = na == nb && memcmp(x, y, na) == 0;
	free(x);
	free(y);
	return same;
}

START_TEST(test_byte_identical)
{
	static const char *const ext[] = { "pdf", "svg", "png" };
	common_error err;
	for (int k = 0; k < 3; k++) {
		char name[3][32];
		char *p[3];
		for (int i = 0; i < 3; i++) {
			snprintf(name[i], sizeof name[i], "run%d.%s", i, ext[k]);
			p[i] = rpt_path(dir, name[i]);
		}
		/* Twice in this process, each from a fresh document. */
		for (int i = 0; i < 2; i++) {
			report_doc *d = rpt_sample_doc();
			ck_assert_int_eq(report_doc_render(d, p[i], &err), 0);
			report_doc_free(d);
		}
		ck_assert_msg(same_file(p[0], p[1]), "%s differs between runs",
			      ext[k]);
		/* And once in a fresh process. */
		ck_assert_int_eq(rpt_render_in_child(p[2]), 0);
		ck_assert_msg(same_file(p[0], p[2]),
			      "%s differs from a fresh process's", ext[k]);
		for (int i = 0; i < 3; i++)
			free(p[i]);
	}
	/* A standalone chart too. */
	char *a = rpt_path(dir, "c1.svg"), *b = rpt_path(dir, "c2.svg");
	report_chart *c = rpt_sample_line();
	ck_assert_int_eq(report_chart_render(c, a, 640, 360, &err), 0);
	ck_assert_int_eq(report_chart_render(c, b, 640, 360, &err), 0);
	ck_assert(same_file(a, b));
	report_chart_free(c);
	free(a);
	free(b);
}
END_TEST

START_TEST(test_pdf_fixed_date)
{
	report_doc *d = rpt_sample_doc();
	char *p = rpt_path(dir, "dated.pdf");
	ck_assert_int_eq(report_doc_render(d, p, NULL), 0);
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "TZ=UTC pdfinfo -isodates '%s'", p);
	char *out = rpt_run(cmd);
	ck_assert_ptr_nonnull(out);
	static const char *const keys[] = { "CreationDate:", "ModDate:" };
	for (int k = 0; k < 2; k++) {
		char *line = strstr(out, keys[k]);
		ck_assert_ptr_nonnull(line);
		char *eol = strchr(line, '\n');
		ck_assert_ptr_nonnull(eol);
		*eol = '\0';
		ck_assert_msg(strstr(line, "2000-01-01T00:00:00"), "%s", line);
		*eol = '\n';
	}
	ck_assert_ptr_nonnull(strstr(out, "Sample report"));
	free(out);
	free(p);
	report_doc_free(d);
}
END_TEST

static const struct {
	const char *in, *want;
} svg_ids[] = {
	{ "<g id=\"surface6\">", "<g id=\"surface1\">" },
	{ "<g id=\"surface16\"><use xlink:href=\"#surface9\"/>"
	  "<use xlink:href=\"#surface16\"/>",
	  "<g id=\"surface1\"><use xlink:href=\"#surface2\"/>"
	  "<use xlink:href=\"#surface1\"/>" },
	/* Not ids: left alone. */
	{ "surface7 \"surfaces\" #surface", "surface7 \"surfaces\" #surface" },
	{ "<g id=\"glyph0-1\">", "<g id=\"glyph0-1\">" },
	{ "", "" },
};

START_TEST(test_svg_normalize)
{
	for (size_t k = 0; k < sizeof svg_ids / sizeof svg_ids[0]; k++) {
		char buf[256];
		size_t n = strlen(svg_ids[k].in);
		memcpy(buf, svg_ids[k].in, n);
		n = rp_svg_normalize(buf, n);
		buf[n] = '\0';
		ck_assert_str_eq(buf, svg_ids[k].want);
	}
}
END_TEST

Suite *test_output_suite(void)
{
	Suite *s = suite_create("report_output");
	TCase *tc = tcase_create("output");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_svg_well_formed);
	tcase_add_test(tc, test_png_dimensions);
	tcase_add_test(tc, test_byte_identical);
	tcase_add_test(tc, test_pdf_fixed_date);
	tcase_add_test(tc, test_svg_normalize);
	suite_add_tcase(s, tc);
	return s;
}
