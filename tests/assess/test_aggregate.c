/* tests/assess/test_aggregate.c: every aggregation mode on the test model
 * T (tests/assess/helpers.h) with hand-computed expectations: N/A in every
 * position, unknown answers giving ranges, band ends, staged levels. The
 * arithmetic of each row is in its comment. */
#include <check.h>
#include <math.h>
#include <string.h>

#include "tests/assess/helpers.h"

#define NA NAN
#define TOL 1e-12

#define A(q, v) "<answer question=\"" q "\" value=\"" v "\"/>"

struct row {
	const char *name, *qagg, *dagg, *answers;
	double a_lo, a_hi, b_lo, b_hi, all_lo, all_hi, lvl_lo, lvl_hi;
	const char *band_lo, *band_hi; /* NULL: no band */
};

/* answers used by several rows */
#define CASE1 A("a1", "yes") A("a2", "part") A("a3", "30") A("b1", "yes") A("b2", "no")
#define NA_FIRST A("a1", "na") A("a2", "full") A("a3", "5") A("b1", "yes") A("b2", "yes")
#define NA_MIDDLE A("a1", "no") A("a2", "na") A("a3", "10") A("b1", "no") A("b2", "na")
#define NA_LAST A("a1", "yes") A("a2", "full") A("a3", "na") A("b1", "na") A("b2", "na")
#define ALL_NA A("a1", "na") A("a2", "na") A("a3", "na") A("b1", "na") A("b2", "na")
#define UNKNOWN A("a1", "unknown") A("a2", "part") A("a3", "30") A("b1", "yes") A("b2", "unknown")

