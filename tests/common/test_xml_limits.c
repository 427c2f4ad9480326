/* tests/common/test_xml_limits.c: common_xml_check_limits refuses exactly
 * past each limit (attributes per element, depth, element count), at the
 * offending line, and leaves comments, CDATA, processing instructions,
 * quoted values and DOCTYPEs alone; through common_xml_load_memory the
 * limit fires before libxml2 parses (the attribute case would otherwise
 * take minutes). Expected lines and counts are worked out by hand from the
 * generated text. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xml.h"
#include "common/xml_limits.h"

/* "<r>\n" + n nested "<e>" on one line + closing tags. */
static char *nested(int n)
{
	size_t cap = 16 + (size_t)n * 8;
	char *s = malloc(cap);
	size_t k = (size_t)snprintf(s, cap, "<r>\n");
	for (int i = 1; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "<e>");
	for (int i = 1; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, "</e>");
	snprintf(s + k, cap - k, "</r>");
	return s;
}

/* An element on line 2 with n attributes a0="v" .. (values hold '=' and
 * '>' to check that quoted text is skipped). */
static char *with_attrs(int n)
{
	size_t cap = 32 + (size_t)n * 24;
	char *s = malloc(cap);
	size_t k = (size_t)snprintf(s, cap, "<!-- a=1 -->\n<root");
	for (int i = 0; i < n; i++)
		k += (size_t)snprintf(s + k, cap - k, " a%d='x=>%d'", i, i);
	snprintf(s + k, cap - k, "/>");
	return s;
}

static char *many_elements(long n)
{
	size_t cap = 16 + (size_t)n * 4;
	char *s = malloc(cap);
	size_t k = (size_t)snprintf(s, cap, "<r>");
	for (long i = 1; i < n; i++) {
		memcpy(s + k, "<a/>", 4);
		k += 4;
	}
	snprintf(s + k, cap - k, "</r>");
	return s;
}

/* text as UTF-16 (be: big-endian) or UCS-4 little-endian (w = 4), with
 * a byte order mark; *n receives the byte length. */
static char *widen(const char *text, size_t w, int be, size_t *n)
{
	size_t k = strlen(text) + 1;
	unsigned char *s = calloc(k, w);
	for (size_t i = 0; i < k; i++) {
		unsigned long c = i == 0 ? 0xFEFF : (unsigned char)text[i - 1];
		for (size_t b = 0; b < w; b++)
			s[i * w + (be ? w - 1 - b : b)] =
				(unsigned char)(c >> (8 * b));
	}
	*n = k * w;
	return (char *)s;
}

static const struct {
	const char *text;
	int status;
} fixed[] = {
	{"<a><!-- <b c='1' d='2'> --><![CDATA[<x y='1'>]]><?pi a=b?></a>", 0},
	/* before the root a DOCTYPE is left to the parser's refusal */
	{"<?xml version='1.0'?>\n<!DOCTYPE a [<!ENTITY x '<b c=\"1\">'>]><a/>", 0},
	{"<a x=\"1\" y='2' z = \"3\"/>", 0},
	{"", 0},
	{"<a b='unterminated", 0},
};

START_TEST(fixed_cases)
{
	common_error err;
	common_error_clear(&err);
	ck_assert_int_eq(common_xml_check_limits(fixed[_i].text,
						 strlen(fixed[_i].text), "t.xml",
						 &err),
			 fixed[_i].status);
}
END_TEST

