/* tests/assess/test_respondents.c: combining several respondents' answers
 * (median for ordinal and numbers, majority for yes/no, na by strict
 * majority, ties as a range), agreement and the disagreement list. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "tests/assess/helpers.h"

#define TOL 1e-12

/* One question, answered by each respondent in turn ("-" = no answer). */
struct row {
	const char *q;
	const char *v[4];
	enum assess_answer_state state;
	double lo, hi;
	const char *value; /* assess_answer_value */
};

static const struct row rows[] = {
	/* ordinal no < part < full: median of no, part, full is part */
	{"a2", {"no", "part", "full", NULL}, ASSESS_VALUE, 0.5, 0.5, "part"},
	/* even count, different middles: the range between them */
	{"a2", {"no", "full", NULL, NULL}, ASSESS_VALUE, 0, 1, "no..full"},
	{"a2", {"no", "part", "part", "full"}, ASSESS_VALUE, 0.5, 0.5, "part"},
	/* yes/no majority; a tie is a range */
	{"a1", {"yes", "yes", "no", NULL}, ASSESS_VALUE, 1, 1, "yes"},
	{"a1", {"yes", "no", NULL, NULL}, ASSESS_VALUE, 0, 1, "no..yes"},
	/* na by strict majority only; unknowns do not vote */
	{"a1", {"na", "na", "yes", NULL}, ASSESS_NA, NAN, NAN, "na"},
	{"a1", {"na", "yes", NULL, NULL}, ASSESS_VALUE, 1, 1, "yes"},
	{"a1", {"unknown", "no", "unknown", NULL}, ASSESS_VALUE, 0, 0, "no"},
	{"a1", {"unknown", "unknown", NULL, NULL}, ASSESS_UNKNOWN, NAN, NAN,
	 "unknown"},
	{"a1", {"-", "-", NULL, NULL}, ASSESS_MISSING, NAN, NAN, ""},
	/* numbers: median 17.5 lies in [10,50] -> .5; 5 and 60 -> 32.5 -> .5 */
	{"a3", {"5", "30", NULL, NULL}, ASSESS_VALUE, 0.5, 0.5, "17.5"},
	{"a3", {"5", "60", "70", NULL}, ASSESS_VALUE, 0, 0, "60"},
};

START_TEST(test_combine)
{
	const struct row *w = &rows[_i];
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	char buf[2048] = "";
	size_t used = 0;
	for (int i = 0; i < 4 && w->v[i]; i++) {
		if (strcmp(w->v[i], "-") == 0)
			used += (size_t)snprintf(buf + used, sizeof buf - used,
						 "<respondent id=\"p%d\"/>", i);
		else
			used += (size_t)snprintf(buf + used, sizeof buf - used,
						 "<respondent id=\"p%d\"><answer question=\"%s\" value=\"%s\"/></respondent>",
						 i, w->q, w->v[i]);
	}
	assess_responses *r = tresp(m, buf);
	assess_answer a;
	assess_combine_answer(m, tq(m, w->q), r, &a);
	ck_assert_int_eq(a.state, w->state);
	if (!isnan(w->lo)) {
		ck_assert_double_eq_tol(a.score_lo, w->lo, TOL);
		ck_assert_double_eq_tol(a.score_hi, w->hi, TOL);
	}
	char v[64];
	assess_answer_value(&m->questions[tq(m, w->q)], &a, v, sizeof v);
	ck_assert_str_eq(v, w->value);
	assess_responses_free(r);
	assess_model_free(m);
}
END_TEST

/* Two respondents: disagreements sorted by spread, na splits listed;
 * alpha computed over the scored answers. Scores per question (p0, p1):
 * a1 (1, 0), a2 (.5, .5), a3 (1, .5), b1 (1, 1), b2 (na, 1).
 * Pairable units a1, a2, a3, b1 (b2 has one value). Interval alpha by
 * hand: values 1,0, .5,.5, 1,.5, 1,1 (n = 8); observed pairs each weigh
 * 1/(2-1): D_o = (2*1 + 0 + 2*.25 + 0)/8 = 2.5/8; mean 5.5/8 = .6875,
 * squared deviations 4 * .3125^2 + .6875^2 + 3 * .1875^2 = .96875, so
 * D_e = sum over pairs / (n(n-1)) = 2 * 8 * .96875 / 56 = .2767857143 and
 * alpha = 1 - .3125/.2767857143 = -0.1290322581 (worse than chance). */
START_TEST(test_agreement)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	tscored s = tscore(
		m, "<respondent id=\"p0\">"
		   "<answer question=\"a1\" value=\"yes\"/><answer question=\"a2\" value=\"part\"/>"
		   "<answer question=\"a3\" value=\"1\"/><answer question=\"b1\" value=\"yes\"/>"
		   "<answer question=\"b2\" value=\"na\"/></respondent>"
		   "<respondent id=\"p1\">"
		   "<answer question=\"a1\" value=\"no\"/><answer question=\"a2\" value=\"part\"/>"
		   "<answer question=\"a3\" value=\"20\"/><answer question=\"b1\" value=\"yes\"/>"
		   "<answer question=\"b2\" value=\"yes\"/></respondent>");
	const assess_agreement *g = &s.res->agreement;
	ck_assert_uint_eq(g->nrespondents, 2);
	ck_assert_uint_eq(g->nunits, 4);
	ck_assert_double_eq_tol(g->alpha_interval, 1 - 0.3125 / (2 * 8 * 0.96875 / 56), 1e-12);
	ck_assert_double_eq_tol(g->alpha_interval, -0.1290322581, 1e-9);
	ck_assert_uint_eq(g->ndisagreements, 3);
	ck_assert_uint_eq(g->disagreements[0].question, tq(m, "a1"));
	ck_assert_double_eq(g->disagreements[0].spread, 1);
	ck_assert_uint_eq(g->disagreements[1].question, tq(m, "a3"));
	ck_assert_double_eq(g->disagreements[1].spread, 0.5);
	ck_assert_uint_eq(g->disagreements[2].question, tq(m, "b2"));
	ck_assert_int_eq(g->disagreements[2].na_split, 1);
	/* combined: a1 tie -> range [0, 1]; b2 na vs yes -> yes */
	ck_assert_int_eq(s.res->questions[tq(m, "a1")].state, ASSESS_Q_UNKNOWN);
	ck_assert_int_eq(s.res->questions[tq(m, "b2")].state, ASSESS_Q_SCORED);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* Merging files: same team and date only; respondent ids stay unique. */
START_TEST(test_merge)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	common_error err;
	common_error_clear(&err);
	assess_responses *a = tresp(m, "<respondent id=\"x\"/>");
	assess_responses *b = tresp(m, "<respondent id=\"y\"/>");
	ck_assert_int_eq(assess_responses_merge(a, b, &err), 0);
	ck_assert_uint_eq(a->nrespondents, 2);
	assess_responses *c = tresp(m, "<respondent id=\"x\"/>");
	ck_assert_int_eq(assess_responses_merge(a, c, &err), COMMON_EINPUT);
	ck_assert_str_eq(err.msg, "respondent 'x' of team 't' on 2024-01-31 also answers in <resp>");
	assess_responses_free(a);
	assess_model_free(m);
}
END_TEST

Suite *test_respondents_suite(void)
{
	Suite *s = suite_create("assess_respondents");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_combine, 0, sizeof rows / sizeof rows[0]);
	tcase_add_test(tc, test_agreement);
	tcase_add_test(tc, test_merge);
	suite_add_tcase(s, tc);
	return s;
}