static const struct row rows[] = {
	/* a = (1*1 + 3*.5 + 2*.5)/6 = 3.5/6; b = (1+0)/2; all = (3.5/6 + 2*.5)/3 */
	{"mean", "weighted-mean", "weighted-mean", CASE1, 3.5 / 6, 3.5 / 6, 0.5,
	 0.5, (3.5 / 6 + 1) / 3, (3.5 / 6 + 1) / 3, 1, 1, "mid", "mid"},
	/* a1 na: a = (3*1 + 2*1)/5 = 1; b = 1; level 2 (a1 na does not block) */
	{"mean na first", "weighted-mean", "weighted-mean", NA_FIRST, 1, 1, 1, 1,
	 1, 1, 2, 2, "high", "high"},
	/* a2 na: a = (0 + 2*.5)/3 (10 is in the closed lower end of
	 * [10,50]); b = 0/1; all = (1/3 + 0)/3 = 1/9 */
	{"mean na middle", "weighted-mean", "weighted-mean", NA_MIDDLE, 1.0 / 3,
	 1.0 / 3, 0, 0, 1.0 / 9, 1.0 / 9, 0, 0, "low", "low"},
	/* a = (1 + 3)/4; b all na: left out; all = a; level 2: na never blocks */
	{"mean na last", "weighted-mean", "weighted-mean", NA_LAST, 1, 1, NA, NA,
	 1, 1, 2, 2, "high", "high"},
	{"mean all na", "weighted-mean", "weighted-mean", ALL_NA, NA, NA, NA, NA,
	 NA, NA, 2, 2, NULL, NULL},
	/* a1 in [0,1]: a = [(0+1.5+1)/6, 3.5/6]; b2 in [0,1]: b = [.5, 1];
	 * all = [(2.5/6 + 1)/3, (3.5/6 + 2)/3]; level: a1 worst blocks l1 */
	{"mean unknown", "weighted-mean", "weighted-mean", UNKNOWN, 2.5 / 6,
	 3.5 / 6, 0.5, 1, (2.5 / 6 + 1) / 3, (3.5 / 6 + 2) / 3, 0, 1, "low",
	 "high"},
	/* sum: a = 1 + 1.5 + 1; b = 1 + 0; all = 1*3.5 + 2*1 */
	{"sum", "sum", "sum", CASE1, 3.5, 3.5, 1, 1, 5.5, 5.5, 1, 1, NULL, NULL},
	/* sum, a2 na: a = 0 + 2*.5; b = 0; all = 1 */
	/* 1 lies in the closed upper end of high (0.8,1] */
	{"sum na middle", "sum", "sum", NA_MIDDLE, 1, 1, 0, 0, 1, 1, 0, 0, "high",
	 "high"},
	{"sum na first", "sum", "sum", NA_FIRST, 5, 5, 2, 2, 9, 9, 2, 2, NULL,
	 NULL},
	{"sum unknown", "sum", "sum", UNKNOWN, 2.5, 3.5, 1, 2, 4.5, 7.5, 0, 1,
	 NULL, NULL},
	/* minimum: a = min(1,.5,.5); b = min(1,0); all = min */
	{"minimum", "minimum", "minimum", CASE1, 0.5, 0.5, 0, 0, 0, 0, 1, 1,
	 "low", "low"},
	{"minimum na first", "minimum", "minimum", NA_FIRST, 1, 1, 1, 1, 1, 1, 2,
	 2, "high", "high"},
	{"minimum na middle", "minimum", "minimum", NA_MIDDLE, 0, 0, 0, 0, 0, 0,
	 0, 0, "low", "low"},
	{"minimum na last", "minimum", "minimum", NA_LAST, 1, 1, NA, NA, 1, 1, 2,
	 2, "high", "high"},
	/* a in [min(0,.5,.5), min(1,.5,.5)], b in [0, 1]; all = [0, .5] */
	{"minimum unknown", "minimum", "minimum", UNKNOWN, 0, 0.5, 0, 1, 0, 0.5,
	 0, 1, "low", "mid"},
	/* mixed: questions mean, dimensions minimum: min(3.5/6, .5) */
	{"mean then minimum", "weighted-mean", "minimum", CASE1, 3.5 / 6,
	 3.5 / 6, 0.5, 0.5, 0.5, 0.5, 1, 1, "mid", "mid"},
	/* staged: dimension a passes l1 (a1), fails l2 (a2 part): 1; b: 1 */
	{"staged", "staged", "staged", CASE1, 1, 1, 1, 1, 1, 1, 1, 1, "high",
	 "high"},
	{"staged na first", "staged", "staged", NA_FIRST, 2, 2, 2, 2, 2, 2, 2, 2,
	 NULL, NULL},
	/* a: l1 fails on a1 = no: 0; b: b1 = no: 0 */
	{"staged na middle", "staged", "staged", NA_MIDDLE, 0, 0, 0, 0, 0, 0, 0,
	 0, "low", "low"},
	/* a1 unknown: a in [0, 1]; b1 yes, b2 unknown: b in [1, 2] */
	{"staged unknown", "staged", "staged", UNKNOWN, 0, 1, 1, 2, 0, 1, 0, 1,
	 "low", "high"},
	/* staged dimensions over mean questions: the overall is the level */
	{"mean then staged", "weighted-mean", "staged", CASE1, 3.5 / 6, 3.5 / 6,
	 0.5, 0.5, 1, 1, 1, 1, "high", "high"},
};

static void expect(double got, double want, const char *what, const char *row)
{
	if (isnan(want))
		ck_assert_msg(isnan(got), "%s: %s = %.17g, want n/a", row, what,
			      got);
	else
		ck_assert_msg(fabs(got - want) <= TOL,
			      "%s: %s = %.17g, want %.17g", row, what, got, want);
}

static void expect_band(const assess_model *m, long got, const char *want,
			const char *row)
{
	if (!want)
		ck_assert_msg(got < 0, "%s: band %ld, want none", row, got);
	else
		ck_assert_msg(got >= 0 && strcmp(m->bands[got].id, want) == 0,
			      "%s: band %s, want %s", row,
			      got >= 0 ? m->bands[got].id : "none", want);
}

