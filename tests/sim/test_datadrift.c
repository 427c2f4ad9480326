/* tests/sim/test_datadrift.c: `mlopskit drift`'s engine (sim/datadrift.h) on
 * small in-memory CSV files whose answers are worked out by hand or from
 * the statistics already checked against scipy in test_stat.c, and the
 * number and time parsers against strtod and hand-computed epochs. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/common.h"
#include "sim/csv.h"
#include "sim/datadrift.h"
#include "sim/datadrift_impl.h"
#include "sim/stat.h"

static int compare(const char *ref, const char *cur, const sim_drift_options *o,
		   sim_drift_result **r, common_error *err)
{
	sim_csv *a, *b;
	ck_assert_int_eq(sim_csv_open_memory(ref, strlen(ref), "ref.csv", &a, NULL), 0);
	ck_assert_int_eq(sim_csv_open_memory(cur, strlen(cur), "cur.csv", &b, NULL), 0);
	common_error_clear(err);
	int st = sim_drift_compare_csv(a, b, o, r, err);
	sim_csv_free(a);
	sim_csv_free(b);
	return st;
}

static const sim_drift_column *col(const sim_drift_result *r, const char *name)
{
	for (size_t i = 0; i < r->ncolumns; i++)
		if (strcmp(r->columns[i].name, name) == 0)
			return &r->columns[i];
	ck_abort_msg("no column %s", name);
	return NULL;
}

START_TEST(types_missing_and_schema)
{
	const char *ref = "a,b,c,only_ref\n1,x,NA,1\n2,y,,1\n3,x,5,1\n4,y,6,1\n"
			  "5,x,7,1\n6,y,8,1\n7,x,9,1\n";
	const char *cur = "c,b,a,only_cur\n1,x,11,0\nnull,z,12,0\noops,x,13,0\n"
			  "4,z,14,0\n5,x,15,0\n6, ,16,0\n7,x,17,0\n";
	sim_drift_options o;
	sim_drift_options_init(&o);
	sim_drift_result *r;
	common_error err;
	ck_assert_int_eq(compare(ref, cur, &o, &r, &err), 0);
	ck_assert_uint_eq(r->ref_rows, 7);
	ck_assert_uint_eq(r->cur_rows, 7);
	ck_assert_uint_eq(r->ncolumns, 3);
	ck_assert_uint_eq(r->n_only_ref, 1);
	ck_assert_str_eq(r->only_ref[0], "only_ref");
	ck_assert_str_eq(r->only_cur[0], "only_cur");
	const sim_drift_column *a = col(r, "a"), *b = col(r, "b"), *c = col(r, "c");
	/* a: 1..7 against 11..17: disjoint, KS D = 1 with the exact p-value
	 * 2 / C(14,7) = 2/3432. */
	ck_assert_int_eq(a->type, SIM_DRIFT_NUMERIC);
	ck_assert_int_eq(a->test, SIM_DRIFT_TEST_KS);
	ck_assert_double_eq(a->ks_statistic, 1.0);
	ck_assert_double_eq_tol(a->ks_pvalue, 2.0 / 3432.0, 1e-15);
	ck_assert(a->drifted);
	/* b: categorical by inference; " " is missing (blanks trimmed), "z"
	 * a new category. Reference x:4 y:3, current x:4 z:2. */
	ck_assert_int_eq(b->type, SIM_DRIFT_CATEGORICAL);
	ck_assert_uint_eq(b->n_new, 1);
	ck_assert_uint_eq(b->cur_mismatch, 2);
	ck_assert_uint_eq(b->cur_missing, 1);
	ck_assert_str_eq(b->new_categories[0], "z");
	ck_assert_int_eq(b->test, SIM_DRIFT_TEST_CHISQUARE);
	double rc[] = {4, 3, 0}, cc[] = {4, 0, 2};
	sim_chisq_result chi;
	ck_assert_int_eq(sim_stat_chisq_counts(rc, cc, 3, &chi, NULL), 0);
	ck_assert_double_eq(b->chisq_pvalue, chi.pvalue); /* 0: new category */
	ck_assert(b->drifted);
	ck_assert_double_eq_tol(b->jensenshannon, sim_stat_jensenshannon(rc, cc, 3), 1e-15);
	/* c: two missing in the reference (NA, empty), one in the current
	 * (null), one non-numeric value ("oops") in the current. */
	ck_assert_int_eq(c->type, SIM_DRIFT_NUMERIC);
	ck_assert_uint_eq(c->ref_missing, 2);
	ck_assert_uint_eq(c->ref_values, 5);
	ck_assert_uint_eq(c->cur_missing, 1);
	ck_assert_uint_eq(c->cur_mismatch, 1);
	ck_assert_uint_eq(c->cur_values, 5);
	/* c: {5..9} against {1,4,5,6,7}: D = 0.4, exact p = 0.873 (not
	 * drifted). 2 of 3 drifted: dataset drift, drifted columns first. */
	ck_assert_double_eq(c->ks_statistic, 0.4);
	ck_assert(!c->drifted);
	ck_assert_uint_eq(r->n_tested, 3);
	ck_assert_uint_eq(r->n_drifted, 2);
	ck_assert(r->dataset_drift);
	ck_assert(r->columns[0].drifted && r->columns[1].drifted);
	ck_assert_str_eq(r->columns[2].name, "c");
	json_t *j = sim_drift_result_json(r);
	ck_assert_ptr_nonnull(j);
	ck_assert_str_eq(json_string_value(json_object_get(j, "format")), "mlopskit.drift-result/1");
	json_decref(j);
	sim_drift_result_free(r);
}
END_TEST

