/* tests/sim/test_csv.c: the streaming CSV reader (sim/csv.h) on the edge-case
 * fixtures in tests/data/drift/csv/ and on generated input that crosses
 * buffer refills. Expectations written by hand from RFC 4180. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/csv.h"

/* Source root: the tests run from it (make check-sim), or $MLOPSKIT_SRC. */
static char *fixture(const char *name)
{
	const char *root = getenv("MLOPSKIT_SRC");
	char *dir = common_path_join(root ? root : ".", "tests/data/drift/csv");
	char *p = common_path_join(dir, name);
	free(dir);
	ck_assert_ptr_nonnull(p);
	return p;
}

/* Renders every record as fields joined by '|', records ended by ';', so a
 * whole file is one expected string. Returns the status of the last call. */
static int render(sim_csv *c, char *out, size_t cap, common_error *err)
{
	size_t n = 0;
	out[0] = '\0';
	int st;
	while ((st = sim_csv_next(c, err)) == 1) {
		for (size_t i = 0; i < sim_csv_nfields(c); i++) {
			size_t len;
			const char *f = sim_csv_field(c, i, &len);
			ck_assert_uint_eq(strlen(f), len);
			n += (size_t)snprintf(out + n, cap - n, "%s%s", i ? "|" : "", f);
			ck_assert_uint_lt(n, cap);
		}
		n += (size_t)snprintf(out + n, cap - n, ";");
		ck_assert_uint_lt(n, cap);
	}
	return st;
}

static const struct {
	const char *file;
	int status;        /* final status: 0 end of input, or the error */
	const char *want;  /* records read (before an error) */
	long err_line;     /* line of the error */
	const char *err_has;
} cases[] = {
	{"quotes.csv", 0,
	 "name|comment|value;alpha|has, comma|1;beta|say \"hi\"|2;"
	 "gamma|two\nlines|3;||;", 0, NULL},
	{"crlf.csv", 0, "a|b;1|x;2|y\r\nz;3|w;", 0, NULL},
	{"bom.csv", 0, "id|city;1|Z\xc3\xbcrich;2|\xe5\x8c\x97\xe4\xba\xac;", 0, NULL},
	{"ragged.csv", 0, "a|b|c;1|2|3;4|5;6|7|8;", 0, NULL},
	{"empty.csv", 0, "", 0, NULL},
	{"header_only.csv", 0, "a|b|c;", 0, NULL},
	{"all_missing.csv", 0, "x|gone|y;1|NA|a;2||b;3|NaN|a;4|null|c;", 0, NULL},
	{"blank_lines.csv", 0, "a|b;1|2;3|4;", 0, NULL},
	{"unterminated.csv", COMMON_EINPUT, "a|b;", 2,
	 "unterminated quoted field (column 2)"},
	{"after_quote.csv", COMMON_EINPUT, "a|b;", 2,
	 "unexpected 'x' after closing quote (column 2)"},
};

START_TEST(fixtures)
{
	char *path = fixture(cases[_i].file);
	common_error err;
	common_error_clear(&err);
	sim_csv *c;
	ck_assert_int_eq(sim_csv_open(path, &c, &err), 0);
	char out[512];
	int st = render(c, out, sizeof out, &err);
	ck_assert_int_eq(st, cases[_i].status);
	ck_assert_str_eq(out, cases[_i].want);
	if (st) {
		ck_assert_int_eq(err.line, cases[_i].err_line);
		ck_assert_str_eq(err.file, path);
		ck_assert_msg(strstr(err.msg, cases[_i].err_has), "message: %s", err.msg);
	}
	sim_csv_free(c);
	free(path);
}
END_TEST

START_TEST(record_lines)
{
	/* Line numbers count the breaks inside quoted fields. */
	static const char data[] = "a,b\n\"x\ny\",1\n\n\"p\r\nq\",2\r\nlast,3";
	sim_csv *c;
	ck_assert_int_eq(sim_csv_open_memory(data, sizeof data - 1, "mem", &c, NULL), 0);
	long want[] = {1, 2, 5, 7};
	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(sim_csv_next(c, NULL), 1);
		ck_assert_int_eq(sim_csv_line(c), want[i]);
	}
	ck_assert_int_eq(sim_csv_next(c, NULL), 0);
	ck_assert_int_eq(sim_csv_bytes(c), (long long)(sizeof data - 1));
	/* Rewind reads the same records again. */
	ck_assert_int_eq(sim_csv_rewind(c, NULL), 0);
	ck_assert_int_eq(sim_csv_next(c, NULL), 1);
	ck_assert_str_eq(sim_csv_field(c, 0, NULL), "a");
	sim_csv_free(c);
	sim_csv_free(NULL);
}
END_TEST

