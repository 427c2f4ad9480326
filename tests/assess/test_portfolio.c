/* tests/assess/test_portfolio.c: several teams (matrix and quartiles) and
 * dated assessments of one team (per-dimension change). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tests/assess/helpers.h"

static assess_responses *dated(const assess_model *m, const char *team,
			       const char *date, const char *a2)
{
	char xml[1024];
	snprintf(xml, sizeof xml,
		 "<responses xmlns=\"urn:mlopskit:responses:1\" model=\"t\" "
		 "model-version=\"1\" team=\"%s\" date=\"%s\"><respondent id=\"p\">"
		 "<answer question=\"a1\" value=\"na\"/><answer question=\"a2\" value=\"%s\"/>"
		 "<answer question=\"a3\" value=\"na\"/><answer question=\"b1\" value=\"na\"/>"
		 "<answer question=\"b2\" value=\"na\"/></respondent></responses>",
		 team, date, a2);
	common_error err;
	common_error_clear(&err);
	assess_responses *r = NULL;
	ck_assert_int_eq(assess_responses_load_memory(m, xml, strlen(xml), "r",
						      &r, &err),
			 0);
	return r;
}

/* Dimension a over four teams = a2's score: 0, .5, 1, 1. Quartiles by
 * linear interpolation at (n-1)p: q1 at .75 -> .375, median at 1.5 -> .75,
 * q3 at 2.25 -> 1; mean 2.5/4. Dimension b is na everywhere: n = 0. */
START_TEST(test_portfolio)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	static const char *v[] = {"full", "no", "part", "full"};
	static const char *teams[] = {"w", "x", "y", "z"};
	assess_responses *r[4];
	assess_result *res[4];
	common_error err;
	common_error_clear(&err);
	for (int i = 0; i < 4; i++) {
		r[i] = dated(m, teams[i], "2024-03-01", v[i]);
		ck_assert_int_eq(assess_score(m, r[i], &res[i], &err), 0);
	}
	assess_portfolio *p = NULL;
	ck_assert_int_eq(assess_portfolio_new((const assess_result *const *)res,
					      4, &p, &err),
			 0);
	ck_assert_uint_eq(p->nteams, 4);
	ck_assert_double_eq(p->matrix[1 * m->ndims + 0].low, 0);
	ck_assert(isnan(p->matrix[1 * m->ndims + 1].low));
	const assess_stats *s = &p->low[0];
	ck_assert_uint_eq(s->n, 4);
	ck_assert_double_eq_tol(s->min, 0, 1e-15);
	ck_assert_double_eq_tol(s->q1, 0.375, 1e-15);
	ck_assert_double_eq_tol(s->median, 0.75, 1e-15);
	ck_assert_double_eq_tol(s->q3, 1, 1e-15);
	ck_assert_double_eq_tol(s->max, 1, 1e-15);
	ck_assert_double_eq_tol(s->mean, 0.625, 1e-15);
	ck_assert_uint_eq(p->low[1].n, 0);
	ck_assert(isnan(p->low[1].mean));
	ck_assert_double_eq_tol(p->overall_low.median, 0.75, 1e-15);
	assess_portfolio_free(p);
	for (int i = 0; i < 4; i++) {
		assess_result_free(res[i]);
		assess_responses_free(r[i]);
	}
	assess_model_free(m);
}
END_TEST

/* One team on three dates, given out of order: sorted by date; change is
 * last minus first: part (.5) on 2024-01 to full (1) on 2024-09 = +.5. */
START_TEST(test_trend)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	static const char *dates[] = {"2024-09-30", "2024-01-31", "2024-05-31"};
	static const char *v[] = {"full", "part", "no"};
	assess_responses *r[3];
	assess_result *res[3];
	common_error err;
	common_error_clear(&err);
	for (int i = 0; i < 3; i++) {
		r[i] = dated(m, "t", dates[i], v[i]);
		ck_assert_int_eq(assess_score(m, r[i], &res[i], &err), 0);
	}
	assess_trend *t = NULL;
	ck_assert_int_eq(assess_trend_new((const assess_result *const *)res, 3,
					  &t, &err),
			 0);
	ck_assert_str_eq(t->points[0]->responses->date, "2024-01-31");
	ck_assert_str_eq(t->points[2]->responses->date, "2024-09-30");
	ck_assert_double_eq_tol(t->change[0].low, 0.5, 1e-15);
	ck_assert(isnan(t->change[1].low)); /* b is na */
	ck_assert_double_eq_tol(t->overall_change.low, 0.5, 1e-15);
	assess_trend_free(t);
	/* a second team cannot join the trend */
	assess_responses *other = dated(m, "u", "2024-02-29", "no");
	assess_result *ro = NULL;
	ck_assert_int_eq(assess_score(m, other, &ro, &err), 0);
	const assess_result *mixed[2] = {res[0], ro};
	ck_assert_int_eq(assess_trend_new(mixed, 2, &t, &err), COMMON_EINPUT);
	assess_result_free(ro);
	assess_responses_free(other);
	for (int i = 0; i < 3; i++) {
		assess_result_free(res[i]);
		assess_responses_free(r[i]);
	}
	assess_model_free(m);
}
END_TEST

Suite *test_portfolio_suite(void)
{
	Suite *s = suite_create("assess_portfolio");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_portfolio);
	tcase_add_test(tc, test_trend);
	suite_add_tcase(s, tc);
	return s;
}