/* A column that starts numeric and turns to text later in the reference is
 * re-read as categorical, with every value counted once. */
START_TEST(late_text_rereads_reference)
{
	const char *ref = "k,v\n1,1\n2,2\n3,3\nlow,4\n1,5\n";
	const char *cur = "k,v\n1,1\nlow,2\nhigh,3\n";
	sim_drift_options o;
	sim_drift_options_init(&o);
	sim_drift_result *r;
	common_error err;
	ck_assert_int_eq(compare(ref, cur, &o, &r, &err), 0);
	const sim_drift_column *k = col(r, "k");
	ck_assert_int_eq(k->type, SIM_DRIFT_CATEGORICAL);
	ck_assert_uint_eq(k->ref_values, 5);
	ck_assert_uint_eq(k->ref_distinct, 4); /* 1, 2, 3, low */
	ck_assert_uint_eq(k->n_new, 1);        /* high */
	ck_assert_uint_eq(r->ref_rows, 5);
	ck_assert_int_eq(col(r, "v")->type, SIM_DRIFT_NUMERIC);
	sim_drift_result_free(r);
}
END_TEST

START_TEST(declared_ignored_and_time)
{
	const char *ref = "id,zip,t\n1,0100,2024-01-01\n2,0200,2024-01-02T12:00:00Z\n";
	const char *cur = "id,zip,t\n3,0100,2024-02-01 06:30\n4,0300,NA\n";
	const char *cats[] = {"zip"}, *ign[] = {"id"};
	sim_drift_options o;
	sim_drift_options_init(&o);
	o.categorical = cats;
	o.n_categorical = 1;
	o.ignore = ign;
	o.n_ignore = 1;
	o.time_column = "t";
	o.now = 1706770800.0 + 3600; /* 2024-02-01T07:00:00Z + 1 h */
	sim_drift_result *r;
	common_error err;
	ck_assert_int_eq(compare(ref, cur, &o, &r, &err), 0);
	ck_assert_uint_eq(r->ncolumns, 1);
	const sim_drift_column *z = col(r, "zip");
	ck_assert(z->declared);
	ck_assert_int_eq(z->type, SIM_DRIFT_CATEGORICAL);
	ck_assert_str_eq(z->new_categories[0], "0300"); /* text kept as written */
	ck_assert_str_eq(r->ignored[0], "id");
	ck_assert(r->has_time);
	ck_assert_double_eq(r->ref_time_max, 1704196800.0); /* 2024-01-02T12:00Z */
	ck_assert_double_eq(r->cur_time_max, 1706769000.0); /* 2024-02-01T06:30Z */
	ck_assert_double_eq(r->lag, o.now - 1706769000.0);
	ck_assert_double_eq(r->gap, 1706769000.0 - 1704196800.0);
	ck_assert_uint_eq(r->cur_time_missing, 1);
	sim_drift_result_free(r);
}
END_TEST

