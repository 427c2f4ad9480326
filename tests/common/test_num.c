/* tests/common/test_num.c: strict number parsing; expectations by hand. */
#include <check.h>
#include <string.h>

#include "common/num.h"

static const struct {
	const char *text;
	int ok;
	double value;
	const char *msg; /* expected message when !ok */
} dcases[] = {
	{"1.5", 1, 1.5, NULL},
	{"  -2e3 ", 1, -2000.0, NULL},
	{"0", 1, 0.0, NULL},
	{"10", 1, 10.0, NULL}, /* upper bound is inclusive */
	{"10.0001", 0, 0, "'f' is 10.0001, outside [-1e+06, 10]"},
	{"nan", 0, 0, "'f' is not a finite number: 'nan'"},
	{"inf", 0, 0, "'f' is not a finite number: 'inf'"},
	{"1e999", 0, 0, "'f' is not a finite number: '1e999'"},
	{"1.5x", 0, 0, "'f' is not a number: '1.5x'"},
	{"0x10", 0, 0, "'f' is not a number: '0x10'"}, /* strtod reads hex */
	{"0X1p3", 0, 0, "'f' is not a number: '0X1p3'"},
	{"", 0, 0, "'f' is empty; expected a number"},
	{"   ", 0, 0, "'f' is empty; expected a number"},
};

START_TEST(parse_double_table)
{
	common_error err;
	common_error_clear(&err);
	double v = -1;
	int st = common_parse_double(dcases[_i].text, "f", -1e6, 10, &v,
				     "x.xml", 7, &err);
	if (dcases[_i].ok) {
		ck_assert_int_eq(st, COMMON_OK);
		ck_assert_double_eq(v, dcases[_i].value);
	} else {
		ck_assert_int_eq(st, COMMON_EINPUT);
		ck_assert_str_eq(err.msg, dcases[_i].msg);
		ck_assert_str_eq(err.file, "x.xml");
		ck_assert_int_eq(err.line, 7);
	}
}
END_TEST

START_TEST(parse_long_range)
{
	common_error err;
	long v;
	ck_assert_int_eq(common_parse_long("42", "n", 1, 100, &v, NULL, 0, &err), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(common_parse_long("0", "steps", 1, 100, &v, NULL, 0, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'steps' is 0, outside [1, 100]");
	ck_assert_int_eq(common_parse_long("1.5", "n", 1, 100, &v, NULL, 0, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'n' is not an integer: '1.5'");
	ck_assert_int_eq(common_parse_long("99999999999999999999", "n", 1, 100, &v,
					   NULL, 0, &err),
			 COMMON_EINPUT);
}
END_TEST

START_TEST(parse_u64_edges)
{
	common_error err;
	unsigned long long v;
	ck_assert_int_eq(common_parse_u64("18446744073709551615", "seed", &v, NULL,
					  0, &err), 0);
	ck_assert(v == 18446744073709551615ULL);
	ck_assert_int_eq(common_parse_u64("18446744073709551616", "seed", &v, NULL,
					  0, &err), COMMON_EINPUT);
	ck_assert_int_eq(common_parse_u64("-1", "seed", &v, NULL, 0, &err),
			 COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "'seed' is not a non-negative integer: '-1'");
}
END_TEST

START_TEST(error_format)
{
	common_error err;
	char buf[256];
	common_error_set(&err, COMMON_EINPUT, "a.xml", 3, "bad '%s'", "x");
	common_error_format(&err, buf, sizeof buf);
	ck_assert_str_eq(buf, "a.xml:3: error: bad 'x'");
	common_error_set(&err, COMMON_EIO, "a.xml", 0, "gone");
	common_error_format(&err, buf, sizeof buf);
	ck_assert_str_eq(buf, "a.xml: error: gone");
	common_error_set(&err, COMMON_EIO, NULL, 0, "gone");
	common_error_format(&err, buf, sizeof buf);
	ck_assert_str_eq(buf, "error: gone");
	ck_assert_int_eq(common_status_exit_code(COMMON_EINPUT), 3);
	ck_assert_int_eq(common_status_exit_code(COMMON_EIO), 4);
	ck_assert_int_eq(common_status_exit_code(COMMON_EUSAGE), 2);
	ck_assert_int_eq(common_status_exit_code(COMMON_ENEGATIVE), 1);
}
END_TEST

Suite *test_num_suite(void)
{
	Suite *s = suite_create("num");
	TCase *tc = tcase_create("parse");
	tcase_add_loop_test(tc, parse_double_table, 0,
			    (int)(sizeof dcases / sizeof dcases[0]));
	tcase_add_test(tc, parse_long_range);
	tcase_add_test(tc, parse_u64_edges);
	tcase_add_test(tc, error_format);
	suite_add_tcase(s, tc);
	return s;
}
