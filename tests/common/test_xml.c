/* tests/common/test_xml.c: the safe loader refuses what it must, with lines. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "common/xml.h"

static int load(const char *text, common_error *err)
{
	xmlDocPtr doc = NULL;
	common_error_clear(err);
	int st = common_xml_load_memory(text, strlen(text), "t.xml", NULL, &doc,
					err);
	xmlFreeDoc(doc);
	return st;
}

START_TEST(malformed_has_line)
{
	common_error err;
	ck_assert_int_eq(load("<a>\n<b>\n</a>\n", &err), COMMON_EINPUT);
	ck_assert_str_eq(err.file, "t.xml");
	ck_assert_int_eq(err.line, 3);
}
END_TEST

START_TEST(doctype_refused_before_expansion)
{
	/* billion laughs: refused at the DOCTYPE, nothing is expanded */
	const char *lol =
		"<?xml version=\"1.0\"?>\n"
		"<!DOCTYPE lolz [\n"
		" <!ENTITY lol \"lol\">\n"
		" <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
		" <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
		"]>\n<lolz>&lol3;</lolz>\n";
	common_error err;
	ck_assert_int_eq(load(lol, &err), COMMON_EINPUT);
	ck_assert(strstr(err.msg, "DOCTYPE is not allowed") != NULL);
	const char *xxe = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
			  "<a>&x;</a>";
	ck_assert_int_eq(load(xxe, &err), COMMON_EINPUT);
	ck_assert(strstr(err.msg, "DOCTYPE is not allowed") != NULL);
	ck_assert_int_eq(err.line, 1);
}
END_TEST

START_TEST(unknown_namespace)
{
	common_error err;
	ck_assert_int_eq(load("<a xmlns=\"urn:other\"/>", &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "unknown document namespace 'urn:other'");
	ck_assert_int_eq(load("\n<a/>", &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "unknown document namespace 'none'");
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(load("", &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "file is empty");
}
END_TEST

START_TEST(expected_namespace)
{
	common_error err;
	xmlDocPtr doc = NULL;
	const char *t = "<scenario xmlns=\"urn:mlopskit:model:1\"/>";
	ck_assert_int_eq(common_xml_load_memory(t, strlen(t), "t.xml",
						"urn:mlopskit:scenario:1", &doc,
						&err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "root element 'scenario' is not in namespace "
				  "'urn:mlopskit:scenario:1' (found "
				  "'urn:mlopskit:model:1')");
	ck_assert_ptr_null(doc);
}
END_TEST

START_TEST(missing_file_is_io)
{
	common_error err;
	xmlDocPtr doc;
	ck_assert_int_eq(common_xml_load_file("/nonexistent/x.xml", NULL, &doc,
					      &err),
			 COMMON_EIO);
	ck_assert_str_eq(err.msg, "cannot open file: No such file or directory");
}
END_TEST

START_TEST(attr_helpers)
{
	const char *t = "<a xmlns=\"urn:x\">\n  <b n=\"12\" x=\"0.5\" bad=\"1e\"> hi </b>\n</a>";
	xmlDocPtr doc = xmlReadMemory(t, (int)strlen(t), "t", NULL, XML_PARSE_NONET);
	ck_assert_ptr_nonnull(doc);
	xmlNodePtr b = common_xml_child(xmlDocGetRootElement(doc), "b");
	ck_assert_ptr_nonnull(b);
	common_error err;
	long n;
	double x;
	ck_assert_int_eq(common_xml_attr_long(b, "n", 0, 1, 20, &n, "t", &err), 0);
	ck_assert_int_eq(n, 12);
	ck_assert_int_eq(common_xml_attr_long(b, "absent", 7, 1, 20, &n, "t", &err), 0);
	ck_assert_int_eq(n, 7);
	ck_assert_int_eq(common_xml_attr_double(b, "x", 0, 0, 0.25, &x, "t", &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'b/@x' is 0.5, outside [0, 0.25]");
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_eq(common_xml_attr_double(b, "bad", 0, 0, 1, &x, "t", &err),
			 COMMON_EINPUT);
	char *s = common_xml_text_copy(b);
	ck_assert_str_eq(s, "hi");
	free(s);
	s = common_xml_attr_copy(b, "n");
	ck_assert_str_eq(s, "12");
	free(s);
	ck_assert_ptr_null(common_xml_attr_copy(b, "none"));
	xmlFreeDoc(doc);
}
END_TEST

Suite *test_xml_suite(void)
{
	Suite *s = suite_create("xml");
	TCase *tc = tcase_create("load");
	tcase_add_test(tc, malformed_has_line);
	tcase_add_test(tc, doctype_refused_before_expansion);
	tcase_add_test(tc, unknown_namespace);
	tcase_add_test(tc, expected_namespace);
	tcase_add_test(tc, missing_file_is_io);
	tcase_add_test(tc, attr_helpers);
	suite_add_tcase(s, tc);
	return s;
}