static const struct {
	const char *ref, *cur;
	int status;
	const char *file;
	long line;
	const char *has;
} bad[] = {
	{"a,b\n1,2\n3\n", "a,b\n1,2\n", COMMON_EINPUT, "ref.csv", 3,
	 "row has 1 fields but the header has 2"},
	{"", "a\n1\n", COMMON_EINPUT, "ref.csv", 0, "empty file: no header row"},
	{"a,a\n1,2\n", "a\n1\n", COMMON_EINPUT, "ref.csv", 1, "duplicate column name 'a'"},
	{"a\n1\n", "a\n\"x\n", COMMON_EINPUT, "cur.csv", 2, "unterminated quoted field"},
	{"a\n1\n", "a\n1e999\n", COMMON_EINPUT, "cur.csv", 2, "out of range"},
	{"a\n\xff\n", "a\n1\n", COMMON_EINPUT, "ref.csv", 2, "invalid UTF-8"},
};

START_TEST(bad_input)
{
	sim_drift_options o;
	sim_drift_options_init(&o);
	sim_drift_result *r = NULL;
	common_error err;
	ck_assert_int_eq(compare(bad[_i].ref, bad[_i].cur, &o, &r, &err), bad[_i].status);
	ck_assert_str_eq(err.file, bad[_i].file);
	ck_assert_int_eq(err.line, bad[_i].line);
	ck_assert_msg(strstr(err.msg, bad[_i].has), "message: %s", err.msg);
}
END_TEST

START_TEST(header_only_and_all_missing)
{
	sim_drift_options o;
	sim_drift_options_init(&o);
	sim_drift_result *r;
	common_error err;
	ck_assert_int_eq(compare("a,b\n", "a,b\n1,2\n", &o, &r, &err), 0);
	ck_assert_uint_eq(r->n_tested, 0);
	ck_assert(!r->dataset_drift);
	ck_assert_str_eq(r->columns[0].untested_reason, "no values in the reference");
	sim_drift_result_free(r);
	ck_assert_int_eq(compare("x,gone\n1,NA\n2,\n", "x,gone\n1,NaN\n3,null\n", &o, &r, &err), 0);
	const sim_drift_column *g = col(r, "gone");
	ck_assert(!g->tested);
	ck_assert_uint_eq(g->ref_missing, 2);
	ck_assert_uint_eq(g->cur_missing, 2);
	ck_assert_str_eq(g->untested_reason, "no values in either file");
	sim_drift_result_free(r);
	/* An option naming no column is a usage error. */
	const char *cats[] = {"nope"};
	o.categorical = cats;
	o.n_categorical = 1;
	ck_assert_int_eq(compare("a\n1\n", "a\n2\n", &o, &r, &err), COMMON_EUSAGE);
}
END_TEST

/* Evidently's default-test rule at its boundaries (reference size 1000 vs
 * 1001 values; 2, 5 and 6 distinct values). */
static char *column_csv(size_t n, size_t distinct, double shift)
{
	size_t cap = 16 + n * 24;
	char *s = malloc(cap), *p = s;
	p += snprintf(p, cap, "v\n");
	for (size_t i = 0; i < n; i++)
		p += snprintf(p, cap - (size_t)(p - s), "%g\n", (double)(i % distinct) + shift);
	return s;
}

static const struct {
	size_t n, distinct;
	int test;
} rule[] = {
	{1000, 2, SIM_DRIFT_TEST_Z}, {1000, 5, SIM_DRIFT_TEST_CHISQUARE},
	{1000, 6, SIM_DRIFT_TEST_KS}, {1001, 5, SIM_DRIFT_TEST_JENSENSHANNON},
	{1001, 6, SIM_DRIFT_TEST_WASSERSTEIN},
};

START_TEST(default_test_rule)
{
	char *ref = column_csv(rule[_i].n, rule[_i].distinct, 0);
	char *cur = column_csv(200, rule[_i].distinct, 0);
	sim_drift_options o;
	sim_drift_options_init(&o);
	sim_drift_result *r;
	common_error err;
	ck_assert_int_eq(compare(ref, cur, &o, &r, &err), 0);
	ck_assert_int_eq(r->columns[0].test, rule[_i].test);
	ck_assert(!r->columns[0].drifted); /* same distribution, near enough */
	sim_drift_result_free(r);
	/* --test psi with a threshold overrides it. */
	o.test = SIM_DRIFT_TEST_PSI;
	o.threshold = 0.2;
	ck_assert_int_eq(compare(ref, cur, &o, &r, &err), 0);
	ck_assert_int_eq(r->columns[0].test, SIM_DRIFT_TEST_PSI);
	ck_assert_double_eq(r->columns[0].threshold, 0.2);
	sim_drift_result_free(r);
	free(ref);
	free(cur);
}
END_TEST