START_TEST(open_missing_file)
{
	common_error err;
	common_error_clear(&err);
	sim_csv *c;
	ck_assert_int_eq(sim_csv_open("no/such/file.csv", &c, &err), COMMON_EIO);
	ck_assert_str_eq(err.file, "no/such/file.csv");
}
END_TEST

/* Several MiB of records, a third of them quoted with embedded separators,
 * quotes and line breaks, so records straddle every buffer refill. */
START_TEST(refills)
{
	size_t nrec = 120000, cap = nrec * 64;
	char *data = malloc(cap);
	ck_assert_ptr_nonnull(data);
	size_t n = 0;
	for (size_t i = 0; i < nrec; i++) {
		if (i % 3 == 0)
			n += (size_t)snprintf(data + n, cap - n,
					      "%zu,\"v,\"\"%zu\"\"\n%zu\",%s\r\n", i, i,
					      i * 7, i % 2 ? "odd" : "");
		else
			n += (size_t)snprintf(data + n, cap - n, "%zu,plain%zu,x\n", i, i);
	}
	sim_csv *c;
	ck_assert_int_eq(sim_csv_open_memory(data, n, "gen", &c, NULL), 0);
	char want[64];
	long line = 1;
	for (size_t i = 0; i < nrec; i++) {
		ck_assert_int_eq(sim_csv_next(c, NULL), 1);
		ck_assert_uint_eq(sim_csv_nfields(c), 3);
		ck_assert_int_eq(sim_csv_line(c), line);
		if (i % 3 == 0) {
			snprintf(want, sizeof want, "v,\"%zu\"\n%zu", i, i * 7);
			ck_assert_str_eq(sim_csv_field(c, 1, NULL), want);
			ck_assert(sim_csv_field_quoted(c, 1));
			ck_assert_str_eq(sim_csv_field(c, 2, NULL), i % 2 ? "odd" : "");
			line += 2;
		} else {
			snprintf(want, sizeof want, "plain%zu", i);
			ck_assert_str_eq(sim_csv_field(c, 1, NULL), want);
			line += 1;
		}
	}
	ck_assert_int_eq(sim_csv_next(c, NULL), 0);
	sim_csv_free(c);
	free(data);
}
END_TEST

START_TEST(long_record_grows_buffer)
{
	size_t big = 3u << 20; /* 3 MiB field: larger than one buffer */
	char *data = malloc(big + 16);
	ck_assert_ptr_nonnull(data);
	memcpy(data, "h\n\"", 3);
	memset(data + 3, 'z', big);
	memcpy(data + 3 + big, "\"\n", 2);
	sim_csv *c;
	ck_assert_int_eq(sim_csv_open_memory(data, big + 5, "big", &c, NULL), 0);
	ck_assert_int_eq(sim_csv_next(c, NULL), 1);
	ck_assert_int_eq(sim_csv_next(c, NULL), 1);
	size_t len;
	sim_csv_field(c, 0, &len);
	ck_assert_uint_eq(len, big);
	ck_assert_int_eq(sim_csv_next(c, NULL), 0);
	sim_csv_free(c);
	free(data);
}
END_TEST

Suite *test_csv_suite(void)
{
	Suite *s = suite_create("csv");
	TCase *tc = tcase_create("reader");
	tcase_set_timeout(tc, 20);
	tcase_add_loop_test(tc, fixtures, 0, (int)(sizeof cases / sizeof cases[0]));
	tcase_add_test(tc, record_lines);
	tcase_add_test(tc, open_missing_file);
	tcase_add_test(tc, refills);
	tcase_add_test(tc, long_record_grows_buffer);
	suite_add_tcase(s, tc);
	return s;
}
