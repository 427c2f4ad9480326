/* tests/report/test_doc.c: documents rendered to PDF, read back with
 * poppler's pdfinfo, pdftotext and pdffonts: page counts, text content,
 * pagination (split paragraphs lose and repeat no line, split tables
 * repeat their header, headings stay with their text, page breaks), Chinese
 * text with CJK glyphs, and errors (unknown extension, unwritable path,
 * bad markup, bad arguments) that leave no file behind. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>

#include "tests/report/helpers.h"
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

static int pdf_pages(const char *pdf)
{
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
	char *out = rpt_run(cmd);
	ck_assert_msg(out != NULL, "pdfinfo failed on %s", pdf);
	char *p = strstr(out, "\nPages:");
	ck_assert_ptr_nonnull(p);
	long n = strtol(p + 7, NULL, 10);
	free(out);
	return (int)n;
}

/* Text of pages first..last (0 = all). */
static char *pdf_text(const char *pdf, int first, int last)
{
	char cmd[2048];
	if (first)
		snprintf(cmd, sizeof cmd, "pdftotext -f %d -l %d '%s' -", first,
			 last, pdf);
	else
		snprintf(cmd, sizeof cmd, "pdftotext '%s' -", pdf);
	char *out = rpt_run(cmd);
	ck_assert_msg(out != NULL, "pdftotext failed on %s", pdf);
	return out;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static char *render(report_doc *d, const char *name)
{
	char *p = rpt_path(dir, name);
	common_error err;
	int rc = report_doc_render(d, p, &err);
	ck_assert_msg(rc == 0, "render %s: %s", name, err.msg);
	return p;
}

START_TEST(test_sample_pages_and_text)
{
	report_doc *d = rpt_sample_doc();
	ck_assert_ptr_nonnull(d);
	int pages = 0;
	ck_assert_int_eq(report_doc_page_count(d, &pages, NULL), 0);
	char *pdf = render(d, "sample.pdf");
	ck_assert_int_ge(pages, 3);
	ck_assert_int_eq(pdf_pages(pdf), pages);
	char *txt = pdf_text(pdf, 0, 0);
	static const char *const want[] = {
		"Sample report", "Team Atlas", "Repeatable", "Main gap:",
		"Scores", "Actions", "action row 1:", "action row 40:",
		"Over time", "Accuracy over time", "drift onset", "Traffic split",
		"Teams", "Borealis", "first point", "Source: sample data.",
		"level 3",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(txt, want[i]), "'%s' missing from the PDF",
			      want[i]);
	/* Page numbers "n / N" on every page (pdftotext may drop the
	 * spaces around the slash). */
	for (int i = 1; i <= pages; i++) {
		char a[32], b[32];
		snprintf(a, sizeof a, "%d / %d", i, pages);
		snprintf(b, sizeof b, "%d/%d", i, pages);
		ck_assert_msg(strstr(txt, a) || strstr(txt, b),
			      "page number %d missing", i);
	}
	free(txt);
	/* The cover has no running header; later pages do. */
	char *p1 = pdf_text(pdf, 1, 1), *p2 = pdf_text(pdf, 2, 2);
	ck_assert_uint_eq(count(p1, "Team Atlas"), 0);
	ck_assert_uint_eq(count(p2, "Team Atlas"), 1);
	free(p1);
	free(p2);
	free(pdf);
	report_doc_free(d);
}
END_TEST

/* A paragraph three pages long: split between lines, every sentence
 * appears exactly once. */
START_TEST(test_paragraph_splits_cleanly)
{
	report_doc *d = report_doc_new(REPORT_PAGE_A4, "Long");
	size_t cap = 64 * 1024, n = 0;
	char *text = malloc(cap);
	ck_assert_ptr_nonnull(text);
	for (int i = 1; i <= 600; i++)
		n += (size_t)snprintf(text + n, cap - n, "Sentence s%dx here. ", i);
	ck_assert_int_eq(report_doc_paragraph(d, text), 0);
	free(text);
	char *pdf = render(d, "long.pdf");
	ck_assert_int_ge(pdf_pages(pdf), 3);
	char *txt = pdf_text(pdf, 0, 0);
	for (int i = 1; i <= 600; i++) {
		char s[32];
		snprintf(s, sizeof s, "s%dx", i);
		ck_assert_msg(count(txt, s) == 1, "'%s' appears %zu times", s,
			      count(txt, s));
	}
	free(txt);
	free(pdf);
	report_doc_free(d);
}
END_TEST

START_TEST(test_table_header_repeats)
{
	report_doc *d = report_doc_new(REPORT_PAGE_A4, "Table");
	report_table *t = report_table_new(2);
	ck_assert_int_eq(report_table_set_column(t, 0, "Metricname",
						 REPORT_ALIGN_LEFT, 3), 0);
	ck_assert_int_eq(report_table_set_column(t, 1, "Valuecol",
						 REPORT_ALIGN_RIGHT, 1), 0);
	for (int i = 1; i <= 120; i++) {
		char a[32], b[32];
		snprintf(a, sizeof a, "row r%dx", i);
		snprintf(b, sizeof b, "%d", i * 7);
		const char *cells[2] = { a, b };
		ck_assert_int_eq(report_table_add_row(t, cells), 0);
	}
	ck_assert_int_eq(report_table_emphasize_last(t), 0);
	ck_assert_uint_eq(report_table_rows(t), 120);
	ck_assert_int_eq(report_doc_table(d, t), 0);
	char *pdf = render(d, "table.pdf");
	int pages = pdf_pages(pdf);
	ck_assert_int_ge(pages, 3);
	for (int p = 1; p <= pages; p++) {
		char *txt = pdf_text(pdf, p, p);
		ck_assert_msg(count(txt, "Metricname") == 1,
			      "page %d lacks the header", p);
		free(txt);
	}
	char *txt = pdf_text(pdf, 0, 0);
	for (int i = 1; i <= 120; i++) {
		char s[32];
		snprintf(s, sizeof s, "r%dx", i);
		ck_assert_uint_eq(count(txt, s), 1);
	}
	free(txt);
	free(pdf);
	report_doc_free(d);
}
END_TEST

/* A heading that would land at the foot of a page, with no room for its
 * paragraph, moves to the next page with it. */
START_TEST(test_heading_keeps_with_next)
{
	report_doc *d = report_doc_new(REPORT_PAGE_A4, NULL);
	report_doc_paragraph(d, "First paragraph.");
	/* A4 content height is 705.89 pt; fill most of it. */
	report_doc_space(d, 650);
	report_doc_heading(d, 1, "Headingkept");
	report_doc_paragraph(d, "Its paragraph follows the heading; it is long "
				"enough to need two lines at the body size of "
				"the handout, and the two stay together with the "
				"heading on the next page.");
	char *pdf = render(d, "keep.pdf");
	ck_assert_int_eq(pdf_pages(pdf), 2);
	char *p1 = pdf_text(pdf, 1, 1), *p2 = pdf_text(pdf, 2, 2);
	ck_assert_ptr_null(strstr(p1, "Headingkept"));
	ck_assert_ptr_nonnull(strstr(p2, "Headingkept"));
	ck_assert_ptr_nonnull(strstr(p2, "Its paragraph"));
	free(p1);
	free(p2);
	free(pdf);
	report_doc_free(d);
}
END_TEST

START_TEST(test_page_breaks)
{
	report_doc *d = report_doc_new(REPORT_PAGE_SLIDE, "Slides");
	report_doc_page_break(d); /* at the top of an empty page: ignored */
	report_doc_heading(d, 0, "One");
	report_doc_page_break(d);
	report_doc_page_break(d); /* no blank page */
	report_doc_heading(d, 1, "Two");
	report_doc_chart(d, rpt_sample_line(), 0); /* fills the slide */
	report_doc_page_break(d);
	report_doc_heading(d, 1, "Three");
	int pages = 0;
	ck_assert_int_eq(report_doc_page_count(d, &pages, NULL), 0);
	ck_assert_int_eq(pages, 3);
	char *pdf = render(d, "slides.pdf");
	ck_assert_int_eq(pdf_pages(pdf), 3);
	char *out, cmd[2048];
	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", pdf);
	out = rpt_run(cmd);
	ck_assert_ptr_nonnull(strstr(out, "960 x 540 pts"));
	free(out);
	char *p3 = pdf_text(pdf, 3, 3);
	ck_assert_ptr_nonnull(strstr(p3, "Three"));
	free(p3);
	free(pdf);
	report_doc_free(d);
}
END_TEST

START_TEST(test_chinese)
{
	/* "Canary release cut exposure to defective models by 84%." */
	static const char zh[] =
		"\xe9\x87\x91\xe4\xb8\x9d\xe9\x9b\x80\xe5\x8f\x91\xe5\xb8\x83"
		"\xe5\xb0\x86\xe7\xbc\xba\xe9\x99\xb7\xe6\xa8\xa1\xe5\x9e\x8b"
		"\xe7\x9a\x84\xe6\x9a\xb4\xe9\x9c\xb2\xe5\x87\x8f\xe5\xb0\x91"
		"\xe4\xba\x86" "84%" "\xe3\x80\x82";
	report_doc *d = report_doc_new(REPORT_PAGE_A4,
				       "\xe6\x88\x90\xe7\x86\x9f\xe5\xba\xa6");
	report_doc_heading(d, 1, "\xe6\x88\x90\xe7\x86\x9f\xe5\xba\xa6"
				 "\xe8\xaf\x84\xe4\xbc\xb0");
	report_doc_paragraph(d, zh);
	char *pdf = render(d, "zh.pdf");
	char cmd[2048];
	snprintf(cmd, sizeof cmd, "pdffonts '%s'", pdf);
	char *fonts = rpt_run(cmd);
	ck_assert_ptr_nonnull(fonts);
	ck_assert_msg(strstr(fonts, "WenQuanYi"), "no CJK font embedded:\n%s",
		      fonts);
	free(fonts);
	char *txt = pdf_text(pdf, 0, 0);
	ck_assert_msg(strstr(txt, zh), "Chinese text not extracted: %s", txt);
	free(txt);
	free(pdf);
	report_doc_free(d);
}
END_TEST

static size_t entries(const char *d)
{
	DIR *dd = opendir(d);
	size_t n = 0;
	struct dirent *e;
	while (dd && (e = readdir(dd)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			n++;
	if (dd)
		closedir(dd);
	return n;
}

START_TEST(test_errors)
{
	report_doc *d = rpt_sample_doc();
	common_error err;
	char *p = rpt_path(dir, "out.docx");
	ck_assert_int_eq(report_doc_render(d, p, &err), COMMON_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "unknown output format"));
	ck_assert_ptr_nonnull(strstr(err.msg, "out.docx"));
	ck_assert(!rpt_exists(p));
	free(p);
	p = rpt_path(dir, "noextension");
	ck_assert_int_eq(report_doc_render(d, p, &err), COMMON_EUSAGE);
	free(p);
	/* A missing directory: I/O error, nothing written. */
	p = rpt_path(dir, "missing/out.pdf");
	ck_assert_int_eq(report_doc_render(d, p, &err), COMMON_EIO);
	ck_assert(!rpt_exists(p));
	free(p);
	/* The destination is a directory: the rename fails, the temporary
	 * file is removed, the directory is untouched. */
	p = rpt_path(dir, "taken.pdf");
	ck_assert_int_eq(common_ensure_dir(p, NULL), 0);
	ck_assert_int_ne(report_doc_render(d, p, &err), 0);
	ck_assert_uint_eq(entries(dir), 1);
	free(p);
	p = rpt_path(dir, "page.png");
	ck_assert_int_eq(report_doc_render_page(d, 99, p, &err), COMMON_EUSAGE);
	ck_assert_ptr_nonnull(strstr(err.msg, "out of range"));
	ck_assert(!rpt_exists(p));
	ck_assert_int_eq(report_doc_render_page(d, 1, p, &err), 0);
	ck_assert(rpt_exists(p));
	free(p);
	report_doc_free(d);

	d = report_doc_new(REPORT_PAGE_A4, "x");
	ck_assert_int_eq(report_doc_paragraph_markup(d, "<b>open", &err),
			 COMMON_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "markup"));
	ck_assert_int_eq(report_doc_callout(d, "a < b", &err), COMMON_EINPUT);
	const char *bad[] = { "fine", "<i>bad" };
	ck_assert_int_eq(report_doc_list(d, bad, 2, 0, &err), COMMON_EINPUT);
	ck_assert_ptr_nonnull(strstr(err.msg, "item 2"));
	ck_assert_int_eq(report_doc_heading(d, 4, "too deep"), COMMON_EUSAGE);
	ck_assert_int_eq(report_doc_space(d, -1), COMMON_EUSAGE);
	/* Refused inputs so far leave the document usable. */
	p = rpt_path(dir, "ok.pdf");
	ck_assert_int_eq(report_doc_render(d, p, &err), 0);
	free(p);
	/* A NULL chart handed over is remembered: rendering then fails. */
	ck_assert_int_eq(report_doc_chart(d, NULL, 0), COMMON_EUSAGE);
	p = rpt_path(dir, "bad.pdf");
	ck_assert_int_ne(report_doc_render(d, p, &err), 0);
	ck_assert_ptr_nonnull(strstr(err.msg, "document incomplete"));
	ck_assert(!rpt_exists(p));
	free(p);
	report_doc_free(d);
	report_doc_free(NULL);
	ck_assert_ptr_null(report_doc_new((enum report_page_kind)7, "x"));
}
END_TEST

START_TEST(test_empty_doc)
{
	report_doc *d = report_doc_new(REPORT_PAGE_A4, NULL);
	int pages = 0;
	ck_assert_int_eq(report_doc_page_count(d, &pages, NULL), 0);
	ck_assert_int_eq(pages, 1);
	char *pdf = render(d, "empty.pdf");
	ck_assert_int_eq(pdf_pages(pdf), 1);
	free(pdf);
	report_doc_free(d);
}
END_TEST

Suite *test_doc_suite(void)
{
	Suite *s = suite_create("report_doc");
	TCase *tc = tcase_create("doc");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_sample_pages_and_text);
	tcase_add_test(tc, test_paragraph_splits_cleanly);
	tcase_add_test(tc, test_table_header_repeats);
	tcase_add_test(tc, test_heading_keeps_with_next);
	tcase_add_test(tc, test_page_breaks);
	tcase_add_test(tc, test_chinese);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_empty_doc);
	suite_add_tcase(s, tc);
	return s;
}