/* The fast number path must round exactly as strtod does. */
START_TEST(numbers_equal_strtod)
{
	static const char *fixed[] = {
		"0", "-0", "1", "+1.5", ".5", "5.", "1e10", "1E-5", "-2.5e+3",
		"123456789012345678", "1234567890123456789012", "0.1", "0.3",
		"9007199254740993", "1.7976931348623157e308", "4.9e-324",
		"2.2250738585072014e-308", " 42 ", "\t-3.25", "0.000001",
		"123.456789", "1e22", "1e23", "8.98846567431158e307",
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		double a, b = strtod(fixed[i], NULL);
		ck_assert_int_eq(sim_drift_parse_number(fixed[i], strlen(fixed[i]), &a), 1);
		ck_assert_msg(memcmp(&a, &b, sizeof a) == 0, "%s: %.17g vs %.17g", fixed[i], a, b);
	}
	static const char *not_numbers[] = {"", "-", ".", "e5", "1e", "1e+", "0x10",
					    "inf", "nan", "1,5", "1.2.3", "12a", "- 1"};
	for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++) {
		double a;
		ck_assert_int_eq(sim_drift_parse_number(not_numbers[i], strlen(not_numbers[i]), &a), 0);
	}
	double a;
	ck_assert_int_eq(sim_drift_parse_number("1e400", 5, &a), -1);
	/* 200,000 generated decimals of every length and exponent. */
	unsigned long long s = 7;
	char buf[64];
	for (int i = 0; i < 200000; i++) {
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		int digits = 1 + (int)((s >> 33) % 20), point = (int)((s >> 40) % (digits + 1));
		int ex = (int)((s >> 48) % 61) - 30;
		size_t p = 0;
		unsigned long long t = s;
		if (t & 1)
			buf[p++] = '-';
		for (int d = 0; d < digits; d++) {
			if (d == point && d)
				buf[p++] = '.';
			t = t * 2862933555777941757ull + 3037000493ull;
			buf[p++] = (char)('0' + (t >> 60) % 10);
		}
		p += (size_t)snprintf(buf + p, sizeof buf - p, "e%d", ex);
		double b = strtod(buf, NULL);
		ck_assert_int_eq(sim_drift_parse_number(buf, p, &a), 1);
		ck_assert_msg(memcmp(&a, &b, sizeof a) == 0, "%s: %.17g vs %.17g", buf, a, b);
	}
}
END_TEST

/* The padded-buffer parser of the read loop (its SWAR fast path and the
 * fallback) and the public parser's fast path against strtod, on 1,000,000
 * generated decimals without exponent (the shapes the fast paths take:
 * signs, leading zeros, a point anywhere or none, 1 to 20 digits) plus
 * blanks and a few non-numbers, each in a zero-padded buffer as
 * sim_csv_record provides. */
START_TEST(padded_numbers_equal_strtod)
{
	unsigned long long s = 11;
	char buf[64];
	int fails = 0;
	for (int i = 0; i < 1000000 && fails < 5; i++) {
		memset(buf, 0, sizeof buf);
		s = s * 6364136223846793005ull + 1442695040888963407ull;
		int digits = 1 + (int)((s >> 33) % 20), point = (int)((s >> 40) % (digits + 2));
		int shape = (int)((s >> 50) % 16);
		size_t p = 0;
		unsigned long long t = s;
		if (shape == 0)
			buf[p++] = ' ';
		if (t & 1)
			buf[p++] = '-';
		else if (t & 2)
			buf[p++] = '+';
		for (int d = 0; d < digits; d++) {
			if (d == point)
				buf[p++] = '.';
			t = t * 2862933555777941757ull + 3037000493ull;
			int zero = shape == 1 && d < digits / 2; /* leading zeros */
			buf[p++] = (char)(zero ? '0' : '0' + (t >> 60) % 10);
		}
		if (point == digits)
			buf[p++] = '.';
		if (shape == 2)
			buf[p++] = '\t';
		if (shape == 3 && p >= 2)
			buf[p - 1 - (t >> 61) % 2] = (char)"a.-e"[(t >> 59) % 4];
		char *end;
		double b = strtod(buf, &end), a1 = 0, a2 = 0;
		int want = end == buf + p || (end > buf && buf[p - 1] == '\t' &&
						end == buf + p - 1);
		int r1 = dd_parse_number_padded(buf, p, &a1);
		int r2 = sim_drift_parse_number(buf, p, &a2);
		if (r1 != want || r2 != want ||
		    (want && (memcmp(&a1, &b, sizeof b) || memcmp(&a2, &b, sizeof b)))) {
			fails++;
			ck_assert_msg(0, "'%s': %d %d (want %d) %a %a vs %a", buf, r1, r2,
				      want, a1, a2, b);
		}
	}
}
END_TEST