START_TEST(test_rows)
{
	const struct row *w = &rows[_i];
	assess_model *m = tmodel_t(w->qagg, w->dagg);
	tscored s = tscore(m, w->answers);
	const assess_result *r = s.res;
	expect(r->dims[0].score.low, w->a_lo, "a.low", w->name);
	expect(r->dims[0].score.high, w->a_hi, "a.high", w->name);
	expect(r->dims[1].score.low, w->b_lo, "b.low", w->name);
	expect(r->dims[1].score.high, w->b_hi, "b.high", w->name);
	expect(r->score.low, w->all_lo, "overall.low", w->name);
	expect(r->score.high, w->all_hi, "overall.high", w->name);
	expect(r->level.low, w->lvl_lo, "level.low", w->name);
	expect(r->level.high, w->lvl_hi, "level.high", w->name);
	ck_assert_int_eq(r->dims[1].na, isnan(w->b_lo));
	ck_assert_int_eq(r->na, isnan(w->all_lo));
	expect_band(m, r->band_low, w->band_lo, w->name);
	expect_band(m, r->band_high, w->band_hi, w->name);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* Band ends: [0,0.5) low, [0.5,0.8] mid, (0.8,1] high: exactly 0.5 is mid
 * (closed lower end), exactly 0.8 is mid (closed upper end), and the score
 * 0.8 + tiny is high. Scores are made with a1 alone (b all na):
 * a = (w1*a1 + ...) chosen so the mean hits the boundary exactly. */
struct band_row {
	const char *answers;
	double score;
	const char *band;
};
static const struct band_row band_rows[] = {
	/* a1 yes, a2 no: (1 + 0)/4 = .25 */
	{A("a1", "yes") A("a2", "no") A("a3", "na") A("b1", "na") A("b2", "na"), 0.25, "low"},
	/* a2 part alone: .5, the closed lower end of mid */
	{A("a1", "na") A("a2", "part") A("a3", "na") A("b1", "na") A("b2", "na"), 0.5, "mid"},
	/* a1 no (w1), a3 = 5 (w2): 2/3 */
	{A("a1", "no") A("a2", "na") A("a3", "5") A("b1", "na") A("b2", "na"), 2.0 / 3, "mid"},
	/* a2 full (w3), a3 = 60 -> 0 (w2)... (3 + 0)/5 = .6 */
	{A("a1", "na") A("a2", "full") A("a3", "60") A("b1", "na") A("b2", "na"), 0.6, "mid"},
	/* a1 yes, a2 full, a3 = 50 -> .5 (the closed upper end of [10,50]):
	 * (1 + 3 + 1)/6 = 5/6 > .8: high */
	{A("a1", "yes") A("a2", "full") A("a3", "50") A("b1", "na") A("b2", "na"), 5.0 / 6, "high"},
	/* a3 = 50.5 lies in (50, inf) -> 0: (1 + 3 + 0)/6 = 2/3 */
	{A("a1", "yes") A("a2", "full") A("a3", "50.5") A("b1", "na") A("b2", "na"), 4.0 / 6, "mid"},
	/* all best: 1, the closed upper end of high */
	{A("a1", "yes") A("a2", "full") A("a3", "9.99") A("b1", "na") A("b2", "na"), 1, "high"},
	/* b only, dims minimum not used: b1 yes b2 no -> .5 mid; checked on b */
};

START_TEST(test_band_ends)
{
	const struct band_row *w = &band_rows[_i];
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	tscored s = tscore(m, w->answers);
	expect(s.res->score.low, w->score, "score", w->answers);
	expect_band(m, s.res->band_low, w->band, w->answers);
	expect_band(m, s.res->dims[0].band_low, w->band, w->answers);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* 0.8 exactly: b (weight 2 of 3 in dims) alone scores .8 with b weights
 * 4:1 -> tested with a model of its own so the boundary is exact. */
START_TEST(test_band_upper_closed_exact)
{
	assess_model *m = tmodel(
		"<model xmlns=\"urn:mlopskit:model:1\" id=\"u\" version=\"1\">"
		"<title>u</title><scoring/>"
		"<dimension id=\"d\"><label>d</label>"
		"<question id=\"x\" weight=\"4\"><text>x</text><yesno/></question>"
		"<question id=\"y\"><text>y</text><yesno/></question></dimension>"
		"<bands><band id=\"mid\" lower=\"0.5\" upper=\"0.8\" upper-closed=\"true\"><label>m</label></band>"
		"<band id=\"high\" lower=\"0.8\" lower-closed=\"false\" upper=\"1\" upper-closed=\"true\"><label>h</label></band>"
		"<band id=\"low\" upper=\"0.5\"><label>l</label></band></bands></model>");
	tscored s = tscore(m, A("x", "yes") A("y", "no"));
	expect(s.res->score.low, 0.8, "score", "x yes y no");
	expect_band(m, s.res->band_low, "mid", "0.8");
	tscored_free(&s);
	s = tscore(m, A("x", "no") A("y", "no"));
	expect_band(m, s.res->band_low, "low", "0 in (-inf,0.5)");
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* The staged gate: every requirement of l2 met but one blocks level 2;
 * the gaps are exactly that one. */
START_TEST(test_gate_blocked_by_one)
{
	assess_model *m = tmodel_t("staged", "staged");
	tscored s = tscore(m, A("a1", "yes") A("a2", "full") A("a3", "5")
				     A("b1", "yes") A("b2", "no"));
	ck_assert_double_eq(s.res->level.low, 1);
	ck_assert_double_eq(s.res->dims[0].level.low, 2);
	ck_assert_double_eq(s.res->dims[1].level.low, 1);
	ck_assert_uint_eq(s.res->ngaps, 1);
	ck_assert_uint_eq(s.res->gaps[0].question, tq(m, "b2"));
	ck_assert_int_eq(s.res->gaps[0].unknown, 0);
	/* progress: level 1 + 2 of 3 requirements of level 2 */
	expect(s.res->progress.low, 1 + 2.0 / 3, "progress", "gate");
	/* only the blocking item pays: one action, worth the last third */
	ck_assert_uint_eq(s.res->nactions, 1);
	ck_assert_uint_eq(s.res->actions[0].question, tq(m, "b2"));
	ck_assert_int_eq(s.res->actions[0].blocking, 1);
	expect(s.res->actions[0].gain, 1.0 / 3, "gain", "gate");
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* Gaps with unknowns: level 0 in the worst case; l1 needs a1 (unknown:
 * might be met) and b1 (met): one gap, marked unknown. */
START_TEST(test_gaps_unknown)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	tscored s = tscore(m, UNKNOWN);
	ck_assert_uint_eq(s.res->ngaps, 1);
	ck_assert_uint_eq(s.res->gaps[0].question, tq(m, "a1"));
	ck_assert_int_eq(s.res->gaps[0].unknown, 1);
	ck_assert_uint_eq(s.res->nunknown, 2);
	ck_assert_uint_eq(s.res->nscored, 3);
	tscored_free(&s);
	/* case 1: level 1 reached; l2 needs a2 full, a3 >= 5, b2 yes: all
	 * three unmet */
	s = tscore(m, CASE1);
	ck_assert_uint_eq(s.res->ngaps, 3);
	ck_assert_uint_eq(s.res->gaps[0].question, tq(m, "a2"));
	ck_assert_uint_eq(s.res->gaps[1].question, tq(m, "a3"));
	ck_assert_uint_eq(s.res->gaps[2].question, tq(m, "b2"));
	tscored_free(&s);
	/* the top level has no gaps */
	s = tscore(m, NA_FIRST);
	ck_assert_uint_eq(s.res->ngaps, 0);
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

/* A missing answer counts as unknown and is reported as unanswered. */
START_TEST(test_missing_is_unknown)
{
	assess_model *m = tmodel_t("weighted-mean", "weighted-mean");
	tscored s = tscore(m, A("a1", "yes") A("a2", "part") A("a3", "30")
				     A("b1", "yes"));
	ck_assert_uint_eq(s.res->nunanswered, 1);
	ck_assert_int_eq(s.res->questions[tq(m, "b2")].state, ASSESS_Q_UNKNOWN);
	expect(s.res->dims[1].score.low, 0.5, "b.low", "missing");
	expect(s.res->dims[1].score.high, 1, "b.high", "missing");
	tscored_free(&s);
	assess_model_free(m);
}
END_TEST

Suite *test_aggregate_suite(void)
{
	Suite *s = suite_create("assess_aggregate");
	TCase *tc = tcase_create("core");
	tcase_add_loop_test(tc, test_rows, 0, sizeof rows / sizeof rows[0]);
	tcase_add_loop_test(tc, test_band_ends, 0,
			    sizeof band_rows / sizeof band_rows[0]);
	tcase_add_test(tc, test_band_upper_closed_exact);
	tcase_add_test(tc, test_gate_blocked_by_one);
	tcase_add_test(tc, test_gaps_unknown);
	tcase_add_test(tc, test_missing_is_unknown);
	suite_add_tcase(s, tc);
	return s;
}
