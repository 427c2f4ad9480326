/* tests/assess/test_actions.c: next-best actions ranked under the model's
 * own rule. Answers: a1 no, a2 part, a3 30, b1 no, b2 yes on model T, so
 * a = (0 + 1.5 + 1)/6 = 5/12 and b = (0 + 1)/2 = 1/2 (dimension weights
 * 1 and 2). Hand computations in each test. */
#include <check.h>
#include <math.h>

#include "tests/assess/helpers.h"

#define A(q, v) "<answer question=\"" q "\" value=\"" v "\"/>"
#define ANSWERS A("a1", "no") A("a2", "part") A("a3", "30") A("b1", "no") A("b2", "yes")
#define TOL 1e-12

/* Weighted mean: overall = (5/12 + 2 * 1/2)/3 = 17/36.
 *   b1 -> yes: b = 1, overall (5/12 + 2)/3 = 29/36, gain 12/36 = 1/3
 *   a2 -> full: a = 4/6, overall (2/3 + 1)/3 = 5/9, gain 3/36 = 1/12
 *   a1 -> yes: a = 3.5/6, overall (7/12 + 1)/3 = 19/36, gain 1/18
 *   a3 -> 1: a = 3.5/6, gain 1/18 (tie with a1: a1 first, its level
 *   progress rises by 1/2, a3's by 0) */
START_TEST(test_weighted_mean_ranking)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	tscored s = tscore(m, ANSWERS);
	const assess_result *r = s.res;
	ck_assert_double_eq_tol(r->score.low, 17.0 / 36, TOL);
	ck_assert_uint_eq(r->nactions, 4);
	static const char *order[] = {"b1", "a2", "a1", "a3"};
	static const double gain[] = {1.0 / 3, 1.0 / 12, 1.0 / 18, 1.0 / 18};
	for (size_t i = 0; i < 4; i++) {
		ck_assert_uint_eq(r->actions[i].question, tq(m, order[i]));
		ck_assert_double_eq_tol(r->actions[i].gain, gain[i], TOL);
		ck_assert_double_eq_tol(r->actions[i].score_gain, gain[i], TOL);
	}
	ck_assert_double_eq_tol(r->actions[2].level_gain, 0.5, TOL);
	ck_assert_double_eq_tol(r->actions[3].level_gain, 0, TOL);
	ck_assert_int_eq(r->actions[0].target, 1); /* "yes" */
	ck_assert_double_eq(r->actions[0].from, 0);
	ck_assert_double_eq(r->actions[0].to, 1);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* Minimum over dimensions: overall = min(5/12, 1/2) = 5/12; only the
 * weakest dimension (a) pays:
 *   a1 -> yes: min(7/12, 1/2) = 1/2, gain 1/12 (level progress +1/2)
 *   a2 -> full: min(2/3, 1/2), gain 1/12 (progress +0)
 *   a3 -> 1:   min(7/12, 1/2), gain 1/12 (progress +0)
 *   b1 -> yes: min(5/12, 1) = 5/12, gain 0: listed last, for its level
 *   progress (+1/2) only. Under the weighted mean b1 came first. */
START_TEST(test_minimum_ranking)
{
	assess_model *m = tmodel_t("weighted-mean", "minimum");
	tscored s = tscore(m, ANSWERS);
	const assess_result *r = s.res;
	ck_assert_double_eq_tol(r->score.low, 5.0 / 12, TOL);
	ck_assert_uint_eq(r->nactions, 4);
	static const char *order[] = {"a1", "a2", "a3", "b1"};
	static const double gain[] = {1.0 / 12, 1.0 / 12, 1.0 / 12, 0};
	for (size_t i = 0; i < 4; i++) {
		ck_assert_uint_eq(r->actions[i].question, tq(m, order[i]));
		ck_assert_double_eq_tol(r->actions[i].gain, gain[i], TOL);
	}
	ck_assert_double_eq_tol(r->actions[3].level_gain, 0.5, TOL);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* Ranked by level (staged dimensions): level 0, progress 0 (l1 needs a1
 * and b1, neither met). a1 and b1 each add 1/2; a2, a3 (requirements of
 * level 2 only) add nothing: under a gate only the blocking items pay. */
START_TEST(test_staged_ranking)
{
	assess_model *m = tmodel_t("weighted-mean", "staged");
	ck_assert_int_eq(m->rank_by_level, 1);
	tscored s = tscore(m, ANSWERS);
	const assess_result *r = s.res;
	ck_assert_uint_eq(r->nactions, 2);
	ck_assert_uint_eq(r->actions[0].question, tq(m, "a1"));
	ck_assert_uint_eq(r->actions[1].question, tq(m, "b1"));
	ck_assert_double_eq_tol(r->actions[0].gain, 0.5, TOL);
	ck_assert_double_eq_tol(r->actions[1].gain, 0.5, TOL);
	ck_assert_int_eq(r->actions[0].blocking, 1);
	ck_assert_int_eq(r->actions[1].blocking, 1);
	ck_assert_uint_eq(r->ngaps, 2);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* Nothing left to do: no actions. NA questions are never actions. */
START_TEST(test_no_actions_at_best)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	tscored s = tscore(m, A("a1", "yes") A("a2", "full") A("a3", "1")
				     A("b1", "yes") A("b2", "na"));
	ck_assert_uint_eq(s.res->nactions, 0);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

Suite *test_actions_suite(void)
{
	Suite *s = suite_create("assess_actions");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_weighted_mean_ranking);
	tcase_add_test(tc, test_minimum_ranking);
	tcase_add_test(tc, test_staged_ranking);
	tcase_add_test(tc, test_no_actions_at_best);
	suite_add_tcase(s, tc);
	return s;
}