START_TEST(attributes)
{
	common_error err;
	char *ok = with_attrs(COMMON_XML_MAX_ATTRS);
	char *bad = with_attrs(COMMON_XML_MAX_ATTRS + 1);
	common_error_clear(&err);
	ck_assert_int_eq(common_xml_check_limits(ok, strlen(ok), "t.xml", &err), 0);
	ck_assert_int_eq(common_xml_check_limits(bad, strlen(bad), "t.xml", &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "element 'root' has more than 256 attributes");
	ck_assert_int_eq(err.line, 2);
	free(ok);
	free(bad);
}
END_TEST

START_TEST(depth)
{
	common_error err;
	char *ok = nested(COMMON_XML_MAX_DEPTH);
	char *bad = nested(COMMON_XML_MAX_DEPTH + 1);
	common_error_clear(&err);
	ck_assert_int_eq(common_xml_check_limits(ok, strlen(ok), "t.xml", &err), 0);
	ck_assert_int_eq(common_xml_check_limits(bad, strlen(bad), "t.xml", &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "elements are nested more than 256 levels deep");
	ck_assert_int_eq(err.line, 2);
	/* siblings do not add up: closing tags and empty elements */
	const char *flat = "<r><a></a><a></a><a/><a/></r>";
	ck_assert_int_eq(common_xml_check_limits(flat, strlen(flat), "t.xml",
						 &err), 0);
	free(ok);
	free(bad);
}
END_TEST

START_TEST(elements)
{
	common_error err;
	char *ok = many_elements(COMMON_XML_MAX_ELEMENTS);
	char *bad = many_elements(COMMON_XML_MAX_ELEMENTS + 1);
	common_error_clear(&err);
	ck_assert_int_eq(common_xml_check_limits(ok, strlen(ok), "t.xml", &err), 0);
	ck_assert_int_eq(common_xml_check_limits(bad, strlen(bad), "t.xml", &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "document has more than 1000000 elements");
	ck_assert_int_eq(err.line, 1);
	free(ok);
	free(bad);
}
END_TEST

/* The same limits in UTF-16 and UCS-4 files, and no false alarm there:
 * 300 sibling elements are 300 start and end tags, depth 2. */
START_TEST(wide_encodings)
{
	static const struct {
		size_t w;
		int be;
	} enc[] = {{2, 0}, {2, 1}, {4, 0}};
	char *flat = malloc(16 + 300 * 8);
	size_t k = (size_t)snprintf(flat, 16, "<r>\n");
	for (int i = 0; i < 300; i++) {
		memcpy(flat + k, "<a></a>", 7);
		k += 7;
	}
	snprintf(flat + k, 8, "</r>");
	char *attrs = with_attrs(COMMON_XML_MAX_ATTRS + 1);
	char *deep = nested(COMMON_XML_MAX_DEPTH + 1);
	for (size_t e = 0; e < sizeof enc / sizeof enc[0]; e++) {
		common_error err;
		common_error_clear(&err);
		size_t n;
		char *t = widen(flat, enc[e].w, enc[e].be, &n);
		ck_assert_int_eq(common_xml_check_limits(t, n, "t.xml", &err), 0);
		free(t);
		t = widen(attrs, enc[e].w, enc[e].be, &n);
		ck_assert_int_eq(common_xml_check_limits(t, n, "t.xml", &err),
				 COMMON_EINPUT);
		ck_assert_str_eq(err.msg, "element 'root' has more than 256 attributes");
		ck_assert_int_eq(err.line, 2);
		free(t);
		t = widen(deep, enc[e].w, enc[e].be, &n);
		ck_assert_int_eq(common_xml_check_limits(t, n, "t.xml", &err),
				 COMMON_EINPUT);
		ck_assert_str_eq(err.msg, "elements are nested more than 256 levels deep");
		free(t);
	}
	free(flat);
	free(attrs);
	free(deep);
}
END_TEST

/* Through the loader: refused before libxml2 runs (a 100 000-attribute
 * tag would keep libxml2 2.9 busy for minutes; the test timeout is 10 s). */
START_TEST(loader_refuses_first)
{
	common_error err;
	char *bad = with_attrs(100000);
	xmlDocPtr doc = NULL;
	common_error_clear(&err);
	ck_assert_int_eq(common_xml_load_memory(bad, strlen(bad), "t.xml", NULL,
						&doc, &err),
			 COMMON_EINPUT);
	ck_assert_ptr_null(doc);
	ck_assert_str_eq(err.file, "t.xml");
	ck_assert_int_eq(err.line, 2);
	ck_assert_str_eq(err.msg, "element 'root' has more than 256 attributes");
	free(bad);
	char *deep = nested(300);
	ck_assert_int_eq(common_xml_load_memory(deep, strlen(deep), "t.xml", NULL,
						&doc, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "elements are nested more than 256 levels deep");
	free(deep);
}
END_TEST

Suite *test_xml_limits_suite(void)
{
	Suite *s = suite_create("xml_limits");
	TCase *tc = tcase_create("limits");
	tcase_add_loop_test(tc, fixed_cases, 0, sizeof fixed / sizeof fixed[0]);
	tcase_add_test(tc, attributes);
	tcase_add_test(tc, depth);
	tcase_add_test(tc, elements);
	tcase_add_test(tc, wide_encodings);
	tcase_add_test(tc, loader_refuses_first);
	tcase_set_timeout(tc, 10);
	suite_add_tcase(s, tc);
	return s;
}