START_TEST(times)
{
	static const struct {
		const char *s;
		double t;
	} ok[] = {
		{"1970-01-01", 0}, {"2000-02-29T00:00:00Z", 951782400},
		{"2024-05-01T12:34:56.5Z", 1714566896.5},
		{"2024-05-01T14:34:56+02:00", 1714566896}, {"2024-05-01 12:34", 1714566840},
		{"1714566896", 1714566896},
	};
	for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		double t;
		ck_assert_msg(sim_drift_parse_time(ok[i].s, strlen(ok[i].s), &t), "%s", ok[i].s);
		ck_assert_double_eq(t, ok[i].t);
	}
	static const char *no[] = {"2023-02-29", "2024-13-01", "2024-01-01T25:00",
				   "yesterday", "2024-01-01T10:00:00X"};
	for (size_t i = 0; i < sizeof no / sizeof no[0]; i++) {
		double t;
		ck_assert_msg(!sim_drift_parse_time(no[i], strlen(no[i]), &t), "%s", no[i]);
	}
	/* the ends of four-digit years (days_from_civil by hand: 0000-03-01
	 * is day -719468, and 0000 is a leap year, so 0000-01-01 is 60 days
	 * earlier; 10000-01-01 is 2932897 days after 1970-01-01); beyond
	 * them the seconds themselves, not an overflowing date (a fuzzer
	 * found 1.7e26 converted to long long: undefined) */
	static const struct {
		double t;
		const char *want;
	} fmt[] = {
		{1714566896.5, "2024-05-01T12:34:56.500Z"},
		{951782400, "2000-02-29T00:00:00Z"},
		{-62167219200.0, "0000-01-01T00:00:00Z"},
		{253402300799.0, "9999-12-31T23:59:59Z"},
		{253402300800.0, "253402300800"},
		{1.7040111111111111e26, "1.70401111111111e+26"},
		{-1e300, "-1e+300"},
		{NAN, "-"},
	};
	for (size_t i = 0; i < sizeof fmt / sizeof fmt[0]; i++) {
		char buf[48];
		sim_drift_format_time(fmt[i].t, buf, sizeof buf);
		ck_assert_str_eq(buf, fmt[i].want);
	}
	/* epoch seconds in a time column: only within those years */
	static const char *range[] = {"253402300800", "-62167219201",
				      "17040111111111111111111100"};
	for (size_t i = 0; i < sizeof range / sizeof range[0]; i++) {
		double t;
		ck_assert_msg(!sim_drift_parse_time(range[i], strlen(range[i]), &t),
			      "%s", range[i]);
	}
	double t0;
	ck_assert(sim_drift_parse_time("253402300799.5", 14, &t0));
	ck_assert_double_eq(t0, 253402300799.5);
}
END_TEST

#define N(a) ((int)(sizeof(a) / sizeof((a)[0])))

Suite *test_datadrift_suite(void)
{
	Suite *s = suite_create("datadrift");
	TCase *tc = tcase_create("compare");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, types_missing_and_schema);
	tcase_add_test(tc, late_text_rereads_reference);
	tcase_add_test(tc, declared_ignored_and_time);
	tcase_add_loop_test(tc, bad_input, 0, N(bad));
	tcase_add_test(tc, header_only_and_all_missing);
	tcase_add_loop_test(tc, default_test_rule, 0, N(rule));
	tcase_add_test(tc, numbers_equal_strtod);
	tcase_add_test(tc, padded_numbers_equal_strtod);
	tcase_add_test(tc, times);
	suite_add_tcase(s, tc);
	return s;
}
