/* tests/report/test_markup.c: plain text into pango markup. Expected
 * strings written by hand. */
#include <check.h>
#include <string.h>

#include "report/report.h"

START_TEST(test_markup_escapes_and_appends)
{
	char buf[64] = "<b>x</b> ";
	report_markup_append(buf, sizeof buf, "a<b & c>d");
	ck_assert_str_eq(buf, "<b>x</b> a&lt;b &amp; c&gt;d");
	report_markup_append(buf, sizeof buf, NULL);
	ck_assert_str_eq(buf, "<b>x</b> a&lt;b &amp; c&gt;d");
}
END_TEST

/* Truncation keeps the buffer terminated and never splits a UTF-8
 * sequence: "准" is 3 bytes (E5 87 86). */
START_TEST(test_markup_truncates_whole_characters)
{
	char buf[16] = "";
	report_markup_append(buf, sizeof buf, "abcd\u51c6\u51c6\u51c6");
	ck_assert_uint_lt(strlen(buf), sizeof buf);
	ck_assert_str_eq(buf, "abcd");
	char small[10] = "";
	report_markup_append(small, sizeof small, "&&&");
	ck_assert_str_eq(small, "&amp;");
}
END_TEST

Suite *test_markup_suite(void)
{
	Suite *s = suite_create("report_markup");
	TCase *tc = tcase_create("markup");
	tcase_add_test(tc, test_markup_escapes_and_appends);
	tcase_add_test(tc, test_markup_truncates_whole_characters);
	suite_add_tcase(s, tc);
	return s;
}
